// test: JSON.stringify: key order, nesting, escapes (\u00XX, lone surrogates), numbers, skipped values, toJSON, indentation like Node, cycles
// call: 1 3
// output:
// | {"1":[],"3":{"x":{}},"b":1,"a":[1,"two",null,true,false]}
// | "q\"b\\s/\b\f\n\r\t\u0001\u001f é 😀" "\ud800x\udc00\udbff" "😀"
// | 1.5 0 null null 1e+21 -1e-7 2147483648
// | null true undefined undefined "" [] {}
// | {"n":null,"k":1} [null,null,null,null]
// | {"via":"toJSON"} {"nested":5}
// | {
// |   "a": [
// |     1,
// |     {
// |       "b": 2
// |     }
// |   ],
// |   "c": "d",
// |   "e": [],
// |   "f": {}
// | }
// | [
// | --1,
// | --[
// | ----2,
// | ----[
// | ------3
// | ----]
// | --]
// | ]
// | {
// |           "a": 1,
// |           "b": [
// |                     1,
// |                     2
// |           ]
// | }
// | {
// | 0123456789"a": 1
// | }
// | {"a":1} {"a":1} {"a":1} [
// |  1
// | ]
// | {} [
// |   null
// | ]
// | {"key\nwith\"quote":"v"}
// | true
// | {"a":[1],"b":[1]}
// | {"id":7,"tags":["x","y"],"pos":{"x":1.25,"y":-2}}
// | {
// |    "id": 7,
// |    "tags": [
// |       "x",
// |       "y",
// |       "z"
// |    ],
// |    "pos": {
// |       "x": 1.25,
// |       "y": -2
// |    }
// | }
console.log(JSON.stringify({ b: 1, a: [1, "two", null, true, false], 3: { x: {} }, 1: [] }));
console.log(JSON.stringify("q\"b\\s/\b\f\n\r\t\u0001\u001f\u007f é 😀"), JSON.stringify(String.fromCharCode(0xd800) + "x" + String.fromCharCode(0xdc00) + String.fromCharCode(0xdbff)), JSON.stringify("\ud83d\ude00"));
console.log(JSON.stringify(1.5), JSON.stringify(-0), JSON.stringify(NaN), JSON.stringify(Infinity), JSON.stringify(1e21), JSON.stringify(-1e-7), JSON.stringify(2 ** 31));
console.log(JSON.stringify(null), JSON.stringify(true), JSON.stringify(undefined), JSON.stringify(function () {}), JSON.stringify(""), JSON.stringify([]), JSON.stringify({}));
console.log(JSON.stringify({ u: undefined, f() {}, n: null, g: () => 1, k: 1 }), JSON.stringify([undefined, function () {}, NaN, -Infinity]));
console.log(JSON.stringify({ toJSON() { return { via: "toJSON" }; } }), JSON.stringify({ nested: { toJSON() { return 5; } } }));
console.log(JSON.stringify({ a: [1, { b: 2 }], c: "d", e: [], f: {} }, null, 2));
console.log(JSON.stringify([1, [2, [3]]], null, "--"));
console.log(JSON.stringify({ a: 1, b: [1, 2] }, null, 20));
console.log(JSON.stringify({ a: 1 }, null, "0123456789abc"));
console.log(JSON.stringify({ a: 1 }, null, 0), JSON.stringify({ a: 1 }, null, ""), JSON.stringify({ a: 1 }, null, -3), JSON.stringify([1], null, 1.9));
console.log(JSON.stringify({ u: undefined }, null, 2), JSON.stringify([undefined], null, 2));
console.log(JSON.stringify({ "key\nwith\"quote": "v" }));
const cyc = { name: "loop" };
cyc.self = cyc;
try {
  JSON.stringify(cyc);
} catch (e) {
  console.log(e instanceof TypeError);
}
const shared = [1];
console.log(JSON.stringify({ a: shared, b: shared }));
const state = { id: 7, tags: ["x", "y"], pos: { x: 1.25, y: -2 } };
const text = JSON.stringify(state);
vmExport(1, function (indent) {
  console.log(text);
  state.tags.push("z");
  console.log(JSON.stringify(state, null, indent));
});
