//! Compile errors: a message tied to a span of one source file, rendered with
//! a code frame (codespan-reporting, no colour). Knows nothing of oxc.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor};
use std::fmt;

/// One error in one source file, with its position and a rendered code frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The module path as it was resolved (or the entry path).
    pub file: String,
    /// 1-based line of the start of the span.
    pub line: u32,
    /// 1-based column (in characters) of the start of the span.
    pub column: u32,
    pub message: String,
    /// The message with its code frame, ready to print.
    pub rendered: String,
}

impl CompileError {
    /// An error at the byte range `start..end` of `source`.
    #[cold]
    pub(crate) fn at(file: &str, source: &str, start: u32, end: u32, message: String) -> Self {
        let len = source.len();
        let start = (start as usize).min(len);
        let end = (end as usize).clamp(start, len);
        let start = floor_char_boundary(source, start);
        let end = floor_char_boundary(source, end).max(start);
        let before = &source[..start];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..start].chars().count() as u32 + 1;
        let files = SimpleFile::new(file, source);
        let diagnostic = Diagnostic::error()
            .with_message(message.clone())
            .with_labels(vec![Label::primary((), start..end)]);
        let mut out = NoColor::new(Vec::new());
        let rendered = match term::emit(&mut out, &term::Config::default(), &files, &diagnostic) {
            Ok(()) => String::from_utf8_lossy(&out.into_inner()).into_owned(),
            Err(_) => format!("error: {message}\n  --> {file}:{line}:{column}\n"),
        };
        CompileError {
            file: file.to_string(),
            line,
            column,
            message,
            rendered,
        }
    }

    /// An error that concerns a file as a whole (it could not be read, say).
    #[cold]
    pub(crate) fn whole_file(file: &str, message: String) -> Self {
        let rendered = format!("error: {message}\n  ┌─ {file}\n");
        CompileError {
            file: file.to_string(),
            line: 1,
            column: 1,
            message,
            rendered,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rendered)
    }
}

impl std::error::Error for CompileError {}

/// Every error found while compiling, in source order per file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<CompileError>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            f.write_str(e.rendered.trim_end())?;
            writeln!(f)?;
        }
        if self.0.len() > 1 {
            writeln!(f, "error: could not compile: {} errors", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
