// test: an uncaught number thrown at build time is reported as Uncaught 42
// output:
// | start
// | handled 1
// uncaught: 42
console.log("start");
try {
  throw 1;
} catch (e) {
  console.log("handled", e);
}
throw 42;
