// test: float arithmetic is IEEE's to the bit: rounding, subnormals, overflow, signed zeros, %, **, Math.sqrt, ToInt32, comparisons, integer arguments from fractions and NaN
// output:
// | 0.30000000000000004 0.19999999999999998 1.2100000000000002 0.3333333333333333 0.6666666666666666 Infinity -Infinity 0 0
// | 7.41691286169067e-309 1e-323 9.999999999999969e-301 -0 -0 -0 -0
// | NaN NaN NaN Infinity -Infinity NaN 1
// | 9007199254740992 9007199254740992 9007199254740994 4503599627370498 1.0000000000000001e+21
// | 1.5 -1.5 1.5 1 5 NaN 0.09999999999999998 -0
// | 1.4142135623730951 5e-324 Infinity NaN -8 -Infinity Infinity NaN 1
// | 1.4142135623730951 9.99994433575849e-161 -0 NaN Infinity 0.5 1.3407807929942596e+154
// | 2 -2 1 -1 0 1661992960 0 0 -2147483648
// | 4294967295 2 12 -2 -2 -1
// | true false false false false true true false true true
// | 20 30 a ab 2.3 1 2
const show = (...xs) => console.log(xs.map((x) => (Object.is(x, -0) ? "-0" : String(x))).join(" "));
// Rounding of the four operations, subnormals, overflow and signed zeros.
show(0.1 + 0.2, 0.3 - 0.1, 1.1 * 1.1, 1 / 3, 2 / 3, 1e308 * 10, -1e308 * 10, 5e-324 / 2, 5e-324 * 0.5);
show(2.2250738585072014e-308 / 3, 4.9e-324 + 4.9e-324, 1e-310 * 1e10, 0 * -1.5, -0.5 * 0, 1 / -Infinity, -1e-320 / 1e10);
show(Infinity - Infinity, Infinity * 0, 0 / 0, 1.5 / 0, -1.5 / 0, Infinity / Infinity, 1e300 * 1e-300);
show(9007199254740993 + 0.5, 9007199254740992 + 1, 9007199254740992 + 2, 4503599627370497.5 - 0.5, 1e21 + 1e5);
// Remainder, powers and square roots.
show(7.5 % 2, -7.5 % 2, 7.5 % -2, 1e300 % 7, 5 % Infinity, Infinity % 5, 0.3 % 0.1, -0 % 5);
show(2 ** 0.5, 2 ** -1074, 2 ** 1024, (-8) ** (1 / 3), (-2) ** 3, (-0) ** -1, 0.5 ** -Infinity, 1 ** Infinity, NaN ** 0);
show(Math.sqrt(2), Math.sqrt(1e-320), Math.sqrt(-0), Math.sqrt(-1), Math.sqrt(Infinity), Math.sqrt(0.25), Math.sqrt(1.7976931348623157e308));
// ToInt32 and its relatives on fractions, large magnitudes and specials.
show(2.9 | 0, -2.9 | 0, 4294967297.5 | 0, -4294967297.5 | 0, 2 ** 53 | 0, 1e20 | 0, NaN | 0, Infinity | 0, 2147483648 | 0);
show(-1.5 >>> 0, 2 ** 32 + 5 >>> 1, 3.7 << 2, -3.7 >> 1, ~1.5, ~(-(2 ** 40) - 0.5));
// Comparisons and equality with -0, NaN and infinities.
show(-0 === 0, -0 < 0, NaN === NaN, NaN < 1, NaN >= NaN, 1e-320 > 0, -Infinity < -1.7976931348623157e308, 0.1 + 0.2 === 0.3, 0.5 == "0.5", 1.5 <= 1.5);
// Indexing and toFixed take integers from fractions and NaN.
show([10, 20, 30].at(1.9), [10, 20, 30].at(-1.5), "abc".charAt(NaN), "abc".slice(0.5, 2.7), (2.345).toFixed(1.9), (1.25).toFixed(NaN), (1.5).toFixed(-0.5));
