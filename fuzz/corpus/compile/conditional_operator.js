// test: the conditional operator ?: , nested and right-associative, evaluating only one branch
// output:
// | + - 0
// | a d ad
// | no yes 2
// | A B C F
// | inner-t
// | 11
function sign(n) {
  return n > 0 ? "+" : n < 0 ? "-" : "0";
}
console.log(sign(5), sign(-5), sign(0));
let evaluated = "";
function ev(tag) {
  evaluated = evaluated + tag;
  return tag;
}
const r1 = true ? ev("a") : ev("b");
const r2 = 0 ? ev("c") : ev("d");
console.log(r1, r2, evaluated);
console.log("" ? "yes" : "no", "x" ? "yes" : "no", null ? 1 : 2);
const grade = score => (score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : "F");
console.log(grade(95), grade(85), grade(75), grade(10));
const t = true;
console.log(t ? (t ? "inner-t" : "inner-f") : "outer-f");
console.log(1 + (t ? 10 : 20));
