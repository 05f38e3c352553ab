// test: console.log of text alone (literals, templates, '…' + x, typeof) prints as Node does, next to the full inspector
// call: 1 "a,b"
// output:
// | plain
// | template [object Object] 1,2,3 0 null and 1,2,3
// | object object! undefined 0.30000000000000004
// |   x
// | mixed { a: 1 } [ 1, [ 2, 3 ] ] -0
// | got a,b string
const o = { a: 1 };
const arr = [1, [2, 3]];
console.log("plain");
console.log(`template ${o} ${arr} ${-0} ${null}`, "and" + " " + arr);
console.log(typeof o, (typeof arr) + "!", "" + undefined, "" + 0.1 * 3);
console.log("", "", "x");
console.log("mixed", o, arr, -0);
vmExport(1, (x) => console.log("got " + x, `${typeof x}`));
