//! End-to-end tests of the compiler: sources in, image bytes and disassembly
//! out, and the errors for what is not supported.

use crate::{compile_modules, disassemble, Diagnostics};

fn compile(src: &str) -> Result<Vec<u8>, Diagnostics> {
    let src = src.to_string();
    compile_modules("main.js", &mut |p| (p == "main.js").then(|| src.clone()))
}

fn disasm(src: &str) -> String {
    match compile(src) {
        Ok(image) => disassemble(&image).unwrap(),
        Err(e) => panic!("compile failed:\n{e}"),
    }
}

/// The errors as `line:column message`.
fn errors(src: &str) -> Vec<String> {
    match compile(src) {
        Ok(_) => panic!("expected errors for {src:?}"),
        Err(d) => {
            d.0.iter()
                .map(|e| format!("{}:{} {}", e.line, e.column, e.message))
                .collect()
        }
    }
}

#[test]
fn hello_world() {
    let d = disasm("console.log('hello', 1 + 2);");
    println!("{d}");
    assert!(d.contains("GetMethod \"log\""), "{d}");
    assert!(d.contains("Call 2"), "{d}");
    assert!(d.contains("\"hello\""), "{d}");
}

fn modules(files: &[(&str, &str)]) -> Result<Vec<u8>, Diagnostics> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect();
    let entry = files[0].0.clone();
    compile_modules(&entry, &mut |p| {
        files.iter().find(|f| f.0 == p).map(|f| f.1.clone())
    })
}

/// The instructions of the disassembly, without offsets, one per line.
fn ops(d: &str) -> String {
    d.lines()
        .filter(|l| l.starts_with("      ") && !l.trim_start().starts_with("params"))
        .map(|l| l.trim_start()[6..].to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn locals_args_and_globals() {
    let d = disasm("let g = 1; function f(a) { let b = a * 2; g = b; return b; } vmExport(1, f);");
    let o = ops(&d);
    assert!(
        o.contains("LoadArg 0\nInt8 2\nMul\nStoreLocal 0\nLoadLocal 0\nStoreGlobal g"),
        "{o}"
    );
    assert!(d.contains("params 1 locals 1"), "{d}");
    assert!(
        o.contains("Const VmExport\nUndefined\nInt8 1\nLoadGlobal g"),
        "{o}"
    );
    assert!(d.contains("g0 = Undefined"), "{d}");
}

#[test]
fn number_literals_choose_their_encoding() {
    let d = disasm("let a = [5, 1000, 100000, 1.5, -0, NaN, -7, Infinity];");
    let o = ops(&d);
    assert!(
        o.contains("Int8 5\nArrayPush\nConst 1000\nArrayPush\nConst int32 100000"),
        "{o}"
    );
    assert!(d.contains("int32 100000"), "{d}");
    assert!(d.contains("float64 1.5"), "{d}");
    assert!(d.contains("float64 inf"), "{d}");
    assert!(
        o.contains("Const NegZero") && o.contains("Const NaN") && o.contains("Int8 -7"),
        "{o}"
    );
    assert!(d.contains("flags 0x0001: float"), "{d}");
    assert!(disasm("let a = 1;").contains("flags 0x0000"));
}

#[test]
fn control_flow_jumps_land_on_instructions() {
    let d = disasm(
        "let s = 0; for (let i = 0; i < 10; i++) { if (i % 2) continue; if (i > 7) break; s += i; }
         while (s > 0) { s--; } do { s++; } while (s < 3);
         let t = s > 1 ? 'a' : 'b'; let u = s && t || null; let v = s ?? 4;",
    );
    let targets: Vec<usize> = d
        .lines()
        .filter_map(|l| l.split("-> ").nth(1))
        .map(|t| usize::from_str_radix(t.trim(), 16).unwrap())
        .collect();
    assert!(!targets.is_empty());
    for t in targets {
        assert!(
            d.contains(&format!("      {t:04x}  ")),
            "jump to {t:04x} misses:\n{d}"
        );
    }
}

#[test]
fn closures_capture_through_environments() {
    let d = disasm(
        "function counter() { let n = 0; return function () { n++; return n; }; }
         function pure() { return function (x) { return x; }; }
         vmExport(1, counter); vmExport(2, pure);",
    );
    let o = ops(&d);
    assert!(o.contains("PushScope 1"), "{o}");
    assert!(o.contains("LoadScoped 0 0"), "{o}");
    assert!(o.contains("Closure @"), "{o}");
    // `pure` returns a plain function constant: no environment, no closure.
    assert_eq!(o.matches("Closure").count(), 1, "{o}");
}

#[test]
fn captured_parameters_are_copied_into_the_environment() {
    let o = ops(&disasm(
        "function f(a, b) { return () => b; } vmExport(1, f);",
    ));
    assert!(o.contains("PushScope 1\nLoadArg 1\nStoreScoped 0 0"), "{o}");
}

#[test]
fn grandchild_capture_makes_the_parent_a_closure_too() {
    let o = ops(&disasm(
        "function f() { let x = 1; return function g() { return function h() { return x; }; }; }
         vmExport(1, f);",
    ));
    assert_eq!(o.matches("Closure").count(), 2, "{o}");
    assert!(o.contains("LoadScoped 0 0"), "{o}");
}

#[test]
fn per_iteration_let_clones_the_scope() {
    let o = ops(&disasm(
        "let fs = []; for (let i = 0; i < 3; i++) { fs.push(() => i); } vmExport(1, fs);",
    ));
    assert!(o.contains("PushScope 1\nInt8 0\nStoreScoped 0 0"), "{o}");
    assert!(o.contains("CloneScope"), "{o}");
    assert!(o.contains("PopScope"), "{o}");
    let o = ops(&disasm(
        "let s = 0; for (let i = 0; i < 3; i++) { s += i; }",
    ));
    assert!(!o.contains("Scope"), "{o}");
}

#[test]
fn break_out_of_a_block_with_an_environment_pops_it() {
    let o = ops(&disasm(
        "let fs = []; while (true) { let x = 1; fs.push(() => x); if (x) break; }",
    ));
    let brk = o.find("PopScope\nJump").expect(&o);
    assert!(brk > o.find("PushScope 1").unwrap(), "{o}");
}

#[test]
fn arrows_capture_this() {
    let o = ops(&disasm(
        "let o = { n: 1, f() { return () => this.n; } }; vmExport(1, o);",
    ));
    assert!(o.contains("PushScope 1\nThis\nStoreScoped 0 0"), "{o}");
    assert!(o.contains("LoadScoped 0 0\nGetField \"n\""), "{o}");
}

#[test]
fn named_function_expressions_can_call_themselves() {
    let o = ops(&disasm(
        "let fact = function f(n) { return n ? n * f(n - 1) : 1; }; vmExport(1, fact);",
    ));
    assert!(o.contains("PushScope 1\nClosure @"), "{o}");
    assert!(o.contains("Dup\nStoreScoped 0 0\nPopScope"), "{o}");
    assert!(o.contains("LoadScoped 0 0\nUndefined\nLoadArg 0"), "{o}");
}

#[test]
fn try_catch_and_throw() {
    let o = ops(&disasm(
        "let r; try { throw new Error('x'); } catch (e) { r = e; }
         try { r = 1; } catch { r = 2; }",
    ));
    assert!(o.contains("TryStart"), "{o}");
    assert!(o.contains("Const Error\nConst \"x\""), "{o}");
    assert!(o.contains("New 1\nThrow"), "{o}");
    assert!(o.contains("TryEnd\nJump"), "{o}");
    assert!(o.contains("StoreLocal 0\nLoadLocal 0\nStoreGlobal"), "{o}");
    let d = disasm("function f() { try { return 1; } catch (e) { return 2; } } vmExport(1, f);");
    assert!(d.contains("max_stack 5"), "{d}");
}

#[test]
fn objects_arrays_and_properties() {
    let o = ops(&disasm(
        "let k = 'z'; let o = { a: 1, [k]: 2, 3: 4, 'b c': 5 }; o.a = o[k]; o.a++; o[k] += 1;
         let arr = [1, , 3];",
    ));
    assert!(
        o.contains("NewObject\nConst \"a\"\nInt8 1\nInitProp\nLoadGlobal g0\nInt8 2"),
        "{o}"
    );
    assert!(o.contains("Const 3\nInt8 4\nInitProp"), "{o}");
    assert!(o.contains("SetField \"a\"\nPop"), "{o}");
    assert!(
        o.contains("Dup\nGetField \"a\"\nInt8 -1\nSub\nSetField \"a\"\nPop"),
        "{o}"
    );
    assert!(
        o.contains("Dup2\nGetProp\nInt8 1\nAdd\nSetProp\nPop"),
        "{o}"
    );
    assert!(
        o.contains("NewArray 3\nInt8 1\nArrayPush\nConst Hole\nArrayPush"),
        "{o}"
    );
}

#[test]
fn postfix_increment_in_value_position_yields_the_old_number() {
    let o = ops(&disasm(
        "let o = {a: 1}; let x = 0; let y = x++; let z = o.a--;",
    ));
    assert!(
        o.contains("LoadGlobal g1\nToNumber\nDup\nInt8 -1\nSub\nStoreGlobal g1"),
        "{o}"
    );
    assert!(
        o.contains("ToNumber\nDup\nStoreLocal 0\nInt8 1\nSub\nSetField \"a\"\nPop\nLoadLocal 0"),
        "{o}"
    );
}

#[test]
fn method_and_computed_calls_pass_the_receiver() {
    let o = ops(&disasm(
        "let o = {}; let k = 'f'; o.m(1); o[k](2); (0, o.m)();",
    ));
    assert!(o.contains("GetMethod \"m\"\nInt8 1\nCall 1"), "{o}");
    assert!(
        o.contains("Dup\nLoadGlobal g1\nGetProp\nSwap\nInt8 2\nCall 1"),
        "{o}"
    );
}

#[test]
fn typeof_of_undeclared_names_is_undefined() {
    let o = ops(&disasm(
        "let a = typeof foo; let b = typeof console; let c = typeof a;",
    ));
    assert!(o.contains("Const \"undefined\"\nStoreGlobal"), "{o}");
    assert!(o.contains("Const Console\nTypeOf"), "{o}");
}

#[test]
fn switch_compares_strictly() {
    let o = ops(&disasm(
        "let x = 2, r; switch (x) { case 1: r = 'a'; break; case 2: r = 'b'; default: r = 'c'; }",
    ));
    assert!(
        o.contains("LoadLocal 0\nInt8 1\nStrictEq\nJumpIfTrue"),
        "{o}"
    );
}

#[test]
fn template_literals_concatenate() {
    let o = ops(&disasm("let n = 1; let s = `a${n}b${n}`;"));
    assert!(
        o.contains("Const \"a\"\nLoadGlobal g0\nToString\nAdd\nConst \"b\"\nAdd\nLoadGlobal g0\nToString\nAdd"),
        "{o}"
    );
}

#[test]
fn strings_are_interned_once() {
    let d = disasm("let a = 'hello'; let b = 'hello'; let c = 'length'; let e = 'héllo';");
    assert_eq!(
        d.lines()
            .filter(|l| l.starts_with("  @") && l.ends_with("\"hello\""))
            .count(),
        1,
        "{d}"
    );
    assert!(d.contains("Const \"length\""), "{d}");
    assert!(d.contains("\"héllo\""), "{d}");
}

#[test]
fn modules_link_through_global_slots_in_dependency_order() {
    let image = modules(&[
        ("src/main.js", "import { twice as t, K } from './lib/math.js'; import d from './lib/def.js'; vmExport(1, t(K) + d);"),
        ("src/lib/math.js", "import { helper } from './helper.js'; export const K = 21; export function twice(x) { return helper(x) * 2; }"),
        ("src/lib/helper.js", "export function helper(x) { return x; }"),
        ("src/lib/def.js", "export { K as L } from './math.js'; export default 1 + 1;"),
    ])
    .unwrap();
    let d = disassemble(&image).unwrap();
    // The entry calls helper, math, def, main bodies in that order; bodies
    // are emitted in that order too, so their ROM offsets increase.
    let entry = d.split("Function").last().unwrap();
    assert_eq!(entry.matches("Call 0").count(), 4, "{d}");
    let calls: Vec<&str> = entry
        .lines()
        .filter(|l| l.contains("Const @"))
        .map(|l| l.trim())
        .collect();
    let mut sorted = calls.clone();
    sorted.sort();
    assert_eq!(calls, sorted, "{d}");
    assert!(
        ops(&d).contains("Const VmExport\nUndefined\nInt8 1\nLoadGlobal g"),
        "{d}"
    );
}

#[test]
fn module_errors_point_at_the_import() {
    let e = modules(&[
        ("main.js", "import { nope } from './a.js';\nimport { x } from './missing.js';\nimport y from 'pkg';"),
        ("a.js", "export const a = 1;"),
    ])
    .unwrap_err();
    let got: Vec<String> =
        e.0.iter()
            .map(|e| format!("{}:{} {}", e.line, e.column, e.message))
            .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got.iter()
            .any(|g| g.starts_with("1:10 module `./a.js` has no export named `nope`")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|g| g.starts_with("2:19 cannot find module")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|g| g.starts_with("3:15 cannot resolve `pkg`")),
        "{got:?}"
    );
}

#[test]
fn cyclic_imports_are_allowed() {
    modules(&[
        (
            "a.js",
            "import { b } from './b.js'; export function a() { return b; }",
        ),
        (
            "b.js",
            "import { a } from './a.js'; export function b() { return a; }",
        ),
    ])
    .unwrap();
}

#[test]
fn unsupported_constructs_are_errors_at_their_span() {
    let cases: &[(&str, &str)] = &[
        ("class A { accessor x = 1; }", "1:11 accessor properties"),
        ("class A { static { } }", "1:11 static blocks"),
        ("class A { #p = 1; }", "1:11 private names"),
        (
            "let o = { m() { return super.x; } };",
            "1:24 `super` outside a class",
        ),
        (
            "class A { m() { super.m(); } }",
            "1:17 `super` in a class without `extends`",
        ),
        (
            "class A extends Error { constructor() { let f = () => super(); } }",
            "1:55 `super()` outside a derived class's constructor",
        ),
        (
            "async function f() {}",
            "1:1 async functions need the builtin library",
        ),
        ("function* g() {}", "1:1 generator functions"),
        ("let r = /x/;", "1:9 regular expressions"),
        ("let b = 1n;", "1:9 BigInt"),
        (
            "let o = null; delete o?.x;",
            "1:22 `delete` of an optional chain",
        ),
        ("function f() { return new.target; }", "1:23 `new.target`"),
        ("let x = y;", "1:9 `y` is not defined"),
        ("z = 1;", "1:1 `z` is not defined"),
        (
            "const c = 1; c = 2;",
            "1:14 cannot assign to `c` because it is a constant",
        ),
        ("console = 1;", "1:1 cannot assign to the builtin `console`"),
        ("import * as ns from './main.js';", "1:8 namespace imports"),
        (
            "function f() { return () => arguments; }",
            "1:29 `arguments` in an arrow function",
        ),
        ("let a = arguments;", "1:9 `arguments` is not defined"),
        (
            "let o = {}; let { [o]: a, ...r } = o;",
            "1:20 a computed key before a rest element",
        ),
        (
            "class A { x = () => this; }",
            "1:21 `this` in an arrow function in a field initialiser",
        ),
    ];
    for (src, want) in cases {
        // These compile without the builtin library; a construct that
        // compiles to a call of one of its helpers also says so.
        let got: Vec<String> = errors(src)
            .into_iter()
            .filter(|e| !e.contains("is missing from the builtin library"))
            .collect();
        assert!(
            got.len() == 1 && got[0].starts_with(want),
            "{src:?}: want {want:?}, got {got:?}"
        );
    }
}

#[test]
fn all_errors_in_a_file_are_reported() {
    let got =
        errors("let a = 1;\nclass A { #x = 1; }\nlet b = 1n;\nfor await (const x of []) {}\n");
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got[0].starts_with("2:11 ") && got[1].starts_with("3:9 ") && got[2].starts_with("4:1 "),
        "{got:?}"
    );
}

#[test]
fn parse_errors_become_compile_errors_with_frames() {
    let e = compile("let x = ;\nlet = 5;").unwrap_err();
    assert!(!e.0.is_empty());
    assert_eq!((e.0[0].line, e.0[0].column), (1, 9), "{e}");
    let text = e.to_string();
    assert!(text.contains("main.js:1:9"), "{text}");
    assert!(text.contains("let x = ;"), "{text}");
}

#[test]
fn never_panics_on_odd_inputs() {
    for src in [
        "",
        ";;;",
        "{}",
        "(function(){ return; })()",
        "'use strict'; this;",
        "x => x",
        "let a = () => () => () => this;",
        "return 1",
        "}",
        "break;",
        "label: { break label; }",
        "with (a) {}",
        "import('x')",
        "let s = '\\uD800';",
        "`${`${1}`}`",
        "a?.b()",
        "new.target",
        "let o = { __proto__: null };",
        "switch (1) {}",
        "for(;;) {}",
    ] {
        let _ = compile(src);
    }
}

#[test]
fn disassembly_refuses_garbage() {
    assert!(disassemble(b"not an image").is_err());
    assert!(disassemble(&[]).is_err());
}

#[test]
fn labelled_break_and_continue_leave_environments_and_trys() {
    let o = ops(&disasm(
        "let fs = [];
         outer: for (let i = 0; i < 3; i++) {
           for (let j = 0; j < 3; j++) { fs.push(() => i + j); if (j) continue outer; }
         }
         lp: while (true) { try { break lp; } catch (e) {} }
         blk: { if (fs) break blk; fs = 0; }",
    ));
    // `continue outer` pops the inner loop's environment only.
    assert!(o.contains("PopScope\nJump"), "{o}");
    assert!(o.contains("TryEnd\nJump"), "{o}");
    assert!(errors("a: { break b; }").len() == 1);
}

#[test]
fn logical_assignment_evaluates_the_right_side_only_when_needed() {
    let o = ops(&disasm("let a = 0; a ||= 1; let o = {}; o.x ??= 2;"));
    assert!(o.contains("LoadGlobal g0\nDup\nJumpIfFalse"), "{o}");
    assert!(
        o.contains("Dup\nGetField \"x\"\nDup\nNull\nStrictEq\nJumpIfTrue"),
        "{o}"
    );
}

#[test]
fn only_functions_used_as_objects_become_function_objects() {
    // Each inner function is made when its outer one runs, so the
    // disassembly of the image shows which ones are wrapped.
    let d = disasm(
        "function make() {
           function Ctor(a) { this.a = a; }
           Ctor.prototype.get = function () { return this.a; };
           const memo = (n) => memo.cache[n];
           memo.cache = {};
           function plain(x) { return x; }
           function called(x) { return x; }
           called.call(null, 1);
           return [new Ctor(1), memo, plain, called];
         }
         vmExport(1, make);",
    );
    let o = ops(&d);
    // `Ctor` gets a prototype (null kind), the arrow none (undefined kind).
    assert_eq!(o.matches("FunctionObject").count(), 2, "{o}");
    assert!(o.contains("Null\nConst @"), "{o}");
    assert!(o.contains("Undefined\nClosure @"), "{o}");
}
