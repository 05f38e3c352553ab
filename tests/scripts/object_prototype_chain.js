// test: every object's chain ends at Object.prototype (hasOwnProperty, isPrototypeOf, propertyIsEnumerable, toString, valueOf); Object.create, getPrototypeOf and setPrototypeOf with cycles refused; instanceof Object, Array and Function; before and after the snapshot
// call: 1
// output:
// | true false true false
// | true true false
// | [object Object] [object Array] [object Null] [object Function] [object Error]
// | true true true null
// | hi d true true
// | null undefined [ 'k' ]
// | TypeError: Cyclic __proto__ value
// | TypeError: Object prototype may only be an Object or null: 3
// | true true true true false
// | true false true
// | true true false true
// | after: hi e true true true true
// | after: true false [object Object] [object Object]
function attempt(f) {
  try {
    console.log(f());
  } catch (e) {
    console.log(e.name + ": " + e.message);
  }
}
const o = { a: 1, 2: "x" };
console.log(o.hasOwnProperty("a"), o.hasOwnProperty("b"), o.hasOwnProperty(2), o.hasOwnProperty("toString"));
console.log("toString" in o, "a" in o, "nope" in o);
const tag = Object.prototype.toString;
console.log(({}).toString(), tag.call([1]), tag.call(null), tag.call(function () {}), tag.call(new Error("e")));
console.log(
  Object.getPrototypeOf(o) === Object.prototype,
  Object.getPrototypeOf([]) === Array.prototype,
  Object.prototype.valueOf.call(o) === o,
  Object.getPrototypeOf(Object.prototype),
);
const base = {
  greet() {
    return "hi " + this.name;
  },
};
const d = Object.create(base);
d.name = "d";
console.log(d.greet(), base.isPrototypeOf(d), Object.getPrototypeOf(d) === base);
const bare = Object.create(null);
bare.k = 1;
console.log(Object.getPrototypeOf(bare), bare.toString, Object.keys(bare));
attempt(() => Object.setPrototypeOf(base, d));
attempt(() => Object.setPrototypeOf({}, 3));
class A {
  m() {
    return 1;
  }
}
const a = new A();
console.log(a instanceof Object, [] instanceof Object, [] instanceof Array, (() => 1) instanceof Function, a.hasOwnProperty("m"));
console.log(Object.getPrototypeOf(a) === A.prototype, Object.hasOwn([1, 2], 5), Object.hasOwn("ab", "length"));
console.log([1].propertyIsEnumerable(0), o.propertyIsEnumerable("a"), [1].propertyIsEnumerable("length"), "hasOwnProperty" in a);
const e = Object.create(base);
e.name = "e";
const swapped = Object.setPrototypeOf({}, A.prototype);
vmExport(1, function () {
  console.log("after:", e.greet(), base.isPrototypeOf(e), swapped instanceof A, swapped.m() === 1, Object.getPrototypeOf(bare) === null);
  console.log("after:", Object.prototype.hasOwnProperty.call(e, "name"), "m" in bare, tag.call(e), e.toLocaleString());
});
