// test: Array keys, values and entries: live iterators that stay done, for…of, spread and Array.from over them
// call: 1
// output:
// | [ 0, 1, 2 ] [ 'x', 'y', 'z' ] [ [ 0, 'x' ], [ 1, 'y' ], [ 2, 'z' ] ] [] [] []
// | { value: [ 0, 'x' ], done: false } { value: [ 1, 'y' ], done: false } { value: [ 2, 'z' ], done: false } { value: undefined, done: true } { value: undefined, done: true }
// | true 0 1
// | 0 x
// | 1 y
// | 2 z
// | 6
// | 1 2
// | { value: 3, done: false } { value: undefined, done: true }
// | { value: undefined, done: true }
// | [ 0, 1, 2 ] 3 { value: 1, done: false }
// | [ [ 0, 7 ], [ 1, 8 ] ] [ 0 ] [ '0', '1', '2' ] [ 'x', 'y', 'z' ] [ [ 'k', 1 ] ]
// | [ 0, 1, 2 ] 3 [ 2, [ 4, [ 5 ] ] ]
// | [ 1, [ 3 ] ] false true
const a = ["x", "y", "z"];
console.log([...a.keys()], [...a.values()], [...a.entries()], [...[].keys()], [...[].entries()], [...[].values()]);
const it = a.entries();
console.log(it.next(), it.next(), it.next(), it.next(), it.next());
const kit = a.keys();
console.log(kit[Symbol.iterator]() === kit, kit.next().value, kit.next().value);
for (const [i, v] of a.entries()) console.log(i, v);
let total = 0;
for (const k of a.keys()) total += k;
for (const v of [1, 2].values()) total += v;
console.log(total);
// Live: elements pushed while iterating are seen; once done, it stays done.
const grow = [1, 2];
const vit = grow.values();
console.log(vit.next().value, vit.next().value);
grow.push(3);
console.log(vit.next(), vit.next());
grow.push(4);
console.log(vit.next());
const holes = [1, , 3];
console.log([...holes.keys()], [...holes.values()].length, holes.values().next());
console.log(Array.from([7, 8].entries()), Array.from(["a"].keys()), Object.keys(a), Object.values(a), Object.entries({ k: 1 }));
const data = [[1, 2], [3], [4, [5]]];
vmExport(1, function () {
  console.log([...data.keys()], [...data.values()].length, [...data.entries()][2]);
  const e = data.entries();
  e.next();
  console.log(e.next().value, e.next().done, e.next().done);
});
