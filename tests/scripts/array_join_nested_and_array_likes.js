// test: join uses its separator only at the top level (nested arrays join with commas, as their toString does) and takes array-likes and strings through call, before and after the snapshot
// call: 1
// output:
// | 1;2,3;4 1,2,3,4
// | a-b a,b,c
// | TypeError
// | after: x|y,z
console.log([1, [2, 3], 4].join(";"), String([1, [2, [3, 4]]]));
console.log(Array.prototype.join.call({ length: 2, 0: "a", 1: "b" }, "-"), Array.prototype.join.call("abc"));
try {
  Array.prototype.join.call(null);
} catch (e) {
  console.log(e.name);
}
const nested = ["x", ["y", "z"]];
vmExport(1, function () {
  console.log("after:", nested.join("|"));
});
