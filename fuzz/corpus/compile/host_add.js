// test: host import 1 (add) and import 2 (callBack) return values to the script
// call: 1 20 22
// output:
// | 5
// | ab 1b
// | 2147483648
// | 0.30000000000000004
// | 42
// | no args
// | 1
// | 42
// | 2
// | 42 42
const add = vmImport(1);
const callBack = vmImport(2);
console.log(add(2, 3));
console.log(add("a", "b"), add(1, "b"));
console.log(add(2147483647, 1));
console.log(add(0.1, 0.2));
console.log(callBack(function (a, b) {
  return a * b;
}, 6, 7));
console.log(callBack(() => "no args"));
let counter = 0;
callBack(() => {
  counter = counter + 1;
});
console.log(counter);
console.log(callBack(add, 40, 2));
console.log(callBack(callBack, (x) => x + 1, 1));
vmExport(1, function (a, b) {
  console.log(add(a, b), callBack(function (x) {
    return x + a;
  }, b));
});
