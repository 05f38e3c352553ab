// test: nested try/catch, rethrowing to an outer handler, throwing a new value from a catch block
// output:
// | inner caught inner
// | outer caught inner rethrown
// | second after first
// | inner ok
// | outer got 1
// | handler reusable again
try {
  try {
    throw "inner";
  } catch (e) {
    console.log("inner caught", e);
    throw e + " rethrown";
  }
} catch (e) {
  console.log("outer caught", e);
}
try {
  try {
    throw new Error("first");
  } catch (e) {
    throw new Error("second after " + e.message);
  }
} catch (e) {
  console.log(e.message);
}
try {
  try {
    console.log("inner ok");
  } catch (e) {
    console.log("not reached");
  }
  throw 1;
} catch (e) {
  console.log("outer got", e);
}
try {
  throw "again";
} catch (e) {
  console.log("handler reusable", e);
}
