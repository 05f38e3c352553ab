// test: `x / y | 0` is integer division (one instruction), with JavaScript's truncation, infinities and int32 wrap-around
// call: 1 5 8
// output:
// | 3 -3 0 6 2147483647 10 -2147483648 0
// | 6
function avg(a, b) {
  return (a + b) / 2 | 0;
}
console.log(7 / 2 | 0, -7 / 2 | 0, 1 / 0 | 0, avg(5, 8), 2147483647 / 1 | 0, 5 / 0.5 | 0, -2147483648 / -1 | 0, 0 / -3 | 0);
vmExport(1, function (a, b) {
  console.log(avg(a, b));
});
