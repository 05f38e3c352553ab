// test: calling an export with fewer arguments than parameters leaves the rest undefined
// call: 5 1
// output:
// | 1 undefined undefined undefined
// | 2 true
vmExport(5, function (a, b, c) {
  console.log(a, b, c, typeof b);
  console.log(a + 1, b === undefined);
});
