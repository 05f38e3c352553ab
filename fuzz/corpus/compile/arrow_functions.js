// test: arrow functions: expression and block bodies, capturing, passing as arguments, immediate invocation
// output:
// | 49 5 42 55
// | undefined
// | 101
// | 201
// | 81
// | hi!!
// | 42
// | 6
// | 5
const square = x => x * x;
const add = (a, b) => a + b;
const none = () => 42;
const block = (n) => {
  let total = 0;
  for (let i = 1; i <= n; i++) {
    total = total + i;
  }
  return total;
};
const noReturn = () => {
  let z = 1;
};
console.log(square(7), add(2, 3), none(), block(10));
console.log(noReturn());
let base = 100;
const addBase = v => v + base;
console.log(addBase(1));
base = 200;
console.log(addBase(1));
function twice(f, v) {
  return f(f(v));
}
console.log(twice(square, 3));
console.log(twice(x => x + "!", "hi"));
console.log(((a, b) => a * b)(6, 7));
const curry = a => b => c => a + b + c;
console.log(curry(1)(2)(3));
const obj = { make: () => ({ value: 5 }) };
console.log(obj.make().value);
