//! `speed WORKLOAD.js [--repeat N] [--time SAMPLES] [--expect NUMBER]`
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
//! Every call's result must be the number on the workload's
//! `// expect: NUMBER` line (or `--expect`); anything else, an uncaught
//! exception included, exits 1. Prints one line:
//! `ok FILE result=R calls=N [wall_ns_per_call=T samples=S batch=B]`.
//!
//! The host provides import 1, `add(a, b)`, as the CLI host and
//! `tests/node-shim.mjs` do; `console.log` output is discarded.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use vium_compiler::driver;
use vium_vm::{CallError, Host, HostCall, HostError, HostValue, StdAllocator, ValueKind, Vm};

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

/// One call of export 1, checked against `expected`.
#[inline(always)]
fn call_once(vm: &mut Vm<'_>, host: &mut SpeedHost, expected: f64) -> Result<(), String> {
    match vm.call_export(host, 1, &[]) {
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
    calls: u64,
    expected: f64,
) -> Result<(), String> {
    for _ in 0..calls {
        call_once(vm, host, expected)?;
    }
    Ok(())
}

fn usage() -> ExitCode {
    eprintln!("usage: speed WORKLOAD.js [--repeat N] [--time SAMPLES] [--expect NUMBER]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut repeat: u64 = 1;
    let mut samples: usize = 0;
    let mut expect: Option<f64> = None;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1);
        match args[i].as_str() {
            "--repeat" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => repeat = n,
                None => return usage(),
            },
            "--time" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => samples = n,
                None => return usage(),
            },
            "--expect" => match value.and_then(|v| v.parse().ok()) {
                Some(n) => expect = Some(n),
                None => return usage(),
            },
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
    match run(&file, repeat, samples, expect) {
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

fn run(file: &str, repeat: u64, samples: usize, expect: Option<f64>) -> Result<String, String> {
    let source = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let expected = match expect {
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
    let mut alloc = StdAllocator;
    let mut vm = Vm::restore(&image, &mut alloc, &host)
        .map_err(|e| format!("cannot restore: {}", e.message()))?;
    call_once(&mut vm, &mut host, expected)?;
    vium_speed_measured(&mut vm, &mut host, repeat, expected)?;
    let mut line = format!("ok {file} result={expected} calls={repeat}");
    if samples > 0 {
        let mut batch: u64 = 1;
        loop {
            let t = Instant::now();
            vium_speed_measured(&mut vm, &mut host, batch, expected)?;
            if t.elapsed().as_millis() >= 20 {
                break;
            }
            batch *= 2;
        }
        let mut times: Vec<f64> = Vec::with_capacity(samples);
        for _ in 0..samples {
            let t = Instant::now();
            vium_speed_measured(&mut vm, &mut host, batch, expected)?;
            times.push(t.elapsed().as_nanos() as f64 / batch as f64);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let median = times[samples / 2];
        line.push_str(&format!(
            " wall_ns_per_call={median:.0} samples={samples} batch={batch}"
        ));
    }
    Ok(line)
}
