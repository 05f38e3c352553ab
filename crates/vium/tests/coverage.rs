//! Opcode coverage: running every end-to-end script must execute every
//! opcode of the instruction table at least once (a coverage table in the
//! spirit of Microvium's). Needs the `coverage` feature:
//! `cargo test -p vium --features coverage --test coverage`.
#![cfg(feature = "coverage")]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use vium_vm::Op;

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

#[test]
fn the_end_to_end_suite_executes_every_opcode() {
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
    let mut hits: BTreeMap<String, u64> = BTreeMap::new();
    for line in std::fs::read_to_string(&counts).unwrap_or_default().lines() {
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
