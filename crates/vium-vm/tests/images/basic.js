// Exports over numbers and strings; a global counts the calls.
let calls = 0;
vmExport(1, function (a, b) {
  calls = calls + 1;
  return a + b;
});
vmExport(2, function (name) {
  calls = calls + 1;
  return "Hello, " + name + "!";
});
vmExport(3, function (s) {
  return s.length;
});
vmExport(4, function () {
  return calls;
});
vmExport(5, function (x) {
  return x * 1.5;
});
