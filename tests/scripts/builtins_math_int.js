// test: Math.clz32 and Math.imul (int32 operations only: the same where int32 arithmetic wraps)
// call: 1 2.345
// output:
// | 31 32 32 0 0 16 32 30 30 32 32 28 32
// | 8 -8 4 -5 -10 -67153019 0 1
// | 6 12 0 0 15 0 -2147483648
// | 30 0 307368 2
console.log(Math.clz32(1), Math.clz32(0), Math.clz32(-0), Math.clz32(-1), Math.clz32(0x80000000), Math.clz32(0xffff), Math.clz32(2 ** 32), Math.clz32(2 ** 32 + 2), Math.clz32(3.9), Math.clz32(NaN), Math.clz32(), Math.clz32("8"), Math.clz32(Infinity));
console.log(Math.imul(2, 4), Math.imul(-1, 8), Math.imul(-2, -2), Math.imul(0xffffffff, 5), Math.imul(0xfffffffe, 5), Math.imul(123456789, 987654321), Math.imul(65536, 65536), Math.imul(0x7fffffff, 0x7fffffff));
console.log(Math.imul(3.7, 2.9), Math.imul("3", 4), Math.imul(NaN, 1), Math.imul(), Math.imul(2 ** 32 + 3, 5), Math.imul(-0, 5), Math.imul(0x80000000, -1));
vmExport(1, function (x) {
  console.log(Math.clz32(x), Math.clz32(-x), Math.imul(x, x * 65537), Math.imul(-x, 0x7fffffff));
});
