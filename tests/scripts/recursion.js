// test: recursion: fib, factorial, mutual recursion and a moderately deep call chain
// call: 1 18
// output:
// | 0 1 1 55 6765
// | 1 120 479001600
// | 6227020800 2432902008176640000
// | true true false
// | 20100
// | 610
// | 2584 6402373705728000
// output-wrapping:
// | 0 1 1 55 6765
// | 1 120 479001600
// | 1932053504 -2102132736
// | true true false
// | 20100
// | 610
// | 2584 -898433024
function fib(n) {
  if (n < 2) {
    return n;
  }
  return fib(n - 1) + fib(n - 2);
}
function factorial(n) {
  return n <= 1 ? 1 : n * factorial(n - 1);
}
function isEven(n) {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n) {
  return n === 0 ? false : isEven(n - 1);
}
function sumTo(n) {
  return n === 0 ? 0 : n + sumTo(n - 1);
}
console.log(fib(0), fib(1), fib(2), fib(10), fib(20));
console.log(factorial(0), factorial(5), factorial(12));
console.log(factorial(13), factorial(20));
console.log(isEven(10), isOdd(7), isEven(7));
console.log(sumTo(200));
const fibArrow = n => (n < 2 ? n : fibArrow(n - 1) + fibArrow(n - 2));
console.log(fibArrow(15));
vmExport(1, function (n) {
  console.log(fib(n), factorial(n));
});
