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
pub use disasm::disassemble;

use std::path::Path;

/// The export id of the synthetic entry function in a build image.
pub const ENTRY_EXPORT_ID: u16 = 0xFFFF;

/// Compiles the module graph rooted at `entry` (read from the file system;
/// specifiers resolve relative to the importing file) into a build image.
pub fn compile_file(entry: &Path) -> Result<Vec<u8>, Diagnostics> {
    let entry = entry.to_string_lossy().replace('\\', "/");
    compile_modules(&entry, &mut |path| std::fs::read_to_string(path).ok())
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
