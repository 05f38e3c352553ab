// test: constructors, instance fields, methods and static members; a class defined at build time and instantiated after restore
// call: 1 5
// output:
// | 11 12 Counter(12) 1
// | 2 1 0
// | true false
// | 7 Counter(7) 2 true
class Counter {
  count = 0;
  step;
  static made = 0;
  constructor(start, step = 1) {
    this.count = start;
    this.step = step;
    Counter.made++;
  }
  inc() {
    this.count += this.step;
    return this.count;
  }
  static describe(c) {
    return "Counter(" + c.count + ")";
  }
}
const c = new Counter(10);
console.log(c.inc(), c.inc(), Counter.describe(c), Counter.made);
class Fields {
  a = 1;
  b = this.a + 1;
  list = [];
}
const f1 = new Fields();
const f2 = new Fields();
f1.list.push(1);
console.log(f1.b, f1.list.length, f2.list.length);
class ReturnsObject {
  constructor() {
    return { custom: true };
  }
}
console.log(new ReturnsObject().custom, new ReturnsObject() instanceof ReturnsObject);
vmExport(1, (n) => {
  const d = new Counter(n, 2);
  console.log(d.inc(), Counter.describe(d), Counter.made, d instanceof Counter);
});
