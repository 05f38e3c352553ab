//! What a firmware links to run a vium script: restore an image from flash
//! into a static arena, call export 1 with a number, read the numeric
//! result, `console.log` output to a byte sink, and one host import
//! (`print`, which writes its arguments as text to the same sink).
//! `benchmarks/microvium-firmware/main.c` is the same firmware for
//! Microvium 8.
//!
//! The image is `script.js` built by the CLI; `scripts/measure-flash.sh`
//! passes its path in `VIUM_IMAGE`. With the feature `empty` the firmware
//! keeps its entry point and sink but links neither the runtime nor the
//! image: the baseline that is subtracted.
#![no_std]
#![no_main]

/// The byte sink: a UART data register.
const UART_DATA: *mut u8 = 0x4000_4000 as *mut u8;

fn sink(bytes: &[u8]) {
    for &b in bytes {
        // SAFETY: a device register on the imagined target; this firmware is
        // linked and measured, never run.
        unsafe { core::ptr::write_volatile(UART_DATA, b) }
    }
}

#[cfg(not(feature = "empty"))]
mod engine {
    use super::sink;
    use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, Vm};

    /// The image, in flash.
    static IMAGE: &[u8] = include_bytes!(env!(
        "VIUM_IMAGE",
        "VIUM_IMAGE must name an image built from script.js (scripts/measure-flash.sh sets it)"
    ));
    static mut ARENA: [u8; 4096] = [0; 4096];

    struct Firmware;

    impl Host for Firmware {
        fn write(&mut self, bytes: &[u8]) {
            sink(bytes);
        }
        /// Import 1, `print(...args)`: each argument as text, then a newline.
        fn call<'s>(&'s mut self, vm: &mut Vm<'_>, _id: u16, call: HostCall) -> Result<HostValue<'s>, HostError<'s>> {
            for i in 0..call.arg_count() {
                if i > 0 {
                    sink(b" ");
                }
                vm.arg(&call, i).write_display(&mut |bytes| sink(bytes));
            }
            sink(b"\n");
            Ok(HostValue::Undefined)
        }
    }

    /// Restores the image, calls export 1 with `arg` and returns its result
    /// (-1 on any error). Numbers cross as `f64` with float support and as
    /// int32 without, as the C firmware's `mvm_newNumber`/`mvm_toFloat64`
    /// and `mvm_newInt32`/`mvm_toInt32` do.
    pub fn run(arg: super::Number) -> super::Number {
        // SAFETY: called once, from the entry point; nothing else uses the arena.
        let arena = unsafe { &mut *core::ptr::addr_of_mut!(ARENA) };
        let mut alloc = ArenaAllocator::new(arena);
        let mut host = Firmware;
        // black_box: the optimizer must not specialize the runtime on the
        // image's contents (the C firmware passes a pointer across files).
        let Ok(mut vm) = Vm::restore(core::hint::black_box(IMAGE), &mut alloc, &host) else { return -1 as super::Number };
        #[cfg(feature = "float")]
        let (arg, result) = (HostValue::Number(arg), |vm: &Vm<'_>| vm.result().to_f64());
        #[cfg(not(feature = "float"))]
        let (arg, result) = (HostValue::Int(arg), |vm: &Vm<'_>| vm.result().to_i32());
        match vm.call_export(&mut host, 1, &[arg]) {
            Ok(()) => result(&vm),
            Err(_) => -1 as super::Number,
        }
    }
}

/// The number type the firmware passes in and reads back.
#[cfg(feature = "float")]
type Number = f64;
#[cfg(not(feature = "float"))]
type Number = i32;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// The entry point: keeps everything the firmware needs in the link.
#[no_mangle]
pub extern "C" fn _start() -> ! {
    #[cfg(not(feature = "empty"))]
    core::hint::black_box(engine::run(core::hint::black_box(21 as Number)));
    sink(b"ok\n");
    loop {}
}
