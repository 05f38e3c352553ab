// test: console.log shows Map and Set as Node does, inside arrays and objects too, to Node's depth
// call: 1
// output:
// | Map(1) { 1 => 2 } Set(2) { 1, 2 }
// | Map(0) {} Set(0) {}
// | Map(2) { 'a' => 'b', { x: 1 } => [ 1, 2 ] }
// | Set(5) { 's', 1, null, undefined, true }
// | Map(2) { NaN => -0, 0 => 'zero' }
// | [ Map(1) { 'k' => Set(1) { 1 } } ] { m: Map(1) { 1 => { a: [Array] } } }
// | { a: { b: { c: [Map], d: Map(0) {}, e: [Set], f: Set(0) {} } } }
// | Map(1) { Map(1) { 1 => Map(1) { 2 => [Map] } } => 'v' }
// | Set(1) { [ 1, [ 2, [Array] ] ] }
// | Map(1) { 'kept' => 2 } 1
// | a Map 1
// | Map(1) { 'kept' => 2 } Set(2) { 'a', 'b' }
console.log(new Map([[1, 2]]), new Set([1, 2]));
console.log(new Map(), new Set());
console.log(new Map([["a", "b"], [{ x: 1 }, [1, 2]]]));
console.log(new Set(["s", 1, null, undefined, true]));
console.log(new Map([[NaN, -0], [-0, "zero"]]));
console.log([new Map([["k", new Set([1])]])], { m: new Map([[1, { a: [1] }]]) });
console.log({ a: { b: { c: new Map([[1, 2]]), d: new Map(), e: new Set([1]), f: new Set() } } });
console.log(new Map([[new Map([[1, new Map([[2, new Map([[3, 4]])]])]]), "v"]]));
console.log(new Set([[1, [2, [3, [4]]]]]));
const m = new Map([["gone", 1], ["kept", 2]]);
m.delete("gone");
console.log(m, m.size);
const text = "Map";
console.log("a", text, 1);
vmExport(1, () => console.log(m, new Set("ab")));
