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
}

/// An allocator over the host's global allocator (feature `std`).
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
    pub fn new(alloc: &mut dyn Allocator, len: usize) -> Option<Region> {
        if len == 0 {
            return Some(Region::empty());
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

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `ptr` is valid for `len` bytes for as long as the region
        // lives (the allocator contract, or a dangling pointer with len 0),
        // was zero-initialised in `new`, and is only reachable through this
        // region, so a shared borrow of `self` makes a shared slice sound.
        unsafe { core::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `bytes`; the exclusive borrow of `self` guarantees no
        // other slice of this memory exists while this one does.
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

/// A first-fit allocator over a caller-provided buffer, for bare metal
/// (`static mut ARENA: [u8; N]` handed over once). Blocks carry a 2-byte
/// size word; free blocks are found by walking, which is fine for the
/// handful of blocks a VM holds (globals, heap, stack, GC to-space).
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

    /// Bytes currently free (sum of free block payloads).
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
        let r1 = Region::new(&mut a, 40).unwrap();
        let mut r2 = Region::new(&mut a, 100).unwrap();
        r2.bytes_mut().fill(0xAB);
        assert!(r1.bytes().iter().all(|b| *b == 0));
        assert!(Region::new(&mut a, 200).is_none());
        r1.release(&mut a);
        r2.release(&mut a);
        assert_eq!(a.free_bytes(), total);
        let r3 = Region::new(&mut a, 200).unwrap();
        assert_eq!(r3.len(), 200);
        r3.release(&mut a);
    }
}
