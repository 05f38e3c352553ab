//! The VM instance: restore from an image, the RAM it owns (globals, heap,
//! stack), allocation and the copying collector, and the public entry
//! points a host calls. The interpreter loop is in `interp`, the meaning of
//! each operation in `semantics`.
//!
//! **GC roots**: the globals, the stack words below `sp`, and the registers
//! `scope`, `exception`, `result`, `exports_table`, `handles`, `scratch` and
//! `jobs`. Stack words whose low
//! bit is 1 (int14 and ROM values, and the tagged control words of frames and
//! handlers) are never followed, which is why control words are stored
//! tagged. Any `Value` held in a Rust local is stale after an allocation.

use crate::format::{self, alloc_footprint, split_header, Image, ImageError, TypeCode};
use crate::host::{CallError, Handle, Host, HostCall, HostValue, ValueKind, VmError};
use crate::memory::{Allocator, Region};
use crate::value::{Value, WellKnown};

/// Features this engine was built with, as image header bits.
pub const ENGINE_FEATURES: u16 = if cfg!(feature = "float") {
    format::FEATURE_FLOAT
} else {
    0
};
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
}

pub(crate) const CORRUPT: Fault = Fault::Fatal(VmError::Corrupt);
pub(crate) type R<T> = Result<T, Fault>;

/// A control word kept on the stack, tagged so the GC never follows it.
#[inline]
pub(crate) fn tag(w: usize) -> Value {
    Value(((w as u16) << 1) | 1)
}
#[inline]
pub(crate) fn untag(v: Value) -> usize {
    (v.0 >> 1) as usize
}

/// A restored VM. Borrows its image (executed in place) and its allocator.
pub struct Vm<'a> {
    pub(crate) image: Image<'a>,
    pub(crate) rom: &'a [u8],
    pub(crate) alloc: &'a mut dyn Allocator,
    pub(crate) globals: Region,
    /// Current values of the exports that live in the heap (a GC root).
    pub(crate) exports_ram: Region,
    pub(crate) heap: Region,
    pub(crate) heap_used: usize,
    pub(crate) heap_peak: usize,
    pub(crate) gc_count: u32,
    pub(crate) stack: Region,
    pub(crate) stack_bytes: usize,
    /// Stack words in use.
    pub(crate) sp: usize,
    /// First local of the current frame.
    pub(crate) fp: usize,
    pub(crate) argc: usize,
    /// Offset of the next instruction in the ROM section.
    pub(crate) pc: usize,
    pub(crate) scope: Value,
    /// One past the innermost handler record, 0 when there is none.
    pub(crate) handler: usize,
    pub(crate) exception: Value,
    pub(crate) result: Value,
    /// Build time only: an array of `[id, value, id, value, …]` from `vmExport`.
    pub(crate) exports_table: Value,
    /// A heap `FixedArray` of handle slots, or undefined.
    pub(crate) handles: Value,
    /// Roots a value across one allocation made on the host's behalf.
    pub(crate) scratch: Value,
    /// The last node of the circular job queue, or undefined (`suspend`).
    pub(crate) jobs: Value,
    pub(crate) heap_limit: usize,
    pub(crate) budget: Option<u32>,
    pub(crate) steps_left: u32,
    pub(crate) build_time: bool,
    pub(crate) depth: u8,
    /// Whether any accessor property (getter/setter pair) may exist: set by
    /// the first accessor definition or found by restore. While false,
    /// property reads and writes never look for one.
    pub(crate) accessors: bool,
    /// Build time: what the build driver's rounds share with the VM.
    #[cfg(feature = "snapshot")]
    pub(crate) round: BuildRound,
}

/// The build driver runs a build again from scratch when the script
/// evaluated text that was not compiled yet (see `builtins::EVAL_TABLE`).
/// Console output that an earlier round already wrote is not written again,
/// and a round that met such text writes nothing more (its results are
/// discarded).
#[cfg(feature = "snapshot")]
#[derive(Default)]
pub(crate) struct BuildRound {
    /// Console output bytes an earlier round already wrote.
    pub(crate) replayed: usize,
    /// Console output bytes this run produced (replayed ones included).
    pub(crate) written: usize,
    /// The texts without compiled code, in order of first use.
    pub(crate) missing: alloc::vec::Vec<alloc::vec::Vec<u8>>,
}

impl<'a> Vm<'a> {
    /// Validates `image` and restores it: globals and the initial heap are
    /// copied into RAM from `alloc`; ROM stays where it is.
    pub fn restore(
        image: &'a [u8],
        alloc: &'a mut dyn Allocator,
        host: &dyn Host,
    ) -> Result<Vm<'a>, ImageError> {
        let image = Image::parse(image, ENGINE_FEATURES)?;
        for i in 0..image.imports_len() {
            let id = image.import(i).ok_or(ImageError::BadSectionTable)?;
            if !host.has_import(id) {
                return Err(ImageError::UnresolvedImport(id));
            }
        }
        let heap_len = image.heap_bytes().len();
        let n_globals = image.globals_len();
        let mut vm = Vm {
            image,
            rom: image.rom_bytes(),
            globals: Region::empty(),
            exports_ram: Region::empty(),
            heap: Region::empty(),
            heap_used: heap_len,
            heap_peak: heap_len,
            gc_count: 0,
            stack: Region::empty(),
            stack_bytes: DEFAULT_STACK_BYTES,
            sp: 0,
            fp: 0,
            argc: 0,
            pc: 0,
            scope: Value::UNDEFINED,
            handler: 0,
            exception: Value::UNDEFINED,
            result: Value::UNDEFINED,
            exports_table: Value::UNDEFINED,
            handles: Value::UNDEFINED,
            scratch: Value::UNDEFINED,
            jobs: Value::UNDEFINED,
            heap_limit: MAX_HEAP,
            budget: None,
            steps_left: 0,
            build_time: false,
            depth: 0,
            accessors: false,
            #[cfg(feature = "snapshot")]
            round: BuildRound::default(),
            alloc,
        };
        vm.globals =
            Region::new(vm.alloc, n_globals * 2).ok_or(ImageError::Corrupt("out of memory"))?;
        for i in 0..n_globals {
            let g = image.global(i).ok_or(ImageError::BadSectionTable)?;
            vm.globals.write_u16(i * 2, g.0);
        }
        vm.heap = Region::new(vm.alloc, heap_len).ok_or(ImageError::Corrupt("out of memory"))?;
        vm.heap.bytes_mut().copy_from_slice(image.heap_bytes());
        // Exports that are heap values are roots the GC must update, so
        // they get RAM of their own (exports of ROM values cost none).
        let ram_exports = (0..image.exports_len())
            .filter(|&i| image.export(i).is_some_and(|(_, v)| v.is_ram()))
            .count();
        vm.exports_ram =
            Region::new(vm.alloc, ram_exports * 2).ok_or(ImageError::Corrupt("out of memory"))?;
        let mut k = 0;
        for i in 0..image.exports_len() {
            if let Some((_, v)) = image.export(i).filter(|(_, v)| v.is_ram()) {
                vm.exports_ram.write_u16(2 * k, v.0);
                k += 1;
            }
        }
        vm.validate_image()?;
        Ok(vm)
    }

    /// Like `restore`, for the build-time run: `vmExport` records exports
    /// and `snapshot` is available.
    pub fn restore_for_build(
        image: &'a [u8],
        alloc: &'a mut dyn Allocator,
        host: &dyn Host,
    ) -> Result<Vm<'a>, ImageError> {
        let mut vm = Vm::restore(image, alloc, host)?;
        vm.build_time = true;
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

    /// Sets the VM stack size used by the next call from the host.
    pub fn set_stack_size(&mut self, bytes: usize) {
        self.stack_bytes = bytes.clamp(64, 0xFFFE);
    }

    // --- raw access to allocations ---------------------------------------

    /// Type and payload size of the allocation `v` points at.
    pub(crate) fn header(&self, v: Value) -> R<(TypeCode, usize)> {
        let (bytes, at, limit) = if v.is_ram() {
            (self.heap.bytes(), v.ram_offset() as usize, self.heap_used)
        } else if let Some(off) = v.rom_offset() {
            (self.rom, off as usize, self.rom.len())
        } else {
            return Err(CORRUPT);
        };
        if at < 2 || at & 1 != 0 {
            return Err(CORRUPT);
        }
        let h = format::read_u16(bytes, at - 2).ok_or(CORRUPT)?;
        let (ty, size) = split_header(h);
        let ty = ty.ok_or(CORRUPT)?;
        if at + size > limit || ty == TypeCode::Forwarded {
            return Err(CORRUPT);
        }
        Ok((ty, size))
    }

    /// The type of the allocation `v` points at, `None` for ints and
    /// well-known values.
    #[inline]
    pub(crate) fn type_of(&self, v: Value) -> R<Option<TypeCode>> {
        if v.is_int() || v.well_known().is_some() {
            return Ok(None);
        }
        Ok(Some(self.header(v)?.0))
    }

    /// The payload bytes of the allocation `v` points at (RAM or ROM).
    pub(crate) fn payload(&self, v: Value) -> R<&[u8]> {
        let (_, size) = self.header(v)?;
        if v.is_ram() {
            let at = v.ram_offset() as usize;
            self.heap.bytes().get(at..at + size).ok_or(CORRUPT)
        } else {
            let at = v.rom_offset().ok_or(CORRUPT)? as usize;
            self.rom.get(at..at + size).ok_or(CORRUPT)
        }
    }

    /// Value slot `i` of a value-holding allocation.
    #[inline]
    pub(crate) fn slot(&self, v: Value, i: usize) -> R<Value> {
        let p = self.payload(v)?;
        format::read_u16(p, 2 * i).map(Value).ok_or(CORRUPT)
    }

    /// Writes value slot `i` of a RAM allocation.
    #[inline]
    pub(crate) fn set_slot(&mut self, v: Value, i: usize, x: Value) -> R<()> {
        let (_, size) = self.header(v)?;
        if !v.is_ram() || 2 * i + 2 > size {
            return Err(CORRUPT);
        }
        self.heap
            .write_u16(v.ram_offset() as usize + 2 * i, x.0)
            .ok_or(CORRUPT)
    }

    pub(crate) fn global(&self, i: usize) -> R<Value> {
        self.globals.read_u16(2 * i).map(Value).ok_or(CORRUPT)
    }
    pub(crate) fn set_global(&mut self, i: usize, v: Value) -> R<()> {
        self.globals.write_u16(2 * i, v.0).ok_or(CORRUPT)
    }

    // --- the stack ---------------------------------------------------------

    #[inline]
    pub(crate) fn st(&self, i: usize) -> R<Value> {
        if i >= self.sp {
            return Err(CORRUPT);
        }
        self.stack.read_u16(2 * i).map(Value).ok_or(CORRUPT)
    }
    #[inline]
    pub(crate) fn st_set(&mut self, i: usize, v: Value) -> R<()> {
        if i >= self.sp {
            return Err(CORRUPT);
        }
        self.stack.write_u16(2 * i, v.0).ok_or(CORRUPT)
    }
    #[inline]
    pub(crate) fn push(&mut self, v: Value) -> R<()> {
        self.stack.write_u16(2 * self.sp, v.0).ok_or(CORRUPT)?;
        self.sp += 1;
        Ok(())
    }
    #[inline]
    pub(crate) fn pop(&mut self) -> R<Value> {
        let v = self.top(0)?;
        self.sp -= 1;
        Ok(v)
    }
    /// The value `k` below the top of the stack.
    #[inline]
    pub(crate) fn top(&self, k: usize) -> R<Value> {
        if k >= self.sp {
            return Err(CORRUPT);
        }
        self.st(self.sp - 1 - k)
    }
    pub(crate) fn stack_words(&self) -> usize {
        self.stack.len() / 2
    }

    // --- allocation and collection -----------------------------------------

    /// Allocates `size` payload bytes of type `ty`, zeroed. May collect:
    /// every `Value` not in a root is stale afterwards. When memory runs out
    /// even after a full collection, throws the out-of-memory RangeError.
    /// Gives back the tail of the newest allocation `v`, leaving `size`
    /// payload bytes (its type unchanged).
    pub(crate) fn shrink_newest(&mut self, v: Value, size: usize) -> R<()> {
        let (ty, old) = self.header(v)?;
        let at = (v.ram_offset() as usize).checked_sub(2).ok_or(CORRUPT)?;
        if !v.is_ram() || at + alloc_footprint(old) != self.heap_used || size > old || size == 0 {
            return Err(CORRUPT);
        }
        let h = format::alloc_header(ty, size);
        self.heap
            .bytes_mut()
            .get_mut(at..at + 2)
            .ok_or(CORRUPT)?
            .copy_from_slice(&h.to_le_bytes());
        self.heap_used = at + alloc_footprint(size);
        Ok(())
    }

    pub(crate) fn alloc(&mut self, ty: TypeCode, size: usize) -> R<Value> {
        if size > format::MAX_ALLOC_SIZE {
            return self.throw_range_error("allocation too large");
        }
        let size = size.max(1);
        let need = alloc_footprint(size);
        if self.heap_used + need > self.heap.len().min(self.heap_limit)
            || cfg!(feature = "gc-stress")
        {
            match self.collect(need) {
                Ok(()) => {}
                Err(Fault::Fatal(VmError::OutOfMemory)) => {
                    self.exception = WellKnown::OutOfMemoryError.value();
                    return Err(Fault::Throw);
                }
                Err(f) => return Err(f),
            }
        }
        let at = self.heap_used;
        let h = format::alloc_header(ty, size);
        let block = self
            .heap
            .bytes_mut()
            .get_mut(at..at + need)
            .ok_or(CORRUPT)?;
        // Value-holding payloads start as all-undefined, so every slot is a
        // valid value from the moment the allocation exists.
        let fill = if ty.holds_values() {
            Value::UNDEFINED.0.to_le_bytes()
        } else {
            [0, 0]
        };
        for pair in block.chunks_exact_mut(2) {
            pair.copy_from_slice(&fill);
        }
        block[..2].copy_from_slice(&h.to_le_bytes());
        self.heap_used += need;
        self.heap_peak = self.heap_peak.max(self.heap_used);
        Ok(Value::from_ram_offset((at + 2) as u16))
    }

    /// Copies every live allocation into a fresh region with room for
    /// `extra` more bytes, then returns the old region to the host. The
    /// to-space can hold everything in from-space, so copying never runs
    /// out of room; afterwards a heap much larger than needed is moved into
    /// a tighter region (pointers are offsets, so a byte copy suffices).
    pub(crate) fn collect(&mut self, extra: usize) -> R<()> {
        let oom = Fault::Fatal(VmError::OutOfMemory);
        let cap = (self.heap_used + extra).min(MAX_HEAP) & !1;
        let mut to = Region::new(self.alloc, cap).ok_or(oom)?;
        let mut from = core::mem::replace(&mut self.heap, Region::empty());
        let from_used = self.heap_used;
        let mut to_used = 0usize;

        let forward =
            |from: &mut Region, to: &mut Region, to_used: &mut usize, v: Value| -> Value {
                if !v.is_ram() {
                    return v;
                }
                let at = v.ram_offset() as usize;
                let Some(h) = at.checked_sub(2).and_then(|h| from.read_u16(h)) else {
                    return v;
                };
                let (ty, size) = split_header(h);
                if ty == Some(TypeCode::Forwarded) {
                    return Value(from.read_u16(at).unwrap_or(0));
                }
                let fp = alloc_footprint(size);
                if at - 2 + fp > from_used || *to_used + fp > to.len() {
                    return v;
                }
                let dst = *to_used;
                to.bytes_mut()[dst..dst + fp].copy_from_slice(&from.bytes()[at - 2..at - 2 + fp]);
                *to_used += fp;
                let new = Value::from_ram_offset((dst + 2) as u16);
                from.write_u16(at - 2, format::alloc_header(TypeCode::Forwarded, size));
                from.write_u16(at, new.0);
                new
            };

        for i in 0..self.globals.len() / 2 {
            let v = Value(self.globals.read_u16(2 * i).unwrap_or(1));
            let n = forward(&mut from, &mut to, &mut to_used, v);
            self.globals.write_u16(2 * i, n.0);
        }
        for i in 0..self.exports_ram.len() / 2 {
            let v = Value(self.exports_ram.read_u16(2 * i).unwrap_or(1));
            let n = forward(&mut from, &mut to, &mut to_used, v);
            self.exports_ram.write_u16(2 * i, n.0);
        }
        for i in 0..self.sp {
            let v = Value(self.stack.read_u16(2 * i).unwrap_or(1));
            let n = forward(&mut from, &mut to, &mut to_used, v);
            self.stack.write_u16(2 * i, n.0);
        }
        for r in [
            &mut self.scope,
            &mut self.exception,
            &mut self.result,
            &mut self.exports_table,
            &mut self.handles,
            &mut self.scratch,
            &mut self.jobs,
        ] {
            *r = forward(&mut from, &mut to, &mut to_used, *r);
        }
        let mut scan = 0;
        while scan < to_used {
            let h = to.read_u16(scan).unwrap_or(0);
            let (ty, size) = split_header(h);
            if ty.is_some_and(|t| t.holds_values()) {
                for k in 0..size / 2 {
                    let at = scan + 2 + 2 * k;
                    let v = Value(to.read_u16(at).unwrap_or(1));
                    let n = forward(&mut from, &mut to, &mut to_used, v);
                    to.write_u16(at, n.0);
                }
            }
            scan += alloc_footprint(size);
        }
        from.release(self.alloc);

        // Resize to the live data plus half again (so the next collection is
        // as far away as the live data is large), within the limit. Growing
        // keeps allocation amortised; shrinking gives memory back to the host.
        let limit = self.heap_limit.min(MAX_HEAP);
        let want = ((to_used + extra) + ((to_used + extra) / 2).max(64)).min(limit) & !1;
        if want >= to_used && (want > to.len() || want + 64 < to.len() || to.len() > limit) {
            if let Some(mut resized) = Region::new(self.alloc, want) {
                resized.bytes_mut()[..to_used].copy_from_slice(&to.bytes()[..to_used]);
                core::mem::replace(&mut to, resized).release(self.alloc);
            }
        }
        self.heap = to;
        self.heap_used = to_used;
        self.gc_count += 1;
        #[cfg(feature = "gc-stress")]
        self.verify_heap()?;
        if self.heap_used + extra > self.heap.len().min(limit) {
            return Err(oom);
        }
        Ok(())
    }

    /// Runs a full collection now (between calls, from the host).
    pub fn run_gc(&mut self) -> Result<(), VmError> {
        match self.collect(0) {
            Ok(()) => Ok(()),
            Err(Fault::Fatal(e)) => Err(e),
            Err(Fault::Throw) => Err(VmError::OutOfMemory),
        }
    }

    /// Caps the heap at `bytes` (at most 64 KiB): past it, allocation throws
    /// the out-of-memory RangeError inside the script.
    pub fn set_heap_limit(&mut self, bytes: usize) {
        self.heap_limit = bytes.min(MAX_HEAP);
    }

    /// Limits each following call from the host to `steps` instructions
    /// (`None`: no limit). A call that runs out ends with
    /// `VmError::BudgetExhausted`; the VM stays usable.
    pub fn set_budget(&mut self, steps: Option<u32>) {
        self.budget = steps;
    }

    // --- handles -------------------------------------------------------------

    /// Roots `v` until `release`. The handle table is a heap `FixedArray`
    /// (a GC root) whose free slots hold `HOLE`.
    fn new_handle(&mut self, v: Value) -> Result<Handle, VmError> {
        self.scratch = v;
        let r = self.new_handle_slot();
        self.scratch = Value::UNDEFINED;
        r.map_err(|f| match f {
            Fault::Fatal(e) => e,
            Fault::Throw => VmError::OutOfMemory,
        })
    }

    fn new_handle_slot(&mut self) -> R<Handle> {
        let cap = if self.handles == Value::UNDEFINED {
            0
        } else {
            self.header(self.handles)?.1 / 2
        };
        for i in 0..cap {
            if self.slot(self.handles, i)? == Value::HOLE {
                self.set_slot(self.handles, i, self.scratch)?;
                return Ok(Handle { slot: i as u16 });
            }
        }
        let new_cap = (cap * 2).max(4);
        let fresh = self.alloc(TypeCode::FixedArray, 2 * new_cap)?;
        for i in 0..new_cap {
            let v = if i < cap {
                self.slot(self.handles, i)?
            } else {
                Value::HOLE
            };
            self.set_slot(fresh, i, v)?;
        }
        self.set_slot(fresh, cap, self.scratch)?;
        self.handles = fresh;
        Ok(Handle { slot: cap as u16 })
    }

    /// Keeps argument `i` of a host call alive across calls.
    pub fn handle_arg(&mut self, call: &HostCall, i: usize) -> Result<Handle, VmError> {
        let v = self.host_arg(call, i);
        self.new_handle(v)
    }

    /// Keeps the result of the latest successful call alive.
    pub fn handle_result(&mut self) -> Result<Handle, VmError> {
        self.new_handle(self.result)
    }

    pub(crate) fn handle_get(&self, h: &Handle) -> Value {
        self.slot(self.handles, h.slot as usize)
            .ok()
            .filter(|v| *v != Value::HOLE)
            .unwrap_or(Value::UNDEFINED)
    }

    /// The value a handle keeps alive.
    pub fn handle_value(&self, h: &Handle) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.handle_get(h),
        }
    }

    /// Lets the value go: the slot is reused by the next handle.
    pub fn release(&mut self, h: Handle) {
        let _ = self.set_slot(self.handles, h.slot as usize, Value::HOLE);
    }

    /// Calls the function a handle holds.
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

    // --- calls from the host -------------------------------------------------

    /// The value of export `id`.
    pub(crate) fn find_export(&self, id: u16) -> Option<Value> {
        let mut ram_index = 0;
        for i in 0..self.image.exports_len() {
            match self.image.export(i) {
                // Heap values move: their current address is in `exports_ram`.
                Some((eid, v)) if v.is_ram() => {
                    if eid == id {
                        return self.exports_ram.read_u16(2 * ram_index).map(Value);
                    }
                    ram_index += 1;
                }
                Some((eid, v)) if eid == id => return Some(v),
                _ => {}
            }
        }
        if self.build_time && self.exports_table != Value::UNDEFINED {
            let len = self.array_len(self.exports_table).ok()?;
            let mut i = 0;
            while i + 1 < len {
                let eid = self.array_get(self.exports_table, i).ok()?;
                if self.number(eid) == Some(id as f64) {
                    return self.array_get(self.exports_table, i + 1).ok();
                }
                i += 2;
            }
        }
        None
    }

    /// Ids of the exports, build-time exports included.
    pub fn export_ids(&self, out: &mut dyn FnMut(u16)) {
        for i in 0..self.image.exports_len() {
            if let Some((id, _)) = self.image.export(i) {
                out(id);
            }
        }
        if self.build_time && self.exports_table != Value::UNDEFINED {
            let len = self.array_len(self.exports_table).unwrap_or(0);
            for i in (0..len).step_by(2) {
                if let Some(id) = self
                    .array_get(self.exports_table, i)
                    .ok()
                    .and_then(|v| self.number(v))
                {
                    out(id as u16);
                }
            }
        }
    }

    /// Calls export `id` with `args`. On success the result is `Vm::result`;
    /// on `CallError::Uncaught` the exception is `Vm::exception`.
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
        self.host_entry(host, |vm, host| vm.enter(host, f, call, args))
    }

    /// Runs `body` as one entry from the host: the stack exists (allocated
    /// by the outermost entry), the caller's registers are saved and
    /// restored, and the outcome becomes `result` or `exception`.
    pub(crate) fn host_entry(
        &mut self,
        host: &mut dyn Host,
        body: impl FnOnce(&mut Self, &mut dyn Host) -> R<Value>,
    ) -> Result<(), CallError> {
        if self.depth >= MAX_HOST_DEPTH {
            return Err(CallError::Fatal(VmError::TooDeep));
        }
        let outermost = self.depth == 0;
        if outermost {
            self.steps_left = self.budget.unwrap_or(0);
            let words = self.stack_bytes / 2;
            self.stack =
                Region::new(self.alloc, words * 2).ok_or(CallError::Fatal(VmError::OutOfMemory))?;
            self.sp = 0;
        }
        self.depth += 1;
        let saved = (
            self.pc,
            self.fp,
            self.argc,
            self.scope,
            self.handler,
            self.sp,
        );
        self.handler = 0;
        let outcome = body(self, host);
        let (pc, fp, argc, scope, handler, sp) = saved;
        self.pc = pc;
        self.fp = fp;
        self.argc = argc;
        self.scope = scope;
        self.handler = handler;
        self.sp = sp;
        self.depth -= 1;
        if outermost {
            let stack = core::mem::replace(&mut self.stack, Region::empty());
            stack.release(self.alloc);
            self.sp = 0;
        }
        match outcome {
            Ok(v) => {
                self.result = v;
                Ok(())
            }
            Err(Fault::Throw) => Err(CallError::Uncaught),
            Err(Fault::Fatal(e)) => {
                self.exception = Value::UNDEFINED;
                Err(CallError::Fatal(e))
            }
        }
    }

    fn enter(
        &mut self,
        host: &mut dyn Host,
        f: Value,
        call: Option<&HostCall>,
        args: &[HostValue<'_>],
    ) -> R<Value> {
        if self.sp + args.len() + 2 > self.stack_words() {
            return self.throw_range_error("Maximum call stack size exceeded");
        }
        self.push(f)?;
        self.push(Value::UNDEFINED)?;
        for a in args {
            let v = match *a {
                HostValue::Arg(i) => match call {
                    Some(c) => self.host_arg(c, i),
                    None => Value::UNDEFINED,
                },
                other => self.host_value(other)?,
            };
            self.push(v)?;
        }
        self.call_from_host(host, args.len())
    }

    /// Converts a host value into a VM value (may allocate).
    pub(crate) fn host_value(&mut self, v: HostValue<'_>) -> R<Value> {
        Ok(match v {
            HostValue::Undefined | HostValue::Arg(_) => Value::UNDEFINED,
            HostValue::Null => Value::NULL,
            HostValue::Bool(b) => Value::bool(b),
            HostValue::Number(n) => self.new_number(n)?,
            HostValue::Str(s) => self.new_string(s.as_bytes())?,
            HostValue::LastResult => self.result,
            HostValue::Handle(h) => self.handle_get(h),
            HostValue::Bytes(b) => {
                let v = self.new_bytes(b.len())?;
                let at = v.ram_offset() as usize + 2;
                self.heap
                    .bytes_mut()
                    .get_mut(at..at + b.len())
                    .ok_or(CORRUPT)?
                    .copy_from_slice(b);
                v
            }
        })
    }

    pub(crate) fn host_arg(&self, call: &HostCall, i: usize) -> Value {
        if i < call.argc {
            self.st(call.base + i).unwrap_or(Value::UNDEFINED)
        } else {
            Value::UNDEFINED
        }
    }

    /// Argument `i` of a host call.
    pub fn arg(&self, call: &HostCall, i: usize) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.host_arg(call, i),
        }
    }
    /// The result of the latest successful call.
    pub fn result(&self) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.result,
        }
    }
    /// The exception of the latest `CallError::Uncaught`.
    pub fn exception(&self) -> ValueRef<'_, 'a> {
        ValueRef {
            vm: self,
            v: self.exception,
        }
    }

    /// Memory figures for this VM, in bytes.
    pub fn memory_stats(&self) -> MemoryStats {
        MemoryStats {
            vm_struct: core::mem::size_of::<Vm<'static>>(),
            globals: self.globals.len() + self.exports_ram.len(),
            heap_used: self.heap_used,
            heap_allocated: self.heap.len(),
            heap_peak: self.heap_peak,
            stack: self.stack.len(),
            stack_configured: self.stack_bytes,
            image: self.image.bytes.len(),
            image_rom: self.image.rom_bytes().len(),
            image_heap: self.image.heap_bytes().len(),
            collections: self.gc_count,
        }
    }
}

impl Drop for Vm<'_> {
    fn drop(&mut self) {
        for r in [
            &mut self.globals,
            &mut self.exports_ram,
            &mut self.heap,
            &mut self.stack,
        ] {
            core::mem::replace(r, Region::empty()).release(self.alloc);
        }
    }
}

/// Memory a VM uses, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryStats {
    pub vm_struct: usize,
    pub globals: usize,
    pub heap_used: usize,
    pub heap_allocated: usize,
    pub heap_peak: usize,
    /// Stack in use now (0 while idle: it is obtained per call).
    pub stack: usize,
    /// Stack obtained from the host for each call from it.
    pub stack_configured: usize,
    pub image: usize,
    pub image_rom: usize,
    pub image_heap: usize,
    pub collections: u32,
}

/// A VM value lent to the host: it borrows the VM, so it cannot outlive the
/// next call into the VM (which may move it).
#[derive(Clone, Copy)]
pub struct ValueRef<'v, 'a> {
    pub(crate) vm: &'v Vm<'a>,
    pub(crate) v: Value,
}

impl<'v> ValueRef<'v, '_> {
    pub fn kind(&self) -> ValueKind {
        self.vm.kind(self.v)
    }
    /// JavaScript `Number(v)` for primitives; NaN for objects.
    pub fn to_f64(&self) -> f64 {
        self.vm.to_number_pure(self.v).unwrap_or(f64::NAN)
    }
    pub fn to_bool(&self) -> bool {
        self.vm.truthy(self.v)
    }
    /// Writes the value as `String(v)` would, or for an Error as
    /// `name: message` (what `Uncaught` prints).
    pub fn write_display(&self, out: &mut dyn FnMut(&[u8])) {
        self.vm.write_display(self.v, out)
    }
    /// The bytes of a string value (UTF-8; lone surrogates as WTF-8): a
    /// bounded, read-only view into the VM that ends with this borrow.
    pub fn string_bytes(&self) -> Option<&'v [u8]> {
        self.vm.string_bytes(self.v).ok().flatten()
    }
    /// The bytes of a `Uint8Array`: a bounded, read-only view into the VM
    /// that ends with this borrow.
    pub fn bytes(&self) -> Option<&'v [u8]> {
        self.vm.bytes_of(self.v).ok().map(|(_, b)| b)
    }
    /// The string as `&str`, when it is one and is valid UTF-8.
    pub fn as_str(&self) -> Option<&'v str> {
        core::str::from_utf8(self.string_bytes()?).ok()
    }
    /// Writes the value as `console.log` would print it.
    pub fn write_inspect(&self, out: &mut dyn FnMut(&[u8])) {
        self.vm.write_inspect(self.v, out, 0)
    }
}

impl WellKnown {
    /// Whether this well-known value is callable.
    pub(crate) fn is_function(self) -> bool {
        matches!(
            self,
            WellKnown::ConsoleLog
                | WellKnown::VmExport
                | WellKnown::VmImport
                | WellKnown::Error
                | WellKnown::TypeError
                | WellKnown::RangeError
                | WellKnown::SyntaxError
                | WellKnown::ArrayPush
                | WellKnown::Values
                | WellKnown::IteratorNext
                | WellKnown::IteratorSelf
                | WellKnown::ObjectCtor
                | WellKnown::ArrayCtor
                | WellKnown::Uint8ArrayCtor
                | WellKnown::Eval
                | WellKnown::FunctionCtor
        ) || self.is_builtin_function()
    }
}
