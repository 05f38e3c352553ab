//! A readable map of any v1 image (a build image or a snapshot): header,
//! sections with byte offsets, ROM allocations (strings, numbers, functions
//! as decoded instructions), imports, exports, globals and heap allocations.

use std::fmt::Write;
use vium_vm::format::{self, walk_allocations, walk_rom, ALL_FEATURES, FEATURE_NAMES, HEADER_SIZE};
use vium_vm::ops::{decode, Operand};
use vium_vm::{Image, TypeCode, Value};

struct Ctx<'b> {
    rom: &'b [u8],
    rom_start: usize,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

impl Ctx<'_> {
    /// The ROM allocation (type, payload) a ROM pointer names, if valid.
    fn rom_alloc(&self, v: Value) -> Option<(TypeCode, &[u8])> {
        let at = v.rom_offset()? as usize;
        let h = u16::from_le_bytes([*self.rom.get(at.checked_sub(2)?)?, *self.rom.get(at - 1)?]);
        let (ty, size) = format::split_header(h);
        Some((ty?, self.rom.get(at..at + size)?))
    }

    fn value(&self, v: Value) -> String {
        if let Some(i) = v.as_int() {
            return i.to_string();
        }
        if let Some(w) = v.well_known() {
            return match w.text() {
                Some(t) => format!("{:?}", String::from_utf8_lossy(t)),
                None => w.name().to_string(),
            };
        }
        if v.is_rom() {
            let Some(off) = v.rom_offset() else {
                return format!("rom?{:#06x}", v.0);
            };
            let at = self.rom_start + off as usize;
            return match self.rom_alloc(v) {
                Some((TypeCode::Function, _)) => format!("@{at:04x} function"),
                Some((ty, payload)) => describe(ty, payload),
                None => format!("@{at:04x} <bad rom pointer>"),
            };
        }
        format!("ram+{:04x}", v.ram_offset())
    }
}

/// A one-line summary of a raw-bytes allocation.
fn describe(ty: TypeCode, payload: &[u8]) -> String {
    match ty {
        TypeCode::StrAscii | TypeCode::StrUtf8 => {
            format!("{:?}", String::from_utf8_lossy(payload))
        }
        TypeCode::Int32 if payload.len() == 4 => {
            format!(
                "int32 {}",
                i32::from_le_bytes(payload.try_into().unwrap_or([0; 4]))
            )
        }
        TypeCode::Float64 if payload.len() == 8 => {
            format!(
                "float64 {}",
                f64::from_le_bytes(payload.try_into().unwrap_or([0; 8]))
            )
        }
        TypeCode::HostFunc if payload.len() >= 2 => format!("host function {}", u16_at(payload, 0)),
        TypeCode::Function => "function".to_string(),
        ty => format!("{ty:?}"),
    }
}

fn function(ctx: &Ctx<'_>, out: &mut String, payload: &[u8], payload_at: usize) {
    if payload.len() < format::function::CODE {
        let _ = writeln!(out, "      <truncated function header>");
        return;
    }
    let _ = writeln!(
        out,
        "      params {} locals {} max_stack {}",
        payload[format::function::PARAM_COUNT] & format::function::PARAMS,
        payload[format::function::LOCAL_COUNT],
        payload[format::function::MAX_STACK]
    );
    let code = &payload[format::function::CODE..];
    let base = payload_at + format::function::CODE;
    let mut at = 0;
    while at < code.len() {
        let Some(d) = decode(code, at) else {
            // Allocations are padded to even lengths: a lone trailing zero is padding.
            let _ = writeln!(out, "      {:04x}  <bad byte {:#04x}>", base + at, code[at]);
            at += 1;
            continue;
        };
        let mut line = format!("      {:04x}  {}", base + at, d.op.name());
        for (kind, &v) in d.op.operands().iter().zip(&d.operands) {
            let s = match kind {
                Operand::U8 | Operand::I8 => v.to_string(),
                Operand::Const => ctx.value(Value(v as u16)),
                Operand::Global => format!("g{v}"),
                Operand::Jump => format!("-> {:04x}", base as i64 + d.next() as i64 + v as i64),
            };
            line.push(' ');
            line.push_str(&s);
        }
        let _ = writeln!(out, "{line}");
        at = d.next();
    }
}

/// The engine features `flags` name, as Cargo features: `float, async`.
pub fn feature_names(flags: u16) -> String {
    FEATURE_NAMES
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Disassembles an image; `Err` with the reason when it does not parse.
pub fn disassemble(bytes: &[u8]) -> Result<String, String> {
    let image = Image::parse(bytes, ALL_FEATURES).map_err(|e| e.message().to_string())?;
    let starts: Vec<usize> = (0..4).map(|i| u16_at(bytes, 10 + 2 * i) as usize).collect();
    let (rom_start, heap_start) = (HEADER_SIZE, starts[3]);
    let ctx = Ctx {
        rom: image.rom_bytes(),
        rom_start,
    };
    let mut out = String::new();
    let flags = u16_at(bytes, 4);
    let _ = writeln!(
        out,
        "image v{} ({} bytes, crc {:#06x}, flags {:#06x}{})",
        bytes[2],
        bytes.len(),
        u16_at(bytes, 8),
        flags,
        if flags != 0 {
            format!(": {}", feature_names(flags))
        } else {
            String::new()
        }
    );
    let sections = [
        ("rom", rom_start, starts[0]),
        ("imports", starts[0], starts[1]),
        ("exports", starts[1], starts[2]),
        ("globals", starts[2], starts[3]),
        ("heap", heap_start, bytes.len()),
    ];
    for (name, from, to) in sections {
        let _ = writeln!(
            out,
            "  {name:<8} {from:04x}..{to:04x} ({} bytes)",
            to - from
        );
    }

    let _ = writeln!(out, "\nrom:");
    let mut allocs = Vec::new();
    let _ = walk_rom(image.rom_bytes(), &mut |at, ty, size| {
        allocs.push((at, ty, size));
        Ok(())
    });
    for (at, ty, size) in allocs {
        let payload = &image.rom_bytes()[at..at + size];
        let abs = rom_start + at;
        match ty {
            TypeCode::Function => {
                let _ = writeln!(out, "  @{abs:04x} Function ({size} bytes)");
                function(&ctx, &mut out, payload, abs);
            }
            ty if ty.holds_values() => {
                let _ = writeln!(out, "  @{abs:04x} {ty:?} {}", values(&ctx, payload));
            }
            ty => {
                let _ = writeln!(out, "  @{abs:04x} {}", describe(ty, payload));
            }
        }
    }

    let _ = writeln!(out, "\nimports:");
    for i in 0..image.imports_len() {
        let _ = writeln!(out, "  [{i}] host id {}", image.import(i).unwrap_or(0));
    }
    let _ = writeln!(out, "\nexports:");
    for i in 0..image.exports_len() {
        if let Some((id, v)) = image.export(i) {
            let _ = writeln!(out, "  id {id:#06x} = {}", ctx.value(v));
        }
    }
    let _ = writeln!(out, "\nglobals:");
    for i in 0..image.globals_len() {
        let v = image.global(i).unwrap_or(Value::UNDEFINED);
        let _ = writeln!(out, "  g{i} = {}", ctx.value(v));
    }
    let _ = writeln!(out, "\nheap:");
    let mut heap_allocs = Vec::new();
    let _ = walk_allocations(image.heap_bytes(), &mut |at, ty, size| {
        heap_allocs.push((at, ty, size));
        Ok(())
    });
    for (at, ty, size) in heap_allocs {
        let payload = &image.heap_bytes()[at..at + size];
        let desc = if ty.holds_values() {
            values(&ctx, payload)
        } else {
            describe(ty, payload)
        };
        let _ = writeln!(out, "  ram+{at:04x} {ty:?} {desc}");
    }
    Ok(out)
}

fn values(ctx: &Ctx<'_>, payload: &[u8]) -> String {
    let vs: Vec<String> = payload
        .chunks_exact(2)
        .map(|c| ctx.value(Value(u16::from_le_bytes([c[0], c[1]]))))
        .collect();
    format!("[{}]", vs.join(", "))
}
