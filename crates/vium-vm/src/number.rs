//! Number ↔ text, exactly as JavaScript defines it (`Number::toString`,
//! `toFixed`, `toPrecision`, `toExponential`, `StringToNumber`, `parseFloat`),
//! and C's `fmod` (JavaScript's `%` on doubles). Owns no VM state.
//!
//! One small bignum (`Big`, 1152 bits of 16-bit limbs: u32 arithmetic only,
//! no tables, no 64-bit division) serves every conversion, exactly:
//!
//! - Printing generates the decimal digits of `r / s` one at a time (Steele &
//!   White, Burger & Dybvig): the shortest digits that read back as the same
//!   double, closest to it (ties to an even digit, as V8), or a counted number
//!   of digits rounded half up (`toFixed`, `toPrecision`, `toExponential`).
//! - Parsing takes a first guess from the leading 19 digits (exact when those
//!   digits and the power of ten are exact doubles, Clinger's fast path), then
//!   corrects it a step at a time by generating the exact decimal digits of the
//!   halfway point between the guess and its neighbour and comparing them with
//!   the input's digits (Gay's "bigcomp"): round to nearest, ties to even,
//!   for any number of digits and any exponent.
//!
//! Without the `float` feature there are only [`format_int`] and the integer
//! parser [`parse_js_int`], in integer code (no float arithmetic).

#[cfg(feature = "float")]
use crate::float::F64;
#[cfg(feature = "float")]
use core::cmp::Ordering::{self, Equal, Greater, Less};

#[cfg(feature = "float")]
/// The int32 that the binary64 number with these bits is exactly (`-0`,
/// NaN, fractions and larger magnitudes are none), in integer code.
pub(crate) fn exact_i32(bits: u64) -> Option<i32> {
    let exp = (bits >> 52 & 0x7FF) as u32;
    if bits << 1 == 0 {
        return (bits == 0).then_some(0);
    }
    // |value| = 1.mantissa × 2^(exp - 1023): an int32 needs 0 <= shift <= 31
    // and no bits below the point.
    let shift = exp.wrapping_sub(1023);
    if shift > 31 {
        return None;
    }
    let m = bits & ((1 << 52) - 1) | 1 << 52;
    if m << (12 + shift) != 0 {
        return None;
    }
    let magnitude = (m >> (52 - shift)) as u32;
    let negative = (bits >> 63) as u32;
    // Up to 2^31 - 1, or 2^31 when negative.
    (magnitude <= i32::MAX as u32 + negative)
        .then_some((magnitude as i32).wrapping_mul(1 - 2 * negative as i32))
}

/// The text of a number, held inline; the longest is `(-1e20).toFixed(100)`
/// (123 bytes).
pub struct NumText {
    buf: [u8; 128],
    len: usize,
}

impl NumText {
    /// The text (ASCII).
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
    fn new() -> NumText {
        NumText {
            buf: [0; 128],
            len: 0,
        }
    }
    fn push(&mut self, b: u8) {
        if let Some(c) = self.buf.get_mut(self.len) {
            *c = b;
            self.len += 1;
        }
    }
    #[cfg(feature = "float")]
    fn push_all(&mut self, s: &[u8]) {
        for &b in s {
            self.push(b);
        }
    }
    /// Appends the decimal digits of `n` (long division of 16-bit pieces by
    /// 10: no 64-bit division).
    fn push_u64(&mut self, n: u64) {
        let mut limbs = [
            n as u16,
            (n >> 16) as u16,
            (n >> 32) as u16,
            (n >> 48) as u16,
        ];
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            let mut rem = 0u32;
            for l in limbs.iter_mut().rev() {
                let cur = rem << 16 | *l as u32;
                *l = (cur / 10) as u16;
                rem = cur % 10;
            }
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + rem as u8;
            }
            if limbs == [0; 4] || at == 0 {
                break;
            }
        }
        for &d in digits.get(at..).unwrap_or(&[]) {
            self.push(d);
        }
    }
}

/// Decimal text of an integer.
pub fn format_int(i: i64) -> NumText {
    let mut t = NumText::new();
    if i < 0 {
        t.push(b'-');
    }
    t.push_u64(i.unsigned_abs());
    t
}

// ---------------------------------------------------------------------------
// Scanning (shared by the float and integer parsers)

/// Length of the JavaScript white space or line terminator that `b` starts
/// with (WTF-8), or 0.
fn ws_len(b: &[u8]) -> usize {
    match b {
        [9..=13 | b' ', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..]
        | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

/// The index of the first byte at or after `i` that is not white space.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        let n = ws_len(b.get(i..).unwrap_or(&[]));
        if n == 0 {
            return i;
        }
        i += n;
    }
}

/// The value of a digit in radixes up to 36 (`0-9`, `a-z`, `A-Z`), else 99.
fn digit_val(c: Option<&u8>) -> u32 {
    let Some(&c) = c else { return 99 };
    let l = c | 0x20;
    if c.is_ascii_digit() {
        (c - b'0') as u32
    } else if l.is_ascii_lowercase() {
        (l - b'a' + 10) as u32
    } else {
        99
    }
}

/// The radix a `0x`/`0o`/`0b` prefix letter names, or 0.
fn prefix_radix(c: Option<&u8>) -> u32 {
    match c.map(|c| c | 0x20) {
        Some(b'x') => 16,
        Some(b'o') => 8,
        Some(b'b') => 2,
        _ => 0,
    }
}

/// `StringToNumber` for builds without floats: the value when it is an
/// integer in the int32 range (`-0` gives 0), `None` otherwise (NaN, a
/// fraction, an exponent, too large). Accepts surrounding white space, a sign
/// before decimal digits, and `0x`/`0o`/`0b` digits; white space alone is 0.
pub fn parse_js_int(b: &[u8]) -> Option<i32> {
    let mut i = skip_ws(b, 0);
    if i == b.len() {
        return Some(0);
    }
    let neg = b.get(i) == Some(&b'-');
    let mut radix = 10;
    if neg || b.get(i) == Some(&b'+') {
        i += 1;
    } else if b.get(i) == Some(&b'0') && prefix_radix(b.get(i + 1)) != 0 {
        radix = prefix_radix(b.get(i + 1));
        i += 2;
    }
    let start = i;
    let mut v: u32 = 0;
    loop {
        let d = digit_val(b.get(i));
        if d >= radix {
            break;
        }
        v = v.checked_mul(radix)?.checked_add(d)?;
        i += 1;
    }
    if i == start || skip_ws(b, i) != b.len() || v > i32::MAX as u32 + neg as u32 {
        return None;
    }
    Some(if neg {
        (v as i32).wrapping_neg()
    } else {
        v as i32
    })
}

// ---------------------------------------------------------------------------
// The bignum

#[cfg(feature = "float")]
const LIMBS: usize = 72;

/// An unsigned integer below 2^1152: little-endian 16-bit limbs, of which
/// those from `n` on are zero. The largest value any conversion makes is
/// below 2^1090 (a subnormal's halfway point scaled by 10^324, or 2^1075
/// times ten).
#[cfg(feature = "float")]
#[derive(Clone)]
struct Big {
    l: [u16; LIMBS],
    n: usize,
}

#[cfg(feature = "float")]
impl Big {
    /// `v × 2^shift`.
    fn new(mut v: u64, shift: u32) -> Big {
        let mut b = Big {
            l: [0; LIMBS],
            n: (shift / 16) as usize,
        };
        let mut carry = 0;
        for l in b.l.iter_mut().skip(b.n).take(5) {
            let t = (v as u16 as u32) << (shift % 16) | carry;
            *l = t as u16;
            carry = t >> 16;
            v >>= 16;
        }
        b.n = (b.n + 5).min(LIMBS);
        b
    }
    /// `self × m`, for `m` < 2^16.
    fn mul_small(&mut self, m: u32) {
        let mut carry = 0;
        for l in self.l.iter_mut().take(self.n) {
            let t = *l as u32 * m + carry;
            *l = t as u16;
            carry = t >> 16;
        }
        self.push(carry);
    }
    /// Appends a top limb (if not 0).
    fn push(&mut self, carry: u32) {
        if carry != 0 {
            if let Some(l) = self.l.get_mut(self.n) {
                *l = carry as u16;
                self.n += 1;
            }
        }
    }
    /// `self × 10^n`, a limb-sized power at a time.
    fn mul_pow10(&mut self, mut n: u32) {
        while n > 0 {
            let mut m = 1;
            while n > 0 && m < 10_000 {
                m *= 10;
                n -= 1;
            }
            self.mul_small(m);
        }
    }
    fn add(&mut self, o: &Big) {
        let mut carry = 0;
        self.n = self.n.max(o.n);
        for (a, b) in self.l.iter_mut().zip(o.l.iter()).take(self.n) {
            let t = *a as u32 + *b as u32 + carry;
            *a = t as u16;
            carry = t >> 16;
        }
        self.push(carry);
    }
    /// `self - o`, for `o <= self`.
    fn sub(&mut self, o: &Big) {
        let mut borrow = 0;
        for (a, b) in self.l.iter_mut().zip(o.l.iter()).take(self.n) {
            let t = (*a as u32).wrapping_sub(*b as u32 + borrow);
            *a = t as u16;
            borrow = t >> 31;
        }
    }
    fn cmp(&self, o: &Big) -> Ordering {
        let n = self.n.max(o.n);
        for (a, b) in self.l.iter().zip(o.l.iter()).take(n).rev() {
            if a != b {
                return if a > b { Greater } else { Less };
            }
        }
        Equal
    }
    fn is_zero(&self) -> bool {
        self.l.iter().take(self.n).all(|&l| l == 0)
    }
}

// ---------------------------------------------------------------------------
// Digit generation

/// The decimal digits of a positive value `f × 2^e`: the value is
/// `r / s × 10^k` with `r < s`, so each next digit is `⌊10r / s⌋`. For the
/// shortest digits, `m / s` is half the gap to the next lower double and
/// `(m << up) / s` half the gap to the next higher one.
#[cfg(feature = "float")]
struct Gen {
    r: Big,
    s: Big,
    m: Big,
    k: i32,
    up: u32,
    /// The bounds themselves read back as the value (its significand is even).
    even: bool,
}

#[cfg(feature = "float")]
impl Gen {
    fn new(f: u64, e: i32, shortest: bool) -> Gen {
        // The gap below a power of two is half the gap above, except at the
        // smallest exponent.
        let up = (shortest && f == 1 << 52 && e > -1074) as u32;
        let sh = if shortest { 1 + up } else { 0 };
        let (pe, ne) = (e.max(0) as u32, (-e).max(0) as u32);
        let mut g = Gen {
            r: Big::new(f, pe + sh),
            s: Big::new(1, ne + sh),
            m: Big::new(shortest as u64, if shortest { pe } else { 0 }),
            k: 0,
            up,
            even: !shortest || f & 1 == 0,
        };
        // k ≤ ⌊log10 v⌋ + 1 from the binary exponent (78913 / 2^18 is just
        // below log10 2); the loop below raises it to the exact value.
        let k = ((63 - f.leading_zeros() as i32 + e) * 78913) >> 18;
        if k >= 0 {
            g.s.mul_pow10(k as u32);
        } else {
            g.r.mul_pow10(k.unsigned_abs());
            g.m.mul_pow10(k.unsigned_abs());
        }
        g.k = k;
        while g.high() {
            g.s.mul_small(10);
            g.k += 1;
        }
        g
    }
    fn past(&self, o: Ordering) -> bool {
        o == Greater || (o == Equal && self.even)
    }
    /// The value rounded up to the digits so far reads back as the double
    /// (for counted digits, where `m` is 0: `r >= s`).
    fn high(&self) -> bool {
        let mut t = self.m.clone();
        t.mul_small(1 << self.up);
        t.add(&self.r);
        self.past(t.cmp(&self.s))
    }
    /// The digits so far (rounded down) read back as the double.
    fn low(&self) -> bool {
        self.past(self.m.cmp(&self.r))
    }
    /// The next digit (ASCII).
    fn digit(&mut self) -> u8 {
        self.r.mul_small(10);
        self.m.mul_small(10);
        let mut d = b'0';
        while self.r.cmp(&self.s) != Less {
            self.r.sub(&self.s);
            d += 1;
        }
        d
    }
    /// The rest after the digits so far, compared with one half.
    fn half(&self) -> Ordering {
        let mut t = self.r.clone();
        t.mul_small(2);
        t.cmp(&self.s)
    }
}

#[cfg(feature = "float")]
const CAP: usize = 124;

#[cfg(feature = "float")]
const INF_BITS: u64 = 0x7FF << 52;

/// ASCII digits `d[..n]` with the value `0.d × 10^k`.
#[cfg(feature = "float")]
struct Digits {
    d: [u8; CAP],
    n: usize,
    k: i32,
}

#[cfg(feature = "float")]
impl Digits {
    /// The digit at `i` (0 is the first), `0` outside the digits.
    fn at(&self, i: i32) -> u8 {
        match self.d.get(i as usize) {
            Some(&c) if i >= 0 && (i as usize) < self.n => c,
            _ => b'0',
        }
    }
    fn push(&mut self, c: u8) {
        if let Some(slot) = self.d.get_mut(self.n) {
            *slot = c;
            self.n += 1;
        }
    }
    /// Adds one unit in the last digit (`999` becomes `100` with `k` + 1).
    fn round_up(&mut self) {
        let mut i = self.n;
        while i > 0 {
            i -= 1;
            match self.d.get_mut(i) {
                Some(c) if *c == b'9' => *c = b'0',
                Some(c) => {
                    *c += 1;
                    return;
                }
                None => return,
            }
        }
        if let Some(c) = self.d.first_mut() {
            *c = b'1';
        }
        self.k += 1;
        self.n = self.n.max(1);
    }
}

#[cfg(feature = "float")]
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// The fewest digits that read back as the value.
    Shortest,
    /// This many significant digits, rounded half up.
    Precision(u8),
    /// This many digits after the point, rounded half up.
    Fixed(u8),
}

/// `f × 2^e` of a finite double's bits (sign ignored), `f` < 2^53.
#[cfg(feature = "float")]
fn decode(bits: u64) -> (u64, i32) {
    let be = (bits >> 52) as i32 & 0x7FF;
    let frac = bits & ((1 << 52) - 1);
    if be == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, be - 1075)
    }
}

/// The decimal digits of a finite `x` >= 0. Zero has all-zero digits and
/// `k` = 1.
#[cfg(feature = "float")]
fn digits(x: f64, mode: Mode) -> Digits {
    let mut out = Digits {
        d: [b'0'; CAP],
        n: 0,
        k: 1,
    };
    let (f, e) = decode(x.to_bits());
    let n = match mode {
        Mode::Shortest => 1,
        Mode::Precision(p) => p as i32,
        Mode::Fixed(d) => d as i32 + 1,
    };
    if f == 0 {
        out.n = n as usize;
        return out;
    }
    let shortest = mode == Mode::Shortest;
    let mut g = Gen::new(f, e, shortest);
    out.k = g.k;
    let n = match mode {
        Mode::Shortest => CAP as i32,
        Mode::Fixed(d) => g.k + d as i32,
        _ => n,
    };
    if n < 0 {
        // Below a tenth of the last place: rounds to zero.
        out.k = 1;
        return out;
    }
    while (out.n as i32) < n {
        let c = g.digit();
        out.push(c);
        if shortest {
            let (low, high) = (g.low(), g.high());
            if low || high {
                // Both roundings read back: the closer one, ties to even.
                if high
                    && (!low
                        || match g.half() {
                            Less => false,
                            Greater => true,
                            Equal => c & 1 == 1,
                        })
                {
                    out.round_up();
                }
                return out;
            }
        }
    }
    if g.half() != Less {
        out.round_up();
    }
    out
}

/// `x` in `mode`'s digits: in exponent notation when `exp` says so or the
/// mode's rule does (`toString`: below 1e-6 or from 1e21 on; `toPrecision(p)`:
/// below 1e-6 or from 10^p on, once rounded), else positional. `toFixed` of
/// NaN, infinities and magnitudes from 1e21 on is `toString`.
#[cfg(feature = "float")]
fn format(x: f64, mode: Mode, exp: bool) -> NumText {
    let bits = x.to_bits();
    let mag = bits << 1;
    if matches!(mode, Mode::Fixed(_)) && mag >= 1e21f64.to_bits() << 1 {
        return format(x, Mode::Shortest, false);
    }
    let mut t = NumText::new();
    if bits >> 63 != 0 && mag != 0 && mag <= INF_BITS << 1 {
        t.push(b'-');
    }
    if mag >= INF_BITS << 1 {
        t.push_all(if mag == INF_BITS << 1 {
            b"Infinity"
        } else {
            b"NaN"
        });
        return t;
    }
    let g = digits(f64::from_bits(mag >> 1), mode);
    let k = g.k;
    let (exp, frac) = match mode {
        Mode::Shortest => (exp || k <= -6 || k > 21, 0),
        Mode::Precision(p) => (exp || k < -5 || k > p as i32, 0),
        Mode::Fixed(d) => (false, d as i32),
    };
    if exp {
        // d.ddde±x
        t.push(g.at(0));
        if g.n > 1 {
            t.push(b'.');
            for i in 1..g.n as i32 {
                t.push(g.at(i));
            }
        }
        t.push(b'e');
        t.push(if k < 1 { b'-' } else { b'+' });
        t.push_u64((k - 1).unsigned_abs() as u64);
    } else {
        // 0.d × 10^k without an exponent, at least `frac` digits after the point.
        if k <= 0 {
            t.push(b'0');
        }
        for i in 0..k {
            t.push(g.at(i));
        }
        let nf = frac.max(g.n as i32 - k);
        if nf > 0 {
            t.push(b'.');
            for i in 0..nf {
                t.push(g.at(k + i));
            }
        }
    }
    t
}

/// JavaScript's `Number::toString(x)` (radix 10; so `-0` is `"0"`).
#[cfg(feature = "float")]
pub fn format_f64(x: f64) -> NumText {
    format(x, Mode::Shortest, false)
}

/// `x.toFixed(digits)` (`digits` at most 100); values that are not finite
/// or at least 1e21 in magnitude print as `toString` does.
#[cfg(feature = "float")]
pub fn format_fixed(x: f64, digits: u8) -> NumText {
    format(x, Mode::Fixed(digits.min(100)), false)
}

/// `x.toPrecision(p)` (`p` is clamped to 1..=100).
#[cfg(feature = "float")]
pub fn format_precision(x: f64, p: u8) -> NumText {
    format(x, Mode::Precision(p.clamp(1, 100)), false)
}

/// `x.toExponential(d)`: `d` digits after the point (at most 100), or as
/// many as needed to read back as `x` for `None`.
#[cfg(feature = "float")]
pub fn format_exponential(x: f64, d: Option<u8>) -> NumText {
    let mode = match d {
        Some(d) => Mode::Precision(d.min(100) + 1),
        None => Mode::Shortest,
    };
    format(x, mode, true)
}

// ---------------------------------------------------------------------------
// Parsing

/// `m × 2^e` (e >= 0) rounded to nearest, ties to even; `sticky` says there
/// are nonzero bits below `m`'s last. (Integer code: no float operations.)
#[cfg(feature = "float")]
fn int_to_f64(m: u64, e: i32, sticky: bool) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let lz = m.leading_zeros();
    let m = m << lz;
    let mut q = m >> 11;
    let rest = m & 0x7FF;
    if rest > 0x400 || (rest == 0x400 && (sticky || q & 1 == 1)) {
        q += 1;
    }
    let exp = e + 63 - lz as i32;
    if exp > 1023 {
        return f64::from_bits(0x7FF << 52);
    }
    // q's leading bit (or its carry to 2^53) lands in the exponent field.
    f64::from_bits(
        (((exp + 1022) as u64) << 52)
            .wrapping_add(q)
            .min(0x7FF << 52),
    )
}

/// `v × 10^p`, each step an exact power of ten (a guess: a few units in the
/// last place off at worst).
#[cfg(feature = "float")]
fn scale(v: f64, mut p: i32) -> f64 {
    let mut v = F64::from_f64(v);
    while p != 0 {
        let k = p.unsigned_abs().min(22);
        let mut t = F64::ONE;
        for _ in 0..k {
            t = t * F64::from_i32(10);
        }
        if p < 0 {
            v = v / t;
            p += k as i32;
        } else {
            v = v * t;
            p -= k as i32;
        }
    }
    v.to_f64()
}

/// The input `0.digits × 10^k` compared with the point halfway between the
/// double `bits` and the next larger one.
#[cfg(feature = "float")]
fn cmp_halfway(digits: &[u8], k: i32, bits: u64) -> Ordering {
    let (f, e) = decode(bits);
    let mut g = Gen::new(2 * f + 1, e - 1, false);
    if k != g.k {
        return k.cmp(&g.k);
    }
    for &c in digits.iter().filter(|&&c| c != b'.') {
        if g.r.is_zero() {
            if c != b'0' {
                return Greater;
            }
            continue;
        }
        let h = g.digit();
        if c != h {
            return c.cmp(&h);
        }
    }
    if g.r.is_zero() {
        Equal
    } else {
        Less
    }
}

/// The unsigned decimal literal at the start of `b`, as long as it goes:
/// digits with an optional `.` and exponent (only digits when `int`). Its
/// nearest double (ties to even) and length; None without digits.
#[cfg(feature = "float")]
fn decimal(b: &[u8], int: bool) -> Option<(f64, usize)> {
    // nd digits, `point` of them before the point, the first nonzero one is
    // number `first` at b[start]; w holds up to 19 digits from it, `exact`
    // says the digits after those are zeros.
    let (mut i, mut nd, mut point, mut first, mut start) = (0, 0i32, -1i32, -1i32, 0);
    let (mut w, mut used, mut exact) = (0u64, 0i32, true);
    loop {
        match b.get(i) {
            Some(&c @ b'0'..=b'9') => {
                let d = c - b'0';
                if first < 0 && d != 0 {
                    first = nd;
                    start = i;
                }
                if first >= 0 {
                    if used < 19 {
                        w = w * 10 + d as u64;
                        used += 1;
                    } else if d != 0 {
                        exact = false;
                    }
                }
                nd += 1;
            }
            Some(b'.') if point < 0 && !int => point = nd,
            _ => break,
        }
        i += 1;
    }
    if nd == 0 {
        return None;
    }
    let digits = b.get(start..i).unwrap_or(&[]);
    let mut exp = 0i32;
    if let (Some(b'e' | b'E'), false) = (b.get(i), int) {
        let mut j = i + 1;
        let neg = b.get(j) == Some(&b'-');
        if neg || b.get(j) == Some(&b'+') {
            j += 1;
        }
        let at = j;
        while let Some(c @ b'0'..=b'9') = b.get(j) {
            // Clamped: far beyond any double, and far beyond any text's length.
            if exp < 100_000_000 {
                exp = exp * 10 + (c - b'0') as i32;
            }
            j += 1;
        }
        if j > at {
            i = j;
            if neg {
                exp = -exp;
            }
        }
    }
    if first < 0 {
        return Some((0.0, i));
    }
    if point < 0 {
        point = nd;
    }
    // The value is 0.D × 10^k, D the digits from the first nonzero one.
    let k = (point - first).saturating_add(exp);
    if k > 310 {
        return Some((f64::INFINITY, i));
    }
    if k < -323 {
        return Some((0.0, i));
    }
    let p = k - used;
    let guess = scale(int_to_f64(w, 0, false), p);
    if exact && w <= 1 << 53 && (-22..=22).contains(&p) {
        // Exact: w and 10^|p| are doubles, and one operation rounds.
        return Some((guess, i));
    }
    // Step to the double whose halfway points bracket the input (a tie
    // goes to the even one).
    let mut bits = guess.to_bits();
    let beyond =
        |c: Ordering, side: Ordering, bits: u64| c == side || (c == Equal && bits & 1 == 1);
    let guess = bits;
    while bits < INF_BITS && beyond(cmp_halfway(digits, k, bits), Greater, bits) {
        bits += 1;
    }
    if bits == guess {
        while bits > 0 && beyond(cmp_halfway(digits, k, bits - 1), Less, bits) {
            bits -= 1;
        }
    }
    Some((f64::from_bits(bits), i))
}

/// The value of the digits of `radix` (not 10) starting at `b[i]`, and
/// where they end. Exact (nearest, ties to even) for powers of two; other
/// radixes accumulate as V8 does (32-bit chunks folded in with one multiply
/// and one add in doubles), to give the same values as Node.
#[cfg(feature = "float")]
fn radix_digits(b: &[u8], mut i: usize, radix: u32) -> (f64, usize) {
    while b.get(i) == Some(&b'0') {
        i += 1;
    }
    let start = i;
    while digit_val(b.get(i)) < radix {
        i += 1;
    }
    let ds = b.get(start..i).unwrap_or(&[]);
    if radix & (radix - 1) == 0 {
        let sh = radix.trailing_zeros();
        let (mut m, mut e, mut sticky) = (0u64, 0i32, false);
        for c in ds {
            let d = digit_val(Some(c)) as u64;
            if m >> 58 == 0 {
                m = m << sh | d;
            } else {
                e += sh as i32;
                sticky |= d != 0;
            }
        }
        return (int_to_f64(m, e, sticky), i);
    }
    let mut v = F64::ZERO;
    let mut j = 0;
    while j < ds.len() {
        let (mut part, mut mult) = (0u32, 1u32);
        while let Some(c) = ds.get(j) {
            let m = mult * radix;
            if m > u32::MAX / 36 {
                break;
            }
            part = part * radix + digit_val(Some(c));
            mult = m;
            j += 1;
        }
        v = v * F64::from_parts(mult as u64, 0) + F64::from_parts(part as u64, 0);
    }
    (v.to_f64(), i)
}

/// A StrDecimalLiteral (optional sign, then `Infinity` or a decimal literal)
/// at the start of `b`, as long as it goes: its value and length.
#[cfg(feature = "float")]
fn decimal_prefix(b: &[u8]) -> Option<(f64, usize)> {
    let neg = b.first() == Some(&b'-');
    let i = (neg || b.first() == Some(&b'+')) as usize;
    let rest = b.get(i..).unwrap_or(&[]);
    let (v, n) = if rest.starts_with(b"Infinity") {
        (f64::INFINITY, 8)
    } else {
        decimal(rest, false)?
    };
    Some((if neg { -v } else { v }, i + n))
}

/// JavaScript's `StringToNumber` on WTF-8 text: surrounding white space is
/// ignored, white space alone is 0, `0x`/`0o`/`0b` digits (no sign),
/// `Infinity` and decimal literals with an optional sign; anything else NaN.
#[cfg(feature = "float")]
pub fn parse_js_number(b: &[u8]) -> f64 {
    let b = b.get(skip_ws(b, 0)..).unwrap_or(&[]);
    if b.is_empty() {
        return 0.0;
    }
    let radix = prefix_radix(b.get(1));
    let (v, n) = if b.first() == Some(&b'0') && radix != 0 {
        match radix_digits(b, 2, radix) {
            (_, 2) => return f64::NAN,
            r => r,
        }
    } else {
        match decimal_prefix(b) {
            Some(r) => r,
            None => return f64::NAN,
        }
    };
    if skip_ws(b, n) == b.len() {
        v
    } else {
        f64::NAN
    }
}

/// JavaScript's `parseFloat`: the longest decimal literal (or `Infinity`)
/// after leading white space, NaN when there is none.
#[cfg(feature = "float")]
pub fn parse_float_prefix(b: &[u8]) -> f64 {
    let b = b.get(skip_ws(b, 0)..).unwrap_or(&[]);
    decimal_prefix(b).map_or(f64::NAN, |(v, _)| v)
}

/// C's `fmod(x, y)`: `x - n × y` for the integer `n` that truncates `x / y`,
/// exactly (the sign of `x`); NaN when `x` is infinite or `y` is 0 or either
/// is NaN. Binary long division on the bits (as musl does).
#[cfg(feature = "float")]
pub fn fmod(x: f64, y: f64) -> f64 {
    let (mut ux, mut uy) = (x.to_bits(), y.to_bits());
    let mut ex = (ux >> 52 & 0x7FF) as i32;
    let mut ey = (uy >> 52 & 0x7FF) as i32;
    let sx = ux & 1 << 63;
    let zero = f64::from_bits(sx);
    if uy << 1 == 0 || uy << 1 > 0x7FF << 53 || ex == 0x7FF {
        return f64::NAN;
    }
    if ux << 1 <= uy << 1 {
        return if ux << 1 == uy << 1 { zero } else { x };
    }
    // Significands with the leading bit at 52 (subnormals shifted up).
    for (u, e) in [(&mut ux, &mut ex), (&mut uy, &mut ey)] {
        if *e == 0 {
            let mut i = *u << 12;
            while i >> 63 == 0 {
                *e -= 1;
                i <<= 1;
            }
            *u <<= (1 - *e) as u32;
        } else {
            *u &= u64::MAX >> 12;
            *u |= 1 << 52;
        }
    }
    loop {
        let i = ux.wrapping_sub(uy);
        if i >> 63 == 0 {
            if i == 0 {
                return zero;
            }
            ux = i;
        }
        if ex <= ey {
            break;
        }
        ux <<= 1;
        ex -= 1;
    }
    while ux >> 52 == 0 {
        ux <<= 1;
        ex -= 1;
    }
    if ex > 0 {
        ux -= 1 << 52;
        ux |= (ex as u64) << 52;
    } else {
        ux >>= (1 - ex) as u32;
    }
    f64::from_bits(ux | sx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;

    fn s(t: NumText) -> String {
        String::from_utf8(t.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn formats_integers() {
        assert_eq!(s(format_int(0)), "0");
        assert_eq!(s(format_int(-8193)), "-8193");
        assert_eq!(s(format_int(4294967296)), "4294967296");
        assert_eq!(s(format_int(i64::MAX)), "9223372036854775807");
        assert_eq!(s(format_int(i64::MIN)), "-9223372036854775808");
    }

    #[test]
    fn parses_int32_text() {
        assert_eq!(parse_js_int(b" 42 "), Some(42));
        assert_eq!(parse_js_int(b""), Some(0));
        assert_eq!(parse_js_int(b" \t\n"), Some(0));
        assert_eq!(parse_js_int(b"-0"), Some(0));
        assert_eq!(parse_js_int(b"+7"), Some(7));
        assert_eq!(parse_js_int(b"007"), Some(7));
        assert_eq!(parse_js_int(b"-2147483648"), Some(i32::MIN));
        assert_eq!(parse_js_int(b"2147483647"), Some(i32::MAX));
        assert_eq!(parse_js_int(b"2147483648"), None);
        assert_eq!(parse_js_int(b"99999999999999999999"), None);
        assert_eq!(parse_js_int(b"0x7fffffff"), Some(i32::MAX));
        assert_eq!(parse_js_int(b"0X1f"), Some(31));
        assert_eq!(parse_js_int(b"0x80000000"), None);
        assert_eq!(parse_js_int(b"0b101"), Some(5));
        assert_eq!(parse_js_int(b"0o17"), Some(15));
        assert_eq!(parse_js_int("\u{a0}5\u{feff}\u{2028}".as_bytes()), Some(5));
        for nan in [
            "-0x1", "0x", "0b2", "1.5", "1e3", "abc", "Infinity", "1 2", "-", "\u{85}1",
        ] {
            assert_eq!(parse_js_int(nan.as_bytes()), None, "{nan}");
        }
    }

    #[cfg(feature = "float")]
    #[test]
    fn formats_like_javascript() {
        let cases: &[(f64, &str)] = &[
            (0.1 + 0.2, "0.30000000000000004"),
            (0.0, "0"),
            (-0.0, "0"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1e-7, "1e-7"),
            (-1e-7, "-1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (123e-20, "1.23e-18"),
            (123456789012.0, "123456789012"),
            (9007199254740992.0, "9007199254740992"),
            (4294967295.0, "4294967295"),
            (-1.5, "-1.5"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            // Two shortest candidates equally close: the even digit.
            ((1u64 << 50) as f64 + 0.25, "1125899906842624.2"),
        ];
        for &(x, text) in cases {
            assert_eq!(s(format_f64(x)), text, "{x:e}");
        }
    }

    #[cfg(feature = "float")]
    #[test]
    fn formats_fixed_like_javascript() {
        let cases: &[(f64, u8, &str)] = &[
            (1.005, 2, "1.00"),
            (0.5, 0, "1"),
            (2.5, 0, "3"),
            (1.45, 1, "1.4"),
            (-0.0, 2, "0.00"),
            (-1e-10, 2, "-0.00"),
            (0.000001, 7, "0.0000010"),
            (9.995, 2, "9.99"),
            (0.05, 1, "0.1"),
            (999.9999, 2, "1000.00"),
            (0.0005, 3, "0.001"),
            (123.456, 0, "123"),
            (5e-324, 2, "0.00"),
            (1e21, 2, "1e+21"),
            (f64::NAN, 2, "NaN"),
            (f64::NEG_INFINITY, 0, "-Infinity"),
        ];
        for &(x, d, text) in cases {
            assert_eq!(s(format_fixed(x, d)), text, "({x:e}).toFixed({d})");
        }
        let long = s(format_fixed(1e20, 100));
        assert_eq!(long.len(), 122);
        assert!(long.starts_with("100000000000000000000.000"));
        assert_eq!(s(format_fixed(-1e20, 100)).len(), 123);
        assert_eq!(s(format_fixed(-9.99e20, 100)).len(), 123);
    }

    #[cfg(feature = "float")]
    #[test]
    fn formats_precision_and_exponential_like_javascript() {
        let cases: &[(f64, u8, &str)] = &[
            (123.456, 2, "1.2e+2"),
            (0.000001234, 2, "0.0000012"),
            (1e-7, 1, "1e-7"),
            (0.0, 3, "0.00"),
            (123.0, 3, "123"),
            (-1.5, 1, "-2"),
            (99.99, 3, "100"),
            (1e21, 22, "1000000000000000000000"),
            (f64::INFINITY, 5, "Infinity"),
        ];
        for &(x, p, text) in cases {
            assert_eq!(s(format_precision(x, p)), text, "({x:e}).toPrecision({p})");
        }
        let cases: &[(f64, Option<u8>, &str)] = &[
            (0.0, None, "0e+0"),
            (0.0, Some(2), "0.00e+0"),
            (123456.0, Some(2), "1.23e+5"),
            (1.5, None, "1.5e+0"),
            (-0.00015, Some(0), "-1e-4"),
            (9.96, Some(1), "1.0e+1"),
            (f64::NAN, None, "NaN"),
        ];
        for &(x, d, text) in cases {
            assert_eq!(
                s(format_exponential(x, d)),
                text,
                "({x:e}).toExponential({d:?})"
            );
        }
    }

    #[cfg(feature = "float")]
    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[cfg(feature = "float")]
    #[test]
    fn parses_like_javascript() {
        let cases: &[(&str, f64)] = &[
            ("  42 ", 42.0),
            ("", 0.0),
            ("\u{a0}\u{feff} \u{2028}", 0.0),
            ("0x1F", 31.0),
            ("0o17", 15.0),
            ("0B101", 5.0),
            ("-Infinity", f64::NEG_INFINITY),
            ("+Infinity", f64::INFINITY),
            ("1e3", 1000.0),
            ("1E-3", 0.001),
            (".5", 0.5),
            ("5.", 5.0),
            (".5e1", 5.0),
            ("+1", 1.0),
            ("-0", -0.0),
            ("0.1", 0.1),
            ("1e400", f64::INFINITY),
            ("-1e400", f64::NEG_INFINITY),
            ("1e-400", 0.0),
            ("2.4703282292062328e-324", 5e-324),
            ("2.4703282292062327e-324", 0.0),
            ("1.7976931348623158e308", f64::MAX),
            ("1.7976931348623159e308", f64::INFINITY),
            ("9007199254740993", 9007199254740992.0),
            (
                "9007199254740993.000000000000000000000000001",
                9007199254740994.0,
            ),
            ("0x20000000000001", 9007199254740992.0),
            ("0x20000000000003", 9007199254740996.0),
            ("0x20000000000001000000001", 6.189700196426903e26),
            ("inf", f64::NAN),
            ("infinity", f64::NAN),
            ("nan", f64::NAN),
            ("12px", f64::NAN),
            ("--1", f64::NAN),
            ("-0x10", f64::NAN),
            ("0x", f64::NAN),
            (".", f64::NAN),
            ("1e", f64::NAN),
            ("1_000", f64::NAN),
            ("1 2", f64::NAN),
            ("\u{85}1", f64::NAN),
        ];
        for &(text, v) in cases {
            assert!(
                same(parse_js_number(text.as_bytes()), v),
                "Number({text:?})"
            );
        }
        // Hundreds of digits: 0.1 written with 400 more zeros and a 1.
        let mut long = std::string::String::from("0.1");
        long.extend(core::iter::repeat_n('0', 400));
        long.push('1');
        assert!(same(parse_js_number(long.as_bytes()), 0.1));
    }

    #[cfg(feature = "float")]
    #[test]
    fn parses_prefixes_like_javascript() {
        let cases: &[(&str, f64)] = &[
            ("2.75abc", 2.75),
            ("  -.5e-3x", -0.0005),
            ("1e", 1.0),
            ("1e+", 1.0),
            ("Infinityx", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("0x10", 0.0),
            ("-0", -0.0),
            (".", f64::NAN),
            ("abc", f64::NAN),
            ("", f64::NAN),
        ];
        for &(text, v) in cases {
            assert!(
                same(parse_float_prefix(text.as_bytes()), v),
                "parseFloat({text:?})"
            );
        }
    }

    #[cfg(feature = "float")]
    #[test]
    fn fmod_is_exact() {
        let vals = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            5.5,
            -5.5,
            2.0,
            3.0,
            0.1,
            0.3,
            1e300,
            1e-300,
            5e-324,
            1.5e-323,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::from_bits((1 << 52) - 1),
            f64::INFINITY,
            f64::NAN,
        ];
        for &x in &vals {
            for &y in &vals {
                for (x, y) in [(x, y), (-x, y), (x, -y)] {
                    // Rust's `%` on f64 is C's fmod.
                    assert!(same(fmod(x, y), x % y), "{x:e} % {y:e}");
                }
            }
        }
    }
}
