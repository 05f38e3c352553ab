//! The heap: what every allocation looks like from the inside, allocation,
//! the copying collector, and the words of the operand stack.
//!
//! Owns: reading headers, payloads and value slots of RAM and ROM
//! allocations, writing RAM slots, `alloc`, `collect`, and stack access.
//! Every read is infallible: outside memory it gives `undefined` (a slot),
//! type `Forwarded` with size 0 (a header) or an empty payload, and writes
//! outside memory are dropped. Restore validated everything the interpreter
//! follows, so such an access only happens in a VM that is already corrupt;
//! it stays memory-safe and never panics, and the error-free signatures
//! keep the interpreter small.
//!
//! Must not: know what a value means to JavaScript.

use crate::format::{alloc_footprint, alloc_header, read_u16, TypeCode, MAX_ALLOC_SIZE};
use crate::host::VmError;
use crate::memory::Region;
use crate::value::{Value, WellKnown};
use crate::vm::{Fault, Vm, MAX_HEAP, R};

/// What `header` reports for values that are not allocations (ints,
/// well-known values): `Forwarded`, which no live allocation has, size 0.
const NO_HEADER: u16 = 0xF000;

pub(crate) use crate::memory::copy_prefix;

/// A control word kept on the stack, tagged so the GC never follows it.
#[inline]
pub(crate) fn tag(w: usize) -> Value {
    Value(((w as u16) << 1) | 1)
}
#[inline]
pub(crate) fn untag(v: Value) -> usize {
    (v.0 >> 1) as usize
}

impl TypeCode {
    /// The type named by the high nibble of a header.
    #[inline]
    pub(crate) const fn of_header(h: u16) -> TypeCode {
        match TypeCode::from_nibble((h >> 12) as u8) {
            Some(t) => t,
            None => TypeCode::Forwarded,
        }
    }
}

impl<'a> Vm<'a> {
    /// The bytes an allocation lives in (heap or ROM) and the offset of its
    /// payload there; nothing for values that are not allocations.
    #[inline]
    fn section(&self, v: Value) -> (&[u8], usize) {
        if v.is_ram() {
            (self.ram.heap(), v.0 as usize)
        } else if let Some(off) = v.rom_offset() {
            (self.rom(), off as usize)
        } else {
            (&[], 0)
        }
    }

    /// Type and payload size of the allocation `v` points at.
    #[inline(never)]
    pub(crate) fn header(&self, v: Value) -> (TypeCode, usize) {
        let (bytes, at) = self.section(v);
        let h = read_u16(bytes, at.wrapping_sub(2)).unwrap_or(NO_HEADER);
        (TypeCode::of_header(h), (h & 0x0FFF) as usize)
    }

    /// The type of the allocation `v` points at (`Forwarded` for ints and
    /// well-known values).
    #[inline]
    pub(crate) fn tc(&self, v: Value) -> TypeCode {
        self.header(v).0
    }

    /// The payload bytes of the allocation `v` points at, RAM or ROM.
    #[inline]
    pub(crate) fn payload(&self, v: Value) -> &[u8] {
        self.typed_payload(v).1
    }

    /// The type and payload bytes of the allocation `v` points at (type
    /// `Forwarded` and no bytes for values that are not allocations).
    #[inline(never)]
    pub(crate) fn typed_payload(&self, v: Value) -> (TypeCode, &[u8]) {
        let (bytes, at) = self.section(v);
        let h = read_u16(bytes, at.wrapping_sub(2)).unwrap_or(NO_HEADER);
        let size = (h & 0x0FFF) as usize;
        (
            TypeCode::of_header(h),
            bytes.get(at..at + size).unwrap_or(&[]),
        )
    }

    /// Value slot `i` of a RAM allocation (ROM holds no value allocations).
    #[inline(never)]
    pub(crate) fn slot(&self, v: Value, i: usize) -> Value {
        let w = if v.is_ram() {
            self.ram.heap_words().get((v.0 as usize >> 1) + i).copied()
        } else {
            None
        };
        Value(w.map_or(Value::UNDEFINED.0, u16::from_le))
    }

    /// Writes value slot `i` of a RAM allocation.
    #[inline(never)]
    pub(crate) fn set_slot(&mut self, v: Value, i: usize, x: Value) {
        if v.is_ram() {
            if let Some(w) = self.ram.heap_words_mut().get_mut((v.0 as usize >> 1) + i) {
                *w = x.0.to_le();
            }
        }
    }

    /// Writes bytes into the payload of RAM allocation `v` from `at` on.
    pub(crate) fn write_bytes(&mut self, v: Value, at: usize, bytes: &[u8]) {
        let start = v.0 as usize + at;
        if let Some(dst) = self.ram.heap_mut().get_mut(start..) {
            copy_prefix(dst, bytes);
        }
    }

    /// Copies `len` heap bytes from `src` to `dst`, two ranges that do not
    /// overlap (different allocations). (No `memmove`: it is large.)
    pub(crate) fn copy_heap(&mut self, src: usize, dst: usize, len: usize) {
        let (lo, hi, down) = if src < dst {
            (src, dst, true)
        } else {
            (dst, src, false)
        };
        if lo + len > hi {
            return;
        }
        let bytes = self.ram.heap_mut();
        let (a, b) = bytes.split_at_mut(hi.min(bytes.len()));
        let (Some(low), Some(high)) = (a.get_mut(lo..lo + len), b.get_mut(..len)) else {
            return;
        };
        if down {
            copy_prefix(high, low);
        } else {
            copy_prefix(low, high);
        }
    }

    pub(crate) fn global(&self, i: usize) -> Value {
        Value(self.ram.globals().get(i).map_or(1, |w| u16::from_le(*w)))
    }
    pub(crate) fn set_global(&mut self, i: usize, v: Value) {
        if let Some(w) = self.ram.globals_mut().get_mut(i) {
            *w = v.0.to_le();
        }
    }

    // --- the stack ---------------------------------------------------------

    /// Stack word `i`.
    #[inline]
    pub(crate) fn st(&self, i: usize) -> Value {
        Value(self.ram.stack().get(i).copied().unwrap_or(1))
    }
    #[inline]
    pub(crate) fn set_st(&mut self, i: usize, v: Value) {
        if let Some(w) = self.ram.stack_mut().get_mut(i) {
            *w = v.0;
        }
    }
    #[inline]
    pub(crate) fn push(&mut self, v: Value) {
        self.set_st(self.sp(), v);
        self.set_sp(self.sp().wrapping_add(1));
    }
    #[inline]
    pub(crate) fn pop(&mut self) -> Value {
        self.set_sp(self.sp().wrapping_sub(1));
        self.st(self.sp())
    }
    /// The value `k` below the top of the stack.
    #[inline]
    pub(crate) fn top(&self, k: usize) -> Value {
        self.st(self.sp().wrapping_sub(1 + k))
    }
    pub(crate) fn stack_words(&self) -> usize {
        self.ram.stack().len()
    }
    /// Throws the stack-overflow RangeError unless `n` more words fit above
    /// the operands (natives that push a number of words the script
    /// decides check first).
    pub(crate) fn need_stack(&mut self, n: usize) -> R<()> {
        if self.sp() + n + 8 > self.stack_words() {
            return self.throw_stack_overflow();
        }
        Ok(())
    }

    // --- allocation and collection -----------------------------------------

    /// Allocates `size` payload bytes of type `ty`: values start as
    /// `undefined`, bytes as 0. May collect: every `Value` not in a root is
    /// stale afterwards. When memory runs out even after a collection,
    /// throws the out-of-memory RangeError (which needs no allocation).
    #[inline(never)]
    pub(crate) fn alloc(&mut self, ty: TypeCode, size: usize) -> R<Value> {
        if size > MAX_ALLOC_SIZE {
            return self.throw_range_error(b"allocation too large");
        }
        let need = alloc_footprint(size);
        if self.heap_used() + need > self.ram.heap_len().min(self.alloc.heap_limit())
            || cfg!(feature = "gc-stress")
        {
            match self.collect(need) {
                Ok(()) => {}
                Err(Fault::Fatal(VmError::OutOfMemory)) => {
                    self.result = WellKnown::OutOfMemoryError.value();
                    return Err(Fault::Throw);
                }
                Err(f) => return Err(f),
            }
        }
        let at = self.heap_used();
        let fill = if ty.holds_values() {
            Value::UNDEFINED.0.to_le()
        } else {
            0
        };
        if let Some(block) = self.ram.heap_words_mut().get_mut(at / 2..(at + need) / 2) {
            block.fill(fill);
            if let Some(h) = block.first_mut() {
                *h = alloc_header(ty, size).to_le();
            }
        }
        self.set_heap_used(at + need);
        self.ram.heap_peak = self.ram.heap_peak.max(self.ram.heap_used);
        Ok(Value((at + 2) as u16))
    }

    /// The heap's allocations (the used part of the heap block).
    pub(crate) fn heap_in_use(&self) -> &[u8] {
        self.ram.heap().get(..self.heap_used()).unwrap_or(&[])
    }

    #[inline]
    pub(crate) fn heap_used(&self) -> usize {
        self.ram.heap_used as usize
    }
    fn set_heap_used(&mut self, n: usize) {
        self.ram.heap_used = n as u16;
    }
    #[inline]
    pub(crate) fn sp(&self) -> usize {
        self.ram.sp as usize
    }
    #[inline]
    pub(crate) fn set_sp(&mut self, sp: usize) {
        self.ram.sp = sp as u16;
    }

    /// Gives back the tail of the newest allocation `v`, leaving `size`
    /// payload bytes (its type unchanged).
    pub(crate) fn shrink_newest(&mut self, v: Value, size: usize) {
        let (ty, old) = self.header(v);
        let at = (v.0 as usize).wrapping_sub(2);
        if v.is_ram() && at + alloc_footprint(old) == self.heap_used() && size <= old {
            if let Some(w) = self.ram.heap_words_mut().get_mut(at / 2) {
                *w = alloc_header(ty, size).to_le();
                self.set_heap_used(at + alloc_footprint(size));
            }
        }
    }

    /// Copies every live allocation into a fresh region with room for
    /// `extra` more bytes, then returns the old region to the host, whole:
    /// memory is never reused while an old copy could be referenced.
    /// Afterwards the heap is resized to its live data plus half again.
    pub(crate) fn collect(&mut self, extra: usize) -> R<()> {
        let oom = Fault::Fatal(VmError::OutOfMemory);
        let cap = (self.heap_used() + extra).min(MAX_HEAP) & !1;
        let to = Region::new(self.alloc, cap).ok_or(oom)?;
        let from = self.ram.set_heap(Region::empty());
        let mut c = Copier {
            from,
            to,
            from_used: self.heap_used(),
            to_used: 0,
        };
        for w in self.ram.globals_mut() {
            *w = c.forward(Value(u16::from_le(*w))).0.to_le();
        }
        let sp = self.sp();
        for w in self.ram.stack_mut().iter_mut().take(sp) {
            *w = c.forward(Value(*w)).0;
        }
        for r in self.roots() {
            *r = c.forward(*r);
        }
        let mut scan = 0;
        while scan < c.to_used {
            let h = u16::from_le(c.to.words().get(scan / 2).copied().unwrap_or(0));
            let size = (h & 0x0FFF) as usize;
            if TypeCode::of_header(h).holds_values() {
                for k in 0..size / 2 {
                    let at = scan / 2 + 1 + k;
                    let v = Value(u16::from_le(c.to.words().get(at).copied().unwrap_or(1)));
                    let n = c.forward(v);
                    if let Some(w) = c.to.words_mut().get_mut(at) {
                        *w = n.0.to_le();
                    }
                }
            }
            scan += alloc_footprint(size);
        }
        let Copier {
            from,
            mut to,
            to_used,
            ..
        } = c;
        from.release(self.alloc);
        // Live data plus half again (at least 64 bytes more), so the next
        // collection is as far away as the live data is large; growing keeps
        // allocation amortised, shrinking gives memory back to the host.
        let live = to_used + extra;
        let limit = self.alloc.heap_limit().min(MAX_HEAP);
        let want = (live + (live / 2).max(64)).min(limit) & !1;
        if want >= to_used && (want > to.len() || want + 64 < to.len() || to.len() > limit) {
            if let Some(mut resized) = Region::new(self.alloc, want) {
                let n = to_used / 2;
                if let Some(src) = to.words().get(..n) {
                    copy_prefix(resized.words_mut(), src);
                }
                core::mem::replace(&mut to, resized).release(self.alloc);
            }
        }
        self.ram.set_heap(to).release(self.alloc);
        self.set_heap_used(to_used);
        self.gc_count = self.gc_count.saturating_add(1);
        #[cfg(feature = "gc-stress")]
        self.verify_heap()?;
        if live > self.ram.heap_len().min(limit) {
            return Err(oom);
        }
        Ok(())
    }

    /// The registers that may hold heap values (GC roots besides the
    /// globals block and the stack).
    fn roots(&mut self) -> [&mut Value; 3 + cfg!(feature = "snapshot") as usize] {
        #[cfg(feature = "snapshot")]
        return [
            &mut self.result,
            &mut self.handles,
            &mut self.jobs,
            &mut self.round.exports_table,
        ];
        #[cfg(not(feature = "snapshot"))]
        return [&mut self.result, &mut self.handles, &mut self.jobs];
    }

    /// Runs a full collection now (between calls, from the host). The VM
    /// also collects by itself whenever its heap is full; a host runs one
    /// to give memory back to the allocator at a quiet moment, or before
    /// reading [`MemoryStats`](crate::MemoryStats).
    ///
    /// Live values are compacted into a new heap block, so values lent
    /// before may move (handles follow). It needs a second block as large
    /// as the heap in use for the moment; when the allocator refuses it,
    /// the error is `VmError::OutOfMemory` and the heap is as it was. See
    /// the example on [`Handle`](crate::Handle).
    pub fn run_gc(&mut self) -> Result<(), VmError> {
        match self.collect(0) {
            Ok(()) => Ok(()),
            Err(Fault::Fatal(e)) => Err(e),
            Err(_) => Err(VmError::OutOfMemory),
        }
    }
}

/// The two semispaces of a collection.
struct Copier {
    from: Region,
    to: Region,
    from_used: usize,
    to_used: usize,
}

impl Copier {
    /// The new address of `v`, copying its allocation on first sight.
    fn forward(&mut self, v: Value) -> Value {
        if !v.is_ram() {
            return v;
        }
        let at = v.0 as usize;
        let Some(h) = self.from.words().get((at >> 1).wrapping_sub(1)).copied() else {
            return v;
        };
        let h = u16::from_le(h);
        let size = (h & 0x0FFF) as usize;
        if TypeCode::of_header(h) == TypeCode::Forwarded {
            return Value(u16::from_le(
                self.from.words().get(at >> 1).copied().unwrap_or(1),
            ));
        }
        let fp = alloc_footprint(size);
        let dst = self.to_used;
        if at - 2 + fp > self.from_used || dst + fp > self.to.len() {
            return v;
        }
        let (Some(to), Some(from)) = (
            self.to.words_mut().get_mut(dst / 2..),
            self.from.words().get((at - 2) / 2..(at - 2 + fp) / 2),
        ) else {
            return v;
        };
        copy_prefix(to, from);
        self.to_used += fp;
        let new = Value((dst + 2) as u16);
        let words = self.from.words_mut();
        if let Some(w) = words.get_mut((at - 2) / 2) {
            *w = alloc_header(TypeCode::Forwarded, size).to_le();
        }
        if let Some(w) = words.get_mut(at / 2) {
            *w = new.0.to_le();
        }
        new
    }
}
