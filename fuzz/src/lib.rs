//! The logic of the fuzz targets, kept free of `libfuzzer-sys` so that it
//! also runs on stable: `crates/vium/tests/fuzz_smoke.rs` includes this file
//! and runs it over the seed corpus and deterministic mutations.
//!
//! ```sh
//! cargo +nightly fuzz run restore_run fuzz/corpus/restore_run
//! cargo +nightly fuzz run compile target/fuzz-corpus/compile tests/scripts
//! ```
//!
//! Either function panics only on a bug: a panic inside the VM or the
//! compiler, a write outside the arena, or an image that the VM's own
//! snapshot writer produced and restore refuses.

use vium_vm::format::image_crc;
use vium_vm::{
    ArenaAllocator, CallError, HeapLimit, Host, HostCall, HostError, HostValue, StdAllocator,
};
use vium_vm::{ValueKind, Vm};

/// Instructions per call from the host.
pub const STEPS: u32 = 5_000;
/// Heap cap for run-time VMs.
pub const HEAP_LIMIT: usize = 4096;
/// VM stack for run-time calls.
pub const STACK: usize = 512;
/// Arena given to a run-time VM, between guard bytes.
const ARENA: usize = 24 * 1024;
const GUARD: usize = 32;
/// Longest source the compile target builds: the CLI's limit for a
/// script.
pub const MAX_SOURCE: usize = 16 << 20;

/// An input to the compile target that starts with this byte describes a
/// program (see [`generate`]) instead of being one.
pub const GENERATE: u8 = 0xFF;

/// Pieces of deep and long programs (see [`generate`]).
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "`${",
    "}`",
    "1",
    "a",
    ";",
    ",",
    "\n",
    "!",
    "+",
    "&&",
    "?",
    ":",
    "=",
    ".a",
    "()",
    "=>",
    "f(",
    "{a:",
    "if (1) ",
    "else ",
    "for(;;){",
    "while (0) ",
    "do ",
    "try {",
    "} finally {}",
    "} catch (e) {}",
    "function f(){",
    "class A {",
    "x => ",
    "async () => ",
    "await ",
    "typeof ",
    "new ",
    "/r/",
    "'s'",
    "`t`",
    "// c\n",
    "/* c */",
    "let a = 1;\n",
    "console.log(1);\n",
    "a = a + 1;\n",
    "x: ",
    "return ",
    "switch (a) {",
    "case 1: ",
    "Promise.resolve().then(f);",
    "while (true) {}",
    "+1",
];

/// Longest program [`generate`] makes: long enough for 60,000 lines of
/// statements, short enough that the fuzzer keeps its pace (a generated
/// input costs a fraction of a second).
pub const MAX_GENERATED: usize = 1 << 20;

/// Expands a program description: after the [`GENERATE`] byte, each
/// three bytes pick a piece and a repeat count (`count_hi * 256 +
/// count_lo`), so a small input describes up to 65,535 repetitions of each
/// piece, up to [`MAX_GENERATED`] bytes. This is how the fuzzer reaches
/// the deep nesting and the long sources that no 4 KiB input could hold.
pub fn generate(description: &[u8]) -> String {
    let mut out = String::new();
    for step in description.chunks_exact(3) {
        let piece = PIECES[step[0] as usize % PIECES.len()];
        let count = usize::from(step[1]) << 8 | usize::from(step[2]);
        if out.len() + piece.len() * count > MAX_GENERATED {
            break;
        }
        out.push_str(&piece.repeat(count));
    }
    out
}

/// The CLI's reference imports: 1 `add`, 2 `callBack(fn, ...args)`,
/// 3 `hostThrow(message)`; every other id is refused with an Error.
#[derive(Default)]
pub struct FuzzHost {
    text: String,
    written: usize,
}

impl Host for FuzzHost {
    fn write(&mut self, bytes: &[u8]) {
        self.written = self.written.wrapping_add(bytes.len());
    }
    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        match id {
            1 => Ok(HostValue::Number(
                vm.arg(&call, 0).to_f64() + vm.arg(&call, 1).to_f64(),
            )),
            2 => {
                let args: Vec<HostValue> =
                    (1..call.arg_count().min(8)).map(HostValue::Arg).collect();
                match vm.call(self, &call, 0, &args) {
                    Ok(()) => Ok(HostValue::LastResult),
                    Err(CallError::Uncaught) => Err(HostError::Propagate),
                    Err(CallError::Fatal(e)) => Err(HostError::Error(e.message())),
                    Err(CallError::NoSuchExport(_)) => Err(HostError::Error("no such export")),
                }
            }
            3 => {
                let mut bytes = Vec::new();
                vm.arg(&call, 0).write_display(&mut |b| {
                    if bytes.len() < 256 {
                        bytes.extend_from_slice(b)
                    }
                });
                self.text = String::from_utf8_lossy(&bytes).into_owned();
                Err(HostError::Error(&self.text))
            }
            _ => Err(HostError::Error("no such import")),
        }
    }
}

/// Makes the size field and the CRC agree with `image`, so that mutations
/// reach the structural validation behind them.
pub fn fix_header(image: &mut [u8]) {
    if image.len() >= 8 && image.len() <= 0xFFFF {
        let len = image.len() as u16;
        image[6..8].copy_from_slice(&len.to_le_bytes());
    }
    if image.len() >= 10 {
        let crc = image_crc(image);
        image[8..10].copy_from_slice(&crc.to_le_bytes());
    }
}

/// Reads a value the way a host would (bounded), so that reading a
/// corrupt value is exercised too.
fn touch(v: vium_vm::ValueRef<'_, '_>) {
    let _ = v.kind();
    let _ = v.to_f64();
    let _ = v.to_bool();
    let mut n = 0usize;
    v.write_display(&mut |b| n += b.len());
    let _ = (v.string_bytes(), v.bytes(), v.to_i32());
}

/// Calls every export of a restored VM (and any function it returns,
/// through a handle), then collects.
fn exercise(vm: &mut Vm<'_>, host: &mut FuzzHost) {
    vm.set_stack_size(STACK);
    let mut ids = Vec::new();
    vm.export_ids(&mut |id| ids.push(id));
    ids.truncate(16);
    for id in ids {
        let args = [
            HostValue::Number(3.0),
            HostValue::Str("ab"),
            HostValue::Number(-0.5),
        ];
        vm.set_budget(Some(STEPS));
        match vm.call_export(host, id, &args) {
            Ok(()) => {
                touch(vm.result());
                if vm.result().kind() == ValueKind::Function {
                    if let Ok(h) = vm.handle_result() {
                        let _ = vm.run_gc();
                        let _ = vm.call_handle(host, &h, &[HostValue::Handle(&h)]);
                        touch(vm.handle_value(&h));
                        vm.release(h);
                    }
                }
            }
            Err(_) => touch(vm.exception()),
        }
        let _ = vm.run_gc();
        let _ = vm.memory_stats();
    }
}

/// Restores `image` into an arena between guard bytes and runs it.
/// Returns whether restore accepted it.
pub fn run_image(image: &[u8]) -> bool {
    let mut buf = vec![0x5Au8; GUARD + ARENA + GUARD];
    let accepted;
    {
        let (front, rest) = buf.split_at_mut(GUARD);
        let (middle, back) = rest.split_at_mut(ARENA);
        let mut arena = ArenaAllocator::new(middle);
        let free = arena.free_bytes();
        {
            let mut alloc = HeapLimit::new(&mut arena, HEAP_LIMIT);
            let mut host = FuzzHost::default();
            let restored = Vm::restore(image, &mut alloc, &host);
            match restored {
                Ok(mut vm) => {
                    accepted = true;
                    exercise(&mut vm, &mut host);
                }
                Err(e) => {
                    accepted = false;
                    let _ = e.message();
                }
            }
        }
        assert_eq!(
            arena.free_bytes(),
            free,
            "the VM did not return all its memory"
        );
        assert!(front.iter().all(|b| *b == 0x5A), "write before the arena");
        assert!(back.iter().all(|b| *b == 0x5A), "write after the arena");
    }
    accepted
}

/// The `restore_run` target: `data` with its size and CRC fixed up.
pub fn restore_run(data: &[u8]) {
    let mut image = data.to_vec();
    fix_header(&mut image);
    run_image(&image);
}

/// The `compile` target: `data` as the source of `main.js`. Compiles it,
/// runs the top level on a build-time VM with a budget, snapshots it, then
/// restores the snapshot and calls its exports.
pub fn compile(data: &[u8]) {
    let generated;
    let source = match data.split_first() {
        Some((&GENERATE, description)) => {
            generated = generate(description);
            generated.as_str()
        }
        _ => match std::str::from_utf8(data) {
            Ok(source) if source.len() <= MAX_SOURCE => source,
            _ => return,
        },
    };
    let mut load = |path: &str| (path == "main.js").then(|| source.to_string());
    let Ok(build_image) = vium_compiler::compile_modules("main.js", &mut load) else {
        return;
    };
    let image = {
        let mut std_alloc = StdAllocator;
        let mut alloc = HeapLimit::new(&mut std_alloc, 16 * 1024);
        let mut host = FuzzHost::default();
        let mut vm = Vm::restore_for_build(&build_image, &mut alloc, &host)
            .unwrap_or_else(|e| panic!("the compiler wrote an image restore refuses: {e:?}"));
        vm.set_budget(Some(STEPS * 4));
        vm.set_stack_size(4096);
        match vm.call_export(&mut host, vium_compiler::ENTRY_EXPORT_ID, &[]) {
            Ok(()) => {}
            Err(CallError::Uncaught) => {
                touch(vm.exception());
                return;
            }
            Err(_) => return,
        }
        match vm.snapshot() {
            Ok(image) => image,
            Err(_) => return,
        }
    };
    assert!(run_image(&image), "restore refused a snapshot the VM wrote");
}
