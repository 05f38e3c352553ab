//! `examples/c-host/main.c`, a plain C program written against the
//! Microvium 8 API, is compiled with the system's C compiler against
//! `include/microvium.h` and `libvium_ffi.a`, and run on the image of
//! `examples/c-host/script.js`; its output must be
//! `examples/c-host/expected.txt`.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::BuildHost;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `libvium_ffi.a` cargo built for this test: in the `deps` folder the
/// test runs from, named with a hash (only `cargo build` copies it to
/// `target/<profile>/`), the newest if there are several.
fn static_library() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows where it is");
    let deps = exe.parent().expect("target/<profile>/deps");
    std::fs::read_dir(deps)
        .expect("the deps folder")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("libvium_ffi-") && name.ends_with(".a")
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.path())
        .expect("cargo builds libvium_ffi.a with the tests (crate-type staticlib)")
}

#[test]
fn the_c_example_runs_against_the_static_library() {
    let root = root();
    let work = std::env::temp_dir().join(format!("vium-c-host-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();

    let image =
        vium_compiler::driver::build_file(&root.join("examples/c-host/script.js"), &mut BuildHost)
            .expect("the example script builds");
    let image_path = work.join("script.vbc");
    std::fs::write(&image_path, &image).unwrap();

    let lib = static_library();
    assert!(lib.exists(), "{} was not built", lib.display());
    let exe = work.join("c-host");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let out = Command::new(&cc)
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg("-I")
        .arg(root.join("crates/vium-ffi/include"))
        .arg(root.join("examples/c-host/main.c"))
        .arg(&lib)
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(&exe)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the C compiler `{cc}`: {e}"));
    assert!(
        out.status.success(),
        "the C example does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let run = Command::new(&exe).arg(&image_path).output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the C example failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let expected = std::fs::read_to_string(root.join("examples/c-host/expected.txt")).unwrap();
    if std::env::var_os("VIUM_BLESS").is_some() {
        std::fs::write(root.join("examples/c-host/expected.txt"), stdout.as_bytes()).unwrap();
    } else {
        assert_eq!(stdout, expected, "examples/c-host/expected.txt differs");
    }
    let _ = std::fs::remove_dir_all(&work);
}
