//! The image being built: ROM constants (interned strings, boxed numbers,
//! functions) on top of `vium_vm::format::ImageBuilder`. Knows nothing of oxc.

use std::collections::HashMap;
use vium_vm::format::{BuildError, ImageBuilder, FEATURE_FLOAT};
use vium_vm::{TypeCode, Value, WellKnown};

/// How to push a number: the cheapest encoding that keeps its exact value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumConst {
    /// `Int8` operand.
    Small(i8),
    /// `Const` operand: an int14, a well-known (NaN, -0) or a boxed number in ROM.
    Value(Value),
}

#[derive(Default)]
pub(crate) struct Rom {
    pub(crate) image: ImageBuilder,
    strings: HashMap<String, Value>,
    wtf8: HashMap<Vec<u8>, Value>,
    int32s: HashMap<i32, Value>,
    floats: HashMap<u64, Value>,
    /// What the ROM holds, by kind: count and bytes (headers included).
    usage: [(usize, usize); 3],
    /// Whether "the image is full" was reported (once is enough: every
    /// constant after it would say the same).
    pub(crate) full_reported: bool,
}

/// The kinds of ROM allocations that `Rom::usage` counts.
#[derive(Clone, Copy)]
enum Kind {
    Function = 0,
    String = 1,
    Number = 2,
}

impl Rom {
    /// Allocates in ROM, counting what for `describe_usage`.
    fn alloc(&mut self, kind: Kind, ty: TypeCode, payload: &[u8]) -> Result<Value, BuildError> {
        let v = self.image.rom_alloc(ty, payload)?;
        let (count, bytes) = &mut self.usage[kind as usize];
        *count += 1;
        *bytes += vium_vm::format::rom_footprint(payload.len());
        Ok(v)
    }

    /// What fills the ROM, largest first: `3,000 numbers (24,000 bytes),
    /// 12 functions (2,050 bytes), 40 strings (600 bytes)`.
    pub(crate) fn describe_usage(&self) -> String {
        let names = ["functions", "strings", "numbers"];
        let mut kinds: Vec<usize> = (0..3).collect();
        kinds.sort_by_key(|&k| std::cmp::Reverse(self.usage[k].1));
        kinds
            .iter()
            .map(|&k| {
                format!(
                    "{} {} ({} bytes)",
                    self.usage[k].0, names[k], self.usage[k].1
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A string constant: a well-known string when one has this text,
    /// otherwise one interned ROM allocation.
    pub(crate) fn string(&mut self, s: &str) -> Result<Value, BuildError> {
        if let Some(w) = WellKnown::string(s.as_bytes()) {
            return Ok(w.value());
        }
        if let Some(v) = self.strings.get(s) {
            return Ok(*v);
        }
        let ty = if s.is_ascii() {
            TypeCode::StrAscii
        } else {
            TypeCode::StrUtf8
        };
        let v = self.alloc(Kind::String, ty, s.as_bytes())?;
        self.strings.insert(s.to_string(), v);
        Ok(v)
    }

    /// A string constant given as WTF-8 bytes (may hold lone surrogates).
    pub(crate) fn wtf8_string(&mut self, b: &[u8]) -> Result<Value, BuildError> {
        if let Ok(s) = core::str::from_utf8(b) {
            return self.string(s);
        }
        if let Some(v) = self.wtf8.get(b) {
            return Ok(*v);
        }
        let v = self.alloc(Kind::String, TypeCode::StrUtf8, b)?;
        self.wtf8.insert(b.to_vec(), v);
        Ok(v)
    }

    /// A number constant with JS semantics: -0 and NaN are well-known,
    /// integers are int14 or boxed Int32, everything else is a boxed Float64.
    pub(crate) fn number(&mut self, f: f64) -> Result<NumConst, BuildError> {
        if f.is_nan() {
            return Ok(NumConst::Value(Value::NAN));
        }
        if f == 0.0 && f.is_sign_negative() {
            return Ok(NumConst::Value(Value::NEG_ZERO));
        }
        if f.fract() == 0.0 && f >= i32::MIN as f64 && f <= i32::MAX as f64 {
            let i = f as i32;
            if let Ok(small) = i8::try_from(i) {
                return Ok(NumConst::Small(small));
            }
            if let Some(v) = Value::int(i) {
                return Ok(NumConst::Value(v));
            }
            if let Some(v) = self.int32s.get(&i) {
                return Ok(NumConst::Value(*v));
            }
            let v = self.alloc(Kind::Number, TypeCode::Int32, &i.to_le_bytes())?;
            self.int32s.insert(i, v);
            return Ok(NumConst::Value(v));
        }
        self.image.flags |= FEATURE_FLOAT;
        if let Some(v) = self.floats.get(&f.to_bits()) {
            return Ok(NumConst::Value(*v));
        }
        let v = self.alloc(Kind::Number, TypeCode::Float64, &f.to_le_bytes())?;
        self.floats.insert(f.to_bits(), v);
        Ok(NumConst::Value(v))
    }

    /// A function: `[param_count, local_count, max_stack, code…]`.
    pub(crate) fn function(&mut self, payload: &[u8]) -> Result<Value, BuildError> {
        self.alloc(Kind::Function, TypeCode::Function, payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_the_smallest_exact_encoding() {
        let mut rom = Rom::default();
        assert_eq!(rom.number(5.0).unwrap(), NumConst::Small(5));
        assert_eq!(rom.number(-128.0).unwrap(), NumConst::Small(-128));
        assert_eq!(
            rom.number(8191.0).unwrap(),
            NumConst::Value(Value::int(8191).unwrap())
        );
        assert_eq!(rom.number(-0.0).unwrap(), NumConst::Value(Value::NEG_ZERO));
        assert_eq!(rom.number(f64::NAN).unwrap(), NumConst::Value(Value::NAN));
        assert_eq!(rom.image.flags, 0);
        let a = rom.number(100_000.0).unwrap();
        assert_eq!(rom.number(100_000.0).unwrap(), a);
        assert_eq!(rom.image.flags, 0);
        rom.number(1.5).unwrap();
        assert_eq!(rom.image.flags, FEATURE_FLOAT);
    }

    #[test]
    fn strings_are_interned_and_well_known_ones_are_free() {
        let mut rom = Rom::default();
        assert_eq!(rom.string("length").unwrap(), WellKnown::StrLength.value());
        assert_eq!(rom.string("").unwrap(), Value::EMPTY_STRING);
        assert!(rom.image.rom.is_empty());
        let a = rom.string("héllo").unwrap();
        assert_eq!(rom.string("héllo").unwrap(), a);
        assert_eq!(rom.image.rom.len(), 2 + 6);
    }
}
