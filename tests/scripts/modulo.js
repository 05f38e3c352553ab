// test: the remainder operator with negative operands, floats, zero and infinities
// output:
// | 1 -1 1 -1
// | 1.5 -1.5
// | 0 -0
// | -Infinity
// | NaN 0
// | 5 NaN
// | 0.09999999999999998
// | 7 -8
// | 4
// | 2
// | -0
// output-wrapping:
// | 1 -1 1 -1
// | 1.5 -1.5
// | 0 0
// | Infinity
// | NaN 0
// | 5 NaN
// | 0.09999999999999998
// | 7 -8
// | 4
// | 2
// | 0
console.log(7 % 3, -7 % 3, 7 % -3, -7 % -3);
console.log(5.5 % 2, -5.5 % 2);
console.log(6 % 3, -6 % 3);
console.log(1 / (-6 % 3));
console.log(5 % 0, 0 % 5);
console.log(5 % (1 / 0), (1 / 0) % 5);
console.log(0.5 % 0.2);
console.log(2147483647 % 10, -2147483648 % 10);
console.log(4294967296 % 7);
let i = 17;
i = i % 5;
console.log(i);
console.log(-1 % 1);
