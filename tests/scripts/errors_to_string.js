// test: an error converts to text as Error.prototype.toString says (String(e), "" + e, templates, e.toString()), subclasses and own names included, before and after the snapshot
// call: 1
// output:
// | Error: boom Error: boom TypeError: t RangeError
// | got MyErr: bad
// | 42: x
// | caught: TypeError: Cannot read properties of null (reading 'x')
// | Error: m TypeError N: M
// | after: Error: kept | MyErr: later
const e = new Error("boom");
console.log(String(e), "" + e, `${new TypeError("t")}`, String(new RangeError()));
class MyErr extends Error {
  constructor(m) {
    super(m);
    this.name = "MyErr";
  }
}
console.log("got " + new MyErr("bad"));
const n = new Error("x");
n.name = 42;
console.log(String(n));
try {
  null.x;
} catch (err) {
  console.log("caught: " + err);
}
console.log(new Error("m").toString(), new TypeError().toString(), Error.prototype.toString.call({ name: "N", message: "M" }));
const kept = new Error("kept");
vmExport(1, function () {
  console.log("after: " + kept + " | " + new MyErr("later").toString());
});
