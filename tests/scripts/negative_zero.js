// test: negative zero: printing, equality, 1/-0, string conversion and how it arises
// output:
// | -0
// | -0
// | true
// | -Infinity
// | Infinity
// | Infinity
// | -Infinity
// | 0
// | value: 0
// | -0 0 0
// | -Infinity
// | false false true
// | minus zero
// | plus zero minus zero plus zero
// | 0 Infinity
// output-wrapping:
// | -0
// | 0
// | true
// | -Infinity
// | Infinity
// | Infinity
// | -Infinity
// | 0
// | value: 0
// | -0 0 0
// | Infinity
// | false false true
// | minus zero
// | plus zero plus zero plus zero
// | 0 Infinity
const nz = -0;
console.log(nz);
console.log(0 * -1);
console.log(-0 === 0);
console.log(1 / nz);
console.log(1 / (-0 + 0));
console.log(1 / (0 - 0));
console.log(1 / (-0 - 0));
console.log("" + nz);
console.log("value: " + -0);
console.log(nz, 0, -nz);
let z = 0;
z = -z;
console.log(1 / z);
console.log(-0 < 0, -0 > 0, -0 <= 0);
console.log(Math_sign_free(-0));
function Math_sign_free(v) {
  return v === 0 ? (1 / v < 0 ? "minus zero" : "plus zero") : "nonzero";
}
console.log(Math_sign_free(0), Math_sign_free(-3 * 0), Math_sign_free(3 * 0));
console.log(-0 | 0, 1 / (-0 | 0));
