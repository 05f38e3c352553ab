// Speed workload 2: recursive fib(20), 21,891 script calls, 20 deep.
// Microvium's default 256-byte stack (MVM_STACK_SIZE) overflows from about
// fib(15) on; 512 bytes leave room for this one.
// expect: 6765
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
vmExport(1, function () {
  return fib(20);
});
