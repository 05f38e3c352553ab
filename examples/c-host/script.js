// The script of the C host example (examples/c-host/main.c): a button
// counter that drives an LED through a host function.
const setLed = vmImport(1);

let presses = 0;

vmExport(1, function press(times) {
  presses += times;
  setLed(presses % 2 === 1);
  return presses;
});

vmExport(2, function describe(name) {
  return `${name}: ${presses} presses`;
});

// Returns a function that the host keeps in a handle.
vmExport(3, function makeGreeter(greeting) {
  return (who) => greeting + ", " + who + "!";
});

vmExport(4, function fail(message) {
  throw new Error(message);
});

// Sums the bytes of a Uint8Array the host made.
vmExport(5, function checksum(bytes) {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum = (sum + bytes[i]) & 0xff;
  return sum;
});
