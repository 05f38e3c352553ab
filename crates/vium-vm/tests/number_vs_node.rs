//! The number conversions compared with Node, bit for bit, on a few thousand
//! generated inputs: `String(x)`, `toFixed`, `toPrecision`, `toExponential`,
//! `Number(s)`, `parseFloat`, `x % y`, and
//! decimal strings at, just above and just below the exact halfway point
//! between two doubles. Node is required: without it this test fails.
//! (`parseInt` is JavaScript in the prelude, built on `Number(s)` and
//! `parseFloat`; tests/scripts/parse_int_radixes.js checks it against Node.)
#![cfg(feature = "float")]

use std::fmt::Write as _;
use std::process::Command;
use vium_vm::number::{
    fmod, format_exponential, format_f64, format_fixed, format_precision, parse_float_prefix,
    parse_js_number,
};

const NODE_SCRIPT: &str = r#"
const fs = require('fs');
const dv = new DataView(new ArrayBuffer(8));
const num = h => { dv.setBigUint64(0, BigInt('0x' + h)); return dv.getFloat64(0); };
const hex = x => {
  if (Number.isNaN(x)) return 'NaN';
  dv.setFloat64(0, x);
  return dv.getBigUint64(0).toString(16).padStart(16, '0');
};
const str = h => Buffer.from(h, 'hex').toString('utf8');
const strHex = s => Buffer.from(s, 'utf8').toString('hex');
// The exact decimal text of the point halfway between x > 0 and the next double.
function halfway(x) {
  dv.setFloat64(0, x);
  const bits = dv.getBigUint64(0);
  const be = Number(bits >> 52n), frac = bits & ((1n << 52n) - 1n);
  const m = be === 0 ? frac : frac | (1n << 52n), e = (be === 0 ? 1 : be) - 1075;
  const n = 2n * m + 1n, p = e - 1; // halfway = n * 2^p
  if (p >= 0) return (n << BigInt(p)).toString();
  let d = (n * 5n ** BigInt(-p)).toString().padStart(-p + 1, '0');
  return d.slice(0, d.length + p) + '.' + d.slice(d.length + p);
}
const out = [];
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line) continue;
  const [kind, a, b] = line.split(' ');
  if (kind === 'D') {
    const x = num(a);
    const r = [String(x)];
    for (const d of [0, 2, 5, 20]) r.push(x.toFixed(d));
    for (const p of [1, 2, 6, 17, 21]) r.push(x.toPrecision(p));
    r.push(x.toExponential(), x.toExponential(0), x.toExponential(3));
    out.push(r.join(' '));
  } else if (kind === 'S') {
    const s = str(a);
    out.push([hex(Number(s)), hex(parseFloat(s))].join(' '));
  } else if (kind === 'M') {
    out.push(hex(num(a) % num(b)));
  } else if (kind === 'H') {
    const h = halfway(num(a));
    const dot = h.includes('.');
    const cut = h.replace(/0+$/, '');
    const below = cut.slice(0, -1) + String.fromCharCode(cut.charCodeAt(cut.length - 1) - 1) + '99999999999';
    const [ip, fp = ''] = h.split('.');
    const sci = ip.length > 1 ? ip[0] + '.' + ip.slice(1) + fp + 'e+' + (ip.length - 1) : h;
    const r = [];
    for (const s of [h, h + (dot ? '' : '.') + '0000000000000000000001', below, sci, '-' + h + 'e0'])
      r.push(strHex(s) + ':' + hex(Number(s)));
    out.push(r.join(' '));
  }
}
process.stdout.write(out.join('\n') + '\n');
"#;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn text(t: &[u8]) -> String {
    String::from_utf8(t.to_vec()).unwrap()
}

fn hex(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else {
        format!("{:016x}", x.to_bits())
    }
}

fn bytes_hex(s: &[u8]) -> String {
    s.iter().fold(String::new(), |mut o, b| {
        let _ = write!(o, "{b:02x}");
        o
    })
}

fn unhex(h: &str) -> Vec<u8> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
        .collect()
}

fn doubles(r: &mut Rng) -> Vec<f64> {
    let mut v: Vec<f64> = vec![
        0.0,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        -f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        -5e-324,
        1e21,
        1e-7,
        1e-6,
        0.5,
        1.5,
        2.5,
        -2.5,
        1.005,
        1.45,
        0.1 + 0.2,
        (1u64 << 50) as f64 + 0.25,
        (1u64 << 50) as f64 + 0.75,
        123456789012.0,
        4294967295.0,
        0.000001,
        0.0000001,
        1.7976931348623157e308,
        2.2250738585072014e-308,
        999999999999999999999.0,
        999999999999999900000.0,
        0.05,
        0.005,
        0.045,
        5e-7,
    ];
    let near = |x: f64, v: &mut Vec<f64>| {
        for d in [-2i64, -1, 1, 2] {
            v.push(f64::from_bits((x.to_bits() as i64 + d) as u64));
        }
    };
    for e in -30..=30 {
        let x: f64 = format!("1e{e}").parse().unwrap();
        v.push(x);
        near(x, &mut v);
    }
    for x in [
        1e21,
        1e-7,
        1e-6,
        2f64.powi(53),
        2f64.powi(-1022),
        2f64.powi(1023),
        1.0,
        0.5,
    ] {
        near(x, &mut v);
    }
    for _ in 0..800 {
        v.push(f64::from_bits(r.next()));
    }
    for _ in 0..100 {
        v.push(f64::from_bits(r.below(1 << 52)));
        v.push(f64::from_bits(r.below(1 << 20)));
    }
    for _ in 0..300 {
        // Short decimals, halfway cases like x.5 and x.xx5, integers.
        let digits = 1 + r.below(17) as u32;
        let n = r.below(10u64.pow(digits)) as f64;
        let k = r.below(25) as i32 - 5;
        v.push(n / 10f64.powi(k));
        let half = (2.0 * n + 1.0) / 2.0;
        v.push(half / 10f64.powi(r.below(4) as i32));
        v.push(-((r.next() >> (11 + r.below(50))) as f64));
    }
    for _ in 0..100 {
        let x = 10f64.powi(r.below(40) as i32 - 20) * (1.0 + r.below(1000) as f64 / 1000.0);
        v.push(if r.below(2) == 0 { x } else { -x });
    }
    v
}

fn decimal_strings(r: &mut Rng) -> Vec<Vec<u8>> {
    let fixed: &[&str] = &[
        "", " ", "\t\n\r\u{b}\u{c}", "Infinity", "-Infinity", "+Infinity", "infinity", "INFINITY",
        "Infinityx", "  -Infinity  ", "1e", "1e+", "1e-", "1E5", ".", "-.5", "+.5", "5.", "5.e3",
        ".e1", "-", "+", "0x", "0x1g", "0X1F", "-0x10", "+0x10", "0b101", "0B2", "0o17", "0O8",
        "0o", "1_000", "12px", "--1", "+-1", "nan", "NaN", "inf", "1e400", "-1e400", "1e-400",
        "-1e-400", "-0", "+0", "00012", "0.0000001", "1e21", "0e99999999999", "1e-99999999999",
        "123456789012345678901234567890", "0.1", "1.005", "2.5e-324", "2.4703282292062328e-324",
        "2.4703282292062327e-324", "1.7976931348623158e308", "1.7976931348623157e308",
        "1.797693134862315807e308", "4.9e-324", "\u{a0}42\u{feff}", "\u{2028}7\u{3000}",
        "\u{1680}\u{2000}\u{200a}\u{202f}\u{205f}8", "\u{85}1", "\u{200b}1", "1 2", "0.5 x",
        "0x10 ", " 0b11 ", "1.5.3", "0000.0000", "00.10e+0001", "9007199254740993",
        "9007199254740993.0000000000000000001", "0x20000000000001", "0x20000000000003",
        "0x1fffffffffffff8", "0x1fffffffffffff7", "0x1fffffffffffff801", "0b11111111111111111111111111111111111111111111111111111111",
        "0xfffffffffffff800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "zz", "ZZZZZZZZZZZZZZZZZ", "-0x", "0x-1", "1e+1e", "1.e", ".0e", "0.", "-0.0e-5",
    ];
    let mut v: Vec<Vec<u8>> = fixed.iter().map(|s| s.as_bytes().to_vec()).collect();
    for _ in 0..700 {
        let mut s = String::new();
        match r.below(4) {
            0 => s.push('-'),
            1 => s.push('+'),
            _ => {}
        }
        let nd = match r.below(10) {
            0 => 20 + r.below(400),
            1..=3 => 17 + r.below(4),
            _ => 1 + r.below(17),
        };
        let point = r.below(nd + 2);
        let zeros = if r.below(4) == 0 { r.below(30) } else { 0 };
        for _ in 0..zeros {
            s.push('0');
        }
        for i in 0..nd {
            if i == point {
                s.push('.');
            }
            s.push((b'0' + r.below(10) as u8) as char);
        }
        if r.below(2) == 0 {
            s.push(r.pick(&['e', 'E']));
            s.push_str(r.pick(&["", "+", "-"]));
            let e = match r.below(4) {
                0 => r.below(400),
                _ => r.below(30),
            };
            s.push_str(&e.to_string());
        }
        if r.below(8) == 0 {
            s.push_str(r.pick(&["x", " ", "e", ".", "5abc", "\u{a0}"]));
        }
        v.push(s.into_bytes());
    }
    for _ in 0..300 {
        // Shortest texts of doubles, and texts of random integers in other radixes.
        let x = f64::from_bits(r.next());
        v.push(format!("{x:e}").into_bytes());
        v.push(format!("{x}").into_bytes());
        let n = r.next() >> r.below(64);
        let p = r.pick(&["", "0x", "0X", "0b", "0o", "-", " "]);
        match r.below(3) {
            0 => v.push(format!("{p}{n:x}").into_bytes()),
            1 => v.push(format!("{p}{n:b}").into_bytes()),
            _ => v.push(format!("{p}{n}{n:x}{}", n % 7).into_bytes()),
        }
    }
    for _ in 0..100 {
        let len = 1 + r.below(40);
        let mut s: String = (0..len)
            .map(|_| r.pick(&b"0123456789abcdefghijklmnopqrstuvwxyzABCXYZ".map(|c| c as char)))
            .collect();
        if r.below(3) == 0 {
            s.insert_str(0, "0x");
        }
        v.push(s.into_bytes());
    }
    v
}

fn mod_pairs(r: &mut Rng) -> Vec<(f64, f64)> {
    let mut v = vec![
        (5.5, 2.0),
        (-5.5, 2.0),
        (5.5, -2.0),
        (0.0, 1.0),
        (-0.0, 1.0),
        (1.0, 0.0),
        (1.0, -0.0),
        (f64::INFINITY, 1.0),
        (1.0, f64::INFINITY),
        (-1.0, f64::NEG_INFINITY),
        (f64::NAN, 1.0),
        (1.0, f64::NAN),
        (f64::MAX, 5e-324),
        (5e-324, f64::MAX),
        (f64::MAX, 3.0),
        (1e300, 1e-300),
        (6.0, 3.0),
        (-6.0, 3.0),
        (0.3, 0.1),
        (2f64.powi(-1022), 5e-324 * 3.0),
    ];
    for _ in 0..1000 {
        let a = f64::from_bits(r.next());
        let b = match r.below(4) {
            0 => f64::from_bits(r.next()),
            1 => f64::from_bits(a.to_bits() ^ (r.next() >> (12 + r.below(52)))),
            2 => (r.below(1000) as f64 - 500.0) / (1 + r.below(8)) as f64,
            _ => f64::from_bits(r.below(1 << 53)),
        };
        v.push((a, b));
    }
    v
}

#[test]
fn number_conversions_match_node() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let ds = doubles(&mut r);
    let ss = decimal_strings(&mut r);
    let ms = mod_pairs(&mut r);
    let mut hs: Vec<f64> = vec![
        5e-324,
        1e-323,
        f64::MIN_POSITIVE,
        1.0,
        1e21,
        1e22,
        1e23,
        0.1,
    ];
    hs.push(f64::from_bits(f64::MAX.to_bits() - 1));
    for _ in 0..100 {
        let x = f64::from_bits(r.next() >> 1);
        if x.is_finite() && x != f64::MAX {
            hs.push(x);
        }
    }
    for _ in 0..30 {
        hs.push(f64::from_bits(r.below(1 << 53)));
    }

    let mut input = String::new();
    for x in &ds {
        writeln!(input, "D {:016x}", x.to_bits()).unwrap();
    }
    for s in &ss {
        writeln!(input, "S {}", bytes_hex(s)).unwrap();
    }
    for (a, b) in &ms {
        writeln!(input, "M {:016x} {:016x}", a.to_bits(), b.to_bits()).unwrap();
    }
    for x in &hs {
        writeln!(input, "H {:016x}", x.to_bits()).unwrap();
    }
    let dir = std::env::temp_dir().join(format!("vium-number-vs-node-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (script, data) = (dir.join("check.js"), dir.join("inputs.txt"));
    std::fs::write(&script, NODE_SCRIPT).unwrap();
    std::fs::write(&data, &input).unwrap();
    let out = match Command::new("node").arg(&script).arg(&data).output() {
        Ok(out) => out,
        Err(e) => panic!(
            "this test compares with Node.js and needs `node` on the PATH \
             (install Node 18 or later): {e}"
        ),
    };
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = String::from_utf8(out.stdout).unwrap();
    let mut lines = expected.lines();

    let mut compared = 0usize;
    let mut bad: Vec<String> = Vec::new();
    let mut check = |what: String, ours: String, node: &str| {
        compared += 1;
        if ours != node {
            bad.push(format!("{what}: vium {ours:?}, node {node:?}"));
        }
    };
    for &x in &ds {
        let mut node = lines.next().expect("node output ends early").split(' ');
        let mut n = || node.next().unwrap_or("<missing>").to_string();
        check(
            format!("String({x:e})"),
            text(format_f64(x).as_bytes()),
            &n(),
        );
        for d in [0, 2, 5, 20] {
            check(
                format!("({x:e}).toFixed({d})"),
                text(format_fixed(x, d).as_bytes()),
                &n(),
            );
        }
        for p in [1, 2, 6, 17, 21] {
            check(
                format!("({x:e}).toPrecision({p})"),
                text(format_precision(x, p).as_bytes()),
                &n(),
            );
        }
        for d in [None, Some(0), Some(3)] {
            check(
                format!("({x:e}).toExponential({d:?})"),
                text(format_exponential(x, d).as_bytes()),
                &n(),
            );
        }
    }
    for s in &ss {
        let mut node = lines.next().expect("node output ends early").split(' ');
        let mut n = || node.next().unwrap_or("<missing>").to_string();
        let q = String::from_utf8_lossy(s);
        check(format!("Number({q:?})"), hex(parse_js_number(s)), &n());
        check(
            format!("parseFloat({q:?})"),
            hex(parse_float_prefix(s)),
            &n(),
        );
    }
    for &(a, b) in &ms {
        let node = lines.next().expect("node output ends early");
        check(format!("{a:e} % {b:e}"), hex(fmod(a, b)), node);
    }
    for _ in &hs {
        for pair in lines.next().expect("node output ends early").split(' ') {
            let (s, bits) = pair.split_once(':').unwrap();
            let s = unhex(s);
            let q = String::from_utf8_lossy(&s);
            check(format!("Number({q:?})"), hex(parse_js_number(&s)), bits);
            check(
                format!("parseFloat({q:?})"),
                hex(parse_float_prefix(&s)),
                bits,
            );
        }
    }
    assert!(
        lines.next().is_none(),
        "node printed more lines than expected"
    );
    eprintln!(
        "{compared} results compared with node, {} differ",
        bad.len()
    );
    assert!(
        bad.is_empty(),
        "{} of {compared} results differ from node; the first:\n{}",
        bad.len(),
        bad.iter().take(25).cloned().collect::<Vec<_>>().join("\n")
    );
}
