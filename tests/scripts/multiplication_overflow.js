// test: multiplication overflowing int32 produces exact floats, including negative results and -0
// call: 1 65536 65536
// output:
// | 4294967296
// | -4294967296
// | 2147488281
// | 2147395600
// | 4294967294
// | 2147483648
// | -4294967296
// | 10000000000
// | 121932631112635260
// | -0
// | -0
// | -Infinity
// | 1099511627776
// | 4294967296 281474976710656 -4294967296
// output-wrapping:
// | 0
// | 0
// | -2147479015
// | 2147395600
// | -2
// | -2147483648
// | 0
// | 1410065408
// | -67153019
// | 0
// | 0
// | Infinity
// | 0
// | 0 0 0
console.log(65536 * 65536);
console.log(65536 * -65536);
console.log(46341 * 46341);
console.log(46340 * 46340);
console.log(2147483647 * 2);
console.log(-2147483648 * -1);
console.log(-2147483648 * 2);
console.log(100000 * 100000);
console.log(123456789 * 987654321);
console.log(0 * -5);
console.log(-5 * 0);
console.log(1 / (0 * -5));
let p = 1;
for (let i = 0; i < 40; i++) {
  p = p * 2;
}
console.log(p);
vmExport(1, function (a, b) {
  console.log(a * b, a * b * a, -a * b);
});
