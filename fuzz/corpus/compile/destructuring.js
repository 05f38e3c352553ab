// test: object and array destructuring with defaults, renaming, nesting, holes and parameters
// output:
// | 1 2 dflt
// | 10 30 undefined
// | d
// | 11
// | 2 1
const { a, b: renamed, missing = "dflt" } = { a: 1, b: 2 };
console.log(a, renamed, missing);
const [x, , z = 30, w] = [10, 20];
console.log(x, z, w);
const {
  inner: { deep },
} = { inner: { deep: "d" } };
console.log(deep);
function params({ p, q = 5 }, [r, s]) {
  return p + q + r + s;
}
console.log(params({ p: 1 }, [2, 3]));
let m = 1;
let k = 2;
[m, k] = [k, m];
console.log(m, k);
