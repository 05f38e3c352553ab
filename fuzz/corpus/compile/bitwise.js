// test: bitwise and, or, xor and not, including negative operands and values beyond 32 bits
// output:
// | 1 7 6 -6
// | 3 -5 -8 4
// | -1 0 -2147483648
// | 15 255
// | 65535
// | 1 0 1
// | -2147483648 -1294967296
// | 1 -1 2
// | -559939584 0
// | 7 -7
// | -2147483648
console.log(5 & 3, 5 | 3, 5 ^ 3, ~5);
console.log(-5 & 3, -5 | 3, -5 ^ 3, ~-5);
console.log(~0, ~-1, ~2147483647);
console.log(0xff & 0x0f, 0xf0 | 0x0f);
console.log(-1 & 0xffff);
console.log(4294967295 & 1, 4294967296 | 0, 4294967297 | 0);
console.log(2147483648 | 0, 3000000000 | 0);
console.log(1.9 | 0, -1.9 | 0, 2.5 & 3);
console.log(1e21 | 0, (1 / 0) | 0);
console.log(~~7.8, ~~-7.8);
console.log(0x7fffffff ^ -1);
