// Each export stores one kind of value in a global, so the heap grows by
// exactly what that value costs (measured with memory_stats).
let keep;
vmExport(0, function () {
  keep = undefined;
});
vmExport(1, function (x) {
  keep = x + 1;
});
vmExport(2, function (x) {
  keep = x * 100000;
});
vmExport(3, function (x) {
  keep = x / 3;
});
vmExport(4, function (a, b) {
  keep = a + b;
});
vmExport(5, function () {
  keep = {};
});
vmExport(6, function (x) {
  keep = { a: x, b: x, c: x };
});
vmExport(7, function (n) {
  const a = [];
  for (let i = 0; i < n; i++) {
    a.push(i);
  }
  keep = a;
});
vmExport(8, function (x) {
  keep = [x, x, x];
});
vmExport(9, function (x) {
  let n = x;
  keep = function () {
    return n;
  };
});
vmExport(10, function () {
  keep = function () {
    return 1;
  };
});
