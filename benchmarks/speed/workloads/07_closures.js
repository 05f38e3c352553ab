// Speed workload 7: 3,000 closures created and called (plus one counter
// closure whose captured variable is updated 3,000 times).
// expect: 94249
function makeAdder(k) {
  return function (x) {
    return x + k;
  };
}
function makeCounter() {
  let n = 0;
  return () => {
    n = n + 1;
    return n;
  };
}
function run() {
  const counter = makeCounter();
  let acc = 0;
  for (let i = 0; i < 3000; i++) {
    const add = makeAdder(i & 63);
    acc = (acc + add(i) + counter()) % 1000003;
  }
  return acc;
}
vmExport(1, run);
