// test: for-of over arrays and strings, for-in over object keys in insertion order
// output:
// | 123[a][😀]
// | 1,b,a,
let s = "";
for (const v of [1, 2, 3]) s = s + v;
for (const ch of "a😀") s = s + "[" + ch + "]";
console.log(s);
const o = { b: 1, a: 2, 1: "x" };
let keys = "";
for (const k in o) keys = keys + k + ",";
console.log(keys);
