// test: new on an arrow function, a method, a static method, a getter or an async function throws a TypeError; functions and classes construct, before and after the snapshot
// call: 1
// output:
// | arrow: TypeError
// | method: TypeError
// | class method: TypeError
// | static method: TypeError
// | getter: TypeError
// | async: TypeError
// | function: constructed
// | class: constructed
// | after: TypeError constructed
function attempt(label, make) {
  try {
    make();
    console.log(label + ": constructed");
  } catch (e) {
    console.log(label + ": " + (e instanceof TypeError ? "TypeError" : "other " + e));
  }
}
const arrow = () => {};
const obj = {
  m() {},
  get g() {
    return function () {};
  },
};
class C {
  method() {}
  static s() {}
}
async function af() {}
function Plain() {
  this.x = 1;
}
const getter = Object.getOwnPropertyDescriptor
  ? Object.getOwnPropertyDescriptor(obj, "g").get
  : () => {};
attempt("arrow", () => new arrow());
attempt("method", () => new obj.m());
attempt("class method", () => new C.prototype.method());
attempt("static method", () => new C.s());
attempt("getter", () => new getter());
attempt("async", () => new af());
attempt("function", () => new Plain());
attempt("class", () => new C());
const kept = { arrow, Plain };
vmExport(1, function () {
  let first = "constructed";
  try {
    new kept.arrow();
  } catch (e) {
    first = e.name;
  }
  console.log("after:", first, new kept.Plain().x === 1 ? "constructed" : "wrong");
});
