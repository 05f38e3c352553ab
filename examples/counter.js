// A counter whose state lives in a closure created at build time.
// Build it, then call export 1 on the device (or with `vium run --call 1 N`).
function makeCounter(start) {
  let count = start;
  return function (step) {
    count = count + step;
    console.log('count is now ' + count);
    return count;
  };
}

const counter = makeCounter(100);
counter(1); // runs at build time: the snapshot keeps count = 101
vmExport(1, counter);
