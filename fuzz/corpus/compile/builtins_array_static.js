// test: Array.isArray, Array.from (arrays, strings by code point, array-likes, iterables, map function) and Array.of
// call: 1 "xé😀"
// output:
// | true false false false false false
// | [ 1, 2, 3, 4 ] [ 1, 2, 3 ] true
// | [ 'a', '😀', 'b' ] 3 [] [ 'a0', 'b1', 'c2' ]
// | [ undefined, undefined, undefined ] [ 'x', 'y' ] [ 0, 1, 4 ] []
// | true
// | [ 7 ] [ 1, 'b', null ] []
// | [ 0, 10, 20, 30 ] true [ 'x', 'é', '😀' ] [ 1, 1, 2 ]
console.log(Array.isArray([]), Array.isArray({}), Array.isArray("ab"), Array.isArray(null), Array.isArray(), Array.isArray({ length: 0 }));
const src = [1, 2, 3];
const copy = Array.from(src);
copy.push(4);
console.log(copy, src, copy !== src);
console.log(Array.from("a😀b"), Array.from("a😀b").length, Array.from(""), Array.from("abc", (c, i) => c + i));
console.log(Array.from({ length: 3 }), Array.from({ length: 2, 0: "x", 1: "y" }), Array.from({ length: 3 }, (_, i) => i * i), Array.from({}));
try {
  Array.from(null);
} catch (e) {
  console.log(e instanceof TypeError);
}
console.log(Array.of(7), Array.of(1, "b", null), Array.of());
const table = Array.from({ length: 4 }, (_, i) => i * 10);
vmExport(1, function (text) {
  console.log(table, Array.isArray(table), Array.from(text), Array.from(text, (c) => c.length));
});
