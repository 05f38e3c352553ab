// test: array literals, indexing, .length, assignment to elements, push returning the new length
// output:
// | 3 10 30 undefined
// | 21
// | 4 4 40
// | 5 6
// | 211
// | 0 undefined
// | 1 first
// | 7 two true null undefined v 8
// | 5
// | object undefined
// | 21
const a = [10, 20, 30];
console.log(a.length, a[0], a[2], a[3]);
a[1] = 21;
console.log(a[1]);
console.log(a.push(40), a.length, a[3]);
console.log(a.push(50), a.push(60));
let sum = 0;
for (let i = 0; i < a.length; i++) {
  sum = sum + a[i];
}
console.log(sum);
const empty = [];
console.log(empty.length, empty[0]);
empty.push("first");
console.log(empty.length, empty[0]);
const mixed = [1, "two", true, null, undefined, { k: "v" }, [7, 8]];
console.log(mixed.length, mixed[1], mixed[2], mixed[3], mixed[4], mixed[5].k, mixed[6][1]);
const nested = [[1, 2], [3, 4]];
console.log(nested[1][0] + nested[0][1]);
console.log(typeof a, a[-1]);
const idx = "1";
console.log(a[idx]);
