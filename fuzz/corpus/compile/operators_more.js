// test: ==/!= coercion, in, delete, instanceof with errors, void and the comma operator
// output:
// | true true true false true false
// | false false true false
// | true true true true false
// | true true true undefined undefined
// | 3 undefined
// | true true false false
// | undefined undefined 3
// | 2 2
// | 0 10
// | 4 6
console.log(1 == "1", 0 == "", null == undefined, null == 0, "0" == false, true != 1);
console.log(undefined == 0, NaN == NaN, "1.0" == 1, null != undefined);
const o = { a: 1, 0: "z" };
console.log("a" in o, 0 in o, "0" in o, "length" in [], 1 in [5]);
console.log(delete o.a, delete o.missing, delete o[0], o.a, o[0]);
const arr = [1, 2, 3];
delete arr[1];
console.log(arr.length, arr[1]);
const e = new TypeError("t");
console.log(e instanceof TypeError, e instanceof Error, e instanceof RangeError, {} instanceof Error);
console.log(void 0, void "x", (1, 2, 3));
let i = 0;
const r = (i++, i++, i);
console.log(r, i);
for (let a = 0, b = 10; a < b; a += 4, b -= 4) console.log(a, b);
