// test: for-in visits own enumerable keys in insertion order, array indices as strings, skips deleted keys
// output:
// | 0,1,b,a,
// | string 0
// | string 1
// | p q
// | last
// | x 1
// | z 3
const o = { b: 1, a: 2, 1: "one", 0: "zero" };
let keys = "";
for (const k in o) keys += k + ",";
console.log(keys);
for (const i in ["x", "y"]) console.log(typeof i, i);
const fns = [];
for (let k in { p: 1, q: 2 }) fns.push(() => k);
console.log(fns[0](), fns[1]());
let k2;
for (k2 in { last: 1 });
console.log(k2);
const d = { x: 1, y: 2, z: 3 };
delete d.y;
for (const k in d) console.log(k, d[k]);
for (const k in {}) console.log("never", k);
