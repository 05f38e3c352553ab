// test: operators convert objects and arrays with ToPrimitive: valueOf before toString (toString first for String(o) and templates), in operand order, a TypeError when neither gives a primitive, class instances, arrays, errors and objects without a prototype; before and after the snapshot
// call: 1
// output:
// | 42 82 -41 41 -42 true true [object Object]
// | str! str str true
// | 1 two two 3
// | 7 0 1,21 6 true 1,2,3
// | 3 true a,b,a,b
// | true Cannot convert object to primitive value
// | true
// | Error: m RangeError: r 1,2,3
// | 7 4 8
// | [object Object] [object Object] 5 9
// | device: 11 x:2 [Meters 3] true 2 4 true
const o = { valueOf() { return 41; } };
console.log(o + 1, o * 2, -o, +o, ~o, o > 40, o == 41, `${o}`);
const s = { toString() { return "str"; } };
console.log(s + "!", `${s}`, String(s), s == "str");
const both = { valueOf() { return 1; }, toString() { return "two"; } };
console.log(both + "", `${both}`, String(both), both * 3);
console.log([7] | 0, +[], [1, 2] + 1, [2] * [3], [1] == 1, [[1, 2], [3]] + "");
const order = [];
const a = { valueOf() { order.push("a"); return 1; } };
const b = { valueOf() { order.push("b"); return 2; } };
console.log(a + b, a < b, order.join());
const bad = { valueOf() { return {}; }, toString() { return {}; } };
try {
  bad + 1;
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
const bare = Object.create(null);
try {
  `${bare}`;
} catch (e) {
  console.log(e instanceof TypeError);
}
console.log(new Error("m") + "", String(new RangeError("r")), [1, [2, 3]].toString());
class P {
  constructor(x) {
    this.x = x;
  }
  valueOf() {
    return this.x;
  }
}
console.log(new P(3) + new P(4), new P(5) - 1, new P(2) * 4);
console.log({} + "", [] + {}, Number([5]), Number({ valueOf() { return 9; } }));

class Meters {
  constructor(n) {
    this.n = n;
  }
  valueOf() {
    return this.n;
  }
  toString() {
    return "[Meters " + this.n + "]";
  }
}
const kept = { toString: () => "x:" + order.length / 2 };
vmExport(1, () => {
  const m = new Meters(3);
  console.log("device:", m + 8, `${kept}`, String(m), m > 2, m + [2] - 30, [4] | 0, m == 3);
});
