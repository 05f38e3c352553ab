// test: Math: rounding (-0, halves), min/max with no arguments and NaN, sqrt, pow, sign, constants, after restore
// requires: overflow-checks
// call: 1 -3.5
// output:
// | 2.5 2 3 3 2 2.5 1
// | -2.5 -3 -2 -2 -2 2.5 -1
// | 0.5 0 1 1 0 0.5 1
// | -0.5 -1 -0 -0 -0 0.5 -1
// | 1.4999999999999998 1 2 1 1 1.4999999999999998 1
// | 0.49999999999999994 0 1 0 0 0.49999999999999994 1
// | -0.4 -1 -0 -0 -0 0.4 -1
// | 7 7 7 7 7 7 1
// | -7 -7 -7 -7 -7 7 -1
// | 1e+21 1e+21 1e+21 1e+21 1e+21 1e+21 1
// | -1e-7 -1 -0 -0 -0 1e-7 -1
// | 0 0 0 0 0 0 0
// | -0 -0 -0 -0 -0 0 -0
// | NaN NaN NaN NaN NaN NaN NaN
// | Infinity Infinity Infinity Infinity Infinity Infinity 1
// | -Infinity -Infinity -Infinity -Infinity -Infinity Infinity -1
// | 123456789.75 123456789 123456790 123456790 123456789 123456789.75 1
// | -2147483648.5 -2147483649 -2147483648 -2147483648 -2147483648 2147483648.5 -1
// | -Infinity Infinity 3 -1
// | NaN NaN 0 -0 -0
// | 7 NaN 0
// | 1.4142135623730951 NaN 4 -0 Infinity
// | 1024 0.5 1.4142135623730951 1 NaN NaN 1e+21
// | 3.141592653589793 2.718281828459045 1.4142135623730951 0.6931471805599453
// | 3 -1 0 NaN
// | 5
// | 12.57
// | -4 -3 -3 0 -3.5 3.5 38.48
function show(x) {
  return Object.is(x, -0) ? "-0" : String(x);
}
const inputs = [2.5, -2.5, 0.5, -0.5, 1.4999999999999998, 0.49999999999999994, -0.4, 7, -7, 1e21, -1e-7, 0, -0, NaN, Infinity, -Infinity, 123456789.75, -2147483648.5];
for (const x of inputs) {
  console.log(show(x), show(Math.floor(x)), show(Math.ceil(x)), show(Math.round(x)), show(Math.trunc(x)), show(Math.abs(x)), show(Math.sign(x)));
}
console.log(Math.max(), Math.min(), Math.max(1, 3, 2), Math.min(4, -1, 8));
console.log(Math.max(1, NaN, 3), Math.min(NaN), show(Math.max(-0, 0)), show(Math.min(0, -0)), show(Math.max(-0, -0)));
console.log(Math.max("7", 2), Math.min(undefined, 1), Math.max(null, -1));
console.log(Math.sqrt(2), Math.sqrt(-1), Math.sqrt(16), show(Math.sqrt(-0)), Math.sqrt(Infinity));
console.log(Math.pow(2, 10), Math.pow(2, -1), Math.pow(2, 0.5), Math.pow(NaN, 0), Math.pow(1, Infinity), Math.pow(-8, 1 / 3), Math.pow(10, 21));
console.log(Math.PI, Math.E, Math.SQRT2, Math.LN2);
console.log(Math.floor("3.7"), Math.round(" -1.5 "), Math.trunc(null), Math.abs(undefined));
console.log(Math.hypot(3, 4));
const area = (r) => Math.round(Math.PI * r * r * 100) / 100;
console.log(area(2));
vmExport(1, function (x) {
  console.log(Math.floor(x), Math.ceil(x), Math.round(x), Math.max(x, 0), Math.min(x, 0), Math.abs(x), area(x));
});
