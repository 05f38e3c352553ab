//! The runtime's own tests (`crates/vium-vm/tests/runtime.rs`) must not
//! depend on the compiler, so that Miri can run them: they load committed
//! images, `crates/vium-vm/tests/images/*.vbc`. This test rebuilds each of
//! them from the `.js` beside it and fails when a committed image is stale.
//!
//! `VIUM_BLESS=1 cargo test -p vium --test fixtures` rewrites them.

use std::path::{Path, PathBuf};

use vium_compiler::driver;
use vium_vm::{Host, HostCall, HostError, HostValue, Vm};

const IMAGES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vium-vm/tests/images");

/// Build-time host: collects `console.log` output; the fixture scripts call
/// no import at build time.
struct BuildHost(Vec<u8>);

impl Host for BuildHost {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
    fn call<'s>(
        &'s mut self,
        _: &mut Vm<'_>,
        _: u16,
        _: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Err(HostError::Error("no imports at build time"))
    }
}

fn scripts() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(IMAGES_DIR)
        .expect("the fixture image directory exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    v.sort();
    v
}

fn build(script: &Path) -> Vec<u8> {
    let mut host = BuildHost(Vec::new());
    driver::build_file(script, &mut host)
        .unwrap_or_else(|e| panic!("{} does not build: {e}", script.display()))
}

#[test]
fn committed_runtime_images_match_their_scripts() {
    let bless = std::env::var_os("VIUM_BLESS").is_some_and(|v| v == "1");
    let scripts = scripts();
    assert!(!scripts.is_empty(), "no fixture scripts in {IMAGES_DIR}");
    let mut stale = Vec::new();
    for script in &scripts {
        let image = build(script);
        let path = script.with_extension("vbc");
        let committed = std::fs::read(&path).ok();
        if committed.as_deref() == Some(&image[..]) {
            continue;
        }
        if bless {
            std::fs::write(&path, &image).unwrap();
            eprintln!("updated {} ({} bytes)", path.display(), image.len());
        } else {
            stale.push(format!(
                "{} ({})",
                path.file_name().unwrap().to_string_lossy(),
                match committed {
                    None => "missing".to_string(),
                    Some(old) => format!("{} bytes committed, {} built", old.len(), image.len()),
                }
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "stale runtime test images: {}\nrun with VIUM_BLESS=1 to update: \
         VIUM_BLESS=1 cargo test -p vium --test fixtures",
        stale.join(", ")
    );
}

#[test]
fn builds_are_deterministic() {
    for script in scripts() {
        assert_eq!(build(&script), build(&script), "{}", script.display());
    }
}
