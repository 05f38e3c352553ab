// test: if / else if / else chains, nested ifs, and truthiness of conditions
// output:
// | negative zero small large
// | F F T T F
// | F T T F F
// | T F T T T
// | dangling else binds to inner if
// | 6
function classify(n) {
  if (n < 0) {
    return "negative";
  } else if (n === 0) {
    return "zero";
  } else if (n < 10) {
    return "small";
  } else {
    return "large";
  }
}
console.log(classify(-5), classify(0), classify(3), classify(100));
function truthy(v) {
  if (v) {
    return "T";
  }
  return "F";
}
console.log(truthy(0), truthy(-0), truthy(1), truthy(-1), truthy(0 / 0));
console.log(truthy(""), truthy("0"), truthy(" "), truthy(null), truthy(undefined));
console.log(truthy(true), truthy(false), truthy({}), truthy([]), truthy(function () {}));
let x = 5;
if (x > 1)
  if (x > 10) console.log("big");
  else console.log("dangling else binds to inner if");
if (x === 5) x = 6;
console.log(x);
if (false) {
  console.log("never");
}
