// The builtin library, in JavaScript. It is compiled into every build and
// runs first; the VM finds its objects through the reserved exports below.
// The snapshot keeps only the members whose names reachable code mentions,
// so a script pays only for the builtins it uses.
//
// Rules for this file: functions must not refer to the exported objects
// themselves (that would keep every member alive); share code through
// plain functions instead. `__vium` holds the primitives written in Rust.
// They are read once into globals here, at build time, so that the code
// that uses them does not name them: `__vium.join` inside a method would
// make the string "join" reachable and keep `Array.prototype.join` too.
// Likewise no method here calls another builtin by name (`s.slice(...)`);
// it calls the shared plain function instead.

const ARRAY_PROTOTYPE = 0xff00;
const CONSOLE = 0xff0c;
const STRING_PROTOTYPE = 0xff01;
const NUMBER_PROTOTYPE = 0xff02;
const OBJECT_STATICS = 0xff03;
const ARRAY_STATICS = 0xff04;
const STRING_STATICS = 0xff05;
const NUMBER_STATICS = 0xff06;
const MATH = 0xff07;
const JSON_OBJECT = 0xff08;
const REFLECT = 0xff09;
// Exported so that the image keeps only the statics a script names.
const PROMISE_CLASS = 0xff0a;
const OBJECT_PROTOTYPE = 0xff0d;
const FUNCTION_PROTOTYPE = 0xff0e;
const ERROR_PROTOTYPE = 0xff0f;
const TO_PRIMITIVE = 0xff10;

const vCharCodeAt = __vium.charCodeAt;
const vFromCharCode = __vium.fromCharCode;
const vSubstring = __vium.substring;
const vIndexOf = __vium.indexOf;
const vIsArray = __vium.isArray;
const vSqrt = __vium.sqrt;
const vToFixed = __vium.toFixed;
const vKeys = __vium.keys;
const vJoin = __vium.join;
const vPrint = __vium.print;
const vOwn = __vium.own;
const vType = __vium.type;
const vDefine = __vium.define;
const vProto = __vium.proto;

// ---------------------------------------------------------------------------
// Numbers

// A number that is neither NaN nor infinite: only those give 0 here.
function finite(x) {
  return x - x === 0;
}

function isNaNGlobal(x) {
  x = +x;
  return x !== x;
}

function isFiniteGlobal(x) {
  return finite(+x);
}

function BooleanGlobal(x) {
  return !!x;
}

// Math.trunc: keeps -0, NaN and the infinities. (`finite`, not a
// comparison with `Infinity`: that constant is a float, and would make every
// image that truncates need an engine with float support.)
function truncate(x) {
  x = +x;
  if (!finite(x)) return x;
  const r = x - (x % 1);
  return r === 0 ? x * 0 : r;
}

function floorOf(x) {
  x = +x;
  const t = truncate(x);
  return t > x ? t - 1 : t;
}

function ceilOf(x) {
  x = +x;
  const t = truncate(x);
  return t < x ? t + 1 : t;
}

// ToIntegerOrInfinity: NaN and undefined become 0.
function toInteger(x) {
  x = +x;
  if (x !== x) return 0;
  return truncate(x) + 0;
}

// A relative index (negative counts from the end) clamped to [0, len].
function relativeIndex(i, len) {
  i = toInteger(i);
  if (i < 0) {
    i += len;
    return i < 0 ? 0 : i;
  }
  return i > len ? len : i;
}

function clampIndex(i, len) {
  i = toInteger(i);
  return i < 0 ? 0 : i > len ? len : i;
}

function isNegativeZero(x) {
  return x === 0 && 1 / x < 0;
}

// Math.fround: the nearest float32 (ties to even), found by scaling by the
// float32 spacing at x, a power of two (so the division is exact).
function roundToFloat32(x) {
  x = +x;
  if (x !== x || x === 0 || x === Infinity || x === -Infinity) return x;
  const a = x < 0 ? -x : x;
  // At least halfway from the largest float32 to 2^128.
  if (a >= 3.4028235677973366e38) return x < 0 ? -Infinity : Infinity;
  // u = 2^(e - 23) for 2^e <= a < 2^(e + 1), and at least 2^-149.
  let u = 1.1920928955078125e-7;
  if (a >= 1) {
    while (u * 16777216 <= a) u *= 2;
  } else {
    while (u > 1.401298464324817e-45 && u * 8388608 > a) u /= 2;
  }
  const q = a / u;
  let r = floorOf(q);
  const d = q - r;
  if (d > 0.5 || (d === 0.5 && r % 2 === 1)) r += 1;
  return x < 0 ? -(r * u) : r * u;
}

// The exact decimal value of a finite x > 0 as `[digits, point]`: x is
// 0.digits × 10^point. x = m × 2^k with m an integer; the digits are those
// of m × 2^k (k >= 0) or of m × 5^-k (k < 0), in base-10^4 limbs, whose
// products stay within int32 (so this holds where int32 arithmetic wraps).
function exactDecimal(x) {
  let m = x;
  let k = 0;
  while (m >= 9007199254740992) {
    m /= 2;
    k++;
  }
  while (truncate(m) !== m) {
    m *= 2;
    k--;
  }
  const limbs = [];
  while (m > 0) {
    const r = m % 10000;
    limbs.push(r);
    m = (m - r) / 10000;
  }
  let left = k < 0 ? -k : k;
  while (left > 0) {
    let factor;
    if (k < 0) {
      factor = left >= 7 ? 78125 : 5 ** left;
      left -= left >= 7 ? 7 : left;
    } else {
      factor = left >= 14 ? 16384 : 2 ** left;
      left -= left >= 14 ? 14 : left;
    }
    let carry = 0;
    for (let i = 0; i < limbs.length; i++) {
      const v = limbs[i] * factor + carry;
      const r = v % 10000;
      limbs[i] = r;
      carry = (v - r) / 10000;
    }
    while (carry > 0) {
      const r = carry % 10000;
      limbs.push(r);
      carry = (carry - r) / 10000;
    }
  }
  const pieces = ["" + limbs[limbs.length - 1]];
  for (let i = limbs.length - 2; i >= 0; i--) {
    const t = "" + limbs[i];
    pieces.push(vSubstring("000", 0, 4 - t.length) + t);
  }
  const digits = vJoin(pieces, "");
  return [digits, k < 0 ? digits.length + k : digits.length];
}

// x > 0 rounded half up to p significant digits, as `[digits, point]`
// (0.digits × 10^point, exactly p digits).
function roundedDigits(x, p) {
  // Most numbers: toFixed rounds at the right place. The shortest digits
  // give the place, unless they are a power of ten, which x may be just
  // below.
  const s = shortestDigits(x);
  const f = p - s[1];
  if (s[0] !== "1" && x < 1e21 && f >= 0 && f <= 100) {
    const t = vToFixed(x, f);
    const dot = vIndexOf(t, ".", 0);
    const all = dot === -1 ? t : vSubstring(t, 0, dot) + vSubstring(t, dot + 1, t.length);
    let z = 0;
    while (vCharCodeAt(all, z) === 48) z++;
    // One digit more when the rounding carried (9.96 to 10.0).
    if (all.length - z > p) return [vSubstring(all, z, z + p), s[1] + 1];
    return [vSubstring(all, z, all.length), s[1]];
  }
  const e = exactDecimal(x);
  let digits = e[0];
  let point = e[1];
  const n = digits.length;
  if (n <= p) return [digits + repeatString("0", p - n), point];
  const up = vCharCodeAt(digits, p) >= 53;
  digits = vSubstring(digits, 0, p);
  if (up) {
    // Add one to the last digit, carrying through the nines.
    let i = p - 1;
    while (i >= 0 && vCharCodeAt(digits, i) === 57) i--;
    if (i < 0) {
      digits = "1" + repeatString("0", p - 1);
      point++;
    } else {
      digits =
        vSubstring(digits, 0, i) + vFromCharCode(vCharCodeAt(digits, i) + 1) + repeatString("0", p - 1 - i);
    }
  }
  return [digits, point];
}

// The shortest digits of x > 0 (those of String(x)), as `[digits, point]`.
function shortestDigits(x) {
  const t = String(x);
  let mantissa = t;
  let exp = 0;
  const e = vIndexOf(t, "e", 0);
  if (e !== -1) {
    mantissa = vSubstring(t, 0, e);
    exp = +vSubstring(t, e + 1, t.length);
  }
  const dot = vIndexOf(mantissa, ".", 0);
  let digits = mantissa;
  let point = mantissa.length;
  if (dot !== -1) {
    digits = vSubstring(mantissa, 0, dot) + vSubstring(mantissa, dot + 1, mantissa.length);
    point = dot;
  }
  let z = 0;
  while (vCharCodeAt(digits, z) === 48) z++;
  let end = digits.length;
  while (vCharCodeAt(digits, end - 1) === 48) end--;
  return [vSubstring(digits, z, end), point - z + exp];
}

// d.ddde±x for `[digits, point]`.
function exponentText(sign, d) {
  const digits = d[0];
  const e = d[1] - 1;
  const head = digits.length > 1 ? digits[0] + "." + vSubstring(digits, 1, digits.length) : digits;
  return sign + head + (e < 0 ? "e-" + -e : "e+" + e);
}

function numberToExponential(x, fractionDigits) {
  x = +x;
  const f = toInteger(fractionDigits);
  if (!finite(x)) return String(x);
  if (f < 0 || f > 100) throw new RangeError("toExponential() argument must be between 0 and 100");
  const sign = x < 0 ? "-" : "";
  if (x < 0) x = -x;
  if (x === 0) return exponentText(sign, [repeatString("0", fractionDigits === undefined ? 1 : f + 1), 1]);
  return exponentText(sign, fractionDigits === undefined ? shortestDigits(x) : roundedDigits(x, f + 1));
}

function numberToPrecision(x, precision) {
  x = +x;
  if (precision === undefined) return String(x);
  const p = toInteger(precision);
  if (!finite(x)) return String(x);
  if (p < 1 || p > 100) throw new RangeError("toPrecision() argument must be between 1 and 100");
  const sign = x < 0 ? "-" : "";
  if (x < 0) x = -x;
  const d = x === 0 ? [repeatString("0", p), 1] : roundedDigits(x, p);
  const digits = d[0];
  const e = d[1] - 1;
  if (e < -6 || e >= p) return exponentText(sign, d);
  if (e === p - 1) return sign + digits;
  if (e >= 0) return sign + vSubstring(digits, 0, e + 1) + "." + vSubstring(digits, e + 1, p);
  return sign + "0." + repeatString("0", -(e + 1)) + digits;
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

// Number.prototype.toString(radix), digit for digit as V8 writes it.
function numberToString(x, radix) {
  x = +x;
  radix = radix === undefined ? 10 : toInteger(radix);
  if (radix < 2 || radix > 36) {
    throw new RangeError("toString() radix must be between 2 and 36");
  }
  if (radix === 10 || !finite(x)) return String(x);
  const negative = x < 0;
  if (negative) x = -x;
  let int = floorOf(x);
  let frac = x - int;
  const fracDigits = [];
  // Fraction digits until the rest is below half the gap to the next double.
  let delta = 0.5 * ulp(x);
  if (delta === 0) delta = 5e-324;
  if (frac >= delta) {
    do {
      frac *= radix;
      delta *= radix;
      let d = floorOf(frac);
      fracDigits.push(d);
      frac -= d;
      if ((frac > 0.5 || (frac === 0.5 && d % 2 === 1)) && frac + delta > 1) {
        // Round up, carrying into earlier digits and the integer part.
        for (;;) {
          const k = fracDigits.length - 1;
          if (k < 0) {
            int += 1;
            break;
          }
          if (fracDigits[k] + 1 < radix) {
            fracDigits[k] += 1;
            break;
          }
          fracDigits.length = k;
        }
        break;
      }
    } while (frac >= delta);
  }
  // Integer digits, least significant first; exact above 2^53 as V8 does.
  const rev = [];
  while (int / radix >= 9007199254740992) {
    int /= radix;
    rev.push("0");
  }
  do {
    const d = int % radix;
    rev.push(DIGITS[d | 0]);
    int = (int - d) / radix;
  } while (int > 0);
  const out = negative ? ["-"] : [];
  for (let i = rev.length - 1; i >= 0; i--) out.push(rev[i]);
  if (fracDigits.length > 0) {
    out.push(".");
    for (let i = 0; i < fracDigits.length; i++) out.push(DIGITS[fracDigits[i]]);
  }
  return vJoin(out, "");
}

// The distance from x (> 0) to the next larger double.
function ulp(x) {
  let p = 1;
  if (x >= 1) {
    while (p * 2 <= x) p *= 2;
  } else {
    while (p > x && p > 2.2250738585072014e-308) p /= 2;
  }
  const u = p * 2.220446049250313e-16;
  return u < 5e-324 ? 5e-324 : u;
}

// parseInt, as V8 computes it: decimal digits through parseFloat (exact),
// radixes 2, 8 and 16 through the number literal text (exact: correctly
// rounded), 4 and 32 through their bits, and the other radixes as V8 does,
// in 32-bit chunks accumulated in doubles (which may round, as in V8).
function parseIntGlobal(input, radix) {
  const s = "" + input;
  const n = s.length;
  let i = 0;
  while (i < n && isWhiteSpace(vCharCodeAt(s, i))) i++;
  let sign = 1;
  const c = vCharCodeAt(s, i);
  if (c === 45 || c === 43) {
    if (c === 45) sign = -1;
    i++;
  }
  let r = radix | 0;
  const hex = vCharCodeAt(s, i) === 48 && (vCharCodeAt(s, i + 1) | 32) === 120;
  if (r === 0) r = hex ? 16 : 10;
  if (r < 2 || r > 36) return NaN;
  if (r === 16 && hex) i += 2;
  const start = i;
  while (i < n && digitValue(vCharCodeAt(s, i)) < r) i++;
  if (i === start) return NaN;
  return sign * digitsValue(vSubstring(s, start, i), r);
}

// The value of a digit character in radix 36 (36 for anything else).
function digitValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  c = c | 32;
  return c >= 97 && c <= 122 ? c - 87 : 36;
}

function digitsValue(digits, r) {
  if (r === 10) return parseFloat(digits);
  if (r === 16) return +("0x" + digits);
  if (r === 8) return +("0o" + digits);
  if (r === 2) return +("0b" + digits);
  const n = digits.length;
  if (r === 4 || r === 32) {
    const width = r === 4 ? 2 : 5;
    const bits = [];
    for (let i = 0; i < n; i++) {
      const d = digitValue(vCharCodeAt(digits, i));
      for (let b = width - 1; b >= 0; b--) bits.push((d >> b) & 1 ? "1" : "0");
    }
    return +("0b" + vJoin(bits, ""));
  }
  // (In an engine built without overflow checks these int32 sums wrap, like
  // all its int32 arithmetic.)
  let number = 0;
  let i = 0;
  while (i < n) {
    let part = 0;
    let multiplier = 1;
    // V8 stops a chunk before its multiplier passes 0xFFFFFFFF / 36.
    while (i < n && multiplier <= 119304647 / r) {
      part = part * r + digitValue(vCharCodeAt(digits, i));
      multiplier *= r;
      i++;
    }
    number = number * multiplier + part;
  }
  return number;
}

// ---------------------------------------------------------------------------
// Strings

function isWhiteSpace(c) {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function trimString(s, start, end) {
  s = String(s);
  let a = 0;
  let b = s.length;
  if (start) while (a < b && isWhiteSpace(vCharCodeAt(s, a))) a++;
  if (end) while (b > a && isWhiteSpace(vCharCodeAt(s, b - 1))) b--;
  return a === 0 && b === s.length ? s : vSubstring(s, a, b);
}

function repeatString(s, count) {
  let n = toInteger(count);
  if (n < 0 || !finite(n)) throw new RangeError("Invalid count value: " + count);
  let out = "";
  if (s === "") return out;
  let piece = s;
  while (n > 0) {
    if (n % 2 === 1) out += piece;
    n = (n - (n % 2)) / 2;
    if (n > 0) piece += piece;
  }
  return out;
}

// The filler for padStart/padEnd, or "" when none is needed.
function padding(s, maxLength, fill) {
  const n = toInteger(maxLength) - s.length;
  fill = fill === undefined ? " " : String(fill);
  if (n <= 0 || fill === "") return "";
  const fl = fill.length;
  const r = repeatString(fill, (n - (n % fl)) / fl + 1);
  return vSubstring(r, 0, n);
}

function stringIndexOf(s, search, from) {
  s = String(s);
  return vIndexOf(s, String(search), clampIndex(from, s.length));
}

// GetSubstitution for a string pattern (no captures): `$$`, `$&`, `` $` ``
// and `$'`; any other `$` stays as it is.
function substitute(s, matched, position, replacement) {
  if (vIndexOf(replacement, "$", 0) === -1) return replacement;
  const pieces = [];
  const n = replacement.length;
  let run = 0;
  for (let i = 0; i < n - 1; i++) {
    if (vCharCodeAt(replacement, i) !== 36) continue;
    const c = vCharCodeAt(replacement, i + 1);
    let piece;
    if (c === 36) piece = "$";
    else if (c === 38) piece = matched;
    else if (c === 96) piece = vSubstring(s, 0, position);
    else if (c === 39) piece = vSubstring(s, position + matched.length, s.length);
    else continue;
    if (run < i) pieces.push(vSubstring(replacement, run, i));
    pieces.push(piece);
    i++;
    run = i + 1;
  }
  if (run < n) pieces.push(vSubstring(replacement, run, n));
  return vJoin(pieces, "");
}

// String.prototype.replace (all = false) and replaceAll with a string
// pattern; `replacement` is a string (with `$` patterns) or a function
// called as `fn(matched, position, string)`.
function replaceString(s, pattern, replacement, all) {
  s = String(s);
  pattern = String(pattern);
  const fn = typeof replacement === "function";
  if (!fn) replacement = String(replacement);
  const n = s.length;
  const m = pattern.length;
  const pieces = [];
  let run = 0;
  let i = vIndexOf(s, pattern, 0);
  while (i !== -1) {
    if (run < i) pieces.push(vSubstring(s, run, i));
    pieces.push(fn ? String(replacement(pattern, i, s)) : substitute(s, pattern, i, replacement));
    run = i + m;
    if (!all) break;
    const next = m === 0 ? i + 1 : i + m;
    i = next > n ? -1 : vIndexOf(s, pattern, next);
  }
  if (run === 0 && pieces.length === 0) return s;
  if (run < n) pieces.push(vSubstring(s, run, n));
  return vJoin(pieces, "");
}

// The code point at code unit `i` of `s` (a lead surrogate followed by a
// trail surrogate gives the pair's code point).
function codePointAt(s, i) {
  const c = vCharCodeAt(s, i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = vCharCodeAt(s, i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

// ---------------------------------------------------------------------------
// Arrays

function sameValueZero(a, b) {
  return a === b || (a !== a && b !== b);
}

// Stable bottom-up merge sort of `a` (a fresh array) by `after(x, y)`,
// true when x must come after y. Returns the sorted array.
function mergeSort(a, after) {
  const n = a.length;
  // Insertion sort runs of 4 first: fewer passes, fewer buffer copies.
  for (let lo = 0; lo < n; lo += 4) {
    const hi = lo + 4 < n ? lo + 4 : n;
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i];
      let j = i;
      while (j > lo && after(a[j - 1], v)) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = v;
    }
  }
  if (n <= 4) return a;
  let src = a;
  let dst = [];
  dst.length = n;
  for (let w = 4; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = lo + w < n ? lo + w : n;
      const hi = lo + 2 * w < n ? lo + 2 * w : n;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (after(src[i], src[j])) dst[k++] = src[j++];
        else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

function sortArray(arr, compare) {
  if (compare !== undefined && typeof compare !== "function") {
    throw new TypeError("The comparison function must be either a function or undefined");
  }
  const n = arr.length;
  let values = [];
  let undefs = 0;
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (v === undefined) undefs++;
    else values.push(v);
  }
  if (compare === undefined) {
    // Compare by String(x), computed once per element: sort indices.
    const keys = [];
    const order = [];
    for (let i = 0; i < values.length; i++) {
      keys.push(String(values[i]));
      order.push(i);
    }
    const sorted = mergeSort(order, (x, y) => keys[x] > keys[y]);
    const out = [];
    for (let i = 0; i < sorted.length; i++) out.push(values[sorted[i]]);
    values = out;
  } else {
    values = mergeSort(values, (x, y) => compare(x, y) > 0);
  }
  let k = 0;
  for (; k < values.length; k++) arr[k] = values[k];
  for (; k < n; k++) arr[k] = undefined;
  return arr;
}

function callbackCheck(fn) {
  if (typeof fn !== "function") throw new TypeError(String(fn) + " is not a function");
}

function findIndexIn(arr, fn) {
  callbackCheck(fn);
  for (let i = 0; i < arr.length; i++) if (fn(arr[i], i, arr)) return i;
  return -1;
}

function findLastIndexIn(arr, fn) {
  callbackCheck(fn);
  for (let i = arr.length - 1; i >= 0; i--) if (fn(arr[i], i, arr)) return i;
  return -1;
}

// FlattenIntoArray: appends the elements of `src` (mapped by `fn` when it
// is given) to `out`, flattening arrays `depth` levels deep; holes are
// skipped.
function flatten(out, src, depth, fn) {
  const n = src.length;
  for (let i = 0; i < n; i++) {
    if (!(i in src)) continue;
    const v = fn === undefined ? src[i] : fn(src[i], i, src);
    if (depth > 0 && vIsArray(v)) flatten(out, v, depth - 1, undefined);
    else out.push(v);
  }
  return out;
}

// A copy of an array (holes read as undefined).
function copyArray(arr) {
  const out = [];
  const n = arr.length;
  for (let i = 0; i < n; i++) out.push(arr[i]);
  return out;
}

function arrayFrom(src, fn) {
  if (src === undefined || src === null) {
    throw new TypeError(String(src) + " is not iterable");
  }
  if (fn !== undefined) callbackCheck(fn);
  const out = [];
  if (typeof src === "string" || vIsArray(src) || (typeof src === "object" && src[Symbol.iterator] !== undefined)) {
    for (const v of src) out.push(fn === undefined ? v : fn(v, out.length));
  } else {
    const n = toInteger(src.length);
    for (let i = 0; i < n; i++) out.push(fn === undefined ? src[i] : fn(src[i], i));
  }
  return out;
}

// ---------------------------------------------------------------------------
// JSON

// Escapes for the code units below 0x20 and for '"' and '\'.
function jsonEscape(c) {
  if (c === 34) return '\\"';
  if (c === 92) return "\\\\";
  if (c === 8) return "\\b";
  if (c === 9) return "\\t";
  if (c === 10) return "\\n";
  if (c === 12) return "\\f";
  if (c === 13) return "\\r";
  return "\\u" + hex4(c);
}

function hex4(c) {
  return (
    DIGITS[(c >> 12) & 15] + DIGITS[(c >> 8) & 15] + DIGITS[(c >> 4) & 15] + DIGITS[c & 15]
  );
}

function jsonQuote(s) {
  const n = s.length;
  let pieces;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = vCharCodeAt(s, i);
    let esc;
    if (c < 32 || c === 34 || c === 92) {
      esc = jsonEscape(c);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff) {
        const d = vCharCodeAt(s, i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      esc = "\\u" + hex4(c);
    } else {
      continue;
    }
    if (pieces === undefined) pieces = ['"'];
    if (run < i) pieces.push(vSubstring(s, run, i));
    pieces.push(esc);
    run = i + 1;
  }
  if (pieces === undefined) return '"' + s + '"';
  if (run < n) pieces.push(vSubstring(s, run, n));
  pieces.push('"');
  return vJoin(pieces, "");
}

// Appends the JSON text of `v` to `out`; false when `v` has none
// (undefined, functions).
function jsonWrite(v, out, gap, indent, stack) {
  if (v !== null && typeof v === "object" && typeof v.toJSON === "function") v = v.toJSON();
  const t = typeof v;
  if (v === null) {
    out.push("null");
  } else if (t === "string") {
    out.push(jsonQuote(v));
  } else if (t === "number") {
    out.push(finite(v) ? String(v) : "null");
  } else if (t === "boolean") {
    out.push(v ? "true" : "false");
  } else if (t === "object") {
    for (let i = 0; i < stack.length; i++) {
      if (stack[i] === v) throw new TypeError("Converting circular structure to JSON");
    }
    stack.push(v);
    const inner = gap === "" ? "" : indent + gap;
    const open = gap === "" ? "" : "\n" + inner;
    const comma = gap === "" ? "," : ",\n" + inner;
    if (vIsArray(v)) {
      if (v.length === 0) {
        out.push("[]");
      } else {
        out.push("[" + open);
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out.push(comma);
          if (!jsonWrite(v[i], out, gap, inner, stack)) out.push("null");
        }
        out.push(gap === "" ? "]" : "\n" + indent + "]");
      }
    } else {
      const keys = vKeys(v);
      const colon = gap === "" ? ":" : ": ";
      let any = false;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const mark = out.length;
        out.push(any ? comma : "{" + open);
        out.push(jsonQuote(k) + colon);
        if (jsonWrite(v[k], out, gap, inner, stack)) {
          any = true;
        } else {
          out.length = mark;
        }
      }
      if (!any) out.push("{}");
      else out.push(gap === "" ? "}" : "\n" + indent + "}");
    }
    stack.length = stack.length - 1;
  } else {
    return false;
  }
  return true;
}

function jsonStringify(v, space) {
  let gap = "";
  if (typeof space === "number") {
    const n = toInteger(space);
    gap = repeatString(" ", n > 10 ? 10 : n < 1 ? 0 : n);
  } else if (typeof space === "string") {
    gap = space.length > 10 ? vSubstring(space, 0, 10) : space;
  }
  const out = [];
  if (!jsonWrite(v, out, gap, "", [])) return undefined;
  return out.length === 1 ? out[0] : vJoin(out, "");
}

// JSON.parse: a recursive-descent parser over code units. The text and
// position live in two globals while a parse runs.
let jsonText = "";
let jsonAt = 0;

function jsonFail() {
  const c = jsonText[jsonAt];
  const e = new Error(
    c === undefined
      ? "Unexpected end of JSON input"
      : "Unexpected token " + c + " in JSON at position " + jsonAt
  );
  e.name = "SyntaxError";
  jsonText = "";
  throw e;
}

function jsonSpace() {
  for (;;) {
    const c = vCharCodeAt(jsonText, jsonAt);
    if (c === 32 || c === 9 || c === 10 || c === 13) jsonAt++;
    else return c;
  }
}

function jsonLiteral(word, value) {
  for (let i = 0; i < word.length; i++) {
    if (jsonText[jsonAt] !== word[i]) jsonFail();
    jsonAt++;
  }
  return value;
}

function isDigit(c) {
  return c >= 48 && c <= 57;
}

function jsonNumber() {
  const start = jsonAt;
  if (vCharCodeAt(jsonText, jsonAt) === 45) jsonAt++;
  let c = vCharCodeAt(jsonText, jsonAt);
  if (c === 48) {
    jsonAt++;
  } else if (isDigit(c)) {
    while (isDigit(vCharCodeAt(jsonText, jsonAt))) jsonAt++;
  } else {
    jsonFail();
  }
  if (vCharCodeAt(jsonText, jsonAt) === 46) {
    jsonAt++;
    if (!isDigit(vCharCodeAt(jsonText, jsonAt))) jsonFail();
    while (isDigit(vCharCodeAt(jsonText, jsonAt))) jsonAt++;
  }
  c = vCharCodeAt(jsonText, jsonAt);
  if (c === 101 || c === 69) {
    jsonAt++;
    c = vCharCodeAt(jsonText, jsonAt);
    if (c === 43 || c === 45) jsonAt++;
    if (!isDigit(vCharCodeAt(jsonText, jsonAt))) jsonFail();
    while (isDigit(vCharCodeAt(jsonText, jsonAt))) jsonAt++;
  }
  return Number(vSubstring(jsonText, start, jsonAt));
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function jsonString() {
  jsonAt++; // the opening quote
  let pieces;
  let run = jsonAt;
  for (;;) {
    const c = vCharCodeAt(jsonText, jsonAt);
    if (c === 34) break;
    if (c !== c || c < 32) jsonFail();
    if (c !== 92) {
      jsonAt++;
      continue;
    }
    if (pieces === undefined) pieces = [];
    if (run < jsonAt) pieces.push(vSubstring(jsonText, run, jsonAt));
    jsonAt++;
    const e = vCharCodeAt(jsonText, jsonAt);
    let ch;
    if (e === 34) ch = '"';
    else if (e === 92) ch = "\\";
    else if (e === 47) ch = "/";
    else if (e === 98) ch = "\b";
    else if (e === 102) ch = "\f";
    else if (e === 110) ch = "\n";
    else if (e === 114) ch = "\r";
    else if (e === 116) ch = "\t";
    else if (e === 117) {
      let code = 0;
      for (let k = 1; k <= 4; k++) {
        const h = hexValue(vCharCodeAt(jsonText, jsonAt + k));
        if (h < 0) {
          jsonAt += k;
          jsonFail();
        }
        code = code * 16 + h;
      }
      jsonAt += 4;
      ch = vFromCharCode(code);
    } else {
      jsonFail();
    }
    pieces.push(ch);
    jsonAt++;
    run = jsonAt;
  }
  let s;
  if (pieces === undefined) {
    s = vSubstring(jsonText, run, jsonAt);
  } else {
    if (run < jsonAt) pieces.push(vSubstring(jsonText, run, jsonAt));
    s = vJoin(pieces, "");
  }
  jsonAt++; // the closing quote
  return s;
}

function jsonValue() {
  const c = jsonSpace();
  if (c === 123) {
    const obj = {};
    jsonAt++;
    if (jsonSpace() === 125) {
      jsonAt++;
      return obj;
    }
    for (;;) {
      if (jsonSpace() !== 34) jsonFail();
      const key = jsonString();
      if (jsonSpace() !== 58) jsonFail();
      jsonAt++;
      obj[key] = jsonValue();
      const d = jsonSpace();
      jsonAt++;
      if (d === 125) return obj;
      if (d !== 44) {
        jsonAt--;
        jsonFail();
      }
    }
  }
  if (c === 91) {
    const arr = [];
    jsonAt++;
    if (jsonSpace() === 93) {
      jsonAt++;
      return arr;
    }
    for (;;) {
      arr.push(jsonValue());
      const d = jsonSpace();
      jsonAt++;
      if (d === 93) return arr;
      if (d !== 44) {
        jsonAt--;
        jsonFail();
      }
    }
  }
  if (c === 34) return jsonString();
  if (c === 116) return jsonLiteral("true", true);
  if (c === 102) return jsonLiteral("false", false);
  if (c === 110) return jsonLiteral("null", null);
  return jsonNumber();
}

function jsonParse(text) {
  jsonText = String(text);
  jsonAt = 0;
  const v = jsonValue();
  jsonSpace();
  if (jsonAt < jsonText.length) jsonFail();
  jsonText = "";
  return v;
}

// ---------------------------------------------------------------------------
// The builtin objects

// ---------------------------------------------------------------------------
// Iterators: `[Symbol.iterator]()` of arrays (and Uint8Arrays) and of
// strings (by code point), for code that does not know it holds an array
// (`for…of` over an array takes an index loop instead).

function iteratorSelf() {
  return this;
}

function arrayValues() {
  const a = this;
  let i = 0;
  return {
    next() {
      if (i < a.length) return { value: a[i++], done: false };
      i = 4294967295;
      return { value: undefined, done: true };
    },
    [Symbol.iterator]: iteratorSelf,
  };
}

function stringValues() {
  const s = String(this);
  const n = s.length;
  let i = 0;
  return {
    next() {
      if (i >= n) return { value: undefined, done: true };
      const c = vCharCodeAt(s, i);
      let end = i + 1;
      if (c >= 0xd800 && c <= 0xdbff && end < n) {
        const d = vCharCodeAt(s, end);
        if (d >= 0xdc00 && d <= 0xdfff) end++;
      }
      const v = vSubstring(s, i, end);
      i = end;
      return { value: v, done: false };
    },
    [Symbol.iterator]: iteratorSelf,
  };
}

vmExport(ARRAY_PROTOTYPE, {
  constructor: Array,
  [Symbol.iterator]: arrayValues,
  pop() {
    const n = this.length;
    if (n === 0) return undefined;
    const v = this[n - 1];
    this.length = n - 1;
    return v;
  },
  shift() {
    const n = this.length;
    if (n === 0) return undefined;
    const v = this[0];
    for (let i = 1; i < n; i++) this[i - 1] = this[i];
    this.length = n - 1;
    return v;
  },
  unshift(...items) {
    const n = this.length;
    const k = items.length;
    if (k > 0) {
      this.length = n + k;
      for (let i = n - 1; i >= 0; i--) this[i + k] = this[i];
      for (let j = 0; j < k; j++) this[j] = items[j];
    }
    return n + k;
  },
  slice(start, end) {
    const n = this.length;
    let a = relativeIndex(start, n);
    const b = end === undefined ? n : relativeIndex(end, n);
    const out = [];
    for (; a < b; a++) out.push(this[a]);
    return out;
  },
  // Rest parameters rather than `arguments`: an absent argument and an
  // undefined one mean different things here.
  splice(...args) {
    const n = this.length;
    const argc = args.length;
    const a = relativeIndex(args[0], n);
    const dc = argc === 0 ? 0 : argc === 1 ? n - a : clampIndex(args[1], n - a);
    const removed = [];
    for (let i = 0; i < dc; i++) removed.push(this[a + i]);
    const k = argc > 2 ? argc - 2 : 0;
    const delta = k - dc;
    if (delta > 0) {
      this.length = n + delta;
      for (let i = n - 1; i >= a + dc; i--) this[i + delta] = this[i];
    } else if (delta < 0) {
      for (let i = a + dc; i < n; i++) this[i + delta] = this[i];
      this.length = n + delta;
    }
    for (let i = 0; i < k; i++) this[a + i] = args[i + 2];
    return removed;
  },
  indexOf(search, from) {
    const n = this.length;
    for (let i = relativeIndex(from, n); i < n; i++) if (this[i] === search) return i;
    return -1;
  },
  lastIndexOf(...args) {
    const search = args[0];
    const n = this.length;
    let i = n - 1;
    if (args.length > 1) {
      const f = toInteger(args[1]);
      i = f < 0 ? n + f : f < n - 1 ? f : n - 1;
    }
    for (; i >= 0; i--) if (this[i] === search) return i;
    return -1;
  },
  includes(search, from) {
    const n = this.length;
    for (let i = relativeIndex(from, n); i < n; i++) if (sameValueZero(this[i], search)) return true;
    return false;
  },
  join(separator) {
    return vJoin(vIsArray(this) ? this : elementsOf(this), separator);
  },
  toString() {
    return vJoin(vIsArray(this) ? this : elementsOf(this));
  },
  concat(...items) {
    const out = [];
    for (let i = 0; i < this.length; i++) out.push(this[i]);
    for (let j = 0; j < items.length; j++) {
      const it = items[j];
      if (vIsArray(it)) for (let i = 0; i < it.length; i++) out.push(it[i]);
      else out.push(it);
    }
    return out;
  },
  reverse() {
    for (let i = 0, j = this.length - 1; i < j; i++, j--) {
      const t = this[i];
      this[i] = this[j];
      this[j] = t;
    }
    return this;
  },
  sort(compare) {
    return sortArray(this, compare);
  },
  map(fn) {
    callbackCheck(fn);
    const out = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this[i], i, this));
    return out;
  },
  filter(fn) {
    callbackCheck(fn);
    const out = [];
    for (let i = 0; i < this.length; i++) {
      const v = this[i];
      if (fn(v, i, this)) out.push(v);
    }
    return out;
  },
  forEach(fn) {
    callbackCheck(fn);
    for (let i = 0; i < this.length; i++) fn(this[i], i, this);
  },
  reduce(...args) {
    const fn = args[0];
    callbackCheck(fn);
    const n = this.length;
    let i = 0;
    let acc = args[1];
    if (args.length < 2) {
      if (n === 0) throw new TypeError("Reduce of empty array with no initial value");
      acc = this[0];
      i = 1;
    }
    for (; i < n; i++) acc = fn(acc, this[i], i, this);
    return acc;
  },
  reduceRight(...args) {
    const fn = args[0];
    callbackCheck(fn);
    let i = this.length - 1;
    let acc = args[1];
    if (args.length < 2) {
      if (i < 0) throw new TypeError("Reduce of empty array with no initial value");
      acc = this[i];
      i--;
    }
    for (; i >= 0; i--) acc = fn(acc, this[i], i, this);
    return acc;
  },
  some(fn) {
    callbackCheck(fn);
    for (let i = 0; i < this.length; i++) if (fn(this[i], i, this)) return true;
    return false;
  },
  every(fn) {
    callbackCheck(fn);
    for (let i = 0; i < this.length; i++) if (!fn(this[i], i, this)) return false;
    return true;
  },
  find(fn) {
    const i = findIndexIn(this, fn);
    return i < 0 ? undefined : this[i];
  },
  findIndex(fn) {
    return findIndexIn(this, fn);
  },
  fill(value, start, end) {
    const n = this.length;
    const b = end === undefined ? n : relativeIndex(end, n);
    for (let i = relativeIndex(start, n); i < b; i++) this[i] = value;
    return this;
  },
  at(index) {
    const n = this.length;
    let i = toInteger(index);
    if (i < 0) i += n;
    return i < 0 || i >= n ? undefined : this[i];
  },
  findLast(fn) {
    const i = findLastIndexIn(this, fn);
    return i < 0 ? undefined : this[i];
  },
  findLastIndex(fn) {
    return findLastIndexIn(this, fn);
  },
  flat(depth) {
    return flatten([], this, depth === undefined ? 1 : toInteger(depth), undefined);
  },
  flatMap(fn) {
    if (typeof fn !== "function") throw new TypeError("flatMap mapper function is not callable");
    return flatten([], this, 1, fn);
  },
  copyWithin(target, start, end) {
    const n = this.length;
    const to = relativeIndex(target, n);
    const from = relativeIndex(start, n);
    const last = end === undefined ? n : relativeIndex(end, n);
    const count = last - from < n - to ? last - from : n - to;
    if (from < to && to < from + count) {
      // Overlapping, forwards: copy from the end.
      for (let i = count - 1; i >= 0; i--) this[to + i] = this[from + i];
    } else {
      for (let i = 0; i < count; i++) this[to + i] = this[from + i];
    }
    return this;
  },
  toReversed() {
    const out = [];
    for (let i = this.length - 1; i >= 0; i--) out.push(this[i]);
    return out;
  },
  toSorted(compare) {
    if (compare !== undefined && typeof compare !== "function") {
      throw new TypeError("The comparison function must be either a function or undefined");
    }
    return sortArray(copyArray(this), compare);
  },
  with(index, value) {
    const n = this.length;
    let i = toInteger(index);
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw new RangeError("Invalid index : " + String(index));
    const out = copyArray(this);
    out[i] = value;
    return out;
  },
});

vmExport(ARRAY_STATICS, {
  prototype: __vium.arrayPrototype,
  isArray(v) {
    return vIsArray(v);
  },
  from(src, fn) {
    return arrayFrom(src, fn);
  },
  of(...items) {
    return items;
  },
});

// toUpperCase (from = 97, "a") and toLowerCase (from = 65, "A") for ASCII
// letters: the letters from..from+25 move to the other case.
function asciiCase(s, from) {
  const delta = from === 97 ? -32 : 32;
  const pieces = [];
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = vCharCodeAt(s, i);
    if (c >= from && c <= from + 25) {
      if (start < i) pieces.push(vSubstring(s, start, i));
      pieces.push(vFromCharCode(c + delta));
      start = i + 1;
    }
  }
  if (start === 0) return s;
  if (start < n) pieces.push(vSubstring(s, start, n));
  return vJoin(pieces, "");
}

vmExport(STRING_PROTOTYPE, {
  constructor: String,
  [Symbol.iterator]: stringValues,
  charAt(index) {
    const s = String(this);
    const i = toInteger(index);
    return i < 0 || i >= s.length ? "" : s[i];
  },
  charCodeAt(index) {
    return vCharCodeAt(this, toInteger(index));
  },
  indexOf(search, from) {
    return stringIndexOf(this, search, from);
  },
  lastIndexOf(search, from) {
    const s = String(this);
    search = String(search);
    const n = s.length;
    const f = +from;
    const start = f !== f ? n : clampIndex(f, n);
    if (search === "") return start;
    let last = -1;
    let i = vIndexOf(s, search, 0);
    while (i !== -1 && i <= start) {
      last = i;
      i = vIndexOf(s, search, i + 1);
    }
    return last;
  },
  includes(search, from) {
    return stringIndexOf(this, search, from) !== -1;
  },
  startsWith(search, position) {
    const s = String(this);
    search = String(search);
    const p = clampIndex(position, s.length);
    return vSubstring(s, p, p + search.length) === search;
  },
  endsWith(search, endPosition) {
    const s = String(this);
    search = String(search);
    const e = endPosition === undefined ? s.length : clampIndex(endPosition, s.length);
    const start = e - search.length;
    return start >= 0 && vSubstring(s, start, e) === search;
  },
  slice(start, end) {
    const s = String(this);
    const n = s.length;
    const a = relativeIndex(start, n);
    const b = end === undefined ? n : relativeIndex(end, n);
    return a >= b ? "" : vSubstring(s, a, b);
  },
  substring(start, end) {
    const s = String(this);
    return vSubstring(s, start, end === undefined ? s.length : end);
  },
  split(separator, limit) {
    const s = String(this);
    const max = limit === undefined ? 4294967295 : limit >>> 0;
    const out = [];
    if (max === 0) return out;
    if (separator === undefined) {
      out.push(s);
      return out;
    }
    const sep = String(separator);
    const n = s.length;
    if (sep === "") {
      for (let i = 0; i < n && out.length < max; i++) out.push(s[i]);
      return out;
    }
    let from = 0;
    for (;;) {
      const i = vIndexOf(s, sep, from);
      if (i === -1) break;
      out.push(vSubstring(s, from, i));
      if (out.length >= max) return out;
      from = i + sep.length;
    }
    out.push(vSubstring(s, from, n));
    return out;
  },
  trim() {
    return trimString(this, true, true);
  },
  trimStart() {
    return trimString(this, true, false);
  },
  trimEnd() {
    return trimString(this, false, true);
  },
  toUpperCase() {
    return asciiCase(String(this), 97);
  },
  toLowerCase() {
    return asciiCase(String(this), 65);
  },
  padStart(maxLength, fill) {
    const s = String(this);
    return padding(s, maxLength, fill) + s;
  },
  padEnd(maxLength, fill) {
    const s = String(this);
    return s + padding(s, maxLength, fill);
  },
  repeat(count) {
    return repeatString(String(this), count);
  },
  concat(...parts) {
    const pieces = [String(this)];
    for (let i = 0; i < parts.length; i++) pieces.push(String(parts[i]));
    return vJoin(pieces, "");
  },
  at(index) {
    const s = String(this);
    const n = s.length;
    let i = toInteger(index);
    if (i < 0) i += n;
    return i < 0 || i >= n ? undefined : s[i];
  },
  replace(pattern, replacement) {
    return replaceString(this, pattern, replacement, false);
  },
  replaceAll(pattern, replacement) {
    return replaceString(this, pattern, replacement, true);
  },
  codePointAt(index) {
    const s = String(this);
    const i = toInteger(index);
    return i < 0 || i >= s.length ? undefined : codePointAt(s, i);
  },
  // By UTF-16 code units, not by locale: "a" sorts after "B".
  localeCompare(that) {
    const s = String(this);
    that = String(that);
    return s < that ? -1 : s > that ? 1 : 0;
  },
  // ASCII is unchanged by every form; anything else throws, as vium has no
  // Unicode tables.
  normalize(form) {
    const s = String(this);
    if (form !== undefined) {
      form = String(form);
      if (form !== "NFC" && form !== "NFD" && form !== "NFKC" && form !== "NFKD") {
        throw new RangeError("The normalization form should be one of NFC, NFD, NFKC, NFKD.");
      }
    }
    for (let i = 0; i < s.length; i++) {
      if (vCharCodeAt(s, i) > 127) throw new RangeError("vium normalizes ASCII text only");
    }
    return s;
  },
  toString() {
    return String(this);
  },
});

vmExport(STRING_STATICS, {
  prototype: __vium.stringPrototype,
  fromCharCode(...codes) {
    if (codes.length === 1) return vFromCharCode(codes[0]);
    const pieces = [];
    for (let i = 0; i < codes.length; i++) pieces.push(vFromCharCode(codes[i]));
    return vJoin(pieces, "");
  },
  fromCodePoint(...points) {
    const pieces = [];
    for (let i = 0; i < points.length; i++) {
      const p = +points[i];
      if (!(p >= 0 && p <= 0x10ffff) || truncate(p) !== p) {
        throw new RangeError("Invalid code point " + String(p));
      }
      if (p < 0x10000) {
        pieces.push(vFromCharCode(p));
      } else {
        const q = p - 0x10000;
        pieces.push(vFromCharCode(0xd800 + ((q - (q % 0x400)) / 0x400)));
        pieces.push(vFromCharCode(0xdc00 + (q % 0x400)));
      }
    }
    return vJoin(pieces, "");
  },
});

vmExport(NUMBER_PROTOTYPE, {
  constructor: Number,
  toFixed(digits) {
    return vToFixed(this, toInteger(digits));
  },
  toString(radix) {
    return numberToString(this, radix);
  },
  toPrecision(precision) {
    return numberToPrecision(this, precision);
  },
  toExponential(fractionDigits) {
    return numberToExponential(this, fractionDigits);
  },
});

vmExport(NUMBER_STATICS, {
  prototype: __vium.numberPrototype,
  isInteger(x) {
    return typeof x === "number" && finite(x) && truncate(x) === x;
  },
  isSafeInteger(x) {
    return (
      typeof x === "number" &&
      finite(x) &&
      truncate(x) === x &&
      x <= 9007199254740991 &&
      x >= -9007199254740991
    );
  },
  isNaN(x) {
    return x !== x;
  },
  isFinite(x) {
    return typeof x === "number" && finite(x);
  },
  parseInt: parseIntGlobal,
  parseFloat: parseFloat,
  MAX_SAFE_INTEGER: 9007199254740991,
  MIN_SAFE_INTEGER: -9007199254740991,
  EPSILON: 2.220446049250313e-16,
  MAX_VALUE: 1.7976931348623157e308,
  MIN_VALUE: 5e-324,
  POSITIVE_INFINITY: Infinity,
  NEGATIVE_INFINITY: -Infinity,
  NaN: NaN,
});

// ---------------------------------------------------------------------------
// Objects and functions: the prototype chain. Every chain ends at
// Object.prototype; functions inherit call, apply and bind from
// Function.prototype. `__vium.apply(f, thisArg, array)` is compiled to a
// call of `f` with that `this` and the array's elements as arguments.

function isObjectLike(v) {
  return v !== null && (typeof v === "object" || typeof v === "function");
}

function requireObjectCoercible(o) {
  if (o === undefined || o === null) throw new TypeError("Cannot convert undefined or null to object");
}

// Whether `k` is an own property of `o` (ToPropertyKey first).
function hasOwn(o, k) {
  requireObjectCoercible(o);
  const key = typeof k === "symbol" ? k : "" + k;
  if (typeof o === "string" || vIsArray(o) || vType(o) === 14) {
    if (key === "length") return true;
    const i = +key;
    return "" + i === key && i >= 0 && i < o.length && (typeof o === "string" || i in o);
  }
  const own = vOwn(o);
  const n = own.length;
  for (let i = 0; i < n; i += 3) {
    const ok = own[i];
    if (ok === key || (typeof ok === "number" && "" + ok === key)) return true;
  }
  return false;
}

// The tag Object.prototype.toString shows.
function toStringTag(v) {
  if (v === undefined) return "Undefined";
  if (v === null) return "Null";
  if (vIsArray(v)) return "Array";
  if (vType(v) === 14) return "Uint8Array";
  const t = typeof v;
  if (t === "function") return "Function";
  if (t === "string") return "String";
  if (t === "number") return "Number";
  if (t === "boolean") return "Boolean";
  if (v instanceof Error) return "Error";
  return "Object";
}

function checkPrototype(p) {
  if (p !== null && !isObjectLike(p)) {
    throw new TypeError("Object prototype may only be an Object or null: " + describe(p));
  }
}

// The elements of an array-like (or a string) as an array.
function elementsOf(o) {
  requireObjectCoercible(o);
  const out = [];
  const n = o.length;
  for (let i = 0; i < n; i++) out.push(o[i]);
  return out;
}

// An array of the elements of an array-like (for `apply`).
function listFrom(args) {
  if (args === undefined || args === null) return [];
  if (vIsArray(args)) return args;
  if (typeof args !== "object") throw new TypeError("CreateListFromArrayLike called on non-object");
  const out = [];
  const n = args.length;
  for (let i = 0; i < n; i++) out.push(args[i]);
  return out;
}

// Property attributes, as `__vium.define` takes them and `__vium.own`
// gives them (shifted left by two, below them the accessor halves).
const HIDDEN = 1;
const READ_ONLY = 2;
const FIXED = 4;
const NOT_EXTENSIBLE = 8;
const DEFINE_GETTER = 16;
const DEFINE_SETTER = 32;

function toKey(k) {
  return typeof k === "symbol" ? k : "" + k;
}

// An ordinary object (or a class, whose statics are one): what holds
// attributes. Arrays, strings, typed arrays and functions do not yet.
function isOrdinary(o) {
  const t = vType(o);
  return t === 6 || t === 12;
}

// The index in `own` (from `__vium.own`) of the entry for `key`, or -1.
function ownAt(own, key) {
  const n = own.length;
  for (let i = 0; i < n; i += 3) {
    const k = own[i];
    if (k === key || (typeof k === "number" && "" + k === key)) return i;
  }
  return -1;
}

function isExtensibleObject(o) {
  if (!isObjectLike(o)) return false;
  return !isOrdinary(o) || !(vDefine(o) & NOT_EXTENSIBLE);
}

function descriptorOf(o, key) {
  if (typeof o === "string" || vIsArray(o) || vType(o) === 14) {
    if (!hasOwn(o, key)) return undefined;
    const text = typeof o === "string";
    if (key === "length") {
      return { value: o.length, writable: !text && vIsArray(o), enumerable: false, configurable: false };
    }
    return { value: o[key], writable: !text, enumerable: true, configurable: !text && vIsArray(o) };
  }
  if (!isOrdinary(o)) return undefined;
  const own = vOwn(o);
  const at = ownAt(own, key);
  if (at < 0) return undefined;
  const bits = own[at + 2];
  const enumerable = !(bits & (HIDDEN << 2));
  const configurable = !(bits & (FIXED << 2));
  if (bits & 3) {
    const halves = own[at + 1];
    return { get: halves[0], set: halves[1], enumerable: enumerable, configurable: configurable };
  }
  return {
    value: own[at + 1],
    writable: !(bits & (READ_ONLY << 2)),
    enumerable: enumerable,
    configurable: configurable,
  };
}

function redefineError(key) {
  return new TypeError("Cannot redefine property: " + describeKey(key));
}

function describeKey(key) {
  return typeof key === "symbol" ? key.toString() : key;
}

// ValidateAndApplyPropertyDescriptor for an own property of `o`.
function defineOwn(o, key, desc) {
  if (!isObjectLike(desc)) {
    throw new TypeError("Property description must be an object: " + describe(desc));
  }
  const hasGet = "get" in desc;
  const hasSet = "set" in desc;
  const getter = desc.get;
  const setter = desc.set;
  if ((hasGet || hasSet) && ("value" in desc || "writable" in desc)) {
    throw new TypeError(
      "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, " +
        describe(desc),
    );
  }
  if (getter !== undefined && typeof getter !== "function") {
    throw new TypeError("Getter must be a function: " + describe(getter));
  }
  if (setter !== undefined && typeof setter !== "function") {
    throw new TypeError("Setter must be a function: " + describe(setter));
  }
  const cur = descriptorOf(o, key);
  if (!isOrdinary(o)) {
    const plain =
      !hasGet && !hasSet && desc.enumerable === true && desc.configurable === true && desc.writable === true;
    if (plain || (cur !== undefined && !("get" in cur) && !hasGet && !hasSet && "value" in desc &&
        !("enumerable" in desc) && !("configurable" in desc) && !("writable" in desc))) {
      vDefine(o, key, desc.value);
      return;
    }
    throw new TypeError("vium cannot define property attributes on this " + typeof o + " yet");
  }
  const accessor = hasGet || hasSet || (cur !== undefined && "get" in cur && !("value" in desc) && !("writable" in desc));
  if (cur === undefined) {
    if (!isExtensibleObject(o)) {
      throw new TypeError("Cannot define property " + describeKey(key) + ", object is not extensible");
    }
  } else if (!cur.configurable) {
    if (desc.configurable === true) throw redefineError(key);
    if ("enumerable" in desc && !desc.enumerable !== !cur.enumerable) throw redefineError(key);
    if (accessor !== "get" in cur) throw redefineError(key);
    if (accessor) {
      if ((hasGet && getter !== cur.get) || (hasSet && setter !== cur.set)) throw redefineError(key);
    } else if (!cur.writable) {
      if (desc.writable === true) throw redefineError(key);
      if ("value" in desc && !sameValue(desc.value, cur.value)) throw redefineError(key);
    }
  }
  const old = cur === undefined ? { enumerable: false, configurable: false, writable: false } : cur;
  let flags = 0;
  if (!("enumerable" in desc ? desc.enumerable : old.enumerable)) flags |= HIDDEN;
  if (!("configurable" in desc ? desc.configurable : old.configurable)) flags |= FIXED;
  if (accessor) {
    const wasAccessor = cur !== undefined && "get" in cur;
    const g = hasGet ? getter : wasAccessor ? cur.get : undefined;
    const s = hasSet ? setter : wasAccessor ? cur.set : undefined;
    vDefine(o, key, g, flags | DEFINE_GETTER);
    vDefine(o, key, s, flags | DEFINE_SETTER);
    return;
  }
  if (!("writable" in desc ? desc.writable : "get" in old ? false : old.writable)) flags |= READ_ONLY;
  const value = "value" in desc ? desc.value : "value" in old ? old.value : undefined;
  vDefine(o, key, value, flags);
}

function sameValue(a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
}

// Object.freeze and Object.seal: every own property non-configurable (and
// read-only, for freeze), then no new ones.
function lockObject(o, frozen) {
  if (!isObjectLike(o)) return o;
  if (!isOrdinary(o)) {
    throw new TypeError("vium cannot " + (frozen ? "freeze" : "seal") + " this " + (vIsArray(o) ? "array" : typeof o) + " yet");
  }
  const own = vOwn(o);
  for (let i = 0; i < own.length; i += 3) {
    const bits = own[i + 2];
    const flags = ((bits >> 2) & HIDDEN) | FIXED;
    if (bits & 3) {
      vDefine(o, own[i], own[i + 1][0], flags | DEFINE_GETTER);
      vDefine(o, own[i], own[i + 1][1], flags | DEFINE_SETTER);
    } else {
      vDefine(o, own[i], own[i + 1], flags | (frozen ? READ_ONLY : (bits >> 2) & READ_ONLY));
    }
  }
  vDefine(o, NOT_EXTENSIBLE);
  return o;
}

function isLocked(o, frozen) {
  if (!isObjectLike(o)) return true;
  if (isExtensibleObject(o)) return false;
  const own = vOwn(o);
  for (let i = 0; i < own.length; i += 3) {
    const bits = own[i + 2];
    if (!(bits & (FIXED << 2))) return false;
    if (frozen && !(bits & 3) && !(bits & (READ_ONLY << 2))) return false;
  }
  return true;
}

// Every own string key, enumerable or not, in JavaScript's order.
function ownNames(o) {
  requireObjectCoercible(o);
  if (!isOrdinary(o)) {
    const keys = vKeys(o);
    if (typeof o === "string" || vIsArray(o)) keys.push("length");
    return keys;
  }
  const own = vOwn(o);
  const ints = [];
  const names = [];
  for (let i = 0; i < own.length; i += 3) {
    const k = own[i];
    if (typeof k === "number") ints.push(k);
    else if (typeof k === "string") names.push(k);
  }
  ints.sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < ints.length; i++) out.push("" + ints[i]);
  for (let i = 0; i < names.length; i++) out.push(names[i]);
  return out;
}

// for…in: the enumerable string keys of `o`, then those of its prototype
// chain that nearer objects do not have (enumerable or not), each once.
function forInKeys(o) {
  const out = vKeys(o);
  if (o === undefined || o === null) return out;
  let p = vProto(o);
  // Builtin prototypes have no enumerable properties.
  if (p === null || !isOrdinary(p)) return out;
  let seen = ownNames(o);
  for (; p !== null && isOrdinary(p); p = vProto(p)) {
    const keys = vKeys(p);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!contains(seen, k) && !contains(out, k)) out.push(k);
    }
    seen = seen.concat(ownNames(p));
  }
  return out;
}

function contains(list, x) {
  for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
  return false;
}

vmExport(OBJECT_PROTOTYPE, {
  constructor: Object,
  hasOwnProperty(k) {
    return hasOwn(this, k);
  },
  isPrototypeOf(v) {
    if (!isObjectLike(v)) return false;
    for (let p = vProto(v); p !== null; p = vProto(p)) if (p === this) return true;
    return false;
  },
  propertyIsEnumerable(k) {
    if (!hasOwn(this, k)) return false;
    const key = toKey(k);
    if (!isOrdinary(this)) return key !== "length";
    const at = ownAt(vOwn(this), key);
    return !(vOwn(this)[at + 2] & (HIDDEN << 2));
  },
  toString() {
    return "[object " + toStringTag(this) + "]";
  },
  toLocaleString() {
    return this.toString();
  },
  valueOf() {
    return this;
  },
});

// ToPrimitive (ECMAScript 7.1.1) for an operator that met an object or an
// array: the engine calls this and runs the operator again on the result.
// The first of valueOf and toString (toString first for the hint "string":
// `String(o)`, templates) that returns a primitive. Exported under both
// names so that an image keeps it only when its code names one of them;
// otherwise no object has such a method of its own, and the engine
// converts objects natively.
function toPrimitive(v, stringHint) {
  let key = stringHint ? "toString" : "valueOf";
  for (let i = 0; i < 2; i++) {
    const m = v[key];
    if (typeof m === "function") {
      const r = __vium.apply(m, v, []);
      if (!isObjectLike(r)) return r;
    }
    key = key === "valueOf" ? "toString" : "valueOf";
  }
  throw new TypeError("Cannot convert object to primitive value");
}

vmExport(TO_PRIMITIVE, { toString: toPrimitive, valueOf: toPrimitive });

vmExport(ERROR_PROTOTYPE, {
  toString() {
    if (!isObjectLike(this)) throw new TypeError("Error.prototype.toString called on non-object");
    const name = this.name === undefined ? "Error" : "" + this.name;
    const message = this.message === undefined ? "" : "" + this.message;
    if (name === "") return message;
    return message === "" ? name : name + ": " + message;
  },
});

vmExport(FUNCTION_PROTOTYPE, {
  constructor: Function,
  call(thisArg, ...args) {
    return __vium.apply(this, thisArg, args);
  },
  apply(thisArg, args) {
    return __vium.apply(this, thisArg, listFrom(args));
  },
  bind(thisArg, ...bound) {
    const f = this;
    if (typeof f !== "function") throw new TypeError("Bind must be called on a function");
    return function (...args) {
      return __vium.apply(f, thisArg, bound.length === 0 ? args : bound.concat(args));
    };
  },
});

vmExport(OBJECT_STATICS, {
  prototype: __vium.objectPrototype,
  getPrototypeOf(o) {
    requireObjectCoercible(o);
    return vProto(o);
  },
  setPrototypeOf(o, p) {
    requireObjectCoercible(o);
    checkPrototype(p);
    if (!isObjectLike(o) || vProto(o) === p) return o;
    for (let q = p; q !== null; q = vProto(q)) {
      if (q === o) throw new TypeError("Cyclic __proto__ value");
    }
    if (!vProto(o, p)) throw new TypeError("vium cannot change the prototype of this object yet");
    return o;
  },
  create(p, properties) {
    checkPrototype(p);
    const o = {};
    vProto(o, p);
    if (properties !== undefined) Object.defineProperties(o, properties);
    return o;
  },
  defineProperty(o, k, desc) {
    if (!isObjectLike(o)) throw new TypeError("Object.defineProperty called on non-object");
    defineOwn(o, toKey(k), desc);
    return o;
  },
  defineProperties(o, properties) {
    if (!isObjectLike(o)) throw new TypeError("Object.defineProperties called on non-object");
    requireObjectCoercible(properties);
    const keys = vKeys(properties);
    const descs = [];
    for (let i = 0; i < keys.length; i++) descs.push(properties[keys[i]]);
    for (let i = 0; i < keys.length; i++) defineOwn(o, keys[i], descs[i]);
    return o;
  },
  getOwnPropertyDescriptor(o, k) {
    requireObjectCoercible(o);
    return descriptorOf(o, toKey(k));
  },
  getOwnPropertyDescriptors(o) {
    const names = ownNames(o);
    const out = {};
    for (let i = 0; i < names.length; i++) out[names[i]] = descriptorOf(o, names[i]);
    return out;
  },
  getOwnPropertyNames(o) {
    return ownNames(o);
  },
  freeze(o) {
    return lockObject(o, true);
  },
  isFrozen(o) {
    return isLocked(o, true);
  },
  seal(o) {
    return lockObject(o, false);
  },
  isSealed(o) {
    return isLocked(o, false);
  },
  preventExtensions(o) {
    if (!isObjectLike(o)) return o;
    if (!isOrdinary(o)) throw new TypeError("vium cannot make this " + (vIsArray(o) ? "array" : typeof o) + " non-extensible yet");
    vDefine(o, NOT_EXTENSIBLE);
    return o;
  },
  isExtensible(o) {
    return isExtensibleObject(o);
  },
  hasOwn(o, k) {
    return hasOwn(o, k);
  },
  keys(o) {
    requireObjectCoercible(o);
    return vKeys(o);
  },
  values(o) {
    const keys = vKeys(o);
    const out = [];
    for (let i = 0; i < keys.length; i++) out.push(o[keys[i]]);
    return out;
  },
  entries(o) {
    const keys = vKeys(o);
    const out = [];
    for (let i = 0; i < keys.length; i++) out.push([keys[i], o[keys[i]]]);
    return out;
  },
  assign(target, ...sources) {
    for (let j = 0; j < sources.length; j++) {
      const src = sources[j];
      if (src === undefined || src === null) continue;
      const keys = vKeys(src);
      for (let i = 0; i < keys.length; i++) target[keys[i]] = src[keys[i]];
    }
    return target;
  },
  fromEntries(entries) {
    const out = {};
    for (const e of entries) out[e[0]] = e[1];
    return out;
  },
  is(a, b) {
    if (a === b) return a !== 0 || 1 / a === 1 / b;
    return a !== a && b !== b;
  },
});

vmExport(MATH, {
  floor(x) {
    return floorOf(x);
  },
  ceil(x) {
    return ceilOf(x);
  },
  round(x) {
    x = +x;
    if (!finite(x)) return x;
    const f = floorOf(x);
    const r = x - f >= 0.5 ? f + 1 : f;
    return r === 0 && (x < 0 || isNegativeZero(x)) ? -0 : r;
  },
  trunc(x) {
    return truncate(x);
  },
  abs(x) {
    x = +x;
    return x <= 0 ? 0 - x : x;
  },
  sign(x) {
    x = +x;
    return x > 0 ? 1 : x < 0 ? -1 : x;
  },
  min(...values) {
    let r = Infinity;
    let nan = false;
    for (let i = 0; i < values.length; i++) {
      const v = +values[i];
      if (v !== v) nan = true;
      else if (v < r || (v === 0 && r === 0 && isNegativeZero(v))) r = v;
    }
    return nan ? NaN : r;
  },
  max(...values) {
    let r = -Infinity;
    let nan = false;
    for (let i = 0; i < values.length; i++) {
      const v = +values[i];
      if (v !== v) nan = true;
      else if (v > r || (v === 0 && r === 0 && isNegativeZero(r))) r = v;
    }
    return nan ? NaN : r;
  },
  sqrt(x) {
    return vSqrt(x);
  },
  pow(x, y) {
    return (+x) ** +y;
  },
  // Int32 operations only, so that they hold where int32 arithmetic wraps.
  clz32(x) {
    let n = x | 0;
    if (n === 0) return 32;
    let c = 0;
    while (n > 0) {
      n = n << 1;
      c++;
    }
    return c;
  },
  imul(a, b) {
    a = a | 0;
    b = b | 0;
    const al = a & 0xffff;
    const bl = b & 0xffff;
    const mid = ((a >>> 16) * bl + al * (b >>> 16)) << 16;
    return (al * bl + mid) | 0;
  },
  fround(x) {
    return roundToFloat32(x);
  },
  hypot(...values) {
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      const v = +values[i];
      if (v === Infinity || v === -Infinity) return Infinity;
      sum += v * v;
    }
    return vSqrt(sum);
  },
  PI: 3.141592653589793,
  E: 2.718281828459045,
  LN2: 0.6931471805599453,
  LN10: 2.302585092994046,
  LOG2E: 1.4426950408889634,
  LOG10E: 0.4342944819032518,
  SQRT2: 1.4142135623730951,
  SQRT1_2: 0.7071067811865476,
});

vmExport(JSON_OBJECT, {
  stringify(value, replacer, space) {
    return jsonStringify(value, space);
  },
  parse(text) {
    return jsonParse(text);
  },
});

vmExport(REFLECT, {
  // Own string keys; arrays also have their non-enumerable `length`.
  ownKeys(target) {
    if (typeof target !== "object" && typeof target !== "function") {
      throw new TypeError("Reflect.ownKeys called on non-object");
    }
    return ownNames(target);
  },
});

// ---------------------------------------------------------------------------
// Promises and async functions, as ECMAScript specifies them (so that jobs
// run in the order Node runs them). The VM keeps the job queue
// (`vEnqueue(f, a, b)` queues `f(a, b)`; the host drains it) and suspends
// and resumes the frames of async functions; everything else is here. The
// exports below are visible to every module: `Promise` by name, the
// `__async*` helpers to the code the compiler emits for async functions.

const vEnqueue = __vium.enqueue;

const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;

// Passed to the constructor to make a pending promise without resolving
// functions (promises the library resolves itself).
function internalExecutor() {}

class Promise {
  constructor(executor) {
    this._state = PENDING;
    this._value = undefined;
    this._reactions = [];
    if (executor === internalExecutor) return;
    if (typeof executor !== "function") {
      throw new TypeError("Promise resolver " + describe(executor) + " is not a function");
    }
    const r = resolvingFunctions(this);
    try {
      executor(r[0], r[1]);
    } catch (e) {
      r[1](e);
    }
  }

  then(onFulfilled, onRejected) {
    const derived = new Promise(internalExecutor);
    addReaction(this, [derived, onFulfilled, onRejected]);
    return derived;
  }

  catch(onRejected) {
    return this.then(undefined, onRejected);
  }

  finally(onFinally) {
    if (typeof onFinally !== "function") return this.then(onFinally, onFinally);
    return this.then(
      (value) => promiseResolve(onFinally()).then(() => value),
      (reason) =>
        promiseResolve(onFinally()).then(() => {
          throw reason;
        }),
    );
  }

  static resolve(value) {
    return promiseResolve(value);
  }

  static reject(reason) {
    const p = new Promise(internalExecutor);
    settle(p, REJECTED, reason);
    return p;
  }

  static all(items) {
    return combine(items, ALL);
  }

  static allSettled(items) {
    return combine(items, ALL_SETTLED);
  }

  static any(items) {
    return combine(items, ANY);
  }

  static race(items) {
    const result = new Promise(internalExecutor);
    const r = resolvingFunctions(result);
    for (const item of items) promiseResolve(item).then(r[0], r[1]);
    return result;
  }
}

function describe(v) {
  if (typeof v === "object" && v !== null) return "#<Object>";
  return "" + v;
}

// CreateResolvingFunctions: the pair handed to executors and thenables;
// only the first call of either counts.
function resolvingFunctions(p) {
  let done = false;
  return [
    (value) => {
      if (done) return;
      done = true;
      resolvePromise(p, value);
    },
    (reason) => {
      if (done) return;
      done = true;
      settle(p, REJECTED, reason);
    },
  ];
}

// The steps of a promise's resolve function: thenables are adopted in a
// later job.
function resolvePromise(p, value) {
  if (value === p) {
    settle(p, REJECTED, new TypeError("Chaining cycle detected for promise #<Promise>"));
    return;
  }
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    settle(p, FULFILLED, value);
    return;
  }
  let then;
  try {
    then = value.then;
  } catch (e) {
    settle(p, REJECTED, e);
    return;
  }
  if (typeof then !== "function") {
    settle(p, FULFILLED, value);
    return;
  }
  vEnqueue(thenableJob, p, value);
}

function thenableJob(p, thenable) {
  const r = resolvingFunctions(p);
  try {
    thenable.then(r[0], r[1]);
  } catch (e) {
    r[1](e);
  }
}

function settle(p, state, value) {
  if (p._state !== PENDING) return;
  const reactions = p._reactions;
  p._state = state;
  p._value = value;
  p._reactions = undefined;
  for (let i = 0; i < reactions.length; i++) queueReaction(reactions[i], state, value);
}

// A reaction is `[derived, onFulfilled, onRejected]`; `derived` is
// undefined for an `await`, whose handlers are the suspended frame.
function addReaction(p, reaction) {
  if (p._state === PENDING) {
    const list = p._reactions;
    list[list.length] = reaction;
  } else {
    queueReaction(reaction, p._state, p._value);
  }
}

function queueReaction(reaction, state, value) {
  vEnqueue(state === FULFILLED ? fulfilledJob : rejectedJob, reaction, value);
}

function fulfilledJob(reaction, value) {
  runReaction(reaction, reaction[1], value, false);
}

function rejectedJob(reaction, value) {
  runReaction(reaction, reaction[2], value, true);
}

function runReaction(reaction, handler, value, rejected) {
  const derived = reaction[0];
  if (derived === undefined) {
    // Resumes an async function: the value is pushed, or thrown into it.
    handler(value, rejected);
    return;
  }
  if (typeof handler !== "function") {
    if (rejected) settle(derived, REJECTED, value);
    else resolvePromise(derived, value);
    return;
  }
  let result;
  try {
    result = handler(value);
  } catch (e) {
    settle(derived, REJECTED, e);
    return;
  }
  resolvePromise(derived, result);
}

// PromiseResolve(%Promise%, value).
function promiseResolve(value) {
  if (value instanceof Promise) return value;
  const p = new Promise(internalExecutor);
  resolvePromise(p, value);
  return p;
}

const ALL = 0;
const ALL_SETTLED = 1;
const ANY = 2;

// Promise.all, allSettled and any: one result slot per item, settled when
// the last item is in (or at the first rejection for `all`, the first
// fulfilment for `any`).
function combine(items, kind) {
  const result = new Promise(internalExecutor);
  const r = resolvingFunctions(result);
  const values = [];
  let remaining = 1;
  let index = 0;
  const finish = () => {
    if (kind === ANY) {
      const e = new Error("All promises were rejected");
      e.errors = values;
      r[1](e);
    } else {
      r[0](values);
    }
  };
  for (const item of items) {
    const i = index;
    index++;
    values[i] = undefined;
    remaining++;
    let called = false;
    const element = (kind, fulfilled) => (v) => {
      if (called) return;
      called = true;
      if (kind === ALL_SETTLED) {
        values[i] = fulfilled ? { status: "fulfilled", value: v } : { status: "rejected", reason: v };
      } else {
        values[i] = v;
      }
      remaining--;
      if (remaining === 0) finish();
    };
    const p = promiseResolve(item);
    if (kind === ALL) p.then(element(ALL, true), r[1]);
    else if (kind === ALL_SETTLED) p.then(element(ALL_SETTLED, true), element(ALL_SETTLED, false));
    else p.then(r[0], element(ANY, false));
  }
  remaining--;
  if (remaining === 0) finish();
  return result;
}

function queueMicrotask(callback) {
  if (typeof callback !== "function") {
    throw new TypeError("The \"callback\" argument must be of type function");
  }
  vEnqueue(callback);
}

// The code the compiler emits for an async function calls these. The
// settling helpers take the value as `this` (one temporary fewer in every
// async function).
function asyncStart() {
  return new Promise(internalExecutor);
}

function asyncReturn(p) {
  resolvePromise(p, this);
  return p;
}

function asyncThrow(p) {
  settle(p, REJECTED, this);
  return p;
}

// `await value`: `resume(result, isThrow)` continues the suspended frame.
function awaitValue(value, resume) {
  addReaction(promiseResolve(value), [undefined, resume, resume]);
}

vmExport(PROMISE_CLASS, Promise);

// ---------------------------------------------------------------------------
// Map and Set, as ECMAScript specifies them. Keys are found by searching the
// entries in order (SameValueZero), without hashing: a lookup costs time in
// proportion to the entries before it (BENCHMARKS.md has the figures).
//
// A collection keeps its entries in a record, its own property
// "[[Entries]]": [keys, values, size, next]. A Set's values are its keys
// (one array), which is also how the two are told apart. `delete`
// overwrites a key with `deletedKey`, so that iterators and `forEach`, which
// hold an index into the record, keep their place and skip it; new entries
// go at the end, where they are visited too. When deleted slots outnumber
// the live entries, and on `clear`, the collection moves to a fresh record
// and the old one's `next` points to it: an iterator that finds its record
// replaced moves to the fresh one, at the first entry it has not visited
// (after `clear`, at the start).

// What `delete` leaves in place of a key: a function only the library holds.
function deletedKey() {}

// `Symbol.iterator`, read once at build time. Code that reads
// `x[ITERATOR]` does not name the symbol, so the snapshot does not keep the
// array and string iterators for it: `eachOf` walks arrays, Uint8Arrays and
// strings itself, and only other values through their iterator.
const ITERATOR = Symbol.iterator;

// Calls `f(x)` for each element x of `iterable`: arrays and Uint8Arrays by
// index, strings by code point, anything else through its
// `[Symbol.iterator]` (a TypeError when it has none).
function eachOf(iterable, f) {
  if (vIsArray(iterable) || vType(iterable) === 14) {
    for (let i = 0; i < iterable.length; i++) f(iterable[i]);
    return;
  }
  if (typeof iterable === "string") {
    // By code unit, comparing them as strings (no string native, so that
    // the image needs no engine feature for it): a lead surrogate (U+D800
    // to U+DBFF) and a trail one (U+DC00 to U+DFFF) make one code point.
    const n = iterable.length;
    for (let i = 0; i < n; ) {
      let c = iterable[i++];
      if (c >= "\ud800" && c < "\udc00" && i < n) {
        const d = iterable[i];
        if (d >= "\udc00" && d < "\ue000") {
          c += d;
          i++;
        }
      }
      f(c);
    }
    return;
  }
  const make = iterable[ITERATOR];
  if (typeof make !== "function") throw new TypeError(describe(iterable) + " is not iterable");
  const it = __vium.apply(make, iterable, []);
  for (let step = it.next(); !step.done; step = it.next()) f(step.value);
}

// The record of `o`, a Set (isSet) or a Map; a TypeError for anything else.
function recordOf(o, isSet) {
  const r = isObjectLike(o) ? o["[[Entries]]"] : undefined;
  if (!vIsArray(r) || (r[0] === r[1]) !== isSet) {
    throw new TypeError(describe(o) + (isSet ? " is not a Set" : " is not a Map"));
  }
  return r;
}

// The index of `key` among `keys` by SameValueZero (NaN finds NaN, -0
// finds 0), or -1.
function indexOfKey(keys, key) {
  const n = keys.length;
  if (key === key) {
    for (let i = 0; i < n; i++) if (keys[i] === key) return i;
  } else {
    for (let i = 0; i < n; i++) if (keys[i] !== keys[i]) return i;
  }
  return -1;
}

// Appends an entry that is not there yet; -0 is stored as 0.
function addEntry(r, key, value) {
  const keys = r[0];
  keys.push(key === 0 ? 0 : key);
  if (r[1] !== keys) r[1].push(value);
  r[2]++;
}

// Moves collection `o` from record `r` to a fresh one, with `r`'s live
// entries (keep) or none (clear). `r` keeps only what its iterators need:
// its keys, to count the live entries before their index, or none.
function renewRecord(o, r, keep) {
  const keys = r[0];
  const values = r[1];
  const k = [];
  const v = values === keys ? k : [];
  if (keep) {
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === deletedKey) continue;
      k.push(keys[i]);
      if (v !== k) v.push(values[i]);
    }
  } else {
    r[0] = undefined;
  }
  const fresh = [k, v, keep ? r[2] : 0, undefined];
  r[1] = undefined;
  r[3] = fresh;
  o["[[Entries]]"] = fresh;
}

function deleteEntry(o, r, key) {
  const keys = r[0];
  const i = indexOfKey(keys, key);
  if (i < 0) return false;
  keys[i] = deletedKey;
  if (r[1] !== keys) r[1][i] = undefined;
  const live = --r[2];
  const dead = keys.length - live;
  if (dead >= 8 && dead > live) renewRecord(o, r, true);
  return true;
}

// A cursor [record, index] moves to the next live entry: its index in the
// cursor's (current) record, or -1 at the end.
function advance(c) {
  let r = c[0];
  let i = c[1];
  while (r[3] !== undefined) {
    // The collection moved on: count the live entries already passed.
    const keys = r[0];
    let live = 0;
    if (keys !== undefined) for (let j = 0; j < i; j++) if (keys[j] !== deletedKey) live++;
    i = live;
    r = r[3];
  }
  const keys = r[0];
  while (i < keys.length && keys[i] === deletedKey) i++;
  c[0] = r;
  c[1] = i + 1;
  return i < keys.length ? i : -1;
}

// An iterator over record `r`'s keys (kind 0), values (1) or [key, value]
// pairs (2). Once done it stays done.
function entryIterator(r, kind) {
  let c = [r, 0];
  const it = {
    next() {
      const i = c === undefined ? -1 : advance(c);
      if (i < 0) {
        c = undefined;
        return { value: undefined, done: true };
      }
      const at = c[0];
      const key = at[0][i];
      return { value: kind === 0 ? key : kind === 1 ? at[1][i] : [key, at[1][i]], done: false };
    },
  };
  vProto(it, collectionIterator);
  return it;
}

// The iterators' prototype: iterators are iterable (made at build time, so
// that their code does not name `Symbol.iterator` either).
const collectionIterator = { [Symbol.iterator]: iteratorSelf };

// `forEach`: calls `fn(value, key, o)` with `thisArg` for each entry, in
// order, including entries added meanwhile.
function forEachEntry(o, r, fn, thisArg) {
  callbackCheck(fn);
  const c = [r, 0];
  for (let i = advance(c); i >= 0; i = advance(c)) {
    const at = c[0];
    if (thisArg === undefined) fn(at[1][i], at[0][i], o);
    else __vium.apply(fn, thisArg, [at[1][i], at[0][i], o]);
  }
}

class Map {
  constructor(entries) {
    this["[[Entries]]"] = [[], [], 0, undefined];
    if (entries === undefined || entries === null) return;
    callbackCheck(this.set);
    eachOf(entries, (e) => {
      if (!isObjectLike(e)) throw new TypeError("Iterator value " + describe(e) + " is not an entry object");
      this.set(e[0], e[1]);
    });
  }

  get(key) {
    const r = recordOf(this, false);
    const i = indexOfKey(r[0], key);
    return i < 0 ? undefined : r[1][i];
  }

  set(key, value) {
    const r = recordOf(this, false);
    const i = indexOfKey(r[0], key);
    if (i < 0) addEntry(r, key, value);
    else r[1][i] = value;
    return this;
  }

  has(key) {
    return indexOfKey(recordOf(this, false)[0], key) >= 0;
  }

  delete(key) {
    return deleteEntry(this, recordOf(this, false), key);
  }

  clear() {
    renewRecord(this, recordOf(this, false), false);
  }

  get size() {
    return recordOf(this, false)[2];
  }

  forEach(fn, thisArg) {
    forEachEntry(this, recordOf(this, false), fn, thisArg);
  }

  keys() {
    return entryIterator(recordOf(this, false), 0);
  }

  values() {
    return entryIterator(recordOf(this, false), 1);
  }

  entries() {
    return entryIterator(recordOf(this, false), 2);
  }
}

Map.prototype[Symbol.iterator] = Map.prototype.entries;

class Set {
  constructor(values) {
    const keys = [];
    this["[[Entries]]"] = [keys, keys, 0, undefined];
    if (values === undefined || values === null) return;
    callbackCheck(this.add);
    eachOf(values, (v) => this.add(v));
  }

  add(value) {
    const r = recordOf(this, true);
    if (indexOfKey(r[0], value) < 0) addEntry(r, value, value);
    return this;
  }

  has(value) {
    return indexOfKey(recordOf(this, true)[0], value) >= 0;
  }

  delete(value) {
    return deleteEntry(this, recordOf(this, true), value);
  }

  clear() {
    renewRecord(this, recordOf(this, true), false);
  }

  get size() {
    return recordOf(this, true)[2];
  }

  forEach(fn, thisArg) {
    forEachEntry(this, recordOf(this, true), fn, thisArg);
  }

  values() {
    return entryIterator(recordOf(this, true), 1);
  }

  entries() {
    return entryIterator(recordOf(this, true), 2);
  }
}

Set.prototype.keys = Set.prototype.values;
Set.prototype[Symbol.iterator] = Set.prototype.values;

// ---------------------------------------------------------------------------
// Spread and rest: what `[...x]`, `f(...x)`, `{...x}` and rest patterns
// compile to.

// Appends the elements of an iterable to an array: arrays by index, any
// other iterable (strings by code point) through its iterator.
function spreadInto(array, iterable) {
  if (vIsArray(iterable)) {
    const n = iterable.length;
    for (let i = 0; i < n; i++) array.push(iterable[i]);
    return array;
  }
  for (const x of iterable) array.push(x);
  return array;
}

// Copies the own enumerable properties of `source` onto `target` as data
// properties (getters of the source run; setters of the target do not).
function copyProps(target, source) {
  if (source === undefined || source === null) return target;
  const keys = vKeys(source);
  const n = keys.length;
  for (let i = 0; i < n; i++) vDefine(target, keys[i], source[keys[i]]);
  return target;
}

// ---------------------------------------------------------------------------
// console.log: Node's inspection format, to a fixed depth, written piece by
// piece (no line is built, so lines have no length limit).

// A key shown bare: an identifier-like name (letters, digits, _ and $, not
// starting with a digit); integer keys are quoted, as Node shows them. (Characters compared as
// strings: `console.log` then needs no string native, so an image that
// logs runs on an engine without the `strings` feature.)
function bareKey(k) {
  if (typeof k === "number") return false;
  const n = k.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = k[i];
    const letter = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c === "$";
    if (!letter && !(i > 0 && c >= "0" && c <= "9")) return false;
  }
  return true;
}

// What `console.log` shows for an accessor property with these halves
// (1 getter, 2 setter).
function accessorName(halves) {
  if (halves === 3) return "[Getter/Setter]";
  return halves === 1 ? "[Getter]" : "[Setter]";
}

function inspect(v, depth) {
  const t = typeof v;
  if (t === "string") {
    if (depth > 0) {
      vPrint("'");
      vPrint(v);
      return vPrint("'");
    }
    return vPrint(v);
  }
  if (t === "function") return vPrint("[Function (anonymous)]");
  if (t === "number") return vPrint(v === 0 && 1 / v < 0 ? "-0" : "" + v);
  if (v === null || t !== "object") return vPrint("" + v);
  if (v instanceof Error) {
    const m = v.message;
    return vPrint(typeof m === "string" && m !== "" ? "" + v.name + ": " + m : "" + v.name);
  }
  const type = vType(v);
  if (type === 14) {
    const n = v.length;
    vPrint("Uint8Array(" + n + ") [");
    for (let i = 0; i < n; i++) vPrint((i > 0 ? ", " : " ") + v[i]);
    return vPrint(n > 0 ? " ]" : "]");
  }
  if (vIsArray(v)) {
    const n = v.length;
    if (n === 0) return vPrint("[]");
    if (depth > 2) return vPrint("[Array]");
    vPrint("[ ");
    for (let i = 0; i < n; i++) {
      if (i > 0) vPrint(", ");
      if (i in v) {
        inspectNested(v[i], depth + 1);
        continue;
      }
      // A run of holes shows as Node shows it: `<2 empty items>`.
      let holes = 1;
      while (i + 1 < n && !(i + 1 in v)) {
        holes++;
        i++;
      }
      vPrint("<" + holes + (holes === 1 ? " empty item>" : " empty items>"));
    }
    return vPrint(" ]");
  }
  if (type !== 6) return vPrint("[object]");
  const own = vOwn(v);
  const n = own.length;
  let shown = 0;
  // Integer keys first, ascending, as JavaScript orders them.
  const order = [];
  // (An insertion sort written out: Array.prototype.sort would add its
  // code to every image that logs an object.)
  for (let i = 0; i < n; i += 3) {
    if (typeof own[i] !== "number") continue;
    let j = order.length;
    order.push(i);
    for (; j > 0 && own[order[j - 1]] > own[i]; j--) order[j] = order[j - 1];
    order[j] = i;
  }
  for (let i = 0; i < n; i += 3) if (typeof own[i] !== "number") order.push(i);
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const bits = own[i + 2];
    if (bits & (HIDDEN << 2)) continue;
    if (shown > 0) vPrint(", ");
    else if (depth > 2) return vPrint("[Object]");
    else vPrint("{ ");
    shown++;
    const k = own[i];
    vPrint(bareKey(k) ? "" + k : "'" + k + "'");
    vPrint(": ");
    if (bits & 3) vPrint(accessorName(bits & 3));
    else inspectNested(own[i + 1], depth + 1);
  }
  return vPrint(shown === 0 ? "{}" : " }");
}

// What `inspect` shows the values inside arrays and objects with: itself,
// or `inspectCollections` once `logCollections` has run. In a program that
// names neither Map nor Set nothing reachable assigns it, so the image holds
// `inspect` in its place, as if `inspect` called itself.
let inspectNested = inspect;

function log(...args) {
  const n = args.length;
  for (let i = 0; i < n; i++) {
    if (i > 0) vPrint(" ");
    inspectNested(args[i], 0);
  }
  vPrint("\n");
}

// Map and Set as Node shows them (`Map(1) { 1 => 2 }`, `Set(2) { 1, 2 }`),
// anything else as `inspect` does.
function inspectCollections(v, depth) {
  const r = isObjectLike(v) ? v["[[Entries]]"] : undefined;
  if (!vIsArray(r)) return inspect(v, depth);
  const isSet = r[0] === r[1];
  if (r[2] === 0) return vPrint(isSet ? "Set(0) {}" : "Map(0) {}");
  if (depth > 2) return vPrint(isSet ? "[Set]" : "[Map]");
  vPrint((isSet ? "Set(" : "Map(") + r[2] + ") {");
  const keys = r[0];
  let sep = " ";
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === deletedKey) continue;
    vPrint(sep);
    sep = ", ";
    inspectCollections(keys[i], depth + 1);
    if (isSet) continue;
    vPrint(" => ");
    inspectCollections(r[1][i], depth + 1);
  }
  return vPrint(" }");
}

// `console.log` in a program that names Map or Set (the compiler picks it
// then): the inspector that knows them, for the arguments and what they
// contain. Only such a program can hold a Map or a Set, so no other pays
// for it.
function logCollections(...args) {
  inspectNested = inspectCollections;
  __vium.apply(log, undefined, args);
}

// `console.log` of arguments that are all strings, which the compiler
// proves from their form (literals, templates, `"…" + x`): nothing to
// inspect, so a script that only logs text carries this instead of `log`.
function logText(...args) {
  const n = args.length;
  for (let i = 0; i < n; i++) {
    if (i > 0) vPrint(" ");
    vPrint(args[i]);
  }
  vPrint("\n");
}

vmExport(CONSOLE, { log: log });

// ---------------------------------------------------------------------------
// The global object: what scripts store in `globalThis.NAME`, which any
// module can then read or write as the free identifier `NAME`. The builtins
// are not properties of it: the compiler resolves `globalThis.Math` and the
// like to the builtins themselves.
const globalObject = {};

export {
  globalObject as globalThis,
  isNaNGlobal as isNaN,
  parseIntGlobal as parseInt,
  isFiniteGlobal as isFinite,
  BooleanGlobal as Boolean,
  Promise,
  Map,
  Set,
  queueMicrotask,
  asyncStart as __asyncStart,
  asyncReturn as __asyncReturn,
  asyncThrow as __asyncThrow,
  awaitValue as __await,
  spreadInto as __spread,
  forInKeys as __forInKeys,
  copyProps as __copyProps,
  log as __log,
  logCollections as __logCollections,
  logText as __logText,
};
