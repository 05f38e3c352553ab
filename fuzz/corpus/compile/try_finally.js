// test: finally runs after normal completion, after a catch, on return and when an exception escapes
// output:
// | finally 0 tf
// | tf
// | finally 1 tcf
// | tcf
// | finally 2 tf
// | t-returned
// | finally
// | cleanup
// | outer escapes
function f(mode) {
  let log = "";
  try {
    log = log + "t";
    if (mode === 1) throw "x";
    if (mode === 2) return log + "-returned";
  } catch (e) {
    log = log + "c";
  } finally {
    log = log + "f";
    console.log("finally", mode, log);
  }
  return log;
}
console.log(f(0));
console.log(f(1));
console.log(f(2));
function overrides() {
  try {
    return "try";
  } finally {
    return "finally";
  }
}
console.log(overrides());
try {
  try {
    throw new Error("escapes");
  } finally {
    console.log("cleanup");
  }
} catch (e) {
  console.log("outer", e.message);
}
