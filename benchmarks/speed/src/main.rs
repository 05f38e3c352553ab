//! `speed WORKLOAD.js [--repeat N] [--time SAMPLES] [--expect NUMBER]
//! [--arg NUMBER] [--stats] [--ram BYTES]`
//!
//! Builds the workload with `vium_compiler::driver::build_file` (its top
//! level runs at build time), restores the image with `Vm::restore` into a
//! `StdAllocator` (the device's default 1 KiB stack), calls export 1 once to
//! check it (the warm-up call), then:
//!
//! - `--repeat N` (default 1): calls export 1 `N` more times inside
//!   `vium_speed_measured`, a function of its own that callgrind can count
//!   alone (`--collect-atstart=no --toggle-collect=vium_speed_measured`).
//!   Without that option, the difference of the totals of `--repeat K` and
//!   `--repeat 0` counts the same `K` calls.
//! - `--time SAMPLES`: wall clock. Finds a number of calls that takes at
//!   least 20 ms, times `SAMPLES` batches of it and prints the median
//!   nanoseconds per call.
//!
//! - `--arg NUMBER`: passes NUMBER to export 1 (a workload's size).
//! - `--stats`: memory figures after every call so far, measured through an
//!   allocator that watches the blocks the VM obtains: `heap_peak`
//!   (`MemoryStats::heap_peak`: the most heap bytes in use at once, garbage
//!   included), `stack_peak` (the highest stack byte a call wrote: the VM
//!   zeroes its stack when it obtains it at the start of each call, and the
//!   allocator scans it for its highest non-zero 16-bit word when the VM
//!   gives it back) and `ram_peak` (the most bytes of blocks held from the
//!   allocator at once: globals, heap, a collection's second heap, the
//!   stack during a call; plus the `Vm` struct, which the host keeps).
//! - `--ram BYTES`: all of the VM's memory comes from an `ArenaAllocator`
//!   over a buffer of BYTES instead of `StdAllocator`.
//!
//! Every call's result must be the number on the workload's
//! `// expect: NUMBER` line (or `--expect`); anything else, an uncaught
//! exception included, exits 1. Prints one line:
//! `ok FILE result=R calls=N image=BYTES [wall_ns_per_call=T samples=S batch=B]
//! [heap_peak=B stack_peak=B ram_peak=B]`.
//!
//! The host provides import 1, `add(a, b)`, as the CLI host and
//! `tests/node-shim.mjs` do; `console.log` output is discarded.

use std::cell::Cell;
use std::path::Path;
use std::process::ExitCode;
use std::ptr::NonNull;
use std::time::Instant;

use vium_compiler::driver;
use vium_vm::{
    Allocator, ArenaAllocator, CallError, Host, HostCall, HostError, HostValue, StdAllocator,
    ValueKind, Vm,
};

pub struct SpeedHost {
    text: String,
}

impl Host for SpeedHost {
    fn write(&mut self, _bytes: &[u8]) {}

    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        if id != 1 {
            return Err(HostError::Error("the speed host provides import 1 only"));
        }
        let (a, b) = (vm.arg(&call, 0), vm.arg(&call, 1));
        if a.kind() == ValueKind::String || b.kind() == ValueKind::String {
            let mut bytes = Vec::new();
            a.write_display(&mut |t| bytes.extend_from_slice(t));
            b.write_display(&mut |t| bytes.extend_from_slice(t));
            self.text = String::from_utf8_lossy(&bytes).into_owned();
            return Ok(HostValue::Str(&self.text));
        }
        Ok(HostValue::Number(a.to_f64() + b.to_f64()))
    }
}

/// What `--stats` measures, shared between the harness and the allocator
/// the VM borrows.
#[derive(Default)]
struct Probe {
    /// The next block obtained is a call's stack (the VM obtains it first).
    armed: Cell<bool>,
    stack: Cell<Option<NonNull<u8>>>,
    stack_peak: Cell<usize>,
    ram_now: Cell<usize>,
    ram_peak: Cell<usize>,
}

/// An allocator that passes every block through to `inner` and measures
/// (see `Probe`).
struct ProbeAllocator<'a> {
    inner: &'a mut dyn Allocator,
    probe: &'a Probe,
}

// SAFETY: every block comes from `inner`, which upholds the contract, and
// goes back to it unchanged.
unsafe impl Allocator for ProbeAllocator<'_> {
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        let block = self.inner.allocate(size)?;
        let p = self.probe;
        p.ram_now.set(p.ram_now.get() + size);
        p.ram_peak.set(p.ram_peak.get().max(p.ram_now.get()));
        if p.armed.replace(false) {
            p.stack.set(Some(block));
        }
        Some(block)
    }

    unsafe fn release(&mut self, ptr: NonNull<u8>, size: usize) {
        let p = self.probe;
        if p.stack.get() == Some(ptr) {
            p.stack.set(None);
            // SAFETY: the VM gives back a block it obtained from `allocate`
            // with this size, and nothing uses it until it is released below.
            let bytes = unsafe { std::slice::from_raw_parts(ptr.as_ptr(), size) };
            let written = bytes
                .chunks(2)
                .rposition(|w| w.iter().any(|&b| b != 0))
                .map_or(0, |i| (i + 1) * 2);
            p.stack_peak.set(p.stack_peak.get().max(written));
        }
        p.ram_now.set(p.ram_now.get() - size);
        // SAFETY: forwarded from the caller, who got `ptr` from `allocate`,
        // that is from `inner`.
        unsafe { self.inner.release(ptr, size) }
    }

    fn heap_limit(&self) -> usize {
        self.inner.heap_limit()
    }
}

/// One call of export 1 with `args`, checked against `expected`.
#[inline(always)]
fn call_once(
    vm: &mut Vm<'_>,
    host: &mut SpeedHost,
    args: &[HostValue<'_>],
    expected: f64,
) -> Result<(), String> {
    match vm.call_export(host, 1, args) {
        Ok(()) => {
            let r = vm.result();
            if r.kind() == ValueKind::Number && r.to_f64() == expected {
                Ok(())
            } else {
                let mut text = Vec::new();
                r.write_display(&mut |t| text.extend_from_slice(t));
                Err(format!(
                    "wrong result {} (expected {expected})",
                    String::from_utf8_lossy(&text)
                ))
            }
        }
        Err(CallError::Uncaught) => {
            let mut text = Vec::new();
            vm.exception()
                .write_display(&mut |t| text.extend_from_slice(t));
            Err(format!("Uncaught {}", String::from_utf8_lossy(&text)))
        }
        Err(CallError::NoSuchExport(id)) => Err(format!("no export with id {id}")),
        Err(CallError::Fatal(e)) => Err(format!("fatal: {}", e.message())),
    }
}

/// The measured calls: callgrind counts this function alone
/// (`--toggle-collect=vium_speed_measured`), so its name must not change.
#[no_mangle]
#[inline(never)]
pub fn vium_speed_measured(
    vm: &mut Vm<'_>,
    host: &mut SpeedHost,
    args: &[HostValue<'_>],
    calls: u64,
    expected: f64,
) -> Result<(), String> {
    for _ in 0..calls {
        call_once(vm, host, args, expected)?;
    }
    Ok(())
}

/// What the command line asks for besides the workload file.
#[derive(Default)]
struct Options {
    repeat: u64,
    samples: usize,
    expect: Option<f64>,
    arg: Option<f64>,
    stats: bool,
    ram: Option<usize>,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: speed WORKLOAD.js [--repeat N] [--time SAMPLES] [--expect NUMBER] \
         [--arg NUMBER] [--stats] [--ram BYTES]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut o = Options {
        repeat: 1,
        ..Options::default()
    };
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1);
        match args[i].as_str() {
            "--repeat" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => o.repeat = n,
                None => return usage(),
            },
            "--time" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => o.samples = n,
                None => return usage(),
            },
            "--expect" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => o.expect = Some(n),
                None => return usage(),
            },
            "--arg" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => o.arg = Some(n),
                None => return usage(),
            },
            "--ram" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => o.ram = Some(n),
                None => return usage(),
            },
            "--stats" => {
                o.stats = true;
                i += 1;
                continue;
            }
            a if !a.starts_with("--") && file.is_none() => {
                file = Some(a.to_string());
                i += 1;
                continue;
            }
            _ => return usage(),
        }
        i += 2;
    }
    let Some(file) = file else { return usage() };
    match run(&file, &o) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("speed: {file}: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(file: &str, o: &Options) -> Result<String, String> {
    let source = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let expected = match o.expect {
        Some(n) => n,
        None => source
            .lines()
            .find_map(|l| l.strip_prefix("// expect:"))
            .and_then(|v| v.trim().parse().ok())
            .ok_or("no `// expect: NUMBER` line (or --expect)")?,
    };
    let mut host = SpeedHost {
        text: String::new(),
    };
    let image = driver::build_file(Path::new(file), &mut host).map_err(|e| e.to_string())?;
    let mut std_alloc = StdAllocator;
    let mut buffer = vec![0u8; o.ram.unwrap_or(0)];
    let mut arena = ArenaAllocator::new(&mut buffer);
    let inner: &mut dyn Allocator = match o.ram {
        Some(_) => &mut arena,
        None => &mut std_alloc,
    };
    let probe = Probe::default();
    let mut probed = ProbeAllocator {
        inner,
        probe: &probe,
    };
    let alloc: &mut dyn Allocator = if o.stats { &mut probed } else { probed.inner };
    let mut vm = Vm::restore(&image, alloc, &host)
        .map_err(|e| format!("cannot restore: {}", e.message()))?;
    let args: &[HostValue<'_>] = match o.arg {
        Some(n) => &[HostValue::Number(n)],
        None => &[],
    };
    probe.armed.set(o.stats);
    call_once(&mut vm, &mut host, args, expected)?;
    if o.stats {
        // Each call's stack is probed: the first block a call obtains.
        for _ in 0..o.repeat {
            probe.armed.set(true);
            call_once(&mut vm, &mut host, args, expected)?;
        }
        probe.armed.set(false);
    } else {
        vium_speed_measured(&mut vm, &mut host, args, o.repeat, expected)?;
    }
    let mut line = format!(
        "ok {file} result={expected} calls={} image={}",
        o.repeat,
        image.len()
    );
    if o.samples > 0 {
        let mut batch: u64 = 1;
        loop {
            let t = Instant::now();
            vium_speed_measured(&mut vm, &mut host, args, batch, expected)?;
            if t.elapsed().as_millis() >= 20 {
                break;
            }
            batch *= 2;
        }
        let mut times: Vec<f64> = Vec::with_capacity(o.samples);
        for _ in 0..o.samples {
            let t = Instant::now();
            vium_speed_measured(&mut vm, &mut host, args, batch, expected)?;
            times.push(t.elapsed().as_nanos() as f64 / batch as f64);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let median = times[o.samples / 2];
        line.push_str(&format!(
            " wall_ns_per_call={median:.0} samples={} batch={batch}",
            o.samples
        ));
    }
    if o.stats {
        line.push_str(&format!(
            " heap_peak={} stack_peak={} ram_peak={}",
            vm.memory_stats().heap_peak,
            probe.stack_peak.get(),
            probe.ram_peak.get() + vm.memory_stats().vm_struct
        ));
    }
    Ok(line)
}
