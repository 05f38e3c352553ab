//! # vium-ffi
//!
//! The Vium runtime for C hosts, behind the API of Microvium 8's
//! `microvium.h`: a host written against Microvium compiles unchanged
//! against `include/microvium.h` (generated from this crate by `cbindgen`)
//! and links `libvium_ffi.a`. Where Microvium stops the process on a fatal
//! error, vium returns an error code and the VM stays usable.
//!
//! Values are `mvm_Value`s: the VM's 16-bit encoding, as in Microvium. Every
//! value the host passes in is checked first (`vium_vm::Vm::raw_value`): one
//! that is not a value of this VM (garbage, a value from another VM, one
//! kept across a collection that moved it) is refused with an error code,
//! never followed. What the host is given stays valid until its next
//! `mvm_call` returns; a value kept longer belongs in an `mvm_Handle`.
//!
//! Layout: `api` is every exported function and the only module with
//! `unsafe` (it turns C's pointers into references, each block with its
//! argument); `state` is the VM as C sees it (imports, handles, the values
//! kept for the host) and the `Host` that calls C functions; `types` is
//! what the header declares.
//!
//! Must not: interpret values itself (that is `vium-vm`'s).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_code)]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

extern crate alloc;

mod api;
mod state;
pub mod types;

pub use api::*;
pub use types::*;

/// Without `std`, Rust's allocations come from the C library.
#[cfg(not(feature = "std"))]
mod c_alloc {
    #![allow(unsafe_code)]
    use core::alloc::{GlobalAlloc, Layout};

    extern "C" {
        fn malloc(size: usize) -> *mut u8;
        fn free(ptr: *mut u8);
    }

    struct CAllocator;

    // SAFETY: `malloc` returns memory aligned for any fundamental type (8
    // bytes on the targets vium supports), or null; larger alignments are
    // refused with null. `free` takes back exactly what `malloc` gave.
    unsafe impl GlobalAlloc for CAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if layout.align() > 8 {
                return core::ptr::null_mut();
            }
            // SAFETY: `malloc` has no preconditions.
            unsafe { malloc(layout.size().max(1)) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, _: Layout) {
            // SAFETY: `ptr` came from `alloc` above, so from `malloc`.
            unsafe { free(ptr) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: CAllocator = CAllocator;

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        // The runtime does not panic on input; this is for the linker.
        loop {}
    }
}
