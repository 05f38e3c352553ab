// Scaling workload: a string of n digits built by n concatenations of one
// digit each, compared with the same string built from n / 10 chunks of
// ten. Export 1 takes n (a multiple of 10) and returns n when they match.
// (Microvium 8 has no string `length`, so the check is by comparison.)
function run(n) {
  let s = '';
  for (let i = 0; i < n; i++) {
    s = s + (i % 10);
  }
  let t = '';
  for (let i = 0; i < n; i = i + 10) {
    t = t + '0123456789';
  }
  return s === t ? n : -1;
}
vmExport(1, run);
