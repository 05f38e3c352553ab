//! `size_of` figures for the device target, as statics the measuring
//! script reads back out of the object file.
#![no_std]

use core::mem::size_of;

#[no_mangle]
pub static VIUM_SIZE_VM: usize = size_of::<vium_vm::Vm<'static>>();
#[no_mangle]
pub static VIUM_SIZE_ARENA_ALLOCATOR: usize = size_of::<vium_vm::ArenaAllocator<'static>>();
#[no_mangle]
pub static VIUM_SIZE_HANDLE: usize = size_of::<vium_vm::Handle>();
#[no_mangle]
pub static VIUM_SIZE_POINTER: usize = size_of::<usize>();
/// A VM behind the C API: vium's `Vm` and what the C API keeps beside it.
#[no_mangle]
pub static VIUM_SIZE_MVM_VM: usize = size_of::<vium_ffi::mvm_VM>();
