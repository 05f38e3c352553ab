//! Objects, arrays and properties: creation, property keys, reads and
//! writes along prototype chains, accessor pairs, `Uint8Array`s, and the
//! builtin iterators. Works on values and the operand stack, never on
//! frames (the executor runs getters and setters in frames of their own).
//!
//! Allocating operations keep their operands on the stack and re-read them
//! afterwards: a `Value` in a Rust local is stale after an allocation.

use crate::builtins::ARRAY_PROTOTYPE;
use crate::format::{TypeCode, MAX_ALLOC_SIZE};
use crate::host::ValueKind;
use crate::sem::num::num_to_int32;
use crate::value::{Value, WellKnown, INT14_MAX};
use crate::vm::{Vm, CORRUPT, R};

/// Longest prototype chain followed before giving up (a corrupt cycle).
pub(crate) const MAX_CHAIN: usize = 64;

/// Property attribute flags (see `attrs_of`): not enumerable,
pub(crate) const HIDDEN: u8 = 1;
/// not writable,
pub(crate) const READ_ONLY: u8 = 2;
/// not configurable (nor deletable);
pub(crate) const FIXED: u8 = 4;
/// and, on the attribute entry itself, an object that takes no new
/// properties.
pub(crate) const NOT_EXTENSIBLE: u8 = 8;
/// `__vium.define` only: the value is a getter,
#[cfg(feature = "reflect")]
const DEFINE_GETTER: u8 = 16;
/// or a setter.
#[cfg(feature = "reflect")]
const DEFINE_SETTER: u8 = 32;

/// `"123"` → int key 123 (canonical: no sign on zero, no leading zeros).
fn canonical_int(b: &[u8]) -> Option<Value> {
    let (neg, digits) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    let first = *digits.first()?;
    if digits.len() > 5 || (first == b'0' && (digits.len() > 1 || neg)) {
        return None;
    }
    let mut n: i32 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (d - b'0') as i32;
    }
    Value::int(if neg { -n } else { n })
}

impl Vm<'_> {
    pub(crate) fn new_object(&mut self, proto: Value) -> R<Value> {
        // The prototype may be a heap object: keep it rooted across the allocation.
        self.push(proto);
        let o = self.alloc(TypeCode::Object, 4);
        let proto = self.pop();
        let o = o?;
        self.set_slot(o, 0, proto);
        self.set_slot(o, 1, Value::NULL);
        Ok(o)
    }

    pub(crate) fn new_array(&mut self, cap: usize) -> R<Value> {
        let a = self.alloc(TypeCode::Array, 4)?;
        self.set_slot(a, 0, Value::NULL);
        self.set_slot(a, 1, Value::ZERO);
        if cap > 0 {
            self.push(a);
            let data = self.alloc(TypeCode::FixedArray, 2 * cap);
            let a = self.pop();
            self.set_slot(a, 0, data?);
            return Ok(a);
        }
        Ok(a)
    }

    #[inline(never)]
    pub(crate) fn array_len(&self, a: Value) -> usize {
        self.slot(a, 1).as_int().unwrap_or(0).max(0) as usize
    }

    #[inline(never)]
    pub(crate) fn array_get(&self, a: Value, i: usize) -> Value {
        if i >= self.array_len(a) {
            return Value::UNDEFINED;
        }
        match self.slot(self.slot(a, 0), i) {
            Value::HOLE => Value::UNDEFINED,
            v => v,
        }
    }

    /// Sets element `i` of the array at stack position `arr_at` to the value
    /// at `val_at`, growing the storage (which may collect).
    pub(crate) fn array_set_at(&mut self, arr_at: usize, i: usize, val_at: usize) -> R<()> {
        let a = self.st(arr_at);
        let len = self.array_len(a);
        let cap = self.header(self.slot(a, 0)).1 / 2;
        if i >= cap {
            // Double, but the last step stops at the largest allocation.
            let largest = MAX_ALLOC_SIZE / 2;
            let new_cap = (i + 1).max((cap * 2).min(largest)).max(4);
            if new_cap > largest {
                return self.throw_range_error(b"Invalid array length");
            }
            let fresh = self.alloc(TypeCode::FixedArray, new_cap * 2)?;
            let a = self.st(arr_at);
            let old = self.slot(a, 0);
            for k in 0..len.min(cap) {
                self.set_slot(fresh, k, self.slot(old, k));
            }
            self.set_slot(a, 0, fresh);
        }
        let a = self.st(arr_at);
        let data = self.slot(a, 0);
        // Indices skipped over are holes, as JavaScript says.
        for k in len..i {
            self.set_slot(data, k, Value::HOLE);
        }
        self.set_slot(data, i, self.st(val_at));
        if i >= len {
            self.set_slot(a, 1, Value::small_int((i + 1) as i16));
        }
        Ok(())
    }

    /// Appends the value at stack position `val_at` to the array at `arr_at`.
    pub(crate) fn array_push_at(&mut self, arr_at: usize, val_at: usize) -> R<usize> {
        let len = self.array_len(self.st(arr_at));
        self.array_set_at(arr_at, len, val_at)?;
        Ok(len + 1)
    }

    /// Normalises a property key: canonical integer strings and integral
    /// numbers become int14 keys, other numbers and primitives strings.
    #[inline(never)]
    pub(crate) fn property_key(&mut self, k: Value) -> R<Value> {
        if k.is_int() || k == WellKnown::SymbolIterator.value() {
            return Ok(k);
        }
        if let Some(b) = self.str_bytes(k) {
            return Ok(canonical_int(b).unwrap_or(k));
        }
        match self.text_of(k) {
            crate::sem::string::Text::Num(t) => match canonical_int(t.as_bytes()) {
                Some(i) => Ok(i),
                None => self.new_string(t.as_bytes()),
            },
            crate::sem::string::Text::Static(s) => self.new_string(s),
            crate::sem::string::Text::Str => Ok(k),
        }
    }

    #[inline(never)]
    pub(crate) fn key_eq(&self, a: Value, b: Value) -> bool {
        if a == b {
            return true;
        }
        if a.is_int() || b.is_int() {
            return false;
        }
        match (self.str_bytes(a), self.str_bytes(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }

    /// Whether normalised `key` is the well-known string `w`.
    fn key_is(&self, key: Value, w: WellKnown) -> bool {
        self.key_eq(key, w.value())
    }

    /// Index of `key` in an object's property list, if present.
    #[inline(never)]
    pub(crate) fn find_own(&self, obj: Value, key: Value) -> Option<usize> {
        let props = self.slot(obj, 1);
        if props == Value::NULL {
            return None;
        }
        let n = self.slot(props, 0).as_int().unwrap_or(0);
        (0..n.max(0) as usize).find(|&i| self.key_eq(self.slot(props, 1 + 2 * i), key))
    }

    /// The value of own property `i` of an object.
    pub(crate) fn own_value(&self, obj: Value, i: usize) -> Value {
        self.slot(self.slot(obj, 1), 2 + 2 * i)
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
        self.accessors() && self.tc(v) == TypeCode::FixedArray
    }

    #[cfg(feature = "accessors")]
    /// `[obj, key, fn]` at `at`: defines `fn` as the getter (or setter) of
    /// an own accessor property of the object (of a class's statics),
    /// keeping the other half of an existing pair, with attribute `flags`.
    pub(crate) fn define_accessor_at(&mut self, at: usize, setter: bool, flags: u8) -> R<()> {
        let key = self.property_key(self.st(at + 1))?;
        self.set_st(at + 1, key);
        self.statics_in_place(at);
        let target = self.st(at);
        if self.tc(target) != TypeCode::Object {
            return Ok(());
        }
        self.state |= crate::vm::ACCESSORS;
        let pair = self.alloc(TypeCode::FixedArray, 4)?;
        let (target, key) = (self.st(at), self.st(at + 1));
        if let Some(i) = self.find_own(target, key) {
            let old = self.own_value(target, i);
            if self.is_accessor(old) {
                self.set_slot(pair, 0, self.slot(old, 0));
                self.set_slot(pair, 1, self.slot(old, 1));
            }
        }
        self.set_slot(pair, setter as usize, self.st(at + 2));
        self.set_st(at + 2, pair);
        self.object_set_at(at)?;
        if flags != 0 {
            let i = self.find_own(self.st(at), self.st(at + 1)).ok_or(CORRUPT)?;
            self.set_prop_flags(at, Some(i), flags)?;
        }
        Ok(())
    }

    /// With `[obj, key, v]` at `at` (key normalised): the accessor pair an
    /// assignment must go through, if the object or its prototype chain
    /// holds one for `key` (before any data property of that name).
    pub(crate) fn setter_pair(&self, at: usize) -> Option<Value> {
        let key = self.st(at + 1);
        let mut o = self.st(at);
        for _ in 0..MAX_CHAIN {
            match self.tc(o) {
                TypeCode::Class => o = self.slot(o, 1),
                TypeCode::Object => {
                    if let Some(i) = self.find_own(o, key) {
                        let v = self.own_value(o, i);
                        return self.is_accessor(v).then_some(v);
                    }
                    o = self.slot(o, 0);
                }
                _ => return None,
            }
        }
        None
    }

    /// `obj[key]` with `key` already normalised by `property_key`; an
    /// accessor property gives its pair (see `is_accessor`), which the
    /// executor turns into a call of the getter. Allocates only for string
    /// indexing, lengths past int14 and errors.
    #[inline(never)]
    pub(crate) fn get_property_raw(&mut self, obj: Value, key: Value) -> R<Value> {
        if matches!(
            obj.well_known(),
            Some(WellKnown::Undefined | WellKnown::Null | WellKnown::Hole)
        ) {
            return self.throw_property_error(b"Cannot read properties of ", obj, key, b"reading");
        }
        let mut o = obj;
        for _ in 0..MAX_CHAIN {
            if let Some(v) = self.own_property(o, key)? {
                #[cfg(feature = "coverage")]
                self.cover_promise(
                    if self.tc(o) == TypeCode::Class {
                        self.slot(o, 1)
                    } else {
                        o
                    },
                    key,
                    v,
                );
                return Ok(v);
            }
            o = self.proto_of(o);
            if o == Value::NULL {
                return Ok(Value::UNDEFINED);
            }
        }
        Err(CORRUPT)
    }

    /// Own property `key` (normalised) of an object, array, function or
    /// builtin: its value, or `None` when it has none (the lookup goes on
    /// along `proto_of`). A class's own properties are its statics object's.
    #[inline(never)]
    fn own_property(&mut self, o: Value, key: Value) -> R<Option<Value>> {
        if let Some(w) = o.well_known() {
            if let Some(id) = w.members_export() {
                let v = self.builtin_member(id, key);
                if v != Value::UNDEFINED {
                    return Ok(Some(v));
                }
                if w == WellKnown::ArrayPrototype {
                    let push = self.key_is(key, WellKnown::StrPush);
                    return Ok(push.then_some(WellKnown::ArrayPush.value()));
                }
            }
            #[cfg(feature = "snapshot")]
            if w == WellKnown::Intrinsics {
                return Ok(Some(self.intrinsic(key)));
            }
            if w.text().is_none() {
                return Ok(self.well_known_property(w, key));
            }
        }
        let ty = self.tc(o);
        let len = match ty {
            TypeCode::Object => return Ok(self.find_own(o, key).map(|i| self.own_value(o, i))),
            TypeCode::Class => {
                let statics = self.slot(o, 1);
                let own = match self.tc(statics) {
                    TypeCode::Object => self.find_own(statics, key),
                    _ => None,
                };
                return Ok(own.map(|i| self.own_value(statics, i)));
            }
            TypeCode::Array => self.array_len(o),
            // Iterated like an array.
            TypeCode::Bytes if key == WellKnown::SymbolIterator.value() => {
                return Ok(Some(self.builtin_member(ARRAY_PROTOTYPE, key)));
            }
            TypeCode::Bytes => self.bytes_of(o).len(),
            // Strings: allocations, or well-known texts (the only
            // well-known values left here, whose type reads `Forwarded`).
            TypeCode::StrAscii | TypeCode::StrUtf8 | TypeCode::Forwarded if !o.is_int() => {
                self.string_length(o)
            }
            _ => return Ok(None),
        };
        match key.as_int() {
            Some(i) if i >= 0 && (i as usize) < len => {
                let i = i as usize;
                Ok(match ty {
                    TypeCode::Array => match self.slot(self.slot(o, 0), i) {
                        Value::HOLE => None,
                        v => Some(v),
                    },
                    TypeCode::Bytes => self.bytes_of(o).get(i).map(|b| Value::small_int(*b as i16)),
                    // A string's index reads as a one-unit string, made on demand.
                    _ => Some(self.string_index(o, i)?),
                })
            }
            None if self.key_is(key, WellKnown::StrLength) => self.new_int(len as i32).map(Some),
            _ => Ok(None),
        }
    }

    /// The prototype of an object or function value (`Object.getPrototypeOf`):
    /// an object's own link, `Array.prototype`, `Function.prototype`, the
    /// builtins' chains ending at `Object.prototype`, or null (also for
    /// values without one here: primitives, whose methods the callers find).
    pub(crate) fn proto_of(&self, v: Value) -> Value {
        let w = match v.well_known() {
            Some(w) => w,
            None => {
                return match self.tc(v) {
                    TypeCode::Object => self.slot(v, 0),
                    TypeCode::StrAscii | TypeCode::StrUtf8 => WellKnown::StringPrototype.value(),
                    TypeCode::Int32 | TypeCode::Float64 => WellKnown::NumberPrototype.value(),
                    _ if v.is_int() => WellKnown::NumberPrototype.value(),
                    TypeCode::Array => WellKnown::ArrayPrototype.value(),
                    TypeCode::Function | TypeCode::Closure | TypeCode::HostFunc => {
                        WellKnown::FunctionPrototype.value()
                    }
                    TypeCode::Class => self.slot(self.slot(v, 1), 0),
                    // No Uint8Array.prototype yet: Array.prototype's methods
                    // would make arrays where Node makes typed arrays.
                    TypeCode::Bytes => WellKnown::ObjectPrototype.value(),
                    _ => Value::NULL,
                };
            }
        };
        match w {
            WellKnown::TypeErrorPrototype
            | WellKnown::RangeErrorPrototype
            | WellKnown::SyntaxErrorPrototype => WellKnown::ErrorPrototype.value(),
            WellKnown::OutOfMemoryError => WellKnown::RangeErrorPrototype.value(),
            WellKnown::NaN | WellKnown::NegZero => WellKnown::NumberPrototype.value(),
            w if w.text().is_some() => WellKnown::StringPrototype.value(),
            w if w.is_function() => WellKnown::FunctionPrototype.value(),
            WellKnown::FunctionPrototype
            | WellKnown::ArrayPrototype
            | WellKnown::StringPrototype
            | WellKnown::NumberPrototype
            | WellKnown::ErrorPrototype
            | WellKnown::Console
            | WellKnown::MathObject
            | WellKnown::JsonObject
            | WellKnown::ReflectObject => WellKnown::ObjectPrototype.value(),
            _ => Value::NULL,
        }
    }

    /// Properties of builtin objects; `None` when absent.
    pub(crate) fn well_known_property(&self, w: WellKnown, key: Value) -> Option<Value> {
        let is = |k: WellKnown| self.key_is(key, k);
        let found = |yes: bool, v: WellKnown| yes.then(|| v.value());
        match w {
            WellKnown::Symbol if is(WellKnown::StrIterator) => {
                Some(WellKnown::SymbolIterator.value())
            }
            WellKnown::OutOfMemoryError if is(WellKnown::StrMessage) => {
                Some(WellKnown::StrOutOfMemory.value())
            }
            WellKnown::OutOfMemoryError => found(is(WellKnown::StrName), WellKnown::StrRangeError),
            _ => {
                if let Some(ctor) = w.error_of_prototype() {
                    if is(WellKnown::StrMessage) {
                        return Some(Value::EMPTY_STRING);
                    }
                    if is(WellKnown::StrConstructor) {
                        return Some(ctor.value());
                    }
                    return found(is(WellKnown::StrName), ctor.error_name());
                }
                if w.is_error_ctor() && is(WellKnown::StrPrototype) {
                    return Some(w.error_prototype().value());
                }
                None
            }
        }
    }

    /// `obj[key] = value` with `[obj, key, value]` at stack positions
    /// `at..at + 3`; the key is normalised in place.
    #[inline(never)]
    pub(crate) fn set_property_at(&mut self, at: usize) -> R<()> {
        let key = self.property_key(self.st(at + 1))?;
        self.set_st(at + 1, key);
        let obj = self.st(at);
        if let Some(w) = obj.well_known() {
            if matches!(w, WellKnown::Undefined | WellKnown::Null | WellKnown::Hole) {
                return self.throw_property_error(
                    b"Cannot set properties of ",
                    obj,
                    key,
                    b"setting",
                );
            }
            return self.refuse_set(obj, key);
        }
        match self.tc(obj) {
            TypeCode::Object => self.object_set_at(at),
            TypeCode::Class => {
                self.set_st(at, self.slot(obj, 1));
                self.object_set_at(at)
            }
            // A write past a typed array's end is ignored, as JavaScript says.
            TypeCode::Bytes => match key.as_int() {
                Some(i) => {
                    let byte = num_to_int32(self.to_number(self.st(at + 2))) as u8;
                    if i >= 0 && (i as usize) < self.bytes_of(obj).len() {
                        self.write_bytes(obj, 2 + i as usize, &[byte]);
                    }
                    Ok(())
                }
                None => self.refuse_set(obj, key),
            },
            TypeCode::Array => match key.as_int() {
                Some(i) if i >= 0 => self.array_set_at(at, i as usize, at + 2),
                None if self.key_is(key, WellKnown::StrLength) => self.set_array_length(at),
                _ => self.refuse_set(obj, key),
            },
            _ => self.refuse_set(obj, key),
        }
    }

    /// `arr.length = v` with `[arr, "length", v]` at `at`.
    fn set_array_length(&mut self, at: usize) -> R<()> {
        let x = self.to_number(self.st(at + 2));
        let n = crate::sem::num::num_to_int32(x);
        if crate::sem::num::num_from_int(n) != x || !(0..=INT14_MAX).contains(&n) {
            return self.throw_range_error(b"Invalid array length");
        }
        let n = n as usize;
        let obj = self.st(at);
        if n <= self.array_len(obj) {
            self.set_slot(obj, 1, Value::small_int(n as i16));
            return Ok(());
        }
        self.push(Value::HOLE);
        let r = self.array_set_at(at, n - 1, self.sp().wrapping_sub(1));
        self.set_sp(self.sp().wrapping_sub(1));
        r
    }

    /// Own data property `[obj, key, v]` at `at` of an Object (key normalised).
    pub(crate) fn object_set_at(&mut self, at: usize) -> R<()> {
        let (obj, key) = (self.st(at), self.st(at + 1));
        if let Some(i) = self.find_own(obj, key) {
            if self.prop_flags(obj, i) & READ_ONLY != 0 {
                return self.throw_read_only(key);
            }
            self.set_slot(self.slot(obj, 1), 2 + 2 * i, self.st(at + 2));
            return Ok(());
        }
        if self.prop_flags(obj, 0) & NOT_EXTENSIBLE != 0 {
            return self.throw_not_extensible(key);
        }
        self.object_add_at(at)
    }

    /// Appends own property `[obj, key, v]` at `at` (not present yet).
    fn object_add_at(&mut self, at: usize) -> R<()> {
        let obj = self.st(at);
        let props = self.slot(obj, 1);
        let count = self.slot(props, 0).as_int().unwrap_or(0).max(0) as usize;
        let cap = (self.header(props).1 / 2).saturating_sub(1) / 2;
        if count >= cap {
            let largest = (MAX_ALLOC_SIZE - 2) / 4;
            let new_cap = (cap * 2).clamp(2, largest);
            if count >= new_cap {
                return self.throw_range_error(b"too many properties");
            }
            let fresh = self.alloc(TypeCode::PropList, 2 + 4 * new_cap)?;
            let obj = self.st(at);
            let old = self.slot(obj, 1);
            for k in 1..1 + 2 * count {
                self.set_slot(fresh, k, self.slot(old, k));
            }
            self.set_slot(obj, 1, fresh);
        }
        let props = self.slot(self.st(at), 1);
        self.set_slot(props, 1 + 2 * count, self.st(at + 1));
        self.set_slot(props, 2 + 2 * count, self.st(at + 2));
        self.set_slot(props, 0, Value::small_int(count as i16 + 1));
        Ok(())
    }

    // --- property attributes ---------------------------------------------------

    /// The attribute bytes of an object with any non-default attribute: the
    /// value of its first own property, whose key is `PropAttrs` (so a
    /// check costs one comparison, and objects without one pay nothing).
    /// Byte `i` holds the flags of property `i`; missing bytes are 0, and
    /// the entry's own byte (0) holds the object's (`NOT_EXTENSIBLE`).
    fn attrs_of(&self, obj: Value) -> Option<Value> {
        let props = self.slot(obj, 1);
        (self.tc(obj) == TypeCode::Object
            && props != Value::NULL
            && self.slot(props, 1) == WellKnown::PropAttrs.value())
        .then(|| self.slot(props, 2))
    }

    /// The attribute flags of own property `i` of an object.
    pub(crate) fn prop_flags(&self, obj: Value, i: usize) -> u8 {
        self.attrs_of(obj)
            .and_then(|a| self.bytes_of(a).get(i).copied())
            .unwrap_or(0)
    }

    /// Sets the flags of own property `i` of the object at stack position
    /// `at` (`None`: the object's own), giving it attribute bytes first if
    /// it has none: they go in front, so every property moves up by one.
    pub(crate) fn set_prop_flags(&mut self, at: usize, i: Option<usize>, flags: u8) -> R<()> {
        if self.tc(self.st(at)) != TypeCode::Object {
            return Err(CORRUPT);
        }
        let had = self.attrs_of(self.st(at)).is_some();
        let i = i.map_or(0, |i| i + !had as usize);
        let old = self.attrs_of(self.st(at)).unwrap_or(Value::UNDEFINED);
        let len = self.bytes_of(old).len();
        if i >= len {
            // New bytes, one per property (the attribute entry's own too).
            let props = self.slot(self.st(at), 1);
            let n = self.slot(props, 0).as_int().unwrap_or(0).max(0) as usize;
            let grown = self.new_bytes((n + !had as usize).max(i + 1))?;
            let base = self.sp();
            self.push(self.st(at));
            self.push(WellKnown::PropAttrs.value());
            self.push(grown);
            let old = self.attrs_of(self.st(at)).unwrap_or(Value::UNDEFINED);
            for k in 0..len {
                let b = self.bytes_of(old).get(k).copied().unwrap_or(0);
                self.write_bytes(grown, 2 + k, &[b]);
            }
            if !had {
                self.object_add_at(base)?;
                // Rotate the new last pair to the front.
                let props = self.slot(self.st(at), 1);
                for k in (1..1 + 2 * n).rev() {
                    self.set_slot(props, k + 2, self.slot(props, k));
                }
                self.set_slot(props, 1, WellKnown::PropAttrs.value());
            }
            let props = self.slot(self.st(at), 1);
            self.set_slot(props, 2, self.st(base + 2));
            self.set_sp(base);
        }
        let attrs = self.attrs_of(self.st(at)).unwrap_or(Value::UNDEFINED);
        self.write_bytes(attrs, 2 + i, &[flags]);
        Ok(())
    }

    /// `[obj, key, fn]` at `at`: defines a class method, a non-enumerable
    /// own property of the prototype (or of the statics, for a class).
    pub(crate) fn define_method_at(&mut self, at: usize) -> R<()> {
        let key = self.property_key(self.st(at + 1))?;
        self.set_st(at + 1, key);
        self.statics_in_place(at);
        if self.tc(self.st(at)) != TypeCode::Object {
            return Err(CORRUPT);
        }
        self.define_own_at(at, HIDDEN)
    }

    /// `__vium.define`: own property `[obj, key, v]` at `at` (an object;
    /// key normalised) with `flags`, `v` being a getter or setter when
    /// `flags` has `DEFINE_GETTER` or `DEFINE_SETTER`.
    #[cfg(feature = "reflect")]
    pub(crate) fn define_at(&mut self, at: usize, flags: u8) -> R<()> {
        if flags & (DEFINE_GETTER | DEFINE_SETTER) == 0 {
            return self.define_own_at(at, flags);
        }
        #[cfg(feature = "accessors")]
        {
            let key = self.st(at + 1);
            // A data property of that name stops being one.
            if let Some(i) = self.find_own(self.st(at), key) {
                if !self.is_accessor(self.own_value(self.st(at), i)) {
                    self.set_slot(self.slot(self.st(at), 1), 2 + 2 * i, Value::UNDEFINED);
                    self.set_prop_flags(at, Some(i), 0)?;
                }
            }
            self.define_accessor_at(at, flags & DEFINE_SETTER != 0, flags & (HIDDEN | FIXED))
        }
        #[cfg(not(feature = "accessors"))]
        self.throw_type_error(b"getters and setters need the engine feature accessors")
    }

    /// Defines own data property `[obj, key, v]` at `at` (key normalised)
    /// with attribute `flags`, whatever attributes it had
    /// (`Object.defineProperty` after the prelude's checks; methods).
    pub(crate) fn define_own_at(&mut self, at: usize, flags: u8) -> R<()> {
        let (obj, key) = (self.st(at), self.st(at + 1));
        let i = match self.find_own(obj, key) {
            Some(i) => {
                self.set_slot(self.slot(obj, 1), 2 + 2 * i, self.st(at + 2));
                i
            }
            None => {
                self.object_add_at(at)?;
                let props = self.slot(self.st(at), 1);
                self.slot(props, 0).as_int().unwrap_or(1).max(1) as usize - 1
            }
        };
        if flags != 0 || self.prop_flags(self.st(at), i) != 0 {
            self.set_prop_flags(at, Some(i), flags)?;
        }
        Ok(())
    }

    /// Defines own property `key` (a normalised key) of the object at
    /// `obj_at` as the value at `val_at`, with attribute `flags`.
    pub(crate) fn define_own_key_at(
        &mut self,
        obj_at: usize,
        key: Value,
        val_at: usize,
        flags: u8,
    ) -> R<()> {
        let at = self.sp();
        self.push(self.st(obj_at));
        self.push(key);
        self.push(self.st(val_at));
        let r = self.define_own_at(at, flags);
        self.set_sp(at);
        r
    }

    // --- classes ---------------------------------------------------------------

    /// `[parent, constructor]` at `at` → the class. With `function`, the
    /// constructor is an ordinary function made into an object that can
    /// hold properties, and `parent` says whether it is a constructor
    /// (null: it gets a writable `prototype`) or not (undefined: none).
    pub(crate) fn make_class(&mut self, at: usize, function: bool) -> R<Value> {
        let parent = self.st(at);
        let (proto_parent, statics_parent) = if function {
            (
                WellKnown::ObjectPrototype.value(),
                WellKnown::FunctionPrototype.value(),
            )
        } else if self.tc(parent) == TypeCode::Class {
            let statics = self.slot(parent, 1);
            (
                self.get_property(statics, WellKnown::StrPrototype.value())?,
                statics,
            )
        } else if parent == Value::NULL {
            // No `extends`: instances inherit from Object.prototype, the
            // class itself from Function.prototype.
            (
                WellKnown::ObjectPrototype.value(),
                WellKnown::FunctionPrototype.value(),
            )
        } else if parent.well_known().is_some_and(WellKnown::is_error_ctor) {
            (
                self.get_property(parent, WellKnown::StrPrototype.value())?,
                WellKnown::FunctionPrototype.value(),
            )
        } else {
            return self.throw_type_error(b"Class extends value is not a constructor or null");
        };
        // [parent, ctor, statics_parent, proto, statics, class] on the stack
        // so each allocation sees the others as roots.
        self.need_stack(4)?;
        self.push(statics_parent);
        let proto = self.new_object(proto_parent)?;
        self.push(proto);
        let statics = self.new_object(self.st(at + 2))?;
        self.push(statics);
        let class = self.alloc(TypeCode::Class, 4)?;
        self.set_slot(class, 0, self.st(at + 1));
        self.set_slot(class, 1, self.st(at + 4));
        self.push(class);
        if !function || self.st(at) == Value::NULL {
            // statics.prototype = proto; proto.constructor = class
            let flags = HIDDEN | FIXED | (!function as u8 * READ_ONLY);
            let prototype = WellKnown::StrPrototype.value();
            self.define_own_key_at(at + 4, prototype, at + 3, flags)?;
            self.define_own_key_at(at + 3, WellKnown::StrConstructor.value(), at + 5, HIDDEN)?;
        }
        let class = self.st(at + 5);
        self.set_sp(at + 2);
        Ok(class)
    }

    /// The prototype instances of `callee` get from `new`: its `prototype`
    /// when that is an object, else `Object.prototype`.
    pub(crate) fn construct_prototype(&mut self, callee: Value) -> Value {
        let object_prototype = WellKnown::ObjectPrototype.value();
        if self.tc(callee) != TypeCode::Class {
            return object_prototype;
        }
        let statics = self.slot(callee, 1);
        match self.find_own(statics, WellKnown::StrPrototype.value()) {
            Some(i) if self.is_object(self.own_value(statics, i)) => self.own_value(statics, i),
            _ => object_prototype,
        }
    }

    /// Replaces a class (or function object) at stack position `at` by the
    /// object that holds its own properties.
    pub(crate) fn statics_in_place(&mut self, at: usize) {
        let o = self.st(at);
        if self.tc(o) == TypeCode::Class {
            self.set_st(at, self.slot(o, 1));
        }
    }

    // --- relations ---------------------------------------------------------------

    /// `key in obj` with `[key, obj]` on top of the stack.
    pub(crate) fn has_property(&mut self) -> R<bool> {
        let obj = self.top(0);
        let ok = match obj.well_known() {
            Some(_) => self.kind(obj) == ValueKind::Object,
            None => matches!(
                self.kind(obj),
                ValueKind::Object | ValueKind::Array | ValueKind::Function | ValueKind::Uint8Array
            ),
        };
        if !ok {
            return self
                .throw_type_error(b"Cannot use 'in' operator to search for a key in a primitive");
        }
        let key = self.property_key(self.top(1))?;
        let mut o = self.top(0);
        for _ in 0..MAX_CHAIN {
            if self.own_property(o, key)?.is_some() {
                return Ok(true);
            }
            o = self.proto_of(o);
            if o == Value::NULL {
                return Ok(false);
            }
        }
        Ok(false)
    }

    /// `v instanceof C`: whether `C`'s prototype is on `v`'s chain.
    pub(crate) fn instance_of(&mut self, v: Value, c: Value) -> R<bool> {
        let target = match c.well_known() {
            Some(w) if w.is_error_ctor() => w.error_prototype().value(),
            Some(WellKnown::ObjectCtor) => WellKnown::ObjectPrototype.value(),
            Some(WellKnown::ArrayCtor) => WellKnown::ArrayPrototype.value(),
            Some(WellKnown::FunctionCtor) => WellKnown::FunctionPrototype.value(),
            Some(WellKnown::Uint8ArrayCtor) => return Ok(self.tc(v) == TypeCode::Bytes),
            Some(w) if w.is_function() => return Ok(false),
            _ => match self.tc(c) {
                TypeCode::Class => self.construct_prototype(c),
                TypeCode::Function | TypeCode::Closure | TypeCode::HostFunc => return Ok(false),
                _ => {
                    return self
                        .throw_type_error(b"Right-hand side of 'instanceof' is not callable")
                }
            },
        };
        if !self.is_object(v) {
            return Ok(false);
        }
        let mut o = v;
        for _ in 0..MAX_CHAIN {
            o = self.proto_of(o);
            if o == target {
                return Ok(true);
            }
            if o == Value::NULL {
                return Ok(false);
            }
        }
        Ok(false)
    }

    /// `delete obj[key]` with `[obj, key]` on top of the stack.
    pub(crate) fn delete_property(&mut self) -> R<()> {
        let key = self.property_key(self.top(0))?;
        let mut obj = self.top(1);
        if self.tc(obj) == TypeCode::Class {
            obj = self.slot(obj, 1);
        }
        match self.tc(obj) {
            TypeCode::Object => {
                if let Some(i) = self.find_own(obj, key) {
                    if self.prop_flags(obj, i) & FIXED != 0 {
                        return self.throw_not_deletable(key);
                    }
                    let props = self.slot(obj, 1);
                    let n = self.slot(props, 0).as_int().unwrap_or(0).max(0) as usize;
                    for k in (1 + 2 * i)..(2 * n).saturating_sub(1) {
                        self.set_slot(props, k, self.slot(props, k + 2));
                    }
                    // The attribute bytes after `i` move down with their properties.
                    if let Some(attrs) = self.attrs_of(obj) {
                        for k in i..n {
                            let next = self.bytes_of(attrs).get(k + 1).copied().unwrap_or(0);
                            if k < self.bytes_of(attrs).len() {
                                self.write_bytes(attrs, 2 + k, &[next]);
                            }
                        }
                    }
                    self.set_slot(props, 2 * n - 1, Value::UNDEFINED);
                    self.set_slot(props, 2 * n, Value::UNDEFINED);
                    self.set_slot(props, 0, Value::small_int(n as i16 - 1));
                }
            }
            TypeCode::Array => {
                if let Some(i) = key.as_int() {
                    if i >= 0 && (i as usize) < self.array_len(obj) {
                        self.set_slot(self.slot(obj, 0), i as usize, Value::HOLE);
                    }
                }
            }
            _ if matches!(self.kind(obj), ValueKind::Undefined | ValueKind::Null) => {
                return self.throw_type_error(b"Cannot convert undefined or null to object");
            }
            _ => {}
        }
        Ok(())
    }

    // --- keys and spread -----------------------------------------------------------

    /// The enumerable own string keys of the value on top of the stack, as
    /// a new array: integer keys first in ascending order (as strings),
    /// then the others in insertion order, like JavaScript.
    #[cfg(feature = "reflect")]
    pub(crate) fn own_keys(&mut self) -> R<Value> {
        let obj_at = self.sp().wrapping_sub(1);
        self.statics_in_place(obj_at);
        let keys = self.new_array(0)?;
        self.push(keys);
        let keys_at = obj_at + 1;
        // Index keys: an array's elements (not holes), a string's units, an
        // object's integer keys (found in ascending order, one per pass).
        let target = self.st(obj_at);
        let (ty, props) = (self.tc(target), self.slot(target, 1));
        let n = match ty {
            TypeCode::Object => self.slot(props, 0).as_int().unwrap_or(0).max(0) as usize,
            TypeCode::Array => self.array_len(target),
            TypeCode::StrAscii | TypeCode::StrUtf8 => self.string_length(target),
            _ => 0,
        };
        let mut next = 0;
        loop {
            let o = self.st(obj_at);
            let props = self.slot(o, 1);
            let mut found = INT14_MAX + 1;
            if ty == TypeCode::Object {
                for i in 0..n {
                    let k = self.slot(props, 1 + 2 * i).as_int().unwrap_or(-1);
                    if k >= next && k < found && self.prop_flags(o, i) & HIDDEN == 0 {
                        found = k;
                    }
                }
            } else {
                let mut i = next as usize;
                while ty == TypeCode::Array && i < n && self.slot(self.slot(o, 0), i) == Value::HOLE
                {
                    i += 1;
                }
                if i < n {
                    found = i as i32;
                }
            }
            if found > INT14_MAX {
                break;
            }
            self.push_key_text(keys_at, Value::small_int(found as i16))?;
            next = found + 1;
        }
        if ty == TypeCode::Object {
            for i in 0..n {
                let o = self.st(obj_at);
                let k = self.slot(self.slot(o, 1), 1 + 2 * i);
                if (!k.is_int() || k.int_value() < 0)
                    && k.well_known().is_none_or(|w| w.text().is_some())
                    && self.prop_flags(o, i) & HIDDEN == 0
                {
                    self.push_key_text(keys_at, k)?;
                }
            }
        }
        let keys = self.st(keys_at);
        self.set_sp(keys_at);
        Ok(keys)
    }

    /// Appends key `k` to the array at `keys_at`, as a string.
    #[cfg(feature = "reflect")]
    fn push_key_text(&mut self, keys_at: usize, k: Value) -> R<()> {
        let s = match k.as_int() {
            Some(i) => self.new_string(crate::number::format_int(i as i64).as_bytes())?,
            None => k,
        };
        self.push(s);
        let r = self.array_push_at(keys_at, self.sp().wrapping_sub(1));
        self.set_sp(self.sp().wrapping_sub(1));
        r.map(drop)
    }

    /// A new array of the arguments at `args_base` from index `from` on.
    pub(crate) fn arguments_array(
        &mut self,
        from: usize,
        args_base: usize,
        argc: usize,
    ) -> R<Value> {
        let n = argc.saturating_sub(from);
        let a = self.new_array(n.min(255))?;
        self.push(a);
        let a_at = self.sp().wrapping_sub(1);
        for i in 0..n {
            self.array_push_at(a_at, args_base + from + i)?;
        }
        Ok(self.pop())
    }

    /// Replaces the array on top of the stack by its elements; returns how
    /// many were pushed.
    pub(crate) fn spread_array_onto_stack(&mut self) -> R<usize> {
        let arr = self.top(0);
        if self.tc(arr) != TypeCode::Array {
            return self.throw_not_iterable(arr);
        }
        let n = self.array_len(arr);
        self.need_stack(n)?;
        self.set_sp(self.sp().wrapping_sub(1));
        for i in 0..n {
            self.push(self.array_get(arr, i));
        }
        Ok(n)
    }

    // --- Uint8Array -------------------------------------------------------------------

    /// A `Uint8Array`'s bytes (empty for anything else).
    pub(crate) fn bytes_of(&self, v: Value) -> &[u8] {
        let p = self.payload_of(v, TypeCode::Bytes).unwrap_or(&[]);
        let len = crate::format::read_u16(p, 0).unwrap_or(0) as usize;
        p.get(2..2 + len).unwrap_or(&[])
    }

    /// A new `Uint8Array` of `len` zero bytes.
    pub(crate) fn new_bytes(&mut self, len: usize) -> R<Value> {
        if len + 2 > MAX_ALLOC_SIZE {
            return self.throw_range_error(b"Invalid typed array length");
        }
        let v = self.alloc(TypeCode::Bytes, 2 + len)?;
        self.write_bytes(v, 0, &(len as u16).to_le_bytes());
        Ok(v)
    }

    /// `new Uint8Array(arg)` with the argument at stack position `at`: a
    /// length, or an array (or Uint8Array) whose elements are copied.
    pub(crate) fn construct_bytes(&mut self, at: usize) -> R<Value> {
        let arg = self.st(at);
        let len = match self.kind(arg) {
            ValueKind::Array => self.array_len(arg),
            ValueKind::Uint8Array => self.bytes_of(arg).len(),
            ValueKind::Undefined => 0,
            _ => match self.int_of(arg) {
                Some(n) if n >= 0 => n as usize,
                _ => return self.throw_range_error(b"Invalid typed array length"),
            },
        };
        let out = self.new_bytes(len)?;
        let arg = self.st(at);
        for i in 0..len {
            let byte = match self.kind(arg) {
                ValueKind::Array => num_to_int32(self.to_number(self.array_get(arg, i))) as u8,
                ValueKind::Uint8Array => self.bytes_of(arg).get(i).copied().unwrap_or(0),
                _ => 0,
            };
            self.write_bytes(out, 2 + i, &[byte]);
        }
        Ok(out)
    }
}
