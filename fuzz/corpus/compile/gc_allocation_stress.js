// test: many short-lived objects, arrays, strings and closures are allocated; live data stays intact
// call: 1 500
// output:
// | 8 0 1750 300 9
// | 7000
// | 499 v499 750 300
const keep = [];
for (let i = 0; i < 2000; i++) {
  const tmp = { index: i, label: "item" + i, list: [i, i + 1] };
  const fn = () => tmp.index;
  if (i % 250 === 0) {
    keep.push(fn);
  }
}
let text = "";
for (let i = 0; i < 300; i++) {
  text = text + (i % 10);
}
console.log(keep.length, keep[0](), keep[7](), text.length, text[299]);
let total = 0;
for (let i = 0; i < keep.length; i++) {
  total = total + keep[i]();
}
console.log(total);
vmExport(1, function (n) {
  let last;
  for (let i = 0; i < n; i++) {
    last = { value: [i, "v" + i] };
  }
  console.log(last.value[0], last.value[1], keep[3](), text.length);
});
