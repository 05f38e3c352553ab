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
//! Layout: `api` is every exported function and turns C's pointers into
//! references; `mem` is memory from the C library (`malloc`), used instead
//! of Rust's `alloc` so that a firmware links no allocation-error or
//! formatting code; these two are the only modules with `unsafe`, each
//! block with its argument. `state` is the VM as C sees it (imports,
//! handles, the values kept for the host) and the `Host` that calls C
//! functions; `types` is what the header declares.
//!
//! Must not: interpret values itself (that is `vium-vm`'s).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_code)]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

mod api;
mod mem;
mod state;
pub mod types;

pub use api::*;
pub use types::*;

/// Without `std` the library is `no_std`; the runtime never panics on
/// input, so this is only for the linker.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
