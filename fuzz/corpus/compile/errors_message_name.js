// test: Error objects: message and name properties, with and without new, and extra properties
// call: 1 "late"
// output:
// | boom Error object
// | true made earlier 12
// | fail: 3
// | not thrown Error
// | Error: with number 1.5
// | caught at runtime: late
try {
  throw new Error("boom");
} catch (e) {
  console.log(e.message, e.name, typeof e);
}
const err = new Error("made earlier");
err.code = 12;
try {
  throw err;
} catch (e) {
  console.log(e === err, e.message, e.code);
}
function fail(msg) {
  throw new Error("fail: " + msg);
}
try {
  fail(3);
} catch (e) {
  console.log(e.message);
}
const e2 = new Error("not thrown");
console.log(e2.message, e2.name);
try {
  throw new Error("with number " + 1.5);
} catch (e) {
  console.log(e.name + ": " + e.message);
}
vmExport(1, function (m) {
  try {
    throw new Error(m);
  } catch (e) {
    console.log("caught at runtime:", e.message);
  }
});
