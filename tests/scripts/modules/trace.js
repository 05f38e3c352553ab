// Leaf module imported by math_utils.js and greeting.js; it is evaluated only once.
console.log("trace top level");
let seen = 0;
export function trace(msg) {
  seen++;
  console.log("trace " + seen + ": " + msg);
}
