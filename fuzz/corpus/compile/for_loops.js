// test: for loops: counting up and down, empty clauses, break, continue and the final counter value
// output:
// | 01234
// | 531
// | 3
// | 7
// | 124578
// | 12 10
let s = "";
for (let i = 0; i < 5; i++) {
  s = s + i;
}
console.log(s);
s = "";
for (let i = 5; i > 0; i = i - 2) {
  s = s + i;
}
console.log(s);
var j;
for (j = 0; j < 3; j++) {}
console.log(j);
let count = 0;
for (;;) {
  count++;
  if (count === 7) break;
}
console.log(count);
let skipped = "";
for (let i = 0; i < 10; i++) {
  if (i % 3 === 0) continue;
  skipped = skipped + i;
}
console.log(skipped);
for (let i = 0; i < 0; i++) {
  console.log("never");
}
let a = 0;
let b = 10;
for (; a < b; ) {
  a = a + 3;
}
console.log(a, b);
