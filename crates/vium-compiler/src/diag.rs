//! Compile errors: a message tied to a span of one source file, rendered with
//! a code frame (codespan-reporting, no colour). Knows nothing of oxc.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{Files, SimpleFile};
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

/// A source file, with the start of each of its lines found once: every
/// error in the file finds its line by a binary search over them, so
/// reporting stays linear however many errors a long file has.
pub(crate) struct SourceFile<'s> {
    files: SimpleFile<String, &'s str>,
}

impl<'s> SourceFile<'s> {
    pub(crate) fn new(name: &str, source: &'s str) -> Self {
        SourceFile {
            files: SimpleFile::new(name.to_string(), source),
        }
    }
}

/// Longest source line a code frame shows whole; a longer one is shown as
/// an excerpt around the error (a generated or minified file can be one
/// line of megabytes).
const MAX_FRAME_LINE: usize = 240;

/// Bytes of a long line shown on each side of the error.
const EXCERPT_SIDE: usize = 60;

impl CompileError {
    /// An error at the byte range `start..end` of `file`.
    #[cold]
    pub(crate) fn at(file: &SourceFile<'_>, start: u32, end: u32, message: String) -> Self {
        let source = *file.files.source();
        let name = file.files.name();
        let len = source.len();
        let start = (start as usize).min(len);
        let end = (end as usize).clamp(start, len);
        let start = floor_char_boundary(source, start);
        let end = floor_char_boundary(source, end).max(start);
        let files = &file.files;
        let (line, line_range) = match files.line_index((), start) {
            Ok(i) => (i, files.line_range((), i).unwrap_or(0..len)),
            Err(_) => (0, 0..len),
        };
        let column = source[line_range.start..start].chars().count() as u32 + 1;
        let line = line as u32 + 1;
        let rendered = if line_range.len() > MAX_FRAME_LINE {
            excerpt_frame(name, source, line_range, start, line, column, &message)
        } else {
            let diagnostic = Diagnostic::error()
                .with_message(message.clone())
                .with_labels(vec![Label::primary((), start..end)]);
            let mut out = NoColor::new(Vec::new());
            match term::emit(&mut out, &term::Config::default(), files, &diagnostic) {
                Ok(()) => String::from_utf8_lossy(&out.into_inner()).into_owned(),
                Err(_) => format!("error: {message}\n  --> {name}:{line}:{column}\n"),
            }
        };
        CompileError {
            file: name.clone(),
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

/// A code frame for an error on a very long line: the line's text around
/// the error, marked, in the layout codespan gives short lines.
fn excerpt_frame(
    name: &str,
    source: &str,
    line_range: std::ops::Range<usize>,
    start: usize,
    line: u32,
    column: u32,
    message: &str,
) -> String {
    let from = floor_char_boundary(
        source,
        start.saturating_sub(EXCERPT_SIDE).max(line_range.start),
    );
    let to = floor_char_boundary(source, (start + EXCERPT_SIDE).min(line_range.end));
    let text = source[from..to].trim_end_matches(['\n', '\r']);
    let before = if from > line_range.start { "…" } else { "" };
    let after = if to < line_range.end { "…" } else { "" };
    let gutter = " ".repeat(line.to_string().len());
    let caret = " ".repeat(before.chars().count() + source[from..start].chars().count());
    format!(
        "error: {message}\n{gutter}┌─ {name}:{line}:{column}\n{gutter} │\n{line} │ {before}{text}{after}\n{gutter} │ {caret}^\n"
    )
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

/// Most errors printed; the rest are counted.
pub const MAX_SHOWN_ERRORS: usize = 20;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().take(MAX_SHOWN_ERRORS).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            f.write_str(e.rendered.trim_end())?;
            writeln!(f)?;
        }
        let hidden = self.0.len().saturating_sub(MAX_SHOWN_ERRORS);
        if hidden > 0 {
            writeln!(f)?;
            let s = if hidden == 1 { "" } else { "s" };
            writeln!(f, "error: and {hidden} more error{s}")?;
        }
        if self.0.len() > 1 {
            writeln!(f, "error: could not compile: {} errors", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_lines_and_columns_in_characters() {
        let file = SourceFile::new("f.js", "a\nbé\n\nxyz");
        let at = |offset| {
            let e = CompileError::at(&file, offset, offset + 1, "m".into());
            (e.line, e.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(3), (2, 2));
        assert_eq!(at(5), (2, 3));
        assert_eq!(at(6), (3, 1));
        assert_eq!(at(8), (4, 2));
        assert_eq!(at(99), (4, 4));
    }

    #[test]
    fn a_long_line_is_shown_as_an_excerpt_around_the_error() {
        let source = format!("{}X{}", "(".repeat(5000), ")".repeat(5000));
        let file = SourceFile::new("f.js", &source);
        let e = CompileError::at(&file, 5000, 5001, "here".into());
        assert_eq!((e.line, e.column), (1, 5001));
        assert!(e.rendered.len() < 400, "{}", e.rendered);
        assert!(e.rendered.contains("f.js:1:5001"), "{}", e.rendered);
        let lines: Vec<&str> = e.rendered.lines().collect();
        let text = lines[3];
        let caret = lines[4];
        // The caret is under the X.
        let x = text.chars().position(|c| c == 'X').unwrap();
        assert_eq!(
            caret.chars().position(|c| c == '^'),
            Some(x),
            "{}",
            e.rendered
        );
    }

    #[test]
    fn at_most_20_errors_are_shown() {
        let file = SourceFile::new("f.js", "x");
        let errors = Diagnostics(
            (0..25)
                .map(|_| CompileError::at(&file, 0, 1, "bad".into()))
                .collect(),
        );
        let text = errors.to_string();
        assert_eq!(text.matches("error: bad").count(), 20);
        assert!(text.contains("error: and 5 more errors\n"), "{text}");
        assert!(
            text.ends_with("error: could not compile: 25 errors\n"),
            "{text}"
        );
    }
}
