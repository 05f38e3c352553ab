// test: Set: add (chaining), has, delete, clear, size, iterable constructors (strings by code point, Uint8Arrays, sets, iterators), values/keys/entries, forEach with thisArg, TypeErrors, subclasses, a set built at build time and used after restore
// call: 1 "tick"
// output:
// | 0 false true false function
// | true 3 true false
// | true false false 2 1,3
// | 1,3,2 1,3,2 1,3,2 [[1,1],[3,3],[2,2]]
// | true true
// | 4 helo 2
// | 6 111111
// | 3 2 3 true
// | 0 0 0 0
// | 2 true true true Infinity true false 1
// | 2 true false
// | 1 1 true 9
// | 3 3 true 9
// | 2 2 true 9
// | v 1
// | v 3
// | v 2
// | true
// | true
// | true
// | true
// | true
// | true
// | true
// | 0 false 0
// | 2 xy
// | 2 true false true
// | the cat and hat bat
// | tick true 2 true boot+tick
const s = new Set();
console.log(s.size, s.has(1), s instanceof Set, s instanceof Map, typeof Set);
console.log(s.add(1) === s, s.add(2).add(3).add(2).size, s.has(2), s.has("2"));
console.log(s.delete(2), s.delete(2), s.has(2), s.size, [...s].join(","));
s.add(2);
console.log([...s].join(","), [...s.values()].join(","), [...s.keys()].join(","), JSON.stringify([...s.entries()]));
console.log(Set.prototype.keys === Set.prototype.values, Set.prototype[Symbol.iterator] === Set.prototype.values);
// Any iterable: strings by code point, arrays, Uint8Arrays, other sets, iterators.
console.log(new Set("hello").size, [...new Set("hello")].join(""), [...new Set("a😀a😀")].length);
const units = [...new Set("a\ud800b\udc00c\ud83d")];
console.log(units.length, units.map((u) => u.length).join(""));
console.log(new Set([3, 1, 3, 2, 1]).size, new Set(new Uint8Array([7, 7, 8])).size, new Set(s).size, new Set(s.values()).has(3));
console.log(new Set(null).size, new Set(undefined).size, new Set([]).size, new Set("").size);
// SameValueZero: NaN equals NaN, -0 is stored as 0.
const n = new Set([NaN, 0 / 0, -0, 0]);
console.log(n.size, n.has(NaN), n.has(-0), n.has(0), 1 / [...n][1], n.delete(0), n.has(-0), n.size);
// Objects by identity.
const a = {};
const b = {};
const objects = new Set([a, b, a]);
console.log(objects.size, objects.has(a), objects.has({}));
// forEach passes the value twice, then the set.
s.forEach(function (v, k, set) {
  console.log(v, k, set === s, this.n);
}, { n: 9 });
s.forEach((v) => console.log("v", v));
// Errors.
for (const bad of [() => new Set(5), () => new Set({}), () => new Set(true), () => Set(), () => Set.prototype.add.call(new Map(), 1), () => Set.prototype.has.call([], 1), () => s.forEach(null)]) {
  try {
    bad();
    console.log("no error");
  } catch (e) {
    console.log(e instanceof TypeError);
  }
}
// clear, then reuse.
s.clear();
console.log(s.size, s.has(1), [...s].length);
console.log(s.add("x").add("y").size, [...s].join(""));
// Subclasses add through `add`.
class Upper extends Set {
  add(v) {
    return super.add(String(v).toUpperCase());
  }
}
const u = new Upper(["a", "b", "a"]);
console.log(u.size, u.has("A"), u.has("a"), u instanceof Set);
// Deduplicating with a Set, a common use.
const words = "the cat and the hat and the bat".split(" ");
console.log([...new Set(words)].join(" "));
// Built at build time, used after restore.
const seen = new Set(["boot"]);
vmExport(1, (event) => {
  const fresh = !seen.has(event);
  seen.add(event);
  console.log(event, fresh, seen.size, seen.has("boot"), [...seen].join("+"));
});
