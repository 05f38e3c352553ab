// test: an Error thrown by a callback inside the host callBack import, caught nowhere, is uncaught in the call
// call: 1 "deep failure"
// output:
// | calling back
// | in callback: deep failure
// uncaught: Error: deep failure
const callBack = vmImport(2);
vmExport(1, function (m) {
  console.log("calling back");
  callBack(function (msg) {
    console.log("in callback:", msg);
    throw new Error(msg);
  }, m);
  console.log("unreachable");
});
