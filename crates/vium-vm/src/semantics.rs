//! What operations mean: JavaScript's conversions, arithmetic, equality,
//! strings, property access, errors and the native builtins, over the heap
//! representation. Never touches frames or the instruction stream.

use crate::format::TypeCode;
use crate::host::{Host, HostCall, HostError, HostValue, ValueKind};
use crate::number::{format_f64, format_int, parse_js_number, NumText};
use crate::ops::Op;
use crate::value::{Value, WellKnown};
use crate::vm::{Fault, Vm, CORRUPT, R};

/// Longest prototype chain followed before giving up (a corrupt cycle).
const MAX_CHAIN: usize = 64;
/// Nesting shown by `console.log` before printing `[Object]`.
const INSPECT_DEPTH: usize = 2;

/// The text of a primitive, without allocating.
enum Text {
    /// A string value (re-read from its position after any allocation).
    Str,
    Num(NumText),
    Static(&'static [u8]),
}

/// Appends bytes to a fixed buffer, dropping what does not fit.
pub(crate) struct MsgBuf {
    buf: [u8; 120],
    len: usize,
}

impl MsgBuf {
    pub(crate) fn new() -> Self {
        MsgBuf {
            buf: [0; 120],
            len: 0,
        }
    }
    pub(crate) fn push(&mut self, b: &[u8]) -> &mut Self {
        let n = b.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&b[..n]);
        self.len += n;
        self
    }
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl<'a> Vm<'a> {
    // --- classification -------------------------------------------------------

    pub(crate) fn kind(&self, v: Value) -> ValueKind {
        if v.is_int() {
            return ValueKind::Number;
        }
        if let Some(w) = v.well_known() {
            return match w {
                WellKnown::Undefined | WellKnown::Hole => ValueKind::Undefined,
                WellKnown::Null => ValueKind::Null,
                WellKnown::True | WellKnown::False => ValueKind::Boolean,
                WellKnown::NaN | WellKnown::NegZero => ValueKind::Number,
                WellKnown::SymbolIterator => ValueKind::Symbol,
                w if w.text().is_some() => ValueKind::String,
                w if w.is_function() => ValueKind::Function,
                _ => ValueKind::Object,
            };
        }
        match self.header(v).map(|h| h.0) {
            Ok(TypeCode::Int32 | TypeCode::Float64) => ValueKind::Number,
            Ok(TypeCode::StrAscii | TypeCode::StrUtf8) => ValueKind::String,
            Ok(TypeCode::HostFunc | TypeCode::Function | TypeCode::Closure | TypeCode::Class) => {
                ValueKind::Function
            }
            Ok(TypeCode::Array) => ValueKind::Array,
            Ok(TypeCode::Bytes) => ValueKind::Uint8Array,
            _ => ValueKind::Object,
        }
    }

    pub(crate) fn type_of_value(&self, v: Value) -> WellKnown {
        match self.kind(v) {
            ValueKind::Undefined => WellKnown::StrUndefined,
            ValueKind::Null | ValueKind::Object | ValueKind::Array | ValueKind::Uint8Array => {
                WellKnown::StrObject
            }
            ValueKind::Boolean => WellKnown::StrBoolean,
            ValueKind::Number => WellKnown::StrNumber,
            ValueKind::String => WellKnown::StrString,
            ValueKind::Function => WellKnown::StrFunction,
            ValueKind::Symbol => WellKnown::StrSymbol,
        }
    }

    pub(crate) fn truthy(&self, v: Value) -> bool {
        if let Some(i) = v.as_int() {
            return i != 0;
        }
        match v.well_known() {
            Some(WellKnown::Undefined | WellKnown::Null | WellKnown::False | WellKnown::NaN)
            | Some(WellKnown::NegZero | WellKnown::EmptyString | WellKnown::Hole) => false,
            Some(_) => true,
            None => match self.header(v) {
                Ok((TypeCode::Float64, _)) => {
                    let n = self.number(v).unwrap_or(0.0);
                    n != 0.0 && !n.is_nan()
                }
                Ok((TypeCode::StrAscii | TypeCode::StrUtf8, size)) => size > 0,
                _ => true,
            },
        }
    }

    // --- numbers ---------------------------------------------------------------

    /// The number `v` holds, if it is a number.
    pub(crate) fn number(&self, v: Value) -> Option<f64> {
        if let Some(i) = v.as_int() {
            return Some(i as f64);
        }
        match v.well_known() {
            Some(WellKnown::NaN) => return Some(f64::NAN),
            Some(WellKnown::NegZero) => return Some(-0.0),
            Some(_) => return None,
            None => {}
        }
        match self.header(v).ok()?.0 {
            TypeCode::Int32 => {
                let p = self.payload(v).ok()?;
                Some(i32::from_le_bytes(p.get(..4)?.try_into().ok()?) as f64)
            }
            TypeCode::Float64 => {
                let p = self.payload(v).ok()?;
                Some(f64::from_le_bytes(p.get(..8)?.try_into().ok()?))
            }
            _ => None,
        }
    }

    /// `ToNumber` for values that need no allocation to convert.
    pub(crate) fn to_number_pure(&self, v: Value) -> R<f64> {
        if let Some(n) = self.number(v) {
            return Ok(n);
        }
        Ok(match v.well_known() {
            Some(WellKnown::Undefined | WellKnown::Hole) => f64::NAN,
            Some(WellKnown::Null | WellKnown::False) => 0.0,
            Some(WellKnown::True) => 1.0,
            _ => match self.string_bytes(v)? {
                Some(b) => parse_js_number(b),
                None => f64::NAN,
            },
        })
    }

    /// A number value: int14 when it fits, else a boxed int32 or float64.
    pub(crate) fn new_number(&mut self, f: f64) -> R<Value> {
        if f.is_nan() {
            return Ok(Value::NAN);
        }
        if f == 0.0 && f.is_sign_negative() {
            return Ok(Value::NEG_ZERO);
        }
        if f >= i32::MIN as f64 && f <= i32::MAX as f64 && f == (f as i32) as f64 {
            return self.new_int(f as i64);
        }
        if !cfg!(feature = "float") {
            return self.throw_range_error("this engine is built without floating-point numbers");
        }
        let v = self.alloc(TypeCode::Float64, 8)?;
        self.write_payload(v, &f.to_le_bytes())?;
        Ok(v)
    }

    pub(crate) fn new_int(&mut self, i: i64) -> R<Value> {
        if let Some(v) = i32::try_from(i).ok().and_then(Value::int) {
            return Ok(v);
        }
        match i32::try_from(i) {
            Ok(i) => {
                let v = self.alloc(TypeCode::Int32, 4)?;
                self.write_payload(v, &i.to_le_bytes())?;
                Ok(v)
            }
            Err(_) => self.new_number(i as f64),
        }
    }

    fn write_payload(&mut self, v: Value, bytes: &[u8]) -> R<()> {
        let at = v.ram_offset() as usize;
        self.heap
            .bytes_mut()
            .get_mut(at..at + bytes.len())
            .ok_or(CORRUPT)?
            .copy_from_slice(bytes);
        Ok(())
    }

    fn to_int32(f: f64) -> i32 {
        to_int32(f)
    }

    /// The binary arithmetic operators, on `[a, b]` at the top of the stack.
    pub(crate) fn arith(&mut self, op: Op) -> R<Value> {
        let (a, b) = (self.top(1)?, self.top(0)?);
        if let (Some(x), Some(y)) = (self.int_of(a), self.int_of(b)) {
            if let Some(r) = Self::int_fast(op, x, y) {
                return self.new_int(r);
            }
        }
        if op == Op::Add && (!self.is_primitive_number_like(a) || !self.is_primitive_number_like(b))
        {
            return self.concat_top();
        }
        let x = self.to_number_pure(a)?;
        let y = self.to_number_pure(b)?;
        let r = match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            Op::Mul => x * y,
            Op::Div => x / y,
            Op::Rem => x % y,
            Op::Pow => js_pow(x, y),
            _ => {
                let (i, j) = (Self::to_int32(x), Self::to_int32(y));
                let s = (j as u32) & 31;
                return match op {
                    Op::BitAnd => self.new_int((i & j) as i64),
                    Op::BitOr => self.new_int((i | j) as i64),
                    Op::BitXor => self.new_int((i ^ j) as i64),
                    Op::Shl => self.new_int(i.wrapping_shl(s) as i64),
                    Op::Shr => self.new_int((i >> s) as i64),
                    Op::UShr => self.new_int(((i as u32) >> s) as i64),
                    _ => Err(CORRUPT),
                };
            }
        };
        self.new_number(r)
    }

    /// Integer results that need no float: `None` when JS semantics need one
    /// (division, `-0`, negative exponents, overflow past i32).
    /// The integer a number value holds (int14 or boxed int32).
    pub(crate) fn int_of(&self, v: Value) -> Option<i32> {
        if let Some(i) = v.as_int() {
            return Some(i);
        }
        if v.is_int() || v.well_known().is_some() || self.header(v).ok()?.0 != TypeCode::Int32 {
            return None;
        }
        let p = self.payload(v).ok()?;
        Some(i32::from_le_bytes(p.get(..4)?.try_into().ok()?))
    }

    /// Integer results. Without the `overflow-checks` feature, integer
    /// arithmetic wraps like C's int32 and never makes `-0` (Microvium's
    /// switch); with it, `None` asks for the float path whenever JavaScript
    /// needs one (division, `-0`, negative exponents, overflow past i32).
    fn int_fast(op: Op, x: i32, y: i32) -> Option<i64> {
        if !cfg!(feature = "overflow-checks") {
            let s = (y as u32) & 31;
            return Some(match op {
                Op::Add => x.wrapping_add(y),
                Op::Sub => x.wrapping_sub(y),
                Op::Mul => x.wrapping_mul(y),
                Op::Rem if y != 0 => x.wrapping_rem(y),
                Op::BitAnd => x & y,
                Op::BitOr => x | y,
                Op::BitXor => x ^ y,
                Op::Shl => x.wrapping_shl(s),
                Op::Shr => x >> s,
                Op::UShr => ((x as u32) >> s) as i32,
                _ => return None,
            } as i64);
        }
        let (x, y) = (x as i64, y as i64);
        let r = match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            Op::Mul => {
                let r = x * y;
                if r == 0 && (x < 0 || y < 0) {
                    return None;
                }
                r
            }
            Op::Rem => {
                if y == 0 || (x < 0 && x % y == 0) {
                    return None;
                }
                x % y
            }
            Op::Pow => {
                if !(0..=62).contains(&y) {
                    return None;
                }
                let mut r: i64 = 1;
                for _ in 0..y {
                    r = r.checked_mul(x).filter(|r| r.abs() <= i32::MAX as i64)?;
                }
                r
            }
            Op::BitAnd => x & y,
            Op::BitOr => x | y,
            Op::BitXor => x ^ y,
            Op::Shl => ((x as i32).wrapping_shl((y as u32) & 31)) as i64,
            Op::Shr => ((x as i32) >> ((y as u32) & 31)) as i64,
            Op::UShr => ((x as i32 as u32) >> ((y as u32) & 31)) as i64,
            _ => return None,
        };
        if r < i32::MIN as i64 || r > i32::MAX as i64 {
            return None;
        }
        Some(r)
    }

    fn is_primitive_number_like(&self, v: Value) -> bool {
        matches!(
            self.kind(v),
            ValueKind::Number | ValueKind::Boolean | ValueKind::Undefined | ValueKind::Null
        )
    }

    pub(crate) fn unary(&mut self, op: Op) -> R<Value> {
        let v = self.top(0)?;
        if let Some(i) = self.int_of(v) {
            match op {
                Op::Neg if !cfg!(feature = "overflow-checks") => {
                    return self.new_int(i.wrapping_neg() as i64)
                }
                Op::Neg if i != 0 => return self.new_int(-(i as i64)),
                Op::ToNumber => return Ok(v),
                Op::BitNot => return self.new_int(!i as i64),
                _ => {}
            }
        }
        let x = self.to_number_pure(v)?;
        match op {
            Op::Neg => self.new_number(-x),
            Op::BitNot => self.new_int(!Self::to_int32(x) as i64),
            _ => self.new_number(x),
        }
    }

    // --- equality and comparison -----------------------------------------------

    pub(crate) fn strict_eq(&self, a: Value, b: Value) -> R<bool> {
        if a == b {
            return Ok(a != Value::NAN && self.number(a).is_none_or(|n| !n.is_nan()));
        }
        if a.is_int() && b.is_int() {
            return Ok(false);
        }
        if let (Some(x), Some(y)) = (self.number(a), self.number(b)) {
            return Ok(x == y);
        }
        if let (Some(x), Some(y)) = (self.string_bytes(a)?, self.string_bytes(b)?) {
            return Ok(x == y);
        }
        Ok(false)
    }

    pub(crate) fn compare(&self, op: Op, a: Value, b: Value) -> R<bool> {
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            return Ok(match op {
                Op::Lt => x < y,
                Op::Le => x <= y,
                Op::Gt => x > y,
                _ => x >= y,
            });
        }
        if let (Some(x), Some(y)) = (self.string_bytes(a)?, self.string_bytes(b)?) {
            // WTF-8 byte order is code point order; JS orders UTF-16 code
            // units, which differs only once a supplementary character is met.
            let o = if x.is_ascii() || y.is_ascii() {
                x.cmp(y)
            } else {
                Utf16Units::new(x).cmp(Utf16Units::new(y))
            };
            return Ok(match op {
                Op::Lt => o.is_lt(),
                Op::Le => o.is_le(),
                Op::Gt => o.is_gt(),
                _ => o.is_ge(),
            });
        }
        let x = self.to_number_pure(a)?;
        let y = self.to_number_pure(b)?;
        Ok(match op {
            Op::Lt => x < y,
            Op::Le => x <= y,
            Op::Gt => x > y,
            _ => x >= y,
        })
    }

    // --- strings ------------------------------------------------------------------

    /// The bytes of a string value (`None` if `v` is not a string).
    pub(crate) fn string_bytes(&self, v: Value) -> R<Option<&[u8]>> {
        if v.is_int() {
            return Ok(None);
        }
        if let Some(w) = v.well_known() {
            return Ok(w.text().map(str::as_bytes));
        }
        match self.header(v)?.0 {
            TypeCode::StrAscii | TypeCode::StrUtf8 => {
                let p = self.payload(v)?;
                // Odd-length strings are padded in their header's size? No: the
                // size is exact, padding lies beyond it.
                Ok(Some(p))
            }
            _ => Ok(None),
        }
    }

    fn is_ascii_string(&self, v: Value) -> bool {
        match v.well_known() {
            Some(_) => true,
            None => matches!(self.header(v), Ok((TypeCode::StrAscii, _))),
        }
    }

    /// A new heap string with these bytes (the empty string is well-known).
    pub(crate) fn new_string(&mut self, bytes: &[u8]) -> R<Value> {
        if bytes.is_empty() {
            return Ok(Value::EMPTY_STRING);
        }
        let ty = if bytes.is_ascii() {
            TypeCode::StrAscii
        } else {
            TypeCode::StrUtf8
        };
        let v = self.alloc(ty, bytes.len())?;
        self.write_payload(v, bytes)?;
        Ok(v)
    }

    fn text_of(&self, v: Value) -> R<Text> {
        if let Some(i) = v.as_int() {
            return Ok(Text::Num(format_int(i as i64)));
        }
        if self.string_bytes(v)?.is_some() {
            return Ok(Text::Str);
        }
        if let Some(n) = self.number(v) {
            return Ok(Text::Num(format_f64(n)));
        }
        Ok(Text::Static(match self.kind(v) {
            ValueKind::Undefined => b"undefined",
            ValueKind::Null => b"null",
            ValueKind::Boolean => {
                if v == Value::TRUE {
                    b"true"
                } else {
                    b"false"
                }
            }
            ValueKind::Function => b"function () { [native code] }",
            ValueKind::Array => b"[array]",
            _ => b"[object Object]",
        }))
    }

    fn text_len(&self, v: Value, t: &Text) -> R<usize> {
        Ok(match t {
            Text::Str => self.string_bytes(v)?.map_or(0, <[u8]>::len),
            Text::Num(n) => n.as_bytes().len(),
            Text::Static(s) => s.len(),
        })
    }

    /// `a + b` where at least one side is not a number: string concatenation.
    fn concat_top(&mut self) -> R<Value> {
        let (a, b) = (self.top(1)?, self.top(0)?);
        let (ta, tb) = (self.text_of(a)?, self.text_of(b)?);
        let (la, lb) = (self.text_len(a, &ta)?, self.text_len(b, &tb)?);
        if la == 0 && matches!(tb, Text::Str) {
            return Ok(b);
        }
        if lb == 0 && matches!(ta, Text::Str) {
            return Ok(a);
        }
        let ascii = (!matches!(ta, Text::Str) || self.is_ascii_string(a))
            && (!matches!(tb, Text::Str) || self.is_ascii_string(b));
        let ty = if ascii {
            TypeCode::StrAscii
        } else {
            TypeCode::StrUtf8
        };
        if la + lb == 0 {
            return Ok(Value::EMPTY_STRING);
        }
        if la + lb > crate::format::MAX_ALLOC_SIZE {
            return self.throw_range_error("Invalid string length");
        }
        let s = self.alloc(ty, la + lb)?;
        let dst = s.ram_offset() as usize;
        // Operands may have moved: re-read them from the stack.
        let (a, b) = (self.top(1)?, self.top(0)?);
        self.copy_text(a, &ta, dst)?;
        self.copy_text(b, &tb, dst + la)?;
        if !ascii && la >= 3 && lb >= 3 {
            // A lone high surrogate meeting a lone low one is one code point.
            self.join_surrogates(s, la - 3, la + 3)?;
        }
        Ok(s)
    }

    /// Rewrites each WTF-8 high surrogate directly followed by a low one
    /// (`ED A0..AF xx ED B0..BF xx`) whose pair starts in `from..to` of the
    /// string `s` as the 4-byte UTF-8 of their code point (WTF-8 never holds
    /// such a pair). `s` must be the newest allocation: it shrinks in place.
    pub(crate) fn join_surrogates(&mut self, s: Value, from: usize, to: usize) -> R<()> {
        if !s.is_ram() {
            return Ok(());
        }
        let (_, size) = self.header(s)?;
        let start = s.ram_offset() as usize;
        if start + size > self.heap.len() {
            return Err(CORRUPT);
        }
        let bytes = &mut self.heap.bytes_mut()[start..start + size];
        let (mut r, mut w) = (0, 0);
        while r < bytes.len() {
            let pair = r >= from
                && r < to
                && r + 6 <= bytes.len()
                && bytes[r] == 0xED
                && (0xA0..=0xAF).contains(&bytes[r + 1])
                && bytes[r + 3] == 0xED
                && (0xB0..=0xBF).contains(&bytes[r + 4]);
            if pair {
                let unit = |k: usize| {
                    0xD000 | ((bytes[k + 1] as u32 & 0x3F) << 6) | (bytes[k + 2] as u32 & 0x3F)
                };
                let cp = 0x10000 + ((unit(r) - 0xD800) << 10) + (unit(r + 3) - 0xDC00);
                bytes[w] = 0xF0 | (cp >> 18) as u8;
                bytes[w + 1] = 0x80 | ((cp >> 12) & 0x3F) as u8;
                bytes[w + 2] = 0x80 | ((cp >> 6) & 0x3F) as u8;
                bytes[w + 3] = 0x80 | (cp & 0x3F) as u8;
                r += 6;
                w += 4;
            } else {
                bytes[w] = bytes[r];
                r += 1;
                w += 1;
            }
        }
        if w < size {
            self.shrink_newest(s, w)?;
        }
        Ok(())
    }

    fn copy_text(&mut self, v: Value, t: &Text, dst: usize) -> R<()> {
        match t {
            Text::Num(n) => self.write_at(dst, n.as_bytes()),
            Text::Static(s) => self.write_at(dst, s),
            Text::Str => {
                if v.is_ram() {
                    let (_, size) = self.header(v)?;
                    let src = v.ram_offset() as usize;
                    if src + size > self.heap.len() || dst + size > self.heap.len() {
                        return Err(CORRUPT);
                    }
                    self.heap.bytes_mut().copy_within(src..src + size, dst);
                    Ok(())
                } else {
                    let bytes: &'a [u8] = match v.well_known() {
                        Some(w) => w.text().map(str::as_bytes).unwrap_or(b""),
                        None => {
                            let off = v.rom_offset().ok_or(CORRUPT)? as usize;
                            let (_, size) = self.header(v)?;
                            self.rom.get(off..off + size).ok_or(CORRUPT)?
                        }
                    };
                    self.write_at(dst, bytes)
                }
            }
        }
    }

    fn write_at(&mut self, dst: usize, bytes: &[u8]) -> R<()> {
        self.heap
            .bytes_mut()
            .get_mut(dst..dst + bytes.len())
            .ok_or(CORRUPT)?
            .copy_from_slice(bytes);
        Ok(())
    }

    /// Length in UTF-16 code units.
    fn string_length(&self, v: Value) -> R<usize> {
        let b = self.string_bytes(v)?.unwrap_or(b"");
        if self.is_ascii_string(v) {
            return Ok(b.len());
        }
        Ok(b.iter()
            .map(|&c| match c {
                0x00..=0x7F | 0xC0..=0xEF => 1,
                0xF0..=0xFF => 2,
                _ => 0,
            })
            .sum())
    }

    /// `s[i]`: the UTF-16 code unit at `i`, as a one-unit string.
    fn string_index(&mut self, s: Value, i: usize) -> R<Value> {
        let b = self.string_bytes(s)?.unwrap_or(b"");
        let mut unit = [0u8; 4];
        let piece: &[u8] = if self.is_ascii_string(s) {
            match b.get(i) {
                Some(c) => {
                    unit[0] = *c;
                    &unit[..1]
                }
                None => return Ok(Value::UNDEFINED),
            }
        } else {
            let mut k = 0;
            let mut at = 0;
            let mut found = None;
            while at < b.len() {
                let c = b[at];
                let len = match c {
                    0xF0..=0xFF => 4,
                    0xE0..=0xEF => 3,
                    0xC0..=0xDF => 2,
                    _ => 1,
                };
                let seq = b.get(at..at + len).ok_or(CORRUPT)?;
                if len == 4 {
                    if i == k || i == k + 1 {
                        // One half of a surrogate pair, encoded as WTF-8.
                        let cp = ((seq[0] as u32 & 7) << 18)
                            | ((seq[1] as u32 & 0x3F) << 12)
                            | ((seq[2] as u32 & 0x3F) << 6)
                            | (seq[3] as u32 & 0x3F);
                        let cp = cp - 0x10000;
                        let half = if i == k {
                            0xD800 + (cp >> 10)
                        } else {
                            0xDC00 + (cp & 0x3FF)
                        };
                        unit[0] = 0xE0 | (half >> 12) as u8;
                        unit[1] = 0x80 | ((half >> 6) & 0x3F) as u8;
                        unit[2] = 0x80 | (half & 0x3F) as u8;
                        found = Some(3);
                        break;
                    }
                    k += 2;
                } else {
                    if i == k {
                        unit[..len].copy_from_slice(seq);
                        found = Some(len);
                        break;
                    }
                    k += 1;
                }
                at += len;
            }
            match found {
                Some(n) => &unit[..n],
                None => return Ok(Value::UNDEFINED),
            }
        };
        let n = piece.len();
        if let Some(w) = WellKnown::string(&unit[..n]) {
            return Ok(w.value());
        }
        self.new_string(&unit[..n])
    }

    // --- objects, arrays, properties ------------------------------------------------

    pub(crate) fn new_object(&mut self, proto: Value) -> R<Value> {
        // The prototype may be a heap object: keep it rooted across the allocation.
        self.push(proto)?;
        let o = self.alloc(TypeCode::Object, 4);
        let proto = self.pop()?;
        let o = o?;
        self.set_slot(o, 0, proto)?;
        self.set_slot(o, 1, Value::NULL)?;
        Ok(o)
    }

    pub(crate) fn new_array(&mut self, cap: usize) -> R<Value> {
        let a = self.alloc(TypeCode::Array, 4)?;
        self.set_slot(a, 0, Value::NULL)?;
        self.set_slot(a, 1, Value::ZERO)?;
        if cap > 0 {
            self.push(a)?;
            let data = self.alloc(TypeCode::FixedArray, 2 * cap);
            let a = self.pop()?;
            let data = data?;
            self.fill_holes(data, 0, cap)?;
            self.set_slot(a, 0, data)?;
            return Ok(a);
        }
        Ok(a)
    }

    fn fill_holes(&mut self, data: Value, from: usize, to: usize) -> R<()> {
        for k in from..to {
            self.set_slot(data, k, Value::UNDEFINED)?;
        }
        Ok(())
    }

    pub(crate) fn array_len(&self, a: Value) -> R<usize> {
        let n = self.slot(a, 1)?.as_int().ok_or(CORRUPT)?;
        usize::try_from(n).map_err(|_| CORRUPT)
    }

    pub(crate) fn array_get(&self, a: Value, i: usize) -> R<Value> {
        if i >= self.array_len(a)? {
            return Ok(Value::UNDEFINED);
        }
        let data = self.slot(a, 0)?;
        let v = self.slot(data, i)?;
        Ok(if v == Value::HOLE {
            Value::UNDEFINED
        } else {
            v
        })
    }

    /// Sets element `i` of the array at stack position `arr_at` to the value
    /// at `val_at`, growing the storage (which may collect).
    fn array_set_at(&mut self, arr_at: usize, i: usize, val_at: usize) -> R<()> {
        let a = self.st(arr_at)?;
        let len = self.array_len(a)?;
        let data = self.slot(a, 0)?;
        let cap = if data == Value::NULL {
            0
        } else {
            self.header(data)?.1 / 2
        };
        if i >= cap {
            // Double, but the last step stops at the largest allocation.
            let largest = crate::format::MAX_ALLOC_SIZE / 2;
            let new_cap = (i + 1).max((cap * 2).min(largest)).max(4);
            if new_cap > largest || i > crate::value::INT14_MAX as usize {
                return self.throw_range_error("Invalid array length");
            }
            let fresh = self.alloc(TypeCode::FixedArray, new_cap * 2)?;
            let a = self.st(arr_at)?;
            let old = self.slot(a, 0)?;
            for k in 0..len.min(cap) {
                let v = self.slot(old, k)?;
                self.set_slot(fresh, k, v)?;
            }
            self.fill_holes(fresh, len.min(cap), new_cap)?;
            self.set_slot(a, 0, fresh)?;
        }
        let a = self.st(arr_at)?;
        let data = self.slot(a, 0)?;
        for k in len..i {
            self.set_slot(data, k, Value::UNDEFINED)?;
        }
        let v = self.st(val_at)?;
        self.set_slot(data, i, v)?;
        if i >= len {
            self.set_slot(a, 1, Value::int((i + 1) as i32).ok_or(CORRUPT)?)?;
        }
        Ok(())
    }

    /// Appends the value at stack position `val_at` to the array at `arr_at`.
    pub(crate) fn array_push_at(&mut self, arr_at: usize, val_at: usize) -> R<usize> {
        let len = self.array_len(self.st(arr_at)?)?;
        self.array_set_at(arr_at, len, val_at)?;
        Ok(len + 1)
    }

    /// Normalises a property key: canonical integer strings and integral
    /// numbers become int14 keys, other numbers and primitives strings.
    pub(crate) fn property_key(&mut self, k: Value) -> R<Value> {
        if k.is_int() {
            return Ok(k);
        }
        if let Some(b) = self.string_bytes(k)? {
            if let Some(i) = canonical_int(b) {
                return Ok(i);
            }
            return Ok(k);
        }
        if let Some(n) = self.number(k) {
            if n == 0.0 {
                return Ok(Value::ZERO);
            }
            let t = format_f64(n);
            return self.new_string(t.as_bytes());
        }
        Ok(match self.kind(k) {
            ValueKind::Undefined => WellKnown::StrUndefined.value(),
            ValueKind::Null => WellKnown::StrNull.value(),
            ValueKind::Boolean if k == Value::TRUE => WellKnown::StrTrue.value(),
            ValueKind::Boolean => WellKnown::StrFalse.value(),
            ValueKind::Symbol => k,
            _ => self.new_string(b"[object Object]")?,
        })
    }

    pub(crate) fn key_eq(&self, a: Value, b: Value) -> R<bool> {
        if a == b {
            return Ok(true);
        }
        if a.is_int() || b.is_int() {
            return Ok(false);
        }
        Ok(self.string_bytes(a)? == self.string_bytes(b)?)
    }

    /// Index of `key` in an object's property list, if present.
    pub(crate) fn find_own(&self, obj: Value, key: Value) -> R<Option<usize>> {
        let props = self.slot(obj, 1)?;
        if props == Value::NULL {
            return Ok(None);
        }
        let n = self.slot(props, 0)?.as_int().ok_or(CORRUPT)? as usize;
        for i in 0..n {
            if self.key_eq(self.slot(props, 1 + 2 * i)?, key)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// `obj[key]` for the VM's own use: an accessor property reads as
    /// undefined (natives never call getters; see `get_property_raw`).
    pub(crate) fn get_property(&mut self, obj: Value, key: Value) -> R<Value> {
        let v = self.get_property_raw(obj, key)?;
        Ok(if self.is_accessor(v) {
            Value::UNDEFINED
        } else {
            v
        })
    }

    /// Whether a property value is an accessor pair: a `FixedArray`
    /// `[getter, setter]` stored as the value (array storage is never a
    /// property value, so the type tells them apart). Always false, without
    /// reading memory, while no accessor exists.
    #[inline]
    pub(crate) fn is_accessor(&self, v: Value) -> bool {
        self.accessors
            && !v.is_int()
            && v.well_known().is_none()
            && matches!(self.header(v), Ok((TypeCode::FixedArray, _)))
    }

    /// `[obj, key, fn]` at `at` (key normalised in place): defines `fn` as
    /// the getter (or setter) of an own accessor property of the object (of
    /// a class's statics), keeping the other half of an existing pair.
    pub(crate) fn define_accessor_at(&mut self, at: usize, setter: bool) -> R<()> {
        let key = self.property_key(self.st(at + 1)?)?;
        self.st_set(at + 1, key)?;
        let target = |vm: &Self| -> R<Option<Value>> {
            let obj = vm.st(at)?;
            Ok(match vm.type_of(obj)? {
                Some(TypeCode::Class) => Some(vm.slot(obj, 1)?),
                Some(TypeCode::Object) => Some(obj),
                _ => None,
            })
        };
        if target(self)?.is_none() {
            return Ok(());
        }
        self.accessors = true;
        let pair = self.alloc(TypeCode::FixedArray, 4)?;
        let target = target(self)?.ok_or(CORRUPT)?;
        let key = self.st(at + 1)?;
        if let Some(i) = self.find_own(target, key)? {
            let props = self.slot(target, 1)?;
            let old = self.slot(props, 2 + 2 * i)?;
            if self.is_accessor(old) {
                for k in 0..2 {
                    let half = self.slot(old, k)?;
                    self.set_slot(pair, k, half)?;
                }
            }
        }
        self.set_slot(pair, setter as usize, self.st(at + 2)?)?;
        // [target, key, pair] above the operands: the stores may allocate.
        let top = self.sp;
        self.push(target)?;
        self.push(key)?;
        self.push(pair)?;
        let r = self.object_set_at(top);
        self.sp = top;
        r
    }

    /// With `[obj, key, v]` at `at` (key normalised): the accessor pair an
    /// assignment must go through, if the object or its prototype chain
    /// holds one for `key` (before any data property of that name).
    pub(crate) fn setter_pair(&self, at: usize) -> R<Option<Value>> {
        if !self.accessors {
            return Ok(None);
        }
        let key = self.st(at + 1)?;
        let mut o = self.st(at)?;
        for _ in 0..MAX_CHAIN {
            match self.type_of(o)? {
                Some(TypeCode::Class) => o = self.slot(o, 1)?,
                Some(TypeCode::Object) => {
                    if let Some(i) = self.find_own(o, key)? {
                        let v = self.slot(self.slot(o, 1)?, 2 + 2 * i)?;
                        return Ok(self.is_accessor(v).then_some(v));
                    }
                    o = self.slot(o, 0)?;
                }
                _ => return Ok(None),
            }
        }
        Ok(None)
    }

    /// Throws the TypeError of assigning a property that has only a getter.
    pub(crate) fn throw_getter_only<T>(&mut self, key: Value) -> R<T> {
        let mut m = MsgBuf::new();
        m.push(b"Cannot set property ");
        self.describe(key, &mut m);
        m.push(b" of #<Object> which has only a getter");
        self.throw_error(WellKnown::TypeError, m.bytes())
    }

    /// `obj[key]` with `key` already normalised by `to_key`; an accessor
    /// property gives its pair (see `is_accessor`), which the interpreter
    /// turns into a call of the getter. Allocates only for string indexing
    /// and errors.
    pub(crate) fn get_property_raw(&mut self, obj: Value, key: Value) -> R<Value> {
        let mut o = obj;
        for _ in 0..MAX_CHAIN {
            if let Some(w) = o.well_known() {
                if let Some(id) = w.members_export() {
                    return self.builtin_member(id, key);
                }
                if w == WellKnown::Intrinsics {
                    return Ok(self.intrinsic(key)?.unwrap_or(Value::UNDEFINED));
                }
                if matches!(w, WellKnown::NaN | WellKnown::NegZero) {
                    return self.builtin_member(crate::builtins::NUMBER_PROTOTYPE, key);
                }
                return match self.well_known_property(w, key)? {
                    Some(v) => Ok(v),
                    None if matches!(
                        w,
                        WellKnown::Undefined | WellKnown::Null | WellKnown::Hole
                    ) =>
                    {
                        self.throw_property_error(b"Cannot read properties of ", o, key)
                    }
                    None if w.text().is_some() => self.string_property(o, key),
                    None => Ok(Value::UNDEFINED),
                };
            }
            if o.is_int() {
                return self.builtin_member(crate::builtins::NUMBER_PROTOTYPE, key);
            }
            match self.header(o)?.0 {
                TypeCode::Object => {
                    if let Some(i) = self.find_own(o, key)? {
                        let props = self.slot(o, 1)?;
                        let v = self.slot(props, 2 + 2 * i)?;
                        #[cfg(feature = "coverage")]
                        self.cover_promise(o, key, v);
                        return Ok(v);
                    }
                    o = self.slot(o, 0)?;
                    if o == Value::NULL {
                        return Ok(Value::UNDEFINED);
                    }
                }
                TypeCode::Array => {
                    if let Some(i) = key.as_int() {
                        return match usize::try_from(i) {
                            Ok(i) => self.array_get(o, i),
                            Err(_) => Ok(Value::UNDEFINED),
                        };
                    }
                    if self.key_eq(key, WellKnown::StrLength.value())? {
                        let n = self.array_len(o)?;
                        return self.new_int(n as i64);
                    }
                    if self.key_eq(key, WellKnown::StrPush.value())? {
                        return Ok(WellKnown::ArrayPush.value());
                    }
                    if key == WellKnown::SymbolIterator.value() {
                        return Ok(WellKnown::Values.value());
                    }
                    return self.builtin_member(crate::builtins::ARRAY_PROTOTYPE, key);
                }
                TypeCode::Class => o = self.slot(o, 1)?,
                TypeCode::Bytes => return self.bytes_property(o, key),
                TypeCode::Int32 | TypeCode::Float64 => {
                    return self.builtin_member(crate::builtins::NUMBER_PROTOTYPE, key)
                }
                TypeCode::Iterator => {
                    if key == WellKnown::SymbolIterator.value() {
                        return Ok(WellKnown::IteratorSelf.value());
                    }
                    if self.key_eq(key, WellKnown::StrNext.value())? {
                        return Ok(WellKnown::IteratorNext.value());
                    }
                    return Ok(Value::UNDEFINED);
                }
                TypeCode::StrAscii | TypeCode::StrUtf8 => return self.string_property(o, key),
                _ => return Ok(Value::UNDEFINED),
            }
        }
        Err(CORRUPT)
    }

    fn string_property(&mut self, s: Value, key: Value) -> R<Value> {
        if let Some(i) = key.as_int() {
            return match usize::try_from(i) {
                Ok(i) => self.string_index(s, i),
                Err(_) => Ok(Value::UNDEFINED),
            };
        }
        if self.key_eq(key, WellKnown::StrLength.value())? {
            let n = self.string_length(s)?;
            return self.new_int(n as i64);
        }
        if key == WellKnown::SymbolIterator.value() {
            return Ok(WellKnown::Values.value());
        }
        self.builtin_member(crate::builtins::STRING_PROTOTYPE, key)
    }

    /// Properties of builtin objects; `None` when absent.
    fn well_known_property(&self, w: WellKnown, key: Value) -> R<Option<Value>> {
        let is = |k: WellKnown| self.key_eq(key, k.value());
        Ok(match w {
            WellKnown::Console if is(WellKnown::StrLog)? => Some(WellKnown::ConsoleLog.value()),
            WellKnown::Symbol if is(WellKnown::StrIterator)? => {
                Some(WellKnown::SymbolIterator.value())
            }
            WellKnown::IteratorDone => Some(if is(WellKnown::StrDone)? {
                Value::TRUE
            } else {
                Value::UNDEFINED
            }),
            WellKnown::ErrorPrototype
            | WellKnown::TypeErrorPrototype
            | WellKnown::RangeErrorPrototype
            | WellKnown::SyntaxErrorPrototype => {
                if is(WellKnown::StrName)? {
                    Some(
                        match w {
                            WellKnown::TypeErrorPrototype => WellKnown::StrTypeError,
                            WellKnown::RangeErrorPrototype => WellKnown::StrRangeError,
                            WellKnown::SyntaxErrorPrototype => WellKnown::StrSyntaxError,
                            _ => WellKnown::StrError,
                        }
                        .value(),
                    )
                } else if is(WellKnown::StrMessage)? {
                    Some(Value::EMPTY_STRING)
                } else {
                    Some(Value::UNDEFINED)
                }
            }
            WellKnown::OutOfMemoryError => Some(if is(WellKnown::StrName)? {
                WellKnown::StrRangeError.value()
            } else if is(WellKnown::StrMessage)? {
                WellKnown::StrOutOfMemory.value()
            } else {
                Value::UNDEFINED
            }),
            WellKnown::Error
            | WellKnown::TypeError
            | WellKnown::RangeError
            | WellKnown::SyntaxError
                if is(WellKnown::StrPrototype)? =>
            {
                Some(error_prototype(w).value())
            }
            _ => None,
        })
    }

    /// `obj[key] = value` with `[obj, key, value]` at stack positions
    /// `at..at + 3`; the key is normalised in place.
    pub(crate) fn set_property_at(&mut self, at: usize) -> R<()> {
        let key = self.property_key(self.st(at + 1)?)?;
        self.st_set(at + 1, key)?;
        let obj = self.st(at)?;
        if obj.is_int() {
            return Ok(());
        }
        if let Some(w) = obj.well_known() {
            if matches!(w, WellKnown::Undefined | WellKnown::Null | WellKnown::Hole) {
                return self.throw_property_error(b"Cannot set properties of ", obj, key);
            }
            return Ok(());
        }
        match self.header(obj)?.0 {
            TypeCode::Object => self.object_set_at(at),
            TypeCode::Class => {
                let statics = self.slot(obj, 1)?;
                self.st_set(at, statics)?;
                self.object_set_at(at)
            }
            TypeCode::Bytes => {
                if let Some(i) = key.as_int().and_then(|i| usize::try_from(i).ok()) {
                    let x = self.to_number_pure(self.st(at + 2)?)?;
                    let byte = to_int32(x) as u8;
                    let (len, _) = self.bytes_of(obj)?;
                    if i < len && obj.is_ram() {
                        let dst = obj.ram_offset() as usize + 2 + i;
                        self.heap
                            .bytes_mut()
                            .get_mut(dst)
                            .map(|b| *b = byte)
                            .ok_or(CORRUPT)?;
                    }
                }
                Ok(())
            }
            TypeCode::Array => {
                if let Some(i) = key.as_int() {
                    if let Ok(i) = usize::try_from(i) {
                        return self.array_set_at(at, i, at + 2);
                    }
                }
                if self.key_eq(key, WellKnown::StrLength.value())? {
                    let n = self.to_number_pure(self.st(at + 2)?)?;
                    let len = self.array_len(obj)?;
                    if n >= 0.0 && n == (n as usize) as f64 && (n as usize) <= len {
                        let v = Value::int(n as i32).ok_or(CORRUPT)?;
                        return self.set_slot(obj, 1, v);
                    }
                    if n >= 0.0 && n == (n as usize) as f64 && n as usize > len {
                        let last = n as usize - 1;
                        self.push(Value::UNDEFINED)?;
                        let r = self.array_set_at(at, last, self.sp - 1);
                        self.sp -= 1;
                        return r;
                    }
                    return self.throw_range_error("Invalid array length");
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn object_set_at(&mut self, at: usize) -> R<()> {
        let (obj, key) = (self.st(at)?, self.st(at + 1)?);
        if let Some(i) = self.find_own(obj, key)? {
            let props = self.slot(obj, 1)?;
            let v = self.st(at + 2)?;
            return self.set_slot(props, 2 + 2 * i, v);
        }
        let props = self.slot(obj, 1)?;
        let (count, cap) = if props == Value::NULL {
            (0, 0)
        } else {
            (
                self.slot(props, 0)?.as_int().ok_or(CORRUPT)? as usize,
                (self.header(props)?.1 / 2 - 1) / 2,
            )
        };
        if count == cap {
            let largest = (crate::format::MAX_ALLOC_SIZE - 2) / 4;
            let new_cap = (cap * 2).max(2).min(largest).max(count + 1);
            let size = 2 + 4 * new_cap;
            if size > crate::format::MAX_ALLOC_SIZE {
                return self.throw_range_error("too many properties");
            }
            let fresh = self.alloc(TypeCode::PropList, size)?;
            let obj = self.st(at)?;
            let old = self.slot(obj, 1)?;
            for k in 0..2 * count {
                let v = self.slot(old, 1 + k)?;
                self.set_slot(fresh, 1 + k, v)?;
            }
            self.set_slot(fresh, 0, Value::ZERO)?;
            self.set_slot(obj, 1, fresh)?;
        }
        let obj = self.st(at)?;
        let props = self.slot(obj, 1)?;
        let (key, v) = (self.st(at + 1)?, self.st(at + 2)?);
        self.set_slot(props, 1 + 2 * count, key)?;
        self.set_slot(props, 2 + 2 * count, v)?;
        self.set_slot(props, 0, Value::int(count as i32 + 1).ok_or(CORRUPT)?)
    }

    // --- errors -------------------------------------------------------------------------

    /// Makes `new <ctor>(message)` with the message at stack position `msg_at`
    /// (or no message) and returns it.
    pub(crate) fn new_error_at(&mut self, ctor: WellKnown, msg_at: Option<usize>) -> R<Value> {
        let o = self.new_object(error_prototype(ctor).value())?;
        let Some(msg_at) = msg_at else { return Ok(o) };
        self.push(o)?;
        let o_at = self.sp - 1;
        self.push(WellKnown::StrMessage.value())?;
        let m = self.st(msg_at)?;
        self.push(m)?;
        let r = self.object_set_at(o_at);
        let o = self.st(o_at)?;
        self.sp = o_at;
        r.map(|_| o)
    }

    /// Throws `new <ctor>(message)`.
    pub(crate) fn throw_error<T>(&mut self, ctor: WellKnown, message: &[u8]) -> R<T> {
        let m = self.new_string(message)?;
        self.push(m)?;
        let at = self.sp - 1;
        let e = self.new_error_at(ctor, Some(at));
        self.sp = at;
        self.exception = e?;
        Err(Fault::Throw)
    }

    pub(crate) fn throw_range_error<T>(&mut self, message: &str) -> R<T> {
        self.throw_error(WellKnown::RangeError, message.as_bytes())
    }

    pub(crate) fn describe(&self, v: Value, m: &mut MsgBuf) {
        match self.text_of(v) {
            Ok(Text::Str) => {
                m.push(self.string_bytes(v).ok().flatten().unwrap_or(b""));
            }
            Ok(Text::Num(n)) => {
                m.push(n.as_bytes());
            }
            Ok(Text::Static(s)) => {
                m.push(s);
            }
            Err(_) => {}
        }
    }

    fn throw_property_error<T>(&mut self, what: &[u8], obj: Value, key: Value) -> R<T> {
        let mut m = MsgBuf::new();
        m.push(what);
        self.describe(obj, &mut m);
        m.push(b" (reading '");
        self.describe(key, &mut m);
        m.push(b"')");
        self.throw_error(WellKnown::TypeError, m.bytes())
    }

    pub(crate) fn throw_not_function<T>(&mut self, v: Value) -> R<T> {
        let mut m = MsgBuf::new();
        self.describe_for_error(v, &mut m);
        m.push(b" is not a function");
        self.throw_error(WellKnown::TypeError, m.bytes())
    }

    pub(crate) fn throw_not_constructor<T>(&mut self, v: Value) -> R<T> {
        let mut m = MsgBuf::new();
        self.describe_for_error(v, &mut m);
        m.push(b" is not a constructor");
        self.throw_error(WellKnown::TypeError, m.bytes())
    }

    fn describe_for_error(&self, v: Value, m: &mut MsgBuf) {
        match self.kind(v) {
            ValueKind::String => {
                m.push(b"\"");
                self.describe(v, m);
                m.push(b"\"");
            }
            ValueKind::Object => {
                m.push(b"object");
            }
            ValueKind::Array => {
                m.push(b"array");
            }
            ValueKind::Function => {
                m.push(b"function");
            }
            _ => self.describe(v, m),
        }
    }

    /// Whether `v` is an Error object (its prototype chain has an error
    /// prototype); returns that prototype's constructor.
    fn error_kind(&self, v: Value) -> Option<WellKnown> {
        let mut o = v;
        for _ in 0..MAX_CHAIN {
            match o.well_known() {
                Some(WellKnown::ErrorPrototype) => return Some(WellKnown::Error),
                Some(WellKnown::TypeErrorPrototype) => return Some(WellKnown::TypeError),
                Some(WellKnown::RangeErrorPrototype) => return Some(WellKnown::RangeError),
                Some(WellKnown::SyntaxErrorPrototype) => return Some(WellKnown::SyntaxError),
                Some(WellKnown::OutOfMemoryError) => return Some(WellKnown::RangeError),
                Some(_) => return None,
                None => {}
            }
            if !matches!(self.header(o), Ok((TypeCode::Object, _))) {
                return None;
            }
            o = self.slot(o, 0).ok()?;
        }
        None
    }

    /// Reads a property without allocating or throwing (for display).
    fn peek_property(&self, obj: Value, key: WellKnown) -> Value {
        let mut o = obj;
        for _ in 0..MAX_CHAIN {
            if let Some(w) = o.well_known() {
                return self
                    .well_known_property(w, key.value())
                    .ok()
                    .flatten()
                    .unwrap_or(Value::UNDEFINED);
            }
            if !matches!(self.header(o), Ok((TypeCode::Object, _))) {
                return Value::UNDEFINED;
            }
            if let Ok(Some(i)) = self.find_own(o, key.value()) {
                return self
                    .slot(o, 1)
                    .and_then(|p| self.slot(p, 2 + 2 * i))
                    .ok()
                    .filter(|v| !self.is_accessor(*v))
                    .unwrap_or(Value::UNDEFINED);
            }
            o = self.slot(o, 0).unwrap_or(Value::NULL);
        }
        Value::UNDEFINED
    }

    // --- display ------------------------------------------------------------------------

    /// `String(v)`, except that an Error shows as `name: message`.
    pub(crate) fn write_display(&self, v: Value, out: &mut dyn FnMut(&[u8])) {
        if self.error_kind(v).is_some() {
            // Name and message are shown without recursing: a script can
            // make an error its own name (`e.name = e`).
            let name = self.peek_property(v, WellKnown::StrName);
            let msg = self.peek_property(v, WellKnown::StrMessage);
            let mut m = MsgBuf::new();
            self.describe(name, &mut m);
            out(m.bytes());
            if let Ok(Some(text)) = self.string_bytes(msg) {
                if !text.is_empty() {
                    out(b": ");
                    out(text);
                }
            }
            return;
        }
        match self.kind(v) {
            ValueKind::Object | ValueKind::Array | ValueKind::Function => {
                self.write_inspect(v, out, 0)
            }
            _ => {
                let mut m = MsgBuf::new();
                if let Ok(Some(b)) = self.string_bytes(v) {
                    out(b);
                } else {
                    self.describe(v, &mut m);
                    out(m.bytes());
                }
            }
        }
    }

    /// What `console.log` prints for `v` (strings raw at depth 0, quoted inside).
    pub(crate) fn write_inspect(&self, v: Value, out: &mut dyn FnMut(&[u8]), depth: usize) {
        match self.kind(v) {
            ValueKind::String if depth > 0 => {
                out(b"'");
                out(self.string_bytes(v).ok().flatten().unwrap_or(b""));
                out(b"'");
            }
            ValueKind::Number if v == Value::NEG_ZERO => out(b"-0"),
            ValueKind::Function => out(b"[Function (anonymous)]"),
            ValueKind::Uint8Array => {
                let bytes = self.bytes_of(v).map(|(_, b)| b).unwrap_or(&[]);
                out(b"Uint8Array(");
                out(format_int(bytes.len() as i64).as_bytes());
                out(b")");
                if bytes.is_empty() {
                    return out(b" []");
                }
                out(b" [ ");
                for (i, b) in bytes.iter().enumerate() {
                    if i > 0 {
                        out(b", ");
                    }
                    out(format_int(*b as i64).as_bytes());
                }
                out(b" ]");
            }
            ValueKind::Array => {
                let n = self.array_len(v).unwrap_or(0);
                if n == 0 {
                    return out(b"[]");
                }
                if depth > INSPECT_DEPTH {
                    return out(b"[Array]");
                }
                out(b"[ ");
                for i in 0..n {
                    if i > 0 {
                        out(b", ");
                    }
                    let e = self.array_get(v, i).unwrap_or(Value::UNDEFINED);
                    self.write_inspect(e, out, depth + 1);
                }
                out(b" ]");
            }
            ValueKind::Object if self.error_kind(v).is_some() => self.write_display(v, out),
            ValueKind::Object if v.well_known().is_none() => {
                let props = self.slot(v, 1).unwrap_or(Value::NULL);
                // The count is clamped to the list's capacity, so even a
                // corrupt heap cannot make this loop run away.
                let n = if props == Value::NULL {
                    0
                } else {
                    let cap = self
                        .header(props)
                        .map_or(0, |(_, size)| (size / 2).saturating_sub(1) / 2);
                    let n = self
                        .slot(props, 0)
                        .ok()
                        .and_then(Value::as_int)
                        .unwrap_or(0);
                    usize::try_from(n).unwrap_or(0).min(cap)
                };
                if n == 0 {
                    return out(b"{}");
                }
                if depth > INSPECT_DEPTH {
                    return out(b"[Object]");
                }
                out(b"{ ");
                for i in 0..n {
                    if i > 0 {
                        out(b", ");
                    }
                    let k = self.slot(props, 1 + 2 * i).unwrap_or(Value::UNDEFINED);
                    let mut m = MsgBuf::new();
                    self.describe(k, &mut m);
                    let key = m.bytes();
                    let ident = !key.is_empty()
                        && key
                            .iter()
                            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'$')
                        && !key[0].is_ascii_digit();
                    if ident || k.is_int() {
                        out(key);
                    } else {
                        out(b"'");
                        out(key);
                        out(b"'");
                    }
                    out(b": ");
                    let e = self.slot(props, 2 + 2 * i).unwrap_or(Value::UNDEFINED);
                    if self.is_accessor(e) {
                        let has = |k| self.slot(e, k).is_ok_and(|f| f != Value::UNDEFINED);
                        out(match (has(0), has(1)) {
                            (true, true) => b"[Getter/Setter]",
                            (true, false) => b"[Getter]",
                            (false, true) => b"[Setter]",
                            (false, false) => b"undefined",
                        });
                        continue;
                    }
                    self.write_inspect(e, out, depth + 1);
                }
                out(b" }");
            }
            ValueKind::Object => out(b"[object]"),
            _ => self.write_display(v, out),
        }
    }

    // --- natives and host functions -----------------------------------------------

    /// Calls a builtin with `[callee, this, args × n]` at `base` (or
    /// `[callee, args × n]` when `construct`).
    pub(crate) fn call_native(
        &mut self,
        host: &mut dyn Host,
        w: WellKnown,
        base: usize,
        n: usize,
        construct: bool,
    ) -> R<Value> {
        #[cfg(feature = "coverage")]
        crate::coverage::native_called(w);
        let args = if construct { base + 1 } else { base + 2 };
        let arg = |vm: &Self, i: usize| {
            if i < n {
                vm.st(args + i)
            } else {
                Ok(Value::UNDEFINED)
            }
        };
        match w {
            WellKnown::ConsoleLog => {
                let mut out = ConsoleOut::new(self, host);
                for i in 0..n {
                    if i > 0 {
                        out.write(b" ");
                    }
                    let v = arg(self, i)?;
                    self.write_inspect(v, &mut |b| out.write(b), 0);
                }
                out.write(b"\n");
                #[cfg(feature = "snapshot")]
                {
                    self.round.written = out.written;
                }
                Ok(Value::UNDEFINED)
            }
            WellKnown::Error
            | WellKnown::TypeError
            | WellKnown::RangeError
            | WellKnown::SyntaxError => {
                let has_msg = n > 0 && arg(self, 0)? != Value::UNDEFINED;
                if has_msg {
                    // The message is stored as a string.
                    let m = arg(self, 0)?;
                    if self.string_bytes(m)?.is_none() {
                        self.push(m)?;
                        self.push(Value::EMPTY_STRING)?;
                        let s = self.concat_strings_on_top();
                        self.sp -= 2;
                        let s = s?;
                        self.st_set(args, s)?;
                    }
                }
                self.new_error_at(w, has_msg.then_some(args))
            }
            WellKnown::ArrayPush => {
                let this_at = base + 1;
                if !matches!(self.type_of(self.st(this_at)?)?, Some(TypeCode::Array)) {
                    return self.throw_error(WellKnown::TypeError, b"push called on a non-array");
                }
                let mut len = self.array_len(self.st(this_at)?)?;
                for i in 0..n {
                    len = self.array_push_at(this_at, args + i)?;
                }
                self.new_int(len as i64)
            }
            WellKnown::VmExport => {
                if !self.build_time {
                    return self.throw_error(
                        WellKnown::Error,
                        b"vmExport is only available at build time",
                    );
                }
                let id = self
                    .number(arg(self, 0)?)
                    .filter(|i| (0.0..=65535.0).contains(i) && *i == (*i as u16) as f64);
                if id.is_none() {
                    return self
                        .throw_error(WellKnown::TypeError, b"vmExport: the id must be an integer");
                }
                if self.exports_table == Value::UNDEFINED {
                    self.exports_table = self.new_array(4)?;
                }
                self.push(self.exports_table)?;
                let t = self.sp - 1;
                self.array_push_at(t, args)?;
                if n > 1 {
                    self.array_push_at(t, args + 1)?;
                } else {
                    self.push(Value::UNDEFINED)?;
                    self.array_push_at(t, self.sp - 1)?;
                    self.sp -= 1;
                }
                self.exports_table = self.st(t)?;
                self.sp = t;
                Ok(Value::UNDEFINED)
            }
            WellKnown::VmImport => {
                let id = arg(self, 0)?.as_int().filter(|i| (0..=0xFFFF).contains(i));
                let Some(id) = id else {
                    return self
                        .throw_error(WellKnown::TypeError, b"vmImport: the id must be an integer");
                };
                if !self.build_time {
                    return self.throw_error(
                        WellKnown::Error,
                        b"vmImport is only available at build time",
                    );
                }
                let f = self.alloc(TypeCode::HostFunc, 2)?;
                self.write_payload(f, &(id as u16).to_le_bytes())?;
                Ok(f)
            }
            WellKnown::Values => {
                let this = self.st(base + 1)?;
                if !matches!(
                    self.kind(this),
                    ValueKind::Array | ValueKind::String | ValueKind::Uint8Array
                ) {
                    return self.throw_not_iterable(this);
                }
                self.make_iterator(base + 1)
            }
            WellKnown::IteratorNext => self.iterator_next(base + 1),
            WellKnown::IteratorSelf => self.st(base + 1),
            WellKnown::Uint8ArrayCtor => self.throw_error(
                WellKnown::TypeError,
                b"Constructor Uint8Array requires 'new'",
            ),
            w if w.is_builtin_function() && !construct => self.call_builtin(w, base, n),
            _ => self.throw_not_function(w.value()),
        }
    }

    /// `[a, b]` on top of the stack → `a + b` as strings (both left in place).
    pub(crate) fn concat_strings_on_top(&mut self) -> R<Value> {
        self.concat_top()
    }

    /// Calls host function `id` with `[callee, this, args × n]` at `base`.
    pub(crate) fn call_host(
        &mut self,
        host: &mut dyn Host,
        id: u16,
        base: usize,
        n: usize,
    ) -> R<Value> {
        let call = HostCall {
            base: base + 2,
            argc: n,
        };
        let sp = self.sp;
        let outcome = host.call(self, id, call);
        self.sp = self.sp.max(sp);
        match outcome {
            Ok(v) => match v {
                HostValue::Arg(i) => Ok(self.host_arg(&call, i)),
                other => self.host_value(other),
            },
            Err(HostError::Propagate) => Err(Fault::Throw),
            Err(HostError::Error(msg)) => self.throw_error(WellKnown::Error, msg.as_bytes()),
            Err(HostError::Throw(v)) => {
                let v = match v {
                    HostValue::Arg(i) => self.host_arg(&call, i),
                    other => self.host_value(other)?,
                };
                self.exception = v;
                Err(Fault::Throw)
            }
        }
    }
}

/// The prototype of instances of an error constructor.
fn error_prototype(ctor: WellKnown) -> WellKnown {
    match ctor {
        WellKnown::TypeError => WellKnown::TypeErrorPrototype,
        WellKnown::RangeError => WellKnown::RangeErrorPrototype,
        WellKnown::SyntaxError => WellKnown::SyntaxErrorPrototype,
        _ => WellKnown::ErrorPrototype,
    }
}

/// `"123"` → int key 123 (canonical: no sign on zero, no leading zeros).
fn canonical_int(b: &[u8]) -> Option<Value> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if (digits[0] == b'0' && digits.len() > 1) || (neg && digits == b"0") {
        return None;
    }
    let mut n: i32 = 0;
    for d in digits {
        n = n * 10 + (d - b'0') as i32;
    }
    Value::int(if neg { -n } else { n })
}

/// `x ** y` as JavaScript defines it (differs from C's `pow` on NaN and ±1).
fn js_pow(x: f64, y: f64) -> f64 {
    if y.is_nan() || ((x == 1.0 || x == -1.0) && y.is_infinite()) {
        return f64::NAN;
    }
    libm::pow(x, y)
}

/// The UTF-16 code units of a WTF-8 string, in order.
pub(crate) struct Utf16Units<'b> {
    bytes: &'b [u8],
    at: usize,
    low: Option<u16>,
}

impl<'b> Utf16Units<'b> {
    pub(crate) fn new(bytes: &'b [u8]) -> Self {
        Utf16Units {
            bytes,
            at: 0,
            low: None,
        }
    }
}

impl Iterator for Utf16Units<'_> {
    type Item = u16;
    fn next(&mut self) -> Option<u16> {
        if let Some(l) = self.low.take() {
            return Some(l);
        }
        let b = self.bytes;
        let c = *b.get(self.at)? as u32;
        let cont = |k: usize| b.get(self.at + k).map_or(0, |&x| x as u32 & 0x3F);
        let (cp, len) = match c {
            0xF0..=0xFF => (
                ((c & 7) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
                4,
            ),
            0xE0..=0xEF => (((c & 0xF) << 12) | (cont(1) << 6) | cont(2), 3),
            0xC0..=0xDF => (((c & 0x1F) << 6) | cont(1), 2),
            _ => (c, 1),
        };
        self.at += len;
        if cp >= 0x10000 {
            let cp = cp - 0x10000;
            self.low = Some(0xDC00 + (cp & 0x3FF) as u16);
            return Some(0xD800 + (cp >> 10) as u16);
        }
        Some(cp as u16)
    }
}

/// The UTF-16 code unit at index `i` of a WTF-8 string.
pub(crate) fn utf16_unit_at(bytes: &[u8], i: usize) -> Option<u16> {
    if bytes.is_ascii() {
        return bytes.get(i).map(|&b| b as u16);
    }
    Utf16Units::new(bytes).nth(i)
}

/// ToUint16.
pub(crate) fn to_uint16(f: f64) -> u16 {
    if !f.is_finite() {
        return 0;
    }
    (f % 65536.0) as i64 as u16
}

/// The first index `>= from` (in code units) where `needle` occurs in `hay`.
pub(crate) fn utf16_index_of(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if hay.is_ascii() && needle.is_ascii() {
        if needle.is_empty() {
            return Some(from.min(hay.len()));
        }
        return hay
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from);
    }
    let n = Utf16Units::new(needle).count();
    let total = Utf16Units::new(hay).count();
    if n == 0 {
        return Some(from.min(total));
    }
    (from..=total.checked_sub(n)?).find(|&start| {
        Utf16Units::new(hay)
            .skip(start)
            .take(n)
            .eq(Utf16Units::new(needle))
    })
}

/// ToInt32.
pub(crate) fn to_int32(f: f64) -> i32 {
    if !f.is_finite() {
        return 0;
    }
    (f % 4294967296.0) as i64 as i32
}

impl Vm<'_> {
    /// A `Uint8Array`'s length and bytes.
    pub(crate) fn bytes_of(&self, v: Value) -> R<(usize, &[u8])> {
        if self.header(v)?.0 != TypeCode::Bytes {
            return Err(CORRUPT);
        }
        let p = self.payload(v)?;
        let len = crate::format::read_u16(p, 0).ok_or(CORRUPT)? as usize;
        Ok((len, p.get(2..2 + len).ok_or(CORRUPT)?))
    }

    fn bytes_property(&mut self, v: Value, key: Value) -> R<Value> {
        let (len, bytes) = self.bytes_of(v)?;
        if let Some(i) = key.as_int() {
            return Ok(match usize::try_from(i).ok().and_then(|i| bytes.get(i)) {
                Some(b) => Value::small_int(*b as i16),
                None => Value::UNDEFINED,
            });
        }
        if self.key_eq(key, WellKnown::StrLength.value())? {
            return self.new_int(len as i64);
        }
        if key == WellKnown::SymbolIterator.value() {
            return Ok(WellKnown::Values.value());
        }
        Ok(Value::UNDEFINED)
    }

    /// A new `Uint8Array` of `len` zero bytes.
    pub(crate) fn new_bytes(&mut self, len: usize) -> R<Value> {
        if len + 2 > crate::format::MAX_ALLOC_SIZE {
            return self.throw_range_error("Invalid typed array length");
        }
        let v = self.alloc(TypeCode::Bytes, 2 + len)?;
        self.write_payload(v, &(len as u16).to_le_bytes())?;
        Ok(v)
    }

    /// `new Uint8Array(arg)` with the argument at stack position `at`: a
    /// length, or an array (or Uint8Array) whose elements are copied.
    pub(crate) fn construct_bytes(&mut self, at: usize) -> R<Value> {
        let arg = self.st(at)?;
        let len = match self.kind(arg) {
            ValueKind::Array => self.array_len(arg)?,
            ValueKind::Uint8Array => self.bytes_of(arg)?.0,
            ValueKind::Undefined => 0,
            _ => {
                let n = self.to_number_pure(arg)?;
                if !(n >= 0.0 && n == (n as usize) as f64) {
                    return self.throw_range_error("Invalid typed array length");
                }
                n as usize
            }
        };
        let out = self.new_bytes(len)?;
        let arg = self.st(at)?;
        for i in 0..len {
            let byte = match self.kind(arg) {
                ValueKind::Array => to_int32(self.to_number_pure(self.array_get(arg, i)?)?) as u8,
                ValueKind::Uint8Array => self.bytes_of(arg)?.1[i],
                _ => 0,
            };
            let dst = out.ram_offset() as usize + 2 + i;
            self.heap
                .bytes_mut()
                .get_mut(dst)
                .map(|b| *b = byte)
                .ok_or(CORRUPT)?;
        }
        Ok(out)
    }
}

/// `console.log` output on its way to the host. At build time the driver
/// may run a build again (see `vm::BuildRound`): output an earlier round
/// wrote is skipped, and a round that met uncompiled eval text writes
/// nothing more.
struct ConsoleOut<'h> {
    host: &'h mut dyn Host,
    written: usize,
    replayed: usize,
    muted: bool,
}

impl<'h> ConsoleOut<'h> {
    #[cfg(feature = "snapshot")]
    fn new(vm: &Vm<'_>, host: &'h mut dyn Host) -> Self {
        ConsoleOut {
            host,
            written: vm.round.written,
            replayed: vm.round.replayed,
            muted: !vm.round.missing.is_empty(),
        }
    }

    #[cfg(not(feature = "snapshot"))]
    fn new(_vm: &Vm<'_>, host: &'h mut dyn Host) -> Self {
        ConsoleOut {
            host,
            written: 0,
            replayed: 0,
            muted: false,
        }
    }

    fn write(&mut self, b: &[u8]) {
        if self.muted {
            return;
        }
        let start = self.written;
        self.written += b.len();
        let skip = self.replayed.saturating_sub(start).min(b.len());
        if skip < b.len() {
            self.host.write(&b[skip..]);
        }
    }
}
