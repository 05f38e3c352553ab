// test: an Error escaping an exported function during the call is reported after the call's output
// call: 1 3
// output:
// | build ok
// | call 1 3
// uncaught: Error: n too big: 3
let calls = 0;
console.log("build ok");
vmExport(1, function (n) {
  calls++;
  console.log("call", calls, n);
  if (n > 2) {
    throw new Error("n too big: " + n);
  }
  console.log("unreachable");
});
