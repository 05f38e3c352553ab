// test: Object.keys, values, entries, assign, fromEntries and is, in insertion order with integer keys first, before and after the snapshot
// call: 1
// output:
// | [ '2', '10', 'b', 'a' ] [ null, true, 1, 'two' ]
// | [ [ '2', null ], [ '10', true ], [ 'b', 1 ], [ 'a', 'two' ] ]
// | [] [] [] [ '0', '1' ] [ '0', '1' ]
// | true { x: 3, y: 2, z: [ 1 ] }
// | [ [ '0', 'a' ], [ '1', 'b' ] ] { a: 1 }
// | { a: 1, b: [ 2 ] } { k: 'v' }
// | true false true true false
// | [ 'a', 'c', 'd' ] [ 3, 1, 9 ] [ [ 'mode', 'fast' ], [ 'level', 3 ] ]
// | 13
const o = { b: 1, a: "two", 10: true, 2: null };
console.log(Object.keys(o), Object.values(o));
console.log(Object.entries(o));
console.log(Object.keys({}), Object.values({}), Object.entries({}), Object.keys([4, 5]), Object.keys("hi"));
const t = { x: 1 };
const r = Object.assign(t, { y: 2 }, null, undefined, { x: 3, z: [1] });
console.log(r === t, t);
console.log(Object.entries(Object.assign({}, "ab")), Object.assign({ a: 1 }));
console.log(Object.fromEntries([["a", 1], ["b", [2]]]), Object.fromEntries(Object.entries({ k: "v" })));
console.log(Object.is(NaN, NaN), Object.is(0, -0), Object.is(-0, -0), Object.is("a", "a"), Object.is({}, {}));
const counts = {};
for (const w of ["a", "b", "a", "c", "a"]) counts[w] = (counts[w] || 0) + 1;
const config = Object.assign({}, { mode: "fast" }, { level: 3 });
vmExport(1, function () {
  counts.d = 9;
  delete counts.b;
  console.log(Object.keys(counts), Object.values(counts), Object.entries(config));
  let total = 0;
  for (const [k, v] of Object.entries(counts)) total += v;
  console.log(total);
});
