// test: exceptions thrown halfway through evaluating calls, array literals and concatenations leave the stack consistent
// output:
// | 30/7;[boom 2];[boom 2];[boom 3];
// | 33
// | boom 5 undefined 2
function boom(v) {
  if (v > 1) throw "boom " + v;
  return v;
}
let results = "";
for (let i = 0; i < 4; i++) {
  try {
    const arr = [10, 20, 30 + boom(i)];
    const sum = 1 + (2 + (3 + boom(i + 1)));
    results = results + arr[2] + "/" + sum + ";";
  } catch (e) {
    results = results + "[" + e + "];";
  }
}
console.log(results);
function middle(a, b, c) {
  return a + b + c;
}
let after = 0;
for (let i = 0; i < 100; i++) {
  try {
    middle(1, boom(i % 3), 3);
  } catch (e) {
    after++;
  }
}
console.log(after);
const o = { a: 1 };
try {
  o.b = "x" + boom(5);
} catch (e) {
  console.log(e, o.b, o.a + 1);
}
