// test: function declarations: hoisting, missing and extra arguments, implicit undefined return, functions as values
// output:
// | 6
// | undefined
// | 3
// | undefined
// | undefined
// | 42
// | 10
// | 2
// | 120
// | 103 1
console.log(early(3));
function early(x) {
  return x * 2;
}
function three(a, b, c) {
  return c;
}
console.log(three(1, 2));
console.log(three(1, 2, 3, 4));
function nothing() {
  let x = 1;
  x = x + 1;
}
console.log(nothing());
function bare() {
  return;
}
console.log(bare());
function apply(f, v) {
  return f(v);
}
console.log(apply(early, 21));
const alias = early;
console.log(alias(5));
const expr = function (n) {
  return n + 1;
};
console.log(expr(1));
const named = function fact(n) {
  return n <= 1 ? 1 : n * fact(n - 1);
};
console.log(named(5));
function params(a, b) {
  a = a + 100;
  return a + b;
}
let outer = 1;
console.log(params(outer, 2), outer);
