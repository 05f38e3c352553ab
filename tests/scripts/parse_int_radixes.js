// test: parseInt as V8 computes it (built without overflow checks, its int32 sums wrap like other int32 arithmetic): white space, signs, 0x prefixes, every radix (ToInt32 of the argument), exact decimal, hexadecimal, octal and binary digits past 2^53, radix-4 and radix-32 bits, and the chunked sum of other radixes, before and after the snapshot
// call: 1
// output:
// | 31 31 0 35 -12 3 -0 NaN NaN
// | 1.2345678901234568e+29 NaN NaN NaN NaN 255 255 16 10
// | 295147905179352830000 4.722366482869645e+21 18446744073709552000 73786976294838210000
// | 1.2676506002282294e+30 1.7397030337377251e+308 Infinity 3.402823669209385e+38
// | 4738381338321617000 5.539336324782814e+21 8.684682361119716e+52 256
// | 42 -7 123 NaN 14 11
// | after: 57005 -255 1e+21 NaN
// output-wrapping:
// | 31 31 0 35 -12 3 0 NaN NaN
// | 1.2345678901234568e+29 NaN NaN NaN NaN 255 255 16 10
// | 295147905179352830000 4.722366482869645e+21 18446744073709552000 73786976294838210000
// | 1.2676506002282294e+30 1.7397030337377251e+308 Infinity 3.402823669209385e+38
// | -520093697 1902740411 56097531 256
// | 42 -7 123 NaN 14 11
// | after: 57005 -255 1e+21 NaN
console.log(parseInt("0x1F"), parseInt("0x1F", 16), parseInt("0x1F", 10), parseInt("z", 36), parseInt(" -12.9"), parseInt("11", 2), parseInt("-0", 10), parseInt(""), parseInt("0x"));
console.log(parseInt("123456789012345678901234567890"), parseInt("12", 1), parseInt("12", 37), parseInt("12", -1), parseInt("-", 10), parseInt("ff", 16.9), parseInt("ff", "16"), parseInt("10", 2 ** 32 + 16), parseInt("10", undefined));
console.log(parseInt("fffffffffffffffff", 16), parseInt("ffffffffffffffffff", 16), parseInt("1777777777777777777777", 8), parseInt("1" + "0".repeat(66), 2));
console.log(parseInt("1" + "0".repeat(50), 4), parseInt("f".repeat(205), 32), parseInt("v".repeat(205), 32), parseInt("1" + "0".repeat(64), 4));
console.log(parseInt("zzzzzzzzzzzz", 36), parseInt("1212121212121212121212121212121212121212121212", 3), parseInt("123456789abcdefghijklmnopqrstuvwxyz", 36), parseInt("100", 16));
console.log(parseInt("\u00a0\ufeff 42px"), parseInt("\t-7e3"), Number.parseInt("+123"), parseInt("x1"), parseInt("1110", 2), parseInt("b", 12));
vmExport(1, function () {
  console.log("after:", parseInt("0xdead"), parseInt("-ff", 16), parseInt("1000000000000000000000"), parseInt(null));
});
