//! A Cortex-M firmware that runs a vium script. The image built from
//! `script.js` sits in flash, the VM lives in a static arena, and the
//! script's `console.log` output and its one import (an LED) are printed
//! on the debugger's console through semihosting.
//!
//! `scripts/run-bare-metal.sh` builds it for a Cortex-M0
//! (`thumbv6m-none-eabi`) and a Cortex-M4F (`thumbv7em-none-eabihf`) and
//! runs both under QEMU. By hand, from the repository's root (the image's
//! path must be absolute):
//!
//! ```text
//! cargo run --release -p vium -- build examples/bare-metal/script.js -o script.vbc
//! VIUM_IMAGE=$PWD/script.vbc cargo build --release \
//!     --manifest-path examples/bare-metal/Cargo.toml --target thumbv6m-none-eabi
//! qemu-system-arm -M microbit -nographic -semihosting-config enable=on,target=native \
//!     -kernel examples/bare-metal/target/thumbv6m-none-eabi/release/vium-bare-metal
//! ```
//!
//! Semihosting needs a debugger or an emulator: on a board without one
//! attached, print through a UART instead.
#![no_std]
#![no_main]

use core::fmt::Arguments;
use core::ptr::addr_of_mut;
use cortex_m_rt::{entry, exception, ExceptionFrame};
use cortex_m_semihosting::{debug, hprint, hprintln};
use vium_vm::{
    ArenaAllocator, CallError, Host, HostCall, HostError, HostValue, ImageError, ValueRef, Vm,
};

/// The image, in flash: `script.js` built by `vium build`. The build
/// reads its path from `VIUM_IMAGE`.
static IMAGE: &[u8] = include_bytes!(env!(
    "VIUM_IMAGE",
    "VIUM_IMAGE must name an image built from script.js (scripts/run-bare-metal.sh sets it)"
));

/// The VM's memory: its globals and heap, a second heap while a
/// collection copies into it, and the VM stack during a call.
const ARENA_BYTES: usize = 4 * 1024;
static mut ARENA: [u8; ARENA_BYTES] = [0; ARENA_BYTES];

/// What the firmware provides to the script: console output and import 1,
/// `setLed(on)`.
struct Board;

impl Host for Board {
    fn write(&mut self, bytes: &[u8]) {
        print_bytes(bytes);
    }

    fn has_import(&self, id: u16) -> bool {
        id == 1
    }

    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        match id {
            1 => {
                let on = vm.arg(&call, 0).to_bool();
                hprintln!("LED {}", if on { "on" } else { "off" });
                Ok(HostValue::Undefined)
            }
            _ => Err(HostError::Error("no such import")),
        }
    }
}

#[entry]
fn main() -> ! {
    // SAFETY: `main` runs once and is the only code that names ARENA, so
    // this is the only reference to it for the rest of the program.
    let arena = unsafe { &mut *addr_of_mut!(ARENA) };
    let mut alloc = ArenaAllocator::new(arena);
    let mut board = Board;
    let mut vm = match Vm::restore(IMAGE, &mut alloc, &board) {
        Ok(vm) => vm,
        Err(e) => refused(e),
    };

    // Export 1, `press(times)`: the script counts and sets the LED
    // through import 1.
    for times in [1, 2, 3] {
        let outcome = vm.call_export(&mut board, 1, &[HostValue::Int(times)]);
        hprintln!("press({}) = {}", times, result(&vm, outcome).to_i32());
    }

    // Export 2, `describe(name)`, returns a string: printed from the VM's
    // memory, without a copy.
    let outcome = vm.call_export(&mut board, 2, &[HostValue::Str("button")]);
    hprint!("describe: ");
    result(&vm, outcome).write_display(&mut print_bytes);
    hprintln!();

    // Export 3, `makeCounter(step)`, returns a closure. A handle keeps it
    // alive across calls and collections (which move it).
    let outcome = vm.call_export(&mut board, 3, &[HostValue::Int(10)]);
    result(&vm, outcome);
    let counter = match vm.handle_result() {
        Ok(handle) => handle,
        Err(e) => fail(format_args!("no handle: {}", e.message())),
    };
    for _ in 0..3 {
        collect(&mut vm);
        let outcome = vm.call_handle(&mut board, &counter, &[]);
        hprintln!("counter() = {}", result(&vm, outcome).to_i32());
    }
    vm.release(counter);
    collect(&mut vm);

    let stats = vm.memory_stats();
    hprintln!(
        "idle VM: {} B struct + {} B globals + {} B heap (peak {} B), {} collections",
        stats.vm_struct,
        stats.globals,
        stats.heap_used,
        stats.heap_peak,
        stats.collections,
    );
    exit(debug::EXIT_SUCCESS)
}

/// The value of a call into the script; an uncaught exception or a VM
/// error ends the run.
fn result<'v, 'a>(vm: &'v Vm<'a>, outcome: Result<(), CallError>) -> ValueRef<'v, 'a> {
    match outcome {
        Ok(()) => vm.result(),
        Err(CallError::Uncaught) => {
            hprint!("error: Uncaught ");
            vm.exception().write_display(&mut print_bytes);
            hprintln!();
            exit(debug::EXIT_FAILURE)
        }
        Err(CallError::NoSuchExport(id)) => fail(format_args!("the script has no export {id}")),
        Err(CallError::Fatal(e)) => fail(format_args!("the call failed: {}", e.message())),
    }
}

/// Why the image was refused. (Its `Debug` form would link `str` escaping
/// and Unicode tables: several KB of flash.)
fn refused(e: ImageError) -> ! {
    match e {
        ImageError::MissingFeature(bits) => fail(format_args!(
            "the image needs engine features {bits:#06x} this firmware lacks"
        )),
        ImageError::UnresolvedImport(id) => fail(format_args!(
            "the image imports {id}, which the firmware lacks"
        )),
        ImageError::Corrupt(why) => fail(format_args!("the image is corrupt: {why}")),
        _ => fail(format_args!("the image is damaged or from another version")),
    }
}

/// Runs a full collection.
fn collect(vm: &mut Vm<'_>) {
    if let Err(e) = vm.run_gc() {
        fail(format_args!("collection failed: {}", e.message()));
    }
}

/// Prints text from the VM (UTF-8, except that a lone surrogate in a
/// script's string comes as WTF-8: printed as U+FFFD).
fn print_bytes(bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        hprint!("{}", chunk.valid());
        if !chunk.invalid().is_empty() {
            hprint!("\u{FFFD}");
        }
    }
}

/// Reports `why` and ends the run with failure.
fn fail(why: Arguments) -> ! {
    hprintln!("error: {}", why);
    exit(debug::EXIT_FAILURE)
}

/// Ends the run: QEMU exits with this status (so does a debugger session
/// that handles semihosting's exit call; if it does not, the core sleeps).
fn exit(status: debug::ExitStatus) -> ! {
    debug::exit(status);
    loop {
        cortex_m::asm::wfi();
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    fail(format_args!("{info}"))
}

// cortex-m-rt requires the handler to be an `unsafe fn`; it only reports.
#[exception]
unsafe fn HardFault(frame: &ExceptionFrame) -> ! {
    fail(format_args!("hard fault at pc {:#010x}", frame.pc()))
}
