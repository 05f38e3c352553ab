//! The builtin library costs nothing when unused: the prelude is compiled
//! into every build, but the snapshot keeps only the members whose names
//! reachable code mentions. These tests build scripts with and without the
//! prelude and compare the images.

use vium_compiler::driver::{build_modules, run_and_snapshot};
use vium_compiler::{compile_modules, disassemble};
use vium_vm::{Host, HostCall, HostError, HostValue, Vm};

#[derive(Default)]
struct Quiet;

impl Host for Quiet {
    fn write(&mut self, _: &[u8]) {}
    fn call<'s>(
        &'s mut self,
        _: &mut Vm<'_>,
        _: u16,
        _: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Err(HostError::Error("no imports here"))
    }
}

fn loader(source: &str) -> impl FnMut(&str) -> Option<String> {
    let src = source.to_string();
    move |p: &str| (p == "main.js").then(|| src.clone())
}

/// The normal build: prelude first, then the script.
fn build(source: &str) -> Vec<u8> {
    build_modules("main.js", &mut loader(source), &mut Quiet).expect("builds")
}

/// The same script built without the prelude.
fn build_without_prelude(source: &str) -> Vec<u8> {
    let image = compile_modules("main.js", &mut loader(source)).expect("compiles");
    run_and_snapshot(&image, &mut Quiet).expect("runs")
}

const EMPTY: &str = "";
const HELLO: &str = "function hello() { return 'Hello, World!'; }\n\
                     hello();\n\
                     vmExport(1, hello);\n";
/// `for…of` walks arrays by index, other iterables through the prelude's
/// iterators, which it keeps.
const FOR_OF: &str = "vmExport(1, (xs) => { let t = 0; for (const x of xs) t += x; return t; });\n";
/// `console.log` is a builtin too (JavaScript in the prelude).
const LOGGING: &str = "function hello() { console.log('Hello, World!'); }\n\
                       hello();\n\
                       vmExport(1, hello);\n";
/// Everything but builtins: closures, objects, arrays with push and length,
/// strings, classes, exceptions.
const NO_BUILTINS: &str = "let count = 0;\n\
    const items = [];\n\
    const config = { step: 2, name: 'counter' };\n\
    class Box { constructor(v) { this.v = v; } get2() { return this.v * 2; } }\n\
    function add(x) {\n\
      count += config.step * x;\n\
      items.push(new Box(count));\n\
      let total = 0;\n\
      for (let i = 0; i < items.length; i++) total += items[i].get2();\n\
      if (items.length > 3) items.length = 0;\n\
      try { if (x < 0) throw new RangeError('negative'); } catch (e) { return e.message; }\n\
      return config.name + '=' + total + '#' + String(x)[0];\n\
    }\n\
    add(1);\n\
    vmExport(1, add);\n";
/// No builtins, but string constants that the prelude uses too.
const SHARED_STRINGS: &str = "vmExport(1, (a, b) => a + ': ' + b + ', ' + [a, b].length + '\\n');";
/// A few builtins, at build time and after restore.
const SOME_BUILTINS: &str = "const names = ['b', 'a', 'c'].sort();\n\
    vmExport(1, function (x) {\n\
      const parts = names.map((n) => n.toUpperCase());\n\
      return parts.join('-') + Math.floor(x) + JSON.stringify({ x: x });\n\
    });\n";

/// A map and a set, made at build time and used after restore.
const MAP: &str = "const m = new Map();\nvmExport(1, (k, v) => m.set(k, v).get(k));\n";
const SET: &str = "const s = new Set();\nvmExport(1, (k) => s.add(k).has(k));\n";

/// String constants are laid out in ROM in the order the compiler first met
/// them, and the prelude is compiled first: a string the prelude uses too
/// moves. The image has the same size and contents, in another order.
#[test]
fn scripts_sharing_strings_with_the_prelude_get_images_of_the_same_size() {
    let with = build(SHARED_STRINGS);
    let without = build_without_prelude(SHARED_STRINGS);
    assert_eq!(with.len(), without.len());
    let strings = |image: &[u8]| {
        let text = disassemble(image).unwrap();
        let mut found: Vec<String> = text
            .lines()
            .filter_map(|l| l.trim().split_once(' '))
            .filter(|(at, rest)| at.starts_with('@') && rest.starts_with('"'))
            .map(|(_, rest)| rest.to_string())
            .collect();
        found.sort();
        found
    };
    assert_eq!(strings(&with), strings(&without));
}

/// Exact bytes even then: the snapshot writer lays ROM out in the order
/// reachable code is discovered, which does not depend on the prelude.
#[test]
fn scripts_sharing_strings_with_the_prelude_build_to_the_same_bytes() {
    assert_eq!(build(SHARED_STRINGS), build_without_prelude(SHARED_STRINGS));
}

#[test]
fn scripts_without_builtins_build_to_the_same_bytes_as_without_the_prelude() {
    for (name, source) in [
        ("empty", EMPTY),
        ("hello", HELLO),
        ("no builtins", NO_BUILTINS),
    ] {
        let with = build(source);
        let without = build_without_prelude(source);
        assert_eq!(
            with,
            without,
            "{name}: the prelude changed the image\nwith prelude:\n{}\nwithout:\n{}",
            disassemble(&with).unwrap(),
            disassemble(&without).unwrap()
        );
    }
}

const ARRAY_MEMBERS: &[&str] = &[
    "pop",
    "shift",
    "unshift",
    "slice",
    "splice",
    "indexOf",
    "lastIndexOf",
    "includes",
    "join",
    "concat",
    "reverse",
    "sort",
    "filter",
    "forEach",
    "reduce",
    "reduceRight",
    "some",
    "every",
    "find",
    "findIndex",
    "fill",
    "at",
];

fn mentions(disasm: &str, name: &str) -> bool {
    disasm.contains(&format!("\"{name}\""))
}

#[test]
fn a_script_using_only_map_keeps_no_other_array_member() {
    let image = build("vmExport(1, (a) => a.map((x) => x + 1));");
    let text = disassemble(&image).unwrap();
    assert!(mentions(&text, "map"), "map is missing:\n{text}");
    for name in ARRAY_MEMBERS {
        assert!(!mentions(&text, name), "{name} was kept:\n{text}");
    }
    // Nor anything from the other builtin objects.
    for name in [
        "toUpperCase",
        "floor",
        "stringify",
        "keys",
        "isArray",
        "toFixed",
    ] {
        assert!(!mentions(&text, name), "{name} was kept:\n{text}");
    }
}

#[test]
fn a_method_used_only_after_restore_is_kept_and_works() {
    let image = build("vmExport(1, (s) => s.split(',').reverse().join('+'));");
    let text = disassemble(&image).unwrap();
    for name in ["split", "reverse", "join"] {
        assert!(mentions(&text, name), "{name} is missing:\n{text}");
    }
    for name in ["slice", "sort", "padStart", "trim"] {
        assert!(!mentions(&text, name), "{name} was kept:\n{text}");
    }
}

/// The documented limit: a name assembled at run time is not seen, so the
/// member is dropped from the image even though the script reads it.
#[test]
fn a_method_name_assembled_at_run_time_is_not_kept() {
    let image = build("const part = 'fil';\nvmExport(1, (a, b) => a[part + b]);");
    let text = disassemble(&image).unwrap();
    assert!(!mentions(&text, "filter"), "filter was kept:\n{text}");
}

/// `console.log` whose arguments are text by their form (literals,
/// templates, `'…' + x`) carries the small text logger; any other argument
/// brings the inspector, which formats objects as Node does.
#[test]
fn console_log_of_text_carries_no_inspector() {
    let text_only = build(
        "const n = 3;\nvmExport(1, () => console.log('n is ' + n, `${n}!`, (typeof n) + 1));",
    );
    let text = disassemble(&text_only).unwrap();
    assert!(
        !text.contains("[Getter]"),
        "the inspector was kept:\n{text}"
    );
    let any = build("const n = 3;\nvmExport(1, () => console.log('n is', n));");
    let text = disassemble(&any).unwrap();
    assert!(
        text.contains("[Getter]"),
        "the inspector is missing:\n{text}"
    );
    assert!(
        text_only.len() * 4 < any.len(),
        "{} vs {}",
        text_only.len(),
        any.len()
    );
}

/// `Map` and `Set` are classes in the prelude: a script that does not name
/// them carries nothing of them, and neither does its `console.log`, whose
/// inspector learns them only in a program that names one of them.
#[test]
fn map_and_set_cost_only_the_scripts_that_name_them() {
    let logs = "vmExport(1, (k, v) => console.log([k, v], { k }));";
    let text = disassemble(&build(logs)).unwrap();
    assert!(
        !text.contains("[[Entries]]"),
        "Map or Set was kept:\n{text}"
    );
    let text = disassemble(&build(MAP)).unwrap();
    assert!(text.contains("[[Entries]]"), "Map is missing:\n{text}");
    // Map walks arrays and strings itself, so it keeps neither builtin
    // iterator (the array one holds a float constant).
    assert!(!text.contains("float"), "{text}");
    assert!(
        text.contains("flags 0x0024: accessors, reflect"),
        "size is a getter (and the collection walks own keys):\n{text}"
    );
    assert!(
        !text.contains("\" => \""),
        "the collection inspector was kept:\n{text}"
    );
    let logs_a_set = "const s = new Set();\nvmExport(1, (k) => console.log(s.add(k)));";
    let text = disassemble(&build(logs_a_set)).unwrap();
    assert!(
        text.contains("\" => \""),
        "the collection inspector is missing:\n{text}"
    );
}

#[test]
fn image_sizes() {
    let mut report = String::new();
    for (name, source) in [
        ("empty script", EMPTY),
        ("hello world", HELLO),
        ("no builtins", NO_BUILTINS),
        ("no builtins, strings the prelude uses too", SHARED_STRINGS),
        ("hello world with console.log", LOGGING),
        ("for…of", FOR_OF),
        (
            "sort, map, toUpperCase, join, Math.floor, JSON.stringify",
            SOME_BUILTINS,
        ),
    ] {
        let with = build(source).len();
        if source == SOME_BUILTINS || source == LOGGING || source == FOR_OF {
            // Needs the prelude to build at all.
            report.push_str(&format!("{name}: {with} bytes\n"));
            continue;
        }
        let without = build_without_prelude(source).len();
        report.push_str(&format!(
            "{name}: {with} bytes (without the prelude: {without} bytes)\n"
        ));
        assert_eq!(with, without, "{name}");
    }
    for (name, source) in [("new Map, set, get", MAP), ("new Set, add, has", SET)] {
        report.push_str(&format!("{name}: {} bytes\n", build(source).len()));
    }
    // Shown with `cargo test -p vium --test builtins -- --nocapture`.
    println!("{report}");
}
