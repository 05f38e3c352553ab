//! Generated deep and long programs: every way of nesting, as deep as the
//! compiler accepts and one level deeper. The compiler must answer each
//! with an image or an error that has a source location, never overflow
//! its stack; and the limit must be the nesting scan's, not a crash's.

use crate::{compile_modules, nesting, Diagnostics};

/// A way of nesting: `head`, then `open` repeated, `inner`, `close`
/// repeated, then `tail`.
struct Shape {
    name: &'static str,
    head: &'static str,
    open: &'static str,
    inner: &'static str,
    close: &'static str,
    tail: &'static str,
}

const fn shape(
    name: &'static str,
    head: &'static str,
    open: &'static str,
    inner: &'static str,
    close: &'static str,
    tail: &'static str,
) -> Shape {
    Shape {
        name,
        head,
        open,
        inner,
        close,
        tail,
    }
}

/// The shapes that overflowed the stack before the nesting limit existed,
/// and their neighbours.
const SHAPES: &[Shape] = &[
    shape("parentheses", "let x = ", "(", "1", ")", ";"),
    shape("arrays", "let x = ", "[", "", "]", ";"),
    shape("objects", "let x = ", "{a:", "1", "}", ";"),
    shape(
        "calls",
        "function f(x) { return x }\nlet x = ",
        "f(",
        "1",
        ")",
        ";",
    ),
    shape(
        "call chain",
        "function f() { return f }\nlet x = f",
        "",
        "",
        "()",
        ";",
    ),
    shape("functions", "", "function f(){", "", "}", ""),
    shape("templates", "let x = ", "`${", "1", "}`", ";"),
    shape("for loops", "", "for(;;){", "", "}", ""),
    shape("blocks", "", "{", "", "}", ""),
    shape("if", "", "if (1) ", ";", "", ""),
    shape(
        "else if",
        "let a = 1;\nif (a) a++;\n",
        "else if (a) a++\n",
        "",
        "",
        "",
    ),
    shape("conditionals", "let x = ", "1?1:", "1", "", ";"),
    shape("try", "", "try {", "", "} finally {}", ""),
    shape("not", "let x = ", "!", "1", "", ";"),
    shape("assignments", "let a;\n", "a = ", "1", "", ";"),
    shape("additions", "let x = 1", "", "", "+1", ";"),
    shape("additions over lines", "let x = 1", "", "", "\n+ 1", ";"),
    shape("logical and", "let a = 1;\nlet x = a", "", "", " && a", ";"),
    shape("members", "let a = {};\nlet x = a", "", "", ".a", ";"),
    shape("arrows", "let f = ", "() => ", "1", "", ";"),
    shape("typeof", "let x = ", "typeof ", "1", "", ";"),
    shape("new", "class A {}\nlet x = ", "new ", "A", "", ";"),
    shape("array patterns", "let ", "[", "a", "]", " = [];"),
    shape("object patterns", "let ", "{a:", "b", "}", " = {};"),
    shape("assignment patterns", "let a;\n", "[", "a", "]", " = [];"),
    shape("conditions", "let a = 1;\nif ", "(", "!a", ")", " a++;"),
];

fn program(s: &Shape, n: usize) -> String {
    let mut p = String::from(s.head);
    p.push_str(&s.open.repeat(n));
    p.push_str(s.inner);
    p.push_str(&s.close.repeat(n));
    p.push_str(s.tail);
    p
}

fn compile(src: &str) -> Result<Vec<u8>, Diagnostics> {
    let src = src.to_string();
    compile_modules("main.js", &mut |p| (p == "main.js").then(|| src.clone()))
}

/// The most repetitions of `s` the nesting scan accepts.
fn deepest(s: &Shape) -> usize {
    let (mut ok, mut too_deep) = (0, 2 * nesting::MAX_NESTING + 2);
    assert!(nesting::check(&program(s, too_deep), false).is_err());
    while too_deep - ok > 1 {
        let mid = (ok + too_deep) / 2;
        if nesting::check(&program(s, mid), false).is_ok() {
            ok = mid;
        } else {
            too_deep = mid;
        }
    }
    ok
}

#[test]
fn the_deepest_accepted_nesting_compiles_and_one_more_level_is_an_error() {
    for s in SHAPES {
        let n = deepest(s);
        // A repetition counts one level per bracket and one per operator
        // or keyword: at most four (`function f(){`).
        assert!(n >= nesting::MAX_NESTING / 4, "{}: only {n} levels", s.name);
        if let Err(d) = compile(&program(s, n)) {
            // Other limits may apply (an operand stack of 255 values, a
            // function of 4 KiB), but not the nesting limit.
            assert!(
                !d.to_string().contains("nested too deeply"),
                "{} at {n}: {d}",
                s.name
            );
        }
        let d = compile(&program(s, n + 1)).expect_err(s.name);
        let e = &d.0[0];
        assert!(
            e.message.starts_with("nested too deeply"),
            "{}: {d}",
            s.name
        );
        assert!(e.rendered.contains("main.js:"), "{}: {d}", s.name);
        eprintln!("{}: {n} levels build", s.name);
    }
}

/// Far deeper than the limit, each shape is refused as fast as it is read.
#[test]
fn hundreds_of_thousands_of_levels_are_refused_quickly() {
    let started = std::time::Instant::now();
    for s in SHAPES {
        let d = compile(&program(s, 100_000)).expect_err(s.name);
        assert!(
            d.0[0].message.starts_with("nested too deeply"),
            "{}",
            s.name
        );
    }
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

/// A long program that is not deep: 100,000 statements in one module.
#[test]
fn a_long_flat_program_is_not_deep() {
    let source = "x = x + 1;\n".repeat(100_000);
    assert!(nesting::check(&source, false).is_ok());
}
