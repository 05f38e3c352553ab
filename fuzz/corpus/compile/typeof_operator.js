// test: typeof for every kind of value, including null and undeclared-free forms
// output:
// | number number number number number
// | number number
// | string string string
// | boolean boolean
// | undefined object
// | object object number
// | function function function
// | undefined
// | function undefined
// | string
// | function undefined
// | function function
console.log(typeof 1, typeof 1.5, typeof -0, typeof (0 / 0), typeof (1 / 0));
console.log(typeof 2147483648, typeof 8192);
console.log(typeof "", typeof "x", typeof ("a" + 1));
console.log(typeof true, typeof false);
console.log(typeof undefined, typeof null);
console.log(typeof {}, typeof [], typeof { a: 1 }.a);
console.log(typeof function () {}, typeof (() => 1), typeof console.log);
let u;
console.log(typeof u);
function f() {}
console.log(typeof f, typeof f());
console.log(typeof typeof 1);
const o = { m: function () {} };
console.log(typeof o.m, typeof o.missing);
console.log(typeof vmExport, typeof vmImport(1));
