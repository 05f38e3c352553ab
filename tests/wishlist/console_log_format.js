// test: console.log applies format specifiers (%s, %d, %i, %f, %j, %o, %O, %%) in a first string argument, as Node's util.format does
// output:
// | 5 items
// | x! y
// | 100% 7
console.log("%d items", 5);
console.log("%s!", "x", "y");
console.log("100%% %i", 7.9);
