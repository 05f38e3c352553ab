//! Coverage: running every end-to-end script must execute every opcode of
//! the instruction table at least once (a coverage table in the spirit of
//! Microvium's), and call every builtin at least once. Needs the `coverage`
//! feature: `cargo test -p vium --features coverage --test coverage`.
#![cfg(feature = "coverage")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use vium_vm::{CallError, Host, HostCall, HostError, HostValue, Op, StdAllocator, Vm};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The `call:` line of a script header, split like the e2e harness does
/// for the simple cases used here.
fn call_args(source: &str) -> Vec<String> {
    for line in source.lines().take_while(|l| l.starts_with("//")) {
        if let Some(rest) = line.strip_prefix("// call:") {
            let mut args = vec!["--call".to_string()];
            let mut rest = rest.trim();
            while !rest.is_empty() {
                if rest.starts_with('"') {
                    let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
                    args.push(rest[..end].to_string());
                    rest = rest[end..].trim_start();
                } else {
                    let end = rest.find(' ').unwrap_or(rest.len());
                    args.push(rest[..end].to_string());
                    rest = rest[end..].trim_start();
                }
            }
            return args;
        }
    }
    Vec::new()
}

/// What running every script of the suite (once per test process) wrote
/// to the coverage file.
fn suite_coverage() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(run_suite)
}

fn run_suite() -> String {
    let counts = std::env::temp_dir().join(format!("vium-coverage-{}.txt", std::process::id()));
    let _ = std::fs::remove_file(&counts);
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(root().join("tests/scripts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    scripts.sort();
    assert!(scripts.len() > 40, "the suite is missing");
    for script in &scripts {
        let source = std::fs::read_to_string(script).unwrap();
        Command::new(env!("CARGO_BIN_EXE_vium"))
            .arg("run")
            .arg(script)
            .args(call_args(&source))
            .current_dir(root())
            .env("VIUM_COVERAGE_FILE", &counts)
            .output()
            .unwrap();
    }
    let text = std::fs::read_to_string(&counts).unwrap_or_default();
    let _ = std::fs::remove_file(&counts);
    text
}

#[test]
fn the_end_to_end_suite_executes_every_opcode() {
    let mut hits: BTreeMap<String, u64> = BTreeMap::new();
    for line in suite_coverage().lines() {
        if line.starts_with("builtin ") {
            continue;
        }
        if let Some((name, n)) = line.split_once(' ') {
            *hits.entry(name.to_string()).or_default() += n.parse::<u64>().unwrap_or(0);
        }
    }
    let missing: Vec<&str> = Op::ALL
        .iter()
        .map(|op| op.name())
        .filter(|n| !hits.contains_key(*n))
        .collect();
    println!(
        "opcode coverage: {} of {} opcodes executed",
        Op::ALL.len() - missing.len(),
        Op::ALL.len()
    );
    assert!(
        missing.is_empty(),
        "opcodes never executed by tests/scripts: {missing:?}"
    );
}

/// A host for the build-time run of an empty script (which calls none).
struct NoHost;

impl Host for NoHost {
    fn write(&mut self, _bytes: &[u8]) {}
    fn call<'s>(
        &'s mut self,
        _vm: &mut Vm<'_>,
        _id: u16,
        _call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Err(HostError::Error("no host functions"))
    }
}

/// Every builtin, read from the library itself: the build-time VM of an
/// empty script, after the prelude ran and before a snapshot prunes it.
fn all_builtins() -> Vec<String> {
    // What `vium_compiler::driver::build_modules` compiles for a script:
    // the prelude, then the script (here none).
    let image = vium_compiler::compile_modules("vium-build.js", &mut |path| match path {
        "vium-build.js" => Some("import './vium-prelude.js';\n".to_string()),
        "vium-prelude.js" => Some(vium_compiler::driver::PRELUDE.to_string()),
        _ => None,
    })
    .expect("the prelude compiles");
    let mut alloc = StdAllocator;
    let mut host = NoHost;
    let mut vm =
        Vm::restore_for_build(&image, &mut alloc, &host).expect("the build image restores");
    match vm.call_export(&mut host, vium_compiler::ENTRY_EXPORT_ID, &[]) {
        Ok(()) => {}
        Err(CallError::Uncaught) => panic!("the prelude threw"),
        Err(e) => panic!("the prelude failed: {e:?}"),
    }
    vium_vm::coverage::builtin_names(&vm)
}

#[test]
fn the_end_to_end_suite_calls_every_builtin() {
    let all = all_builtins();
    assert!(
        all.iter().any(|n| n == "Array.prototype.map") && all.iter().any(|n| n == "Promise.all"),
        "the builtin list is incomplete: {all:?}"
    );
    let called: BTreeSet<&str> = suite_coverage()
        .lines()
        .filter_map(|l| l.strip_prefix("builtin "))
        .collect();
    let missing: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|n| !called.contains(n))
        .collect();
    println!(
        "builtin coverage: {} of {} builtins called",
        all.len() - missing.len(),
        all.len()
    );
    assert!(
        missing.is_empty(),
        "builtins never called by tests/scripts: {missing:?}"
    );
}
