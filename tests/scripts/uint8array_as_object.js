// test: a Uint8Array answers in, hasOwnProperty, instanceof and Object.prototype.toString as Node does, and iterates, before and after the snapshot
// call: 1
// output:
// | [ 1, 2 ] true false true false true [object Uint8Array]
// | 1
// | 2
// | after: true 3
const u = new Uint8Array([1, 2]);
console.log([...u], u.hasOwnProperty(0), u.hasOwnProperty(5), 1 in u, 2 in u, u instanceof Uint8Array, Object.prototype.toString.call(u));
for (const b of u) console.log(b);
vmExport(1, function () {
  let sum = 0;
  for (const b of u) sum += b;
  console.log("after:", "length" in u, sum);
});
