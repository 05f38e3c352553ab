// test: functions made by eval at build time are called after the snapshot; each eval's own bindings are separate
// call: 1 5
// output:
// | 16 1 2 1
// | 25 3 2
// | hello device

// Functions made by eval at build time are kept in the image and called
// after the snapshot; the eval'd code's own bindings live on in closures.
const square = eval("function square(x) { return x * x; }; square");
const counter = eval("let n = 0; () => { n += 1; return n; }");
const other = eval("let n = 0; () => { n += 1; return n; }");
const describe = eval("(function (name) { return 'hello ' + name; })");
console.log(square(4), counter(), counter(), other());
vmExport(1, (x) => {
  console.log(square(x), counter(), other());
  console.log(describe("device"));
});
