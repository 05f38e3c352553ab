// test: nested loops: inner break and continue affect only the inner loop, outer state is kept
// output:
// | 1 2 3 |2 4 6 |3 6 9 |
// | 00,10,20,22,30,32,33,
// | 4
// | 125
let out = "";
for (let i = 1; i <= 3; i++) {
  let row = "";
  for (let j = 1; j <= 3; j++) {
    row = row + i * j + " ";
  }
  out = out + row + "|";
}
console.log(out);
let pairs = "";
for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) {
    if (j > i) break;
    if (j === 1) continue;
    pairs = pairs + i + j + ",";
  }
}
console.log(pairs);
let total = 0;
let i = 0;
while (i < 3) {
  let j = 0;
  do {
    total = total + 1;
    j++;
  } while (j < i);
  i++;
}
console.log(total);
let count = 0;
for (let a = 0; a < 5; a++)
  for (let b = 0; b < 5; b++)
    for (let c = 0; c < 5; c++) count++;
console.log(count);
