// test: while and do-while loops: zero iterations, do-while running once, break and continue
// output:
// | 5 10
// | 0
// | 1
// | -2 4
// | 13579
// | m 1
// | m 3
// | end 4
let i = 0;
let total = 0;
while (i < 5) {
  total = total + i;
  i++;
}
console.log(i, total);
let never = 0;
while (false) {
  never = 1;
}
console.log(never);
let once = 0;
do {
  once++;
} while (false);
console.log(once);
let n = 10;
let steps = 0;
do {
  n = n - 3;
  steps++;
} while (n > 0);
console.log(n, steps);
let odds = "";
let k = 0;
while (true) {
  k++;
  if (k > 9) break;
  if (k % 2 === 0) continue;
  odds = odds + k;
}
console.log(odds);
let m = 0;
do {
  m++;
  if (m === 2) continue;
  if (m === 4) break;
  console.log("m", m);
} while (m < 10);
console.log("end", m);
