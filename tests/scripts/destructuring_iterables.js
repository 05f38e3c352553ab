// test: array destructuring from user iterables (lazily, as many values as needed) and from strings by code point
// output:
// | 0 1 2
// | 0 2 dflt 4
// | 0 [ 1, 2, 3 ]
// | 0 1
// | 1 2 3
// | a 😀 b 2
// | 3 h|😀|i
// | 0 1 x
// | 0,1,q
// | 0 1
// | a b
// | 10 20
// | true
function range(n) {
  let pulled = 0;
  const it = {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next() {
          pulled++;
          return i < n ? { value: i++, done: false } : { value: undefined, done: true };
        },
      };
    },
    pulled() {
      return pulled;
    },
  };
  return it;
}
const r = range(5);
const [a, b] = r;
console.log(a, b, r.pulled());
const r2 = range(3);
const [x, , z, w = "dflt"] = r2;
console.log(x, z, w, r2.pulled());
const [first, ...others] = range(4);
console.log(first, others);
let p, q;
[p, q] = range(2);
console.log(p, q);
function naturals() {
  let n = 0;
  return {
    [Symbol.iterator]() {
      return this;
    },
    next() {
      n++;
      return { value: n, done: false };
    },
  };
}
const [n1, n2, n3] = naturals();
console.log(n1, n2, n3);
const [e1, e2, e3] = "a😀b";
console.log(e1, e2, e3, e2.length);
const [...chars] = "h😀i";
console.log(chars.length, chars.join("|"));
const [[i1, i2], [j1]] = [range(2), "xy"];
console.log(i1, i2, j1);
function params([u, v], ...[w2]) {
  return [u, v, w2].join(",");
}
console.log(params(range(3), "q"));
for (const [k, v] of [range(2), "ab"]) console.log(k, v);
const arr = [10, 20, 30];
const [f1, f2] = arr;
console.log(f1, f2);
try {
  const [bad] = {};
  console.log(bad);
} catch (e) {
  console.log(e instanceof TypeError);
}
