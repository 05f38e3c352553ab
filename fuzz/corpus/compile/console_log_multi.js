// test: console.log with several arguments of different types joins them with single spaces
// output:
// |
// | a b c
// | 1 one true false null undefined
// | -0 0 1.5 -2 1e+21 NaN Infinity -Infinity
// | <  >
// |  x
// | trailing space  next
// | 2147483648 -8193 4294967295
// | -0 as string: 0
// | undefined null
// | 日本 é 😀
// | true
console.log();
console.log("a", "b", "c");
console.log(1, "one", true, false, null, undefined);
console.log(-0, 0, 1.5, -2, 1e21, 0 / 0, 1 / 0, -1 / 0);
console.log("<", "", ">");
console.log("", "x");
console.log("trailing space ", "next");
console.log(2147483648, -8193, 4294967295);
console.log("-0 as string:", "" + -0);
console.log(undefined, null);
console.log("日本", "é", "😀");
console.log(true);
