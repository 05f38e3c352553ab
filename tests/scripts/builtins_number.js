// test: Number statics (isInteger, isSafeInteger, isNaN and isFinite without coercion, parseInt, parseFloat, constants) and toFixed/toString on numbers
// requires: overflow-checks
// call: 1 2.345
// output:
// | 0 true true false true false true
// | 0 true true false true false true
// | 1 true true false true false true
// | 1.5 false false false true false true
// | -7 true true false true false true
// | 9007199254740992 true false false true false true
// | 9007199254740994 true false false true false true
// | 1e+300 true false false true false true
// | NaN false false true false true false
// | Infinity false false false false false false
// | 5 false false false false false true
// | null false false false false false true
// | undefined false false false false true false
// | true false false false false false true
// | 42 255 26 325 true true
// | 9007199254740991 -9007199254740991 2.220446049250313e-16 1.7976931348623157e+308 5e-324
// | Infinity -Infinity NaN
// | 1.00 3.142 10.00 -2 0.0000010 1e+21 123 NaN 0.0
// | true
// | ff 11111111 -73 0 11.11 0.0022002200220022002200220022002201 3635c9adc5dea00000 123.456 42
// | 0.8 -0.0001100110011001100110011001100110011001100110011001101 2031000661631341064200 0.c NaN -Infinity
// | true
// | 7! 7.0
// | 2.3 2.3450 false true 929 false true
const vals = [0, -0, 1, 1.5, -7, 2 ** 53, 2 ** 53 + 2, 1e300, NaN, Infinity, "5", null, undefined, true];
for (const v of vals) {
  console.log(String(v), Number.isInteger(v), Number.isSafeInteger(v), Number.isNaN(v), Number.isFinite(v), isNaN(v), isFinite(v));
}
console.log(Number.parseInt("42px"), Number.parseInt("ff", 16), Number.parseInt("0x1A"), Number.parseFloat("3.25e2xyz"), Number.parseInt === parseInt, Number.parseFloat === parseFloat);
console.log(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.EPSILON, Number.MAX_VALUE, Number.MIN_VALUE);
console.log(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN);
console.log((1.005).toFixed(2), (3.14159).toFixed(3), (10).toFixed(2), (-1.5).toFixed(0), (0.000001).toFixed(7), (1e21).toFixed(2), (123.456).toFixed(), NaN.toFixed(2), (-0).toFixed(1));
try {
  (1).toFixed(101);
} catch (e) {
  console.log(e instanceof RangeError);
}
console.log((255).toString(16), (255).toString(2), (-255).toString(36), (0).toString(2), (3.75).toString(2), (0.1).toString(3), (1e21).toString(16), (123.456).toString(), (42).toString(10));
console.log((0.5).toString(16), (-0.1).toString(2), (2 ** 60).toString(7), (1 / 3).toString(36), NaN.toString(2), (-Infinity).toString(16));
try {
  (1).toString(1);
} catch (e) {
  console.log(e instanceof RangeError);
}
const n = 7;
console.log(n.toString() + "!", n.toFixed(1));
vmExport(1, function (x) {
  console.log(x.toFixed(1), x.toFixed(4), Number.isInteger(x), Number.isInteger(x * 1000), (x * 1000).toString(16), Number.isNaN(x / 0), Number.isFinite(x));
});
