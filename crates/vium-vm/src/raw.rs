//! Values as their 16-bit encoding, for bindings in other languages (the C
//! API in `vium-ffi`). A foreign host holds plain `u16`s that no borrow
//! checker tracks, so every raw value it hands back is checked before use:
//! it must be an int, a well-known value, or the payload start of a live
//! allocation of a kind scripts can see, in ROM or in the heap. Anything
//! else is refused (`RawError::Invalid`), never a wrong read.
//!
//! A raw value stays valid until the next operation that may collect (a
//! call into the VM, `new_raw`, `run_gc`); one kept longer belongs in a
//! `Handle` (`new_handle_raw`). Rust hosts have no need for this module:
//! `ValueRef` and `HostValue` give them the same with the borrow checker's
//! help.
//!
//! Owns: checking and converting raw values. Must not: hold them.

use crate::format::{walk_allocations, walk_rom, ImageError, TypeCode};
use crate::host::{CallError, Handle, Host, HostCall, HostValue, VmError};
use crate::value::{Value, WellKnown};
use crate::vm::{Fault, ValueRef, Vm};

/// Why an operation on a raw value failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawError {
    /// The value is not one a host may hold: not an int, a well-known
    /// value or a live allocation a script can see (a value kept across a
    /// collection, one from another VM, garbage).
    Invalid,
    /// The VM could not do it.
    Vm(VmError),
    /// The call threw and nothing caught it; the exception is
    /// `Vm::raw_result`.
    Uncaught,
}

/// A fault inside a raw operation: an exception (the out-of-memory
/// RangeError among them) is `Uncaught`, with the exception in `result`.
fn fault(f: Fault) -> RawError {
    match f {
        Fault::Fatal(e) => RawError::Vm(e),
        _ => RawError::Uncaught,
    }
}

/// Allocation types a script can hold (and so a host may): not property
/// lists, array storage, environments or other internals.
fn visible(ty: TypeCode) -> bool {
    matches!(
        ty,
        TypeCode::Int32
            | TypeCode::Float64
            | TypeCode::StrAscii
            | TypeCode::StrUtf8
            | TypeCode::HostFunc
            | TypeCode::Function
            | TypeCode::Object
            | TypeCode::Array
            | TypeCode::Closure
            | TypeCode::Class
            | TypeCode::Bytes
    )
}

impl<'a> Vm<'a> {
    /// `raw` as a value, when a host may hold it (see the module docs).
    pub(crate) fn checked_raw(&self, raw: u16) -> Result<Value, RawError> {
        let v = Value(raw);
        if v.is_int() {
            return Ok(v);
        }
        if let Some(w) = v.well_known() {
            return if w == WellKnown::Hole {
                Err(RawError::Invalid)
            } else {
                Ok(v)
            };
        }
        let (section, at) = if v.is_ram() {
            (self.heap_in_use(), raw as usize)
        } else {
            match v.rom_offset() {
                Some(off) => (self.rom(), off as usize),
                None => return Err(RawError::Invalid),
            }
        };
        // A walk from the first allocation: only a payload start found on
        // the way is one (the heap and ROM were validated, so the walk is
        // sound; it stops at the first allocation at or past `at`).
        let mut found = false;
        let walker = if v.is_ram() {
            walk_allocations
        } else {
            walk_rom
        };
        let _ = walker(section, &mut |payload, ty, _| {
            if payload < at {
                return Ok(());
            }
            found = payload == at && visible(ty);
            Err(ImageError::TooShort)
        });
        if found {
            Ok(v)
        } else {
            Err(RawError::Invalid)
        }
    }

    /// The value `raw` encodes, if a host may hold it: an int, a
    /// well-known value, or the start of a live allocation a script can see.
    /// Anything else is `RawError::Invalid` (never a wrong read). A value
    /// that is valid may still not be the one the host meant, when the
    /// host kept it past a collection: keep values in handles.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, RawError, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = NoImports;
    /// let image = include_bytes!("../tests/images/closures.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// // Export 1, called with raw values: the closure counts to 102.
    /// let f = vm.export_raw(1).unwrap();
    /// let one = vm.new_raw(HostValue::Int(1)).unwrap();
    /// vm.call_raw(&mut host, f, &[one]).unwrap();
    /// let result = vm.raw_result();
    /// assert_eq!(vm.raw_value(result).unwrap().to_i32(), 102);
    /// // Garbage is refused.
    /// assert_eq!(vm.raw_value(0xFFFE).err(), Some(RawError::Invalid));
    /// assert_eq!(vm.call_raw(&mut host, 0xFFFE, &[]), Err(RawError::Invalid));
    /// ```
    pub fn raw_value(&self, raw: u16) -> Result<ValueRef<'_, 'a>, RawError> {
        let v = self.checked_raw(raw)?;
        Ok(ValueRef { vm: self, v })
    }

    /// From inside [`Host::call`]: argument `i` of the host call, raw
    /// (`undefined` past the end), valid until the next operation that may
    /// collect.
    pub fn raw_arg(&self, call: &HostCall, i: usize) -> u16 {
        self.host_arg(call, i).0
    }

    /// The result (or exception) of the latest call, raw, valid until the
    /// next operation that may collect. See the example on
    /// [`Vm::raw_value`].
    pub fn raw_result(&self) -> u16 {
        self.result.0
    }

    /// Makes a value from the host (a number, a string, bytes…) outside any
    /// call, raw. Nothing roots it: it stays valid until the next operation
    /// that may collect, including the next `new_raw`.
    ///
    /// Fails with `VmError::OutOfMemory` when the value cannot be made:
    /// it does not fit, or (an engine without `float`) it is a number that
    /// is not an integer.
    /// `HostValue::Arg` and `HostValue::LastResult` have no host call here:
    /// the first gives `undefined`, the second the latest result. See the
    /// examples on [`Vm::raw_value`] and [`ValueRef::bytes`].
    pub fn new_raw(&mut self, v: HostValue<'_>) -> Result<u16, VmError> {
        match self.host_value(v) {
            Ok(v) => Ok(v.0),
            Err(Fault::Fatal(e)) => Err(e),
            // Allocation failures throw the out-of-memory RangeError.
            Err(_) => Err(VmError::OutOfMemory),
        }
    }

    /// The value of export `id`, raw (`None`: no such export). An export
    /// that is a heap value moves with collections; read it again after
    /// one. See the example on [`Vm::raw_value`].
    pub fn export_raw(&self, id: u16) -> Option<u16> {
        self.find_export(id).map(|v| v.0)
    }

    /// Calls the function `func` with `args`, all raw and checked before
    /// anything runs. On success the result is `raw_result`.
    ///
    /// Errors: `RawError::Invalid` when a value is not one a host may
    /// hold (nothing ran); `RawError::Uncaught` when the script threw (the
    /// exception is `raw_result`); `RawError::Vm` when the VM could not
    /// go on. See the example on [`Vm::raw_value`].
    pub fn call_raw(
        &mut self,
        host: &mut dyn Host,
        func: u16,
        args: &[u16],
    ) -> Result<(), RawError> {
        let f = self.checked_raw(func)?;
        for &a in args {
            self.checked_raw(a)?;
        }
        // Pushing raw words allocates nothing, so none of them moves
        // before it is on the stack (a root).
        let r = self.host_entry(host, |vm, host| {
            if vm.sp() + args.len() + 2 > vm.stack_words() {
                return vm.throw_stack_overflow();
            }
            vm.push(f);
            vm.push(Value::UNDEFINED);
            for &a in args {
                vm.push(Value(a));
            }
            vm.call_from_host(host, args.len())
        });
        match r {
            Ok(()) => Ok(()),
            Err(CallError::Uncaught) => Err(RawError::Uncaught),
            Err(CallError::Fatal(e)) => Err(RawError::Vm(e)),
            Err(CallError::NoSuchExport(_)) => Err(RawError::Invalid),
        }
    }

    /// `new class(…args)`, all raw and checked before anything runs. On
    /// success the object is `raw_result`.
    pub fn construct_raw(
        &mut self,
        host: &mut dyn Host,
        class: u16,
        args: &[u16],
    ) -> Result<(), RawError> {
        let c = self.checked_raw(class)?;
        for &a in args {
            self.checked_raw(a)?;
        }
        let r = self.host_entry(host, |vm, host| {
            if vm.sp() + args.len() + 2 > vm.stack_words() {
                return vm.throw_stack_overflow();
            }
            vm.push(c);
            for &a in args {
                vm.push(Value(a));
            }
            vm.construct_from_host(host, args.len())
        });
        match r {
            Ok(()) => Ok(()),
            Err(CallError::Uncaught) => Err(RawError::Uncaught),
            Err(CallError::Fatal(e)) => Err(RawError::Vm(e)),
            Err(CallError::NoSuchExport(_)) => Err(RawError::Invalid),
        }
    }

    /// A function value that calls host function `id` (as a script's
    /// `vmImport(id)` does), raw and unrooted: for bindings that hand the
    /// script callbacks of their own.
    pub fn new_host_function_raw(&mut self, id: u16) -> Result<u16, RawError> {
        let f = self.alloc(TypeCode::HostFunc, 2).map_err(fault)?;
        self.write_bytes(f, 0, &id.to_le_bytes());
        Ok(f.0)
    }

    /// The bytes of the `Uint8Array` `raw`, writable in place, until the
    /// next operation that may collect. `RawError::Invalid` for any other
    /// value (and for a `Uint8Array` in ROM, which cannot be written).
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = NoImports;
    /// let image = include_bytes!("../tests/images/tiny.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// let raw = vm.new_raw(HostValue::Bytes(&[1, 2, 3])).unwrap();
    /// vm.bytes_mut_raw(raw).unwrap()[0] = 9;
    /// assert_eq!(vm.raw_value(raw).unwrap().bytes(), Some(&[9u8, 2, 3][..]));
    /// ```
    pub fn bytes_mut_raw(&mut self, raw: u16) -> Result<&mut [u8], RawError> {
        let v = self.checked_raw(raw)?;
        if self.tc(v) != TypeCode::Bytes || !v.is_ram() {
            return Err(RawError::Invalid);
        }
        let len = self.bytes_of(v).len();
        let at = v.0 as usize + 2;
        self.ram
            .heap_mut()
            .get_mut(at..at + len)
            .ok_or(RawError::Invalid)
    }

    /// A handle that keeps the value `raw` alive, until
    /// [`Vm::release`]. `RawError::Invalid` when `raw` is not a value a
    /// host may hold; `RawError::Vm` when the table of handles cannot grow.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = NoImports;
    /// let image = include_bytes!("../tests/images/tiny.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// let raw = vm.new_raw(HostValue::Str("kept")).unwrap();
    /// let h = vm.new_handle_raw(raw).unwrap();
    /// vm.run_gc().unwrap();
    /// // The collection may have moved it: read it through the handle.
    /// let now = vm.handle_raw(&h);
    /// assert_eq!(vm.raw_value(now).unwrap().as_str(), Some("kept"));
    /// let other = vm.new_raw(HostValue::Int(7)).unwrap();
    /// vm.set_handle_raw(&h, other).unwrap();
    /// assert_eq!(vm.handle_value(&h).to_i32(), 7);
    /// vm.release(h);
    /// ```
    pub fn new_handle_raw(&mut self, raw: u16) -> Result<Handle, RawError> {
        let v = self.checked_raw(raw)?;
        self.with_rooted(v, |vm, at| {
            vm.new_handle(move |vm| vm.st(at)).map_err(RawError::Vm)
        })
    }

    /// Runs `f` with `v` on the stack at the position it is given: a root,
    /// so a collection inside `f` moves it there. Between calls the stack
    /// is opened for the purpose.
    fn with_rooted<T>(
        &mut self,
        v: Value,
        f: impl FnOnce(&mut Self, usize) -> Result<T, RawError>,
    ) -> Result<T, RawError> {
        let outer = self.depth() == 0;
        if outer {
            if !self.ram.open_stack(self.alloc) {
                return Err(RawError::Vm(VmError::OutOfMemory));
            }
            self.set_sp(0);
        }
        let at = self.sp();
        let r = if at + 8 < self.stack_words() {
            self.push(v);
            f(self, at)
        } else {
            Err(RawError::Vm(VmError::OutOfMemory))
        };
        self.set_sp(at);
        if outer {
            self.ram.close_stack(self.alloc);
        }
        r
    }

    /// The text of `raw` as `ValueRef::write_display` gives it (what
    /// `String(raw)` is, an Error as `name: message`) in a new `Uint8Array`
    /// followed by a NUL byte, for hosts that want C strings; and the
    /// text's length without the NUL. Unrooted, like `new_raw`'s values.
    ///
    /// Errors: `RawError::Invalid` for a value a host may not hold;
    /// `RawError::Uncaught` when the array does not fit (the out-of-memory
    /// `RangeError` is then `raw_result`); `RawError::Vm` when the VM
    /// could not go on.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = NoImports;
    /// let image = include_bytes!("../tests/images/tiny.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// let n = vm.new_raw(HostValue::Int(42)).unwrap();
    /// let (text, len) = vm.text_bytes_raw(n).unwrap();
    /// assert_eq!(len, 2);
    /// assert_eq!(vm.raw_value(text).unwrap().bytes(), Some(&b"42\0"[..]));
    /// ```
    pub fn text_bytes_raw(&mut self, raw: u16) -> Result<(u16, usize), RawError> {
        let v = self.checked_raw(raw)?;
        let mut len = 0;
        self.write_display(v, &mut |piece| len += piece.len());
        self.with_rooted(v, |vm, at| {
            let out = vm.new_bytes(len + 1).map_err(fault)?;
            // The text is written without allocating, while the VM is
            // borrowed: each pass keeps one window of it, then copies that
            // window into `out` (a collection may have moved the value).
            const WINDOW: usize = 128;
            let mut done = 0;
            while done < len {
                let mut window = [0u8; WINDOW];
                let (mut pos, mut n) = (0usize, 0usize);
                vm.write_display(vm.st(at), &mut |piece| {
                    for &b in piece {
                        if let Some(slot) = pos.checked_sub(done).and_then(|i| window.get_mut(i)) {
                            *slot = b;
                            n += 1;
                        }
                        pos += 1;
                    }
                });
                if n == 0 {
                    break;
                }
                vm.write_bytes(out, 2 + done, window.get(..n).unwrap_or(&[]));
                done += n;
            }
            Ok((out.0, done))
        })
    }

    /// A string from UTF-8 bytes, each invalid sequence replaced by U+FFFD
    /// (as `TextDecoder` does), raw and unrooted. `RawError::Uncaught` when
    /// it does not fit (the out-of-memory `RangeError` is then
    /// `raw_result`).
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = NoImports;
    /// let image = include_bytes!("../tests/images/tiny.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// let s = vm.new_string_lossy_raw(b"caf\xC3\xA9 \xFF").unwrap();
    /// assert_eq!(vm.raw_value(s).unwrap().as_str(), Some("caf\u{e9} \u{fffd}"));
    /// ```
    pub fn new_string_lossy_raw(&mut self, bytes: &[u8]) -> Result<u16, RawError> {
        const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
        let len: usize = bytes
            .utf8_chunks()
            .map(|c| c.valid().len() + REPLACEMENT.len() * (!c.invalid().is_empty()) as usize)
            .sum();
        if len == 0 {
            return Ok(Value::EMPTY_STRING.0);
        }
        let s = self.alloc_string(len).map_err(fault)?;
        let mut at = 0;
        for c in bytes.utf8_chunks() {
            self.write_bytes(s, at, c.valid().as_bytes());
            at += c.valid().len();
            if !c.invalid().is_empty() {
                self.write_bytes(s, at, REPLACEMENT);
                at += REPLACEMENT.len();
            }
        }
        Ok(self.finish_string(s).0)
    }

    /// The value a handle keeps alive, raw, valid until the next operation
    /// that may collect (the handle stays valid). See the example on
    /// [`Vm::new_handle_raw`].
    pub fn handle_raw(&self, h: &Handle) -> u16 {
        self.handle_get(h).0
    }

    /// Makes a handle keep `raw` alive instead of its value.
    /// `RawError::Invalid` (and the handle unchanged) when `raw` is not a
    /// value a host may hold. See the example on [`Vm::new_handle_raw`].
    pub fn set_handle_raw(&mut self, h: &Handle, raw: u16) -> Result<(), RawError> {
        let v = self.checked_raw(raw)?;
        self.set_slot(self.handles, h.slot as usize, v);
        Ok(())
    }
}

impl ValueRef<'_, '_> {
    /// The value's 16-bit encoding, for a binding to hand out, valid until
    /// the next operation that may collect ([`Vm::raw_value`] reads it
    /// back).
    pub fn raw(&self) -> u16 {
        self.v.0
    }
    /// Whether this is a class (`kind` calls classes functions, as
    /// `typeof` does).
    pub fn is_class(&self) -> bool {
        self.vm.tc(self.v) == TypeCode::Class
    }
    /// `self === other`: numbers by value (NaN equals nothing), strings by
    /// their text, everything else by identity.
    pub fn strict_equals(&self, other: &ValueRef<'_, '_>) -> bool {
        self.vm.strict_eq(self.v, other.v)
    }
}
