// The script of the C firmware example (main.c): a button counter that
// drives an LED through the firmware, a function that returns a string,
// one that returns a closure the firmware keeps in a handle, and one that
// throws. Integers only: the firmware's library is built without float
// support.
const setLed = vmImport(1);

let presses = 0;

vmExport(1, function press(times) {
  presses += times;
  setLed(presses % 2 === 1);
  return presses;
});

vmExport(2, function describe(name) {
  console.log("describing", name);
  return `${name}: ${presses} presses`;
});

// Each counter has its own count, in the closure's environment.
vmExport(3, function makeCounter(step) {
  let count = 0;
  return () => {
    count += step;
    return count;
  };
});

vmExport(4, function fail(message) {
  throw new Error(message);
});

console.log("built with", presses, "presses");
