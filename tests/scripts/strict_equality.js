// test: strict equality (=== and !==) across types never converts operands
// output:
// | true true false false false
// | true false true false
// | true true false
// | true false false
// | true true true
// | true false false
// | true false
// | true true
// | true true true false
// | true
// | true true
// output-wrapping:
// | true true false false false
// | true false true false
// | true true false
// | true false false
// | true false true
// | true false false
// | true false
// | true true
// | true true true false
// | true
// | true false
console.log(1 === 1, 1 === 1.0, 1 === "1", 0 === false, 1 === true);
console.log("a" === "a", "a" === "A", "" === "", "" === 0);
console.log(null === null, undefined === undefined, null === undefined);
console.log(true === true, true === false, false === 0);
console.log(0 === -0, 2147483648 === 2147483647 + 1, 0.5 === 1 / 2);
const o = {};
const p = {};
console.log(o === o, o === p, [] === []);
const f = function () {};
console.log(f === f, f === function () {});
console.log("ab" === "a" + "b", "a" + 1 === "a1");
console.log(1 !== "1", null !== undefined, o !== p, 3 !== 3);
let s1 = "con";
s1 = s1 + "cat";
console.log(s1 === "concat");
console.log(8192 === 8191 + 1, 65536 * 65536 === 4294967296);
