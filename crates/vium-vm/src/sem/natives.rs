//! The native builtins (`console.log`, the error constructors, `push`,
//! iterators, conversions and the `__vium` primitives the prelude is
//! written with), and calls of host functions.

use crate::format::TypeCode;
use crate::host::{Host, HostCall, HostError, HostValue, ValueKind};
#[cfg(feature = "strings")]
use crate::sem::num::{num_to_index, Num};
#[cfg(feature = "strings")]
use crate::sem::string::{unit_at, utf16_index_of};
use crate::value::{Value, WellKnown};
use crate::vm::{Fault, Vm, R};

impl WellKnown {
    /// Whether this well-known value is callable.
    pub(crate) fn is_function(self) -> bool {
        matches!(
            self,
            WellKnown::VmExport
                | WellKnown::VmImport
                | WellKnown::Error
                | WellKnown::TypeError
                | WellKnown::RangeError
                | WellKnown::SyntaxError
                | WellKnown::ArrayPush
                | WellKnown::ObjectCtor
                | WellKnown::ArrayCtor
                | WellKnown::Uint8ArrayCtor
                | WellKnown::Eval
                | WellKnown::FunctionCtor
        ) || self.is_builtin_function()
    }
}

impl Vm<'_> {
    /// Calls a builtin with `[callee, this, args × n]` at `base` (or
    /// `[callee, args × n]` when `construct`).
    #[inline(never)]
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
        let args = base + 2 - construct as usize;
        let this_at = base + 1;
        let arg = |vm: &Self, i: usize| {
            if i < n {
                vm.st(args + i)
            } else {
                Value::UNDEFINED
            }
        };
        let num = |vm: &Self, i: usize| vm.to_number(arg(vm, i));
        #[cfg(feature = "strings")]
        let index = |vm: &Self, i: usize| num_to_index(num(vm, i));
        match w {
            WellKnown::Print => {
                self.print(host, arg(self, 0));
                Ok(Value::UNDEFINED)
            }
            #[cfg(feature = "reflect")]
            WellKnown::OwnEntries => self.own_entries(args),
            // `__vium.define(o, k, v, flags)`: an own property with
            // attributes (`sem::object::HIDDEN`…, and `DEFINE_GETTER` /
            // `DEFINE_SETTER` for `v` as an accessor half) on an ordinary
            // object; on anything else a plain write.
            #[cfg(feature = "reflect")]
            WellKnown::Define if n >= 3 => {
                let flags = arg(self, 3).as_int().unwrap_or(0) as u8;
                self.statics_in_place(args);
                if self.tc(self.st(args)) != TypeCode::Object {
                    self.set_property_at(args)?;
                    return Ok(Value::UNDEFINED);
                }
                let key = self.property_key(self.st(args + 1))?;
                self.set_st(args + 1, key);
                self.define_at(args, flags)?;
                Ok(Value::UNDEFINED)
            }
            // `__vium.define(o[, flags])`: the object's flags
            // (`NOT_EXTENSIBLE`), after adding `flags`.
            #[cfg(feature = "reflect")]
            WellKnown::Define => {
                self.statics_in_place(args);
                let o = arg(self, 0);
                let add = arg(self, 1).as_int().unwrap_or(0) as u8;
                if self.tc(o) != TypeCode::Object {
                    return Ok(Value::ZERO);
                }
                let f = self.prop_flags(o, 0) | add;
                if add != 0 {
                    self.set_prop_flags(args, None, f)?;
                }
                Ok(Value::small_int(f as i16))
            }
            #[cfg(feature = "reflect")]
            WellKnown::TypeTag => {
                let t = self.tc(arg(self, 0));
                Ok(if t == TypeCode::Forwarded {
                    Value::small_int(-1)
                } else {
                    Value::small_int(t as i16)
                })
            }
            WellKnown::Error
            | WellKnown::TypeError
            | WellKnown::RangeError
            | WellKnown::SyntaxError => {
                let has_msg = arg(self, 0) != Value::UNDEFINED;
                if has_msg {
                    let m = self.string_at(args)?;
                    self.set_st(args, m);
                }
                self.new_error_at(w, has_msg.then_some(args))
            }
            WellKnown::ArrayPush => {
                if self.tc(self.st(this_at)) != TypeCode::Array {
                    return self.throw_type_error(b"push called on a non-array");
                }
                let mut len = self.array_len(self.st(this_at));
                for i in 0..n {
                    len = self.array_push_at(this_at, args + i)?;
                }
                self.new_int(len as i32)
            }
            WellKnown::VmExport => self.vm_export(args, n),
            WellKnown::VmImport => self.vm_import(arg(self, 0)),
            WellKnown::Uint8ArrayCtor if construct => {
                if n == 0 {
                    self.push(Value::UNDEFINED);
                }
                self.construct_bytes(args)
            }
            WellKnown::Uint8ArrayCtor => {
                self.throw_type_error(b"Constructor Uint8Array requires 'new'")
            }
            WellKnown::StringCtor if n == 0 => Ok(Value::EMPTY_STRING),
            WellKnown::StringCtor => self.string_at(args),
            WellKnown::NumberCtor => {
                let x = if n == 0 {
                    crate::sem::num::num_from_int(0)
                } else {
                    num(self, 0)
                };
                self.new_num(x)
            }
            WellKnown::Enqueue => self.enqueue_job(args, n),
            #[cfg(feature = "strings")]
            WellKnown::ParseFloat => {
                let s = self.string_at(args)?;
                let b = self.str_bytes(s).unwrap_or(b"");
                let x = parse_float(b);
                self.new_parsed(x)
            }
            #[cfg(feature = "float")]
            WellKnown::Sqrt => {
                let x = num(self, 0);
                self.new_num(crate::float::sqrt(x))
            }
            #[cfg(not(feature = "float"))]
            WellKnown::Sqrt => self.throw_no_float(),
            WellKnown::IsArray => Ok(Value::bool(self.tc(arg(self, 0)) == TypeCode::Array)),
            // `__vium.proto(o, p)`: only an ordinary object's link can change
            // (false otherwise); the prelude checks `p` and cycles.
            #[cfg(feature = "reflect")]
            WellKnown::Proto if n >= 2 => {
                let o = arg(self, 0);
                let settable = self.tc(o) == TypeCode::Object;
                if settable {
                    self.set_slot(o, 0, arg(self, 1));
                }
                Ok(Value::bool(settable))
            }
            #[cfg(feature = "reflect")]
            WellKnown::Proto => Ok(self.proto_of(arg(self, 0))),
            #[cfg(feature = "reflect")]
            WellKnown::ObjectKeys => {
                self.push(arg(self, 0));
                let k = self.own_keys();
                self.set_sp(self.sp().wrapping_sub(1));
                k
            }
            #[cfg(feature = "strings")]
            WellKnown::CharCodeAt => {
                let i = index(self, 1);
                let b = self.str_bytes(arg(self, 0)).unwrap_or(b"");
                match unit_at(b, i.max(0) as usize).filter(|_| i >= 0) {
                    Some(u) => self.new_int(u as i32),
                    None => Ok(Value::NAN),
                }
            }
            #[cfg(feature = "strings")]
            WellKnown::FromCharCode => {
                let c = crate::sem::num::num_to_int32(num(self, 0)) as u16;
                self.unit_string(c as u32)
            }
            #[cfg(feature = "strings")]
            WellKnown::Substring => {
                let s = self.string_at(args)?;
                self.set_st(args, s);
                let units = self.string_length(s) as i32;
                // (`max` then `min`: `clamp` would assert `0 <= units`.)
                let clamp = |i: i32| i.max(0).min(units) as usize;
                let a = clamp(index(self, 1));
                let end = arg(self, 2);
                let b = if end == Value::UNDEFINED {
                    units as usize
                } else {
                    clamp(index(self, 2))
                };
                self.substring_at(args, a.min(b), a.max(b))
            }
            #[cfg(feature = "strings")]
            WellKnown::StringIndexOf => {
                let from = index(self, 2).max(0) as usize;
                let hay = self.str_bytes(arg(self, 0)).unwrap_or(b"");
                let needle = self.str_bytes(arg(self, 1)).unwrap_or(b"");
                let found = utf16_index_of(hay, needle, from);
                self.new_int(found.map_or(-1, |i| i as i32))
            }
            #[cfg(feature = "strings")]
            WellKnown::ToFixed => self.fixed_text(num(self, 0), num(self, 1)),
            // `eval` of anything but a string is that value; text needs
            // the compiler, which only the build has.
            WellKnown::Eval if self.kind(arg(self, 0)) != ValueKind::String => Ok(arg(self, 0)),
            WellKnown::Eval => {
                self.throw_error(WellKnown::Error, b"eval is only available at build time")
            }
            WellKnown::FunctionCtor => self.throw_error(
                WellKnown::Error,
                b"new Function is only available at build time",
            ),
            #[cfg(feature = "strings")]
            WellKnown::Join => {
                if arg(self, 1) == Value::UNDEFINED {
                    return self.join_at(args, None, 0);
                }
                let sep = self.string_at(args + 1)?;
                self.set_st(args + 1, sep);
                self.join_at(args, Some(args + 1), 0)
            }
            // Only an image whose header hides that it needs `strings` gets
            // here (restore refuses the others).
            #[cfg(not(feature = "strings"))]
            WellKnown::ParseFloat
            | WellKnown::CharCodeAt
            | WellKnown::FromCharCode
            | WellKnown::Substring
            | WellKnown::StringIndexOf
            | WellKnown::ToFixed
            | WellKnown::Join => {
                self.throw_type_error(b"string methods need the engine feature strings")
            }
            // Only an image whose header hides that it needs `reflect`
            // gets here (restore refuses the others).
            #[cfg(not(feature = "reflect"))]
            WellKnown::OwnEntries
            | WellKnown::ObjectKeys
            | WellKnown::Define
            | WellKnown::Proto
            | WellKnown::TypeTag => {
                self.throw_type_error(b"object reflection needs the engine feature reflect")
            }
            _ => self.throw_not_function(w.value()),
        }
    }

    /// `__vium.toFixed(x, digits)`.
    #[cfg(all(feature = "strings", feature = "float"))]
    fn fixed_text(&mut self, x: Num, digits: Num) -> R<Value> {
        let digits = num_to_index(digits);
        if !(0..=100).contains(&digits) {
            return self.throw_range_error(b"toFixed() digits argument must be between 0 and 100");
        }
        self.new_string(crate::number::format_fixed(x.to_f64(), digits as u8).as_bytes())
    }
    #[cfg(all(feature = "strings", not(feature = "float")))]
    fn fixed_text(&mut self, _x: Num, _digits: Num) -> R<Value> {
        self.throw_no_float()
    }

    /// `vmExport(id, value)`: records an export (build time only).
    fn vm_export(&mut self, args: usize, n: usize) -> R<Value> {
        #[cfg(feature = "snapshot")]
        if self.build_time() {
            if n == 0
                || !self
                    .int_of(self.st(args))
                    .is_some_and(|i| (0..=0xFFFF).contains(&i))
            {
                return self.throw_type_error(b"vmExport: the id must be an integer");
            }
            if self.round.exports_table == Value::UNDEFINED {
                self.round.exports_table = self.new_array(4)?;
            }
            if n < 2 {
                self.push(Value::UNDEFINED);
            }
            self.push(self.round.exports_table);
            let t = self.sp().wrapping_sub(1);
            self.array_push_at(t, args)?;
            self.array_push_at(t, args + 1)?;
            self.round.exports_table = self.st(t);
            return Ok(Value::UNDEFINED);
        }
        let _ = (args, n);
        self.throw_build_only()
    }

    /// What `vmExport` and `vmImport` do on a device.
    fn throw_build_only<T>(&mut self) -> R<T> {
        self.throw_error(
            WellKnown::Error,
            b"vmExport and vmImport work only at build time",
        )
    }

    /// `vmImport(id)`: the host function with that id (build time only).
    fn vm_import(&mut self, id: Value) -> R<Value> {
        #[cfg(feature = "snapshot")]
        if self.build_time() {
            let Some(id) = id.as_int().filter(|i| (0..=0xFFFF).contains(i)) else {
                return self.throw_type_error(b"vmImport: the id must be an integer");
            };
            let f = self.alloc(TypeCode::HostFunc, 2)?;
            self.write_bytes(f, 0, &(id as u16).to_le_bytes());
            return Ok(f);
        }
        let _ = id;
        self.throw_build_only()
    }

    /// Calls host function `id` with `[callee, this, args × n]` at `base`.
    #[inline(never)]
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
        let sp = self.sp();
        let outcome = host.call(self, id, call);
        self.set_sp(self.sp().max(sp));
        let (value, thrown) = match outcome {
            Ok(v) => (v, false),
            Err(HostError::Propagate) => return Err(Fault::Throw),
            Err(HostError::Error(msg)) => {
                return self.throw_error(WellKnown::Error, msg.as_bytes())
            }
            Err(HostError::Throw(v)) => (v, true),
        };
        let v = match value {
            HostValue::Arg(i) => self.host_arg(&call, i),
            other => self.host_value(other)?,
        };
        if thrown {
            self.result = v;
            return Err(Fault::Throw);
        }
        Ok(v)
    }
}

#[cfg(all(feature = "strings", feature = "float"))]
fn parse_float(b: &[u8]) -> Parsed {
    crate::number::parse_float_prefix(b)
}
#[cfg(all(feature = "strings", feature = "float"))]
type Parsed = f64;

/// What parsing gave without float support: an int32, NaN (`Some(None)`),
/// or a number that needs a float (`None`).
#[cfg(all(feature = "strings", not(feature = "float")))]
type Parsed = Option<Num>;

#[cfg(all(feature = "strings", not(feature = "float")))]
fn parse_float(b: &[u8]) -> Parsed {
    // Only the integer part can be represented; a fraction needs a float.
    let r = parse_decimal_int(b);
    let digits_end = b.iter().position(|c| {
        !(c.is_ascii_digit() || matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'-' | b'+'))
    });
    match digits_end.and_then(|e| b.get(e)) {
        Some(b'.' | b'e' | b'E') => None,
        _ => r,
    }
}

/// The decimal integer at the start of `b` (after white space and a sign)
/// with int32 arithmetic.
#[cfg(all(feature = "strings", not(feature = "float")))]
fn parse_decimal_int(b: &[u8]) -> Parsed {
    let mut s = b;
    while let [c, rest @ ..] = s {
        if !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            break;
        }
        s = rest;
    }
    let neg = s.first() == Some(&b'-');
    if matches!(s.first(), Some(b'-' | b'+')) {
        s = s.get(1..).unwrap_or(&[]);
    }
    let radix = 10;
    let mut v: i32 = 0;
    let mut any = false;
    for &c in s {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 10,
            _ => 36,
        } as i32;
        if d >= radix {
            break;
        }
        v = v.checked_mul(radix)?.checked_add(d)?;
        any = true;
    }
    if !any {
        return Some(None);
    }
    Some(Some(if neg { -v } else { v }))
}

#[cfg(feature = "strings")]
impl Vm<'_> {
    #[cfg(feature = "float")]
    fn new_parsed(&mut self, x: Parsed) -> R<Value> {
        self.new_num(Num::from_f64(x))
    }
    #[cfg(not(feature = "float"))]
    fn new_parsed(&mut self, x: Parsed) -> R<Value> {
        match x {
            Some(n) => self.new_num(n),
            None => self.throw_no_float(),
        }
    }
}
