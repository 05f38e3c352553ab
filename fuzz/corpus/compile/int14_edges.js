// test: arithmetic across the small-integer (int14) boundaries stays exact
// call: 1 8191 -8192
// output:
// | 8192 -8193
// | 16382 -16384
// | 8191 -8192
// | 8192 -8191
// | 16382 8192
// | 8191
// | 8192
// | 8190
// | -8193
// | true true
// | 8192 -8193 16383 -67100672
const max14 = 8191;
const min14 = -8192;
console.log(max14 + 1, min14 - 1);
console.log(max14 + max14, min14 + min14);
console.log(8192 - 1, -8193 + 1);
console.log(-min14, -max14);
console.log(max14 * 2, min14 * -1);
let x = 8190;
x++;
console.log(x);
x++;
console.log(x);
x--;
x--;
console.log(x);
let y = -8191;
y--;
y--;
console.log(y);
console.log(8192 === max14 + 1, -8193 === min14 - 1);
vmExport(1, function (a, b) {
  console.log(a + 1, b - 1, a - b, a * b);
});
