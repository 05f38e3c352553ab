//! A desktop host for a vium script, in Rust. It builds `script.js` (the
//! script's top level runs then), restores the image in an arena, serves
//! the script's imports and calls its exports: numbers and strings in and
//! out, an error thrown into the script, an uncaught exception, a closure
//! kept across collections, an `async` export that waits for the host, a
//! step budget, memory figures, and a snapshot of the running VM that a
//! second VM resumes. From the repository's root:
//!
//! ```text
//! cargo run --manifest-path examples/rust-host/Cargo.toml
//! ```
//!
//! Its standard output is `expected.txt`. Sizes that depend on what the
//! compiler emits (heap, image) go to standard error.

use std::error::Error;
use std::path::Path;

use vium_vm::{
    ArenaAllocator, CallError, Handle, Host, HostCall, HostError, HostValue, ValueRef, Vm,
};

/// The script's imports: `vmImport(id)` in `script.js`.
const SET_LED: u16 = 1;
const READ_SENSOR: u16 = 2;
const START_TRANSFER: u16 = 3;

/// The script's exports: `vmExport(id, …)` in `script.js`.
const PRESS: u16 = 1;
const GREET: u16 = 2;
const SAMPLE: u16 = 3;
const FAIL: u16 = 4;
const MAKE_COUNTER: u16 = 5;
const DOWNLOAD: u16 = 6;
const SPIN: u16 = 7;

/// The device the script drives: an LED, a sensor that is not connected,
/// and transfers that complete after the call that started them.
#[derive(Default)]
struct Board {
    /// Whether console output stopped in the middle of a line.
    mid_line: bool,
    /// The script's callbacks of the transfers in flight.
    transfers: Vec<Handle>,
    /// The text of the latest error thrown into the script (`HostError`
    /// borrows it from the host).
    error: String,
}

impl Host for Board {
    /// `console.log` output, indented like the host's own lines.
    fn write(&mut self, bytes: &[u8]) {
        if !self.mid_line {
            print!("  ");
        }
        print!("{}", String::from_utf8_lossy(bytes));
        self.mid_line = !bytes.ends_with(b"\n");
    }

    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        match id {
            SET_LED => {
                let on = vm.arg(&call, 0).to_bool();
                println!("  LED {}", if on { "on" } else { "off" });
                Ok(HostValue::Undefined)
            }
            READ_SENSOR => {
                let sensor = vm.arg(&call, 0).to_i32();
                self.error = format!("sensor {sensor} is not connected");
                Err(HostError::Error(&self.error))
            }
            START_TRANSFER => {
                // The callback must outlive this call: keep it in a handle.
                let done = vm
                    .handle_arg(&call, 0)
                    .map_err(|e| HostError::Error(e.message()))?;
                self.transfers.push(done);
                println!("  transfer started");
                Ok(HostValue::Undefined)
            }
            _ => Err(HostError::Error("no such import")),
        }
    }

    /// `Vm::settle` calls this whenever the script's job queue is empty:
    /// one transfer completes, and its callback resolves the promise.
    fn run_deferred(&mut self, vm: &mut Vm<'_>) -> Result<bool, CallError> {
        let Some(done) = self.transfers.pop() else {
            return Ok(false);
        };
        println!("  transfer complete");
        let outcome = vm.call_handle(self, &done, &[HostValue::Int(64)]);
        vm.release(done);
        outcome.map(|()| true)
    }
}

/// `String(v)`, as `Uncaught` prints it (`name: message` for an Error).
fn text(v: ValueRef<'_, '_>) -> String {
    let mut bytes = Vec::new();
    v.write_display(&mut |piece| bytes.extend_from_slice(piece));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Calls export `id` and lends its result; a failure becomes an error.
fn call<'v, 'a>(
    vm: &'v mut Vm<'a>,
    board: &mut Board,
    id: u16,
    args: &[HostValue<'_>],
) -> Result<ValueRef<'v, 'a>, Box<dyn Error>> {
    match vm.call_export(board, id, args) {
        Ok(()) => Ok(vm.result()),
        Err(CallError::Uncaught) => Err(format!("Uncaught {}", text(vm.exception())).into()),
        Err(e) => Err(failed(e)),
    }
}

/// An error of the VM (which has no `std::error::Error`), for `?`.
fn failed(e: impl std::fmt::Debug) -> Box<dyn Error> {
    format!("{e:?}").into()
}

fn main() -> Result<(), Box<dyn Error>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("script.js");
    println!("build:");
    let image = vium_compiler::driver::build_file(&script, &mut Board::default())?;

    // The VM's memory: globals, heap, a second heap during a collection,
    // and the stack while a call runs.
    let mut arena = vec![0u8; 16 * 1024];
    let mut alloc = ArenaAllocator::new(&mut arena);
    let mut board = Board::default();
    let mut vm = Vm::restore(&image, &mut alloc, &board).map_err(failed)?;

    println!("numbers:");
    for times in [1, 1] {
        let presses = call(&mut vm, &mut board, PRESS, &[HostValue::Int(times)])?;
        println!("  press({times}) = {}", presses.to_i32());
    }

    println!("strings:");
    let greeting = call(&mut vm, &mut board, GREET, &[HostValue::Str("Rust")])?;
    println!("  {}", greeting.as_str().unwrap_or("(not a string)"));

    println!("a host error, caught by the script:");
    let reading = call(&mut vm, &mut board, SAMPLE, &[HostValue::Int(7)])?;
    println!("  {}", text(reading));

    println!("an uncaught exception:");
    let outcome = vm.call_export(&mut board, FAIL, &[HostValue::Str("overheated")]);
    assert_eq!(outcome, Err(CallError::Uncaught));
    println!("  Uncaught {}", text(vm.exception()));

    println!("a closure kept in a handle:");
    call(&mut vm, &mut board, MAKE_COUNTER, &[HostValue::Int(100)])?;
    let counter = vm.handle_result().map_err(failed)?;
    for step in [1, 10] {
        vm.run_gc().map_err(failed)?; // moves the closure; the handle follows it
        vm.call_handle(&mut board, &counter, &[HostValue::Int(step)])
            .map_err(failed)?;
        println!("  counter({step}) = {}", vm.result().to_i32());
    }
    vm.release(counter);

    println!("an async export, completed by the host:");
    let file = HostValue::Str("config.json");
    let promise = call(&mut vm, &mut board, DOWNLOAD, &[file])?;
    println!("  returned {:?} (its promise)", promise.kind());
    vm.settle(&mut board).map_err(failed)?;
    println!("  settled");

    println!("a step budget:");
    vm.set_budget(Some(10_000));
    match vm.call_export(&mut board, SPIN, &[]) {
        Err(CallError::Fatal(e)) => println!("  spin() stopped: {}", e.message()),
        other => return Err(format!("spin() did not stop: {other:?}").into()),
    }
    vm.set_budget(None);

    println!("memory:");
    vm.run_gc().map_err(failed)?;
    let m = vm.memory_stats();
    println!(
        "  stack: {} bytes while idle, {} during a call",
        m.stack, m.stack_configured
    );
    eprintln!(
        "memory: heap {} of {} bytes used (peak {}), {} collections; image {} bytes",
        m.heap_used, m.heap_allocated, m.heap_peak, m.collections, m.image
    );

    println!("a snapshot of the running VM:");
    let mut saved = vec![0u8; vm.snapshot_size().map_err(failed)?];
    let len = vm.write_snapshot(&mut saved).map_err(failed)?;
    eprintln!("snapshot: {len} bytes");
    let mut arena2 = vec![0u8; 16 * 1024];
    let mut alloc2 = ArenaAllocator::new(&mut arena2);
    let mut vm2 = Vm::restore(&saved[..len], &mut alloc2, &board).map_err(failed)?;
    let presses = call(&mut vm2, &mut board, PRESS, &[HostValue::Int(1)])?;
    println!("  second VM: press(1) = {}", presses.to_i32());
    let presses = call(&mut vm, &mut board, PRESS, &[HostValue::Int(5)])?;
    println!("  first VM: press(5) = {}", presses.to_i32());
    Ok(())
}
