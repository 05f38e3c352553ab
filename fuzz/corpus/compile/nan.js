// test: NaN is never equal to itself, compares false, is falsy, and propagates through arithmetic
// output:
// | NaN
// | false true
// | false false false false
// | NaN NaN NaN
// | true falsy
// | number
// | 0 0
// | is NaN
// | NaN NaN NaN
// | true false true
// | NaN 1
const nan = 0 / 0;
console.log(nan);
console.log(nan === nan, nan !== nan);
console.log(nan < 1, nan > 1, nan <= nan, nan >= nan);
console.log(nan + 1, nan * 0, -nan);
console.log(!nan, nan ? "truthy" : "falsy");
console.log(typeof nan);
console.log(nan | 0, nan >>> 0);
console.log("is " + nan);
const inf = 1 / 0;
console.log(inf - inf, inf * 0, inf / inf);
function isNaNValue(v) {
  return v !== v;
}
console.log(isNaNValue(nan), isNaNValue(5), isNaNValue(undefined + 1));
console.log(undefined + 1, null + 1);
