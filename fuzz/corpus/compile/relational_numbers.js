// test: relational operators on integers, floats, negatives, infinities and across the int/float boundary
// output:
// | true false false true true false
// | true true true
// | true true true
// | true true
// | true true
// | false true
// | true false
// | 7 -1 2.5
// | 17.5
console.log(1 < 2, 2 < 1, 2 < 2, 2 <= 2, 3 > 2, 3 >= 4);
console.log(-1 < 0, -8193 < -8192, 8192 > 8191);
console.log(0.1 < 0.2, 1.5 > 1, 1 >= 0.999);
console.log(2147483648 > 2147483647, -2147483649 < -2147483648);
console.log(1 / 0 > 1e308, -1 / 0 < -1e308);
console.log(-0 < 0, -0 >= 0);
console.log(1 < 2 < 3, 3 > 2 > 1);
function max(a, b) {
  return a > b ? a : b;
}
console.log(max(3, 7), max(-1, -2), max(2.5, 2));
let largest = -1 / 0;
const values = [3, -4, 17.5, 9, 17];
for (let i = 0; i < values.length; i++) {
  if (values[i] > largest) largest = values[i];
}
console.log(largest);
