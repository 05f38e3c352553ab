// test: an Error thrown by the host (import 3) and not caught by the export is uncaught
// call: 1 "host says no"
// output:
// | about to call the host
// uncaught: Error: host says no
const hostThrow = vmImport(3);
vmExport(1, function (m) {
  console.log("about to call the host");
  hostThrow(m);
  console.log("unreachable");
});
