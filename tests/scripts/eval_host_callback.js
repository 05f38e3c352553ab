// test: eval inside a host callback: the redone build round is not printed twice even when the host turned the stop into a caught exception
// output:
// | start
// | 42
// | in callback text
// | end

// eval inside a host callback: the build round that meets new text is
// redone even when the host turned the stop into an exception the script
// caught, and nothing of that round is printed twice.
const callBack = vmImport(2);
console.log("start");
let r;
try {
  r = callBack((x) => eval("(y) => y + 1")(x), 41);
} catch (e) {
  console.log("caught", e.message);
}
console.log(r);
callBack(() => console.log("in callback", eval("'text'")));
console.log("end");
