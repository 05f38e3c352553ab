// test: numbers converted to strings by + concatenation, in either operand order, and left-to-right evaluation
// output:
// | n=42
// | 42=n
// | 3.5|-7|1e+21|1e-7
// | 0.30000000000000004
// | 33
// | 123
// | 15
// | Infinity -Infinity NaN
// | 2147483648 -2147483649
// | 8192 -8193
// | x4294967296
// | 123 string
// | 2
// | 0|0
// output-wrapping:
// | n=42
// | 42=n
// | 3.5|-7|1e+21|1e-7
// | 0.30000000000000004
// | 33
// | 123
// | 15
// | Infinity -Infinity NaN
// | 2147483648 -2147483649
// | 8192 -8193
// | x0
// | 123 string
// | 2
// | 0|0
console.log("n=" + 42);
console.log(42 + "=n");
console.log("" + 3.5 + "|" + -7 + "|" + 1e21 + "|" + 1e-7);
console.log("" + 0.1 * 3);
console.log(1 + 2 + "3");
console.log("1" + 2 + 3);
console.log("1" + (2 + 3));
console.log("" + 1 / 0 + " " + -1 / 0 + " " + 0 / 0);
console.log("" + 2147483648 + " " + -2147483649);
console.log("" + 8192 + " " + -8193);
console.log("x" + 65536 * 65536);
let s = "";
s = s + 1;
s = s + 2;
s += 3;
console.log(s, typeof s);
console.log(("" + 10).length);
console.log("" + -0 + "|" + 0);
