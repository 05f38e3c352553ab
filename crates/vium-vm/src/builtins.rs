//! The builtin library's runtime side. Methods (`Array.prototype.map`,
//! `Math.floor`, `JSON.stringify`, …) are JavaScript compiled into the image
//! from the compiler's prelude; the prelude hands its objects to the VM as
//! exports with the reserved ids below, which is how the VM finds them for
//! `[].map`, `"s".slice`, `Math.max`. The snapshot writer keeps only the
//! members whose names reachable code mentions, so unused builtins cost no
//! image bytes. This module owns those ids, the lookups through them, and
//! the few primitives (`__vium.*`) that are smaller or only possible in Rust.

use crate::value::{Value, WellKnown};
use crate::vm::Vm;
#[cfg(feature = "snapshot")]
use crate::{
    format::TypeCode,
    host::ValueKind,
    vm::{CORRUPT, R},
};

/// Exports at or above this id are the builtin library's, not the script's.
pub const FIRST_RESERVED_EXPORT: u16 = 0xFF00;
/// The members of `Array.prototype` (`[].map`).
pub const ARRAY_PROTOTYPE: u16 = 0xFF00;
/// The members of `String.prototype` (`"s".slice`).
pub const STRING_PROTOTYPE: u16 = 0xFF01;
/// The members of `Number.prototype` (`n.toFixed`).
pub const NUMBER_PROTOTYPE: u16 = 0xFF02;
/// The static members of `Object` (`Object.keys`).
pub const OBJECT_STATICS: u16 = 0xFF03;
/// The static members of `Array` (`Array.isArray`).
pub const ARRAY_STATICS: u16 = 0xFF04;
/// The static members of `String` (`String.fromCharCode`).
pub const STRING_STATICS: u16 = 0xFF05;
/// The static members of `Number` (`Number.isInteger`).
pub const NUMBER_STATICS: u16 = 0xFF06;
/// The members of `Math`.
pub const MATH: u16 = 0xFF07;
/// The members of `JSON`.
pub const JSON: u16 = 0xFF08;
/// The members of `Reflect`.
pub const REFLECT: u16 = 0xFF09;
/// Build time only: `[text, code, text, code, …]`, the functions the build
/// driver compiled for the texts given to `eval` and `new Function` (each
/// returns the completion value of its text). Never written into an image.
pub const EVAL_TABLE: u16 = 0xFF0B;
/// The `Promise` class: exported only so that the snapshot keeps just the
/// statics a script names (the VM never looks it up).
pub const PROMISE_CLASS: u16 = 0xFF0A;
/// The members of `console` (`log`).
pub const CONSOLE: u16 = 0xFF0C;
/// The members of `Object.prototype` (`hasOwnProperty`, `toString`).
pub const OBJECT_PROTOTYPE: u16 = 0xFF0D;
/// The members of `Function.prototype` (`call`, `apply`, `bind`).
pub const FUNCTION_PROTOTYPE: u16 = 0xFF0E;
/// The members of `Error.prototype` (`toString`).
pub const ERROR_PROTOTYPE: u16 = 0xFF0F;

/// `{ toString: toPrimitive, valueOf: toPrimitive }`: the function that
/// runs ToPrimitive for an operator meeting an object, kept (under either
/// name) only when reachable code names one of the methods it calls.
pub const TO_PRIMITIVE: u16 = 0xFF10;

/// The builtin objects and prototypes whose members are a reserved export.
const MEMBERS: [(WellKnown, u16); 14] = [
    (WellKnown::ObjectCtor, OBJECT_STATICS),
    (WellKnown::ArrayCtor, ARRAY_STATICS),
    (WellKnown::StringCtor, STRING_STATICS),
    (WellKnown::NumberCtor, NUMBER_STATICS),
    (WellKnown::MathObject, MATH),
    (WellKnown::JsonObject, JSON),
    (WellKnown::ReflectObject, REFLECT),
    (WellKnown::Console, CONSOLE),
    (WellKnown::ObjectPrototype, OBJECT_PROTOTYPE),
    (WellKnown::FunctionPrototype, FUNCTION_PROTOTYPE),
    (WellKnown::ArrayPrototype, ARRAY_PROTOTYPE),
    (WellKnown::StringPrototype, STRING_PROTOTYPE),
    (WellKnown::NumberPrototype, NUMBER_PROTOTYPE),
    (WellKnown::ErrorPrototype, ERROR_PROTOTYPE),
];

/// `__vium.<name>`: the primitives available to the prelude. Only the
/// prelude's top level reads them (the compiler sees to it), at build time,
/// so a device carries neither this table nor its names.
#[cfg(feature = "snapshot")]
const INTRINSICS: &[(&str, WellKnown)] = &[
    ("charCodeAt", WellKnown::CharCodeAt),
    ("fromCharCode", WellKnown::FromCharCode),
    ("substring", WellKnown::Substring),
    ("indexOf", WellKnown::StringIndexOf),
    ("isArray", WellKnown::IsArray),
    ("sqrt", WellKnown::Sqrt),
    ("toFixed", WellKnown::ToFixed),
    ("keys", WellKnown::ObjectKeys),
    ("join", WellKnown::Join),
    ("enqueue", WellKnown::Enqueue),
    ("print", WellKnown::Print),
    ("own", WellKnown::OwnEntries),
    ("type", WellKnown::TypeTag),
    ("define", WellKnown::Define),
    ("proto", WellKnown::Proto),
    ("objectPrototype", WellKnown::ObjectPrototype),
    ("functionPrototype", WellKnown::FunctionPrototype),
    ("arrayPrototype", WellKnown::ArrayPrototype),
    ("stringPrototype", WellKnown::StringPrototype),
    ("numberPrototype", WellKnown::NumberPrototype),
];

impl WellKnown {
    /// The reserved export that holds this builtin object's members.
    pub(crate) fn members_export(self) -> Option<u16> {
        MEMBERS.iter().find(|(w, _)| *w == self).map(|(_, id)| *id)
    }

    pub(crate) fn is_builtin_function(self) -> bool {
        matches!(
            self,
            WellKnown::StringCtor
                | WellKnown::NumberCtor
                | WellKnown::ParseFloat
                | WellKnown::CharCodeAt
                | WellKnown::FromCharCode
                | WellKnown::Substring
                | WellKnown::StringIndexOf
                | WellKnown::IsArray
                | WellKnown::Sqrt
                | WellKnown::ToFixed
                | WellKnown::ObjectKeys
                | WellKnown::Join
                | WellKnown::Enqueue
                | WellKnown::Print
                | WellKnown::OwnEntries
                | WellKnown::TypeTag
                | WellKnown::Define
                | WellKnown::Proto
        )
    }
}

/// What `eval(…)` or `Function(…)` comes to.
#[cfg(feature = "snapshot")]
pub(crate) enum EvalTarget {
    /// Call this compiled code (no arguments, `this` undefined): its
    /// result is the call's.
    Code(Value),
    /// The result, without running code (`eval` of a non-string).
    Value(Value),
}

impl Vm<'_> {
    /// `key` among the own members of the builtin object exported as `id`
    /// (undefined when the image has none: the snapshot dropped it as
    /// unused). Own members only: following a (corrupt) prototype back to
    /// an array or string would recurse without end.
    #[inline(never)]
    pub(crate) fn builtin_member(&self, id: u16, key: Value) -> Value {
        let Some(obj) = self.find_export(id) else {
            return Value::UNDEFINED;
        };
        if self.tc(obj) != crate::format::TypeCode::Object {
            return Value::UNDEFINED;
        }
        match self.find_own(obj, key) {
            Some(i) => {
                let v = self.own_value(obj, i);
                #[cfg(feature = "coverage")]
                self.cover_member(id, key, v);
                v
            }
            None => Value::UNDEFINED,
        }
    }

    /// The value of the first own member of the builtin object exported as
    /// `id` (undefined when there is none).
    pub(crate) fn builtin_first_member(&self, id: u16) -> Value {
        match self.find_export(id) {
            Some(obj) if self.tc(obj) == crate::format::TypeCode::Object => {
                let props = self.slot(obj, 1);
                if props != Value::NULL && self.slot(props, 0).as_int().unwrap_or(0) > 0 {
                    self.own_value(obj, 0)
                } else {
                    Value::UNDEFINED
                }
            }
            _ => Value::UNDEFINED,
        }
    }

    /// `__vium.<key>` (build time).
    #[cfg(feature = "snapshot")]
    pub(crate) fn intrinsic(&self, key: Value) -> Value {
        let name = self.str_bytes(key).unwrap_or(b"");
        INTRINSICS
            .iter()
            .find(|(n, _)| n.as_bytes() == name)
            .map_or(Value::UNDEFINED, |(_, w)| w.value())
    }
}

/// Build time: `eval` and `new Function` find the code the build driver
/// compiled for their text.
#[cfg(feature = "snapshot")]
impl Vm<'_> {
    /// `eval(text)` (`w` = `Eval`) or `Function(params…, body)` (`w` =
    /// `FunctionCtor`) with `[callee, this, args × n]` at `base`. At build
    /// time, the code compiled for the text; text without code is recorded
    /// for the build driver and ends the run. (On a device both throw:
    /// there is no compiler.)
    pub(crate) fn eval_target(&mut self, w: WellKnown, base: usize, n: usize) -> R<EvalTarget> {
        let args = base + 2;
        if w == WellKnown::Eval {
            if n == 0 {
                return Ok(EvalTarget::Value(Value::UNDEFINED));
            }
            let v = self.st(args);
            if self.kind(v) != ValueKind::String {
                return Ok(EvalTarget::Value(v));
            }
        }
        let text = if w == WellKnown::Eval {
            self.st(args)
        } else {
            self.function_text(args, n)?
        };
        if let Some(table) = self.find_export(EVAL_TABLE) {
            if self.tc(table) != TypeCode::Array {
                return Err(CORRUPT);
            }
            let wanted = self.str_bytes(text).ok_or(CORRUPT)?;
            let len = self.array_len(table);
            let mut i = 0;
            while i + 1 < len {
                let key = self.array_get(table, i);
                if self.str_bytes(key) == Some(wanted) {
                    let code = self.array_get(table, i + 1);
                    // Only compiled functions (anything else could lead
                    // back here natively), or a text's SyntaxError message.
                    return match self.tc(code) {
                        TypeCode::Function | TypeCode::Closure => Ok(EvalTarget::Code(code)),
                        TypeCode::StrAscii | TypeCode::StrUtf8 => {
                            self.push(code);
                            let at = self.sp().wrapping_sub(1);
                            let e = self.new_error_at(WellKnown::SyntaxError, Some(at));
                            self.set_sp(at);
                            self.result = e?;
                            Err(crate::vm::Fault::Throw)
                        }
                        _ => Err(CORRUPT),
                    };
                }
                i += 2;
            }
        }
        let bytes = self.str_bytes(text).ok_or(CORRUPT)?.to_vec();
        if !self.round.missing.contains(&bytes) {
            self.round.missing.push(bytes);
        }
        Err(crate::vm::Fault::Fatal(
            crate::host::VmError::EvalNotCompiled,
        ))
    }

    /// The text `Function(p1, …, pn, body)` compiles, as V8 writes it:
    /// `(function anonymous(p1,…,pn\n) {\nbody\n})`.
    fn function_text(&mut self, args: usize, n: usize) -> R<Value> {
        let at = self.sp();
        self.need_stack(4)?;
        let head = self.new_string(b"(function anonymous(")?;
        self.push(head);
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
        let text = self.st(at);
        self.set_sp(at);
        Ok(text)
    }

    /// The string on top of the stack becomes itself followed by the value
    /// at stack position `from` (as a string), or by `lit`.
    fn append_text(&mut self, from: Option<usize>, lit: &[u8]) -> R<()> {
        let next = match from {
            Some(at) => self.st(at),
            None => self.new_string(lit)?,
        };
        self.push(next);
        let joined = self.concat_top()?;
        self.set_sp(self.sp().wrapping_sub(2));
        self.push(joined);
        Ok(())
    }
}
