// Speed workload 5: push 300 pseudo-random numbers onto an array, then
// insertion-sort it in place and check the order.
// expect: 300249058
function run() {
  const a = [];
  let seed = 12345;
  for (let i = 0; i < 300; i++) {
    seed = (seed * 1103 + 12345) % 65536;
    a.push(seed % 1000);
  }
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j = j - 1;
    }
    a[j + 1] = v;
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    if (i > 0 && a[i - 1] > a[i]) {
      return -1; // not sorted
    }
    sum = (sum * 31 + a[i]) % 1000003;
  }
  return sum + a.length * 1000000;
}
vmExport(1, run);
