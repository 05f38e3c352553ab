// The cost of a call from the script into the host: 1,000 calls of host
// import 1, `add(a, b)` (the same import as 09_host_state_machine). Measured
// with host_call_base.js, the same loop with the addition inline: the
// difference of the two, divided by 1,000, is what one call costs.
// expect: 812
const add = vmImport(1);
function run() {
  let x = 0;
  for (let i = 0; i < 1000; i++) {
    x = add(x, i) & 1023;
  }
  return x;
}
vmExport(1, run);
