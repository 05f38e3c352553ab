//! The build driver: compile → restore the build image on `vium-vm` →
//! run the module bodies (the script's top level) → snapshot. The build-time
//! run uses the same VM as the device, with the caller's `Host` providing
//! `console.log` output and imports, so build-time and run-time semantics
//! cannot drift.
//!
//! **Rounds.** `eval(text)` and `new Function(…)` work at build time: the
//! VM looks the text up in a table of code compiled into the build image
//! (`vium_vm::builtins::EVAL_TABLE`). Text not in the table ends the run
//! (`VmError::EvalNotCompiled`) after the VM recorded it; the driver then
//! compiles the recorded texts into the next build image and runs the whole
//! build again from scratch, which is sound because the build is
//! deterministic. The run stops at the first text without code, so each
//! distinct text costs one round (a loop making ten functions takes ten;
//! code that generates code that generates code, one per level), up to
//! `MAX_ROUNDS`. Console output an earlier
//! round wrote is not written again (the VM skips that many bytes), and a
//! round that met new text writes nothing after it, so the output is what
//! one run prints. The host's imports are called again in every round.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use vium_vm::{CallError, Host, ImageError, SnapshotError, StdAllocator, ValueKind, Vm, VmError};

use crate::{Diagnostics, LoadError, ENTRY_EXPORT_ID};

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
    /// Build-time `eval` did not settle (see the module docs).
    Eval(String),
    /// The build-time run used up its step budget (see
    /// [`DEFAULT_BUDGET`]) before its top level, its jobs and the host's
    /// deferred work were done.
    BudgetExhausted {
        /// The budget it was given.
        steps: u32,
    },
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
            BuildError::Eval(message) => write!(f, "eval: {message}"),
            BuildError::BudgetExhausted { steps } => write!(
                f,
                "the build-time run did not finish within its budget of {steps} steps: \
                 a loop, a chain of promise jobs or of deferred host calls that never \
                 ends, or a build that needs a larger budget"
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// The builtin library (see `prelude/prelude.js`): compiled into every
/// build, run before the script; what the script does not use is dropped
/// from the image by the snapshot writer.
pub const PRELUDE: &str = include_str!("../prelude/prelude.js");

/// Most build rounds: each distinct eval text takes one.
pub const MAX_ROUNDS: usize = 128;

/// Instructions a build-time run may execute unless the caller gives
/// another budget: the top level, the promise jobs and the host's deferred
/// work together (each round of a build with `eval` gets its own). Every
/// end-to-end test script builds within a thousandth of it (each passes
/// `vium build --budget 1000000`), and a release build runs it out in
/// seconds (BENCHMARKS.md), so a build that never ends stops well within
/// a minute.
pub const DEFAULT_BUDGET: u32 = 1_000_000_000;

/// Module names the driver adds beside the script's entry.
pub(crate) const PRELUDE_MODULE: &str = "vium-prelude.js";
const ROOT_MODULE: &str = "vium-build.js";

/// Builds the script at `entry` into a device image, running its top level
/// with `host` and the [`DEFAULT_BUDGET`].
pub fn build_file(entry: &Path, host: &mut dyn Host) -> Result<Vec<u8>, BuildError> {
    build_file_with_budget(entry, host, Some(DEFAULT_BUDGET))
}

/// Like [`build_file`], with a step budget for the build-time run (`None`:
/// no limit).
pub fn build_file_with_budget(
    entry: &Path,
    host: &mut dyn Host,
    budget: Option<u32>,
) -> Result<Vec<u8>, BuildError> {
    let entry = entry.to_string_lossy().replace('\\', "/");
    build_with_loader(
        &entry,
        &mut |path| crate::read_script(Path::new(path)),
        host,
        budget,
    )
}

/// Builds from memory (see `compile_modules`): the prelude runs first, then
/// the module graph rooted at `entry`, with the [`DEFAULT_BUDGET`].
pub fn build_modules(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
    host: &mut dyn Host,
) -> Result<Vec<u8>, BuildError> {
    build_modules_with_budget(entry, load, host, Some(DEFAULT_BUDGET))
}

/// Like [`build_modules`], with a step budget for the build-time run
/// (`None`: no limit).
pub fn build_modules_with_budget(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
    host: &mut dyn Host,
    budget: Option<u32>,
) -> Result<Vec<u8>, BuildError> {
    build_with_loader(
        entry,
        &mut |path| load(path).ok_or(LoadError::NotFound),
        host,
        budget,
    )
}

/// Like [`build_modules_with_budget`], with a loader that can say why a
/// module it has is unusable (see [`crate::read_script`]).
pub fn build_with_loader(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Result<String, LoadError>,
    host: &mut dyn Host,
    budget: Option<u32>,
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
    // Every round sees the same sources: each is read once.
    let mut sources: HashMap<String, Result<String, LoadError>> = HashMap::new();
    // The entry is read first, so that what is wrong with it is said of it
    // rather than of the import in the added root module.
    let entry_source = load(entry);
    if let Err(e) = &entry_source {
        let message = match e {
            LoadError::NotFound => format!("cannot read `{entry}`: there is no such file"),
            LoadError::Unusable(why) => format!("cannot compile `{entry}`: {why}"),
        };
        return Err(BuildError::Compile(Diagnostics(vec![
            crate::diag::CompileError::whole_file(entry, message),
        ])));
    }
    // The path under which the root module asks for the entry.
    let entry_path = crate::lower::resolve_path(&root, &format!("./{file}"));
    let mut with_prelude = |path: &str| {
        if named(path, ROOT_MODULE) {
            Ok(root_source.clone())
        } else if named(path, PRELUDE_MODULE) {
            Ok(PRELUDE.to_string())
        } else if Some(path) == entry_path.as_deref() {
            entry_source.clone()
        } else {
            sources
                .entry(path.to_string())
                .or_insert_with(|| load(path))
                .clone()
        }
    };
    let mut evals: Vec<String> = Vec::new();
    let mut printed = 0;
    for _ in 0..MAX_ROUNDS {
        let image = crate::compile_with_loader(&root, &mut with_prelude, &evals)
            .map_err(BuildError::Compile)?;
        match round(&image, host, printed, budget)? {
            Round::Done(result) => return result,
            Round::Again { output, missing } => {
                printed = printed.max(output);
                let before = evals.len();
                for text in missing {
                    let text = String::from_utf8(text).map_err(|_| {
                        BuildError::Eval("the text given to eval is not valid Unicode".into())
                    })?;
                    if !evals.contains(&text) {
                        evals.push(text);
                    }
                }
                if evals.len() == before {
                    return Err(BuildError::Vm(VmError::EvalNotCompiled));
                }
            }
        }
    }
    Err(BuildError::Eval(format!(
        "code generated at build time did not settle after {MAX_ROUNDS} rounds \
         (each distinct text given to eval or new Function takes one)"
    )))
}

enum Round {
    /// The build's outcome.
    Done(Result<Vec<u8>, BuildError>),
    /// The run met eval texts without code: compile them and run again.
    Again {
        output: usize,
        missing: Vec<Vec<u8>>,
    },
}

/// One build-time run: restore, run the entry, snapshot.
fn round(
    build_image: &[u8],
    host: &mut dyn Host,
    printed: usize,
    budget: Option<u32>,
) -> Result<Round, BuildError> {
    let mut alloc = StdAllocator;
    let mut vm = Vm::restore_for_build(build_image, &mut alloc, host).map_err(BuildError::Image)?;
    vm.set_stack_size(BUILD_STACK_BYTES);
    vm.set_replayed_output(printed);
    // One gas counter for the top level, its jobs and the deferred work.
    vm.set_budget(budget);
    // The top level, then the jobs and deferred host work it left.
    let outcome = vm
        .call_export(host, ENTRY_EXPORT_ID, &[])
        .and_then(|()| vm.settle(host));
    // Whatever the outcome (a host may have turned the stop into an
    // exception the script caught), missing text voids the run.
    if !vm.missing_eval().is_empty() {
        return Ok(Round::Again {
            output: vm.output_len(),
            missing: vm.missing_eval().to_vec(),
        });
    }
    Ok(Round::Done(match outcome {
        Ok(()) => vm.snapshot().map_err(BuildError::Snapshot),
        Err(CallError::Uncaught) => Err(BuildError::Uncaught(display(&vm))),
        Err(CallError::Fatal(VmError::BudgetExhausted)) => Err(BuildError::BudgetExhausted {
            steps: budget.unwrap_or(u32::MAX),
        }),
        Err(CallError::Fatal(e)) => Err(BuildError::Vm(e)),
        Err(CallError::NoSuchExport(_)) => Err(BuildError::Image(ImageError::BadSectionTable)),
    }))
}

/// Restores a build image, runs its entry (with the [`DEFAULT_BUDGET`])
/// and snapshots the result (one round: `eval` of text the image has no
/// code for fails the build).
pub fn run_and_snapshot(build_image: &[u8], host: &mut dyn Host) -> Result<Vec<u8>, BuildError> {
    match round(build_image, host, 0, Some(DEFAULT_BUDGET))? {
        Round::Done(result) => result,
        Round::Again { .. } => Err(BuildError::Vm(VmError::EvalNotCompiled)),
    }
}

/// The pending exception as `Uncaught` prints it.
pub fn display(vm: &Vm<'_>) -> String {
    let exception = vm.exception();
    if exception.kind() == ValueKind::Symbol {
        // The VM's display gives a symbol no text of its own; the one
        // symbol there is prints as Node prints it.
        return "Symbol(Symbol.iterator)".into();
    }
    let mut bytes = Vec::new();
    exception.write_display(&mut |b| bytes.extend_from_slice(b));
    String::from_utf8_lossy(&bytes).into_owned()
}
