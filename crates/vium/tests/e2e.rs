//! End-to-end tests: every `tests/scripts/*.js` is run both by the `vium` CLI
//! (`vium run SCRIPT [--call ID ARG...]`) and by Node through
//! `tests/node-shim.mjs`, and both must produce exactly the output recorded in
//! the script's header.
//!
//! Header format (leading `//` comment lines; the header ends at the first line
//! that is not a `//` comment):
//!
//! ```text
//! // test: one-line description              (required)
//! // call: ID [ARG...]                        (optional; ARGs are JSON tokens)
//! // output:                                  (required)
//! // | expected stdout line                   (zero or more, after `output:`)
//! // output-wrapping:                         (optional, after the output lines:
//! // | expected stdout line                    what vium prints when built without
//! //                                            `overflow-checks`; Node ignores it)
//! // requires: overflow-checks               (optional: vium skips the script
//! //                                            when built without that feature)
//! // uncaught: Error: boom                    (optional; stderr is then
//! //                                           `Uncaught Error: boom` and the
//! //                                           exit status 1)
//! ```
//!
//! A bare `//` line inside the header is ignored; any other line is an error.
//! `// |` on its own denotes an empty output line.
//!
//! Set `VIUM_E2E_FILTER=substring` to run only the scripts whose file name
//! contains `substring`. Files in subdirectories (modules imported by the
//! scripts) are not tests themselves. Scripts in `tests/wishlist/` document
//! what does not work yet: their expectation must hold under Node and fail
//! under vium (one that passes must be promoted to `tests/scripts/`).

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Test script directories, relative to the workspace root.
const SCRIPTS_DIR: &str = "tests/scripts";
const WISHLIST_DIR: &str = "tests/wishlist";
/// Relative to the workspace root, which is the working directory of every run.
const NODE_SHIM: &str = "tests/node-shim.mjs";
const WORKSPACE_ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const VIUM: &str = env!("CARGO_BIN_EXE_vium");
/// A script that runs longer than this is killed and reported as a failure.
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Default)]
struct Header {
    description: String,
    /// The export id followed by the raw argument tokens.
    call: Option<(String, Vec<String>)>,
    output: Vec<String>,
    /// Expected stdout of vium built without `overflow-checks` (int32
    /// arithmetic wraps like C), when it differs from `output`. Node always
    /// checks `output`.
    output_wrapping: Option<Vec<String>>,
    /// `requires: overflow-checks`: vium runs the script only when built
    /// with that feature (the builtin library assumes JavaScript's int32
    /// overflow semantics).
    requires_overflow_checks: bool,
    uncaught: Option<String>,
}

/// Parses the `//` comment header at the top of a test script.
fn parse_header(source: &str) -> Result<Header, String> {
    let mut header = Header::default();
    let mut seen_test = false;
    let mut seen_output = false;
    for (index, line) in source.lines().enumerate() {
        let line_no = index + 1;
        let Some(rest) = line.strip_prefix("//") else {
            break;
        };
        let err = |msg: &str| Err(format!("line {line_no}: {msg}: {line:?}"));
        if rest.trim().is_empty() {
            continue;
        }
        let Some(rest) = rest.strip_prefix(' ') else {
            return err("expected a space after `//`");
        };
        if let Some(text) = rest.strip_prefix('|') {
            if !seen_output {
                return err("`|` output line before `output:`");
            }
            let block = match &mut header.output_wrapping {
                Some(lines) => lines,
                None => &mut header.output,
            };
            if text.is_empty() {
                block.push(String::new());
            } else if let Some(text) = text.strip_prefix(' ') {
                block.push(text.to_string());
            } else {
                return err("expected `| ` (bar, space) before the output text");
            }
        } else if let Some(value) = rest.strip_prefix("test:") {
            if seen_test {
                return err("duplicate `test:`");
            }
            let value = value.trim();
            if value.is_empty() {
                return err("empty `test:` description");
            }
            seen_test = true;
            header.description = value.to_string();
        } else if let Some(value) = rest.strip_prefix("call:") {
            if header.call.is_some() {
                return err("only one `call:` is allowed");
            }
            let mut tokens =
                tokenize_call(value).map_err(|e| format!("line {line_no}: {e}: {line:?}"))?;
            if tokens.is_empty() {
                return err("`call:` needs an export id");
            }
            let id = tokens.remove(0);
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
                return err("the export id must be a non-negative integer");
            }
            header.call = Some((id, tokens));
        } else if let Some(value) = rest.strip_prefix("requires:") {
            if value.trim() != "overflow-checks" {
                return err("the only requirement is `requires: overflow-checks`");
            }
            header.requires_overflow_checks = true;
        } else if let Some(value) = rest.strip_prefix("output-wrapping:") {
            if !seen_output || header.output_wrapping.is_some() {
                return err("`output-wrapping:` comes once, after `output:`");
            }
            if !value.trim().is_empty() {
                return err("`output-wrapping:` must be alone on its line");
            }
            header.output_wrapping = Some(Vec::new());
        } else if let Some(value) = rest.strip_prefix("output:") {
            if seen_output {
                return err("duplicate `output:`");
            }
            if !value.trim().is_empty() {
                return err("`output:` must be alone on its line (put lines below as `// | text`)");
            }
            seen_output = true;
        } else if let Some(value) = rest.strip_prefix("uncaught:") {
            if header.uncaught.is_some() {
                return err("duplicate `uncaught:`");
            }
            let value = value.strip_prefix(' ').unwrap_or(value);
            if value.trim().is_empty() {
                return err("empty `uncaught:` value");
            }
            header.uncaught = Some(value.to_string());
        } else {
            return err("unknown header line (expected `test:`, `call:`, `output:`, `| ...` or `uncaught:`)");
        }
    }
    if !seen_test {
        return Err("missing `// test: ...` line".into());
    }
    if !seen_output {
        return Err("missing `// output:` line".into());
    }
    Ok(header)
}

/// Splits the arguments of a `call:` line on whitespace, keeping JSON string
/// tokens (which may contain spaces and escapes) intact, quotes included.
fn tokenize_call(text: &str) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut token = String::new();
        if c == '"' {
            token.push(chars.next().unwrap());
            let mut closed = false;
            while let Some(c) = chars.next() {
                token.push(c);
                if c == '\\' {
                    match chars.next() {
                        Some(escaped) => token.push(escaped),
                        None => break,
                    }
                } else if c == '"' {
                    closed = true;
                    break;
                }
            }
            if !closed {
                return Err("unterminated string in `call:`".into());
            }
            if chars.peek().is_some_and(|c| !c.is_whitespace()) {
                return Err("a quoted `call:` argument must be followed by a space".into());
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                token.push(c);
                chars.next();
            }
        }
        tokens.push(token);
    }
    Ok(tokens)
}

struct Outcome {
    status: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

/// Runs a command with a timeout, capturing stdout and stderr.
fn run(mut command: Command) -> Result<Outcome, String> {
    command
        .current_dir(WORKSPACE_ROOT)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    let mut stdout_pipe = child.stdout.take().unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    let stdout_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut buf);
        buf
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIMEOUT => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().map_err(|e| e.to_string())?;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for {command:?}: {e}")),
        }
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    Ok(Outcome {
        status: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        timed_out,
    })
}

fn indent(text: &str) -> String {
    if text.is_empty() {
        return "    (empty)\n".to_string();
    }
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, true),
            None => (line, false),
        };
        out.push_str("    | ");
        out.push_str(body);
        if !newline {
            out.push_str("⏎ (no trailing newline)");
        }
        out.push('\n');
    }
    out
}

/// Compares a run against the header; returns a description of every mismatch.
fn check(header: &Header, outcome: &Outcome, runner: &str) -> Option<String> {
    let lines = match &header.output_wrapping {
        Some(wrapping) if runner == "vium" && !cfg!(feature = "overflow-checks") => wrapping,
        _ => &header.output,
    };
    let expected_stdout: String = lines.iter().map(|line| format!("{line}\n")).collect();
    let expected_stderr = match &header.uncaught {
        Some(value) => format!("Uncaught {value}\n"),
        None => String::new(),
    };
    let expected_status = if header.uncaught.is_some() { 1 } else { 0 };
    let mut report = String::new();
    if outcome.timed_out {
        let _ = writeln!(report, "  timed out after {TIMEOUT:?} (killed)");
    }
    if outcome.status != Some(expected_status) {
        let actual = match outcome.status {
            Some(code) => code.to_string(),
            None => "none (killed by a signal)".to_string(),
        };
        let _ = writeln!(
            report,
            "  exit status: expected {expected_status}, got {actual}"
        );
    }
    if outcome.stdout != expected_stdout {
        let expected_lines: Vec<&str> = expected_stdout.lines().collect();
        let actual_lines: Vec<&str> = outcome.stdout.lines().collect();
        let first_diff = expected_lines
            .iter()
            .zip(&actual_lines)
            .position(|(e, a)| e != a)
            .unwrap_or(expected_lines.len().min(actual_lines.len()));
        let _ = writeln!(
            report,
            "  stdout differs (first difference at line {}):",
            first_diff + 1
        );
        let _ = write!(report, "  expected stdout:\n{}", indent(&expected_stdout));
        let _ = write!(report, "  actual stdout:\n{}", indent(&outcome.stdout));
    }
    if outcome.stderr != expected_stderr {
        let _ = write!(report, "  expected stderr:\n{}", indent(&expected_stderr));
        let _ = write!(report, "  actual stderr:\n{}", indent(&outcome.stderr));
    }
    if report.is_empty() {
        None
    } else {
        Some(report)
    }
}

/// Renders an argv as a shell command line, quoting where needed.
fn shell_words(argv: &[String]) -> String {
    argv.iter()
        .map(|arg| {
            if !arg.is_empty()
                && arg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=+:,@".contains(c))
            {
                arg.clone()
            } else {
                format!("'{}'", arg.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn discover_scripts(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(WORKSPACE_ROOT).join(dir);
    let dir = dir.as_path();
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut scripts: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "js"))
        .collect();
    scripts.sort();
    scripts
}

fn require_node() {
    let found = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|status| status.success())
        .unwrap_or(false);
    if !found {
        panic!(
            "the e2e tests need Node.js (>= 20) as the reference implementation, \
             but `node --version` could not be run; install Node.js and make sure \
             `node` is on PATH"
        );
    }
}

/// Runs one script under both runners; returns the failure reports as
/// (runner, report) pairs, the runner being `vium`, `node` or `header`.
fn run_script(dir: &str, path: &Path) -> Vec<(&'static str, String)> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(e) => return vec![("header", format!("{name}: cannot read script: {e}\n"))],
    };
    let header = match parse_header(&source) {
        Ok(header) => header,
        Err(e) => return vec![("header", format!("{name}: malformed header: {e}\n"))],
    };
    let mut call_args = Vec::new();
    if let Some((id, args)) = &header.call {
        call_args.push("--call".to_string());
        call_args.push(id.clone());
        call_args.extend(args.iter().cloned());
    }

    // Commands run from the workspace root, so the script path is relative to it.
    let script = format!("{dir}/{name}");
    let vium: Vec<String> = [VIUM, "run", &script]
        .iter()
        .map(|s| s.to_string())
        .chain(call_args.iter().cloned())
        .collect();
    let node: Vec<String> = ["node", NODE_SHIM, &script]
        .iter()
        .map(|s| s.to_string())
        .chain(call_args.iter().cloned())
        .collect();

    let mut failures = Vec::new();
    for (runner, argv) in [("vium", vium), ("node", node)] {
        if runner == "vium" && header.requires_overflow_checks && !cfg!(feature = "overflow-checks")
        {
            continue;
        }
        let command_line = shell_words(&argv);
        let mut command = Command::new(&argv[0]);
        command.args(&argv[1..]);
        let problem = match run(command) {
            Ok(outcome) => check(&header, &outcome, runner),
            Err(e) => Some(format!("  {e}\n")),
        };
        if let Some(problem) = problem {
            failures.push((
                runner,
                format!(
                    "{name} [{runner}] -- {}\n  command: {command_line}\n{problem}",
                    header.description
                ),
            ));
        }
    }
    failures
}

/// The end-to-end suite: every script in tests/scripts must pass under both runners.
#[test]
fn e2e_scripts() {
    run_suite(SCRIPTS_DIR);
}

/// Scripts for what does not work yet: each must pass under Node (its
/// expectation is right) and fail under vium. A wishlist script that passes
/// under vium fails this test, so that it is promoted to `tests/scripts/`.
#[test]
fn e2e_wishlist() {
    require_node();
    let scripts = discover_scripts(WISHLIST_DIR);
    let mut problems = String::new();
    for path in &scripts {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let failures = run_script(WISHLIST_DIR, path);
        let mut vium_failed = false;
        for (runner, report) in &failures {
            if *runner == "vium" {
                vium_failed = true;
            } else {
                problems.push_str(report);
                problems.push('\n');
            }
        }
        if !vium_failed && failures.is_empty() {
            let _ = writeln!(
                problems,
                "{name} passes under vium: promote {WISHLIST_DIR}/{name} to {SCRIPTS_DIR}/\n"
            );
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
    println!(
        "e2e {WISHLIST_DIR}: {} scripts, all still failing under vium",
        scripts.len()
    );
}

fn run_suite(dir: &str) {
    require_node();
    let filter = std::env::var("VIUM_E2E_FILTER")
        .ok()
        .filter(|f| !f.is_empty());
    let scripts: Vec<PathBuf> = discover_scripts(dir)
        .into_iter()
        .filter(|path| match &filter {
            Some(filter) => path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .contains(filter.as_str()),
            None => true,
        })
        .collect();
    assert!(
        !scripts.is_empty(),
        "no e2e scripts found in {dir} (filter: {filter:?})"
    );

    let next = AtomicUsize::new(0);
    type Failures = Vec<(&'static str, String)>;
    let results: Mutex<Vec<(usize, Failures)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(4)
        .clamp(1, 8);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(path) = scripts.get(index) else {
                    break;
                };
                let failures = run_script(dir, path);
                results.lock().unwrap().push((index, failures));
            });
        }
    });

    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(index, _)| *index);
    let failed_scripts: Vec<&(usize, Failures)> =
        results.iter().filter(|(_, f)| !f.is_empty()).collect();
    let passed = results.len() - failed_scripts.len();
    let summary = format!(
        "e2e {dir}: {passed} passed, {} failed ({} scripts)",
        failed_scripts.len(),
        results.len()
    );
    if failed_scripts.is_empty() {
        println!("{summary}");
        return;
    }
    let mut report = String::new();
    for (_, failures) in &failed_scripts {
        for (_, failure) in failures {
            report.push_str(failure);
            report.push('\n');
        }
    }
    let failed_names: Vec<String> = failed_scripts
        .iter()
        .map(|(index, failures)| {
            let name = scripts[*index]
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let runners: Vec<&str> = failures.iter().map(|(runner, _)| *runner).collect();
            format!("{name} ({})", runners.join(", "))
        })
        .collect();
    panic!("\n{report}failed: {}\n{summary}", failed_names.join(", "));
}

#[test]
fn header_parser() {
    let header = parse_header(
        "// test: demo\n// call: 3 5 \"a b\" x\n// output:\n// | one\n// |\n// uncaught: Error: boom\ncode();\n// | not header\n",
    )
    .unwrap();
    assert_eq!(header.description, "demo");
    assert_eq!(
        header.call,
        Some((
            "3".to_string(),
            vec!["5".into(), "\"a b\"".into(), "x".into()]
        ))
    );
    assert_eq!(header.output, vec!["one".to_string(), String::new()]);
    assert_eq!(header.uncaught.as_deref(), Some("Error: boom"));

    assert!(parse_header("// output:\n").is_err(), "missing test:");
    assert!(parse_header("// test: x\n").is_err(), "missing output:");
    assert!(parse_header("// test: x\n// | early\n// output:\n").is_err());
    assert!(parse_header("// test: x\n// output:\n// |nospace\n").is_err());
    assert!(parse_header("// test: x\n// outptu:\n").is_err());
    assert!(parse_header("// test: x\n// call: a\n// output:\n").is_err());
    assert!(parse_header("// test: x\n// call: 1 \"open\n// output:\n").is_err());
    assert!(parse_header("// test: x\n// call: 1\n// call: 2\n// output:\n").is_err());
}
