//! The CLI contract: exit statuses, messages, and the build → image → run
//! round trip through files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn vium(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vium"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the vium binary runs")
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
fn missing_export_and_non_numeric_ids_are_errors() {
    let out = vium(&["run", "examples/hello.js", "--call", "9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no export with id 9"));
    let out = vium(&["run", "examples/hello.js", "--call", "one"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("numeric export id"));
}

#[test]
fn arrays_and_objects_as_call_arguments_are_refused() {
    for arg in ["[1,2]", "{\"k\":2}"] {
        let out = vium(&["run", "examples/counter.js", "--call", "1", arg]);
        assert_eq!(out.status.code(), Some(1), "{arg}");
        let err = text(&out.stderr);
        assert!(
            err.contains(arg) && err.contains("only numbers, strings"),
            "{err}"
        );
        // The build-time run printed; the call did not run.
        assert_eq!(text(&out.stdout), "count is now 101\n");
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
