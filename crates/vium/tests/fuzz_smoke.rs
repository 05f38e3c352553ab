//! The fuzz targets' logic (`fuzz/src/lib.rs`) on stable, without
//! libFuzzer: every seed, then a few thousand deterministic mutations of
//! them (a fixed-seed xorshift). Nothing may panic. A failing input is
//! saved under `target/fuzz-smoke-failures/` and can be replayed with
//! `cargo +nightly fuzz run <target> <file>`.
//!
//! Seeds: images built from `tests/scripts/*.js` and the committed corpus
//! `fuzz/corpus/restore_run/`; sources from `tests/scripts/*.js` (also the
//! `compile` target's seed corpus). `VIUM_FUZZ_SMOKE_CASES=N` changes the number of
//! mutations per target (default 3000). Inputs the fuzzers found are kept
//! in `fuzz/regressions/<target>/` and replayed by `fuzz_regressions`.

#[path = "../../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_logic;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(Path::new(ROOT).join(dir)) {
        Ok(d) => d
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn scripts() -> Vec<PathBuf> {
    files("tests/scripts")
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect()
}

struct Quiet;
impl vium_vm::Host for Quiet {
    fn write(&mut self, _: &[u8]) {}
    fn call<'s>(
        &'s mut self,
        vm: &mut vium_vm::Vm<'_>,
        id: u16,
        call: vium_vm::HostCall,
    ) -> Result<vium_vm::HostValue<'s>, vium_vm::HostError<'s>> {
        let _ = (vm, id, call);
        Err(vium_vm::HostError::Error("no imports at build time"))
    }
}

fn image_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for script in scripts() {
        if let Ok(image) = vium_compiler::driver::build_file(&script, &mut Quiet) {
            seeds.push(image);
        }
    }
    for f in files("fuzz/corpus/restore_run") {
        seeds.push(std::fs::read(f).unwrap());
    }
    assert!(seeds.len() > 10, "too few image seeds: {}", seeds.len());
    seeds
}

fn source_seeds() -> Vec<Vec<u8>> {
    let seeds: Vec<Vec<u8>> = scripts()
        .into_iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert!(seeds.len() > 10, "too few source seeds: {}", seeds.len());
    seeds
}

const INTERESTING_WORDS: [u16; 12] = [
    0x0000, 0x0001, 0x0002, 0x0003, 0x0005, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF, 0x0FFF, 0x6004, 0x9FFF,
];

/// One random edit of `data`; `other` is another seed for splicing.
fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, other: &[u8]) {
    let len = data.len();
    match rng.below(9) {
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            data[i] = [0x00, 0x01, 0x7F, 0x80, 0xFF][rng.below(5)];
        }
        2 if len > 1 => {
            let i = rng.below(len - 1);
            let w = INTERESTING_WORDS[rng.below(INTERESTING_WORDS.len())];
            data[i..i + 2].copy_from_slice(&w.to_le_bytes());
        }
        3 => {
            let i = rng.below(len + 1);
            data.insert(i, rng.next() as u8);
        }
        4 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below((len - i).min(16));
            data.drain(i..i + n);
        }
        5 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below((len - i).min(32));
            let chunk = data[i..i + n].to_vec();
            let at = rng.below(len + 1);
            data.splice(at..at, chunk);
        }
        6 if !other.is_empty() => {
            let i = rng.below(other.len());
            let n = 1 + rng.below((other.len() - i).min(64));
            let at = rng.below(len + 1);
            let end = (at + n).min(len);
            data.splice(at..end, other[i..i + n].iter().copied());
        }
        7 => data.truncate(rng.below(len + 1)),
        _ if len > 0 => {
            let i = rng.below(len);
            data[i] = data[i].wrapping_add(1 + rng.below(3) as u8);
        }
        _ => data.push(rng.next() as u8),
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ";",
    ",",
    "=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "<<",
    ">>>",
    "&",
    "|",
    "^",
    "~",
    "!",
    "?",
    ":",
    "=>",
    "...",
    "?.",
    "??",
    "&&=",
    "++",
    "--",
    ".",
    " ",
    "\n",
    "function f(a, b) { return a; }",
    "let x = ",
    "const y = ",
    "var z",
    "try { ",
    "} catch (e) { ",
    "} finally { ",
    "throw ",
    "new ",
    "class A { constructor() {} }",
    "for (;;) {}",
    "while (true) {}",
    "do {} while (0)",
    "for (let i = 0; i < 1e9; i++) {}",
    "if (x) ",
    "else ",
    "switch (x) { case 1: break; default: }",
    "l: ",
    "break",
    "continue",
    "return ",
    "x.y.z",
    "a[1e9] = 1",
    "a[-1]",
    "'str'",
    "\"\\u{1F600}\"",
    "'\\uD800'",
    "`t${1}`",
    "1e308",
    "-0",
    "0x7fffffff",
    "2147483648",
    "NaN",
    "Infinity",
    "/re/g",
    "async ",
    "await ",
    "yield ",
    "import x from './m.js';",
    "export const q = 1;",
    "vmExport(1, ",
    "vmImport(2)",
    "console.log(",
    "arguments",
    "this",
    "super",
    "delete ",
    "typeof ",
    " in ",
    " instanceof ",
    "[1, 2, 3]",
    "{ a: 1, b: [2], c: { d: 3 } }",
    "x => x",
    "(function () {})()",
    "eval('1')",
    "globalThis",
    "undefined",
    "null",
    "true",
    "false",
    ".push(",
    ".length",
];

/// One random edit of a source text: a token inserted or replacing a span,
/// or a byte-level edit.
fn mutate_source(rng: &mut Rng, data: &mut Vec<u8>, other: &[u8]) {
    if rng.below(3) == 0 {
        mutate_bytes(rng, data, other);
        return;
    }
    let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
    let len = data.len();
    let at = rng.below(len + 1);
    let end = if rng.below(2) == 0 {
        at
    } else {
        (at + 1 + rng.below(8)).min(len)
    };
    data.splice(at..end, token.iter().copied());
}

fn cases() -> usize {
    std::env::var("VIUM_FUZZ_SMOKE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

/// Runs `target` on every seed and `cases()` mutations; saves and reports
/// every input that panicked.
fn smoke(
    name: &str,
    seeds: &[Vec<u8>],
    rng_seed: u64,
    mutate: fn(&mut Rng, &mut Vec<u8>, &[u8]),
    target: fn(&[u8]),
) {
    let mut rng = Rng(rng_seed);
    let mut inputs: Vec<Vec<u8>> = seeds.to_vec();
    for _ in 0..cases() {
        let mut data = seeds[rng.below(seeds.len())].clone();
        let other = &seeds[rng.below(seeds.len())];
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut data, other);
        }
        inputs.push(data);
    }
    let dir =
        Path::new(&std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| format!("{ROOT}/target")))
            .join("fuzz-smoke-failures");
    let mut failures = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("{name}-{i:05}"));
            std::fs::write(&path, input).unwrap();
            failures.push(path.display().to_string());
        }
    }
    println!("{name}: {} inputs ({} seeds)", inputs.len(), seeds.len());
    assert!(
        failures.is_empty(),
        "{name}: {} of {} inputs panicked; saved:\n  {}",
        failures.len(),
        inputs.len(),
        failures.join("\n  ")
    );
}

#[test]
fn restore_run_never_panics() {
    smoke(
        "restore_run",
        &image_seeds(),
        0x9E37_79B9_7F4A_7C15,
        mutate_bytes,
        fuzz_logic::restore_run,
    );
}

#[test]
fn compile_never_panics() {
    smoke(
        "compile",
        &source_seeds(),
        0xD1B5_4A32_D192_ED03,
        mutate_source,
        fuzz_logic::compile,
    );
}

/// The seeds themselves are valid: every image seed restores, and the
/// unmodified seed images are accepted by the target as they are.
#[test]
fn image_seeds_restore() {
    for (i, image) in image_seeds().iter().enumerate() {
        assert!(fuzz_logic::run_image(image), "image seed {i} is refused");
    }
}

/// Inputs the fuzzers found, kept in `fuzz/regressions/<target>/`: each
/// must run without a panic, except those named `*.fixme.*`, which still
/// fail today (FIXME: each is a bug to fix; then drop `.fixme` from its
/// name).
#[test]
fn fuzz_regressions() {
    let mut wrong = Vec::new();
    for (target, run) in [
        ("restore_run", fuzz_logic::restore_run as fn(&[u8])),
        ("compile", fuzz_logic::compile),
    ] {
        for f in files(&format!("fuzz/regressions/{target}")) {
            let data = std::fs::read(&f).unwrap();
            let panicked = catch_unwind(AssertUnwindSafe(|| run(&data))).is_err();
            let fixme = f.file_name().unwrap().to_string_lossy().contains(".fixme.");
            if panicked != fixme {
                wrong.push(format!(
                    "{} {}",
                    f.display(),
                    if panicked {
                        "panics"
                    } else {
                        "passes now: drop `.fixme` from its name"
                    }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
