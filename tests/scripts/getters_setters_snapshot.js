// test: accessors built at build time survive the snapshot; console.log and spread of objects with accessors
// call: 1 4
// output:
// | build 2
// | { a: 1, b: [Getter], c: [Setter], d: [Getter/Setter] }
// | 10 20
// | after 4 8 5 5
// | { v: [Getter/Setter], n: 4 }
// | C 42 42 true
const state = { n: 2 };
const acc = {
  get v() {
    return this.n * 2;
  },
  set v(x) {
    this.n = x;
  },
};
acc.n = 1;
console.log("build", acc.v);
console.log({
  a: 1,
  get b() {
    return 2;
  },
  set c(v) {},
  get d() {
    return 3;
  },
  set d(v) {},
});
class Box {
  constructor(x) {
    this.x = x;
  }
  get double() {
    return this.x * 2;
  }
  static get tag() {
    return "C";
  }
}
const box = new Box(5);
console.log(box.double, new Box(10).double);
vmExport(1, function (m) {
  acc.v = m;
  const b = new Box(m + 1);
  console.log("after", acc.n, acc.v, b.x, box.x);
  console.log(acc);
  box.x = 21;
  const frozen = Object.keys(acc).length === 2;
  console.log(Box.tag, box.double, new Box(21).double, frozen);
});
