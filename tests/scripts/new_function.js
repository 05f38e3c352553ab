// test: new Function and Function with several parameters, defaults and rest, kept in the image
// call: 1 2 3
// output:
// | 5 6 7 undefined
// | 10 3
// | 5 6

// new Function / Function at build time: parameters, body, the generated
// function kept in the image.
const add = new Function("a", "b", "return a + b");
const add3 = Function("a, b", "c", "return a + b + c");
const noParams = new Function("return 7");
const empty = new Function();
console.log(add(2, 3), add3(1, 2, 3), noParams(), empty());
const withDefaults = new Function("x = 10", "...rest", "return x + rest.length");
console.log(withDefaults(), withDefaults(1, 2, 3));
vmExport(1, (a, b) => console.log(add(a, b), add3(a, b, 1)));
