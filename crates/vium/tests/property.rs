//! Randomised property tests.
//!
//! - `random_object_graphs_match_node`: seeded random scripts build and
//!   mutate object graphs (objects, arrays, nesting, shared references,
//!   cycles, overwrites, array growth with holes, string building, garbage)
//!   and print a canonical walk of the graph at build time and again from
//!   export 1 after restore, which mutates further first. `vium run` (with a
//!   heap limit small enough to collect many times) and Node must print the
//!   same. Failing scripts are kept in `target/property/`.
//! - `random_allocations_end_in_a_caught_out_of_memory`: random allocation
//!   sizes up to the 64 KiB heap; the script must catch
//!   `RangeError: out of memory`. Prints the largest live heap reached
//!   (`cargo test -p vium --test property -- --nocapture`).
//!
//! `VIUM_PROPERTY_CASES=N` changes the number of random graph scripts
//! (default 30); `VIUM_PROPERTY_SEED=S` the seed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use vium_vm::{CallError, Host, HostCall, HostError, HostValue, StdAllocator, Vm};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const VIUM: &str = env!("CARGO_BIN_EXE_vium");

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Property names the scripts use; the walk prints exactly these.
const KEYS: [&str; 6] = ["a", "b", "c", "p", "q", "s"];
const VARS: usize = 6;

/// The walk: every value printed canonically, objects and arrays numbered
/// in discovery order so shared references and cycles print as `#id`.
const SHOW: &str = r##"function show(v, seen) {
  if (typeof v === "string") {
    return "'" + v + "'";
  }
  if (typeof v !== "object" || v === null) {
    return "" + v;
  }
  for (let i = 0; i < seen.length; i++) {
    if (seen[i] === v) {
      return "#" + i;
    }
  }
  seen.push(v);
  let out = "#" + (seen.length - 1);
  if (v.length !== undefined) {
    out = out + "[";
    for (let i = 0; i < v.length; i++) {
      out = out + (i > 0 ? "," : "") + show(v[i], seen);
    }
    return out + "]";
  }
  out = out + "{";
  const keys = ["a", "b", "c", "p", "q", "s"];
  for (let i = 0; i < keys.length; i++) {
    const x = v[keys[i]];
    if (x !== undefined) {
      out = out + keys[i] + ":" + show(x, seen) + ";";
    }
  }
  return out + "}";
}
"##;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Object,
    Array,
}

struct Gen {
    rng: Rng,
    kinds: [Kind; VARS],
}

impl Gen {
    fn var(&mut self) -> usize {
        self.rng.below(VARS)
    }
    fn key(&mut self) -> &'static str {
        KEYS[self.rng.below(KEYS.len() - 1)]
    }

    fn number(&mut self) -> String {
        match self.rng.below(7) {
            0 => format!("{}", self.rng.below(100)),
            1 => format!("-{}", self.rng.below(9000)),
            2 => format!("{} * 70000", self.rng.below(40000)),
            3 => format!("{} / 8", self.rng.below(100)),
            4 => "0.1 + 0.2".to_string(),
            5 => "2147483647 + 1".to_string(),
            _ => format!("{} % 7", self.rng.below(1000)),
        }
    }

    fn expr(&mut self, depth: usize) -> String {
        let pick = if depth > 2 {
            self.rng.below(5)
        } else {
            self.rng.below(10)
        };
        match pick {
            0 | 1 => self.number(),
            2 => format!("\"str{}\"", self.rng.below(50)),
            3 => ["null", "true", "false", "undefined", "\"\""][self.rng.below(5)].to_string(),
            4 => format!("v{}", self.var()),
            5 => {
                let v = self.var();
                if self.kinds[v] == Kind::Object {
                    format!("v{v}.{}", self.key())
                } else {
                    format!("v{v}[{}]", self.rng.below(6))
                }
            }
            6 => format!("\"k\" + {}", self.number()),
            7 => {
                let n = self.rng.below(4);
                let items: Vec<String> = (0..n).map(|_| self.expr(depth + 1)).collect();
                format!("[{}]", items.join(", "))
            }
            _ => {
                let n = self.rng.below(4);
                let mut keys: Vec<&str> = Vec::new();
                for _ in 0..n {
                    let k = self.key();
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                let fields: Vec<String> = keys
                    .iter()
                    .map(|k| format!("{k}: {}", self.expr(depth + 1)))
                    .collect();
                format!("{{ {} }}", fields.join(", "))
            }
        }
    }

    /// One statement that changes the graph; `indent` for readability.
    fn statement(&mut self, out: &mut String, indent: &str) {
        let v = self.var();
        let w = self.var();
        let line = match (self.rng.below(12), self.kinds[v]) {
            (0, _) => {
                self.kinds[v] = Kind::Object;
                format!("v{v} = {{ a: {}, b: {} }};", self.expr(1), self.expr(1))
            }
            (1, _) => {
                self.kinds[v] = Kind::Array;
                format!("v{v} = [{}, {}];", self.expr(1), self.expr(1))
            }
            (2, _) => {
                self.kinds[v] = self.kinds[w];
                format!("v{v} = v{w};")
            }
            (3 | 4, Kind::Object) => format!("v{v}.{} = {};", self.key(), self.expr(0)),
            (3, Kind::Array) => format!("v{v}.push({});", self.expr(0)),
            (4, Kind::Array) => format!("v{v}[{}] = {};", self.rng.below(12), self.expr(0)),
            // Shared references and cycles.
            (5 | 6, Kind::Object) => format!("v{v}.{} = v{w};", self.key()),
            (5 | 6, Kind::Array) => format!("v{v}.push(v{w});"),
            // String building.
            (7, Kind::Object) => format!(
                "v{v}.s = (typeof v{v}.s === \"string\" ? v{v}.s : \"\") + \"ab\" + {};",
                self.rng.below(1000)
            ),
            // (Not `"" + v[0]`: an array that holds itself joins to "" in
            // Node and throws a RangeError in vium; see docs/memory.md.)
            (7, Kind::Array) => format!(
                "v{v}[0] = (typeof v{v}[0] === \"string\" ? v{v}[0] : \"\") + {};",
                self.rng.below(10)
            ),
            // Garbage: many short-lived allocations, one survivor.
            (8, Kind::Object) => format!(
                "for (let i = 0; i < {}; i++) {{\n{indent}  v{v}.c = {{ a: i, b: [i, \"t\" + i], p: v{w} }};\n{indent}}}",
                10 + self.rng.below(60)
            ),
            (8, Kind::Array) => format!(
                "for (let i = 0; i < {}; i++) {{\n{indent}  v{v}[1] = [i, {{ q: \"t\" + i }}];\n{indent}}}",
                10 + self.rng.below(60)
            ),
            // Growth by push in a loop.
            (9, Kind::Array) => format!(
                "for (let i = 0; i < {}; i++) {{\n{indent}  v{v}.push(i * {});\n{indent}}}",
                self.rng.below(20),
                self.rng.below(5)
            ),
            (9, Kind::Object) => format!(
                "switch ({} % 3) {{\n{indent}  case 0:\n{indent}    v{v}.q = v{w};\n{indent}    break;\n{indent}  case 1:\n{indent}    v{v}.a = {};\n{indent}  default:\n{indent}    v{v}.b = {};\n{indent}}}",
                self.rng.below(9),
                self.expr(1),
                self.expr(1)
            ),
            // Nested literals holding existing nodes.
            (10, _) => {
                self.kinds[v] = Kind::Object;
                format!(
                    "v{v} = {{ a: {{ b: [1, {{ c: \"deep\" }}, v{w}] }}, p: v{}, q: [v{w}, v{w}] }};",
                    self.var()
                )
            }
            // Overwrite with a primitive, then back to a node.
            (_, Kind::Object) => format!("v{v}.{} = {}; v{v}.p = v{v};", self.key(), self.number()),
            (_, Kind::Array) => format!("v{v}[v{v}.length] = v{v};"),
        };
        let _ = writeln!(out, "{indent}{line}");
    }
}

fn summary(out: &mut String, indent: &str) {
    let _ = writeln!(out, "{indent}const seen = [];");
    for i in 0..VARS {
        let _ = writeln!(out, "{indent}console.log(\"v{i}\", show(v{i}, seen));");
    }
}

fn random_script(seed: u64) -> String {
    let mut g = Gen {
        rng: Rng(seed | 1),
        kinds: [Kind::Object; VARS],
    };
    let mut s = format!("// Generated by crates/vium/tests/property.rs, seed {seed:#x}.\n");
    s.push_str(SHOW);
    for i in 0..VARS {
        if i % 2 == 0 {
            let _ = writeln!(s, "let v{i} = {{ a: {i} }};");
        } else {
            g.kinds[i] = Kind::Array;
            let _ = writeln!(s, "let v{i} = [{i}];");
        }
    }
    for _ in 0..15 + g.rng.below(25) {
        g.statement(&mut s, "");
    }
    summary(&mut s, "");
    s.push_str("vmExport(1, function () {\n");
    for _ in 0..10 + g.rng.below(25) {
        g.statement(&mut s, "  ");
    }
    summary(&mut s, "  ");
    s.push_str("});\n");
    s
}

struct Outcome {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Outcome {
    let out = cmd.current_dir(ROOT).output().expect("the command starts");
    Outcome {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn node_available() -> bool {
    Command::new("node").arg("--version").output().is_ok()
}

fn out_dir() -> PathBuf {
    let dir =
        Path::new(&std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| format!("{ROOT}/target")))
            .join("property");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn random_object_graphs_match_node() {
    assert!(
        node_available(),
        "node is needed for the reference runs (.ci/run installs it)"
    );
    let cases: u64 = std::env::var("VIUM_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let base: u64 = std::env::var("VIUM_PROPERTY_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_0F6C);
    let dir = out_dir();
    let mut failures = Vec::new();
    for case in 0..cases {
        let seed = base.wrapping_add(case.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let script = random_script(seed);
        let path = dir.join(format!("graph-{case:02}.js"));
        std::fs::write(&path, &script).unwrap();
        // Small heaps: the run-time part collects many times.
        let limit = [4096, 6144, 8192, 12288][case as usize % 4].to_string();
        let vium = run(Command::new(VIUM).arg("run").arg(&path).args([
            "--heap-limit",
            &limit,
            "--call",
            "1",
        ]));
        let node = run(Command::new("node")
            .arg("tests/node-shim.mjs")
            .arg(&path)
            .args(["--call", "1"]));
        let lines = node.stdout.lines().count();
        if node.status != Some(0) || lines != 2 * VARS {
            failures.push(format!(
                "{}: the generator wrote a script Node rejects: {}",
                path.display(),
                node.stderr
            ));
        } else if vium.stdout != node.stdout || vium.status != node.status {
            failures.push(format!(
                "{} (heap limit {limit}): vium exit {:?}\n--- vium\n{}{}--- node\n{}",
                path.display(),
                vium.status,
                vium.stdout,
                vium.stderr,
                node.stdout
            ));
        } else {
            std::fs::remove_file(&path).unwrap();
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} random graph scripts differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A build-time host that prints nothing and provides no imports.
struct Quiet;
impl Host for Quiet {
    fn write(&mut self, _: &[u8]) {}
    fn call<'s>(
        &'s mut self,
        _: &mut Vm<'_>,
        _: u16,
        _: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Err(HostError::Error("no imports"))
    }
}

/// Keeps allocating arrays and strings of random sizes (all alive, from a
/// global) until the heap is full; the script must catch the RangeError.
const FILL: &str = r#"let keep = [];
let seed = 1;
function next() {
  seed = (seed * 75 + 74) % 65537;
  return seed;
}
vmExport(1, function (start) {
  seed = start;
  keep = [];
  let pieces = 0;
  try {
    while (true) {
      const r = next();
      if (r % 4 === 0) {
        let s = "x";
        const n = 1 + (r % 11);
        for (let i = 0; i < n; i++) {
          s = s + s;
        }
        keep.push(s + r);
      } else {
        const a = [];
        a[r % 1900] = r;
        keep.push(a);
      }
      pieces = pieces + 1;
    }
  } catch (e) {
    return e.name + ": " + e.message + " after " + (pieces > 0 ? "pieces" : "nothing");
  }
});
vmExport(2, function () {
  keep = [];
});
"#;

#[test]
fn random_allocations_end_in_a_caught_out_of_memory() {
    let mut load = |p: &str| (p == "fill.js").then(|| FILL.to_string());
    let image = vium_compiler::driver::build_modules("fill.js", &mut load, &mut Quiet).unwrap();
    let mut alloc = StdAllocator;
    let mut vm = Vm::restore(&image, &mut alloc, &Quiet).unwrap();
    let mut largest = 0;
    for seed in [1.0, 7.0, 1234.0, 40000.0, 65000.0] {
        let r = vm.call_export(&mut Quiet, 1, &[HostValue::Number(seed)]);
        let mut text = Vec::new();
        if r == Err(CallError::Uncaught) {
            vm.exception()
                .write_display(&mut |b| text.extend_from_slice(b));
            panic!("seed {seed}: uncaught {}", String::from_utf8_lossy(&text));
        }
        assert_eq!(r, Ok(()), "seed {seed}");
        vm.result()
            .write_display(&mut |b| text.extend_from_slice(b));
        let text = String::from_utf8_lossy(&text).into_owned();
        assert_eq!(
            text, "RangeError: out of memory after pieces",
            "seed {seed}"
        );
        // `keep` still holds everything: a full collection leaves exactly
        // the live heap the script reached.
        vm.run_gc().unwrap();
        let m = vm.memory_stats();
        println!(
            "seed {seed}: live heap at out of memory {} bytes (peak {}, {} collections)",
            m.heap_used, m.heap_peak, m.collections
        );
        assert!(m.heap_used > 48 * 1024, "only {} bytes live", m.heap_used);
        assert!(m.heap_peak <= 0xFFFE);
        largest = largest.max(m.heap_used);
        vm.call_export(&mut Quiet, 2, &[]).unwrap();
        vm.run_gc().unwrap();
        assert!(vm.memory_stats().heap_used < 1024);
    }
    println!("largest live heap reached before out of memory: {largest} bytes of 65534");
}
