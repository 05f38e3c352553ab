// test: arrays grow when assigned past the end; holes read as undefined; state persists across the snapshot
// call: 1 9
// output:
// | 6 undefined undefined 6
// | 1
// | 10 undefined y
// | 11 z
// | 20 0 361
// | 5 4
// | 9 6 9 undefined 10
// | 21 9
const a = [1, 2];
a[5] = 6;
console.log(a.length, a[2], a[4], a[5]);
const b = [];
b[0] = "x";
console.log(b.length);
b[9] = "y";
console.log(b.length, b[5], b[9]);
console.log(b.push("z"), b[10]);
const c = [];
for (let i = 0; i < 20; i++) {
  c.push(i * i);
}
console.log(c.length, c[0], c[19]);
const d = [];
for (let i = 0; i < 5; i++) {
  d[d.length] = i;
}
console.log(d.length, d[4]);
vmExport(1, function (v) {
  a.push(v);
  a[a.length + 1] = v + 1;
  console.log(a.length, a[5], a[6], a[7], a[8]);
  console.log(c.push(v), c[20]);
});
