// Scaling workload: an array of n numbers. n pushes, then n indexed reads,
// each checked. Export 1 takes n and returns n when every check passes.
function run(n) {
  const a = [];
  for (let i = 0; i < n; i++) {
    a.push(i);
  }
  if (a.length !== n) {
    return -1;
  }
  for (let i = 0; i < n; i++) {
    if (a[i] !== i) {
      return -2;
    }
  }
  return n;
}
vmExport(1, run);
