// test: object spread, Object.assign and object rest read getters; a throwing getter inside spread
// output:
// | { a: 1, b: 2, c: undefined } 1
// | 5 2 2
// | {"a":1,"b":2} 3
// | 1 { b: 2, c: undefined } 4
// | RangeError no x
// | { own: 1 } {"own":1} [ 'own' ]
let calls = 0;
const src = {
  a: 1,
  get b() {
    calls++;
    return this.a + 1;
  },
  set c(v) {},
};
const copy = { ...src };
console.log(copy, calls);
copy.b = 5;
console.log(copy.b, src.b, calls);
const assigned = Object.assign({}, src);
console.log(JSON.stringify(assigned), calls);
const { a, ...rest } = src;
console.log(a, rest, calls);
const bad = {
  get x() {
    throw new RangeError("no x");
  },
};
try {
  const y = { ...bad };
  console.log("not here", y);
} catch (e) {
  console.log(e.name, e.message);
}
class P {
  constructor() {
    this.own = 1;
  }
  get inherited() {
    return 2;
  }
}
const p = new P();
console.log({ ...p }, JSON.stringify(p), Object.keys(p));
