//! The builtin library's runtime side. Methods (`Array.prototype.map`,
//! `Math.floor`, `JSON.stringify`, …) are JavaScript compiled into the image
//! from the compiler's prelude; the prelude hands its objects to the VM as
//! exports with the reserved ids below, which is how the VM finds them for
//! `[].map`, `"s".slice`, `Math.max`. The snapshot writer keeps only the
//! members whose names reachable code mentions, so unused builtins cost no
//! image bytes. This module owns those ids, the lookups through them, and
//! the few primitives (`__vium.*`) that are smaller or only possible in Rust.

use crate::format::TypeCode;
use crate::host::ValueKind;
use crate::number::format_f64;
use crate::value::{Value, WellKnown};
use crate::vm::{Vm, CORRUPT, R};

/// Exports at or above this id are the builtin library's, not the script's.
pub const FIRST_RESERVED_EXPORT: u16 = 0xFF00;
pub const ARRAY_PROTOTYPE: u16 = 0xFF00;
pub const STRING_PROTOTYPE: u16 = 0xFF01;
pub const NUMBER_PROTOTYPE: u16 = 0xFF02;
pub const OBJECT_STATICS: u16 = 0xFF03;
pub const ARRAY_STATICS: u16 = 0xFF04;
pub const STRING_STATICS: u16 = 0xFF05;
pub const NUMBER_STATICS: u16 = 0xFF06;
pub const MATH: u16 = 0xFF07;
pub const JSON: u16 = 0xFF08;
pub const REFLECT: u16 = 0xFF09;
/// Build time only: `[text, code, text, code, …]`, the functions the build
/// driver compiled for the texts given to `eval` and `new Function` (each
/// returns the completion value of its text). Never written into an image.
pub const EVAL_TABLE: u16 = 0xFF0B;
/// The `Promise` class: exported only so that the snapshot keeps just the
/// statics a script names (the VM never looks it up).
pub const PROMISE_CLASS: u16 = 0xFF0A;

/// `__vium.<name>`: the primitives available to the prelude.
const INTRINSICS: &[(&str, WellKnown)] = &[
    ("charCodeAt", WellKnown::CharCodeAt),
    ("fromCharCode", WellKnown::FromCharCode),
    ("substring", WellKnown::Substring),
    ("indexOf", WellKnown::StringIndexOf),
    ("isArray", WellKnown::IsArray),
    ("sqrt", WellKnown::Sqrt),
    ("toFixed", WellKnown::ToFixed),
    ("upper", WellKnown::AsciiUpper),
    ("lower", WellKnown::AsciiLower),
    ("keys", WellKnown::ObjectKeys),
    ("join", WellKnown::Join),
    ("isFinite", WellKnown::IsFinite),
    ("enqueue", WellKnown::Enqueue),
];

/// Nesting of arrays that `join` follows before giving up.
const MAX_JOIN_DEPTH: usize = 8;

impl WellKnown {
    /// The reserved export that holds this builtin object's members.
    pub(crate) fn members_export(self) -> Option<u16> {
        Some(match self {
            WellKnown::ObjectCtor => OBJECT_STATICS,
            WellKnown::ArrayCtor => ARRAY_STATICS,
            WellKnown::StringCtor => STRING_STATICS,
            WellKnown::NumberCtor => NUMBER_STATICS,
            WellKnown::MathObject => MATH,
            WellKnown::JsonObject => JSON,
            WellKnown::ReflectObject => REFLECT,
            _ => return None,
        })
    }

    pub(crate) fn is_builtin_function(self) -> bool {
        matches!(
            self,
            WellKnown::StringCtor
                | WellKnown::NumberCtor
                | WellKnown::BooleanCtor
                | WellKnown::IsNaN
                | WellKnown::ParseInt
                | WellKnown::ParseFloat
                | WellKnown::CharCodeAt
                | WellKnown::FromCharCode
                | WellKnown::Substring
                | WellKnown::StringIndexOf
                | WellKnown::IsArray
                | WellKnown::Sqrt
                | WellKnown::ToFixed
                | WellKnown::AsciiUpper
                | WellKnown::AsciiLower
                | WellKnown::ObjectKeys
                | WellKnown::Join
                | WellKnown::IsFinite
                | WellKnown::Enqueue
        )
    }
}

/// What `eval(…)` or `Function(…)` comes to.
pub(crate) enum EvalTarget {
    /// Call this compiled code (no arguments, `this` undefined): its
    /// result is the call's.
    Code(Value),
    /// The result, without running code (`eval` of a non-string).
    Value(Value),
}

impl Vm<'_> {
    /// `eval(text)` (`w` = `Eval`) or `Function(params…, body)` (`w` =
    /// `FunctionCtor`) with `[callee, this, args × n]` at `base`. At build
    /// time, the code compiled for the text; text without code is recorded
    /// for the build driver and ends the run. On a device, a catchable
    /// Error: there is no compiler.
    pub(crate) fn eval_target(&mut self, w: WellKnown, base: usize, n: usize) -> R<EvalTarget> {
        let args = base + 2;
        if w == WellKnown::Eval {
            if n == 0 {
                return Ok(EvalTarget::Value(Value::UNDEFINED));
            }
            let v = self.st(args)?;
            if self.kind(v) != ValueKind::String {
                return Ok(EvalTarget::Value(v));
            }
        }
        if !self.build_time {
            let message: &[u8] = if w == WellKnown::Eval {
                b"eval is only available at build time"
            } else {
                b"new Function is only available at build time"
            };
            return self.throw_error(WellKnown::Error, message);
        }
        let text = if w == WellKnown::Eval {
            self.st(args)?
        } else {
            self.function_text(args, n)?
        };
        if let Some(table) = self.find_export(EVAL_TABLE) {
            if self.type_of(table)? != Some(TypeCode::Array) {
                return Err(CORRUPT);
            }
            let wanted = self.string_bytes(text)?.ok_or(CORRUPT)?;
            let len = self.array_len(table)?;
            let mut i = 0;
            while i + 1 < len {
                let key = self.array_get(table, i)?;
                if self.string_bytes(key)? == Some(wanted) {
                    let code = self.array_get(table, i + 1)?;
                    // Only compiled functions (anything else could lead
                    // back here natively), or a text's SyntaxError message.
                    return match self.type_of(code)? {
                        Some(TypeCode::Function | TypeCode::Closure) => Ok(EvalTarget::Code(code)),
                        Some(TypeCode::StrAscii | TypeCode::StrUtf8) => {
                            self.push(code)?;
                            let at = self.sp - 1;
                            let e = self.new_error_at(WellKnown::SyntaxError, Some(at));
                            self.sp = at;
                            self.exception = e?;
                            Err(crate::vm::Fault::Throw)
                        }
                        _ => Err(CORRUPT),
                    };
                }
                i += 2;
            }
        }
        #[cfg(feature = "snapshot")]
        {
            let bytes = self.string_bytes(text)?.ok_or(CORRUPT)?.to_vec();
            if !self.round.missing.contains(&bytes) {
                self.round.missing.push(bytes);
            }
        }
        Err(crate::vm::Fault::Fatal(
            crate::host::VmError::EvalNotCompiled,
        ))
    }

    /// The text `Function(p1, …, pn, body)` compiles, as V8 writes it:
    /// `(function anonymous(p1,…,pn\n) {\nbody\n})`.
    fn function_text(&mut self, args: usize, n: usize) -> R<Value> {
        let at = self.sp;
        let head = self.new_string(b"(function anonymous(")?;
        self.push(head)?;
        for i in 0..n.saturating_sub(1) {
            if i > 0 {
                self.append_text(None, b",")?;
            }
            self.append_text(Some(args + i), b"")?;
        }
        self.append_text(None, b"\n) {\n")?;
        if n > 0 {
            self.append_text(Some(args + n - 1), b"")?;
        }
        self.append_text(None, b"\n})")?;
        let text = self.st(at)?;
        self.sp = at;
        Ok(text)
    }

    /// The string on top of the stack becomes itself followed by the value
    /// at stack position `from` (as a string), or by `lit`.
    fn append_text(&mut self, from: Option<usize>, lit: &[u8]) -> R<()> {
        let next = match from {
            Some(at) => self.st(at)?,
            None => self.new_string(lit)?,
        };
        self.push(next)?;
        let joined = self.concat_strings_on_top()?;
        self.sp -= 2;
        self.push(joined)
    }

    /// `key` among the own members of the builtin object exported as `id`
    /// (undefined when the image has none: the snapshot dropped it as
    /// unused). Own members only: following a (corrupt) prototype back to
    /// an array or string would recurse without end.
    pub(crate) fn builtin_member(&mut self, id: u16, key: Value) -> R<Value> {
        match self.find_export(id) {
            Some(obj) if self.type_of(obj)? == Some(TypeCode::Object) => {
                match self.find_own(obj, key)? {
                    Some(i) => {
                        let v = self.slot(self.slot(obj, 1)?, 2 + 2 * i)?;
                        #[cfg(feature = "coverage")]
                        self.cover_member(id, key, v);
                        Ok(v)
                    }
                    None => Ok(Value::UNDEFINED),
                }
            }
            _ => Ok(Value::UNDEFINED),
        }
    }

    pub(crate) fn intrinsic(&self, key: Value) -> R<Option<Value>> {
        let Some(name) = self.string_bytes(key)? else {
            return Ok(None);
        };
        Ok(INTRINSICS
            .iter()
            .find(|(n, _)| n.as_bytes() == name)
            .map(|(_, w)| w.value()))
    }

    /// The builtin natives, with `[callee, this, args × n]` at `base`.
    pub(crate) fn call_builtin(&mut self, w: WellKnown, base: usize, n: usize) -> R<Value> {
        let args = base + 2;
        let arg = |vm: &Self, i: usize| {
            if i < n {
                vm.st(args + i)
            } else {
                Ok(Value::UNDEFINED)
            }
        };
        let num = |vm: &Self, i: usize| arg(vm, i).and_then(|v| vm.to_number_pure(v));
        match w {
            WellKnown::StringCtor => {
                if n == 0 {
                    return Ok(Value::EMPTY_STRING);
                }
                self.string_of_at(args)
            }
            WellKnown::NumberCtor => {
                let x = if n == 0 { 0.0 } else { num(self, 0)? };
                self.new_number(x)
            }
            WellKnown::BooleanCtor => Ok(Value::bool(self.truthy(arg(self, 0)?))),
            WellKnown::IsNaN => Ok(Value::bool(num(self, 0)?.is_nan())),
            WellKnown::IsFinite => Ok(Value::bool(num(self, 0)?.is_finite())),
            WellKnown::Enqueue => self.enqueue_job(args, n),
            WellKnown::ParseFloat => {
                let s = self.string_of_at(args)?;
                let v = parse_float_prefix(self.string_bytes(s)?.unwrap_or(b""));
                self.new_number(v)
            }
            WellKnown::ParseInt => {
                let radix = num(self, 1)?;
                let s = self.string_of_at(args)?;
                let v = parse_int_prefix(self.string_bytes(s)?.unwrap_or(b""), radix);
                self.new_number(v)
            }
            WellKnown::Sqrt => {
                let x = num(self, 0)?;
                self.new_number(libm::sqrt(x))
            }
            WellKnown::IsArray => Ok(Value::bool(self.kind(arg(self, 0)?) == ValueKind::Array)),
            WellKnown::ObjectKeys => {
                let o = arg(self, 0)?;
                self.push(o)?;
                let k = self.own_keys();
                self.sp -= 1;
                k
            }
            WellKnown::CharCodeAt => {
                let i = num(self, 1)?;
                let s = arg(self, 0)?;
                let b = self.string_bytes(s)?.unwrap_or(b"");
                let unit = if i >= 0.0 && i < b.len() as f64 * 2.0 {
                    crate::semantics::utf16_unit_at(b, i as usize)
                } else {
                    None
                };
                match unit {
                    Some(u) => self.new_int(u as i64),
                    None => Ok(Value::NAN),
                }
            }
            WellKnown::FromCharCode => {
                let c = crate::semantics::to_uint16(num(self, 0)?);
                let mut buf = [0u8; 3];
                let len = encode_wtf8_unit(c, &mut buf);
                match WellKnown::string(&buf[..len]) {
                    Some(k) => Ok(k.value()),
                    None => self.new_string(&buf[..len]),
                }
            }
            WellKnown::Substring => {
                let (start, end) = (num(self, 1)?, num(self, 2)?);
                self.substring_at(args, start, end)
            }
            WellKnown::StringIndexOf => {
                let from = num(self, 2)?;
                let (s, t) = (arg(self, 0)?, arg(self, 1)?);
                let hay = self.string_bytes(s)?.unwrap_or(b"");
                let needle = self.string_bytes(t)?.unwrap_or(b"");
                let from = if from.is_nan() || from < 0.0 {
                    0
                } else {
                    from as usize
                };
                let found = crate::semantics::utf16_index_of(hay, needle, from);
                self.new_int(found.map_or(-1, |i| i as i64))
            }
            WellKnown::AsciiUpper | WellKnown::AsciiLower => {
                let s = self.string_of_at(args)?;
                self.st_set(args, s)?;
                let len = self.string_bytes(s)?.map_or(0, <[u8]>::len);
                if len == 0 {
                    return Ok(Value::EMPTY_STRING);
                }
                let ty = self.header(s)?.0;
                let out = self.alloc(ty, len)?;
                let s = self.st(args)?;
                let dst = out.ram_offset() as usize;
                for k in 0..len {
                    let c = self
                        .string_bytes(s)?
                        .and_then(|b| b.get(k).copied())
                        .ok_or(CORRUPT)?;
                    let c = if w == WellKnown::AsciiUpper {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    };
                    self.heap
                        .bytes_mut()
                        .get_mut(dst + k)
                        .map(|b| *b = c)
                        .ok_or(CORRUPT)?;
                }
                Ok(out)
            }
            WellKnown::ToFixed => {
                let x = num(self, 0)?;
                let digits = num(self, 1)?;
                if !(0.0..=100.0).contains(&digits) {
                    return self
                        .throw_range_error("toFixed() digits argument must be between 0 and 100");
                }
                if !x.is_finite() || x.abs() >= 1e21 {
                    let t = format_f64(x);
                    return self.new_string(t.as_bytes());
                }
                #[cfg(feature = "float")]
                {
                    let mut b = ryu_js::Buffer::new();
                    let text = b.format_to_fixed(x, digits as u8);
                    let mut tmp = [0u8; 160];
                    let len = text.len().min(tmp.len());
                    tmp[..len].copy_from_slice(&text.as_bytes()[..len]);
                    self.new_string(&tmp[..len])
                }
                #[cfg(not(feature = "float"))]
                {
                    let _ = digits;
                    self.throw_range_error("toFixed needs float support")
                }
            }
            WellKnown::Join => {
                let sep = arg(self, 1)?;
                let sep = if sep == Value::UNDEFINED {
                    self.new_string(b",")?
                } else {
                    self.string_of_at(args + 1)?
                };
                self.push(sep)?;
                let r = self.join_at(args, self.sp - 1, 0);
                self.sp -= 1;
                r
            }
            _ => self.throw_not_function(w.value()),
        }
    }

    /// `String(v)` for the value at stack position `at`.
    pub(crate) fn string_of_at(&mut self, at: usize) -> R<Value> {
        let v = self.st(at)?;
        if self.kind(v) == ValueKind::String {
            return Ok(v);
        }
        if self.kind(v) == ValueKind::Array {
            self.push(Value::UNDEFINED)?;
            let sep = self.new_string(b",")?;
            self.st_set(self.sp - 1, sep)?;
            let r = self.join_at(at, self.sp - 1, 0);
            self.sp -= 1;
            return r;
        }
        self.push(v)?;
        self.push(Value::EMPTY_STRING)?;
        let s = self.concat_strings_on_top();
        self.sp -= 2;
        s
    }

    /// `arr.join(sep)` with the array and separator at stack positions.
    fn join_at(&mut self, arr_at: usize, sep_at: usize, depth: usize) -> R<Value> {
        let arr = self.st(arr_at)?;
        if self.type_of(arr)? != Some(TypeCode::Array) {
            return self.throw_error(WellKnown::TypeError, b"join called on a non-array");
        }
        if depth > MAX_JOIN_DEPTH {
            return self.throw_range_error("join: arrays nested too deeply");
        }
        // Convert each element to a string on the stack, then concatenate.
        let n = self.array_len(arr)?;
        let base = self.sp;
        for i in 0..n {
            let e = self.array_get(self.st(arr_at)?, i)?;
            self.push(e)?;
            let at = self.sp - 1;
            let s = match self.kind(e) {
                ValueKind::Undefined | ValueKind::Null => Value::EMPTY_STRING,
                ValueKind::Array => self.join_at(at, sep_at, depth + 1)?,
                _ => self.string_of_at(at)?,
            };
            self.st_set(at, s)?;
        }
        let sep_len = self.string_bytes(self.st(sep_at)?)?.map_or(0, <[u8]>::len);
        let mut total = 0;
        let mut ascii = self.string_is_ascii(self.st(sep_at)?);
        for i in 0..n {
            let s = self.st(base + i)?;
            total += self.string_bytes(s)?.map_or(0, <[u8]>::len);
            ascii &= self.string_is_ascii(s);
        }
        total += sep_len * n.saturating_sub(1);
        if total == 0 {
            self.sp = base;
            return Ok(Value::EMPTY_STRING);
        }
        if total > crate::format::MAX_ALLOC_SIZE {
            self.sp = base;
            return self.throw_range_error("Invalid string length");
        }
        let out = self.alloc(
            if ascii {
                TypeCode::StrAscii
            } else {
                TypeCode::StrUtf8
            },
            total,
        )?;
        let mut dst = out.ram_offset() as usize;
        for i in 0..n {
            if i > 0 {
                let sep = self.st(sep_at)?;
                self.copy_string(sep, dst)?;
                dst += sep_len;
            }
            let s = self.st(base + i)?;
            let len = self.string_bytes(s)?.map_or(0, <[u8]>::len);
            self.copy_string(s, dst)?;
            dst += len;
        }
        self.sp = base;
        if !ascii {
            self.join_surrogates(out, 0, total)?;
        }
        Ok(out)
    }

    /// The code units `[start, end)` of the string at stack position `at`
    /// (arguments clamped as `String.prototype.substring` does).
    fn substring_at(&mut self, at: usize, start: f64, end: f64) -> R<Value> {
        let s = self.string_of_at(at)?;
        self.st_set(at, s)?;
        let units = self
            .get_property(s, WellKnown::StrLength.value())?
            .as_int()
            .unwrap_or(0) as f64;
        let clamp = |x: f64| if x.is_nan() { 0.0 } else { x.clamp(0.0, units) };
        let (mut a, mut b) = (
            clamp(start),
            if end.is_nan() && end.is_sign_negative() {
                units
            } else {
                clamp(end)
            },
        );
        if a > b {
            core::mem::swap(&mut a, &mut b);
        }
        let (a, b) = (a as usize, b as usize);
        if a == b {
            return Ok(Value::EMPTY_STRING);
        }
        if self.string_is_ascii(s) {
            let out = self.alloc(TypeCode::StrAscii, b - a)?;
            return self.finish_ascii_copy(at, out, a, b - a, 0);
        }
        let bytes = self.string_bytes(s)?.unwrap_or(b"");
        // General case: re-encode the code units as WTF-8.
        let mut len = 0;
        let mut buf = [0u8; 4];
        let units_iter = crate::semantics::Utf16Units::new(bytes);
        let mut pending_high = None;
        for u in units_iter.skip(a).take(b - a) {
            len += encode_pair(&mut pending_high, u, &mut buf).0;
        }
        if let Some(h) = pending_high.take() {
            len += encode_wtf8_unit(h, &mut buf);
        }
        let out = self.alloc(TypeCode::StrUtf8, len)?;
        let mut dst = out.ram_offset() as usize;
        let mut k = a;
        while k < b {
            let s = self.st(at)?;
            let bytes = self.string_bytes(s)?.unwrap_or(b"");
            let mut it = crate::semantics::Utf16Units::new(bytes).skip(k);
            let u = it.next().ok_or(CORRUPT)?;
            let next = if k + 1 < b { it.next() } else { None };
            let mut piece = [0u8; 4];
            let n = match (u, next) {
                (0xD800..=0xDBFF, Some(lo @ 0xDC00..=0xDFFF)) => {
                    let cp = 0x10000 + (((u as u32) - 0xD800) << 10) + (lo as u32 - 0xDC00);
                    k += 1;
                    char::from_u32(cp).map_or(0, |c| c.encode_utf8(&mut piece).len())
                }
                _ => encode_wtf8_unit(u, &mut piece),
            };
            self.heap
                .bytes_mut()
                .get_mut(dst..dst + n)
                .ok_or(CORRUPT)?
                .copy_from_slice(&piece[..n]);
            dst += n;
            k += 1;
        }
        Ok(out)
    }

    fn finish_ascii_copy(
        &mut self,
        at: usize,
        out: Value,
        a: usize,
        len: usize,
        mut done: usize,
    ) -> R<Value> {
        let mut tmp = [0u8; 64];
        while done < len {
            let s = self.st(at)?;
            let src = self.string_bytes(s)?.ok_or(CORRUPT)?;
            let k = (len - done).min(tmp.len());
            tmp[..k].copy_from_slice(src.get(a + done..a + done + k).ok_or(CORRUPT)?);
            let dst = out.ram_offset() as usize + done;
            self.heap
                .bytes_mut()
                .get_mut(dst..dst + k)
                .ok_or(CORRUPT)?
                .copy_from_slice(&tmp[..k]);
            done += k;
        }
        Ok(out)
    }

    pub(crate) fn string_is_ascii(&self, v: Value) -> bool {
        match v.well_known() {
            Some(_) => true,
            None => matches!(self.header(v), Ok((TypeCode::StrAscii, _))),
        }
    }

    /// Copies string `s`'s bytes to heap offset `dst`.
    fn copy_string(&mut self, s: Value, dst: usize) -> R<()> {
        let mut tmp = [0u8; 64];
        let len = self.string_bytes(s)?.map_or(0, <[u8]>::len);
        let mut done = 0;
        while done < len {
            let src = self.string_bytes(s)?.ok_or(CORRUPT)?;
            let k = (len - done).min(tmp.len());
            tmp[..k].copy_from_slice(src.get(done..done + k).ok_or(CORRUPT)?);
            self.heap
                .bytes_mut()
                .get_mut(dst + done..dst + done + k)
                .ok_or(CORRUPT)?
                .copy_from_slice(&tmp[..k]);
            done += k;
        }
        Ok(())
    }
}

/// Encodes one UTF-16 code unit as WTF-8 (a lone surrogate takes 3 bytes).
fn encode_wtf8_unit(u: u16, buf: &mut [u8]) -> usize {
    let c = u as u32;
    if c < 0x80 {
        buf[0] = c as u8;
        1
    } else if c < 0x800 {
        buf[0] = 0xC0 | (c >> 6) as u8;
        buf[1] = 0x80 | (c & 0x3F) as u8;
        2
    } else {
        buf[0] = 0xE0 | (c >> 12) as u8;
        buf[1] = 0x80 | ((c >> 6) & 0x3F) as u8;
        buf[2] = 0x80 | (c & 0x3F) as u8;
        3
    }
}

/// Counts the bytes of a unit sequence, joining surrogate pairs (4 bytes).
fn encode_pair(pending_high: &mut Option<u16>, u: u16, buf: &mut [u8; 4]) -> (usize, ()) {
    match (*pending_high, u) {
        (Some(_), 0xDC00..=0xDFFF) => {
            *pending_high = None;
            (4, ())
        }
        (Some(h), _) => {
            let n = encode_wtf8_unit(h, buf);
            *pending_high = if (0xD800..=0xDBFF).contains(&u) {
                Some(u)
            } else {
                None
            };
            let m = if pending_high.is_some() {
                0
            } else {
                encode_wtf8_unit(u, buf)
            };
            (n + m, ())
        }
        (None, 0xD800..=0xDBFF) => {
            *pending_high = Some(u);
            (0, ())
        }
        (None, _) => (encode_wtf8_unit(u, buf), ()),
    }
}

/// `parseFloat`: the longest prefix (after white space) that is a decimal
/// number, or `Infinity`; NaN when there is none.
fn parse_float_prefix(b: &[u8]) -> f64 {
    let s = core::str::from_utf8(b).unwrap_or("");
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut best = None;
    // Try ever longer prefixes made of number characters; keep the longest parse.
    while end < bytes.len() && matches!(bytes[end], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
    {
        end += 1;
        let t = &s[..end];
        let body = t.strip_prefix(['+', '-']).unwrap_or(t);
        if !body.is_empty() && !body.starts_with(['+', '-']) && body != "." {
            if let Some(v) = crate::number::parse_decimal_text(t) {
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

/// `parseInt(s, radix)`.
fn parse_int_prefix(b: &[u8], radix: f64) -> f64 {
    let s = core::str::from_utf8(b).unwrap_or("");
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let (sign, mut s) = match s.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut radix = if radix.is_nan() { 0 } else { radix as i64 };
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
