//! How values are shown: `console.log` (Node's inspection format, to a
//! fixed depth), and `String(v)`-like display of uncaught exceptions.
//! Never allocates and never throws.

use crate::host::{Host, ValueKind};
use crate::number::format_int;
use crate::sem::error::MsgBuf;
use crate::value::{Value, WellKnown};
use crate::vm::Vm;

/// Nesting shown by `console.log` before printing `[Object]`.
const INSPECT_DEPTH: usize = 2;

impl Vm<'_> {
    /// `String(v)`, except that an Error shows as `name: message`.
    pub(crate) fn write_display(&self, v: Value, out: &mut dyn FnMut(&[u8])) {
        if self.is_error(v) {
            // Name and message are shown without recursing: a script can
            // make an error its own name (`e.name = e`).
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
        match self.kind(v) {
            ValueKind::Object | ValueKind::Array | ValueKind::Function => {
                self.write_inspect(v, out, 0)
            }
            _ => match self.str_bytes(v) {
                Some(b) => out(b),
                None => {
                    let mut m = MsgBuf::new();
                    self.describe(v, &mut m);
                    out(m.bytes());
                }
            },
        }
    }

    /// What `console.log` prints for `v` (strings raw at depth 0, quoted inside).
    pub(crate) fn write_inspect(&self, v: Value, out: &mut dyn FnMut(&[u8]), depth: usize) {
        let kind = self.kind(v);
        match kind {
            ValueKind::String if depth > 0 => {
                out(b"'");
                out(self.str_bytes(v).unwrap_or(b""));
                out(b"'");
            }
            ValueKind::Number if v == Value::NEG_ZERO => out(b"-0"),
            ValueKind::Function => out(b"[Function (anonymous)]"),
            ValueKind::Uint8Array => {
                let bytes = self.bytes_of(v);
                out(b"Uint8Array(");
                out(format_int(bytes.len() as i64).as_bytes());
                out(b") [");
                for (i, b) in bytes.iter().enumerate() {
                    out(if i > 0 { b", " } else { b" " });
                    out(format_int(*b as i64).as_bytes());
                }
                out(if bytes.is_empty() { b"]" } else { b" ]" });
            }
            ValueKind::Object if self.is_error(v) => self.write_display(v, out),
            ValueKind::Array | ValueKind::Object if v.well_known().is_none() => {
                let array = kind == ValueKind::Array;
                let props = self.slot(v, 1);
                let n = if array {
                    self.array_len(v)
                } else {
                    // The count is clamped to the list's capacity, so even
                    // a corrupt heap cannot make this loop run away.
                    let cap = (self.header(props).1 / 2).saturating_sub(1) / 2;
                    (self.slot(props, 0).as_int().unwrap_or(0).max(0) as usize).min(cap)
                };
                if n == 0 {
                    return out(if array { b"[]" } else { b"{}" });
                }
                if depth > INSPECT_DEPTH {
                    return out(if array { b"[Array]" } else { b"[Object]" });
                }
                out(if array { b"[ " } else { b"{ " });
                for i in 0..n {
                    if i > 0 {
                        out(b", ");
                    }
                    let e = if array {
                        self.array_get(v, i)
                    } else {
                        self.write_key(self.slot(props, 1 + 2 * i), out);
                        self.slot(props, 2 + 2 * i)
                    };
                    if self.is_accessor(e) {
                        let has = |k| self.slot(e, k) != Value::UNDEFINED;
                        out(match (has(0), has(1)) {
                            (true, true) => b"[Getter/Setter]",
                            (true, false) => b"[Getter]",
                            (false, true) => b"[Setter]",
                            (false, false) => b"undefined",
                        });
                    } else {
                        self.write_inspect(e, out, depth + 1);
                    }
                }
                out(if array { b" ]" } else { b" }" });
            }
            ValueKind::Object => out(b"[object]"),
            _ => self.write_display(v, out),
        }
    }

    /// A property key as Node shows it: bare when it is an identifier or
    /// an index, quoted otherwise; then `: `.
    fn write_key(&self, k: Value, out: &mut dyn FnMut(&[u8])) {
        let mut m = MsgBuf::new();
        self.describe(k, &mut m);
        let key = m.bytes();
        let ident = key.first().is_some_and(|c| !c.is_ascii_digit())
            && key
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'$');
        if ident || k.is_int() {
            out(key);
        } else {
            out(b"'");
            out(key);
            out(b"'");
        }
        out(b": ");
    }

    /// `console.log(args…)`: the arguments at `args..args + n`, separated by
    /// spaces, then a newline.
    pub(crate) fn console_log(&mut self, host: &mut dyn Host, args: usize, n: usize) {
        let mut out = ConsoleOut::new(self, host);
        for i in 0..n {
            if i > 0 {
                out.write(b" ");
            }
            self.write_inspect(self.st(args + i), &mut |b| out.write(b), 0);
        }
        out.write(b"\n");
        #[cfg(feature = "snapshot")]
        {
            self.round.written = out.written;
        }
    }
}

/// `console.log` output on its way to the host. At build time the driver
/// may run a build again (see `vm::BuildRound`): output an earlier round
/// wrote is skipped, and a round that met uncompiled eval text writes
/// nothing more.
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
