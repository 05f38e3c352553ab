// test: Object.defineProperty, defineProperties, getOwnPropertyDescriptor(s), getOwnPropertyNames and Object.create's descriptors: non-enumerable, read-only and non-configurable properties are honoured by writes (TypeError), delete (TypeError), for…in, Object.keys, JSON.stringify and console.log; accessors defined and redefined; before and after the snapshot
// call: 1
// output:
// | { a: 1, c: 3 } [ 'a', 'c' ] {"a":1,"c":3} 2
// | [ 'a', 'b', 'c' ] [ 'a', 'b', 'c' ]
// | {"value":2,"writable":false,"enumerable":false,"configurable":false}
// | {"a":{"value":1,"writable":true,"enumerable":true,"configurable":true},"b":{"value":2,"writable":false,"enumerable":false,"configurable":false},"c":{"value":3,"writable":true,"enumerable":true,"configurable":false}}
// | undefined
// | TypeError: Cannot assign to read only property 'b' of object '#<Object>'
// | TypeError: Cannot delete property 'b' of #<Object>
// | TypeError: Cannot redefine property: b
// | ok 2
// | TypeError: Cannot redefine property: b
// | TypeError: Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, #<Object>
// | TypeError: Getter must be a function: 3
// | TypeError: Property description must be an object: 5
// | TypeError: Object.defineProperty called on non-object
// | in a
// | in c
// | true false true true
// | 5 6 1 [ 'own' ] [ 'own', 'hidden' ]
// | 10 2 { y: 2 }
// | [ '0', '1', '2', 'z' ] [ '1', '2', 'z' ]
// | { '1': 'one', '2': 'two' } [ '0', '1', '2' ] zero
// | 0 { v: [Getter] } [ 'v' ]
// | 7 function function true true false
// | data {"value":"data","writable":true,"enumerable":true,"configurable":true}
// | TypeError: Cannot assign to read only property 'b' of object '#<Object>'
// | TypeError: Cannot delete property 'b' of #<Object>
// | after: { a: 11, c: 3 } [ 'a', 'c' ] 2 {"value":2,"writable":false,"enumerable":false,"configurable":false}
// | after: { own: 5 } { y: 2 } data { '1': 'one', '2': 'two' }
function attempt(f) {
  try {
    const r = f();
    console.log("ok", r);
  } catch (e) {
    console.log(e.name + ": " + e.message);
  }
}
const o = { a: 1 };
Object.defineProperty(o, "b", { value: 2 });
Object.defineProperty(o, "c", { value: 3, enumerable: true, writable: true });
console.log(o, Object.keys(o), JSON.stringify(o), o.b);
console.log(Object.getOwnPropertyNames(o), Reflect.ownKeys(o));
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(o, "b")));
console.log(JSON.stringify(Object.getOwnPropertyDescriptors(o)));
console.log(Object.getOwnPropertyDescriptor(o, "zz"));
attempt(() => (o.b = 5));
attempt(() => delete o.b);
attempt(() => Object.defineProperty(o, "b", { value: 9 }));
attempt(() => Object.defineProperty(o, "b", { value: 2 }).b);
attempt(() => Object.defineProperty(o, "b", { enumerable: true }));
attempt(() => Object.defineProperty(o, "a", { get: () => 1, value: 2 }));
attempt(() => Object.defineProperty(o, "a", { get: 3 }));
attempt(() => Object.defineProperty(o, "a", 5));
attempt(() => Object.defineProperty(1, "a", {}));
for (const k in o) console.log("in", k);
console.log(o.propertyIsEnumerable("a"), o.propertyIsEnumerable("b"), o.hasOwnProperty("b"), "b" in o);
const c = Object.create({ inherited: 1 }, { own: { value: 5, enumerable: true }, hidden: { value: 6 } });
console.log(c.own, c.hidden, c.inherited, Object.keys(c), Object.getOwnPropertyNames(c));
const w = {};
Object.defineProperties(w, { x: { value: 1, writable: true }, y: { value: 2, enumerable: true } });
w.x = 10;
console.log(w.x, w.y, w);
const n = { 2: "two", z: "z", 1: "one" };
Object.defineProperty(n, "0", { value: "zero" });
console.log(Object.getOwnPropertyNames(n), Object.keys(n));
delete n.z;
console.log(n, Object.getOwnPropertyNames(n), n[0]);
const g = {};
let stored = 0;
Object.defineProperty(g, "v", { get() { return stored; }, enumerable: true, configurable: true });
console.log(g.v, g, Object.keys(g));
Object.defineProperty(g, "v", { set(x) { stored = x; } });
g.v = 7;
const d = Object.getOwnPropertyDescriptor(g, "v");
console.log(g.v, typeof d.get, typeof d.set, d.enumerable, d.configurable, "value" in d);
Object.defineProperty(g, "v", { value: "data", writable: true });
console.log(g.v, JSON.stringify(Object.getOwnPropertyDescriptor(g, "v")));
vmExport(1, function () {
  attempt(() => (o.b = 5));
  attempt(() => delete o.b);
  o.a = 11;
  console.log("after:", o, Object.keys(o), o.b, JSON.stringify(Object.getOwnPropertyDescriptor(o, "b")));
  console.log("after:", c, w, g.v, n);
});
