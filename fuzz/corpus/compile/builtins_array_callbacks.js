// test: Array callback methods: map, filter, forEach, reduce, reduceRight, some, every, find, findIndex, with index and array arguments and errors
// call: 1 3
// output:
// | [ 3, 4, 11 ]
// | [ 5, 4 ] [] []
// | each 0 5
// | each 1 1
// | each 2 4
// | undefined
// | 10 110 012
// | 7 init 4,1,5
// | true Reduce of empty array with no initial value
// | true false false true false true
// | 1 undefined 2 -1
// | true
// | true
// | { len4: 2, len3: 1, len5: 1 }
// | [ 12, 9, 15, 12 ] [ 'pear', 'apple', 'kiwi' ] fig
// | 15 true true
const a = [5, 1, 4];
console.log(a.map((x, i, arr) => x * i + arr.length));
console.log(a.filter((x) => x > 1), a.filter(() => false), [].map((x) => x));
a.forEach((x, i) => console.log("each", i, x));
console.log(a.forEach((x) => x));
console.log(a.reduce((s, x) => s + x), a.reduce((s, x) => s + x, 100), a.reduce((s, x, i) => s + i, ""));
console.log([7].reduce((s, x) => s + x), [].reduce((s, x) => s + x, "init"), a.reduceRight((s, x) => s + "," + x));
try {
  [].reduce((s, x) => s + x);
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
console.log(a.some((x) => x > 4), a.some((x) => x > 5), [].some(() => true), a.every((x) => x > 0), a.every((x) => x > 1), [].every(() => false));
console.log(a.find((x) => x < 5), a.find((x) => x > 10), a.findIndex((x) => x === 4), a.findIndex((x) => x === 3));
try {
  a.map(3);
} catch (e) {
  console.log(e instanceof TypeError);
}
const seen = [];
[1, 2, 3].map((x, i, arr) => {
  if (i === 0) arr.push(99);
  seen.push(x);
  return x;
});
console.log(seen.length > 0);
const words = ["pear", "fig", "apple", "kiwi"];
const byLen = words.reduce((acc, w) => {
  const k = "len" + w.length;
  acc[k] = (acc[k] || 0) + 1;
  return acc;
}, {});
console.log(byLen);
const double = (x) => x * 2;
vmExport(1, function (k) {
  console.log(words.map((w) => w.length * k), words.filter((w) => w.length > k), words.find((w) => w.length === k));
  console.log([1, 2, 3].map(double).reduce((s, x) => s + x, k), words.some((w) => w === "fig"), words.every((w) => w.length >= k));
});
