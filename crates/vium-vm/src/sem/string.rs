//! Strings: stored as WTF-8 (`StrAscii` when every byte is ASCII, the fast
//! path), measured and indexed in UTF-16 code units as JavaScript defines
//! them. Owns string creation, `String(v)`, concatenation, `join`,
//! indexing, substrings, search and ordering.
//!
//! Invariant: a string never holds a high surrogate directly followed by a
//! low one; `finish_string` joins such a pair into its code point's 4-byte
//! form, so equal texts have equal bytes.

use core::cmp::Ordering;

use crate::format::{TypeCode, MAX_ALLOC_SIZE};
use crate::host::ValueKind;
use crate::number::{format_int, NumText};
use crate::value::{Value, WellKnown};
use crate::vm::{Vm, R};

/// Nesting of arrays that `join` follows before giving up.
const MAX_JOIN_DEPTH: usize = 8;

/// The text of a primitive, without allocating.
pub(crate) enum Text {
    /// A string value (re-read from its position after any allocation).
    Str,
    Num(NumText),
    Static(&'static [u8]),
}

/// Bytes of the WTF-8 sequence led by byte `c`.
#[inline]
fn seq_len(c: u8) -> usize {
    match c {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The code point of the WTF-8 sequence at `at`, and its length in bytes.
pub(crate) fn decode_at(b: &[u8], at: usize) -> (u32, usize) {
    let c = b.get(at).copied().unwrap_or(0);
    let len = seq_len(c);
    let mut cp = if len == 1 {
        c as u32
    } else {
        (c & (0xFF >> (len + 1))) as u32
    };
    for k in 1..len {
        cp = cp << 6 | (b.get(at + k).copied().unwrap_or(0x80) & 0x3F) as u32;
    }
    (cp, len)
}

/// Encodes one UTF-16 code unit (or a code point) as WTF-8 into `buf`;
/// returns the length (a lone surrogate takes 3 bytes).
pub(crate) fn encode(cp: u32, buf: &mut [u8; 4]) -> usize {
    if cp < 0x80 {
        buf[0] = cp as u8;
        return 1;
    }
    let len = if cp < 0x800 {
        2
    } else if cp < 0x10000 {
        3
    } else {
        4
    };
    let mut c = cp;
    for k in (1..len).rev() {
        buf[k] = 0x80 | (c & 0x3F) as u8;
        c >>= 6;
    }
    buf[0] = ((0xF00u32 >> len) as u8) | c as u8;
    len
}

/// Length in UTF-16 code units of a WTF-8 string.
pub(crate) fn utf16_len(b: &[u8]) -> usize {
    let mut n = 0;
    for &c in b {
        n += match c {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        };
    }
    n
}

/// Where code unit `i` starts: the byte offset, and whether unit `i` is the
/// low half of a surrogate pair (the offset is then the pair's start).
/// Past the end: the string's length.
pub(crate) fn unit_offset(b: &[u8], i: usize) -> (usize, bool) {
    let (mut k, mut at) = (0, 0);
    while at < b.len() && k < i {
        let (cp, len) = decode_at(b, at);
        if cp >= 0x10000 {
            if k + 1 == i {
                return (at, true);
            }
            k += 1;
        }
        k += 1;
        at += len;
    }
    (at.min(b.len()), false)
}

/// The UTF-16 code unit at index `i`.
pub(crate) fn unit_at(b: &[u8], i: usize) -> Option<u16> {
    let (at, low) = unit_offset(b, i);
    if at >= b.len() {
        return None;
    }
    let (cp, _) = decode_at(b, at);
    Some(if cp < 0x10000 {
        cp as u16
    } else if low {
        0xDC00 | (cp & 0x3FF) as u16
    } else {
        0xD800 | ((cp - 0x10000) >> 10) as u16
    })
}

/// JavaScript's string order: by UTF-16 code units. WTF-8 byte order is
/// code point order, which differs only when a supplementary character
/// meets a unit in `E000..FFFF`.
pub(crate) fn compare_utf16(x: &[u8], y: &[u8]) -> Ordering {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let (a, la) = decode_at(x, i);
        let (b, lb) = decode_at(y, j);
        if a != b {
            let key = |c: u32| if c >= 0x10000 { 0xD800 } else { c };
            return match key(a).cmp(&key(b)) {
                Ordering::Equal => a.cmp(&b),
                o => o,
            };
        }
        i += la;
        j += lb;
    }
    (x.len() - i).cmp(&(y.len() - j))
}

impl<'a> Vm<'a> {
    /// The bytes of a string value (`None` if `v` is not a string).
    #[inline(never)]
    pub(crate) fn str_bytes(&self, v: Value) -> Option<&[u8]> {
        if let Some(w) = v.well_known() {
            return w.text();
        }
        match self.typed_payload(v) {
            (TypeCode::StrAscii | TypeCode::StrUtf8, p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn is_ascii_str(&self, v: Value) -> bool {
        v.well_known().is_some() || self.tc(v) == TypeCode::StrAscii
    }

    /// A new heap string with these bytes (the empty string is well-known).
    pub(crate) fn new_string(&mut self, bytes: &[u8]) -> R<Value> {
        if bytes.is_empty() {
            return Ok(Value::EMPTY_STRING);
        }
        let v = self.alloc_string(bytes.len())?;
        self.write_bytes(v, 0, bytes);
        Ok(self.finish_string(v))
    }

    /// A string allocation of `len` bytes to be filled, then passed to
    /// `finish_string`.
    pub(crate) fn alloc_string(&mut self, len: usize) -> R<Value> {
        if len > MAX_ALLOC_SIZE {
            return self.throw_range_error(b"Invalid string length");
        }
        self.alloc(TypeCode::StrUtf8, len)
    }

    /// Types a freshly written string (ASCII or not) and joins surrogate
    /// halves that met (see the module invariant). `s` is the newest
    /// allocation: it may shrink in place.
    pub(crate) fn finish_string(&mut self, s: Value) -> Value {
        let (_, size) = self.header(s);
        let start = s.0 as usize;
        let Some(bytes) = self.ram.heap_mut().get_mut(start..start + size) else {
            return s;
        };
        if bytes.is_ascii() {
            if let Some(h) = self.ram.heap_mut().get_mut(start - 1) {
                *h = (TypeCode::StrAscii as u8) << 4 | (size >> 8) as u8;
            }
            return s;
        }
        let at = |b: &[u8], i: usize| b.get(i).copied().unwrap_or(0);
        let (mut r, mut w) = (0, 0);
        while r < size {
            let pair = r + 6 <= size
                && at(bytes, r) == 0xED
                && (0xA0..=0xAF).contains(&at(bytes, r + 1))
                && at(bytes, r + 3) == 0xED
                && (0xB0..=0xBF).contains(&at(bytes, r + 4));
            if pair {
                let (hi, _) = decode_at(bytes, r);
                let (lo, _) = decode_at(bytes, r + 3);
                let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                let mut buf = [0; 4];
                encode(cp, &mut buf);
                if let Some(d) = bytes.get_mut(w..) {
                    crate::heap::copy_prefix(d, &buf);
                }
                r += 6;
                w += 4;
            } else {
                let c = at(bytes, r);
                if let Some(d) = bytes.get_mut(w) {
                    *d = c;
                }
                r += 1;
                w += 1;
            }
        }
        if w < size {
            self.shrink_newest(s, w);
        }
        s
    }

    /// The text of a primitive, without allocating.
    pub(crate) fn text_of(&self, v: Value) -> Text {
        if let Some(i) = v.as_int() {
            return Text::Num(format_int(i as i64));
        }
        if self.str_bytes(v).is_some() {
            return Text::Str;
        }
        Text::Static(match self.kind(v) {
            #[cfg(feature = "float")]
            ValueKind::Number => {
                return Text::Num(crate::number::format_f64(self.to_number(v).to_f64()))
            }
            #[cfg(not(feature = "float"))]
            ValueKind::Number => match self.int_of(v) {
                Some(i) => return Text::Num(format_int(i as i64)),
                None if v == Value::NAN => b"NaN",
                None => b"0",
            },
            ValueKind::Undefined => b"undefined",
            ValueKind::Null => b"null",
            ValueKind::Boolean if v == Value::TRUE => b"true",
            ValueKind::Boolean => b"false",
            ValueKind::Function => b"function () { [native code] }",
            _ => b"[object Object]",
        })
    }

    fn text_len(&self, v: Value, t: &Text) -> usize {
        match t {
            Text::Str => self.str_bytes(v).map_or(0, <[u8]>::len),
            Text::Num(n) => n.as_bytes().len(),
            Text::Static(s) => s.len(),
        }
    }

    /// Copies the text of `v` to heap offset `dst`.
    fn copy_text(&mut self, v: Value, t: &Text, dst: usize) {
        let bytes: &[u8] = match t {
            Text::Num(n) => n.as_bytes(),
            Text::Static(s) => s,
            Text::Str if v.is_ram() => {
                let (_, size) = self.header(v);
                self.copy_heap(v.0 as usize, dst, size);
                return;
            }
            Text::Str => {
                let rom: &'a [u8] = self.rom();
                match v.well_known() {
                    Some(w) => w.text().unwrap_or(b""),
                    None => {
                        let size = self.header(v).1;
                        let off = v.rom_offset().unwrap_or(0) as usize;
                        rom.get(off..off + size).unwrap_or(&[])
                    }
                }
            }
        };
        if let Some(d) = self.ram.heap_mut().get_mut(dst..) {
            crate::heap::copy_prefix(d, bytes);
        }
    }

    /// `a + b` where at least one side is not a number: string
    /// concatenation of `[a, b]` on top of the stack (both left in place).
    pub(crate) fn concat_top(&mut self) -> R<Value> {
        let at = self.sp().wrapping_sub(2);
        let (a, b) = (self.st(at), self.st(at + 1));
        let (ta, tb) = (self.text_of(a), self.text_of(b));
        let (la, lb) = (self.text_len(a, &ta), self.text_len(b, &tb));
        if la == 0 && matches!(tb, Text::Str) {
            return Ok(b);
        }
        if lb == 0 && matches!(ta, Text::Str) {
            return Ok(a);
        }
        if la + lb == 0 {
            return Ok(Value::EMPTY_STRING);
        }
        let s = self.alloc_string(la + lb)?;
        // Operands may have moved: re-read them from the stack.
        let (a, b) = (self.st(at), self.st(at + 1));
        self.copy_text(a, &ta, s.0 as usize);
        self.copy_text(b, &tb, s.0 as usize + la);
        Ok(self.finish_string(s))
    }

    /// `String(v)` for the value at stack position `at`.
    #[inline(never)]
    pub(crate) fn string_at(&mut self, at: usize) -> R<Value> {
        let v = self.st(at);
        match self.kind(v) {
            ValueKind::String => Ok(v),
            ValueKind::Array => self.join_at(at, None, 0),
            ValueKind::Object if self.is_error(v) => self.error_text(v),
            _ => {
                self.push(v);
                self.push(Value::EMPTY_STRING);
                let s = self.concat_top();
                self.set_sp(self.sp().wrapping_sub(2));
                s
            }
        }
    }

    /// What `Error.prototype.toString` gives for error `e`: its name, then
    /// `": "` and its message when it has one (read without running
    /// getters, as `write_display` does; a name or message that is not a
    /// primitive shows as `[object Object]`).
    #[inline(never)]
    fn error_text(&mut self, e: Value) -> R<Value> {
        let name = self.peek_property(e, WellKnown::StrName);
        let msg = self.peek_property(e, WellKnown::StrMessage);
        let base = self.sp();
        self.need_stack(3)?;
        self.push(msg);
        self.push(if name == Value::UNDEFINED {
            WellKnown::StrError.value()
        } else {
            name
        });
        let no_message = msg == Value::UNDEFINED || msg == Value::EMPTY_STRING;
        let text = if no_message {
            self.push(Value::EMPTY_STRING);
            self.concat_top()
        } else {
            let colon = self.new_string(b": ")?;
            self.push(colon);
            let head = self.concat_top()?;
            self.set_sp(base + 1);
            self.push(head);
            // [msg, head] -> head + msg
            let (m, h) = (self.st(base), self.st(base + 1));
            self.set_st(base, h);
            self.set_st(base + 1, m);
            self.concat_top()
        };
        self.set_sp(base);
        text
    }

    /// `arr.join(sep)` for the array at stack position `arr_at` and the
    /// string separator at `sep_at` (`None`: ",").
    #[inline(never)]
    pub(crate) fn join_at(
        &mut self,
        arr_at: usize,
        sep_at: Option<usize>,
        depth: usize,
    ) -> R<Value> {
        let arr = self.st(arr_at);
        // Only the prelude's join (which passes arrays) and `String(array)`
        // come here.
        if self.tc(arr) != TypeCode::Array {
            return Err(crate::vm::CORRUPT);
        }
        if depth > MAX_JOIN_DEPTH {
            // What Node's recursive join runs into.
            return self.throw_stack_overflow();
        }
        // Each element's text on the stack, then one allocation.
        let n = self.array_len(arr);
        self.need_stack(n)?;
        let base = self.sp();
        for i in 0..n {
            let e = self.array_get(self.st(arr_at), i);
            self.push(e);
            let s = match self.kind(e) {
                ValueKind::Undefined | ValueKind::Null => Value::EMPTY_STRING,
                // A nested array is its own `toString`: joined with ",".
                ValueKind::Array => self.join_at(base + i, None, depth + 1)?,
                _ => self.string_at(base + i)?,
            };
            self.set_st(base + i, s);
        }
        let sep_of = |vm: &Self| match sep_at {
            Some(at) => vm.st(at),
            None => WellKnown::StrComma.value(),
        };
        let sep_len = self.str_bytes(sep_of(self)).map_or(0, <[u8]>::len);
        let mut total = sep_len * n.saturating_sub(1);
        for i in 0..n {
            total += self.str_bytes(self.st(base + i)).map_or(0, <[u8]>::len);
        }
        let out = if total == 0 {
            Ok(Value::EMPTY_STRING)
        } else {
            self.alloc_string(total)
        };
        let out = match out {
            Ok(s) if s != Value::EMPTY_STRING => {
                let mut dst = s.0 as usize;
                for i in 0..n {
                    if i > 0 {
                        let sep = sep_of(self);
                        self.copy_text(sep, &Text::Str, dst);
                        dst += sep_len;
                    }
                    let e = self.st(base + i);
                    self.copy_text(e, &Text::Str, dst);
                    dst += self.str_bytes(e).map_or(0, <[u8]>::len);
                }
                Ok(self.finish_string(s))
            }
            other => other,
        };
        self.set_sp(base);
        out
    }

    /// `s[i]`: the UTF-16 code unit at `i`, as a one-unit string.
    pub(crate) fn string_index(&mut self, s: Value, i: usize) -> R<Value> {
        match unit_at(self.str_bytes(s).unwrap_or(b""), i) {
            Some(u) => self.unit_string(u as u32),
            None => Ok(Value::UNDEFINED),
        }
    }

    /// A string of one code unit or code point.
    pub(crate) fn unit_string(&mut self, cp: u32) -> R<Value> {
        let mut buf = [0; 4];
        let n = encode(cp, &mut buf);
        self.new_string(buf.get(..n).unwrap_or(&[]))
    }

    /// Length in UTF-16 code units.
    pub(crate) fn string_length(&self, v: Value) -> usize {
        let b = self.str_bytes(v).unwrap_or(b"");
        if self.is_ascii_str(v) {
            b.len()
        } else {
            utf16_len(b)
        }
    }

    #[cfg(feature = "strings")]
    /// The code units `[a, b)` (`a <= b`, clamped) of the string at stack
    /// position `at`.
    pub(crate) fn substring_at(&mut self, at: usize, a: usize, b: usize) -> R<Value> {
        let bytes = self.str_bytes(self.st(at)).unwrap_or(b"");
        let (sa, a_low) = unit_offset(bytes, a);
        let (sb, b_low) = unit_offset(bytes, b);
        // A cut through a surrogate pair keeps its half as a lone surrogate.
        let mut head = [0; 4];
        let mut tail = [0; 4];
        let start = if a_low { sa + 4 } else { sa };
        let hn = if a_low {
            encode(0xDC00 | (decode_at(bytes, sa).0 & 0x3FF), &mut head)
        } else {
            0
        };
        let tn = if b_low {
            encode(
                0xD800 | ((decode_at(bytes, sb).0 - 0x10000) >> 10),
                &mut tail,
            )
        } else {
            0
        };
        let mid = sb.saturating_sub(start);
        if hn + mid + tn == 0 {
            return Ok(Value::EMPTY_STRING);
        }
        let out = self.alloc_string(hn + mid + tn)?;
        let dst = out.0 as usize;
        self.write_bytes(out, 0, head.get(..hn).unwrap_or(&[]));
        let src = self.st(at);
        let rom: &'a [u8] = self.rom();
        if src.is_ram() {
            self.copy_heap(src.0 as usize + start, dst + hn, mid);
        } else {
            let whole: &[u8] = match src.well_known() {
                Some(w) => w.text().unwrap_or(b""),
                None => {
                    let off = src.rom_offset().unwrap_or(0) as usize;
                    rom.get(off..).unwrap_or(&[])
                }
            };
            let piece = whole.get(start..start + mid).unwrap_or(&[]);
            self.write_bytes(out, hn, piece);
        }
        self.write_bytes(out, hn + mid, tail.get(..tn).unwrap_or(&[]));
        Ok(self.finish_string(out))
    }
}

/// The first index `>= from` (in code units) where `needle` occurs in `hay`.
#[cfg(feature = "strings")]
pub(crate) fn utf16_index_of(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (start, _) = unit_offset(hay, from);
    let start = if from > utf16_len(hay) {
        hay.len()
    } else {
        start
    };
    if needle.is_empty() {
        return Some(utf16_len(hay.get(..start).unwrap_or(hay)));
    }
    let mut at = start;
    while at + needle.len() <= hay.len() {
        if hay.get(at..at + needle.len()) == Some(needle) {
            return Some(utf16_len(hay.get(..at).unwrap_or(hay)));
        }
        at += 1;
    }
    None
}
