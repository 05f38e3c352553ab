// test: classes with constructors, methods, inheritance, super calls and instances created at build time
// call: 1 5
// output:
// | 11 n:2 function
// | 16 n:7
class Counter {
  constructor(start) {
    this.count = start;
  }
  inc(by) {
    this.count = this.count + by;
    return this.count;
  }
}
class Named extends Counter {
  constructor(name, start) {
    super(start);
    this.name = name;
  }
  inc(by) {
    return this.name + ":" + super.inc(by);
  }
}
const c = new Counter(10);
const n = new Named("n", 0);
console.log(c.inc(1), n.inc(2), typeof Counter);
vmExport(1, (by) => console.log(c.inc(by), n.inc(by)));
