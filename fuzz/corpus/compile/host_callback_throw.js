// test: an exception thrown by a script callback propagates through the host callBack import to the caller
// call: 1 "runtime"
// output:
// | caught: from callback
// | caught primitive: 99
// | caught: two levels
// | handled inside
// | runtime caught: runtime
const callBack = vmImport(2);
function thrower(msg) {
  throw new Error(msg);
}
try {
  callBack(thrower, "from callback");
  console.log("not reached");
} catch (e) {
  console.log("caught:", e.message);
}
try {
  callBack(() => {
    throw 99;
  });
} catch (e) {
  console.log("caught primitive:", e);
}
function nested() {
  return callBack(() => callBack(thrower, "two levels"));
}
try {
  nested();
} catch (e) {
  console.log("caught:", e.message);
}
console.log(callBack(function () {
  try {
    thrower("inside");
  } catch (e) {
    return "handled " + e.message;
  }
}));
vmExport(1, function (m) {
  try {
    callBack(thrower, m);
  } catch (e) {
    console.log("runtime caught:", e.message);
  }
});
