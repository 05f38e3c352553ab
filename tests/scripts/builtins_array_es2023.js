// test: Array flat (depth, holes), flatMap, findLast, findLastIndex, copyWithin, toReversed, toSorted, with
// call: 1
// output:
// | [ 1, 2, [ 3, [ 4, [Array] ] ], 6 ] [ 1, 2, 3, [ 4, [ 5 ] ], 6 ] [ 1, 2, 3, 4, 5, 6 ] [ 1, [ 2, [ 3, [Array] ] ], 6 ] [ 1, [ 2, [ 3, [Array] ] ], 6 ] [ 1, 2, 3, [ 4, [ 5 ] ], 6 ] [ 1, 2, [ 3, [ 4, [Array] ] ], 6 ] [ 1, [ 2, [ 3, [Array] ] ], 6 ]
// | 4 1|3|4|6 [] [] [ 1, 2, 'ab', [ 3 ] ]
// | [ 1, 10, 2, 20, 3, 30 ] [ [ 1 ], [ 2 ] ] [ 'a b', 0, 2, 'c', 1, 2 ] 1|3
// | true flatMap mapper function is not callable
// | 44 4 undefined -1 undefined -1
// | 5:3:6 4:44:6 3:130:6
// | true undefined is not a function
// | [ 4, 5, 3, 4, 5 ] [ 1, 1, 2, 3, 4 ] [ 1, 2, 3, 3, 4 ] [ 1, 2, 1, 4, 5 ]
// | [ 1, 2, 3, 4, 5 ] [ 2, 3, 4, 5, 5 ] [ 1, 2, 3, 2, 3 ] [ 2, 3, 3 ] [ 1, 2, 3 ] []
// | true [ 1, 1, 2 ]
// | [ 2, 10, undefined, 1, 3 ] [ 1, 10, 2, 3, undefined ] [ 10, 3, 2, 1, undefined ] [ 3, 1, undefined, 10, 2 ] [] []
// | [ 'a', 1, undefined, 10, 2 ] [ 3, 1, undefined, 10, 'b' ] [ 3, 'c', undefined, 10, 2 ] [ 3, 1, 'd', 10, 2 ] [ 3, 1, undefined, 10, 2 ]
// | true Invalid index : 5
// | true Invalid index : -6
// | true Invalid index : Infinity
// | true The comparison function must be either a function or undefined
// | 3 [ 1, 2, 3 ] 2
// | [ 1, 2, 3, 4, [ 5 ] ] [ 1, 2, 3, 4, [ 5 ] ] [ 3 ] -1
// | [ 2, 3, 2, 3 ]
// | [ 4, [ 5 ] ] [ 1, 2, 3 ] [ 3, 2, 1 ] [ [ 1, 2 ], [ 3 ], 0 ]
const nested = [1, [2, [3, [4, [5]]]], 6];
console.log(nested.flat(), nested.flat(2), nested.flat(Infinity), nested.flat(0), nested.flat(-1), nested.flat("2"), nested.flat(1.9), nested.flat(NaN));
const holes = [1, , 3, [4, , 6]];
console.log(holes.flat().length, holes.flat().join("|"), [[]].flat(), [].flat(), [[1, 2], "ab", [[3]]].flat());
console.log([1, 2, 3].flatMap((x) => [x, x * 10]), [1, 2].flatMap((x) => [[x]]), ["a b", "c"].flatMap((s, i, arr) => [s, i, arr.length]), [1, , 3].flatMap((x) => x).join("|"));
try {
  [1].flatMap(5);
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
const n = [5, 12, 8, 130, 44, 3];
console.log(n.findLast((x) => x > 10), n.findLastIndex((x) => x > 10), n.findLast((x) => x > 1000), n.findLastIndex((x) => x > 1000), [].findLast(() => true), [].findLastIndex(() => true));
const seen = [];
n.findLast((x, i, arr) => {
  seen.push(i + ":" + x + ":" + arr.length);
  return i === 3;
});
console.log(seen.join(" "));
try {
  n.findLastIndex();
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
console.log([1, 2, 3, 4, 5].copyWithin(0, 3), [1, 2, 3, 4, 5].copyWithin(1, 0), [1, 2, 3, 4, 5].copyWithin(-2, -3, -1), [1, 2, 3, 4, 5].copyWithin(2, 0, 1.5));
console.log([1, 2, 3, 4, 5].copyWithin(0), [1, 2, 3, 4, 5].copyWithin(0, 1), [1, 2, 3, 4, 5].copyWithin(3, 1, 10), [1, 2, 3].copyWithin(-100, 1), [1, 2, 3].copyWithin(1, 2, 1), [].copyWithin(0, 0));
const c = [1, 2, 3];
console.log(c.copyWithin(1, 0) === c, c);
const orig = [3, 1, undefined, 10, 2];
console.log(orig.toReversed(), orig.toSorted(), orig.toSorted((x, y) => y - x), orig, [].toReversed(), [].toSorted());
console.log(orig.with(0, "a"), orig.with(-1, "b"), orig.with(1.7, "c"), orig.with("2", "d"), orig);
for (const i of [5, -6, Infinity]) {
  try {
    orig.with(i, 0);
  } catch (e) {
    console.log(e instanceof RangeError, e.message);
  }
}
try {
  orig.toSorted("no");
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
console.log([1, , 3].toReversed().length, [1, , 3].with(1, 2), [, 1].toSorted().length);
const data = [[1, 2], [3], [4, [5]]];
vmExport(1, function () {
  console.log(data.flat(), data.flatMap((x) => x), data.findLast((x) => x.length === 1), data.findLastIndex((x) => x.length > 5));
  console.log([0, 1, 2, 3].copyWithin(0, 2));
  console.log(data.toReversed()[0], [3, 1, 2].toSorted(), [3, 1, 2].toSorted((x, y) => y - x), data.with(-1, 0));
});
