//! Validation of everything restore will follow: every value in globals,
//! exports and heap slots must be an int, a well-known value or a pointer to
//! the *start* of an allocation in its section; allocation shapes must be
//! what the interpreter expects (property lists and arrays within their
//! storage, accessor pairs of functions); every function's bytecode must
//! decode, end in a jump, return or throw, jump only to instruction starts
//! inside itself, and name only existing globals, locals, parameters and
//! ROM functions. Also the heap verifier that the `gc-stress` feature runs
//! after every collection.

use crate::format::{self, function, read_u16, walk_allocations, walk_rom, ImageError, TypeCode};
use crate::memory::Region;
use crate::ops::{byte as op, decode_raw, Operand};
use crate::value::Value;
use crate::vm::Vm;

const BAD_VALUE: ImageError = ImageError::Corrupt("image holds a value that points nowhere");
const BAD_SHAPE: ImageError = ImageError::Corrupt("image holds a malformed allocation");
const BAD_CODE: ImageError = ImageError::Corrupt("image holds malformed bytecode");

/// Bit sets over the image, all in one block from the host: one bit per
/// even offset of ROM and of the heap where an allocation's payload
/// starts, and one bit per byte of the function being checked where an
/// instruction starts.
struct Marks<'r> {
    bits: &'r mut [u8],
    rom: usize,
    heap: usize,
}

impl Marks<'_> {
    fn set(&mut self, bit: usize) {
        if let Some(b) = self.bits.get_mut(bit / 8) {
            *b |= 1 << (bit % 8);
        }
    }
    fn has(&self, bit: usize) -> bool {
        self.bits
            .get(bit / 8)
            .is_some_and(|b| b & (1 << (bit % 8)) != 0)
    }
    /// Whether `v` is an int, a well-known value or points at an allocation start.
    fn valid(&self, v: Value) -> bool {
        if v.is_int() {
            true
        } else if v.is_ram() {
            v.0 >= 2 && self.has(self.rom + v.0 as usize / 2)
        } else if let Some(off) = v.rom_offset() {
            self.has(off as usize / 2)
        } else {
            v.well_known().is_some()
        }
    }
    /// The instruction-start bits of the function being checked.
    fn code_bit(&self, at: usize) -> usize {
        self.rom + self.heap + at
    }
}

impl Vm<'_> {
    /// Validates the restored image; see the module docs. Records whether
    /// any accessor pair exists.
    pub(crate) fn validate_image(&mut self) -> Result<(), ImageError> {
        let (rom, heap) = (
            self.rom().len() / 2 + 1,
            self.image().heap_bytes().len() / 2 + 1,
        );
        let Some(mut block) =
            Region::new(self.alloc, (rom + heap + format::MAX_ALLOC_SIZE) / 8 + 1)
        else {
            return Err(ImageError::Corrupt("out of memory"));
        };
        let mut marks = Marks {
            bits: block.bytes_mut(),
            rom,
            heap,
        };
        let r = self.validate_with(&mut marks);
        block.release(self.alloc);
        if r? {
            self.state |= crate::vm::ACCESSORS;
        }
        Ok(())
    }

    fn validate_with(&self, marks: &mut Marks<'_>) -> Result<bool, ImageError> {
        let image = self.image();
        let heap = image.heap_bytes();
        walk_rom(self.rom(), &mut |at, _, _| {
            marks.set(at / 2);
            Ok(())
        })?;
        walk_allocations(heap, &mut |at, _, _| {
            marks.set(marks.rom + at / 2);
            Ok(())
        })?;
        let roots = image.section_bytes(3).chunks(2).chain(
            image
                .section_bytes(2)
                .chunks(4)
                .map(|c| c.get(2..).unwrap_or(&[])),
        );
        for w in roots {
            if !marks.valid(Value(read_u16(w, 0).unwrap_or(0))) {
                return Err(BAD_VALUE);
            }
        }
        let mut accessors = false;
        walk_allocations(heap, &mut |at, ty, size| {
            if !shape_ok(ty, size) || ty == TypeCode::Function {
                return Err(BAD_SHAPE);
            }
            if ty.holds_values() {
                for k in 0..size / 2 {
                    if !marks.valid(Value(read_u16(heap, at + 2 * k).unwrap_or(0))) {
                        return Err(BAD_VALUE);
                    }
                }
                accessors |= self.check_links(ty, Value(at as u16), size)?;
            }
            Ok(())
        })?;
        let rom = self.rom();
        walk_rom(rom, &mut |at, ty, size| {
            // ROM is immutable: nothing that a script can change lives there.
            if !shape_ok(ty, size) || ty.holds_values() || ty == TypeCode::Bytes {
                return Err(BAD_SHAPE);
            }
            if ty == TypeCode::Function {
                self.validate_function(rom.get(at..at + size).unwrap_or(&[]), marks)?;
            }
            Ok(())
        })?;
        Ok(accessors)
    }

    fn validate_function(&self, p: &[u8], marks: &mut Marks<'_>) -> Result<(), ImageError> {
        let (Some(&params), Some(&locals), Some(code)) = (
            p.get(function::PARAM_COUNT),
            p.get(function::LOCAL_COUNT),
            p.get(function::CODE..),
        ) else {
            return Err(BAD_CODE);
        };
        let base = marks.code_bit(0);
        for at in 0..code.len() {
            if let Some(b) = marks.bits.get_mut((base + at) / 8) {
                *b &= !(1 << ((base + at) % 8));
            }
        }
        let mut at = 0;
        let mut last = 0;
        while at < code.len() {
            let d = decode_raw(code, at).ok_or(BAD_CODE)?;
            marks.set(marks.code_bit(at));
            last = d.code;
            at = d.next;
        }
        if !matches!(last, op::Return | op::Jump | op::Throw) {
            return Err(BAD_CODE);
        }
        let mut at = 0;
        while at < code.len() {
            let d = decode_raw(code, at).ok_or(BAD_CODE)?;
            for (k, &x) in d.operands.iter().enumerate() {
                let ok = match (d.kind(k), d.code) {
                    (Some(Operand::Const), op::Closure | op::Await) => {
                        let f = Value(x as u16);
                        f.rom_offset().is_some()
                            && marks.valid(f)
                            && self.tc(f) == TypeCode::Function
                    }
                    (Some(Operand::Const), _) => {
                        let v = Value(x as u16);
                        marks.valid(v) && !v.is_ram()
                    }
                    (Some(Operand::Global), _) => (x as usize) < self.image().globals_len(),
                    (Some(Operand::Jump), _) => {
                        let t = d.next as isize + x as isize;
                        t >= 0 && (t as usize) < code.len() && marks.has(marks.code_bit(t as usize))
                    }
                    (Some(Operand::U8), op::LoadLocal | op::StoreLocal) => x < locals as i32,
                    (Some(Operand::U8), op::StoreArg) => x < (params & function::PARAMS) as i32,
                    _ => true,
                };
                if !ok {
                    return Err(BAD_CODE);
                }
            }
            at = d.next;
        }
        Ok(())
    }

    /// The links the interpreter follows with loops: an object's property
    /// list, a list's count, an array's storage and length; and accessor
    /// pairs (a property value that is a `FixedArray`) must hold exactly a
    /// getter and a setter, each a function or undefined. (Values are
    /// already known to point at allocation starts.) True when the
    /// allocation is a property list holding an accessor.
    fn check_links(&self, ty: TypeCode, v: Value, size: usize) -> Result<bool, ImageError> {
        // The image's heap is the VM's heap at restore, byte for byte.
        let count_within = |c: Value, max: usize| -> Result<bool, ImageError> {
            match c.as_int() {
                Some(n) if n >= 0 && n as usize <= max => Ok(false),
                _ => Err(BAD_SHAPE),
            }
        };
        let function_or_undefined = |f: Value| {
            f == Value::UNDEFINED || matches!(self.tc(f), TypeCode::Function | TypeCode::Closure)
        };
        let target = |t: Value| {
            if t == Value::NULL {
                None
            } else {
                Some(self.header(t))
            }
        };
        match ty {
            TypeCode::PropList => {
                let cap = (size / 2 - 1) / 2;
                let mut found = false;
                for k in 0..cap {
                    let p = self.slot(v, 2 + 2 * k);
                    if self.tc(p) == TypeCode::FixedArray {
                        // Only an engine with `accessors` reads a pair as one.
                        if !cfg!(feature = "accessors")
                            || self.header(p).1 != 4
                            || !function_or_undefined(self.slot(p, 0))
                            || !function_or_undefined(self.slot(p, 1))
                        {
                            return Err(BAD_SHAPE);
                        }
                        found = true;
                    }
                }
                count_within(self.slot(v, 0), cap).map(|_| found)
            }
            TypeCode::Object => match target(self.slot(v, 1)) {
                None | Some((TypeCode::PropList, _)) => Ok(false),
                _ => Err(BAD_SHAPE),
            },
            TypeCode::Array => match target(self.slot(v, 0)) {
                None => count_within(self.slot(v, 1), 0),
                Some((TypeCode::FixedArray, cap)) => count_within(self.slot(v, 1), cap / 2),
                _ => Err(BAD_SHAPE),
            },
            _ => Ok(false),
        }
    }

    /// Checks every pointer in the heap and the roots after a collection.
    #[cfg(feature = "gc-stress")]
    pub(crate) fn verify_heap(&self) -> crate::vm::R<()> {
        use alloc::collections::BTreeSet;
        let bytes = self.ram.heap().get(..self.heap_used()).unwrap_or(&[]);
        let mut starts = BTreeSet::new();
        walk_allocations(bytes, &mut |at, _, _| {
            starts.insert(at);
            Ok(())
        })
        .map_err(|_| crate::vm::CORRUPT)?;
        let ok = |v: Value| {
            if v.is_ram() {
                starts.contains(&(v.0 as usize))
            } else if v.is_int() {
                true
            } else {
                v.well_known().is_some()
                    || v.rom_offset()
                        .is_some_and(|o| (o as usize) < self.rom().len())
            }
        };
        let mut all = true;
        walk_allocations(bytes, &mut |at, ty, size| {
            if ty.holds_values() {
                for k in 0..size / 2 {
                    all &= ok(Value(read_u16(bytes, at + 2 * k).unwrap_or(1)));
                }
            }
            Ok(())
        })
        .map_err(|_| crate::vm::CORRUPT)?;
        for w in self.ram.globals() {
            all &= ok(Value(u16::from_le(*w)));
        }
        // Frames hold tagged control words (low bit 1) that only look like
        // values: on the stack, only the pointers the GC follows are checked.
        for w in self.ram.stack().iter().take(self.sp()) {
            all &= !Value(*w).is_ram() || ok(Value(*w));
        }
        for r in [self.result, self.handles, self.jobs] {
            all &= ok(r);
        }
        #[cfg(feature = "snapshot")]
        {
            all &= ok(self.round.exports_table);
        }
        if all {
            Ok(())
        } else {
            Err(crate::vm::CORRUPT)
        }
    }
}

/// Sizes the interpreter relies on for each type.
fn shape_ok(ty: TypeCode, size: usize) -> bool {
    let even = size.is_multiple_of(2);
    match ty {
        TypeCode::Int32 => size == 4,
        TypeCode::Float64 => size == 8,
        TypeCode::HostFunc => size == 2,
        TypeCode::StrAscii | TypeCode::StrUtf8 => size >= 1,
        TypeCode::Function => size > function::CODE,
        TypeCode::Closure => {
            // Longer closures are continuations, which only `async` makes.
            size == 2 * crate::exec::continuation::CLOSURE_SLOTS
                || (cfg!(feature = "async")
                    && size >= 2 * crate::exec::continuation::MIN_CONTINUATION_SLOTS
                    && even)
        }
        TypeCode::Object | TypeCode::Array | TypeCode::Class => size == 4,
        TypeCode::Env | TypeCode::FixedArray => size >= 2 && even,
        TypeCode::PropList => size >= 2 && size % 4 == 2,
        TypeCode::Bytes => size >= 2,
        // Iterators are JavaScript now: nothing makes this type.
        TypeCode::Iterator | TypeCode::Forwarded => false,
    }
}
