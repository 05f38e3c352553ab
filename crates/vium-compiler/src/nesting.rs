//! A cheap scan of a source's nesting depth, run before it is parsed.
//!
//! The parser (oxc, recursive descent), the semantic pass and the code
//! generator all recurse once per level of the syntax tree, so a deep
//! enough program would overflow the native stack. The compiler runs on a
//! stack of `COMPILE_STACK_BYTES` (`lib.rs`); this scan rejects, before any
//! of them runs, a source whose estimated depth exceeds [`MAX_NESTING`],
//! with the offset where the limit was crossed.
//!
//! The estimate is meant to bound the tree depth of a valid program from
//! above, up to a small constant: it tokenizes the source (comments,
//! strings, templates, regular expressions told from division by the token
//! before them) and counts, per open bracket, the operators and keywords
//! since the last boundary between siblings. A bracket adds one level to
//! everything inside it (a call's or an index's one more, on its operand);
//! a boundary (`;`, `,`, or a word or literal right after a complete
//! operand, which is where a statement or member ends, with or without a
//! newline) starts the count of its bracket again. So `((1))`, `!!1`,
//! `1+1+1`, `a.b.c`, `if (a) if (b)` and `x => y => z` all count one level
//! per repetition, while a 100,000-line file of statements counts the depth
//! of its deepest statement.
//!
//! Without parsing, a `/` after some tokens could be either a division or a
//! regular expression (after a word that may name a variable, such as
//! `of`). The brackets inside what the scan skips as a regular expression
//! still count, and a closing bracket that does not match closes nothing,
//! so a wrong guess makes the estimate deeper, not shallower, on that line.
//! The compiler's stack has some 30 times the room the accepted depth
//! needs, for what the estimate may still miss.

/// The deepest nesting the compiler accepts: far beyond hand-written code
/// (a few dozen levels), and small enough that the parser, the semantic
/// pass and the code generator fit the compiler's stack at that depth in a
/// debug build.
pub const MAX_NESTING: usize = 1000;

/// Where a source first nests deeper than [`MAX_NESTING`]: a byte offset.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TooDeep(pub(crate) usize);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Bracket {
    Paren,
    Square,
    Brace,
    /// `${` inside a template literal: its `}` resumes the template.
    Substitution,
}

struct Frame {
    bracket: Bracket,
    /// The depth of the bracket itself.
    base: usize,
    /// Operators and keywords since the last sibling boundary.
    chain: usize,
    /// `(` of an `if`, `while`, `for`, `with`, `switch` or `catch` header:
    /// what follows its `)` starts a statement, not an operand.
    header: bool,
    /// `{` of a block, a statement-level function or class body, an
    /// arrow's body or a switch body: a `/` after its `}` starts a regular
    /// expression.
    block: bool,
    /// `?` of conditionals not yet matched by their `:`, so that a `:` in a
    /// block is known to be a label's or a case's.
    open_conditionals: usize,
}

/// What the previous token was, as far as the next one cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    /// Start of input: a statement starts.
    Start,
    /// An identifier, literal, `)`, `]` or expression `}`: an operand just
    /// ended, so a `/` divides and a word starts a new sibling.
    Operand,
    /// `}` of a block: a statement just ended.
    BlockEnd,
    /// `)` of a statement header, `;`, `{`, a label's `:`, `else`, `do`,
    /// `try`, `finally`: a statement starts.
    StatementStart,
    /// An operator or a keyword that takes an operand.
    Operator,
}

/// Keywords that continue the construct before them rather than start a
/// new one after a complete operand (`} else`, `x in y`).
const CONTINUING: &[&str] = &[
    "else",
    "catch",
    "finally",
    "in",
    "of",
    "instanceof",
    "extends",
];

/// Keywords that nest what follows them, or take an operand (after them a
/// `/` starts a regular expression). Any other word is an operand.
/// Contextual words that may name a variable (`of`, `let`, `async`, `get`)
/// are operands here, except `of`, counted as it is cheap to over-count.
const KEYWORDS: &[&str] = &[
    "if",
    "else",
    "for",
    "while",
    "do",
    "with",
    "switch",
    "case",
    "default",
    "try",
    "catch",
    "finally",
    "return",
    "throw",
    "new",
    "typeof",
    "void",
    "delete",
    "await",
    "yield",
    "function",
    "class",
    "extends",
    "in",
    "of",
    "instanceof",
    "var",
    "const",
    "import",
    "export",
];

/// Punctuators, longest first (maximal munch). `/` and `/=` are handled
/// apart (they may start a regular expression).
const PUNCTUATORS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "%=", "&=", "|=", "^=", "**",
    "<<", ">>",
];

struct Scan<'s> {
    text: &'s str,
    src: &'s [u8],
    at: usize,
    frames: Vec<Frame>,
    prev: Prev,
    /// A statement-level `function` or `class` was seen in the frame of
    /// this many brackets: the next `{` there is its body, a block.
    declaration_in: Option<usize>,
    /// A header keyword (`if`, `while`, …) was the previous token, so a
    /// `(` now is a header's.
    header_next: bool,
    /// The previous token was `.` or `?.`: a word now is a property name,
    /// never a keyword.
    after_dot: bool,
    /// The previous token was `=>`: a `{` now is a function body.
    after_arrow: bool,
    /// Script goal (eval code): `<!--` and a line-leading `-->` are
    /// comments.
    script: bool,
    /// Only whitespace and comments since the last line break.
    line_start: bool,
}

/// Checks `source`'s nesting; `script`: parsed as a script (eval code),
/// where HTML-like comments exist, rather than a module.
pub(crate) fn check(source: &str, script: bool) -> Result<(), TooDeep> {
    let mut scan = Scan {
        text: source,
        src: source.as_bytes(),
        at: 0,
        frames: vec![Frame::new(Bracket::Brace, 0, false, true)],
        prev: Prev::Start,
        declaration_in: None,
        header_next: false,
        after_dot: false,
        after_arrow: false,
        script,
        line_start: true,
    };
    if scan.src.starts_with(b"#!") {
        scan.skip_line();
    }
    scan.run()
}

impl Frame {
    fn new(bracket: Bracket, base: usize, header: bool, block: bool) -> Self {
        Frame {
            bracket,
            base,
            chain: 0,
            header,
            block,
            open_conditionals: 0,
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'\\' || b >= 0x80
}

impl Scan<'_> {
    fn top(&mut self) -> &mut Frame {
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    fn depth(&self) -> usize {
        let top = &self.frames[self.frames.len() - 1];
        top.base + top.chain
    }

    /// One more level in the current frame, at byte `start`.
    fn deeper(&mut self, start: usize) -> Result<(), TooDeep> {
        self.top().chain += 1;
        if self.depth() > MAX_NESTING {
            return Err(TooDeep(start));
        }
        Ok(())
    }

    fn open(&mut self, bracket: Bracket, start: usize) -> Result<(), TooDeep> {
        let header = bracket == Bracket::Paren && self.header_next;
        self.header_next = false;
        // An arrow's body is a block too: no operator may follow it, so
        // a `/` after it starts a regular expression (on the next line).
        let block = bracket == Bracket::Brace
            && (matches!(
                self.prev,
                Prev::Start | Prev::StatementStart | Prev::BlockEnd
            ) || self.after_arrow
                || self.declaration_in == Some(self.frames.len()));
        if bracket == Bracket::Brace && self.declaration_in == Some(self.frames.len()) {
            self.declaration_in = None;
        }
        if self.prev == Prev::Operand && bracket != Bracket::Brace {
            // A call or an index: one more level on the operand before it
            // (`f()()()` nests).
            self.deeper(start)?;
        }
        let base = self.depth() + 1;
        if base > MAX_NESTING {
            return Err(TooDeep(start));
        }
        self.frames.push(Frame::new(bracket, base, header, block));
        self.prev = Prev::StatementStart;
        if bracket != Bracket::Brace || !block {
            self.prev = Prev::Operator;
        }
        Ok(())
    }

    /// A closing bracket. One that does not match the innermost open
    /// bracket (a syntax error the parser reports) closes nothing, so that
    /// a mismatch can only make the estimate deeper.
    fn close(&mut self, bracket: Bracket) {
        let top = &self.frames[self.frames.len() - 1];
        if self.frames.len() == 1 || top.bracket != bracket {
            self.prev = Prev::Operand;
            return;
        }
        let frame = self.frames.pop().expect("more than one frame");
        self.prev = match frame.bracket {
            Bracket::Paren if frame.header => Prev::StatementStart,
            Bracket::Brace if frame.block => Prev::BlockEnd,
            _ => Prev::Operand,
        };
        if self.declaration_in.is_some_and(|d| d > self.frames.len()) {
            self.declaration_in = None;
        }
    }

    /// A word or literal: after a complete operand it starts a new sibling.
    fn sibling_boundary(&mut self) {
        if matches!(self.prev, Prev::Operand | Prev::BlockEnd) {
            self.top().chain = 0;
        }
    }

    fn run(&mut self) -> Result<(), TooDeep> {
        while self.at < self.src.len() {
            let start = self.at;
            let b = self.src[start];
            match b {
                b'\n' | b'\r' => {
                    self.at += 1;
                    self.line_start = true;
                    continue;
                }
                b' ' | b'\t' | 0x0B | 0x0C => {
                    self.at += 1;
                    continue;
                }
                b'/' if self.src.get(start + 1) == Some(&b'/') => {
                    self.skip_line();
                    continue;
                }
                b'/' if self.src.get(start + 1) == Some(&b'*') => {
                    self.skip_block_comment();
                    continue;
                }
                b'<' if self.script && self.src[start..].starts_with(b"<!--") => {
                    self.skip_line();
                    continue;
                }
                b'-' if self.script && self.line_start && self.src[start..].starts_with(b"-->") => {
                    self.skip_line();
                    continue;
                }
                _ => {}
            }
            if b >= 0x80 && self.skip_unicode_space() {
                continue;
            }
            self.line_start = false;
            match b {
                b'\'' | b'"' => {
                    self.sibling_boundary();
                    self.skip_string(b);
                    self.prev = Prev::Operand;
                }
                b'`' => {
                    if matches!(self.prev, Prev::Operand) {
                        // A tagged template: one more level on its tag.
                        self.deeper(start)?;
                    }
                    self.at += 1;
                    self.template()?;
                }
                b'0'..=b'9' => {
                    self.sibling_boundary();
                    self.skip_number();
                    self.prev = Prev::Operand;
                }
                b'.' if self.src.get(start + 1).is_some_and(u8::is_ascii_digit) => {
                    self.sibling_boundary();
                    self.skip_number();
                    self.prev = Prev::Operand;
                }
                b'#' => {
                    // A private name: a word.
                    self.at += 1;
                    self.word();
                    self.prev = Prev::Operand;
                }
                b'/' if !matches!(self.prev, Prev::Operand) && self.regex(start)? => {
                    self.sibling_boundary();
                    self.prev = Prev::Operand;
                }
                b'(' => {
                    self.at += 1;
                    self.open(Bracket::Paren, start)?;
                }
                b'[' => {
                    self.at += 1;
                    self.open(Bracket::Square, start)?;
                }
                b'{' => {
                    self.at += 1;
                    self.open(Bracket::Brace, start)?;
                }
                b')' => {
                    self.at += 1;
                    self.close(Bracket::Paren);
                }
                b']' => {
                    self.at += 1;
                    self.close(Bracket::Square);
                }
                b'}' => {
                    self.at += 1;
                    if self.frames.last().map(|f| f.bracket) == Some(Bracket::Substitution) {
                        self.frames.pop();
                        self.template()?;
                    } else {
                        self.close(Bracket::Brace);
                    }
                }
                b';' | b',' => {
                    self.at += 1;
                    let top = self.top();
                    top.chain = 0;
                    top.open_conditionals = 0;
                    self.prev = if b == b';' {
                        Prev::StatementStart
                    } else {
                        Prev::Operator
                    };
                }
                b':' => {
                    self.at += 1;
                    let top = self.top();
                    let label_or_case = top.block && top.open_conditionals == 0;
                    top.open_conditionals = top.open_conditionals.saturating_sub(1);
                    self.deeper(start)?;
                    self.prev = if label_or_case {
                        Prev::StatementStart
                    } else {
                        Prev::Operator
                    };
                }
                b'?' if self.is_conditional(start) => {
                    self.at += 1;
                    self.top().open_conditionals += 1;
                    self.deeper(start)?;
                    self.prev = Prev::Operator;
                }
                _ if is_word_byte(b) => {
                    self.sibling_boundary_for_word(start);
                    self.deeper_for_word(start)?;
                }
                _ => {
                    let len = PUNCTUATORS
                        .iter()
                        .find(|p| self.src[start..].starts_with(p.as_bytes()))
                        .map_or(1, |p| p.len());
                    // `/=` after an operand divides; a lone `/` likewise.
                    let len = if b == b'/' && self.src.get(start + 1) == Some(&b'=') {
                        2
                    } else {
                        len
                    };
                    self.at += len;
                    self.deeper(start)?;
                    self.prev = Prev::Operator;
                }
            }
            self.at = self.at.min(self.src.len());
            let token = &self.src[start..self.at];
            self.after_dot = matches!(token, b"." | b"?.");
            self.after_arrow = token == b"=>";
            if !is_word_byte(b) {
                // Only a word (`if`, `for await`) makes the next `(` a
                // header's, and `open` has taken it.
                self.header_next = false;
            }
        }
        Ok(())
    }

    /// Whether the `?` at `at` is a conditional's, not `??` or `?.` (which
    /// `?.5` is not: that is `? .5`).
    fn is_conditional(&self, at: usize) -> bool {
        match self.src.get(at + 1) {
            Some(b'?') => false,
            Some(b'.') => self.src.get(at + 2).is_some_and(u8::is_ascii_digit),
            _ => true,
        }
    }

    /// Reads a word at `start` and starts a new sibling if it begins one.
    fn sibling_boundary_for_word(&mut self, start: usize) {
        self.at = start;
        self.word();
        let word = &self.src[start..self.at];
        let continuing = CONTINUING.iter().any(|k| k.as_bytes() == word);
        if !continuing && !self.after_dot {
            self.sibling_boundary();
        }
    }

    /// Classifies the word just read (at `start`).
    fn deeper_for_word(&mut self, start: usize) -> Result<(), TooDeep> {
        let word = &self.src[start..self.at];
        let was_header_keyword = self.header_next;
        self.header_next = false;
        if self.after_dot || !KEYWORDS.iter().any(|k| k.as_bytes() == word) {
            // An identifier, a property name or a word that is a value.
            self.prev = Prev::Operand;
            return Ok(());
        }
        let statement_start = matches!(
            self.prev,
            Prev::Start | Prev::StatementStart | Prev::BlockEnd
        ) || (self.prev == Prev::Operand && self.top().chain == 0);
        if matches!(word, b"function" | b"class") && statement_start {
            self.declaration_in = Some(self.frames.len());
        }
        self.deeper(start)?;
        self.prev = match word {
            b"else" | b"do" | b"try" | b"finally" => Prev::StatementStart,
            _ => Prev::Operator,
        };
        self.header_next = matches!(
            word,
            b"if" | b"while" | b"for" | b"with" | b"switch" | b"catch"
        ) || (word == b"await" && was_header_keyword);
        Ok(())
    }

    fn word(&mut self) {
        while self.at < self.src.len() && is_word_byte(self.src[self.at]) {
            if self.src[self.at] == b'\\' {
                self.at += 1;
            }
            self.at += 1;
        }
        self.at = self.at.min(self.src.len());
    }

    /// Skips a numeric literal: radix-prefixed (`0x1e`, `0b1`), or decimal
    /// with at most one `.` and an exponent (`1.5e+3`), and a BigInt's
    /// `n`. Exact, so that `0x1e+1` keeps its `+` and `1..a` its `.`.
    fn skip_number(&mut self) {
        let digits = |scan: &mut Self, more: &dyn Fn(u8) -> bool| {
            while scan.at < scan.src.len() && (more(scan.src[scan.at]) || scan.src[scan.at] == b'_')
            {
                scan.at += 1;
            }
        };
        let rest = &self.src[self.at..];
        if rest.len() > 1 && rest[0] == b'0' && matches!(rest[1] | 0x20, b'x' | b'o' | b'b') {
            self.at += 2;
            digits(self, &|b| b.is_ascii_hexdigit());
        } else {
            digits(self, &|b| b.is_ascii_digit());
            if self.src.get(self.at) == Some(&b'.') {
                self.at += 1;
                digits(self, &|b| b.is_ascii_digit());
            }
            if self.src.get(self.at).is_some_and(|b| b | 0x20 == b'e') {
                self.at += 1;
                if self
                    .src
                    .get(self.at)
                    .is_some_and(|&b| b == b'+' || b == b'-')
                {
                    self.at += 1;
                }
                digits(self, &|b| b.is_ascii_digit());
            }
        }
        if self.src.get(self.at) == Some(&b'n') {
            self.at += 1;
        }
    }

    fn skip_line(&mut self) {
        while self.at < self.src.len() && !matches!(self.src[self.at], b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.at += 2;
        while self.at < self.src.len() && !self.src[self.at..].starts_with(b"*/") {
            if matches!(self.src[self.at], b'\n' | b'\r') {
                self.line_start = true;
            }
            self.at += 1;
        }
        self.at = (self.at + 2).min(self.src.len());
    }

    /// Skips a non-ASCII whitespace or line terminator (NBSP, BOM, the
    /// Unicode spaces, LS, PS) at `at`, if there is one.
    fn skip_unicode_space(&mut self) -> bool {
        let Some(c) = self
            .text
            .get(self.at..)
            .and_then(|rest| rest.chars().next())
        else {
            return false;
        };
        if !(c.is_whitespace() || c == '\u{FEFF}') {
            return false;
        }
        if matches!(c, '\u{2028}' | '\u{2029}') {
            self.line_start = true;
        }
        self.at += c.len_utf8();
        true
    }

    fn skip_string(&mut self, quote: u8) {
        self.at += 1;
        while self.at < self.src.len() {
            match self.src[self.at] {
                b'\\' => self.at += 2,
                b'\n' | b'\r' => return,
                b if b == quote => {
                    self.at += 1;
                    return;
                }
                _ => self.at += 1,
            }
        }
        self.at = self.src.len();
    }

    /// Reads template characters up to the closing backquote, or up to a
    /// `${`, which opens a substitution frame.
    fn template(&mut self) -> Result<(), TooDeep> {
        while self.at < self.src.len() {
            match self.src[self.at] {
                b'\\' => self.at += 2,
                b'`' => {
                    self.at += 1;
                    self.prev = Prev::Operand;
                    return Ok(());
                }
                b'$' if self.src.get(self.at + 1) == Some(&b'{') => {
                    let start = self.at;
                    self.at += 2;
                    self.deeper(start)?;
                    let base = self.depth() + 1;
                    if base > MAX_NESTING {
                        return Err(TooDeep(start));
                    }
                    self.frames
                        .push(Frame::new(Bracket::Substitution, base, false, false));
                    self.prev = Prev::Operator;
                    return Ok(());
                }
                _ => self.at += 1,
            }
        }
        self.at = self.src.len();
        self.prev = Prev::Operand;
        Ok(())
    }

    /// At a `/` where an operand may start: skips a regular expression
    /// literal and returns true, or, if none ends on this line (then it is
    /// not one), returns false without moving. The brackets inside count
    /// as nesting (without being matched against the ones outside): should
    /// the `/` have been a division after all, the code taken for a
    /// pattern cannot hide its depth.
    fn regex(&mut self, start: usize) -> Result<bool, TooDeep> {
        let mut at = self.at + 1;
        let mut inside = 0usize;
        let mut in_class = false;
        while at < self.src.len() {
            let b = self.src[at];
            match b {
                b'\\' => at += 2,
                b'\n' | b'\r' => return Ok(false),
                b'/' if !in_class => {
                    at += 1;
                    while at < self.src.len() && is_word_byte(self.src[at]) {
                        at += 1;
                    }
                    self.at = at;
                    return Ok(true);
                }
                b'(' | b'[' | b'{' => {
                    in_class |= b == b'[';
                    inside += 1;
                    if self.depth() + inside > MAX_NESTING {
                        return Err(TooDeep(start));
                    }
                    at += 1;
                }
                b')' | b']' | b'}' => {
                    in_class &= b != b']';
                    inside = inside.saturating_sub(1);
                    at += 1;
                }
                _ => at += 1,
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(source: &str) -> bool {
        check(source, false).is_ok()
    }

    #[test]
    fn ordinary_code_is_shallow() {
        assert!(depth_ok(crate::driver::PRELUDE));
        let statements = "console.log(i);\n".repeat(100_000);
        assert!(depth_ok(&statements));
        let asi = "let a = f(1)\nb.c.d(2)\nif (x) y()\nelse z()\n".repeat(10_000);
        assert!(depth_ok(&asi));
        let minified = "function a(){}if(b){c()}else{d()}x=1,y=2;".repeat(10_000);
        assert!(depth_ok(&minified));
        let class = "class A extends B { m() {} static n() {} get x() { return 1 } }\n";
        assert!(depth_ok(&class.repeat(5_000)));
        let switch = format!("switch (x) {{ {} }}", "case 1: f()\n".repeat(5_000));
        assert!(depth_ok(&switch));
    }

    /// Every way to nest that is known to recurse in the parser or the
    /// code generator counts at least one level per repetition.
    #[test]
    fn every_kind_of_nesting_counts() {
        let n = MAX_NESTING + 1;
        let shapes = [
            format!("x = {}1{};", "(".repeat(n), ")".repeat(n)),
            format!("x = {}{};", "[".repeat(n), "]".repeat(n)),
            format!("x = {}1{};", "{a:".repeat(n), "}".repeat(n)),
            format!("x = {}1{};", "f(".repeat(n), ")".repeat(n)),
            format!("{}{}", "function f(){".repeat(n), "}".repeat(n)),
            format!("x = {}1{};", "`${".repeat(n), "}`".repeat(n)),
            format!("{}{}", "for(;;){".repeat(n), "}".repeat(n)),
            format!("{}{}", "{".repeat(n), "}".repeat(n)),
            format!("{};", "if (1) ".repeat(n)),
            format!("{};", "if (1)\n".repeat(n)),
            format!("if (1) x(); {}", "else if (1) x()\n".repeat(n)),
            format!("x = {}1;", "1?1:".repeat(n)),
            format!("{}{}", "try {".repeat(n), "} finally {}".repeat(n)),
            format!("x = {}1;", "!".repeat(n)),
            format!("{}1;", "a = ".repeat(n)),
            format!("x = {}1;", "1+\n".repeat(n)),
            format!("x = {}1;", "a &&".repeat(n)),
            format!("x = a{};", ".a".repeat(n)),
            format!("x = a{};", "\n.a".repeat(n)),
            format!("x = 0x1e{};", "+0x1e".repeat(n)),
            format!("x = 1.{};", ".a".repeat(n)),
            format!("x = 1e5{};", "-1e-5".repeat(n)),
            format!("x = f{};", "()".repeat(n)),
            format!("x = f{};", "`t`".repeat(n)),
            format!("f = {}1;", "() => ".repeat(n)),
            format!("{}x;", "a: ".repeat(n)),
            format!("{}x;", "do ".repeat(n)),
            format!("x = {}1;", "new ".repeat(n)),
            format!("x = {}1;", "typeof ".repeat(n)),
            format!("x = {}a;", "async () => ".repeat(n)),
            format!("{}{}", "{ function f() {} /}/;".repeat(n), "}".repeat(n)),
            // A word that may name a variable, then a division the scan
            // takes for a regular expression: its brackets still count.
            format!(
                "let of = 1;\nx = of / {}1{} / 1;",
                "(".repeat(n),
                ")".repeat(n)
            ),
            format!("x = `${{'}}'}}` + {}1;", "(".repeat(n)),
        ];
        for (i, shape) in shapes.iter().enumerate() {
            assert!(
                check(shape, false).is_err(),
                "shape {i} not caught: {}",
                &shape[..80.min(shape.len())]
            );
        }
    }

    #[test]
    fn the_error_is_where_the_limit_is_crossed() {
        let source = format!("let x = {}1{};", "(".repeat(2000), ")".repeat(2000));
        let TooDeep(at) = check(&source, false).unwrap_err();
        assert!((8..8 + 2000).contains(&at), "{at}");
    }

    #[test]
    fn brackets_inside_literals_and_comments_do_not_count() {
        let n = MAX_NESTING + 1;
        let hidden = [
            format!("x = '{}';", "(".repeat(n)),
            format!("x = \"{}\";", "[".repeat(n)),
            format!("x = `{}`;", "{".repeat(n)),
            format!("// {}\n", "(".repeat(n)),
            format!("/* {} */", "(".repeat(n)),
            format!("x = /{}/;", "\\(".repeat(n)),
            "if (x) /[(]\\)[/]/.test(y);\n".repeat(n),
        ];
        for (i, source) in hidden.iter().enumerate() {
            assert!(depth_ok(source), "source {i} counted");
        }
        assert!(check(&format!("<!-- {}\n", "(".repeat(n)), true).is_ok());
        assert!(check(&format!("x = 1 <!-- {}\n", "(".repeat(n)), false).is_err());
    }

    #[test]
    fn a_closing_bracket_in_a_regular_expression_hides_nothing() {
        let n = MAX_NESTING / 2 + 1;
        // Real depth 2n: the regular expression's `)` closes nothing.
        let source = format!(
            "{}x;\nif (1) /{}/;\n{}x;",
            "(".repeat(n),
            ")".repeat(n),
            "(".repeat(n)
        );
        assert!(check(&source, false).is_err());
        let source = format!(
            "{} a = () => {{}}\n/{}/; {}",
            "{".repeat(n),
            "}".repeat(n),
            "{".repeat(n)
        );
        assert!(check(&source, false).is_err());
        let source = format!(
            "{} function f() {{}} /{}/; {}",
            "{".repeat(n),
            "}".repeat(n),
            "{".repeat(n)
        );
        assert!(check(&source, false).is_err());
    }

    /// Any text is scanned without a panic, whatever it holds: cut
    /// strings, templates and comments, stray brackets and escapes.
    #[test]
    fn any_text_is_scanned_without_a_panic() {
        let alphabet: Vec<char> = "(){}[]`$'\"/\\*!?.:;,=<>-+#0x1e a if of => \n\u{2028}é"
            .chars()
            .collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let _ = check(&text, state & 1 == 0);
        }
    }
}
