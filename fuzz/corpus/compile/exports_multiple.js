// test: several exports with different ids; the call selects export 3, which sees state from build time
// call: 3 "x" "y"
// output:
// | exports registered
// | export three x y build+xy
let log = "build";
vmExport(1, function () {
  console.log("export one");
});
vmExport(2, function (a) {
  console.log("export two", a);
});
vmExport(3, function (a, b) {
  log = log + "+" + a + b;
  console.log("export three", a, b, log);
});
vmExport(42, function () {
  console.log("export forty-two");
});
console.log("exports registered");
