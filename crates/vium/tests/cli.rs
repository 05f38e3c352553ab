//! The CLI contract: exit statuses, messages, and the build → image → run
//! round trip through files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn vium(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vium"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the vium binary runs")
}

/// Runs `vium` with `args`, failing the test if it has not exited within
/// `seconds` (so a hang fails instead of blocking the suite).
fn vium_within(seconds: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vium"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the vium binary runs");
    // Drained while it runs, so that a full pipe cannot stall it.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(seconds) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`vium {}` did not finish within {seconds} s",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout read"),
        stderr: stderr.join().expect("stderr read"),
    }
}

/// Writes `source` to a temporary script and returns its path as text.
fn script(name: &str, source: impl AsRef<[u8]>) -> String {
    let path = temp(name);
    std::fs::write(&path, source).unwrap();
    path.display().to_string()
}

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vium-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn hello_prints_from_the_restored_image() {
    let out = vium(&["run", "examples/hello.js", "--call", "1"]);
    assert_eq!(text(&out.stdout), "Hello, World!\nHello, World!\n");
    assert!(out.status.success());
}

#[test]
fn built_image_runs_on_a_fresh_vm_with_arguments() {
    let image = temp("counter.vbc");
    let out = vium(&[
        "build",
        "examples/counter.js",
        "-o",
        image.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "count is now 101\n");
    // Each run restores the image afresh: the build-time state, not the last run's.
    for _ in 0..2 {
        let out = vium(&["run", image.to_str().unwrap(), "--call", "1", "5"]);
        assert_eq!(text(&out.stdout), "count is now 106\n");
    }
}

#[test]
fn corrupt_images_are_refused_with_a_message() {
    let image = temp("hello.vbc");
    assert!(
        vium(&["build", "examples/hello.js", "-o", image.to_str().unwrap()])
            .status
            .success()
    );
    let bytes = std::fs::read(&image).unwrap();

    let truncated = temp("truncated.vbc");
    std::fs::write(&truncated, &bytes[..bytes.len() - 3]).unwrap();
    let out = vium(&["run", truncated.to_str().unwrap(), "--call", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("truncated"),
        "{}",
        text(&out.stderr)
    );

    let flipped = temp("flipped.vbc");
    let mut bad = bytes.clone();
    let last = bad.len() - 5;
    bad[last] ^= 0x10;
    std::fs::write(&flipped, &bad).unwrap();
    let out = vium(&["run", flipped.to_str().unwrap(), "--call", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("checksum"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_usage_exits_2_with_help() {
    let out = vium(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage"), "{}", text(&out.stderr));
    let out = vium(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_export_is_an_error() {
    let out = vium(&["run", "examples/hello.js", "--call", "9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no export with id 9"));
}

#[test]
fn bad_call_ids_and_arguments_are_bad_usage() {
    for (call, says) in [
        (&["one"][..], "numeric export id"),
        (&["abc"], "numeric export id"),
        (&["-1"], "numeric export id"),
        (&["70000"], "numeric export id"),
        (&["1", "[1,2]"], "only numbers, strings"),
        (&["1", "{\"k\":2}"], "only numbers, strings"),
    ] {
        let mut args = vec!["run", "examples/counter.js", "--call"];
        args.extend_from_slice(call);
        let out = vium(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{call:?}: {err}");
        assert!(
            err.contains(says) && err.contains("Usage"),
            "{call:?}: {err}"
        );
        // Usage is checked before the build-time run prints anything.
        assert!(out.stdout.is_empty(), "{call:?}");
    }
}

#[test]
fn disasm_shows_byte_offsets_and_instructions() {
    let out = vium(&["disasm", "examples/counter.js"]);
    assert!(out.status.success());
    let map = text(&out.stdout);
    assert!(map.contains("Function"), "{map}");
    assert!(map.contains("LoadScoped"), "{map}");
    assert!(map.contains("exports"), "{map}");
}

#[test]
fn compile_errors_point_at_the_source() {
    let script = temp("bad.js");
    std::fs::write(&script, "let x = 1;\nfunction* numbers() {}\n").unwrap();
    let out = vium(&["run", script.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("bad.js:2:1"), "{err}");
    assert!(err.contains("function* numbers() {}"), "{err}");
}

#[test]
fn stats_reports_sections_and_idle_ram() {
    let out = vium(&["stats", "examples/hello.js"]);
    assert!(out.status.success());
    let s = text(&out.stdout);
    assert!(
        s.contains("image: ") && s.contains("rom: ") && s.contains("idle VM RAM"),
        "{s}"
    );
}

/// On the device there is no compiler: `eval` and `new Function` throw an
/// Error the script can catch, while the functions eval made at build time
/// still run. Node cannot be the oracle here (it has eval at run time).
#[test]
fn eval_throws_a_catchable_error_on_the_device() {
    let script = temp("device_eval.js");
    std::fs::write(
        &script,
        r#"const twice = eval("(x) => x * 2");
console.log(eval("'EVAL_MARKER_' + 'TEXT'"));
vmExport(1, () => {
  console.log(typeof eval, typeof Function, twice(21), eval(5));
  try { eval("1 + 1"); } catch (e) { console.log(e instanceof Error, e.name, e.message); }
  try { new Function("a", "return a"); } catch (e) { console.log(e.message); }
  try { Function("return 1"); } catch (e) { console.log(e.message); }
  eval("2 + 2");
});
"#,
    )
    .unwrap();
    let image = temp("device_eval.vbc");
    let out = vium(&[
        "build",
        script.to_str().unwrap(),
        "-o",
        image.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "EVAL_MARKER_TEXT\n");
    // The eval table and the texts stay behind: only code the exports reach.
    let bytes = std::fs::read(&image).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"EVAL_MARKER_"), "eval text in the device image");
    assert!(!has(b"x * 2"), "eval text in the device image");
    let out = vium(&["run", image.to_str().unwrap(), "--call", "1"]);
    assert_eq!(
        text(&out.stdout),
        "function function 42 5\n\
         true Error eval is only available at build time\n\
         new Function is only available at build time\n\
         new Function is only available at build time\n"
    );
    assert_eq!(
        text(&out.stderr),
        "Uncaught Error: eval is only available at build time\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

/// Eval text that parses but does not compile (here: it names a variable
/// of the caller, which build-time eval cannot see) is a build error with a
/// code frame of the text.
#[test]
fn eval_text_compile_errors_show_the_text() {
    let script = temp("eval_error.js");
    std::fs::write(
        &script,
        "console.log('printed once');\nconst local = 1;\nconsole.log(eval('local + 1'));\n",
    )
    .unwrap();
    let out = vium(&["run", script.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "printed once\n");
    let err = text(&out.stderr);
    assert!(err.contains("`local` is not defined"), "{err}");
    assert!(err.contains("<eval #1>:1:1"), "{err}");
    assert!(err.contains("local + 1"), "{err}");
}

// --- hostile input -------------------------------------------------------------

/// Each nesting that overflowed the compiler's stack, at the depth that did:
/// a compile error at a line and column, within seconds.
#[test]
fn deep_nesting_is_a_compile_error_with_a_location() {
    let cases = [
        (
            "parens",
            format!("let x = {}1{};", "(".repeat(7000), ")".repeat(7000)),
        ),
        (
            "arrays",
            format!("let x = {}{};", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "functions",
            format!("{}{}", "function f(){".repeat(10_000), "}".repeat(10_000)),
        ),
        (
            "templates",
            format!("let x = {}1{};", "`${".repeat(10_000), "}`".repeat(10_000)),
        ),
        (
            "blocks",
            format!("{}{}", "{".repeat(20_000), "}".repeat(20_000)),
        ),
        ("ifs", format!("{};", "if (1) ".repeat(100_000))),
        ("nots", format!("let x = {}1;", "!".repeat(100_000))),
        ("sums", format!("let x = 1{};", "+1".repeat(50_000))),
        (
            "members",
            format!("let a = {{}};\nlet x = a{};", ".a".repeat(100_000)),
        ),
        ("arrows", format!("let f = {}1;", "() => ".repeat(7000))),
    ];
    for (name, source) in cases {
        let path = script(&format!("deep_{name}.js"), source);
        let out = vium_within(60, &["build", &path, "-o", &format!("{path}.vbc")]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains("nested too deeply"), "{name}: {err}");
        assert!(err.contains(&format!("deep_{name}.js:")), "{name}: {err}");
    }
}

#[test]
fn runaway_builds_stop_at_the_budget() {
    let cases = [
        ("while", "while (true) {}"),
        ("for", "for (;;) {}"),
        ("jobs", "function f() { Promise.resolve().then(f) } f();"),
        ("microtasks", "function f() { queueMicrotask(f) } f();"),
        (
            "later",
            "const later = vmImport(4);\nfunction f() { later(f) }\nf();",
        ),
    ];
    for (name, source) in cases {
        let path = script(&format!("runaway_{name}.js"), source);
        let image = format!("{path}.vbc");
        for args in [
            vec!["build", &path, "-o", &image, "--budget", "1000000"],
            vec!["run", &path, "--budget", "1000000"],
        ] {
            let out = vium_within(60, &args);
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{name}: {err}");
            assert!(
                err.contains("build-time run did not finish within its budget of 1000000 steps")
                    && err.contains("--budget STEPS"),
                "{name}: {err}"
            );
        }
    }
}

#[test]
fn runaway_calls_stop_at_the_budget() {
    let path = script(
        "runaway_call.js",
        "const later = vmImport(4);\n\
         function spin() { for (;;) {} }\n\
         function rearm() { later(rearm) }\n\
         vmExport(1, spin);\nvmExport(2, rearm);",
    );
    let image = format!("{path}.vbc");
    assert!(vium_within(60, &["build", &path, "-o", &image])
        .status
        .success());
    for id in ["1", "2"] {
        let out = vium_within(60, &["run", &image, "--budget", "100000", "--call", id]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{id}: {err}");
        assert!(
            err.contains("the call did not finish within its budget of 100000 steps"),
            "{id}: {err}"
        );
    }
}

#[test]
fn the_budget_option_takes_a_number_or_none() {
    let out = vium(&["run", "examples/hello.js", "--budget", "none"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = vium(&["run", "examples/hello.js", "--budget", "lots"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("or `none`"));
    // Too small a budget for the build: the error says so.
    let out = vium(&[
        "build",
        "examples/hello.js",
        "-o",
        "/dev/null",
        "--budget",
        "10",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("budget of 10 steps"));
}

#[test]
fn a_script_that_is_not_utf8_says_so_and_where() {
    let path = script("latin1.js", b"let caf = 1;\n// caf\xe9\n".as_slice());
    let out = vium(&["run", &path]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("not UTF-8") && err.contains("byte 19"),
        "{err}"
    );
    assert!(!err.contains("vium-build.js"), "{err}");
    // An imported module: the error is at the import.
    let dir = Path::new(&path).parent().unwrap();
    std::fs::write(dir.join("imports_latin1.js"), "import './latin1.js';\n").unwrap();
    let out = vium(&["run", &dir.join("imports_latin1.js").display().to_string()]);
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot load `./latin1.js`") && err.contains("byte 19"),
        "{err}"
    );
    assert!(err.contains("imports_latin1.js:1:8"), "{err}");
}

#[test]
fn a_directory_is_not_a_script_or_an_image() {
    let dir = temp("folder.js");
    std::fs::create_dir_all(&dir).unwrap();
    let out = vium(&["build", &dir.display().to_string(), "-o", "/dev/null"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is a directory"), "{err}");
    assert!(!err.contains("cannot find module"), "{err}");
    let dir = temp("folder.vbc");
    std::fs::create_dir_all(&dir).unwrap();
    let out = vium(&["run", &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is a directory"));
}

#[test]
fn inputs_larger_than_any_image_or_script_are_refused_unread() {
    let out = vium_within(30, &["run", "/dev/zero"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("larger than 65535 bytes"), "{err}");
    // A sparse 17 MiB script: refused after reading at most 16 MiB.
    let path = temp("huge.js");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(17 << 20)
        .unwrap();
    let out = vium_within(
        30,
        &["build", &path.display().to_string(), "-o", "/dev/null"],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("larger than 16 MiB"), "{err}");
}

#[test]
fn an_uncaught_symbol_prints_as_a_symbol() {
    let path = script("throw_symbol.js", "throw Symbol.iterator;");
    let out = vium(&["run", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim_end(),
        "Uncaught Symbol(Symbol.iterator)"
    );
}

/// 100,000 lines that overflow the ROM: one error says what filled it (and
/// one that the top level is too large a function), within seconds.
#[test]
fn a_full_image_is_one_error_and_a_quick_one() {
    let lines: String = (0..100_000)
        .map(|i| format!("console.log({i});\n"))
        .collect();
    let path = script("full.js", lines);
    let started = Instant::now();
    let out = vium_within(60, &["build", &path, "-o", &format!("{path}.vbc")]);
    let elapsed = started.elapsed();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("the image is full").count(), 1, "{err}");
    assert!(err.contains("numbers ("), "{err}");
    assert!(err.contains("full.js:"), "{err}");
    assert!(err.len() < 4096, "{} bytes of errors", err.len());
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}

#[test]
fn at_most_20_errors_are_shown_then_a_count() {
    let source = format!("let x;\n{}", "x = function* () {};\n".repeat(300));
    let path = script("many_errors.js", source);
    let out = vium_within(60, &["build", &path, "-o", &format!("{path}.vbc")]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        err.matches("generator functions is not supported").count(),
        20
    );
    assert!(err.contains("many_errors.js:21:5"), "{err}");
    assert!(err.contains("error: and 280 more errors"), "{err}");
    assert!(err.contains("could not compile: 300 errors"), "{err}");
}

/// Text given to `eval` at build time is scanned like a module: too deep,
/// and `eval` throws a SyntaxError the script can catch.
#[test]
fn a_deep_eval_text_is_a_catchable_syntax_error() {
    let path = script(
        "deep_eval.js",
        "let open = '', close = '';\n\
         for (let i = 0; i < 1500; i++) { open += '('; close += ')'; }\n\
         try { eval(open + '1' + close); } catch (e) { console.log(e.name, e.message.slice(0, 17)); }",
    );
    let out = vium_within(60, &["run", &path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "SyntaxError nested too deeply\n");
}
