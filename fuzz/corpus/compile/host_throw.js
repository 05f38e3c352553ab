// test: host import 3 throws an Error that the script can catch, at build time and at run time
// call: 1 "later"
// output:
// | from host Error
// | through a frame
// | caught later
// uncaught: Error: uncaught later
const hostThrow = vmImport(3);
try {
  hostThrow("from host");
  console.log("not reached");
} catch (e) {
  console.log(e.message, e.name);
}
function wrapper(m) {
  hostThrow(m);
}
try {
  wrapper("through a frame");
} catch (e) {
  console.log(e.message);
}
vmExport(1, function (m) {
  try {
    hostThrow(m);
  } catch (e) {
    console.log("caught", e.message);
  }
  hostThrow("uncaught " + m);
});
