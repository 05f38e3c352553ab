// The script of the Rust host example (examples/rust-host/src/main.rs): a
// button that drives an LED, a sensor that fails, a counter the host keeps,
// a transfer the host completes later, and a loop that never ends.
const setLed = vmImport(1);
const readSensor = vmImport(2);
const startTransfer = vmImport(3);

let presses = 0;

vmExport(1, function press(times) {
  presses += times;
  setLed(presses % 2 === 1);
  return presses;
});

vmExport(2, function greet(name) {
  return `Hello, ${name}! The button was pressed ${presses} times.`;
});

vmExport(3, function sample(sensor) {
  try {
    return readSensor(sensor);
  } catch (e) {
    return `no reading: ${e.message}`;
  }
});

vmExport(4, function fail(reason) {
  throw new RangeError(`${reason} (${presses} presses)`);
});

vmExport(5, function makeCounter(start) {
  let n = start;
  return (step) => (n += step);
});

vmExport(6, async function download(name) {
  const size = await new Promise((resolve) => startTransfer(resolve));
  console.log(`${name}: ${size} bytes`, [size, size * 2]);
  return size;
});

vmExport(7, function spin() {
  for (;;) {}
});

// The top level runs once, at build time.
console.log("built with", presses, "presses");
