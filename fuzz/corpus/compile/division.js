// test: division is always floating point: fractions, exact results, division by zero and 0/0
// output:
// | 3.5
// | -3.5
// | 2
// | 0.3333333333333333
// | 0.6666666666666666
// | Infinity
// | -Infinity
// | NaN
// | -Infinity
// | 0
// | -0
// | 2147483648
// | 0.0009765625
// | 10
// | NaN
// | 4.5
console.log(7 / 2);
console.log(-7 / 2);
console.log(6 / 3);
console.log(1 / 3);
console.log(2 / 3);
console.log(1 / 0);
console.log(-1 / 0);
console.log(0 / 0);
console.log(1 / -0);
console.log(0 / 5);
console.log(0 / -5);
console.log(-2147483648 / -1);
console.log(1 / 1024);
console.log(10 / 4 * 4);
console.log(1 / 0 - 1 / 0);
let q = 9;
q = q / 2;
console.log(q);
