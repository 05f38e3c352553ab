//! Number ↔ text, exactly as JavaScript's `Number::toString` and
//! `StringToNumber` define them, without `core::fmt`. Owns no VM state.

/// The text of a number, held inline (the longest JS number text is 25 bytes).
pub struct NumText {
    buf: [u8; 32],
    len: usize,
}

impl NumText {
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    fn from_bytes(b: &[u8]) -> NumText {
        let mut t = NumText {
            buf: [0; 32],
            len: b.len().min(32),
        };
        t.buf[..t.len].copy_from_slice(&b[..t.len]);
        t
    }
}

/// Decimal text of an integer.
pub fn format_int(i: i64) -> NumText {
    let mut digits = [0u8; 24];
    let mut n = i.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    NumText::from_bytes(&digits[at..])
}

/// JavaScript's `Number::toString(f)` (so `-0` is `"0"`).
pub fn format_f64(f: f64) -> NumText {
    if f.is_nan() {
        return NumText::from_bytes(b"NaN");
    }
    if f.is_infinite() {
        return NumText::from_bytes(if f > 0.0 { b"Infinity" } else { b"-Infinity" });
    }
    if f == 0.0 {
        return NumText::from_bytes(b"0");
    }
    if f.abs() < 1e15 && f == (f as i64) as f64 {
        return format_int(f as i64);
    }
    #[cfg(feature = "float")]
    {
        let mut b = ryu_js::Buffer::new();
        NumText::from_bytes(b.format_finite(f).as_bytes())
    }
    #[cfg(not(feature = "float"))]
    {
        // Without float support only integral values exist.
        format_int(f as i64)
    }
}

fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// JavaScript's `StringToNumber`: surrounding white space is ignored, the
/// empty string is 0, `0x`/`0o`/`0b` prefixes, `Infinity`, anything else NaN.
pub fn parse_js_number(bytes: &[u8]) -> f64 {
    let Ok(s) = core::str::from_utf8(bytes) else {
        return f64::NAN;
    };
    let s = s.trim_matches(is_js_whitespace);
    if s.is_empty() {
        return 0.0;
    }
    let radix = match s.get(..2) {
        Some("0x") | Some("0X") => 16,
        Some("0o") | Some("0O") => 8,
        Some("0b") | Some("0B") => 2,
        _ => 10,
    };
    if radix != 10 {
        let digits = &s[2..];
        if digits.is_empty() {
            return f64::NAN;
        }
        let mut v = 0.0f64;
        for c in digits.chars() {
            match c.to_digit(radix) {
                Some(d) => v = v * radix as f64 + d as f64,
                None => return f64::NAN,
            }
        }
        return v;
    }
    let (sign, body) = match s.as_bytes()[0] {
        b'-' => (-1.0, &s[1..]),
        b'+' => (1.0, &s[1..]),
        _ => (1.0, s),
    };
    if body == "Infinity" {
        return sign * f64::INFINITY;
    }
    // Rust's grammar is JS's decimal grammar plus "inf"/"nan" spellings and
    // a sign, all of which were handled or must be refused here.
    let ok = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && body.as_bytes()[0] != b'+'
        && body.as_bytes()[0] != b'-'
        && body != ".";
    if !ok {
        return f64::NAN;
    }
    parse_decimal(body).map_or(f64::NAN, |v| sign * v)
}

#[cfg(feature = "float")]
fn parse_decimal(body: &str) -> Option<f64> {
    body.parse::<f64>().ok()
}

/// Without float support, only integers parse (core's float parser is
/// large); anything else is NaN.
#[cfg(not(feature = "float"))]
fn parse_decimal(body: &str) -> Option<f64> {
    let mut v: f64 = 0.0;
    for b in body.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10.0 + (b - b'0') as f64;
    }
    Some(v)
}

/// A decimal number with an optional sign (what `parseFloat` accepts).
#[cfg_attr(not(feature = "float"), allow(dead_code))]
pub(crate) fn parse_decimal_text(t: &str) -> Option<f64> {
    let (sign, body) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    parse_decimal(body).map(|v| sign * v)
}

// --- interim entry points (replaced by the exact conversion module) ------

/// C's `fmod`.
#[cfg(feature = "float")]
pub fn fmod(x: f64, y: f64) -> f64 {
    x % y
}

/// `toFixed(digits)` for finite `|x| < 1e21`.
#[cfg(feature = "float")]
pub fn format_fixed(x: f64, digits: u8) -> NumText {
    let mut b = ryu_js::Buffer::new();
    NumText::from_bytes(b.format_to_fixed(x, digits).as_bytes())
}

/// `parseFloat`.
#[cfg(feature = "float")]
pub fn parse_float_prefix(b: &[u8]) -> f64 {
    let s = core::str::from_utf8(b).unwrap_or("");
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut best = None;
    while end < bytes.len() && matches!(bytes[end], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
    {
        end += 1;
        let t = &s[..end];
        let body = t.strip_prefix(['+', '-']).unwrap_or(t);
        if !body.is_empty() && !body.starts_with(['+', '-']) && body != "." {
            if let Some(v) = parse_decimal_text(t) {
                best = Some(v);
            }
        }
    }
    if let Some(v) = best {
        return v;
    }
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest.starts_with("Infinity") {
        sign * f64::INFINITY
    } else {
        f64::NAN
    }
}

/// `parseInt(s, radix)` with the radix converted by ToInt32.
#[cfg(feature = "float")]
pub fn parse_int_prefix(b: &[u8], radix: i32) -> f64 {
    let s = core::str::from_utf8(b).unwrap_or("");
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let (sign, mut s) = match s.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut radix = radix as i64;
    if radix == 0 {
        radix = 10;
        if let Some(r) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
            s = r;
            radix = 16;
        }
    } else if radix == 16 {
        s = s
            .strip_prefix("0x")
            .or_else(|| s.strip_prefix("0X"))
            .unwrap_or(s);
    }
    if !(2..=36).contains(&radix) {
        return f64::NAN;
    }
    let mut v = 0.0f64;
    let mut any = false;
    for c in s.chars() {
        match c.to_digit(radix as u32) {
            Some(d) => {
                v = v * radix as f64 + d as f64;
                any = true;
            }
            None => break,
        }
    }
    if any {
        sign * v
    } else {
        f64::NAN
    }
}

/// `StringToNumber` without float support: an int32, or `None` (NaN).
#[cfg(not(feature = "float"))]
pub fn parse_js_int(bytes: &[u8]) -> Option<i32> {
    let v = parse_js_number(bytes);
    if v == (v as i32) as f64 {
        Some(v as i32)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(f: f64) -> std::string::String {
        std::string::String::from_utf8(format_f64(f).as_bytes().to_vec()).unwrap()
    }
    extern crate std;

    #[test]
    fn formats_like_javascript() {
        assert_eq!(fmt(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(fmt(-0.0), "0");
        assert_eq!(fmt(1e21), "1e+21");
        assert_eq!(fmt(1e-7), "1e-7");
        assert_eq!(fmt(123456789012.0), "123456789012");
        assert_eq!(fmt(9007199254740992.0), "9007199254740992");
        assert_eq!(fmt(4294967295.0), "4294967295");
        assert_eq!(fmt(-1.5), "-1.5");
        assert_eq!(fmt(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(format_int(-8193).as_bytes(), b"-8193");
        assert_eq!(format_int(i64::MIN).as_bytes(), b"-9223372036854775808");
    }

    #[test]
    fn parses_like_javascript() {
        assert_eq!(parse_js_number(b"  42 "), 42.0);
        assert_eq!(parse_js_number(b""), 0.0);
        assert_eq!(parse_js_number(b"0x1F"), 31.0);
        assert_eq!(parse_js_number(b"-Infinity"), f64::NEG_INFINITY);
        assert_eq!(parse_js_number(b"1e3"), 1000.0);
        assert_eq!(parse_js_number(b".5"), 0.5);
        assert!(parse_js_number(b"inf").is_nan());
        assert!(parse_js_number(b"12px").is_nan());
        assert!(parse_js_number(b"--1").is_nan());
        assert!(parse_js_number(b"nan").is_nan());
    }
}
