// test: Boolean called as a function, String.prototype.toString, SyntaxError objects (made with and without new)
// output:
// | false true false false false true false false true true true
// | false boolean
// | text 0 string
// | true xy
// | SyntaxError bad token true true
// | SyntaxError: thrown
// | no new true

const values = [0, 1, -0, NaN, "", "a", null, undefined, [], {}, "false"];
console.log(values.map((v) => Boolean(v)).join(" "));
console.log(Boolean(), typeof Boolean(1));
const s = "text";
console.log(s.toString(), "".toString().length, typeof s.toString());
console.log("abc".toString() === "abc", `${"x".toString()}y`);
const e = new SyntaxError("bad token");
console.log(e.name, e.message, e instanceof SyntaxError, e instanceof Error);
try {
  throw new SyntaxError("thrown");
} catch (err) {
  console.log(err.name + ": " + err.message);
}
const plain = SyntaxError("no new");
console.log(plain.message, plain instanceof SyntaxError);
