// test: for-of over arrays and strings (by code point), with break/continue, labels, destructuring and member heads, and per-iteration closures
// output:
// | 123
// | a 1
// | 😀 2
// | b 1
// | 11 21 31
// | a 1
// | b 2
// | x 5
// | y 0
// | 134
// | 2 12 3 4
// | q 2
// | pair 1 1
// | pair 2 1
// | 7
// | rest 8
// | rest 9
// | true
// | v v
let s = "";
for (const x of [1, 2, 3]) s += x;
console.log(s);
for (const ch of "a😀b") console.log(ch, ch.length);
const fns = [];
for (let v of [10, 20, 30]) {
  fns.push(() => v);
  v += 1;
}
console.log(fns[0](), fns[1](), fns[2]());
for (const [k, v] of [["a", 1], ["b", 2]]) console.log(k, v);
for (const { name, n = 0 } of [{ name: "x", n: 5 }, { name: "y" }]) console.log(name, n);
let out = "";
for (const x of [1, 2, 3, 4, 5, 6]) {
  if (x === 2) continue;
  if (x === 5) break;
  out += x;
}
console.log(out);
let a, b;
const pairs = [];
for ([a, b] of [[1, 2], [3, 4]]) pairs.push(a * b);
console.log(pairs[0], pairs[1], a, b);
const obj = { items: [] };
for (obj.last of ["p", "q"]) obj.items.push(obj.last);
console.log(obj.last, obj.items.length);
outer: for (const i of [1, 2, 3]) {
  for (const j of [1, 2, 3]) {
    if (j === 2) continue outer;
    if (i === 3) break outer;
    console.log("pair", i, j);
  }
}
const it = [7, 8, 9][Symbol.iterator]();
console.log(it.next().value);
for (const rest of it) console.log("rest", rest);
console.log(it.next().done);
for (const x of []) console.log("never", x);
var last;
for (var w of ["u", "v"]) last = w;
console.log(last, w);
