//! Numbers: classification of values, `ToNumber`, boxing, the arithmetic,
//! bitwise, relational and equality operators, truthiness.
//!
//! With the `float` feature a number is a [`F64`](crate::float::F64) here
//! (integer code: no `f64` operator, so no compiler soft-float routine). Without it, only
//! int32 values (plus NaN and -0, which are well-known values) exist: `Num`
//! is an `Option<i32>` (None is NaN), no float code is linked, and an
//! operation whose result needs a float throws a RangeError.

use crate::format::TypeCode;
use crate::host::ValueKind;
use crate::ops::byte as op;
use crate::value::{Value, WellKnown};
use crate::vm::{Fault, Vm, R};

/// The result of `ToNumber`.
#[cfg(feature = "float")]
pub(crate) type Num = crate::float::F64;
/// The result of `ToNumber`: an int32, or `None` for NaN.
#[cfg(not(feature = "float"))]
pub(crate) type Num = Option<i32>;

#[cfg(feature = "float")]
pub(crate) const NAN: Num = Num::NAN;
#[cfg(not(feature = "float"))]
pub(crate) const NAN: Num = None;

#[cfg(feature = "float")]
#[inline]
pub(crate) fn num_from_int(i: i32) -> Num {
    Num::from_i32(i)
}
#[cfg(not(feature = "float"))]
#[inline]
pub(crate) fn num_from_int(i: i32) -> Num {
    Some(i)
}

#[cfg(feature = "float")]
pub(crate) fn num_is_nan(n: Num) -> bool {
    n.is_nan()
}
#[cfg(not(feature = "float"))]
pub(crate) fn num_is_nan(n: Num) -> bool {
    n.is_none()
}

/// ToInt32.
#[cfg(feature = "float")]
pub(crate) fn num_to_int32(f: Num) -> i32 {
    f.to_int32()
}
#[cfg(not(feature = "float"))]
pub(crate) fn num_to_int32(n: Num) -> i32 {
    n.unwrap_or(0)
}

/// ToIntegerOrInfinity, clamped to the i32 range (NaN is 0).
#[cfg(all(feature = "float", feature = "strings"))]
pub(crate) fn num_to_index(f: Num) -> i32 {
    match f.trunc_i64() {
        Some(i) => i.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
        None if f.is_nan() => 0,
        None if f.is_sign_negative() => i32::MIN,
        None => i32::MAX,
    }
}
#[cfg(all(not(feature = "float"), feature = "strings"))]
pub(crate) fn num_to_index(n: Num) -> i32 {
    n.unwrap_or(0)
}

/// `x == y` for numbers (NaN is unequal to itself; `-0 == 0`).
#[inline]
pub(crate) fn num_eq(x: Num, y: Num) -> bool {
    !num_is_nan(x) && x == y
}

impl Vm<'_> {
    // --- classification -------------------------------------------------------

    #[inline(never)]
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
        match self.tc(v) {
            TypeCode::Int32 | TypeCode::Float64 => ValueKind::Number,
            TypeCode::StrAscii | TypeCode::StrUtf8 => ValueKind::String,
            TypeCode::HostFunc | TypeCode::Function | TypeCode::Closure | TypeCode::Class => {
                ValueKind::Function
            }
            TypeCode::Array => ValueKind::Array,
            TypeCode::Bytes => ValueKind::Uint8Array,
            _ => ValueKind::Object,
        }
    }

    /// Objects in the sense of `new` and `==`: what a constructor may return.
    pub(crate) fn is_object(&self, v: Value) -> bool {
        matches!(
            self.kind(v),
            ValueKind::Object | ValueKind::Array | ValueKind::Function | ValueKind::Uint8Array
        )
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

    #[inline(never)]
    pub(crate) fn truthy(&self, v: Value) -> bool {
        if v.is_int() {
            return v.int_value() != 0;
        }
        if matches!(
            v,
            Value::UNDEFINED
                | Value::NULL
                | Value::FALSE
                | Value::NAN
                | Value::NEG_ZERO
                | Value::EMPTY_STRING
                | Value::HOLE
        ) {
            return false;
        }
        match self.header(v) {
            (TypeCode::Float64, _) => {
                let n = self.to_number(v);
                !num_is_nan(n) && !num_eq(n, num_from_int(0))
            }
            (TypeCode::StrAscii | TypeCode::StrUtf8, size) => size > 0,
            _ => true,
        }
    }

    // --- numbers ---------------------------------------------------------------

    /// The integer a number value holds (int14 or boxed int32).
    #[inline]
    pub(crate) fn int_of(&self, v: Value) -> Option<i32> {
        if v.is_int() {
            Some(v.int_value())
        } else {
            self.boxed_int(v)
        }
    }

    #[inline(never)]
    fn boxed_int(&self, v: Value) -> Option<i32> {
        match self.payload_of(v, TypeCode::Int32) {
            Some(&[a, b, c, d, ..]) => Some(i32::from_le_bytes([a, b, c, d])),
            _ => None,
        }
    }

    /// The payload of `v` if it is an allocation of type `ty`.
    #[inline]
    pub(crate) fn payload_of(&self, v: Value, ty: TypeCode) -> Option<&[u8]> {
        match self.typed_payload(v) {
            (t, p) if t == ty => Some(p),
            _ => None,
        }
    }

    /// `ToNumber` for primitives (no allocation); NaN for objects.
    #[inline]
    pub(crate) fn to_number(&self, v: Value) -> Num {
        if v.is_int() {
            num_from_int(v.int_value())
        } else {
            self.to_number_slow(v)
        }
    }

    #[inline(never)]
    fn to_number_slow(&self, v: Value) -> Num {
        match v.well_known() {
            Some(WellKnown::Null | WellKnown::False) => return num_from_int(0),
            Some(WellKnown::True) => return num_from_int(1),
            #[cfg(feature = "float")]
            Some(WellKnown::NegZero) => return -Num::ZERO,
            #[cfg(not(feature = "float"))]
            Some(WellKnown::NegZero) => return Some(0),
            _ => {}
        }
        let (ty, p) = match self.typed_payload(v) {
            (
                ty @ (TypeCode::Int32 | TypeCode::Float64 | TypeCode::StrAscii | TypeCode::StrUtf8),
                p,
            ) => (ty, p),
            _ => match v.well_known().and_then(WellKnown::text) {
                Some(t) => (TypeCode::StrAscii, t),
                None => return NAN,
            },
        };
        match (ty, p) {
            (TypeCode::Int32, &[a, b, c, d, ..]) => num_from_int(i32::from_le_bytes([a, b, c, d])),
            #[cfg(feature = "float")]
            (TypeCode::Float64, &[a, b, c, d, e, f, g, h, ..]) => {
                crate::float::F64(u64::from_le_bytes([a, b, c, d, e, f, g, h]))
            }
            #[cfg(feature = "float")]
            (TypeCode::Int32 | TypeCode::Float64, _) => NAN,
            #[cfg(not(feature = "float"))]
            (TypeCode::Int32, _) => NAN,
            #[cfg(feature = "float")]
            _ => Num::from_f64(crate::number::parse_js_number(p)),
            #[cfg(not(feature = "float"))]
            _ => crate::number::parse_js_int(p),
        }
    }

    /// An integer value: int14 when it fits, else a boxed int32.
    #[inline(never)]
    pub(crate) fn new_int(&mut self, i: i32) -> R<Value> {
        if let Some(v) = Value::int(i) {
            return Ok(v);
        }
        let v = self.alloc(TypeCode::Int32, 4)?;
        self.write_bytes(v, 0, &i.to_le_bytes());
        Ok(v)
    }

    /// A number value: an int when integral (`-0` and NaN are well-known),
    /// else a boxed float64.
    #[cfg(feature = "float")]
    #[inline(never)]
    pub(crate) fn new_num(&mut self, f: Num) -> R<Value> {
        if f.is_nan() {
            return Ok(Value::NAN);
        }
        if f.is_zero() && f.is_sign_negative() {
            return Ok(Value::NEG_ZERO);
        }
        if let Some(i) = f.to_exact_i32() {
            return self.new_int(i);
        }
        let v = self.alloc(TypeCode::Float64, 8)?;
        self.write_bytes(v, 0, &f.0.to_le_bytes());
        Ok(v)
    }
    #[cfg(not(feature = "float"))]
    pub(crate) fn new_num(&mut self, n: Num) -> R<Value> {
        match n {
            Some(i) => self.new_int(i),
            None => Ok(Value::NAN),
        }
    }

    /// A number from the host.
    pub(crate) fn new_f64(&mut self, f: f64) -> R<Value> {
        #[cfg(feature = "float")]
        return self.new_num(Num::from_f64(f));
        #[cfg(not(feature = "float"))]
        {
            if f.to_bits() == 1 << 63 {
                return Ok(Value::NEG_ZERO);
            }
            match f64_to_int(f) {
                Some(Some(i)) => self.new_int(i),
                Some(None) => Ok(Value::NAN),
                None => self.throw_no_float(),
            }
        }
    }

    /// Throws the RangeError of an engine built without floating point.
    #[cfg(not(feature = "float"))]
    #[inline(always)]
    pub(crate) fn throw_no_float<T>(&mut self) -> R<T> {
        self.throw_range_error(b"this engine is built without floating-point numbers")
    }

    /// The binary arithmetic operators, on `[a, b]` at the top of the stack.
    #[inline(never)]
    pub(crate) fn arith(&mut self, code: u8) -> R<Value> {
        let at = self.sp().wrapping_sub(2);
        let (a, b) = (self.st(at), self.st(at.wrapping_add(1)));
        if let (Some(x), Some(y)) = (self.int_of(a), self.int_of(b)) {
            if let Some(r) = int_fast(code, x, y) {
                return self.new_int(r);
            }
        } else {
            self.primitive_operands(2)?;
            if code == op::Add && !(self.is_number_like(a) && self.is_number_like(b)) {
                return self.concat_top();
            }
        }
        let (x, y) = (self.to_number(a), self.to_number(b));
        if let Some(r) = bit_op(code, num_to_int32(x), num_to_int32(y), false) {
            return self.new_int(r);
        }
        self.arith_slow(code, x, y)
    }

    #[cfg(feature = "float")]
    fn arith_slow(&mut self, code: u8, x: Num, y: Num) -> R<Value> {
        let r = match code {
            op::Add => x + y,
            op::Sub => x - y,
            op::Mul => x * y,
            op::Div => x / y,
            op::DivInt => return self.new_int(num_to_int32(x / y)),
            op::Rem => Num::from_f64(crate::number::fmod(x.to_f64(), y.to_f64())),
            op::UShr => {
                Num::from_parts((num_to_int32(x) as u32 >> (num_to_int32(y) & 31)) as u64, 0)
            }
            #[cfg(feature = "math")]
            _ => js_pow(x, y),
            // Restore refuses images with `**` to an engine without `math`.
            #[cfg(not(feature = "math"))]
            _ => return self.throw_range_error(b"x ** y needs the engine feature math"),
        };
        self.new_num(r)
    }

    /// Integer arithmetic that `int_fast` left over: NaN operands, results
    /// that overflow (only with `overflow-checks`), fractions and -0.
    #[cfg(not(feature = "float"))]
    fn arith_slow(&mut self, code: u8, x: Num, y: Num) -> R<Value> {
        let (Some(x), Some(y)) = (x, y) else {
            return Ok(Value::NAN);
        };
        let r = match code {
            op::Div | op::DivInt if y == 0 => {
                if x == 0 || code == op::DivInt {
                    return Ok(if code == op::DivInt {
                        Value::ZERO
                    } else {
                        Value::NAN
                    });
                }
                None
            }
            op::Div if x.wrapping_rem(y) == 0 => x.checked_div(y),
            op::DivInt => Some(x.wrapping_div(y)),
            op::Rem if y == 0 => return Ok(Value::NAN),
            op::Rem => Some(x.wrapping_rem(y)),
            _ => None,
        };
        match r {
            Some(0) if (code == op::Div && (x < 0) != (y < 0)) || (code == op::Rem && x < 0) => {
                Ok(Value::NEG_ZERO)
            }
            Some(r) => self.new_int(r),
            None => match code {
                op::Mul if x == 0 || y == 0 => Ok(Value::NEG_ZERO),
                _ => self.throw_no_float(),
            },
        }
    }

    fn is_number_like(&self, v: Value) -> bool {
        matches!(
            self.kind(v),
            ValueKind::Number | ValueKind::Boolean | ValueKind::Undefined | ValueKind::Null
        )
    }

    /// Refuses with `Fault::Primitive` when one of the top `n` operands is
    /// an object or an array, which an operator first converts to a
    /// primitive (ToPrimitive, run by the executor). Functions keep their
    /// native text: their `toString` and `valueOf` are never a script's.
    #[inline(never)]
    pub(crate) fn primitive_operands(&self, n: usize) -> R<()> {
        for k in 0..n {
            if self.needs_primitive(self.top(k)) {
                return Err(Fault::Primitive);
            }
        }
        Ok(())
    }

    /// Whether an operator converts `v` with ToPrimitive (objects and
    /// arrays; functions keep their native text).
    pub(crate) fn needs_primitive(&self, v: Value) -> bool {
        matches!(self.kind(v), ValueKind::Object | ValueKind::Array)
    }

    /// `-a`, `+a`, `~a` on the top of the stack.
    pub(crate) fn unary(&mut self, code: u8) -> R<Value> {
        self.primitive_operands(1)?;
        let v = self.top(0);
        let x = self.to_number(v);
        if code == op::BitNot {
            return self.new_int(!num_to_int32(x));
        }
        if code == op::Neg {
            if let Some(i) = self.int_of(v) {
                if !cfg!(feature = "overflow-checks") {
                    return self.new_int(i.wrapping_neg());
                }
                if i != 0 && i != i32::MIN {
                    return self.new_int(-i);
                }
            }
            #[cfg(feature = "float")]
            return self.new_num(-x);
            #[cfg(not(feature = "float"))]
            return match x {
                Some(0) => Ok(Value::NEG_ZERO),
                Some(i) => match i.checked_neg() {
                    Some(n) => self.new_int(n),
                    None => self.throw_no_float(),
                },
                None => Ok(Value::NAN),
            };
        }
        if self.kind(v) == ValueKind::Number {
            return Ok(v);
        }
        self.new_num(x)
    }

    // --- equality and comparison -----------------------------------------------

    #[inline(never)]
    pub(crate) fn strict_eq(&self, a: Value, b: Value) -> bool {
        if a == b {
            return a != Value::NAN;
        }
        if a.is_int() && b.is_int() {
            return false;
        }
        let (ka, kb) = (self.kind(a), self.kind(b));
        if ka != kb {
            return false;
        }
        match ka {
            ValueKind::Number => num_eq(self.to_number(a), self.to_number(b)),
            ValueKind::String => self.str_bytes(a) == self.str_bytes(b),
            _ => false,
        }
    }

    /// `a == b` on the top two stack words: an object compared with a
    /// primitive is first converted to one (`Fault::Primitive`).
    pub(crate) fn loose_eq_top(&self) -> R<bool> {
        let at = self.sp().wrapping_sub(2);
        let primitive = |k| {
            matches!(
                k,
                ValueKind::Number | ValueKind::String | ValueKind::Boolean
            )
        };
        let (a, b) = (self.st(at), self.st(at + 1));
        let (ka, kb) = (self.kind(a), self.kind(b));
        if (self.needs_primitive(a) && primitive(kb)) || (self.needs_primitive(b) && primitive(ka))
        {
            return Err(Fault::Primitive);
        }
        let nullish = |k| matches!(k, ValueKind::Undefined | ValueKind::Null);
        if nullish(ka) || nullish(kb) {
            return Ok(nullish(ka) && nullish(kb));
        }
        if ka == kb || !(primitive(ka) && primitive(kb)) {
            return Ok(self.strict_eq(a, b));
        }
        Ok(num_eq(self.to_number(a), self.to_number(b)))
    }

    /// `<`, `<=`, `>`, `>=` on the top two stack words.
    #[inline(never)]
    pub(crate) fn compare(&self, code: u8) -> R<bool> {
        use core::cmp::Ordering;
        let (a, b) = (self.top(1), self.top(0));
        let o = if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            x.cmp(&y)
        } else if let (Some(x), Some(y)) = (self.str_bytes(a), self.str_bytes(b)) {
            crate::sem::string::compare_utf16(x, y)
        } else {
            self.primitive_operands(2)?;
            let (x, y) = (self.to_number(a), self.to_number(b));
            if num_is_nan(x) || num_is_nan(y) {
                return Ok(false);
            }
            match x.partial_cmp(&y) {
                Some(o) => o,
                None => return Ok(false),
            }
        };
        Ok(match code {
            op::Lt => o == Ordering::Less,
            op::Le => o != Ordering::Greater,
            op::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        })
    }
}

/// The bitwise operators on int32 operands; `None` for the others, and for
/// a `>>>` whose result passes i32 unless `wrap` (int operands without
/// overflow checks wrap like C: `-1 >>> 0` is -1).
fn bit_op(code: u8, x: i32, y: i32, wrap: bool) -> Option<i32> {
    let s = (y as u32) & 31;
    Some(match code {
        op::BitAnd => x & y,
        op::BitOr => x | y,
        op::BitXor => x ^ y,
        op::Shl => x.wrapping_shl(s),
        op::Shr => x >> s,
        op::UShr if wrap || x >= 0 || s > 0 => ((x as u32) >> s) as i32,
        _ => return None,
    })
}

/// Integer results that need no float. Without the `overflow-checks`
/// feature, integer arithmetic wraps like C's int32 and never makes `-0`
/// (Microvium's switch); with it, `None` asks for the general path
/// whenever JavaScript needs a float (division, `-0`, negative exponents,
/// overflow past i32).
fn int_fast(code: u8, x: i32, y: i32) -> Option<i32> {
    let checked = cfg!(feature = "overflow-checks");
    match code {
        op::Add if !checked => Some(x.wrapping_add(y)),
        op::Sub if !checked => Some(x.wrapping_sub(y)),
        op::Mul if !checked => Some(x.wrapping_mul(y)),
        op::Add => x.checked_add(y),
        op::Sub => x.checked_sub(y),
        op::Mul => x.checked_mul(y).filter(|r| *r != 0 || (x >= 0 && y >= 0)),
        op::Rem if y != 0 && (!checked || x >= 0 || x.wrapping_rem(y) != 0) => {
            Some(x.wrapping_rem(y))
        }
        op::DivInt if y != 0 => Some(x.wrapping_div(y)),
        op::Pow if (0..31).contains(&y) => {
            let mut r: i32 = 1;
            for _ in 0..y {
                r = r.checked_mul(x)?;
            }
            Some(r)
        }
        _ => bit_op(code, x, y, !checked),
    }
}

/// `x ** y` as JavaScript defines it (differs from C's `pow` on NaN and ±1).
#[cfg(all(feature = "float", feature = "math"))]
fn js_pow(x: Num, y: Num) -> Num {
    if y.is_nan() || (x.abs().0 == Num::ONE.0 && y.is_infinite()) {
        return Num::NAN;
    }
    crate::float::pow(x, y)
}

/// A host's `f64` without float arithmetic: the int32 it holds exactly
/// (`Some(Some(i))`), NaN (`Some(None)`), or a value that needs a float.
#[cfg(not(feature = "float"))]
fn f64_to_int(f: f64) -> Option<Option<i32>> {
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7FF) as i32;
    let mantissa = bits & ((1 << 52) - 1);
    if exp == 0x7FF {
        return if mantissa != 0 { Some(None) } else { None };
    }
    if exp == 0 && mantissa == 0 {
        return Some(Some(0));
    }
    // value = 1.mantissa × 2^(exp - 1023); an int32 needs 0 <= shift <= 30
    // (or exactly -2^31) and no bits below the point.
    let shift = exp - 1023;
    if !(0..=31).contains(&shift) {
        return None;
    }
    let m = mantissa | 1 << 52;
    if m & ((1u64 << (52 - shift)) - 1) != 0 {
        return None;
    }
    let magnitude = (m >> (52 - shift)) as u32;
    let negative = bits >> 63 != 0;
    match (negative, magnitude) {
        (true, 0x8000_0000) => Some(Some(i32::MIN)),
        (_, m) if m > i32::MAX as u32 => None,
        (true, m) => Some(Some(-(m as i32))),
        (false, m) => Some(Some(m as i32)),
    }
}
