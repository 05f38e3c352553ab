// test: a string thrown from a nested call inside an export is reported as Uncaught <string>
// call: 2 "bad input"
// output:
// | checking bad input
// uncaught: bad input
function check(s) {
  throw s;
}
vmExport(1, function () {
  console.log("export 1");
});
vmExport(2, function (s) {
  console.log("checking", s);
  check(s);
});
