// test: return from inside while, for and nested loops exits the whole function
// call: 1 14
// output:
// | 7 -1
// | 2x6 9x9 none
// | done stopped at 3
// | 2x7 14
function firstMultiple(n, limit) {
  for (let i = 1; i < limit; i++) {
    if (i % n === 0) {
      return i;
    }
  }
  return -1;
}
function findPair(target) {
  for (let a = 1; a < 10; a++) {
    for (let b = a; b < 10; b++) {
      if (a * b === target) {
        return a + "x" + b;
      }
    }
  }
  return "none";
}
function countdown(n) {
  while (true) {
    if (n <= 0) return "done";
    n--;
  }
}
function doReturn() {
  let i = 0;
  do {
    i++;
    if (i === 3) return "stopped at " + i;
  } while (i < 10);
  return "finished";
}
console.log(firstMultiple(7, 100), firstMultiple(7, 5));
console.log(findPair(12), findPair(81), findPair(97));
console.log(countdown(5), doReturn());
vmExport(1, function (t) {
  console.log(findPair(t), firstMultiple(t, 50));
});
