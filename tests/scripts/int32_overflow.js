// test: int32 overflow in addition, subtraction and negation turns into exact floats
// call: 1 2147483647 -2147483648
// output:
// | 2147483648
// | -2147483649
// | 4294967294
// | -4294967296
// | 2147483648
// | 2147483648
// | 4294967295
// | 2147483647
// | 2147483648
// | -2147483649
// | true
// | 2147483648 -2147483649 2147483648
// output-wrapping:
// | -2147483648
// | 2147483647
// | -2
// | 0
// | -2147483648
// | -2147483648
// | -1
// | 2147483647
// | -2147483648
// | 2147483647
// | false
// | -2147483648 2147483647 -2147483648
const max32 = 2147483647;
const min32 = -2147483648;
console.log(max32 + 1);
console.log(min32 - 1);
console.log(max32 + max32);
console.log(min32 + min32);
console.log(-min32);
console.log(0 - min32);
console.log(max32 - min32);
console.log(max32 + 1 - 1);
let c = max32;
c++;
console.log(c);
let d = min32;
d--;
console.log(d);
console.log(max32 + 1 === 2147483648);
vmExport(1, function (a, b) {
  console.log(a + 1, b - 1, -b);
});
