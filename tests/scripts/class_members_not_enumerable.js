// test: class methods, accessors, constructor and prototype are not enumerable (Object.keys, for…in, JSON.stringify), an error's message is own and not enumerable, for…in includes enumerable inherited keys once; before and after the snapshot
// call: 1
// output:
// | [ 'extra' ] [ 'constructor', 'm', 'x', 'extra' ]
// | [ 'added' ] [ 'added', 'prototype', 's', 't' ]
// | [ 'field', 'extra' ] [ 'field' ] {"field":1}
// | false true true
// | false false false
// | TypeError
// | [] {} bad false false
// | [ 'code' ] mine 7
// | after: [ 'field', 'extra' ] [ 'extra' ] [ 'added' ] 1 3
class A {
  constructor() {
    this.field = 1;
  }
  m() {
    return 1;
  }
  get x() {
    return 2;
  }
  set x(v) {}
  static s() {
    return 3;
  }
  static get t() {
    return 4;
  }
}
A.added = 5;
A.prototype.extra = 6;
const a = new A();
console.log(Object.keys(A.prototype), Object.getOwnPropertyNames(A.prototype));
console.log(Object.keys(A), Object.getOwnPropertyNames(A).filter((k) => k !== "length" && k !== "name").sort());
const seen = [];
for (const k in a) seen.push(k);
console.log(seen, Object.keys(a), JSON.stringify(a));
console.log(A.prototype.propertyIsEnumerable("m"), A.prototype.propertyIsEnumerable("extra"), A.prototype.constructor === A);
const pd = Object.getOwnPropertyDescriptor(A, "prototype");
console.log(pd.writable, pd.enumerable, pd.configurable);
try {
  A.prototype = {};
} catch (e) {
  console.log(e.name);
}
const e = new TypeError("bad");
console.log(Object.keys(e), JSON.stringify(e), e.message, e.propertyIsEnumerable("message"), Object.getOwnPropertyDescriptor(e, "message").enumerable);
class MyErr extends Error {
  constructor(m) {
    super(m);
    this.code = 7;
  }
}
const me = new MyErr("mine");
console.log(Object.keys(me), me.message, me.code);
vmExport(1, function () {
  const after = [];
  for (const k in new A()) after.push(k);
  console.log("after:", after, Object.keys(A.prototype), Object.keys(A), new A().m(), A.s());
});
