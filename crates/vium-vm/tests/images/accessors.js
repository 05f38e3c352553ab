// An object with a getter and a setter in the initial heap.
const box = {
  n: 2,
  get twice() {
    return this.n * 2;
  },
  set twice(v) {
    this.n = v / 2;
  },
};
vmExport(1, function (v) {
  box.twice = v;
  return box.twice + 1;
});
vmExport(2, function () {
  console.log(box);
  return box;
});
