// test: Map: get, set (chaining), has, delete, clear, size, SameValueZero keys by identity and content, iterable constructors, iterators, forEach with thisArg, TypeErrors, subclasses, a map built at build time and used after restore
// call: 1 "cyan" 4
// output:
// | 0 undefined false true function
// | true 3 2 true
// | 10 3 a,b,c 10,2,3
// | true false false undefined 2
// | [["a",10],["c",3],["b",20]] [["a",10],["c",3],["b",20]]
// | 7 one two undefined number string yes nul undef
// | true false undefined number string
// | nan nan zero zero true 2 false Infinity
// | plus again 2 true true 0
// | function itself 9
// | 3 3 1
// | undefined 2 v 0 0
// | 2 1
// | [[0,0],[1,2],[2,6]]
// | true TypeError
// | true TypeError
// | true TypeError
// | true TypeError
// | true TypeError
// | true TypeError
// | true TypeError
// | Iterator value 3 is not an entry object
// | true
// | true
// | true
// | true
// | true
// | a 10 true ctx
// | c 3 true ctx
// | b 20 true ctx
// | true
// | true
// | true
// | a=10
// | c=3
// | b=20
// | {"value":["a",10],"done":false} {"value":["c",3],"done":false} true
// | true function
// | of a 10
// | of c 3
// | of b 20
// | a c
// | 0 undefined 0
// | 1 26
// | 2 4 true true 2
// | 1 undefined 3 4 3
// | red blue cyan
const m = new Map();
console.log(m.size, m.get("a"), m.has("a"), m instanceof Map, typeof Map);
console.log(m.set("a", 1) === m, m.set("b", 2).set("c", 3).size, m.get("b"), m.has("c"));
m.set("a", 10);
console.log(m.get("a"), m.size, [...m.keys()].join(","), [...m.values()].join(","));
console.log(m.delete("b"), m.delete("b"), m.has("b"), m.get("b"), m.size);
m.set("b", 20);
console.log(JSON.stringify([...m]), JSON.stringify(Array.from(m.entries())));
// Keys by SameValueZero: objects by identity, strings by content, 1 is not "1".
const k1 = { id: 1 };
const k2 = { id: 1 };
const ids = new Map([[k1, "one"], [k2, "two"], [1, "number"], ["1", "string"], [true, "yes"], [null, "nul"], [undefined, "undef"]]);
console.log(ids.size, ids.get(k1), ids.get(k2), ids.get({ id: 1 }), ids.get(1), ids.get("1"), ids.get(true), ids.get(null), ids.get(undefined));
console.log(ids.has(undefined), new Map().has(undefined), ids.get("un" + "defined"), ids.get(1.0), ids.get("" + 1));
// NaN finds NaN; -0 and 0 are one key, stored as 0.
const z = new Map([[NaN, "nan"], [-0, "zero"]]);
console.log(z.get(NaN), z.get(0 / 0), z.get(0), z.get(-0), z.has(NaN), z.size, Object.is([...z.keys()][1], -0), 1 / [...z.keys()][1]);
z.set(0, "plus").set(NaN, "again");
console.log(z.get(-0), z.get(NaN), z.size, z.delete(-0), z.delete(NaN), z.size);
const fn = () => 0;
ids.set(fn, "function").set(ids, "itself");
console.log(ids.get(fn), ids.get(ids), ids.size);
// The constructor takes any iterable of entry objects.
console.log(new Map(m).get("c"), new Map(m.entries()).size, new Map([["x", 1]]).get("x"));
console.log(new Map([[1]]).get(1), new Map([[1, 2, 3]]).get(1), new Map([{ 0: "k", 1: "v" }]).get("k"), new Map(null).size, new Map(undefined).size);
console.log(new Map([["k", 1], ["k", 2]]).get("k"), new Map([["k", 1], ["k", 2]]).size);
const iterable = {
  [Symbol.iterator]() {
    let n = 0;
    return { next: () => (n < 3 ? { value: [n, n++ * n], done: false } : { value: undefined, done: true }) };
  },
};
console.log(JSON.stringify([...new Map(iterable)]));
// Errors are TypeErrors.
for (const bad of [() => new Map(5), () => new Map({}), () => new Map([1]), () => new Map(["ab"]), () => new Map([null]), () => Map(), () => Map([[1, 2]])]) {
  try {
    bad();
    console.log("no error");
  } catch (e) {
    console.log(e instanceof TypeError, e.name);
  }
}
try {
  new Map([[1, 2], 3]);
} catch (e) {
  console.log(e.message);
}
for (const bad of [() => Map.prototype.get.call({}, 1), () => Map.prototype.set.call(new Set(), 1, 2), () => Map.prototype.has.call(undefined, 1), () => m.forEach(), () => m.forEach("f")]) {
  try {
    bad();
    console.log("no error");
  } catch (e) {
    console.log(e instanceof TypeError);
  }
}
// forEach: value, key, map; thisArg.
m.forEach(function (v, k, map) {
  console.log(k, v, map === m, this);
}, "ctx");
const self = { tag: "self" };
m.forEach(function () {
  console.log(this === self);
}, self);
m.forEach((v, k) => console.log(k + "=" + v));
// The iterator protocol.
const it = m[Symbol.iterator]();
console.log(JSON.stringify(it.next()), JSON.stringify(it.next()), it[Symbol.iterator]() === it);
console.log(Map.prototype[Symbol.iterator] === Map.prototype.entries, typeof m.keys().next);
for (const [k, v] of m) console.log("of", k, v);
const [first, second] = m.keys();
console.log(first, second);
// clear
m.clear();
console.log(m.size, m.get("a"), [...m].length);
m.set("z", 26);
console.log(m.size, m.get("z"));
// Subclasses: the constructor adds through `set`, which they can override.
class Doubling extends Map {
  set(k, v) {
    return super.set(k, v * 2);
  }
}
const d = new Doubling([["a", 1]]);
d.set("b", 2);
console.log(d.get("a"), d.get("b"), d instanceof Map, d instanceof Doubling, d.size);
// Built at build time, used after restore.
const table = new Map([["red", 1], ["green", 2]]);
table.set("blue", 3);
table.delete("green");
vmExport(1, (name, n) => {
  table.set(name, n);
  console.log(table.get("red"), table.get("green"), table.get("blue"), table.get(name), table.size);
  console.log([...table.keys()].join(" "));
});
