// test: Array sort: default order by String(x) with undefined last, comparators, stability, many elements, sort after restore
// requires: overflow-checks
// call: 1
// output:
// | -3 0 1 10 100 25 9
// | [ 'a', 'b', 'c', undefined, undefined ] [] [ 1 ]
// | [ '10', 2, false, null, 'null', true ]
// | [ 'E', 'e', 'z', 'é', '😀', '￿' ]
// | -3 0 1 9 10 25 100 [ 3, 2, 1 ]
// | [ 3, 1, undefined ]
// | fay bob dee gus ann cid eve
// | [ 5, 3, 8 ] [ 5, 3, 8 ]
// | true [ 2, 3, 4 ]
// | true 300 8 992
// | 116 176 200 200 216 240 496 656 712 712 896 920
// | true
// | [ 10, 15, 20, 30 ] [ 10, 15, 20, 30 ]
console.log([10, 9, 1, 100, 25, -3, 0].sort().join(" "));
console.log(["b", undefined, "a", "c", undefined].sort(), [].sort(), [1].sort());
console.log([true, false, null, "null", 2, "10"].sort());
console.log(["é", "e", "z", "E", "😀", "\uffff"].sort());
console.log([10, 9, 1, 100, 25, -3, 0].sort((x, y) => x - y).join(" "), [3, 1, 2].sort((x, y) => y - x));
console.log([3, undefined, 1].sort((x, y) => y - x));
const people = [
  { name: "ann", age: 30 },
  { name: "bob", age: 25 },
  { name: "cid", age: 30 },
  { name: "dee", age: 25 },
  { name: "eve", age: 30 },
  { name: "fay", age: 20 },
  { name: "gus", age: 25 },
];
console.log(people.sort((p, q) => p.age - q.age).map((p) => p.name).join(" "));
console.log([5, 3, 8].sort(() => 0), [5, 3, 8].sort(() => NaN));
const arr = [4, 2, 3];
console.log(arr.sort() === arr, arr);
const big = [];
let seed = 7;
for (let i = 0; i < 300; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  big.push(seed % 1000);
}
const sorted = big.slice().sort((x, y) => x - y);
let ok = true;
for (let i = 1; i < sorted.length; i++) if (sorted[i - 1] > sorted[i]) ok = false;
console.log(ok, sorted.length, sorted[0], sorted[299]);
const asStrings = big.slice(0, 12).sort();
console.log(asStrings.join(" "));
try {
  [1, 2].sort(5);
} catch (e) {
  console.log(e instanceof TypeError);
}
const scores = [];
scores.push(30, 10, 20);
vmExport(1, function () {
  scores.push(15);
  console.log(scores.sort((x, y) => x - y), scores.sort());
});
