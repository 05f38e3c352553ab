// test: an object with a hundred dynamically added properties; overwriting keeps one entry per key
// call: 1 "k42"
// output:
// | 0 150 297 undefined
// | even 3 even 297
// | 7500
// | 3 not a method
// | even 129
const o = {};
for (let i = 0; i < 100; i++) {
  o["k" + i] = i * 3;
}
console.log(o.k0, o.k50, o.k99, o.k100);
for (let i = 0; i < 100; i = i + 2) {
  o["k" + i] = "even";
}
console.log(o.k0, o.k1, o.k98, o.k99);
let sum = 0;
for (let i = 1; i < 100; i = i + 2) {
  sum = sum + o["k" + i];
}
console.log(sum);
const withLength = { length: 3, push: "not a method" };
console.log(withLength.length, withLength.push);
vmExport(1, function (key) {
  console.log(o[key], o["k" + 43]);
});
