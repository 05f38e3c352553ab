//! Validation of everything restore will follow: every value in globals,
//! exports and heap slots must be an int, a well-known value or a pointer to
//! the *start* of an allocation in its section; allocation shapes must be
//! what the interpreter expects; every function's bytecode must decode,
//! jump only to instruction starts inside itself, and name only existing
//! globals, locals and parameters. Also the heap verifier that the
//! `gc-stress` feature runs after every collection.

use crate::format::{self, function, walk_allocations, ImageError, TypeCode};
use crate::memory::{Allocator, Region};
use crate::ops::{decode, Op, Operand};
use crate::value::Value;
use crate::vm::Vm;

/// One bit per even offset of a section: set where an allocation's payload starts.
struct Starts {
    bits: Region,
}

impl Starts {
    fn build(alloc: &mut dyn Allocator, section: &[u8]) -> Result<Starts, ImageError> {
        let mut bits = Region::new(alloc, section.len() / 16 + 1)
            .ok_or(ImageError::Corrupt("out of memory"))?;
        let r = walk_allocations(section, |at, _, _| {
            if let Some(b) = bits.bytes_mut().get_mut(at / 16) {
                *b |= 1 << ((at / 2) % 8);
            }
            Ok(())
        });
        match r {
            Ok(()) => Ok(Starts { bits }),
            Err(e) => {
                bits.release(alloc);
                Err(e)
            }
        }
    }

    fn has(&self, at: usize) -> bool {
        at & 1 == 0
            && self
                .bits
                .bytes()
                .get(at / 16)
                .is_some_and(|b| b & (1 << ((at / 2) % 8)) != 0)
    }
}

const BAD_VALUE: ImageError = ImageError::Corrupt("image holds a value that points nowhere");
const BAD_SHAPE: ImageError = ImageError::Corrupt("image holds a malformed allocation");
const BAD_CODE: ImageError = ImageError::Corrupt("image holds malformed bytecode");

impl Vm<'_> {
    /// Validates the restored image; see the module docs.
    pub(crate) fn validate_image(&mut self) -> Result<(), ImageError> {
        let rom = Starts::build(self.alloc, self.rom)?;
        let heap = match Starts::build(self.alloc, self.image.heap_bytes()) {
            Ok(h) => h,
            Err(e) => {
                rom.bits.release(self.alloc);
                return Err(e);
            }
        };
        let r = match Region::new(self.alloc, format::MAX_ALLOC_SIZE / 8 + 1) {
            Some(mut marks) => {
                let r = self.validate_with(&rom, &heap, &mut marks);
                marks.release(self.alloc);
                r
            }
            None => Err(ImageError::Corrupt("out of memory")),
        };
        rom.bits.release(self.alloc);
        heap.bits.release(self.alloc);
        self.accessors = r?;
        Ok(())
    }

    fn valid_value(&self, v: Value, rom: &Starts, heap: &Starts) -> bool {
        if v.is_int() {
            true
        } else if v.is_ram() {
            heap.has(v.ram_offset() as usize) && v.ram_offset() >= 2
        } else if let Some(off) = v.rom_offset() {
            rom.has(off as usize)
        } else {
            v.well_known().is_some()
        }
    }

    fn validate_with(
        &self,
        rom: &Starts,
        heap: &Starts,
        marks: &mut Region,
    ) -> Result<bool, ImageError> {
        let check = |v: Value| {
            if self.valid_value(v, rom, heap) {
                Ok(())
            } else {
                Err(BAD_VALUE)
            }
        };
        for i in 0..self.image.globals_len() {
            check(self.image.global(i).ok_or(BAD_VALUE)?)?;
        }
        for i in 0..self.image.exports_len() {
            check(self.image.export(i).ok_or(BAD_VALUE)?.1)?;
        }
        let heap_bytes = self.image.heap_bytes();
        let mut accessors = false;
        walk_allocations(heap_bytes, |at, ty, size| {
            if !shape_ok(ty, size) || matches!(ty, TypeCode::Function) {
                return Err(BAD_SHAPE);
            }
            if ty.holds_values() {
                for k in 0..size / 2 {
                    check(Value(
                        format::read_u16(heap_bytes, at + 2 * k).ok_or(BAD_VALUE)?,
                    ))?;
                }
                accessors |= self.check_links(ty, at, size)?;
            }
            Ok(())
        })?;
        let rom_bytes = self.rom;
        walk_allocations(rom_bytes, |at, ty, size| {
            // ROM is immutable: nothing that a script can change lives there.
            if !shape_ok(ty, size) || ty.holds_values() || ty == TypeCode::Bytes {
                return Err(BAD_SHAPE);
            }
            if ty == TypeCode::Function {
                self.validate_function(&rom_bytes[at..at + size], rom, heap, marks)?;
            }
            Ok(())
        })?;
        Ok(accessors)
    }

    fn validate_function(
        &self,
        p: &[u8],
        rom: &Starts,
        heap: &Starts,
        marks: &mut Region,
    ) -> Result<(), ImageError> {
        if p.len() < function::CODE {
            return Err(BAD_CODE);
        }
        let params = p[function::PARAM_COUNT] as i32;
        let locals = p[function::LOCAL_COUNT] as i32;
        let code = &p[function::CODE..];
        // Instruction starts, one bit per byte of code (a function is at
        // most 4095 bytes; the marks come from the host, not the stack).
        let starts = marks.bytes_mut();
        starts.fill(0);
        let mut at = 0;
        let mut last = None;
        while at < code.len() {
            let d = decode(code, at).ok_or(BAD_CODE)?;
            *starts.get_mut(at / 8).ok_or(BAD_CODE)? |= 1 << (at % 8);
            last = Some(d.op);
            at = d.next();
        }
        if !matches!(last, Some(Op::Return | Op::Jump | Op::Throw)) {
            return Err(BAD_CODE);
        }
        let starts = &*starts;
        let is_start = |t: isize| {
            t >= 0
                && (t as usize) < code.len()
                && starts
                    .get(t as usize / 8)
                    .is_some_and(|b| b & (1 << (t as usize % 8)) != 0)
        };
        let mut at = 0;
        while at < code.len() {
            let d = decode(code, at).ok_or(BAD_CODE)?;
            for (k, kind) in d.op.operands().iter().enumerate() {
                let x = d.operands[k];
                let ok = match (kind, d.op) {
                    (Operand::Const, Op::Closure | Op::Await) => {
                        let f = Value(x as u16);
                        self.valid_value(f, rom, heap)
                            && f.rom_offset().is_some()
                            && self.tc(f) == TypeCode::Function
                    }
                    (Operand::Const, _) => {
                        let v = Value(x as u16);
                        self.valid_value(v, rom, heap) && !v.is_ram()
                    }
                    (Operand::Global, _) => (x as usize) < self.image.globals_len(),
                    (Operand::Jump, _) => is_start(d.next() as isize + x as isize),
                    (Operand::U8, Op::LoadLocal | Op::StoreLocal) => x < locals,
                    (Operand::U8, Op::StoreArg) => x < params,
                    _ => true,
                };
                if !ok {
                    return Err(BAD_CODE);
                }
            }
            at = d.next();
        }
        Ok(())
    }

    /// Checks every pointer in the heap and the roots after a collection.
    #[cfg(feature = "gc-stress")]
    pub(crate) fn verify_heap(&self) -> crate::vm::R<()> {
        use alloc::collections::BTreeSet;
        let bytes = &self.heap.bytes()[..self.heap_used];
        let mut starts = BTreeSet::new();
        walk_allocations(bytes, |at, _, _| {
            starts.insert(at);
            Ok(())
        })
        .map_err(|_| crate::vm::CORRUPT)?;
        let ok = |v: Value| {
            if v.is_ram() {
                starts.contains(&(v.ram_offset() as usize))
            } else if v.is_int() {
                true
            } else {
                v.well_known().is_some()
                    || v.rom_offset()
                        .is_some_and(|o| (o as usize) < self.rom.len())
            }
        };
        let mut all = true;
        walk_allocations(bytes, |at, ty, size| {
            if ty.holds_values() {
                for k in 0..size / 2 {
                    all &= ok(Value(format::read_u16(bytes, at + 2 * k).unwrap_or(1)));
                }
            }
            Ok(())
        })
        .map_err(|_| crate::vm::CORRUPT)?;
        for w in self.globals.words().iter().chain(self.exports_ram.words()) {
            all &= ok(Value(u16::from_le(*w)));
        }
        // Frames hold tagged control words (low bit 1) that only look like
        // values: on the stack, only the pointers the GC follows are checked.
        for w in self.stack.words().iter().take(self.sp) {
            all &= !Value(*w).is_ram() || ok(Value(*w));
        }
        for r in [
            self.exception,
            self.result,
            self.exports_table,
            self.handles,
            self.scratch,
            self.jobs,
        ] {
            all &= ok(r);
        }
        if all {
            Ok(())
        } else {
            Err(crate::vm::CORRUPT)
        }
    }
}

impl Vm<'_> {
    /// The links the interpreter follows with loops: an object's property
    /// list, a list's count, an array's storage and length; and accessor
    /// pairs (a property value that is a `FixedArray`) must hold exactly a
    /// getter and a setter, each a function or undefined. (Values are
    /// already known to point at allocation starts.) True when the
    /// allocation is a property list holding an accessor.
    fn check_links(&self, ty: TypeCode, at: usize, size: usize) -> Result<bool, ImageError> {
        let heap = self.image.heap_bytes();
        let slot = |k: usize| {
            format::read_u16(heap, at + 2 * k)
                .map(Value)
                .ok_or(BAD_SHAPE)
        };
        let target = |v: Value| -> Result<Option<(TypeCode, usize)>, ImageError> {
            if v == Value::NULL {
                return Ok(None);
            }
            if !v.is_ram() {
                return Err(BAD_SHAPE);
            }
            let h = format::read_u16(heap, v.ram_offset() as usize - 2).ok_or(BAD_SHAPE)?;
            match format::split_header(h) {
                (Some(t), s) => Ok(Some((t, s))),
                (None, _) => Err(BAD_SHAPE),
            }
        };
        let count_within = |v: Value, max: usize| match v.as_int() {
            Some(n) if n >= 0 && n as usize <= max => Ok(()),
            _ => Err(BAD_SHAPE),
        };
        let function_or_undefined = |v: Value| -> bool {
            if v == Value::UNDEFINED {
                return true;
            }
            if v.is_ram() {
                // Not yet known to be valid: the pair may be walked later.
                return v.ram_offset() >= 2
                    && matches!(target(v), Ok(Some((TypeCode::Closure, _))));
            }
            v.rom_offset().is_some() && self.tc(v) == TypeCode::Function
        };
        if ty == TypeCode::PropList {
            count_within(slot(0)?, (size / 2 - 1) / 2)?;
            let mut found = false;
            for k in 0..(size / 2 - 1) / 2 {
                let v = slot(2 + 2 * k)?;
                if !v.is_ram() {
                    continue;
                }
                if let Some((TypeCode::FixedArray, pair_size)) = target(v)? {
                    let pair = v.ram_offset() as usize;
                    let half = |i: usize| {
                        format::read_u16(heap, pair + 2 * i)
                            .map(Value)
                            .ok_or(BAD_SHAPE)
                    };
                    if pair_size != 4
                        || !function_or_undefined(half(0)?)
                        || !function_or_undefined(half(1)?)
                    {
                        return Err(BAD_SHAPE);
                    }
                    found = true;
                }
            }
            return Ok(found);
        }
        match ty {
            TypeCode::Object => match target(slot(1)?)? {
                None | Some((TypeCode::PropList, _)) => Ok(()),
                _ => Err(BAD_SHAPE),
            },
            TypeCode::Array => match target(slot(0)?)? {
                None => count_within(slot(1)?, 0),
                Some((TypeCode::FixedArray, cap)) => count_within(slot(1)?, cap / 2),
                _ => Err(BAD_SHAPE),
            },
            TypeCode::Iterator => count_within(slot(1)?, crate::value::INT14_MAX as usize),
            _ => Ok(()),
        }
        .map(|()| false)
    }
}

/// Sizes the interpreter relies on for each type.
fn shape_ok(ty: TypeCode, size: usize) -> bool {
    match ty {
        TypeCode::Int32 => size == 4,
        TypeCode::Float64 => size == 8,
        TypeCode::HostFunc => size == 2,
        TypeCode::StrAscii | TypeCode::StrUtf8 => size >= 1,
        TypeCode::Function => size > function::CODE,
        TypeCode::Closure => {
            size == 2 * crate::exec::suspend::CLOSURE_SLOTS
                || (size >= 2 * crate::exec::suspend::MIN_CONTINUATION_SLOTS
                    && size.is_multiple_of(2))
        }
        TypeCode::Object | TypeCode::Array | TypeCode::Class | TypeCode::Iterator => size == 4,
        TypeCode::Env | TypeCode::FixedArray => size >= 2 && size.is_multiple_of(2),
        TypeCode::PropList => size >= 2 && size % 4 == 2,
        TypeCode::Bytes => size >= 2,
        TypeCode::Forwarded => false,
    }
}
