// test: reading a property of undefined or null and calling a non-function throw catchable errors
// call: 1
// output:
// | undefined.x threw object
// | null.x threw object
// | call number threw object
// | call missing method threw object
// | set on undefined threw object
// | at runtime threw object
function attempt(label, f) {
  try {
    f();
    console.log(label, "no error");
  } catch (e) {
    console.log(label, "threw", typeof e);
  }
}
attempt("undefined.x", () => {
  const u = undefined;
  return u.x;
});
attempt("null.x", () => {
  const n = null;
  return n.x;
});
attempt("call number", () => {
  const n = 5;
  n();
});
attempt("call missing method", () => {
  const o = {};
  o.missing();
});
attempt("set on undefined", () => {
  const u = undefined;
  u.x = 1;
});
vmExport(1, function () {
  attempt("at runtime", () => {
    const n = null;
    return n.y;
  });
});
