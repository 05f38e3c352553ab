//! **The one module with `unsafe`.** Owns raw memory obtained from the host:
//! the `Allocator` interface, the ready-made allocators, and `Region`, an
//! owned block that the rest of the VM sees only as a bounds-checked byte
//! slice. Every other module is safe Rust (`#![deny(unsafe_code)]` at the
//! crate root, allowed here alone).
//!
//! Pointers inside the VM are 16-bit offsets from a region's base, never
//! addresses, so nothing here casts between integers and pointers: this is
//! what keeps Miri's strict-provenance mode (and CHERI) happy.
#![allow(unsafe_code)]

use core::marker::PhantomData;
use core::ptr::NonNull;

/// Where a VM gets its memory. Implementations carry whatever context they
/// need (a quota, a compartment, a static arena).
///
/// A VM holds a few blocks at a time (its globals, its heap, a stack
/// while a call runs, a second heap during a collection), each under
/// 64 KiB; it gives every one back, at the latest when it is dropped.
/// Ready-made: [`ArenaAllocator`] over a buffer, `StdAllocator` over the
/// global allocator (feature `std`), and [`HeapLimit`], which caps the heap
/// of the VM that uses it. A refusal is never fatal to the VM: restore
/// fails, a call fails with `VmError::OutOfMemory`, or the script gets a
/// `RangeError` it can catch.
///
/// # Safety
/// `allocate` must return memory that is valid for reads and writes of
/// `size` bytes, aligned to 2, not used by anything else until it is given
/// back through `release`.
pub unsafe trait Allocator {
    /// `size` bytes, 2-aligned, or `None` when the host refuses.
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>>;
    /// Returns a block.
    ///
    /// # Safety
    /// `ptr` and `size` come from one earlier `allocate` call on this
    /// allocator that has not been released yet.
    unsafe fn release(&mut self, ptr: NonNull<u8>, size: usize);
    /// The most heap a VM may grow to with this allocator, in bytes (past
    /// it, allocation throws the out-of-memory RangeError inside the
    /// script). `HeapLimit` sets it; by default the heap is bounded only by
    /// the memory the allocator gives and 64 KiB.
    fn heap_limit(&self) -> usize {
        usize::MAX
    }
}

/// Copies as much of `src` as fits into `dst` (the VM only calls this with
/// equal lengths). Unlike `copy_from_slice` it has no length check that
/// could panic, so no panic path, and no formatting code behind one, is
/// linked.
#[inline]
pub(crate) fn copy_prefix<T: Copy>(dst: &mut [T], src: &[T]) {
    let n = dst.len().min(src.len());
    // SAFETY: both slices hold at least `n` elements; `dst` is borrowed
    // mutably and `src` shared, so they do not overlap.
    unsafe { core::ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr(), n) }
}

/// An allocator that caps the heap of the VM using it at `limit` bytes
/// (other blocks, and the memory itself, come from `inner`).
///
/// A script that allocates past the cap gets the out-of-memory `RangeError`,
/// which it can catch; the VM goes on.
///
/// ```
/// use vium_vm::{ArenaAllocator, HeapLimit, Host, HostCall, HostError, HostValue, Vm};
/// # struct NoImports;
/// # impl Host for NoImports {
/// #     fn write(&mut self, _: &[u8]) {}
/// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
/// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
/// # }
///
/// let mut buf = [0u8; 16 * 1024];
/// let mut arena = ArenaAllocator::new(&mut buf);
/// let mut alloc = HeapLimit::new(&mut arena, 4096);
/// let mut host = NoImports;
/// let image = include_bytes!("../tests/images/limits.vbc");
/// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
/// // Export 2 allocates until it fails, and catches the error.
/// vm.call_export(&mut host, 2, &[]).unwrap();
/// assert_eq!(vm.result().as_str(), Some("RangeError: out of memory"));
/// assert!(vm.memory_stats().heap_peak <= 4096);
/// ```
pub struct HeapLimit<'a> {
    inner: &'a mut dyn Allocator,
    limit: usize,
}

impl<'a> HeapLimit<'a> {
    /// Caps the heap at `limit` bytes (at most 64 KiB whatever the limit);
    /// the memory comes from `inner`, whose own limit still applies.
    pub fn new(inner: &'a mut dyn Allocator, limit: usize) -> Self {
        HeapLimit { inner, limit }
    }
}

// SAFETY: every block comes from `inner`, which upholds the contract, and
// goes back to it unchanged.
unsafe impl Allocator for HeapLimit<'_> {
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        self.inner.allocate(size)
    }
    unsafe fn release(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded from the caller, who got `ptr` from `allocate`,
        // that is from `inner`.
        unsafe { self.inner.release(ptr, size) }
    }
    fn heap_limit(&self) -> usize {
        self.limit.min(self.inner.heap_limit())
    }
}

/// An allocator over the host's global allocator (feature `std`): for a
/// desktop host, a test, or a build tool. Each block is a separate
/// allocation of the global allocator.
///
/// ```
/// # #[cfg(feature = "std")] {
/// use vium_vm::{Host, HostCall, HostError, HostValue, StdAllocator, Vm};
/// # struct NoImports;
/// # impl Host for NoImports {
/// #     fn write(&mut self, _: &[u8]) {}
/// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
/// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
/// # }
///
/// let mut alloc = StdAllocator;
/// let mut host = NoImports;
/// let image = include_bytes!("../tests/images/closures.vbc");
/// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
/// vm.call_export(&mut host, 1, &[HostValue::Int(1)]).unwrap();
/// assert_eq!(vm.result().to_i32(), 102);
/// # }
/// ```
#[cfg(feature = "std")]
#[derive(Default, Debug, Clone, Copy)]
pub struct StdAllocator;

#[cfg(feature = "std")]
// SAFETY: blocks come from the global allocator with a 2-aligned layout of
// the requested size and are released with the same layout.
unsafe impl Allocator for StdAllocator {
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        let layout = alloc::alloc::Layout::from_size_align(size.max(2), 2).ok()?;
        // SAFETY: the layout has a non-zero size.
        NonNull::new(unsafe { alloc::alloc::alloc(layout) })
    }
    unsafe fn release(&mut self, ptr: NonNull<u8>, size: usize) {
        if let Ok(layout) = alloc::alloc::Layout::from_size_align(size.max(2), 2) {
            // SAFETY: the caller guarantees `ptr` came from `allocate(size)`,
            // which used this same layout.
            unsafe { alloc::alloc::dealloc(ptr.as_ptr(), layout) }
        }
    }
}

/// A block of host memory owned by the VM, zeroed when obtained. It must be
/// given back with `Region::release` (the VM does so in its `Drop`).
pub(crate) struct Region {
    ptr: NonNull<u8>,
    len: usize,
}

impl Region {
    /// Obtains `len` zeroed bytes (`len` may be 0: no host call is made).
    /// A VM never holds a block of 64 KiB or more (every offset in it is a
    /// `u16`), so larger requests are refused.
    pub fn new(alloc: &mut dyn Allocator, len: usize) -> Option<Region> {
        if len == 0 {
            return Some(Region::empty());
        }
        if len > 0xFFFE {
            return None;
        }
        let ptr = alloc.allocate(len)?;
        let mut r = Region { ptr, len };
        r.bytes_mut().fill(0);
        Some(r)
    }

    /// A region of no bytes that owns nothing.
    pub const fn empty() -> Region {
        Region {
            // Aligned for `u16`, so the word view needs no special case.
            ptr: NonNull::<u16>::dangling().cast::<u8>(),
            len: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: `ptr` is valid for `len` bytes for as long as the region
        // lives (the allocator contract, or a dangling pointer with len 0),
        // and is only reachable through this region; the exclusive borrow of
        // `self` guarantees no other slice of this memory exists meanwhile.
        unsafe { core::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }

    /// Gives the block back to the allocator it came from.
    pub fn release(self, alloc: &mut dyn Allocator) {
        if self.len != 0 {
            // SAFETY: a region with a non-zero length was made by `new` from
            // `allocate(len)` on the VM's one allocator, and `self` is
            // consumed, so it is released exactly once.
            unsafe { alloc.release(self.ptr, self.len) }
        }
    }

    /// The region as 16-bit words (the last odd byte, if any, is left out).
    #[inline]
    pub fn words(&self) -> &[u16] {
        // SAFETY: as in `bytes`; the block is 2-aligned (the `Allocator`
        // contract, or `empty`'s dangling pointer, aligned for `u16`, with
        // length 0), every bit pattern is a valid `u16`, and `len / 2` words
        // lie within the `len` bytes.
        unsafe { core::slice::from_raw_parts(self.ptr.as_ptr().cast::<u16>(), self.len / 2) }
    }

    #[inline]
    pub fn words_mut(&mut self) -> &mut [u16] {
        // SAFETY: as in `words`, with the exclusive borrow of `bytes_mut`.
        unsafe { core::slice::from_raw_parts_mut(self.ptr.as_ptr().cast::<u16>(), self.len / 2) }
    }
}

/// A borrowed image addressed through one pointer: its length is read from
/// its own header (bytes 6..8), so an idle VM spends 4 bytes on it, not a
/// pointer and a length.
#[derive(Clone, Copy)]
pub(crate) struct ImageRef<'a> {
    ptr: NonNull<u8>,
    _image: PhantomData<&'a [u8]>,
}

impl<'a> ImageRef<'a> {
    /// `bytes` must hold its own length at offset 6 (little-endian).
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        let len = u16::from_le_bytes([*bytes.get(6)?, *bytes.get(7)?]) as usize;
        (len == bytes.len()).then(|| ImageRef {
            ptr: NonNull::from(bytes).cast::<u8>(),
            _image: PhantomData,
        })
    }

    #[inline]
    pub fn bytes(self) -> &'a [u8] {
        // SAFETY: `ptr` comes from a `&'a [u8]` at least 8 bytes long whose
        // bytes 6..8 hold its length (checked by `new`). The borrow is
        // shared and lives for `'a`, so those bytes cannot change: reading
        // them and then the whole slice stays within that borrow.
        unsafe {
            let len = u16::from_le_bytes([self.ptr.add(6).read(), self.ptr.add(7).read()]);
            core::slice::from_raw_parts(self.ptr.as_ptr(), len as usize)
        }
    }
}

/// The RAM a VM owns: three blocks from its allocator (the globals with
/// the RAM exports, the heap, and the stack while a call runs), each a
/// pointer and a 16-bit length, and the counters that fit beside them
/// without padding. Every block is below 64 KiB (`Region::new`).
pub(crate) struct Ram {
    globals: NonNull<u8>,
    heap: NonNull<u8>,
    /// `None` while no call runs.
    stack: Option<NonNull<u8>>,
    globals_len: u16,
    heap_len: u16,
    /// The stack's size in bytes: the block's while a call runs, the size
    /// the next call gets while idle.
    stack_len: u16,
    /// Heap bytes in use.
    pub heap_used: u16,
    /// Stack words in use.
    pub sp: u16,
    /// The most heap bytes ever in use.
    pub heap_peak: u16,
}

/// A pointer aligned for `u16`, for blocks of no bytes.
const fn no_block() -> NonNull<u8> {
    NonNull::<u16>::dangling().cast::<u8>()
}

impl Ram {
    pub const fn new(stack_len: u16) -> Ram {
        Ram {
            globals: no_block(),
            heap: no_block(),
            stack: None,
            globals_len: 0,
            heap_len: 0,
            stack_len,
            heap_used: 0,
            sp: 0,
            heap_peak: 0,
        }
    }

    fn words<'s>(ptr: NonNull<u8>, len: u16) -> &'s [u16] {
        // SAFETY: every (pointer, length) pair of a `Ram` describes a block
        // it owns (taken from a `Region`, or a dangling aligned pointer with
        // length 0), 2-aligned by the `Allocator` contract; every bit
        // pattern is a valid `u16`. Callers tie the lifetime to `&self`.
        unsafe { core::slice::from_raw_parts(ptr.as_ptr().cast::<u16>(), len as usize / 2) }
    }

    fn words_mut<'s>(ptr: NonNull<u8>, len: u16) -> &'s mut [u16] {
        // SAFETY: as in `words`; callers tie the lifetime to `&mut self`,
        // and the three blocks are disjoint, so no other slice of this
        // block exists meanwhile.
        unsafe { core::slice::from_raw_parts_mut(ptr.as_ptr().cast::<u16>(), len as usize / 2) }
    }

    #[inline]
    pub fn globals(&self) -> &[u16] {
        Self::words(self.globals, self.globals_len)
    }
    #[inline]
    pub fn globals_mut(&mut self) -> &mut [u16] {
        Self::words_mut(self.globals, self.globals_len)
    }
    #[inline]
    pub fn heap_words(&self) -> &[u16] {
        Self::words(self.heap, self.heap_len)
    }
    #[inline]
    pub fn heap_words_mut(&mut self) -> &mut [u16] {
        Self::words_mut(self.heap, self.heap_len)
    }
    #[inline]
    pub fn heap(&self) -> &[u8] {
        // SAFETY: as in `words`, as bytes (any alignment).
        unsafe { core::slice::from_raw_parts(self.heap.as_ptr(), self.heap_len as usize) }
    }
    #[inline]
    pub fn heap_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `words_mut`, as bytes.
        unsafe { core::slice::from_raw_parts_mut(self.heap.as_ptr(), self.heap_len as usize) }
    }
    pub fn heap_len(&self) -> usize {
        self.heap_len as usize
    }
    pub fn globals_len(&self) -> usize {
        self.globals_len as usize
    }
    #[inline]
    pub fn stack(&self) -> &[u16] {
        match self.stack {
            Some(p) => Self::words(p, self.stack_len),
            None => &[],
        }
    }
    #[inline]
    pub fn stack_mut(&mut self) -> &mut [u16] {
        match self.stack {
            Some(p) => Self::words_mut(p, self.stack_len),
            None => &mut [],
        }
    }
    /// Bytes of stack in use by a running call (0 while idle).
    pub fn stack_bytes(&self) -> usize {
        if self.stack.is_some() {
            self.stack_len as usize
        } else {
            0
        }
    }
    /// The stack size the next call gets.
    pub fn stack_size(&self) -> usize {
        self.stack_len as usize
    }
    /// Sets the stack size for the next call (ignored while one runs: the
    /// block it has keeps its size).
    pub fn set_stack_size(&mut self, bytes: u16) {
        if self.stack.is_none() {
            self.stack_len = bytes & !1;
        }
    }

    /// Takes `r` as the globals block (the old one is returned).
    pub fn set_globals(&mut self, r: Region) -> Region {
        let old = Region {
            ptr: self.globals,
            len: self.globals_len as usize,
        };
        (self.globals, self.globals_len) = (r.ptr, r.len as u16);
        old
    }
    /// Takes `r` as the heap block (the old one is returned).
    pub fn set_heap(&mut self, r: Region) -> Region {
        let old = Region {
            ptr: self.heap,
            len: self.heap_len as usize,
        };
        (self.heap, self.heap_len) = (r.ptr, r.len as u16);
        old
    }
    /// Obtains the stack for a call from the host.
    pub fn open_stack(&mut self, alloc: &mut dyn Allocator) -> bool {
        if self.stack.is_some() {
            return true;
        }
        match Region::new(alloc, self.stack_len as usize) {
            Some(r) if r.len == self.stack_len as usize && r.len > 0 => {
                self.stack = Some(r.ptr);
                true
            }
            Some(r) => {
                r.release(alloc);
                false
            }
            None => false,
        }
    }
    /// Gives the stack back when the outermost call ends.
    pub fn close_stack(&mut self, alloc: &mut dyn Allocator) {
        if let Some(ptr) = self.stack.take() {
            Region {
                ptr,
                len: self.stack_len as usize,
            }
            .release(alloc);
        }
    }
    /// Gives every block back.
    pub fn release(&mut self, alloc: &mut dyn Allocator) {
        self.close_stack(alloc);
        self.set_globals(Region::empty()).release(alloc);
        self.set_heap(Region::empty()).release(alloc);
    }
}

/// A first-fit allocator over a caller-provided buffer, for bare metal
/// (`static mut ARENA: [u8; N]` handed over once). Blocks carry a 2-byte
/// size word; free blocks are found by walking, which is fine for the
/// handful of blocks a VM holds (globals, heap, stack, GC to-space).
///
/// The arena borrows the buffer for its lifetime, and the VM borrows the
/// arena: declare the buffer first, then the arena, then the VM. Every
/// block goes back when the VM is dropped, so one arena can serve VMs one
/// after another.
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
/// let free = alloc.free_bytes();
/// {
///     let mut host = NoImports;
///     let image = include_bytes!("../tests/images/closures.vbc");
///     let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
///     vm.call_export(&mut host, 1, &[HostValue::Int(1)]).unwrap();
///     assert_eq!(vm.result().to_i32(), 102);
/// }
/// // The VM gave every byte back.
/// assert_eq!(alloc.free_bytes(), free);
/// ```
pub struct ArenaAllocator<'a> {
    /// The buffer's start. Everything goes through this raw pointer: a
    /// `&mut [u8]` over the whole buffer, re-borrowed to write a header,
    /// would invalidate the blocks already handed out (Stacked Borrows).
    base: NonNull<u8>,
    len: usize,
    _buf: PhantomData<&'a mut [u8]>,
}

impl<'a> ArenaAllocator<'a> {
    /// Block header: `u16` size in bytes with bit 0 set when in use.
    const HDR: usize = 2;

    /// An arena over `buf`: all of it is free at first. Only an even
    /// number of bytes from an even address is used, and at most 65534
    /// bytes (a VM never needs a block of 64 KiB); each block costs 2 bytes
    /// more than its size.
    pub fn new(buf: &'a mut [u8]) -> Self {
        // Align the start to 2 and describe the whole buffer as one free block.
        let skip = buf.as_ptr().align_offset(2).min(buf.len());
        let buf = &mut buf[skip..];
        let len = buf.len().min(0xFFFE) & !1;
        let mut a = ArenaAllocator {
            base: NonNull::from(buf).cast::<u8>(),
            len,
            _buf: PhantomData,
        };
        if len >= 2 * Self::HDR {
            a.set_word(0, (len - Self::HDR) as u16);
        }
        a
    }

    fn word(&self, at: usize) -> usize {
        if at + 2 > self.len {
            return 0;
        }
        // SAFETY: `at + 2 <= len`, so both bytes lie in the buffer this
        // arena borrows exclusively for `'a`; headers are never inside a
        // block that has been handed out.
        let bytes = unsafe { [self.base.add(at).read(), self.base.add(at + 1).read()] };
        u16::from_le_bytes(bytes) as usize
    }

    fn set_word(&mut self, at: usize, v: u16) {
        if at + 2 > self.len {
            return;
        }
        let [lo, hi] = v.to_le_bytes();
        // SAFETY: as in `word`; writing a header byte touches no live block.
        unsafe {
            self.base.add(at).write(lo);
            self.base.add(at + 1).write(hi);
        }
    }

    /// Bytes currently free (sum of free block payloads). Free bytes may be
    /// in several pieces: a block larger than any one of them is refused.
    pub fn free_bytes(&self) -> usize {
        let mut at = 0;
        let mut total = 0;
        while at + Self::HDR <= self.len {
            let w = self.word(at);
            if w & 1 == 0 {
                total += w;
            }
            at += Self::HDR + (w & !1);
        }
        total
    }

    fn coalesce(&mut self) {
        let mut at = 0;
        while at + Self::HDR <= self.len {
            let w = self.word(at);
            let next = at + Self::HDR + (w & !1);
            if w & 1 == 0 && next + Self::HDR <= self.len {
                let n = self.word(next);
                if n & 1 == 0 && w + Self::HDR + n <= 0xFFFC {
                    self.set_word(at, (w + Self::HDR + n) as u16);
                    continue;
                }
            }
            at = next;
        }
    }
}

// SAFETY: blocks are disjoint ranges of the exclusively borrowed buffer
// (each carved from one free block, marked in use until released), reached
// only through pointers derived from `base`, 2-aligned because the buffer
// start, headers and sizes are all even.
unsafe impl Allocator for ArenaAllocator<'_> {
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        let size = (size.max(2) + 1) & !1;
        let mut at = 0;
        while at + Self::HDR <= self.len {
            let w = self.word(at);
            let block = w & !1;
            if w & 1 == 0 && block >= size {
                let rest = block - size;
                if rest >= Self::HDR + 2 {
                    self.set_word(at, size as u16 | 1);
                    self.set_word(at + Self::HDR + size, (rest - Self::HDR) as u16);
                } else {
                    self.set_word(at, block as u16 | 1);
                }
                // SAFETY: `at + HDR + size <= len`: the block lies in the buffer.
                return Some(unsafe { self.base.add(at + Self::HDR) });
            }
            at += Self::HDR + block;
        }
        None
    }

    unsafe fn release(&mut self, ptr: NonNull<u8>, _size: usize) {
        // The header sits just before the block; find it by offset from the
        // buffer base without turning pointers into integers.
        // SAFETY: the caller guarantees `ptr` came from `allocate`, so it lies
        // inside the buffer, in the same allocation as `base`.
        let off = unsafe { ptr.as_ptr().offset_from(self.base.as_ptr()) };
        if let Ok(off) = usize::try_from(off) {
            if off >= Self::HDR && off <= self.len {
                let w = self.word(off - Self::HDR);
                self.set_word(off - Self::HDR, (w & !1) as u16);
                self.coalesce();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arena_blocks_are_disjoint_and_reused_after_release() {
        let mut buf = [0u8; 256];
        let mut a = ArenaAllocator::new(&mut buf);
        let total = a.free_bytes();
        let mut r1 = Region::new(&mut a, 40).unwrap();
        let mut r2 = Region::new(&mut a, 100).unwrap();
        r2.bytes_mut().fill(0xAB);
        assert!(r1.bytes_mut().iter().all(|b| *b == 0));
        assert!(Region::new(&mut a, 200).is_none());
        r1.release(&mut a);
        r2.release(&mut a);
        assert_eq!(a.free_bytes(), total);
        let r3 = Region::new(&mut a, 200).unwrap();
        assert_eq!(r3.len(), 200);
        r3.release(&mut a);
    }
}
