//! Errors: making and throwing the builtin error objects, with messages
//! that describe the values involved, and recognising errors for display.

use crate::format::TypeCode;
use crate::host::ValueKind;
use crate::sem::object::MAX_CHAIN;
use crate::sem::string::Text;
use crate::value::{Value, WellKnown};
use crate::vm::{Fault, Vm, R};

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
    #[inline(never)]
    pub(crate) fn push(&mut self, b: &[u8]) -> &mut Self {
        for &c in b {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = c;
                self.len += 1;
            }
        }
        self
    }
    pub(crate) fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

impl WellKnown {
    /// `Error`, `TypeError`, `RangeError` or `SyntaxError`.
    pub(crate) fn is_error_ctor(self) -> bool {
        matches!(
            self,
            WellKnown::Error
                | WellKnown::TypeError
                | WellKnown::RangeError
                | WellKnown::SyntaxError
        )
    }

    /// The prototype of instances of an error constructor.
    pub(crate) fn error_prototype(self) -> WellKnown {
        match self {
            WellKnown::TypeError => WellKnown::TypeErrorPrototype,
            WellKnown::RangeError => WellKnown::RangeErrorPrototype,
            WellKnown::SyntaxError => WellKnown::SyntaxErrorPrototype,
            _ => WellKnown::ErrorPrototype,
        }
    }

    /// The constructor whose instances have this prototype.
    pub(crate) fn error_of_prototype(self) -> Option<WellKnown> {
        Some(match self {
            WellKnown::ErrorPrototype => WellKnown::Error,
            WellKnown::TypeErrorPrototype => WellKnown::TypeError,
            WellKnown::RangeErrorPrototype => WellKnown::RangeError,
            WellKnown::SyntaxErrorPrototype => WellKnown::SyntaxError,
            _ => return None,
        })
    }

    /// The `name` of an error constructor's instances.
    pub(crate) fn error_name(self) -> WellKnown {
        match self {
            WellKnown::TypeError => WellKnown::StrTypeError,
            WellKnown::RangeError => WellKnown::StrRangeError,
            WellKnown::SyntaxError => WellKnown::StrSyntaxError,
            _ => WellKnown::StrError,
        }
    }
}

impl Vm<'_> {
    /// Makes `new <ctor>(message)` with the message (a string) at stack
    /// position `msg_at`, or no message.
    pub(crate) fn new_error_at(&mut self, ctor: WellKnown, msg_at: Option<usize>) -> R<Value> {
        let o = self.new_object(ctor.error_prototype().value())?;
        let Some(msg_at) = msg_at else { return Ok(o) };
        self.push(o);
        let o_at = self.sp().wrapping_sub(1);
        let message = WellKnown::StrMessage.value();
        let r = self.define_own_key_at(o_at, message, msg_at, crate::sem::object::HIDDEN);
        let o = self.pop();
        r.map(|()| o)
    }

    /// Throws `new <ctor>(message)`.
    #[inline(always)]
    pub(crate) fn throw_error<T>(&mut self, ctor: WellKnown, message: &[u8]) -> R<T> {
        Err(self.raise(ctor, message))
    }

    /// Makes `new <ctor>(message)` the exception; the fault to return.
    #[inline(never)]
    pub(crate) fn raise(&mut self, ctor: WellKnown, message: &[u8]) -> Fault {
        // Making the error takes a few stack words, which every frame and
        // `need_stack` keep free; only a VM whose image lied about its
        // stack use can lack them.
        if self.sp() + 6 > self.stack_words() {
            return crate::vm::CORRUPT;
        }
        let m = match self.new_string(message) {
            Ok(m) => m,
            Err(f) => return f,
        };
        self.push(m);
        let at = self.sp().wrapping_sub(1);
        let e = self.new_error_at(ctor, Some(at));
        self.set_sp(at);
        match e {
            Ok(e) => {
                self.result = e;
                Fault::Throw
            }
            Err(f) => f,
        }
    }

    #[inline(always)]
    pub(crate) fn throw_type_error<T>(&mut self, message: &[u8]) -> R<T> {
        Err(self.raise(WellKnown::TypeError, message))
    }

    #[inline(always)]
    pub(crate) fn throw_range_error<T>(&mut self, message: &[u8]) -> R<T> {
        Err(self.raise(WellKnown::RangeError, message))
    }

    #[inline(always)]
    pub(crate) fn throw_stack_overflow<T>(&mut self) -> R<T> {
        Err(self.raise(WellKnown::RangeError, b"Maximum call stack size exceeded"))
    }

    /// Appends the text of a primitive (what `String(v)` gives, without
    /// allocating).
    pub(crate) fn describe(&self, v: Value, m: &mut MsgBuf) {
        match self.text_of(v) {
            Text::Str => m.push(self.str_bytes(v).unwrap_or(b"")),
            Text::Num(n) => m.push(n.as_bytes()),
            Text::Static(s) => m.push(s),
        };
    }

    /// Throws `TypeError: <what><obj> (<verb> '<key>')`.
    #[inline(always)]
    pub(crate) fn throw_property_error<T>(
        &mut self,
        what: &[u8],
        obj: Value,
        key: Value,
        verb: &[u8],
    ) -> R<T> {
        Err(self.property_error(what, obj, key, verb))
    }

    #[inline(never)]
    fn property_error(&mut self, what: &[u8], obj: Value, key: Value, verb: &[u8]) -> Fault {
        let mut m = MsgBuf::new();
        m.push(what);
        self.describe(obj, &mut m);
        m.push(b" (").push(verb).push(b" '");
        self.describe(key, &mut m);
        m.push(b"')");
        self.raise(WellKnown::TypeError, m.bytes())
    }

    /// Throws the TypeError for a write to a read-only property.
    pub(crate) fn throw_read_only<T>(&mut self, key: Value) -> R<T> {
        self.throw_about_key(
            b"Cannot assign to read only property '",
            key,
            b"' of object '#<Object>'",
        )
    }

    /// Throws the TypeError for a new property on a non-extensible object.
    pub(crate) fn throw_not_extensible<T>(&mut self, key: Value) -> R<T> {
        self.throw_about_key(b"Cannot add property ", key, b", object is not extensible")
    }

    /// Throws the TypeError for `delete` of a non-configurable property.
    pub(crate) fn throw_not_deletable<T>(&mut self, key: Value) -> R<T> {
        self.throw_about_key(b"Cannot delete property '", key, b"' of #<Object>")
    }

    /// Throws `TypeError: <before><key><after>`.
    #[inline(never)]
    fn throw_about_key<T>(&mut self, before: &[u8], key: Value, after: &[u8]) -> R<T> {
        let mut m = MsgBuf::new();
        m.push(before);
        self.describe(key, &mut m);
        m.push(after);
        Err(self.raise(WellKnown::TypeError, m.bytes()))
    }

    /// Refuses `obj[key] = v` on a value that cannot take the property: a
    /// primitive (module code is strict: `Cannot create property 'x' on
    /// string 'abc'`), or an object of a kind vium cannot give named
    /// properties to yet, which the message says. Never a dropped write.
    #[inline(never)]
    pub(crate) fn refuse_set<T>(&mut self, obj: Value, key: Value) -> R<T> {
        let kind = self.kind(obj);
        let primitive = matches!(
            kind,
            ValueKind::String | ValueKind::Number | ValueKind::Boolean | ValueKind::Symbol
        );
        // A string's indices and length are its own read-only properties.
        let read_only = kind == ValueKind::String
            && match key.as_int() {
                Some(i) => i >= 0 && (i as usize) < self.string_length(obj),
                None => self.key_eq(key, WellKnown::StrLength.value()),
            };
        let mut m = MsgBuf::new();
        m.push(if !primitive {
            b"vium cannot add property '" as &[u8]
        } else if read_only {
            b"Cannot assign to read only property '"
        } else {
            b"Cannot create property '"
        });
        self.describe(key, &mut m);
        m.push(if !primitive {
            b"' to this " as &[u8]
        } else if read_only {
            b"' of "
        } else {
            b"' on "
        });
        m.push(self.type_of_value(obj).text().unwrap_or(b""));
        if primitive {
            m.push(b" '");
            self.describe(obj, &mut m);
            m.push(b"'");
        } else {
            m.push(b" yet");
        }
        Err(self.raise(WellKnown::TypeError, m.bytes()))
    }

    /// Throws `TypeError: <v described> <what>`: what a value is not, or
    /// (`quote` false) a message about a key.
    #[inline(never)]
    fn about(&mut self, v: Value, before: &[u8], what: &[u8], quote: bool) -> Fault {
        let mut m = MsgBuf::new();
        m.push(before);
        match self.kind(v) {
            ValueKind::String if quote => {
                m.push(b"\"");
                self.describe(v, &mut m);
                m.push(b"\"");
            }
            ValueKind::Object if quote => {
                m.push(b"object");
            }
            ValueKind::Array if quote => {
                m.push(b"array");
            }
            ValueKind::Function if quote => {
                m.push(b"function");
            }
            _ => self.describe(v, &mut m),
        }
        m.push(what);
        self.raise(WellKnown::TypeError, m.bytes())
    }

    #[inline(always)]
    pub(crate) fn throw_not_function<T>(&mut self, v: Value) -> R<T> {
        Err(self.about(v, b"", b" is not a function", true))
    }

    #[inline(always)]
    pub(crate) fn throw_not_constructor<T>(&mut self, v: Value) -> R<T> {
        Err(self.about(v, b"", b" is not a constructor", true))
    }

    #[inline(always)]
    pub(crate) fn throw_not_iterable<T>(&mut self, v: Value) -> R<T> {
        Err(self.about(v, b"", b" is not iterable", false))
    }

    /// Throws the TypeError of assigning a property that has only a getter.
    #[inline(always)]
    pub(crate) fn throw_getter_only<T>(&mut self, key: Value) -> R<T> {
        Err(self.about(
            key,
            b"Cannot set property ",
            b" of #<Object> which has only a getter",
            false,
        ))
    }

    /// Whether `v` is an Error object (its prototype chain has an error
    /// prototype).
    pub(crate) fn is_error(&self, v: Value) -> bool {
        let mut o = v;
        for _ in 0..MAX_CHAIN {
            if let Some(w) = o.well_known() {
                return w.error_of_prototype().is_some() || w == WellKnown::OutOfMemoryError;
            }
            if self.tc(o) != TypeCode::Object {
                return false;
            }
            o = self.slot(o, 0);
        }
        false
    }

    /// Reads a property without allocating or throwing (for display).
    pub(crate) fn peek_property(&self, obj: Value, key: WellKnown) -> Value {
        let mut o = obj;
        for _ in 0..MAX_CHAIN {
            if let Some(w) = o.well_known() {
                return self
                    .well_known_property(w, key.value())
                    .unwrap_or(Value::UNDEFINED);
            }
            if self.tc(o) != TypeCode::Object {
                break;
            }
            if let Some(i) = self.find_own(o, key.value()) {
                let v = self.own_value(o, i);
                return if self.is_accessor(v) {
                    Value::UNDEFINED
                } else {
                    v
                };
            }
            o = self.slot(o, 0);
        }
        Value::UNDEFINED
    }
}
