//! Memory from the C library (`malloc`, `realloc`, `free`), without Rust's
//! `alloc`: the VM's blocks (`CAllocator`), the VM state that C holds a
//! pointer to (`boxed`, `unbox`), and small growable arrays (`CVec`). With
//! no `alloc` there is no allocation-error handler and no formatting code
//! in a firmware that links the library, and nothing here can panic: a
//! failed allocation is a `false` or `None` the caller turns into an error
//! code.
#![allow(unsafe_code)]

use core::ffi::c_void;
use core::ptr::NonNull;

use vium_vm::Allocator;

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
}

/// `malloc` guarantees this alignment on every target vium supports (and
/// more on most).
const MALLOC_ALIGN: usize = 8;

/// The VM's memory, from `malloc`.
pub(crate) struct CAllocator;

// SAFETY: `malloc` returns blocks aligned to at least 8 (so to 2), valid
// for `size` bytes and not used elsewhere until `free`d, which `release`
// does exactly once per block.
unsafe impl Allocator for CAllocator {
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        // SAFETY: `malloc` has no preconditions.
        NonNull::new(unsafe { malloc(size.max(2)) }.cast())
    }
    unsafe fn release(&mut self, ptr: NonNull<u8>, _size: usize) {
        // SAFETY: the caller passes a block from `allocate`, so from `malloc`.
        unsafe { free(ptr.as_ptr().cast()) }
    }
}

/// A `'static` allocator for a VM to borrow (it has no state).
pub(crate) fn c_allocator() -> &'static mut CAllocator {
    // SAFETY: `CAllocator` is zero-sized: a dangling, aligned pointer is a
    // valid place for it, and any number of such references may exist.
    unsafe { NonNull::<CAllocator>::dangling().as_mut() }
}

/// Moves `value` into a block from `malloc`; `None` when memory runs out.
pub(crate) fn boxed<T>(value: T) -> Option<NonNull<T>> {
    if core::mem::align_of::<T>() > MALLOC_ALIGN {
        return None;
    }
    // SAFETY: `malloc` has no preconditions.
    let p = NonNull::new(unsafe { malloc(core::mem::size_of::<T>().max(1)) }.cast::<T>())?;
    // SAFETY: a fresh block of `T`'s size, aligned for it.
    unsafe { p.as_ptr().write(value) };
    Some(p)
}

/// Drops and frees what `boxed` made.
///
/// # Safety
/// `p` came from `boxed::<T>` and is not used afterwards.
pub(crate) unsafe fn unbox<T>(p: NonNull<T>) {
    // SAFETY: the caller's contract: a live `T` in a block from `malloc`.
    unsafe {
        p.as_ptr().drop_in_place();
        free(p.as_ptr().cast());
    }
}

/// `size` bytes from `malloc` that `fill` writes; the block is the
/// caller's to `free` (as C frees what `mvm_createSnapshot` gives). `None`
/// when memory runs out or `fill` fails (the block is then freed).
pub(crate) fn c_buffer(size: usize, fill: impl FnOnce(&mut [u8]) -> bool) -> Option<NonNull<u8>> {
    // SAFETY: `malloc` has no preconditions.
    let p = NonNull::new(unsafe { malloc(size.max(1)) }.cast::<u8>())?;
    // SAFETY: a fresh block of `size` bytes, zeroed before it is read.
    let bytes = unsafe {
        p.as_ptr().write_bytes(0, size);
        core::slice::from_raw_parts_mut(p.as_ptr(), size)
    };
    if fill(bytes) {
        Some(p)
    } else {
        // SAFETY: from `malloc` above, not used afterwards.
        unsafe { free(p.as_ptr().cast()) };
        None
    }
}

/// A growable array in memory from `malloc`, of at most 65,535 elements
/// (16-bit lengths keep a VM's state small).
pub(crate) struct CVec<T> {
    ptr: *mut T,
    len: u16,
    cap: u16,
}

impl<T> Default for CVec<T> {
    fn default() -> Self {
        CVec {
            ptr: core::ptr::null_mut(),
            len: 0,
            cap: 0,
        }
    }
}

impl<T> CVec<T> {
    /// Appends `v`; gives it back when memory runs out.
    pub(crate) fn push(&mut self, v: T) -> Result<(), T> {
        if self.len == self.cap {
            let Some(cap) = self.cap.checked_mul(2).map(|c| c.max(4)) else {
                return Err(v);
            };
            let Some(bytes) = (cap as usize).checked_mul(core::mem::size_of::<T>()) else {
                return Err(v);
            };
            if core::mem::align_of::<T>() > MALLOC_ALIGN {
                return Err(v);
            }
            // SAFETY: `ptr` is null or from an earlier `realloc`.
            let p = unsafe { realloc(self.ptr.cast(), bytes.max(1)) }.cast::<T>();
            if p.is_null() {
                return Err(v);
            }
            self.ptr = p;
            self.cap = cap;
        }
        // SAFETY: `len < cap`: the slot is inside the block, uninitialised.
        unsafe { self.ptr.add(self.len as usize).write(v) };
        self.len += 1;
        Ok(())
    }

    pub(crate) fn as_slice(&self) -> &[T] {
        if self.ptr.is_null() {
            return &[];
        }
        // SAFETY: the first `len` slots are initialised.
        unsafe { core::slice::from_raw_parts(self.ptr, self.len as usize) }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        if self.ptr.is_null() {
            return &mut [];
        }
        // SAFETY: as in `as_slice`, and `self` is borrowed mutably.
        unsafe { core::slice::from_raw_parts_mut(self.ptr, self.len as usize) }
    }

    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// Removes element `i`, moving the last one into its place.
    pub(crate) fn swap_remove(&mut self, i: usize) -> Option<T> {
        if i >= self.len() {
            return None;
        }
        self.len -= 1;
        let last = self.len as usize;
        // SAFETY: `i` and `last` (the old last) are initialised slots; the
        // last is moved out and its slot no longer counts.
        unsafe {
            let v = self.ptr.add(i).read();
            if i != last {
                self.ptr.add(i).write(self.ptr.add(last).read());
            }
            Some(v)
        }
    }

    /// Removes the last element.
    pub(crate) fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: the old last slot is initialised and no longer counts.
        Some(unsafe { self.ptr.add(self.len as usize).read() })
    }
}

impl<T> Drop for CVec<T> {
    fn drop(&mut self) {
        while self.pop().is_some() {}
        if !self.ptr.is_null() {
            // SAFETY: from `realloc`, freed once.
            unsafe { free(self.ptr.cast()) };
        }
    }
}
