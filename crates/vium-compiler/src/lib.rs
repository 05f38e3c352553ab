//! The Vium compiler: JavaScript modules → a *build image*.
//!
//! ```
//! let mut load = |path: &str| match path {
//!     "main.js" => Some("import { twice } from './lib.js'; vmExport(1, twice);".to_string()),
//!     "lib.js" => Some("export function twice(x) { return x * 2; }".to_string()),
//!     _ => None,
//! };
//! let image = vium_compiler::compile_modules("main.js", &mut load).unwrap();
//! assert!(vium_compiler::disassemble(&image).unwrap().contains("Function"));
//! ```
//!
//! The build image is a normal v1 image: every compiled function and constant
//! lives in ROM, every module-level binding of every module has one global
//! slot (initially `undefined`), and the single export
//! [`ENTRY_EXPORT_ID`] is a function that runs each module body in dependency
//! order. The build driver ([`driver`]) runs it on the VM and snapshots the
//! result.
//!
//! Layers: [`lower`](lower) is the only module that sees oxc types: it parses,
//! resolves the module graph and scopes, and drives the emitter ([`emit`]),
//! which encodes instructions from `vium_vm::ops` and tracks stack depth, and
//! the ROM builder ([`rom`]). Errors ([`diag`]) carry spans and code frames.

pub mod driver;

mod diag;
mod disasm;
mod emit;
mod lower;
mod nesting;
mod rom;

pub use diag::{CompileError, Diagnostics};
pub use disasm::{disassemble, feature_names};

use std::path::Path;

/// The export id of the synthetic entry function in a build image.
pub const ENTRY_EXPORT_ID: u16 = 0xFFFF;

/// Compiles the module graph rooted at `entry` (read from the file system
/// with [`read_script`]; specifiers resolve relative to the importing file)
/// into a build image.
pub fn compile_file(entry: &Path) -> Result<Vec<u8>, Diagnostics> {
    let entry = entry.to_string_lossy().replace('\\', "/");
    compile_with_loader(&entry, &mut |path| read_script(Path::new(path)), &[])
}

/// Compiles from memory: `load` maps a resolved module path (the entry as
/// given, others joined to their importer's directory and normalised) to its
/// source, or `None` when there is no such module.
pub fn compile_modules(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<Vec<u8>, Diagnostics> {
    compile_with_evals(entry, load, &[])
}

/// Why a module's source could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// There is no such module.
    NotFound,
    /// There is one, but it is no script: why, for a message (a
    /// directory, too large, not UTF-8, unreadable).
    Unusable(String),
}

/// The largest script the compiler reads: far beyond what fits a 32 KiB
/// ROM, small enough to hold in memory.
pub const MAX_SCRIPT_BYTES: usize = 16 << 20;

/// Reads a script from the file system, refusing with a reason a
/// directory, a file over [`MAX_SCRIPT_BYTES`] (at most one byte more is
/// read, so an endless device such as `/dev/zero` is refused too) and text
/// that is not UTF-8 (naming the offset of the first byte that is not).
pub fn read_script(path: &Path) -> Result<String, LoadError> {
    use std::io::Read;
    let unusable = |why: String| Err(LoadError::Unusable(why));
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(LoadError::NotFound),
        Err(e) => return unusable(format!("cannot read it: {e}")),
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return unusable("it is a directory, not a file".into());
    }
    let mut bytes = Vec::new();
    if let Err(e) = file
        .take(MAX_SCRIPT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return unusable(format!("cannot read it: {e}"));
    }
    if bytes.len() > MAX_SCRIPT_BYTES {
        return unusable(format!(
            "it is larger than {} MiB, the most a script may be",
            MAX_SCRIPT_BYTES >> 20
        ));
    }
    String::from_utf8(bytes).or_else(|e| {
        unusable(format!(
            "it is not UTF-8 text (byte {} is not valid UTF-8)",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Like `compile_modules`, plus code for `evals`: texts the script gave to
/// `eval` or `new Function` in an earlier build-time run. The build image
/// then exports, under the reserved id `vium_vm::builtins::EVAL_TABLE`,
/// each text with a function that runs it and returns its completion value
/// (or, for a text that does not parse, the message of the SyntaxError that
/// `eval` throws). Errors in an eval text that parses are reported against
/// the text, named `<eval #n>`.
pub fn compile_with_evals(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
    evals: &[String],
) -> Result<Vec<u8>, Diagnostics> {
    compile_with_loader(
        entry,
        &mut |path| load(path).ok_or(LoadError::NotFound),
        evals,
    )
}

/// Like [`compile_with_evals`], with a loader that can say why a module
/// it has is unusable (see [`read_script`]).
pub fn compile_with_loader(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Result<String, LoadError>,
    evals: &[String],
) -> Result<Vec<u8>, Diagnostics> {
    // Parsing, the semantic pass and code generation recurse once per
    // level of the syntax tree: they run on a stack of their own, sized
    // for the deepest source the nesting scan lets through, whatever stack
    // the caller has (a test thread's is 2 MiB). Only the pages used are
    // ever touched.
    stacker::grow(COMPILE_STACK_BYTES, || lower::compile(entry, load, evals)).map_err(Diagnostics)
}

/// The stack the compiler runs on (see `compile_with_evals`). A debug
/// build needs between 4 and 8 MiB for the deepest sources the nesting
/// scan accepts (`deep_tests`); the rest is margin for what the scan's
/// estimate may miss.
pub const COMPILE_STACK_BYTES: usize = 256 << 20;

pub use nesting::MAX_NESTING;

#[cfg(test)]
mod deep_tests;
#[cfg(test)]
mod tests;
