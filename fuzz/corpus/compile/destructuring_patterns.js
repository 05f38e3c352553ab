// test: destructuring in declarations, assignments, parameters and catch: nesting, defaults evaluated only when undefined, holes, rest elements, swaps
// output:
// | 1 2 null 0
// | 1 y z 2
// | 1 3 2 4
// | 3 c
// | 1 2 3 undefined
// | 2 1
// | 1 dflt
// | 1 5 2
// | 2 7 8
// | n none 0 0 0
// | m t 1 2 2
// | 42 deep
// | a1 b2
// | kept
// | computed
// | 4
let calls = 0;
function dflt(v) {
  calls++;
  return v;
}
const { a, b: { c = dflt("c") } = {}, d = dflt("d") } = { a: 1, b: { c: 2 }, d: null };
console.log(a, c, d, calls);
const [x, , y = dflt("y"), [z] = [dflt("z")]] = [1, 2, undefined];
console.log(x, y, z, calls);
const [h, ...tail] = [1, 2, 3, 4];
console.log(h, tail.length, tail[0], tail[2]);
const [...all] = "abc";
console.log(all.length, all[2]);
const { p, ...others } = { p: 1, q: 2, r: 3 };
console.log(p, others.q, others.r, others.p);
let m = 1, n = 2;
[m, n] = [n, m];
console.log(m, n);
const target = {};
({ one: target.first, two: target["second"] = "dflt" } = { one: 1 });
console.log(target.first, target.second);
let u, v, w;
({ u, v = 5, ...w } = { u: 1, extra: 2 });
console.log(u, v, w.extra);
let q1, q2;
const r = ([q1, q2] = [7, 8]);
console.log(r.length, q1, q2);
function params({ name, tags: [first = "none"] = [] }, [l, r2] = [0, 0], ...more) {
  return name + " " + first + " " + l + " " + r2 + " " + more.length;
}
console.log(params({ name: "n" }));
console.log(params({ name: "m", tags: ["t"] }, [1, 2], 3, 4));
try {
  throw { code: 42, info: { msg: "deep" } };
} catch ({ code, info: { msg } }) {
  console.log(code, msg);
}
const closures = [];
for (const [i, s] of [[1, "a"], [2, "b"]]) closures.push(() => s + i);
console.log(closures[0](), closures[1]());
function captured({ k }) {
  return () => k;
}
console.log(captured({ k: "kept" })());
const key = "dyn";
const { [key]: dyn } = { dyn: "computed" };
console.log(dyn);
const { length } = "four";
console.log(length);
