//! Operations beyond the core: classes, `new`, loose equality, `in`,
//! `delete`, `instanceof`, spread, `for…in` keys, arguments arrays and the
//! builtin iterators. Like `semantics`, works on values and the operand
//! stack, never on frames (the interpreter sets up the calls these prepare).

use crate::format::TypeCode;
use crate::host::ValueKind;
use crate::number::format_int;
use crate::value::{Value, WellKnown};
use crate::vm::{Vm, CORRUPT, R};

const MAX_CHAIN: usize = 64;

impl Vm<'_> {
    // --- classes -----------------------------------------------------------------

    /// `[parent, constructor]` at `at` → the class (left at `at`).
    pub(crate) fn make_class(&mut self, at: usize) -> R<Value> {
        let parent = self.st(at)?;
        let (proto_parent, statics_parent) = match self.type_of(parent)? {
            Some(TypeCode::Class) => {
                let statics = self.slot(parent, 1)?;
                (
                    self.get_property(statics, WellKnown::StrPrototype.value())?,
                    statics,
                )
            }
            None if parent == Value::NULL => (Value::NULL, Value::NULL),
            None if matches!(
                parent.well_known(),
                Some(
                    WellKnown::Error
                        | WellKnown::TypeError
                        | WellKnown::RangeError
                        | WellKnown::SyntaxError
                )
            ) =>
            {
                (
                    self.get_property(parent, WellKnown::StrPrototype.value())?,
                    Value::NULL,
                )
            }
            _ => {
                return self.throw_error(
                    WellKnown::TypeError,
                    b"Class extends value is not a constructor or null",
                )
            }
        };
        // [parent, ctor, proto, statics, class] built on the stack so each
        // allocation sees the others as roots.
        let proto = self.new_object(proto_parent)?;
        self.push(proto)?;
        let statics_parent = match self.type_of(self.st(at)?)? {
            Some(TypeCode::Class) => self.slot(self.st(at)?, 1)?,
            _ => statics_parent,
        };
        let statics = self.new_object(statics_parent)?;
        self.push(statics)?;
        let class = self.alloc(TypeCode::Class, 4)?;
        self.set_slot(class, 0, self.st(at + 1)?)?;
        self.set_slot(class, 1, self.st(at + 3)?)?;
        self.push(class)?;
        // statics.prototype = proto; proto.constructor = class
        let top = self.sp;
        self.push(self.st(at + 3)?)?;
        self.push(WellKnown::StrPrototype.value())?;
        self.push(self.st(at + 2)?)?;
        self.set_property_at(top)?;
        self.sp = top;
        self.push(self.st(at + 2)?)?;
        self.push(WellKnown::StrConstructor.value())?;
        self.push(self.st(at + 4)?)?;
        self.set_property_at(top)?;
        let class = self.st(at + 4)?;
        self.sp = at;
        Ok(class)
    }

    /// The prototype instances of `callee` get from `new`.
    pub(crate) fn construct_prototype(&mut self, callee: Value) -> R<Value> {
        match self.type_of(callee)? {
            Some(TypeCode::Class) => {
                let statics = self.slot(callee, 1)?;
                self.get_property(statics, WellKnown::StrPrototype.value())
            }
            _ => Ok(Value::NULL),
        }
    }

    // --- equality and relations -----------------------------------------------------

    /// `a == b`.
    pub(crate) fn loose_eq(&self, a: Value, b: Value) -> R<bool> {
        let (ka, kb) = (self.kind(a), self.kind(b));
        let nullish = |k| matches!(k, ValueKind::Undefined | ValueKind::Null);
        if nullish(ka) || nullish(kb) {
            return Ok(nullish(ka) && nullish(kb));
        }
        let primitive = |k| {
            matches!(
                k,
                ValueKind::Number | ValueKind::String | ValueKind::Boolean
            )
        };
        if ka == kb || !(primitive(ka) && primitive(kb)) {
            if ka == kb {
                return self.strict_eq(a, b);
            }
            // An object against a primitive: objects convert through
            // toString, which for plain objects never equals a number.
            return Ok(false);
        }
        let x = self.to_number_pure(a)?;
        let y = self.to_number_pure(b)?;
        Ok(x == y)
    }

    /// `key in obj` with `[key, obj]` on top of the stack.
    pub(crate) fn has_property(&mut self) -> R<bool> {
        let obj = self.top(0)?;
        if !matches!(
            self.kind(obj),
            ValueKind::Object | ValueKind::Array | ValueKind::Function
        ) || obj.well_known().is_some() && self.kind(obj) != ValueKind::Object
        {
            return self.throw_error(
                WellKnown::TypeError,
                b"Cannot use 'in' operator to search for a key in a primitive",
            );
        }
        let key = self.property_key(self.top(1)?)?;
        let mut o = self.top(0)?;
        for _ in 0..MAX_CHAIN {
            match self.type_of(o)? {
                Some(TypeCode::Object) => {
                    if self.find_own(o, key)?.is_some() {
                        return Ok(true);
                    }
                    o = self.slot(o, 0)?;
                    if o == Value::NULL {
                        return Ok(false);
                    }
                }
                Some(TypeCode::Class) => o = self.slot(o, 1)?,
                Some(TypeCode::Array) => {
                    if let Some(i) = key.as_int() {
                        if i < 0 || i as usize >= self.array_len(o)? {
                            return Ok(false);
                        }
                        let data = self.slot(o, 0)?;
                        return Ok(self.slot(data, i as usize)? != Value::HOLE);
                    }
                    return Ok(self.key_eq(key, WellKnown::StrLength.value())?
                        || self.key_eq(key, WellKnown::StrPush.value())?
                        || key == WellKnown::SymbolIterator.value());
                }
                _ => {
                    let v = self.get_property(o, key)?;
                    return Ok(v != Value::UNDEFINED);
                }
            }
        }
        Ok(false)
    }

    /// `v instanceof C`.
    pub(crate) fn instance_of(&mut self, v: Value, c: Value) -> R<bool> {
        if let Some(
            w @ (WellKnown::Error
            | WellKnown::TypeError
            | WellKnown::RangeError
            | WellKnown::SyntaxError),
        ) = c.well_known()
        {
            let target = self.get_property(w.value(), WellKnown::StrPrototype.value())?;
            return self.proto_chain_has(v, target);
        }
        match self.type_of(c)? {
            Some(TypeCode::Class) => {
                let proto = self.construct_prototype(c)?;
                self.proto_chain_has(v, proto)
            }
            Some(TypeCode::Function | TypeCode::Closure | TypeCode::HostFunc) => Ok(false),
            _ => self.throw_error(
                WellKnown::TypeError,
                b"Right-hand side of 'instanceof' is not callable",
            ),
        }
    }

    fn proto_chain_has(&self, v: Value, target: Value) -> R<bool> {
        let mut o = v;
        for _ in 0..MAX_CHAIN {
            o = match o.well_known() {
                Some(
                    WellKnown::TypeErrorPrototype
                    | WellKnown::RangeErrorPrototype
                    | WellKnown::SyntaxErrorPrototype,
                ) => WellKnown::ErrorPrototype.value(),
                Some(WellKnown::OutOfMemoryError) => WellKnown::RangeErrorPrototype.value(),
                Some(_) => return Ok(false),
                None => match self.type_of(o)? {
                    Some(TypeCode::Object) => self.slot(o, 0)?,
                    _ => return Ok(false),
                },
            };
            if o == target {
                return Ok(true);
            }
        }
        Ok(false)
    }

    // --- delete, keys, spread -------------------------------------------------------

    /// `delete obj[key]` with `[obj, key]` on top of the stack.
    pub(crate) fn delete_property(&mut self) -> R<()> {
        let key = self.property_key(self.top(0)?)?;
        let obj = self.top(1)?;
        let obj = match self.type_of(obj)? {
            Some(TypeCode::Class) => self.slot(obj, 1)?,
            _ => obj,
        };
        match self.type_of(obj)? {
            Some(TypeCode::Object) => {
                if let Some(i) = self.find_own(obj, key)? {
                    let props = self.slot(obj, 1)?;
                    let n = self.slot(props, 0)?.as_int().ok_or(CORRUPT)? as usize;
                    for k in (1 + 2 * i)..(2 * n - 1) {
                        let v = self.slot(props, k + 2)?;
                        self.set_slot(props, k, v)?;
                    }
                    self.set_slot(props, 2 * n - 1, Value::UNDEFINED)?;
                    self.set_slot(props, 2 * n, Value::UNDEFINED)?;
                    self.set_slot(props, 0, Value::int(n as i32 - 1).ok_or(CORRUPT)?)?;
                }
            }
            Some(TypeCode::Array) => {
                if let Some(i) = key.as_int().and_then(|i| usize::try_from(i).ok()) {
                    if i < self.array_len(obj)? {
                        let data = self.slot(obj, 0)?;
                        self.set_slot(data, i, Value::HOLE)?;
                    }
                }
            }
            None if matches!(
                obj.well_known(),
                Some(WellKnown::Undefined | WellKnown::Null)
            ) =>
            {
                return self.throw_error(
                    WellKnown::TypeError,
                    b"Cannot convert undefined or null to object",
                );
            }
            _ => {}
        }
        Ok(())
    }

    /// The enumerable own string keys of the value on top of the stack, as
    /// a new array (integer keys first, as strings, like JavaScript).
    pub(crate) fn own_keys(&mut self) -> R<Value> {
        let keys = self.new_array(0)?;
        self.push(keys)?;
        let keys_at = self.sp - 1;
        let obj_at = keys_at - 1;
        let target = self.st(obj_at)?;
        let target = match self.type_of(target)? {
            Some(TypeCode::Class) => self.slot(target, 1)?,
            _ => target,
        };
        self.st_set(obj_at, target)?;
        match self.type_of(target)? {
            Some(TypeCode::Object) => {
                let props = self.slot(target, 1)?;
                let n = if props == Value::NULL {
                    0
                } else {
                    self.slot(props, 0)?.as_int().ok_or(CORRUPT)? as usize
                };
                // Integer keys come first in ascending order, then the rest
                // in insertion order.
                let mut emitted_int = i32::MIN;
                loop {
                    let mut next = None;
                    for i in 0..n {
                        let props = self.slot(self.st(obj_at)?, 1)?;
                        if let Some(k) = self.slot(props, 1 + 2 * i)?.as_int() {
                            if k > emitted_int && k >= 0 && next.is_none_or(|m| k < m) {
                                next = Some(k);
                            }
                        }
                    }
                    let Some(k) = next else { break };
                    emitted_int = k;
                    self.push_key_text(keys_at, Value::int(k).ok_or(CORRUPT)?)?;
                }
                for i in 0..n {
                    let props = self.slot(self.st(obj_at)?, 1)?;
                    let k = self.slot(props, 1 + 2 * i)?;
                    if k.as_int().is_some_and(|k| k >= 0) || k == WellKnown::SymbolIterator.value()
                    {
                        continue;
                    }
                    self.push_key_text(keys_at, k)?;
                }
            }
            Some(TypeCode::Array) => {
                let n = self.array_len(target)?;
                for i in 0..n {
                    let data = self.slot(self.st(obj_at)?, 0)?;
                    if self.slot(data, i)? == Value::HOLE {
                        continue;
                    }
                    self.push_key_text(keys_at, Value::int(i as i32).ok_or(CORRUPT)?)?;
                }
            }
            Some(TypeCode::StrAscii | TypeCode::StrUtf8) => {
                let n = self
                    .get_property(target, WellKnown::StrLength.value())?
                    .as_int()
                    .unwrap_or(0);
                for i in 0..n {
                    self.push_key_text(keys_at, Value::int(i).ok_or(CORRUPT)?)?;
                }
            }
            _ => {}
        }
        let keys = self.st(keys_at)?;
        self.sp = keys_at;
        Ok(keys)
    }

    /// Appends key `k` to the array at `keys_at`, as a string.
    fn push_key_text(&mut self, keys_at: usize, k: Value) -> R<()> {
        let s = match k.as_int() {
            Some(i) => {
                let t = format_int(i as i64);
                self.new_string(t.as_bytes())?
            }
            None => k,
        };
        self.push(s)?;
        let r = self.array_push_at(keys_at, self.sp - 1);
        self.sp -= 1;
        r.map(|_| ())
    }

    /// `[arr, iterable]` on top: appends the iterable's elements to `arr`.
    pub(crate) fn append_spread(&mut self) -> R<()> {
        let src_at = self.sp.checked_sub(1).ok_or(CORRUPT)?;
        let arr_at = src_at - 1;
        let src = self.st(src_at)?;
        match self.type_of(src)? {
            Some(TypeCode::Array) => {
                let n = self.array_len(src)?;
                for i in 0..n {
                    let v = self.array_get(self.st(src_at)?, i)?;
                    self.push(v)?;
                    let r = self.array_push_at(arr_at, self.sp - 1);
                    self.sp -= 1;
                    r?;
                }
                Ok(())
            }
            _ if self.kind(src) == ValueKind::String => {
                let mut at = 0;
                loop {
                    let (piece, next) = self.code_point_at(self.st(src_at)?, at)?;
                    let Some(piece) = piece else { break };
                    self.push(piece)?;
                    let r = self.array_push_at(arr_at, self.sp - 1);
                    self.sp -= 1;
                    r?;
                    at = next;
                }
                Ok(())
            }
            _ => self.throw_not_iterable(src),
        }
    }

    pub(crate) fn throw_not_iterable<T>(&mut self, v: Value) -> R<T> {
        let mut m = crate::semantics::MsgBuf::new();
        self.describe(v, &mut m);
        m.push(b" is not iterable");
        self.throw_error(WellKnown::TypeError, m.bytes())
    }

    /// The code point of string `s` starting at byte `at` as a new string,
    /// and the byte offset after it; `None` at the end.
    fn code_point_at(&mut self, s: Value, at: usize) -> R<(Option<Value>, usize)> {
        let b = self.string_bytes(s)?.unwrap_or(b"");
        let Some(&c) = b.get(at) else {
            return Ok((None, at));
        };
        let len = match c {
            0xF0..=0xFF => 4,
            0xE0..=0xEF => 3,
            0xC0..=0xDF => 2,
            _ => 1,
        };
        let mut buf = [0u8; 4];
        let piece = b.get(at..at + len).ok_or(CORRUPT)?;
        buf[..len].copy_from_slice(piece);
        let v = match WellKnown::string(&buf[..len]) {
            Some(w) => w.value(),
            None => self.new_string(&buf[..len])?,
        };
        Ok((Some(v), at + len))
    }

    /// `[target, source]` on top: copies the source's own enumerable
    /// properties onto the target (object spread, `Object.assign`).
    pub(crate) fn copy_props(&mut self, host: &mut dyn crate::host::Host) -> R<()> {
        let src_at = self.sp - 1;
        let dst_at = src_at - 1;
        let src = self.st(src_at)?;
        if matches!(self.kind(src), ValueKind::Undefined | ValueKind::Null) {
            return Ok(());
        }
        self.push(src)?;
        let keys = self.own_keys()?;
        self.sp -= 1;
        self.push(keys)?;
        let keys_at = self.sp - 1;
        let n = self.array_len(keys)?;
        for i in 0..n {
            let k = self.array_get(self.st(keys_at)?, i)?;
            let k = self.property_key(k)?;
            self.push(k)?;
            let mut v = self.get_property_raw(self.st(src_at)?, k)?;
            if self.is_accessor(v) {
                // A getter's value is copied: a nested call (bounded).
                let getter = self.slot(v, 0)?;
                v = Value::UNDEFINED;
                if getter != Value::UNDEFINED {
                    self.push(getter)?;
                    self.push(self.st(src_at)?)?;
                    v = self.call_nested(host, 0)?;
                }
            }
            let k = self.pop()?;
            let at = self.sp;
            self.push(self.st(dst_at)?)?;
            self.push(k)?;
            self.push(v)?;
            let r = self.set_property_at(at);
            self.sp = at;
            r?;
        }
        self.sp = keys_at;
        Ok(())
    }

    /// A new array of the current call's arguments from index `from` on.
    pub(crate) fn arguments_array(
        &mut self,
        from: usize,
        args_base: usize,
        argc: usize,
    ) -> R<Value> {
        let n = argc.saturating_sub(from);
        let a = self.new_array(n.min(255))?;
        self.push(a)?;
        let a_at = self.sp - 1;
        for i in 0..n {
            self.array_push_at(a_at, args_base + from + i)?;
        }
        self.pop()
    }

    /// Replaces the array on top of the stack by its elements; returns how
    /// many were pushed.
    pub(crate) fn spread_array_onto_stack(&mut self) -> R<usize> {
        let arr = self.top(0)?;
        if self.type_of(arr)? != Some(TypeCode::Array) {
            return self.throw_not_iterable(arr);
        }
        let n = self.array_len(arr)?;
        if self.sp + n + 16 > self.stack_words() {
            return self.throw_range_error("Maximum call stack size exceeded");
        }
        self.sp -= 1;
        for i in 0..n {
            let v = self.array_get(arr, i)?;
            self.push(v)?;
        }
        Ok(n)
    }

    // --- iterators ------------------------------------------------------------------

    /// `Values`: a builtin iterator over `this` (an array or a string).
    pub(crate) fn make_iterator(&mut self, this_at: usize) -> R<Value> {
        let it = self.alloc(TypeCode::Iterator, 4)?;
        self.set_slot(it, 0, self.st(this_at)?)?;
        self.set_slot(it, 1, Value::ZERO)?;
        Ok(it)
    }

    /// `IteratorNext` on the iterator at `this_at`.
    pub(crate) fn iterator_next(&mut self, this_at: usize) -> R<Value> {
        let it = self.st(this_at)?;
        if self.type_of(it)? != Some(TypeCode::Iterator) {
            return self.throw_error(WellKnown::TypeError, b"next called on a non-iterator");
        }
        let target = self.slot(it, 0)?;
        let pos = self.slot(it, 1)?.as_int().ok_or(CORRUPT)? as usize;
        let (value, next) = if self.type_of(target)? == Some(TypeCode::Array) {
            if pos >= self.array_len(target)? {
                return Ok(WellKnown::IteratorDone.value());
            }
            (self.array_get(target, pos)?, pos + 1)
        } else if self.type_of(target)? == Some(TypeCode::Bytes) {
            match self.bytes_of(target)?.1.get(pos) {
                Some(b) => (Value::small_int(*b as i16), pos + 1),
                None => return Ok(WellKnown::IteratorDone.value()),
            }
        } else {
            match self.code_point_at(target, pos)? {
                (Some(v), next) => (v, next),
                (None, _) => return Ok(WellKnown::IteratorDone.value()),
            }
        };
        self.push(value)?;
        let it = self.st(this_at)?;
        self.set_slot(it, 1, Value::int(next as i32).ok_or(CORRUPT)?)?;
        let o = self.new_object(Value::NULL)?;
        self.push(o)?;
        let at = self.sp;
        self.push(o)?;
        self.push(WellKnown::StrValue.value())?;
        self.push(self.st(at - 2)?)?;
        self.set_property_at(at)?;
        self.sp = at;
        self.push(self.st(at - 1)?)?;
        self.push(WellKnown::StrDone.value())?;
        self.push(Value::FALSE)?;
        self.set_property_at(at)?;
        let o = self.st(at - 1)?;
        self.sp = at - 2;
        Ok(o)
    }
}
