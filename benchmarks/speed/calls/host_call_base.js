// The loop of host_call.js with the addition inline instead of a call of
// host import 1 (the baseline its per-call cost is measured against).
// expect: 812
function run() {
  let x = 0;
  for (let i = 0; i < 1000; i++) {
    x = (x + i) & 1023;
  }
  return x;
}
vmExport(1, run);
