// test: an exception unwinds several call frames to a catch in a caller; locals of the catcher survive
// call: 1 3
// output:
// | level2 after level3
// | ok 1
// | local-5 caught too deep at 5
// | unwound bottom
// | 42
// | local-3 caught too deep at 3
function level3(n) {
  if (n > 2) {
    throw new Error("too deep at " + n);
  }
  return "ok " + n;
}
function level2(n) {
  const r = level3(n);
  console.log("level2 after level3");
  return r;
}
function level1(n) {
  let local = "local-" + n;
  try {
    return level2(n);
  } catch (e) {
    return local + " caught " + e.message;
  }
}
console.log(level1(1));
console.log(level1(5));
function recurseThrow(n) {
  if (n === 0) throw "bottom";
  return recurseThrow(n - 1) + 1;
}
try {
  recurseThrow(50);
} catch (e) {
  console.log("unwound", e);
}
const thrower = () => {
  throw 7;
};
function viaArrow() {
  try {
    thrower();
  } catch (e) {
    return e * 6;
  }
}
console.log(viaArrow());
vmExport(1, function (n) {
  console.log(level1(n));
});
