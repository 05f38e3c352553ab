// Speed workload 9: a state machine driven by a host import: 5,000 calls to
// host function 1 (`add(a, b)`, the same import the CLI host and
// tests/node-shim.mjs provide) produce the input symbols.
// expect: 2581
const add = vmImport(1);
function run() {
  let state = 0;
  let matches = 0;
  let x = 1;
  for (let i = 0; i < 5000; i++) {
    x = add(x, i) % 97;
    const input = x & 3;
    if (state === 0) {
      state = input === 1 ? 1 : 0;
    } else if (state === 1) {
      state = input === 2 ? 2 : input === 1 ? 1 : 0;
    } else if (state === 2) {
      if (input === 3) {
        state = 3;
        matches = matches + 1;
      } else {
        state = 0;
      }
    } else {
      state = input === 0 ? 0 : 1;
    }
  }
  return matches * 10 + state;
}
vmExport(1, run);
