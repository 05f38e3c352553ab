//! The build driver: compile → restore the build image on `vium-vm` →
//! run the module bodies (the script's top level) → snapshot. The build-time
//! run uses the same VM as the device, with the caller's `Host` providing
//! `console.log` output and imports, so build-time and run-time semantics
//! cannot drift.

use std::fmt;
use std::path::Path;

use vium_vm::{CallError, Host, ImageError, SnapshotError, StdAllocator, Vm, VmError};

use crate::{Diagnostics, ENTRY_EXPORT_ID};

/// VM stack for the build-time run: the desktop can afford deep recursion.
pub const BUILD_STACK_BYTES: usize = 16384;

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The source does not compile.
    Compile(Diagnostics),
    /// The compiler wrote an image the VM refused (a compiler bug).
    Image(ImageError),
    /// The script's top level threw; the text is what `Uncaught` prints.
    Uncaught(String),
    /// The build-time run stopped without an exception.
    Vm(VmError),
    /// The snapshot could not be written.
    Snapshot(SnapshotError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Compile(d) => write!(f, "{d}"),
            BuildError::Image(e) => {
                write!(f, "internal error: build image refused: {}", e.message())
            }
            BuildError::Uncaught(text) => write!(f, "Uncaught {text}"),
            BuildError::Vm(e) => write!(f, "build-time run failed: {}", e.message()),
            BuildError::Snapshot(e) => write!(f, "cannot write the image: {e:?}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// The builtin library (see `prelude/prelude.js`): compiled into every
/// build, run before the script; what the script does not use is dropped
/// from the image by the snapshot writer.
pub const PRELUDE: &str = include_str!("../prelude/prelude.js");

/// Module names the driver adds beside the script's entry.
pub(crate) const PRELUDE_MODULE: &str = "vium-prelude.js";
const ROOT_MODULE: &str = "vium-build.js";

/// Builds the script at `entry` into a device image, running its top level
/// with `host`.
pub fn build_file(entry: &Path, host: &mut dyn Host) -> Result<Vec<u8>, BuildError> {
    let entry = entry.to_string_lossy().replace('\\', "/");
    build_modules(&entry, &mut |path| std::fs::read_to_string(path).ok(), host)
}

/// Builds from memory (see `compile_modules`): the prelude runs first, then
/// the module graph rooted at `entry`.
pub fn build_modules(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
    host: &mut dyn Host,
) -> Result<Vec<u8>, BuildError> {
    let (dir, file) = match entry.rfind('/') {
        Some(i) => (&entry[..=i], &entry[i + 1..]),
        None => ("", entry),
    };
    let root = format!("{dir}{ROOT_MODULE}");
    let root_source = format!("import './{PRELUDE_MODULE}';\nimport './{file}';\n");
    // The compiler normalises the paths it asks for, so the two added
    // modules are recognised by file name (both names are reserved).
    let named = |path: &str, name: &str| path == name || path.ends_with(&format!("/{name}"));
    let mut with_prelude = |path: &str| {
        if named(path, ROOT_MODULE) {
            Some(root_source.clone())
        } else if named(path, PRELUDE_MODULE) {
            Some(PRELUDE.to_string())
        } else {
            load(path)
        }
    };
    let image = crate::compile_modules(&root, &mut with_prelude).map_err(BuildError::Compile)?;
    run_and_snapshot(&image, host)
}

/// Restores a build image, runs its entry and snapshots the result.
pub fn run_and_snapshot(build_image: &[u8], host: &mut dyn Host) -> Result<Vec<u8>, BuildError> {
    let mut alloc = StdAllocator;
    let mut vm = Vm::restore_for_build(build_image, &mut alloc, host).map_err(BuildError::Image)?;
    vm.set_stack_size(BUILD_STACK_BYTES);
    // The top level, then the jobs and deferred host work it left.
    let outcome = vm
        .call_export(host, ENTRY_EXPORT_ID, &[])
        .and_then(|()| vm.settle(host));
    match outcome {
        Ok(()) => {}
        Err(CallError::Uncaught) => return Err(BuildError::Uncaught(display(&vm))),
        Err(CallError::Fatal(e)) => return Err(BuildError::Vm(e)),
        Err(CallError::NoSuchExport(_)) => {
            return Err(BuildError::Image(ImageError::BadSectionTable))
        }
    }
    vm.snapshot().map_err(BuildError::Snapshot)
}

/// The pending exception as `Uncaught` prints it.
pub fn display(vm: &Vm<'_>) -> String {
    let mut bytes = Vec::new();
    vm.exception()
        .write_display(&mut |b| bytes.extend_from_slice(b));
    String::from_utf8_lossy(&bytes).into_owned()
}
