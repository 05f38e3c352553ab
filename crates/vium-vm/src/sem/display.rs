//! Showing values: `String(v)`-like display for hosts (what `Uncaught`
//! prints) without allocating, the console output primitive and the raw
//! view of an object that the prelude's `console.log` formats (Node's
//! inspection format is JavaScript there, so a script that never logs
//! pays nothing for it).

use crate::format::TypeCode;
use crate::host::{Host, ValueKind};
use crate::sem::error::MsgBuf;
use crate::value::{Value, WellKnown};
use crate::vm::Vm;

/// Nesting of arrays that display follows (like `join`).
const DISPLAY_DEPTH: usize = 8;

impl Vm<'_> {
    /// `String(v)` without allocating: arrays joined with commas, an Error
    /// as `name: message` (what `Error.prototype.toString` gives), other
    /// objects `[object Object]`.
    pub(crate) fn write_display(&self, v: Value, out: &mut dyn FnMut(&[u8])) {
        self.display(v, out, 0)
    }

    fn display(&self, v: Value, out: &mut dyn FnMut(&[u8]), depth: usize) {
        if self.is_error(v) {
            // Name and message are read without running getters: a script
            // can make an error its own name (`e.name = e`).
            let name = self.peek_property(v, WellKnown::StrName);
            let msg = self.peek_property(v, WellKnown::StrMessage);
            let mut m = MsgBuf::new();
            self.describe(name, &mut m);
            out(m.bytes());
            if let Some(text) = self.str_bytes(msg).filter(|t| !t.is_empty()) {
                out(b": ");
                out(text);
            }
            return;
        }
        if self.tc(v) == TypeCode::Array && depth < DISPLAY_DEPTH {
            for i in 0..self.array_len(v) {
                if i > 0 {
                    out(b",");
                }
                let e = self.array_get(v, i);
                if !matches!(self.kind(e), ValueKind::Undefined | ValueKind::Null) {
                    self.display(e, out, depth + 1);
                }
            }
            return;
        }
        match self.str_bytes(v) {
            Some(b) => out(b),
            None => {
                let mut m = MsgBuf::new();
                self.describe(v, &mut m);
                out(m.bytes());
            }
        }
    }

    /// `__vium.print(s)`: the string's bytes to the host's console output.
    pub(crate) fn print(&mut self, host: &mut dyn Host, s: Value) {
        let mut out = ConsoleOut::new(self, host);
        out.write(self.str_bytes(s).unwrap_or(b""));
        #[cfg(feature = "snapshot")]
        {
            self.round.written = out.written;
        }
    }

    /// `__vium.own(o)` for the object (or class) at stack position `at`:
    /// its own properties in stored order as `[key, value, flags, …]`, where
    /// bits 0 and 1 of `flags` say which halves of an accessor pair exist
    /// (the value is then `[getter, setter]`) and the bits above are the
    /// property's attributes (`sem::object::HIDDEN`…): what `console.log`
    /// and `Object.getOwnPropertyDescriptor` see, without calling getters.
    #[cfg(feature = "reflect")]
    pub(crate) fn own_entries(&mut self, at: usize) -> crate::vm::R<Value> {
        self.statics_in_place(at);
        let obj = self.st(at);
        let props = self.slot(obj, 1);
        let n = if self.tc(obj) == TypeCode::Object {
            self.slot(props, 0).as_int().unwrap_or(0).max(0) as usize
        } else {
            0
        };
        self.need_stack(5)?;
        let out = self.new_array(3 * n)?;
        self.push(out);
        let out_at = self.sp().wrapping_sub(1);
        for i in 0..n {
            let props = self.slot(self.st(at), 1);
            let (mut key, mut v) = (self.slot(props, 1 + 2 * i), self.slot(props, 2 + 2 * i));
            if key == WellKnown::PropAttrs.value() {
                continue;
            }
            let mut flags = (self.prop_flags(self.st(at), i) as i16) << 2;
            if self.is_accessor(v) {
                flags |= (self.slot(v, 0) != Value::UNDEFINED) as i16
                    | ((self.slot(v, 1) != Value::UNDEFINED) as i16) << 1;
                let pair_at = self.sp();
                self.push(key);
                self.push(v);
                let halves = self.new_array(2)?;
                self.push(halves);
                for half in 0..2 {
                    self.push(self.slot(self.st(pair_at + 1), half));
                    let r = self.array_push_at(pair_at + 2, self.sp().wrapping_sub(1));
                    self.set_sp(self.sp().wrapping_sub(1));
                    r?;
                }
                // Re-read: the allocation may have moved them.
                (key, v) = (self.st(pair_at), self.st(pair_at + 2));
                self.set_sp(pair_at);
            }
            // `out` has room for every entry: these pushes do not allocate.
            for x in [key, v, Value::small_int(flags)] {
                self.push(x);
                let r = self.array_push_at(out_at, self.sp().wrapping_sub(1));
                self.set_sp(self.sp().wrapping_sub(1));
                r?;
            }
        }
        Ok(self.pop())
    }
}

/// Console output on its way to the host. At build time the driver may run
/// a build again (see `vm::BuildRound`): output an earlier round wrote is
/// skipped, and a round that met uncompiled eval text writes nothing more.
struct ConsoleOut<'h> {
    host: &'h mut dyn Host,
    #[cfg(feature = "snapshot")]
    written: usize,
    #[cfg(feature = "snapshot")]
    replayed: usize,
    #[cfg(feature = "snapshot")]
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
        ConsoleOut { host }
    }

    #[cfg(feature = "snapshot")]
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

    #[cfg(not(feature = "snapshot"))]
    fn write(&mut self, b: &[u8]) {
        self.host.write(b);
    }
}
