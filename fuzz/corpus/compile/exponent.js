// test: the ** operator: integer and fractional powers, negative exponents, large results, associativity
// output:
// | 1024
// | 1.4142135623730951
// | 0.5
// | 1 1
// | 1e+21
// | 2147483648 4294967296 9007199254740992
// | -8 4
// | 512
// | 2 0.3333333333333333
// | Infinity
// | NaN
// | 80 -9
// | 3486784401
console.log(2 ** 10);
console.log(2 ** 0.5);
console.log(2 ** -1);
console.log(2 ** 0, 0 ** 0);
console.log(10 ** 21);
console.log(2 ** 31, 2 ** 32, 2 ** 53);
console.log((-2) ** 3, (-2) ** 2);
console.log(2 ** 3 ** 2);
console.log(4 ** 0.5, 9 ** -0.5);
console.log(0 ** -1);
console.log((-8) ** (1 / 3));
console.log(3 ** 4 - 1, -(3 ** 2));
let base = 3;
console.log(base ** 20);
