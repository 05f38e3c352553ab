//! What a firmware links: restore, call an export, read a number back,
//! console output to a byte sink, one host import.
#![no_std]
#![no_main]

use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, Vm};

struct Firmware {
    written: usize,
}

impl Host for Firmware {
    fn write(&mut self, bytes: &[u8]) {
        self.written += bytes.len();
    }
    fn call<'s>(&'s mut self, vm: &mut Vm<'_>, _id: u16, call: HostCall) -> Result<HostValue<'s>, HostError<'s>> {
        Ok(HostValue::Number(vm.arg(&call, 0).to_f64() * 2.0))
    }
}

/// # Safety
/// `image` must point to `image_len` readable bytes and `arena` to
/// `arena_len` writable bytes, both valid for the call.
#[no_mangle]
pub unsafe extern "C" fn vium_run(image: *const u8, image_len: usize, arena: *mut u8, arena_len: usize, arg: f64) -> f64 {
    let image = unsafe { core::slice::from_raw_parts(image, image_len) };
    let arena = unsafe { core::slice::from_raw_parts_mut(arena, arena_len) };
    let mut alloc = ArenaAllocator::new(arena);
    let mut host = Firmware { written: 0 };
    let Ok(mut vm) = Vm::restore(image, &mut alloc, &host) else { return -1.0 };
    match vm.call_export(&mut host, 1, &[HostValue::Number(arg)]) {
        Ok(()) => vm.result().to_f64(),
        Err(_) => -2.0,
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

static IMAGE: [u8; 64] = [0; 64];
static mut ARENA: [u8; 4096] = [0; 4096];

/// The entry point: keeps `vium_run` and everything it needs in the link.
#[no_mangle]
pub extern "C" fn _start() -> ! {
    let image = core::hint::black_box(&IMAGE);
    let arena = core::ptr::addr_of_mut!(ARENA);
    // SAFETY: single-threaded start-up; the arena is used by this call only.
    let r = unsafe { vium_run(image.as_ptr(), image.len(), arena.cast(), 4096, core::hint::black_box(1.0)) };
    core::hint::black_box(r);
    loop {}
}
