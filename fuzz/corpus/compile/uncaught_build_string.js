// test: an uncaught string rethrown from a catch block at build time is reported verbatim
// output:
// | caught inner
// uncaught: oops
try {
  throw "inner";
} catch (e) {
  console.log("caught", e);
  throw "oops";
}
