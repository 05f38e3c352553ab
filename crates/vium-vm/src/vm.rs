//! The VM instance: restore from an image, the RAM it owns (globals, heap,
//! stack), and the public entry points a host calls. The heap's mechanics
//! are in `heap`, the interpreter in `exec`, the meaning of operations in
//! `sem`.
//!
//! **GC roots**: the globals block (globals, then the RAM exports), the
//! stack words below `sp`, and the registers `result`, `handles`, `jobs`
//! and (build time) `exports_table`. Stack words whose low bit is 1 (int14 and ROM
//! values, and the tagged control words of frames and handlers) are never
//! followed, which is why control words are stored tagged. Any `Value`
//! held in a Rust local is stale after an allocation.

use crate::format::{self, Image, ImageError};
use crate::host::{CallError, Handle, Host, HostCall, HostValue, ValueKind, VmError};
use crate::memory::{Allocator, ImageRef, Ram, Region};
use crate::value::Value;

/// Features this engine was built with, as image header bits.
pub const ENGINE_FEATURES: u16 = (if cfg!(feature = "float") {
    format::FEATURE_FLOAT
} else {
    0
}) | (if cfg!(feature = "async") {
    format::FEATURE_ASYNC
} else {
    0
}) | (if cfg!(feature = "accessors") {
    format::FEATURE_ACCESSORS
} else {
    0
}) | (if cfg!(feature = "math") || !cfg!(feature = "float") {
    format::FEATURE_MATH
} else {
    0
}) | (if cfg!(feature = "strings") {
    format::FEATURE_STRINGS
} else {
    0
}) | (if cfg!(feature = "reflect") {
    format::FEATURE_REFLECT
} else {
    0
});
/// Largest heap a VM may hold.
pub const MAX_HEAP: usize = 0xFFFE;
/// Default VM stack size in bytes (allocated only while the VM runs).
pub const DEFAULT_STACK_BYTES: usize = 1024;
/// Host → VM → host → VM nesting allowed.
pub(crate) const MAX_HOST_DEPTH: u8 = 16;

/// Why the interpreter stopped executing the current instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// A script exception is in `Vm::exception`.
    Throw,
    Fatal(VmError),
    /// An operator met an object operand: the executor converts it to a
    /// primitive (ToPrimitive) and runs the instruction again. Never
    /// leaves the executor's loop.
    Primitive,
}

pub(crate) const CORRUPT: Fault = Fault::Fatal(VmError::Corrupt);
pub(crate) type R<T> = Result<T, Fault>;

/// A restored VM. Borrows its image (executed in place) and its allocator.
///
/// A host restores one with [`Vm::restore`], calls what the script
/// exported with [`Vm::call_export`], and reads what the call returned
/// with [`Vm::result`] (or what it threw, with [`Vm::exception`]). Values
/// the VM lends ([`ValueRef`]) borrow it, so the borrow checker ends them
/// before the next call, which may move them; a value kept longer goes in
/// a [`Handle`]. A script that uses promises needs [`Vm::settle`] after a
/// call. Dropping the VM gives all its memory back to the allocator.
///
/// The VM needs, from its allocator: its globals and heap (about the
/// image's heap section at first); a stack of 1024 bytes during each call
/// from the host ([`Vm::set_stack_size`]); and, during a collection, a
/// second block as large as the heap in use. An arena of a few KiB runs a
/// small script.
///
/// Its size is what an idle VM costs besides its globals and heap (48
/// bytes on a 32-bit target): the registers of a running call live in the
/// executor, on the native stack, and everything else that only a build
/// needs is behind the `snapshot` feature.
pub struct Vm<'a> {
    pub(crate) image: ImageRef<'a>,
    pub(crate) alloc: &'a mut dyn Allocator,
    /// Globals (then the RAM exports), heap, stack and their counters.
    pub(crate) ram: Ram,
    /// The value of the latest call from the host: what it returned, or
    /// (after `CallError::Uncaught`) what it threw; the exception in flight
    /// while one unwinds.
    pub(crate) result: Value,
    /// A heap `FixedArray` of handle slots, or undefined.
    pub(crate) handles: Value,
    /// The last node of the circular job queue, or undefined (`exec::jobs`).
    pub(crate) jobs: Value,
    /// Instructions the VM may still run before calls stop with
    /// `VmError::BudgetExhausted`; `NO_BUDGET`: no limit.
    pub(crate) fuel: u32,
    /// Host nesting depth (`DEPTH_MASK`) and the flags below.
    pub(crate) state: u8,
    pub(crate) gc_count: u8,
    /// Build time: what the build driver's rounds share with the VM.
    #[cfg(feature = "snapshot")]
    pub(crate) round: BuildRound,
}

/// `fuel` that never runs out.
pub(crate) const NO_BUDGET: u32 = u32::MAX;
pub(crate) const DEPTH_MASK: u8 = 0x1F;
/// A build-time VM: `vmExport` records exports, `snapshot` works.
pub(crate) const BUILD_TIME: u8 = 0x20;
/// Whether any accessor property (getter/setter pair) may exist: set by
/// the first accessor definition or found by restore. While clear,
/// property reads and writes never look for one.
pub(crate) const ACCESSORS: u8 = 0x40;

/// The build driver runs a build again from scratch when the script
/// evaluated text that was not compiled yet (see `builtins::EVAL_TABLE`).
/// Console output that an earlier round already wrote is not written again,
/// and a round that met such text writes nothing more (its results are
/// discarded).
#[cfg(feature = "snapshot")]
pub(crate) struct BuildRound {
    /// Console output bytes an earlier round already wrote.
    pub(crate) replayed: usize,
    /// Console output bytes this run produced (replayed ones included).
    pub(crate) written: usize,
    /// The texts without compiled code, in order of first use.
    pub(crate) missing: alloc::vec::Vec<alloc::vec::Vec<u8>>,
    /// An array of `[id, value, id, value, …]` from `vmExport` (a GC root).
    pub(crate) exports_table: Value,
}

const NO_MEMORY: ImageError = ImageError::Corrupt("out of memory");

impl<'a> Vm<'a> {
    /// Validates `image` and restores it: globals and the initial heap are
    /// copied into RAM from `alloc`; ROM stays where it is.
    ///
    /// Everything the interpreter will follow is checked here, so a
    /// corrupt or hostile image is refused ([`ImageError`]) rather than
    /// run: a wrong size or checksum, another format version, a feature
    /// this engine was built without (`float`), malformed contents, or an
    /// import the host lacks ([`Host::has_import`]). When the allocator
    /// cannot give the globals or the heap, the error is
    /// `ImageError::Corrupt("out of memory")`. Nothing runs during restore
    /// (the script's top level ran at build time), and `host` is only
    /// asked about imports.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, ImageError, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// const IMAGE: &[u8] = include_bytes!("../tests/images/closures.vbc");
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = NoImports;
    /// let mut vm = Vm::restore(IMAGE, &mut alloc, &host).unwrap();
    /// // Export 1 is a counter closure that counted to 101 at build time.
    /// vm.call_export(&mut host, 1, &[HostValue::Int(1)]).unwrap();
    /// assert_eq!(vm.result().to_i32(), 102);
    ///
    /// // One flipped bit is refused before anything runs.
    /// let mut bad = IMAGE.to_vec();
    /// bad[40] ^= 1;
    /// let mut buf2 = [0u8; 4096];
    /// let mut alloc2 = ArenaAllocator::new(&mut buf2);
    /// let refused = Vm::restore(&bad, &mut alloc2, &host);
    /// assert!(matches!(refused, Err(ImageError::CrcMismatch { .. })));
    /// ```
    pub fn restore(
        image: &'a [u8],
        alloc: &'a mut dyn Allocator,
        host: &dyn Host,
    ) -> Result<Vm<'a>, ImageError> {
        let parsed = Image::parse(image, ENGINE_FEATURES)?;
        for i in 0..parsed.imports_len() {
            let id = parsed.import(i).unwrap_or(0);
            if !host.has_import(id) {
                return Err(ImageError::UnresolvedImport(id));
            }
        }
        let mut vm = Vm {
            image: ImageRef::new(image).ok_or(ImageError::TooShort)?,
            alloc,
            ram: Ram::new(DEFAULT_STACK_BYTES as u16),
            result: Value::UNDEFINED,
            handles: Value::UNDEFINED,
            jobs: Value::UNDEFINED,
            fuel: NO_BUDGET,
            state: 0,
            gc_count: 0,
            #[cfg(feature = "snapshot")]
            round: BuildRound {
                replayed: 0,
                written: 0,
                missing: alloc::vec::Vec::new(),
                exports_table: Value::UNDEFINED,
            },
        };
        // Exports that are heap values are roots the GC must update, so
        // they get RAM of their own (exports of ROM values cost none), after
        // the globals.
        let globals = parsed.section_bytes(3);
        let ram_exports = (0..parsed.exports_len())
            .filter_map(|i| parsed.export(i))
            .filter(|(_, v)| v.is_ram());
        let mut block = Region::new(vm.alloc, globals.len() + 2 * ram_exports.clone().count())
            .ok_or(NO_MEMORY)?;
        crate::heap::copy_prefix(block.bytes_mut(), globals);
        for (k, (_, v)) in ram_exports.enumerate() {
            if let Some(slot) = block.bytes_mut().get_mut(globals.len() + 2 * k..) {
                crate::heap::copy_prefix(slot, &v.0.to_le_bytes());
            }
        }
        vm.ram.set_globals(block);
        let heap = parsed.heap_bytes();
        let mut block = Region::new(vm.alloc, heap.len()).ok_or(NO_MEMORY)?;
        crate::heap::copy_prefix(block.bytes_mut(), heap);
        vm.ram.set_heap(block);
        vm.ram.heap_used = heap.len() as u16;
        vm.ram.heap_peak = vm.ram.heap_used;
        vm.validate_image()?;
        Ok(vm)
    }

    /// The validated view of the image (its section table).
    #[inline]
    pub(crate) fn image(&self) -> Image<'a> {
        Image::trusted(self.image.bytes())
    }

    /// The ROM section.
    #[inline]
    pub(crate) fn rom(&self) -> &'a [u8] {
        let bytes = self.image.bytes();
        let end = format::read_u16(bytes, 10).unwrap_or(0) as usize;
        bytes.get(format::HEADER_SIZE..end).unwrap_or(&[])
    }

    pub(crate) fn depth(&self) -> u8 {
        self.state & DEPTH_MASK
    }
    #[cfg(feature = "snapshot")]
    pub(crate) fn build_time(&self) -> bool {
        self.state & BUILD_TIME != 0
    }
    pub(crate) fn accessors(&self) -> bool {
        cfg!(feature = "accessors") && self.state & ACCESSORS != 0
    }

    /// Like `restore`, for the build-time run: `vmExport` records exports
    /// and `snapshot` is available.
    pub fn restore_for_build(
        image: &'a [u8],
        alloc: &'a mut dyn Allocator,
        host: &dyn Host,
    ) -> Result<Vm<'a>, ImageError> {
        let mut vm = Vm::restore(image, alloc, host)?;
        vm.state |= BUILD_TIME;
        Ok(vm)
    }

    /// Build time: the first `bytes` bytes of console output were written
    /// by an earlier round of the same (deterministic) build: they are not
    /// written again.
    #[cfg(feature = "snapshot")]
    pub fn set_replayed_output(&mut self, bytes: usize) {
        self.round.replayed = bytes;
    }

    /// Build time: console output bytes this VM produced, replayed ones
    /// included.
    #[cfg(feature = "snapshot")]
    pub fn output_len(&self) -> usize {
        self.round.written
    }

    /// Build time: the texts given to `eval` or `new Function` that the
    /// build image has no compiled code for, in order of first use. When
    /// there are any, the run ended early (`VmError::EvalNotCompiled`) and
    /// its outcome is void: the driver compiles them and builds again.
    #[cfg(feature = "snapshot")]
    pub fn missing_eval(&self) -> &[alloc::vec::Vec<u8>] {
        &self.round.missing
    }

    /// Sets the VM stack size used by the next call from the host (while
    /// the VM is idle; ignored while a call runs). The stack is obtained
    /// from the allocator when a call from the host starts and given back
    /// when it ends; `bytes` is kept between 64 and 65534 (the default is
    /// 1024). Script recursion deeper than the stack throws a `RangeError`
    /// the script can catch.
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
    /// let image = include_bytes!("../tests/images/limits.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// vm.set_stack_size(256);
    /// assert_eq!(vm.memory_stats().stack_configured, 256);
    /// // Export 4 catches what its endless recursion throws.
    /// vm.call_export(&mut host, 4, &[]).unwrap();
    /// assert_eq!(vm.result().as_str(), Some("RangeError: Maximum call stack size exceeded"));
    /// ```
    /// The size is clamped to 64 bytes .. 32 KiB (a stack index must fit in
    /// 14 bits of a frame's control words).
    pub fn set_stack_size(&mut self, bytes: usize) {
        self.ram.set_stack_size(bytes.clamp(64, 0x7FFE) as u16);
    }

    /// Gives the VM `steps` more instructions to run, for the following
    /// calls from the host together (`None`: no limit), like Microvium's
    /// gas counter. A call that runs out ends with
    /// `VmError::BudgetExhausted` and the VM stays usable; the host sets a
    /// budget again before its next call. Running out is not a script
    /// exception: the script cannot catch it and its `finally` blocks do
    /// not run.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, CallError, Host, HostCall, HostError, HostValue, Vm, VmError};
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
    /// let image = include_bytes!("../tests/images/limits.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    ///
    /// // Export 1 loops forever.
    /// vm.set_budget(Some(10_000));
    /// let stopped = vm.call_export(&mut host, 1, &[]);
    /// assert_eq!(stopped, Err(CallError::Fatal(VmError::BudgetExhausted)));
    /// assert_eq!(vm.budget(), Some(0));
    /// // With a new budget the VM goes on (export 6 is `x => x * 2`).
    /// vm.set_budget(Some(100));
    /// vm.call_export(&mut host, 6, &[HostValue::Int(21)]).unwrap();
    /// assert_eq!(vm.result().to_i32(), 42);
    /// assert!(vm.budget().unwrap() < 100);
    /// ```
    pub fn set_budget(&mut self, steps: Option<u32>) {
        self.fuel = steps.map_or(NO_BUDGET, |s| s.min(NO_BUDGET - 1));
    }

    /// The instructions left of the budget (`None`: no limit). See
    /// [`Vm::set_budget`].
    pub fn budget(&self) -> Option<u32> {
        (self.fuel != NO_BUDGET).then_some(self.fuel)
    }

    // --- handles -------------------------------------------------------------

    /// Roots the value `get` reads (a rooted one: it is read again after
    /// the table grows) until `release`. The handle table is a heap
    /// `FixedArray` (a GC root) whose free slots hold `HOLE`.
    pub(crate) fn new_handle(&mut self, get: impl Fn(&Self) -> Value) -> Result<Handle, VmError> {
        let cap = self.header(self.handles).1 / 2;
        if let Some(i) = (0..cap).find(|&i| self.slot(self.handles, i) == Value::HOLE) {
            self.set_slot(self.handles, i, get(self));
            return Ok(Handle { slot: i as u16 });
        }
        let new_cap = 2 * cap.max(2);
        let fresh = self
            .alloc(crate::format::TypeCode::FixedArray, 2 * new_cap)
            .map_err(|_| VmError::OutOfMemory)?;
        for i in 0..new_cap {
            let old = if i < cap {
                self.slot(self.handles, i)
            } else {
                Value::HOLE
            };
            self.set_slot(fresh, i, old);
        }
        self.set_slot(fresh, cap, get(self));
        self.handles = fresh;
        Ok(Handle { slot: cap as u16 })
    }

    /// From inside [`Host::call`]: keeps argument `i` of the host call
    /// alive across calls, until [`Vm::release`]: how a host keeps a
    /// script's callback to call later (from [`Host::run_deferred`], say).
    /// Fails with `VmError::OutOfMemory` when the table of handles cannot
    /// grow.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, CallError, Handle, Host, HostCall, HostError, HostValue, Vm};
    ///
    /// /// Import 2, `callBack(fn, ...args)`, keeps `fn` instead of calling it.
    /// #[derive(Default)]
    /// struct Later(Option<Handle>);
    /// impl Host for Later {
    ///     fn write(&mut self, _: &[u8]) {}
    ///     fn call<'s>(&'s mut self, vm: &mut Vm<'_>, _: u16, call: HostCall)
    ///         -> Result<HostValue<'s>, HostError<'s>> {
    ///         let kept = vm.handle_arg(&call, 0).map_err(|e| HostError::Error(e.message()))?;
    ///         self.0 = Some(kept);
    ///         Ok(HostValue::Undefined)
    ///     }
    /// }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = Later::default();
    /// let image = include_bytes!("../tests/images/host.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// // Export 3 is `msg => callBack(thrower, msg)`; `thrower` throws.
    /// vm.call_export(&mut host, 3, &[HostValue::Str("now")]).unwrap();
    /// let thrower = host.0.take().unwrap();
    /// vm.run_gc().unwrap();
    /// let outcome = vm.call_handle(&mut host, &thrower, &[HostValue::Str("later")]);
    /// assert_eq!(outcome, Err(CallError::Uncaught));
    /// let mut text = String::new();
    /// vm.exception().write_display(&mut |b| text.push_str(&String::from_utf8_lossy(b)));
    /// assert_eq!(text, "Error: later");
    /// vm.release(thrower);
    /// ```
    pub fn handle_arg(&mut self, call: &HostCall, i: usize) -> Result<Handle, VmError> {
        let call = *call;
        self.new_handle(move |vm| vm.host_arg(&call, i))
    }

    /// Keeps the result of the latest successful call alive across calls,
    /// until [`Vm::release`] (see the example on [`Handle`]). Fails with
    /// `VmError::OutOfMemory` when the table of handles cannot grow.
    pub fn handle_result(&mut self) -> Result<Handle, VmError> {
        self.new_handle(|vm| vm.result)
    }

    pub(crate) fn handle_get(&self, h: &Handle) -> Value {
        match self.slot(self.handles, h.slot as usize) {
            Value::HOLE => Value::UNDEFINED,
            v => v,
        }
    }

    /// The value a handle keeps alive, lent until the next call into the
    /// VM (the handle itself stays valid).
    pub fn handle_value(&self, h: &Handle) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.handle_get(h),
        }
    }

    /// Lets the value go: the slot is reused by the next handle, and the
    /// value is collected once nothing else keeps it.
    pub fn release(&mut self, h: Handle) {
        self.set_slot(self.handles, h.slot as usize, Value::HOLE);
    }

    /// Calls the function a handle holds with `args` (`this` is
    /// `undefined`). The outcome is that of [`Vm::call_export`]: the result
    /// is [`Vm::result`], an uncaught exception is [`Vm::exception`]; a
    /// handle that holds something other than a function makes the call
    /// throw a `TypeError`. May be called from inside [`Host::call`] and
    /// [`Host::run_deferred`]. See the example on [`Handle`].
    pub fn call_handle(
        &mut self,
        host: &mut dyn Host,
        h: &Handle,
        args: &[HostValue<'_>],
    ) -> Result<(), CallError> {
        let f = self.handle_get(h);
        self.call_value(host, f, None, args)
    }

    // --- calls from the host -------------------------------------------------

    /// The value of export `id`.
    pub(crate) fn find_export(&self, id: u16) -> Option<Value> {
        let image = self.image();
        let mut ram_index = image.globals_len();
        for i in 0..image.exports_len() {
            let (eid, v) = image.export(i)?;
            if v.is_ram() {
                // Heap values move: their current address is after the
                // globals.
                if eid == id {
                    return Some(self.global(ram_index));
                }
                ram_index += 1;
            } else if eid == id {
                return Some(v);
            }
        }
        #[cfg(feature = "snapshot")]
        if self.build_time() && self.round.exports_table != Value::UNDEFINED {
            let table = self.round.exports_table;
            let len = self.array_len(table);
            let mut i = 0;
            while i + 1 < len {
                if self.int_of(self.array_get(table, i)) == Some(id as i32) {
                    return Some(self.array_get(table, i + 1));
                }
                i += 2;
            }
        }
        None
    }

    /// Ids of the exports, build-time exports included, in the image's
    /// order: `out` is called once per id.
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
    /// let image = include_bytes!("../tests/images/closures.vbc");
    /// let vm = Vm::restore(image, &mut alloc, &NoImports).unwrap();
    /// let mut ids = Vec::new();
    /// vm.export_ids(&mut |id| ids.push(id));
    /// assert_eq!(ids, [1, 2, 3, 4]);
    /// ```
    pub fn export_ids(&self, out: &mut dyn FnMut(u16)) {
        let image = self.image();
        for i in 0..image.exports_len() {
            if let Some((id, _)) = image.export(i) {
                out(id);
            }
        }
        #[cfg(feature = "snapshot")]
        if self.build_time() && self.round.exports_table != Value::UNDEFINED {
            let table = self.round.exports_table;
            for i in (0..self.array_len(table)).step_by(2) {
                if let Some(id) = self.int_of(self.array_get(table, i)) {
                    out(id as u16);
                }
            }
        }
    }

    /// Calls export `id` with `args`. On success the result is `Vm::result`;
    /// on `CallError::Uncaught` the exception is `Vm::exception`.
    ///
    /// The arguments are copied into the VM first (a string or bytes that
    /// do not fit make the call throw a `RangeError`). The call may run
    /// the host's imports, collect, and move any value; the VM is usable
    /// after every error ([`CallError`]). It may be called from inside
    /// [`Host::call`] too, up to 16 host calls deep. Jobs the call queues
    /// (promise reactions, `await`) run in [`Vm::settle`] (or
    /// [`Vm::run_jobs`]), not here.
    ///
    /// ```
    /// # #[cfg(feature = "float")] {
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
    /// let image = include_bytes!("../tests/images/basic.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    ///
    /// // Export 1 is `(a, b) => a + b`, export 2 `name => "Hello, " + name + "!"`.
    /// vm.call_export(&mut host, 1, &[HostValue::Number(2.5), HostValue::Int(40)]).unwrap();
    /// assert_eq!(vm.result().to_f64(), 42.5);
    /// vm.call_export(&mut host, 2, &[HostValue::Str("device")]).unwrap();
    /// assert_eq!(vm.result().as_str(), Some("Hello, device!"));
    /// // Export 4 returns how many calls the script counted.
    /// vm.call_export(&mut host, 4, &[]).unwrap();
    /// assert_eq!(vm.result().to_i32(), 2);
    /// # }
    /// ```
    pub fn call_export(
        &mut self,
        host: &mut dyn Host,
        id: u16,
        args: &[HostValue<'_>],
    ) -> Result<(), CallError> {
        let f = self.find_export(id).ok_or(CallError::NoSuchExport(id))?;
        self.call_value(host, f, None, args)
    }

    /// From inside `Host::call`: calls argument `func` of the host call
    /// `call` with `args`. The result is `HostValue::LastResult`.
    ///
    /// `args` may name the host call's own arguments with
    /// [`HostValue::Arg`]. When the function throws (`CallError::Uncaught`),
    /// the host function usually returns [`HostError::Propagate`] so that
    /// the exception goes on unwinding into the script. Host calls may
    /// nest this way up to 16 deep (`VmError::TooDeep` past that). See the
    /// example on [`Host`].
    ///
    /// [`HostError::Propagate`]: crate::HostError::Propagate
    pub fn call(
        &mut self,
        host: &mut dyn Host,
        call: &HostCall,
        func: usize,
        args: &[HostValue<'_>],
    ) -> Result<(), CallError> {
        let f = self.host_arg(call, func);
        self.call_value(host, f, Some(call), args)
    }

    fn call_value(
        &mut self,
        host: &mut dyn Host,
        f: Value,
        call: Option<&HostCall>,
        args: &[HostValue<'_>],
    ) -> Result<(), CallError> {
        self.host_entry(host, |vm, host| {
            if vm.sp() + args.len() + 2 > vm.stack_words() {
                return vm.throw_stack_overflow();
            }
            vm.push(f);
            vm.push(Value::UNDEFINED);
            for a in args {
                let v = match (*a, call) {
                    (HostValue::Arg(i), Some(c)) => vm.host_arg(c, i),
                    (other, _) => vm.host_value(other)?,
                };
                vm.push(v);
            }
            vm.call_from_host(host, args.len())
        })
    }

    /// Runs `body` as one entry from the host: the stack exists (allocated
    /// by the outermost entry) and the outcome becomes `result` or
    /// `exception`.
    pub(crate) fn host_entry(
        &mut self,
        host: &mut dyn Host,
        body: impl FnOnce(&mut Self, &mut dyn Host) -> R<Value>,
    ) -> Result<(), CallError> {
        let depth = self.depth();
        if depth >= MAX_HOST_DEPTH {
            return Err(CallError::Fatal(VmError::TooDeep));
        }
        if depth == 0 {
            if !self.ram.open_stack(self.alloc) {
                return Err(CallError::Fatal(VmError::OutOfMemory));
            }
            self.set_sp(0);
        }
        self.state += 1;
        let sp = self.sp();
        let outcome = body(self, host);
        self.set_sp(sp);
        self.state -= 1;
        if depth == 0 {
            self.ram.close_stack(self.alloc);
        }
        match outcome {
            Ok(v) => {
                self.result = v;
                Ok(())
            }
            Err(Fault::Fatal(e)) => {
                self.result = Value::UNDEFINED;
                Err(CallError::Fatal(e))
            }
            Err(_) => Err(CallError::Uncaught),
        }
    }

    /// Converts a host value into a VM value (may allocate).
    pub(crate) fn host_value(&mut self, v: HostValue<'_>) -> R<Value> {
        Ok(match v {
            HostValue::Undefined | HostValue::Arg(_) => Value::UNDEFINED,
            HostValue::Null => Value::NULL,
            HostValue::Bool(b) => Value::bool(b),
            HostValue::Number(n) => self.new_f64(n)?,
            HostValue::Int(i) => self.new_int(i)?,
            HostValue::Str(s) => self.new_string(s.as_bytes())?,
            HostValue::LastResult => self.result,
            HostValue::Handle(h) => self.handle_get(h),
            HostValue::Bytes(b) => {
                let v = self.new_bytes(b.len())?;
                self.write_bytes(v, 2, b);
                v
            }
        })
    }

    pub(crate) fn host_arg(&self, call: &HostCall, i: usize) -> Value {
        if i < call.argc {
            self.st(call.base + i)
        } else {
            Value::UNDEFINED
        }
    }

    /// Argument `i` of a host call (`undefined` past the end), lent until
    /// the next call into the VM. See the example on [`Host`].
    pub fn arg(&self, call: &HostCall, i: usize) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.host_arg(call, i),
        }
    }
    /// The result of the latest call (what it threw, after
    /// `CallError::Uncaught`; `undefined` after `CallError::Fatal`), lent
    /// until the next call into the VM. To keep it, make a handle
    /// ([`Vm::handle_result`]).
    pub fn result(&self) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.result,
        }
    }
    /// The exception of the latest `CallError::Uncaught` (the same
    /// register as `result`: a call either returns or throws).
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, CallError, Host, HostCall, HostError, HostValue, ValueKind, Vm};
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
    /// let image = include_bytes!("../tests/images/limits.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// // Export 5 recurses until the stack is full, and catches nothing.
    /// assert_eq!(vm.call_export(&mut host, 5, &[]), Err(CallError::Uncaught));
    /// assert_eq!(vm.exception().kind(), ValueKind::Object);
    /// let mut text = String::new();
    /// vm.exception().write_display(&mut |b| text.push_str(&String::from_utf8_lossy(b)));
    /// assert_eq!(text, "RangeError: Maximum call stack size exceeded");
    /// ```
    pub fn exception(&self) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.result,
        }
    }

    /// Memory figures for this VM, in bytes (see [`MemoryStats`]).
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
    /// let image = include_bytes!("../tests/images/closures.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// let m = vm.memory_stats();
    /// // Restored: the heap is the image's heap section; no stack while idle.
    /// assert_eq!(m.heap_used, m.image_heap);
    /// assert_eq!(m.stack, 0);
    /// vm.run_gc().unwrap();
    /// assert_eq!(vm.memory_stats().collections, m.collections + 1);
    /// ```
    pub fn memory_stats(&self) -> MemoryStats {
        let image = self.image();
        MemoryStats {
            vm_struct: core::mem::size_of::<Vm<'static>>(),
            globals: self.ram.globals_len(),
            heap_used: self.heap_used(),
            heap_allocated: self.ram.heap_len(),
            heap_peak: self.ram.heap_peak as usize,
            stack: self.ram.stack_bytes(),
            stack_configured: self.ram.stack_size(),
            image: image.bytes.len(),
            image_rom: image.rom_bytes().len(),
            image_heap: image.heap_bytes().len(),
            collections: self.gc_count as u32,
        }
    }
}

impl Drop for Vm<'_> {
    fn drop(&mut self) {
        self.ram.release(self.alloc);
    }
}

/// Memory a VM uses, in bytes: what [`Vm::memory_stats`] reports. RAM a
/// VM holds while idle is `vm_struct + globals + heap_allocated` (plus
/// the allocator's own overhead); the image stays in flash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryStats {
    /// The `Vm` struct itself (wherever the host keeps it).
    pub vm_struct: usize,
    /// The globals block: the script's globals, then the exports that are
    /// heap values.
    pub globals: usize,
    /// Heap bytes holding allocations (live or not yet collected).
    pub heap_used: usize,
    /// The heap block obtained from the allocator (used and free room).
    pub heap_allocated: usize,
    /// The most heap bytes ever used at once.
    pub heap_peak: usize,
    /// Stack in use now (0 while idle: it is obtained per call).
    pub stack: usize,
    /// Stack obtained from the host for each call from it.
    pub stack_configured: usize,
    /// The whole image.
    pub image: usize,
    /// The image's ROM section (code and constants, read in place).
    pub image_rom: usize,
    /// The image's initial heap, copied into RAM at restore.
    pub image_heap: usize,
    /// Collections so far (saturating at 255).
    pub collections: u32,
}

/// A VM value lent to the host: it borrows the VM, so it cannot outlive the
/// next call into the VM (which may move it).
///
/// Reading a value runs no script (no getters, no `toString`) and
/// allocates nothing; strings and bytes are read in place. A value to keep
/// goes in a [`Handle`] instead.
///
/// ```
/// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, ValueKind, Vm};
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
/// // Export 3 returns a string built from an object graph.
/// vm.call_export(&mut host, 3, &[]).unwrap();
/// let v = vm.result();
/// assert_eq!(v.kind(), ValueKind::String);
/// assert_eq!(v.as_str(), Some("sensor:2:4"));
/// assert!(v.to_bool());
/// assert_eq!(v.to_i32(), 0); // Number("sensor:2:4") is NaN
/// // Export 2 is `i => config.limits[i]`.
/// vm.call_export(&mut host, 2, &[HostValue::Int(3)]).unwrap();
/// assert_eq!(vm.result().to_i32(), 40);
/// assert_eq!(vm.result().to_f64(), 40.0);
/// ```
#[derive(Clone, Copy)]
pub struct ValueRef<'v, 'a> {
    pub(crate) vm: &'v Vm<'a>,
    pub(crate) v: Value,
}

impl<'v> ValueRef<'v, '_> {
    /// What kind of value this is (`typeof`, with arrays and `Uint8Array`s
    /// told apart).
    pub fn kind(&self) -> ValueKind {
        self.vm.kind(self.v)
    }
    /// JavaScript `Number(v)` for primitives; NaN for objects. Without the
    /// `float` feature every number is an integer or NaN (`-0` reads as
    /// 0), and text that is not an integer gives NaN.
    pub fn to_f64(&self) -> f64 {
        #[cfg(feature = "float")]
        return self.vm.to_number(self.v).to_f64();
        #[cfg(not(feature = "float"))]
        return self.vm.to_number(self.v).map_or(f64::NAN, f64::from);
    }
    /// JavaScript `Number(v)` for primitives, as an int32 (`ToInt32`: NaN
    /// and the infinities are 0, fractions are truncated).
    pub fn to_i32(&self) -> i32 {
        crate::sem::num::num_to_int32(self.vm.to_number(self.v))
    }
    /// JavaScript `Boolean(v)`: false for `undefined`, `null`, `false`,
    /// `0`, `-0`, NaN and `""`; true for everything else.
    pub fn to_bool(&self) -> bool {
        self.vm.truthy(self.v)
    }
    /// Writes the value as `String(v)` would (an Error as `name: message`,
    /// arrays joined with commas, other objects `[object Object]`), without
    /// allocating: what `Uncaught` prints. `out` receives the text in
    /// pieces (UTF-8); no script runs, so getters and `toString` methods
    /// are not called. See the example on [`Vm::exception`].
    pub fn write_display(&self, out: &mut dyn FnMut(&[u8])) {
        self.vm.write_display(self.v, out)
    }
    /// The bytes of a string value (UTF-8; lone surrogates as WTF-8): a
    /// bounded, read-only view into the VM that ends with this borrow.
    pub fn string_bytes(&self) -> Option<&'v [u8]> {
        self.vm.str_bytes(self.v)
    }
    /// The bytes of a `Uint8Array`: a bounded, read-only view into the VM
    /// that ends with this borrow. `None` for any other value.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, ValueKind, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let image = include_bytes!("../tests/images/tiny.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &NoImports).unwrap();
    /// let raw = vm.new_raw(HostValue::Bytes(&[1, 2, 3])).unwrap();
    /// let v = vm.raw_value(raw).unwrap();
    /// assert_eq!(v.kind(), ValueKind::Uint8Array);
    /// assert_eq!(v.bytes(), Some(&[1u8, 2, 3][..]));
    /// assert_eq!(v.as_str(), None);
    /// ```
    pub fn bytes(&self) -> Option<&'v [u8]> {
        (self.vm.tc(self.v) == crate::format::TypeCode::Bytes).then(|| self.vm.bytes_of(self.v))
    }
    /// The string as `&str`, when it is one and is valid UTF-8 (a string
    /// holding a lone surrogate is not: read it with
    /// [`ValueRef::string_bytes`]). `None` for any other value: numbers
    /// are not converted.
    pub fn as_str(&self) -> Option<&'v str> {
        core::str::from_utf8(self.string_bytes()?).ok()
    }
}
