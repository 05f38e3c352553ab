//! Coverage (feature `coverage`, tests only): counts how often each opcode
//! executes, and records which builtins a script reaches, so the test suite
//! can prove it runs every instruction and calls every builtin.
//!
//! A builtin counts as called when a script looks up a builtin-library
//! member whose value is a function (`[].map`, `Math.max`, `Promise.all`,
//! `p.then`: nearly every such lookup is a call, and a method the prelude
//! is handed by reference is not looked up), or when a native builtin
//! (`parseInt`, `String(x)`, `console.log`) is called.

use core::sync::atomic::{AtomicU32, Ordering};
use std::collections::BTreeSet;
use std::string::String;
use std::sync::Mutex;
use std::vec::Vec;

use crate::builtins::*;
use crate::format::TypeCode;
use crate::host::ValueKind;
use crate::ops::Op;
use crate::value::{Value, WellKnown};
use crate::vm::Vm;

static HITS: [AtomicU32; 256] = [const { AtomicU32::new(0) }; 256];

static CALLED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

#[inline]
pub(crate) fn hit(code: u8) {
    HITS[code as usize].fetch_add(1, Ordering::Relaxed);
}

/// How many times `op` has executed in this process.
pub fn hits(op: Op) -> u32 {
    HITS[op as usize].load(Ordering::Relaxed)
}

/// The builtin-library member objects, by reserved export id, with the
/// name a script reaches them by.
const MEMBER_OBJECTS: &[(u16, &str)] = &[
    (ARRAY_PROTOTYPE, "Array.prototype"),
    (STRING_PROTOTYPE, "String.prototype"),
    (NUMBER_PROTOTYPE, "Number.prototype"),
    (OBJECT_STATICS, "Object"),
    (ARRAY_STATICS, "Array"),
    (STRING_STATICS, "String"),
    (NUMBER_STATICS, "Number"),
    (MATH, "Math"),
    (JSON, "JSON"),
    (REFLECT, "Reflect"),
    (CONSOLE, "console"),
    (OBJECT_PROTOTYPE, "Object.prototype"),
    (FUNCTION_PROTOTYPE, "Function.prototype"),
    (ERROR_PROTOTYPE, "Error.prototype"),
];

/// The native builtins a script can call, with their names. The `__vium`
/// primitives are the prelude's.
const NATIVES: &[(WellKnown, &str)] = &[
    (WellKnown::StringCtor, "String"),
    (WellKnown::NumberCtor, "Number"),
    (WellKnown::ParseFloat, "parseFloat"),
    (WellKnown::ArrayPush, "Array.prototype.push"),
    (WellKnown::Error, "Error"),
    (WellKnown::TypeError, "TypeError"),
    (WellKnown::RangeError, "RangeError"),
    (WellKnown::SyntaxError, "SyntaxError"),
    (WellKnown::VmExport, "vmExport"),
    (WellKnown::VmImport, "vmImport"),
    (WellKnown::CharCodeAt, "__vium.charCodeAt"),
    (WellKnown::FromCharCode, "__vium.fromCharCode"),
    (WellKnown::Substring, "__vium.substring"),
    (WellKnown::StringIndexOf, "__vium.indexOf"),
    (WellKnown::IsArray, "__vium.isArray"),
    (WellKnown::Sqrt, "__vium.sqrt"),
    (WellKnown::ToFixed, "__vium.toFixed"),
    (WellKnown::ObjectKeys, "__vium.keys"),
    (WellKnown::Join, "__vium.join"),
    (WellKnown::Enqueue, "__vium.enqueue"),
    (WellKnown::Print, "__vium.print"),
    (WellKnown::OwnEntries, "__vium.own"),
    (WellKnown::TypeTag, "__vium.type"),
    (WellKnown::Define, "__vium.define"),
];

fn record(name: String) {
    if let Ok(mut set) = CALLED.lock() {
        set.insert(name);
    }
}

/// The builtins called so far in this process, by name.
pub fn builtins_called() -> Vec<String> {
    CALLED
        .lock()
        .map(|s| s.iter().cloned().collect())
        .unwrap_or_default()
}

/// Records a call of the native builtin `w`.
pub(crate) fn native_called(w: WellKnown) {
    if let Some((_, name)) = NATIVES.iter().find(|(n, _)| *n == w) {
        record(String::from(*name));
    }
}

/// Every builtin of a VM whose prelude has run (a build-time VM, before
/// any snapshot prunes the library): the function members of the library's
/// objects, the Promise class's statics and prototype methods, and the
/// native builtins.
pub fn builtin_names(vm: &Vm<'_>) -> Vec<String> {
    let mut out: Vec<String> = NATIVES.iter().map(|(_, n)| String::from(*n)).collect();
    for (id, prefix) in MEMBER_OBJECTS {
        if let Some(obj) = vm.find_export(*id) {
            vm.function_members(obj, prefix, &mut out);
        }
    }
    if let Some((statics, proto)) = vm.promise_objects() {
        vm.function_members(statics, "Promise", &mut out);
        vm.function_members(proto, "Promise.prototype", &mut out);
    }
    out.sort();
    out.dedup();
    out
}

impl Vm<'_> {
    fn key_text(&self, key: Value) -> Option<String> {
        self.str_bytes(key)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    /// Appends `prefix.key` for each own member of `obj` that is a function.
    fn function_members(&self, obj: Value, prefix: &str, out: &mut Vec<String>) {
        if self.tc(obj) != TypeCode::Object {
            return;
        }
        let props = self.slot(obj, 1);
        let n = self.slot(props, 0).as_int().unwrap_or(0).max(0) as usize;
        for i in 0..n {
            let key = self.slot(props, 1 + 2 * i);
            let v = self.slot(props, 2 + 2 * i);
            if self.kind(v) != ValueKind::Function {
                continue;
            }
            if let Some(k) = self.key_text(key) {
                if k != "constructor" {
                    out.push(std::format!("{prefix}.{k}"));
                }
            }
        }
    }

    /// The Promise class's statics object and its prototype.
    fn promise_objects(&self) -> Option<(Value, Value)> {
        let class = self.find_export(PROMISE_CLASS)?;
        if self.tc(class) != TypeCode::Class {
            return None;
        }
        let statics = self.slot(class, 1);
        if self.tc(statics) != TypeCode::Object {
            return None;
        }
        let proto = match self.find_own(statics, WellKnown::StrPrototype.value()) {
            Some(i) => self.own_value(statics, i),
            None => Value::UNDEFINED,
        };
        Some((statics, proto))
    }

    /// Records the lookup of member `key` (found, value `v`) of the builtin
    /// object exported as `id`.
    pub(crate) fn cover_member(&self, id: u16, key: Value, v: Value) {
        let Some((_, prefix)) = MEMBER_OBJECTS.iter().find(|(i, _)| *i == id) else {
            return;
        };
        if self.kind(v) != ValueKind::Function {
            return;
        }
        if let Some(k) = self.key_text(key) {
            record(std::format!("{prefix}.{k}"));
        }
    }

    /// Records the lookup of own member `key` (value `v`) of object `holder`
    /// when `holder` is the Promise class's statics or prototype.
    pub(crate) fn cover_promise(&self, holder: Value, key: Value, v: Value) {
        if self.kind(v) != ValueKind::Function {
            return;
        }
        let Some((statics, proto)) = self.promise_objects() else {
            return;
        };
        let prefix = if holder == statics {
            "Promise"
        } else if holder == proto {
            "Promise.prototype"
        } else {
            return;
        };
        if let Some(k) = self.key_text(key) {
            record(std::format!("{prefix}.{k}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_native_builtin_function_has_a_name() {
        for w in WellKnown::ALL {
            if w.is_builtin_function() {
                assert!(NATIVES.iter().any(|(n, _)| n == w), "{w:?} has no name");
            }
        }
    }
}
