//! **API Boundary: the image format (v4).** The contract between the compiler
//! and the runtime. Owns the header layout, allocation headers and type codes,
//! the CRC, and the validating reader; the builder (feature `std`) writes the
//! same layout. Knows nothing of the interpreter.
//!
//! ```text
//! offset size  field
//!  0     2     magic "Vi"
//!  2     1     format version (4)
//!  3     1     header size in bytes (18)
//!  4     2     required engine features (bit 0: float64, bit 1: async,
//!              bit 2: accessors, bit 3: math,
//!              bit 4: strings, bit 5: reflect; `FEATURE_NAMES`)
//!  6     2     image size in bytes
//!  8     2     CRC-16/CCITT-FALSE of bytes 0..8 then 10..image size
//! 10     2     start of the imports section
//! 12     2     start of the exports section
//! 14     2     start of the globals section
//! 16     2     start of the initial heap section (it ends at the image size)
//! 18     …     ROM section: allocations (header + payload), read in place
//! ```
//! Sections, in order: ROM (allocations), imports (`u16` host ids), exports
//! (`u16` id, `u16` value pairs), globals (`u16` values), initial heap (the
//! bytes of the RAM heap, copied verbatim at restore: the first allocation
//! header is at heap offset 0, so the first pointer is 2). All numbers are
//! little-endian; every section starts at an even offset.
//!
//! Every allocation, in ROM and RAM, is a `u16` header `type << 12 | size`
//! followed by `size` payload bytes, padded to an even length. A pointer
//! names the payload, never the header.

use crate::value::Value;

/// The first two bytes of every image.
pub const MAGIC: [u8; 2] = *b"Vi";
/// The format version this engine reads and writes (byte 2 of the header).
pub const VERSION: u8 = 4;
/// Bytes in the header; the ROM section starts here.
pub const HEADER_SIZE: usize = 18;
/// Required-feature bit: the image holds or needs float64 values.
pub const FEATURE_FLOAT: u16 = 1;
/// Required-feature bit: the image's code awaits (`async` functions), or
/// its heap holds a suspended one.
pub const FEATURE_ASYNC: u16 = 2;
/// Required-feature bit: the image's code defines getters or setters, or
/// its heap holds them.
pub const FEATURE_ACCESSORS: u16 = 4;
/// Required-feature bit: the image's code raises to a power (`**`, and
/// `Math.pow`, which the prelude writes with it). An engine without float
/// has all of it there is (integer powers), so it always has this bit.
pub const FEATURE_MATH: u16 = 8;
/// Required-feature bit: the image calls the natives behind the string
/// methods (`charCodeAt`, `substring`, `indexOf`, `String.fromCharCode`),
/// `Array.prototype.join`, `parseFloat` or `toFixed`: the prelude writes
/// the rest of the string library with them.
pub const FEATURE_STRINGS: u16 = 16;
/// Required-feature bit: the image calls the natives behind object
/// reflection (`__vium.own`, `keys`, `define`, `proto`, `type`): what
/// `console.log` of a non-text value, `for…in`, object spread,
/// `JSON.stringify` and `Object.keys`, `defineProperty`, `freeze`… are
/// written with.
pub const FEATURE_REFLECT: u16 = 32;
/// Every required-feature bit this format defines.
pub const ALL_FEATURES: u16 = FEATURE_FLOAT
    | FEATURE_ASYNC
    | FEATURE_ACCESSORS
    | FEATURE_MATH
    | FEATURE_STRINGS
    | FEATURE_REFLECT;
/// The name of each required-feature bit, as its Cargo feature is named.
pub const FEATURE_NAMES: [(u16, &str); 6] = [
    (FEATURE_FLOAT, "float"),
    (FEATURE_ASYNC, "async"),
    (FEATURE_ACCESSORS, "accessors"),
    (FEATURE_MATH, "math"),
    (FEATURE_STRINGS, "strings"),
    (FEATURE_REFLECT, "reflect"),
];
/// Largest payload an allocation header can describe.
pub const MAX_ALLOC_SIZE: usize = 0x0FFF;

/// The type of an allocation, from the high four bits of its header.
/// Types below `Object` hold raw bytes; from `Object` on, the payload is a
/// sequence of `Value`s that the GC traces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum TypeCode {
    /// A boxed signed 32-bit integer (4 bytes).
    Int32 = 0,
    /// A boxed float64 (8 bytes).
    Float64 = 1,
    /// A string whose bytes are all ASCII.
    StrAscii = 2,
    /// A string stored as WTF-8 (UTF-8 that may hold lone surrogates).
    StrUtf8 = 3,
    /// A host function: `u16` host id.
    HostFunc = 4,
    /// A bytecode function (ROM only): `u8` parameter count, `u8` local
    /// count, `u8` operand stack depth, then the code.
    Function = 5,
    /// `[proto, props]`: prototype value and a `PropList` pointer or null.
    Object = 6,
    /// `[count, key, value, key, value, …]`; capacity from the header size.
    PropList = 7,
    /// `[data, length]`: a `FixedArray` pointer or null, and an int14 length.
    Array = 8,
    /// `[value, …]`: array storage; capacity from the header size.
    FixedArray = 9,
    /// `[function, environment]`.
    Closure = 10,
    /// `[parent, slot, …]`: a closure environment.
    Env = 11,
    /// `[constructor, statics]`: a class, or a function that holds
    /// properties (a function object); `statics` is an Object holding the
    /// static members and `prototype`.
    Class = 12,
    /// Reserved (builtin iterators, now JavaScript): refused by restore.
    Iterator = 13,
    /// A `Uint8Array`: `u16` length, then the bytes (mutable, never traced).
    Bytes = 14,
    /// Left by the GC in a copied allocation's header (never in an image).
    Forwarded = 15,
}

impl TypeCode {
    /// The type code with number `n` (the high four bits of a header).
    pub const fn from_nibble(n: u8) -> Option<TypeCode> {
        Some(match n {
            0 => TypeCode::Int32,
            1 => TypeCode::Float64,
            2 => TypeCode::StrAscii,
            3 => TypeCode::StrUtf8,
            4 => TypeCode::HostFunc,
            5 => TypeCode::Function,
            6 => TypeCode::Object,
            7 => TypeCode::PropList,
            8 => TypeCode::Array,
            9 => TypeCode::FixedArray,
            10 => TypeCode::Closure,
            11 => TypeCode::Env,
            12 => TypeCode::Class,
            13 => TypeCode::Iterator,
            14 => TypeCode::Bytes,
            15 => TypeCode::Forwarded,
            _ => return None,
        })
    }
    /// Whether the payload is a sequence of traced values.
    pub const fn holds_values(self) -> bool {
        (self as u8) >= TypeCode::Object as u8 && (self as u8) <= TypeCode::Iterator as u8
    }
    /// Whether this is one of the two string types.
    pub const fn is_string(self) -> bool {
        matches!(self, TypeCode::StrAscii | TypeCode::StrUtf8)
    }
}

/// Byte offsets inside a `Function` payload.
pub mod function {
    /// The number of parameters (the low six bits, `PARAMS`), and the kind
    /// bits `NOT_CONSTRUCTOR` and `CLASS_CONSTRUCTOR`.
    pub const PARAM_COUNT: usize = 0;
    /// In the `PARAM_COUNT` byte: the function cannot be called with `new`
    /// (arrow functions, methods, getters and setters, async functions).
    pub const NOT_CONSTRUCTOR: u8 = 0x80;
    /// In the `PARAM_COUNT` byte: a class's constructor, which a call
    /// through its class refuses without `new`.
    pub const CLASS_CONSTRUCTOR: u8 = 0x40;
    /// In the `PARAM_COUNT` byte: the parameter count.
    pub const PARAMS: u8 = 0x3F;
    /// The number of local variable slots (`u8`).
    pub const LOCAL_COUNT: usize = 1;
    /// The deepest the operand stack gets (`u8`).
    pub const MAX_STACK: usize = 2;
    /// Where the bytecode starts.
    pub const CODE: usize = 3;
}

/// The header of an allocation: `ty` in the high four bits, the payload
/// size (at most `MAX_ALLOC_SIZE`) in the low twelve.
#[inline]
pub const fn alloc_header(ty: TypeCode, size: usize) -> u16 {
    ((ty as u16) << 12) | (size as u16 & 0x0FFF)
}

/// Splits an allocation header into its type (if valid) and payload size.
#[inline]
pub const fn split_header(h: u16) -> (Option<TypeCode>, usize) {
    (
        TypeCode::from_nibble((h >> 12) as u8),
        (h & 0x0FFF) as usize,
    )
}

/// Bytes an allocation with `size` payload bytes takes, header included.
#[inline]
pub const fn alloc_footprint(size: usize) -> usize {
    2 + ((size + 1) & !1)
}

/// Bytes an allocation in ROM takes: ROM allocations start at multiples of
/// 4, so that 14 bits of a value address 64 KiB (`value::ROM_BIAS`).
pub const fn rom_footprint(size: usize) -> usize {
    (2 + size + 3) & !3
}

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF): bitwise, for code size.
pub fn crc16(bytes: &[u8]) -> u16 {
    crc16_continue(0xFFFF, bytes)
}

fn crc16_continue(mut crc: u16, bytes: &[u8]) -> u16 {
    for &b in bytes {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The checksum stored at bytes 8..10 of an image: CRC-16/CCITT-FALSE of
/// every other byte, the header fields before it (magic, version, header
/// size, required features, image size) followed by everything after it.
/// Covering the feature word means a flipped bit cannot pass off an image
/// that needs float as one that does not.
pub fn image_crc(image: &[u8]) -> u16 {
    let before = image.get(..8).unwrap_or(image);
    crc16_continue(crc16(before), image.get(10..).unwrap_or(&[]))
}

/// Why an image was refused, by [`Image::parse`] or
/// [`Vm::restore`](crate::Vm::restore). [`ImageError::message`] describes
/// each for a log.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ImageError {
    /// Fewer bytes than a header.
    TooShort,
    /// The bytes do not start with [`MAGIC`]: not an image.
    BadMagic,
    /// An image of another format version (this one is [`VERSION`]).
    UnsupportedVersion(u8),
    /// The header's size is not the length given (a truncated image).
    SizeMismatch {
        /// The size the header states.
        header: usize,
        /// The length of the bytes given.
        actual: usize,
    },
    /// The checksum does not match the contents (a damaged image).
    CrcMismatch {
        /// The checksum in the header.
        stored: u16,
        /// The checksum of the bytes given.
        computed: u16,
    },
    /// The section offsets in the header are out of order, odd or out of
    /// bounds.
    BadSectionTable,
    /// The image needs a feature this engine was built without.
    MissingFeature(u16),
    /// An allocation header or value inside a section is malformed.
    Corrupt(&'static str),
    /// The host cannot provide an imported function.
    UnresolvedImport(u16),
}

impl ImageError {
    /// A short English description, for logs (no formatting code needed).
    pub fn message(&self) -> &'static str {
        match self {
            ImageError::TooShort => "image is shorter than its header",
            ImageError::BadMagic => "not a Vium image (bad magic)",
            ImageError::UnsupportedVersion(_) => "unsupported image format version",
            ImageError::SizeMismatch { .. } => "image size does not match its header (truncated?)",
            ImageError::CrcMismatch { .. } => "image checksum mismatch (corrupt image)",
            ImageError::BadSectionTable => "image section table is malformed",
            ImageError::MissingFeature(_) => "image needs an engine feature this build lacks",
            ImageError::Corrupt(what) => what,
            ImageError::UnresolvedImport(_) => "the host does not provide an imported function",
        }
    }
}

#[inline]
pub(crate) fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
}

/// A validated view of an image, borrowed where it lies. Section bounds are
/// kept as `u16` offsets: this struct is part of every VM's idle RAM.
///
/// A host needs it only to look at an image (tools, tests): [`Vm::restore`]
/// parses the image itself, and checks the values inside too.
///
/// [`Vm::restore`]: crate::Vm::restore
///
/// ```
/// use vium_vm::format::{Image, FEATURE_FLOAT};
/// use vium_vm::ImageError;
///
/// // The script of basic.vbc exports 1 to 5 and needs float numbers.
/// let bytes = include_bytes!("../tests/images/basic.vbc");
/// let image = Image::parse(bytes, FEATURE_FLOAT).unwrap();
/// assert_eq!(image.exports_len(), 5);
/// assert_eq!(image.export(0).map(|(id, _)| id), Some(1));
/// assert_eq!(image.flags(), FEATURE_FLOAT);
/// // An engine without floats refuses it.
/// assert_eq!(Image::parse(bytes, 0).err(), Some(ImageError::MissingFeature(FEATURE_FLOAT)));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Image<'a> {
    /// The whole image.
    pub bytes: &'a [u8],
    /// Start of each section (ROM, imports, exports, globals, heap), then the end.
    starts: [u16; 6],
}

impl<'a> Image<'a> {
    /// Checks the header, version, size, CRC and section table, and walks the
    /// ROM and heap allocation headers. Values inside are checked by
    /// `Vm::restore`, which knows what they may point at.
    ///
    /// `engine_features` are the features the reader has (header bits,
    /// [`FEATURE_FLOAT`]; the engine's own are
    /// [`ENGINE_FEATURES`](crate::ENGINE_FEATURES)): an image that needs
    /// more is refused with `ImageError::MissingFeature`.
    pub fn parse(bytes: &'a [u8], engine_features: u16) -> Result<Image<'a>, ImageError> {
        if bytes.len() < HEADER_SIZE {
            return Err(ImageError::TooShort);
        }
        if bytes[0..2] != MAGIC {
            return Err(ImageError::BadMagic);
        }
        if bytes[2] != VERSION {
            return Err(ImageError::UnsupportedVersion(bytes[2]));
        }
        let r = |at| read_u16(bytes, at).map(usize::from).unwrap_or(0);
        let size = r(6);
        if size != bytes.len() {
            return Err(ImageError::SizeMismatch {
                header: size,
                actual: bytes.len(),
            });
        }
        let stored = r(8) as u16;
        let computed = image_crc(bytes);
        if stored != computed {
            return Err(ImageError::CrcMismatch { stored, computed });
        }
        if bytes[3] as usize != HEADER_SIZE {
            return Err(ImageError::BadSectionTable);
        }
        let flags = r(4) as u16;
        if flags & !engine_features != 0 {
            return Err(ImageError::MissingFeature(flags & !engine_features));
        }
        let starts = [HEADER_SIZE, r(10), r(12), r(14), r(16), size];
        if starts.windows(2).any(|w| w[0] > w[1]) || starts.iter().any(|s| s & 1 != 0) {
            return Err(ImageError::BadSectionTable);
        }
        let image = Image {
            bytes,
            starts: starts.map(|s| s as u16),
        };
        let len = |(a, b): (usize, usize)| b - a;
        if image.exports_len() * 4 != len(image.exports()) {
            return Err(ImageError::BadSectionTable);
        }
        if len(image.heap()) > 0xFFFE {
            return Err(ImageError::BadSectionTable);
        }
        walk_rom(image.rom_bytes(), &mut |_, _, _| Ok(()))?;
        walk_allocations(image.heap_bytes(), &mut |_, _, _| Ok(()))?;
        Ok(image)
    }

    /// The view of an image that restore already validated (`Image::parse`).
    pub(crate) fn trusted(bytes: &'a [u8]) -> Image<'a> {
        let r = |at| read_u16(bytes, at).unwrap_or(0);
        Image {
            bytes,
            starts: [
                HEADER_SIZE as u16,
                r(10),
                r(12),
                r(14),
                r(16),
                bytes.len() as u16,
            ],
        }
    }

    fn section(&self, i: usize) -> (usize, usize) {
        let at = |k: usize| self.starts.get(k).copied().unwrap_or(0) as usize;
        (at(i), at(i + 1))
    }
    /// Byte range of the ROM section.
    pub fn rom(&self) -> (usize, usize) {
        self.section(0)
    }
    /// Byte range of the imports section.
    pub fn imports(&self) -> (usize, usize) {
        self.section(1)
    }
    /// Byte range of the exports section.
    pub fn exports(&self) -> (usize, usize) {
        self.section(2)
    }
    /// Byte range of the globals section.
    pub fn globals(&self) -> (usize, usize) {
        self.section(3)
    }
    /// Byte range of the initial heap section.
    pub fn heap(&self) -> (usize, usize) {
        self.section(4)
    }
    /// The bytes of section `i` (0 ROM, 1 imports, 2 exports, 3 globals, 4 heap).
    pub fn section_bytes(&self, i: usize) -> &'a [u8] {
        let (a, b) = self.section(i);
        self.bytes.get(a..b).unwrap_or(&[])
    }
    /// The required-feature bits of the header.
    pub fn flags(&self) -> u16 {
        read_u16(self.bytes, 4).unwrap_or(0)
    }
    /// The bytes of the ROM section (allocations, read in place).
    pub fn rom_bytes(&self) -> &'a [u8] {
        let (a, b) = self.rom();
        self.bytes.get(a..b).unwrap_or(&[])
    }
    /// The bytes of the initial heap (copied into RAM at restore).
    pub fn heap_bytes(&self) -> &'a [u8] {
        let (a, b) = self.heap();
        self.bytes.get(a..b).unwrap_or(&[])
    }
    /// The number of globals.
    pub fn globals_len(&self) -> usize {
        (self.globals().1 - self.globals().0) / 2
    }
    /// The initial value of global `i`.
    pub fn global(&self, i: usize) -> Option<Value> {
        if i >= self.globals_len() {
            return None;
        }
        read_u16(self.bytes, self.globals().0 + 2 * i).map(Value)
    }
    /// The number of imports.
    pub fn imports_len(&self) -> usize {
        (self.imports().1 - self.imports().0) / 2
    }
    /// The host id of the `i`th import (what `vmImport` was given).
    pub fn import(&self, i: usize) -> Option<u16> {
        if i >= self.imports_len() {
            return None;
        }
        read_u16(self.bytes, self.imports().0 + 2 * i)
    }
    /// The number of exports.
    pub fn exports_len(&self) -> usize {
        (self.exports().1 - self.exports().0) / 4
    }
    /// The `i`th export as `(id, value)`.
    pub fn export(&self, i: usize) -> Option<(u16, Value)> {
        if i >= self.exports_len() {
            return None;
        }
        let at = self.exports().0 + 4 * i;
        Some((
            read_u16(self.bytes, at)?,
            Value(read_u16(self.bytes, at + 2)?),
        ))
    }
}

/// Walks the allocations of a heap section, calling `f(payload_offset,
/// type, size)` for each; fails on a bad header or an allocation that runs
/// past the end.
pub fn walk_allocations(
    section: &[u8],
    f: &mut dyn FnMut(usize, TypeCode, usize) -> Result<(), ImageError>,
) -> Result<(), ImageError> {
    walk(section, alloc_footprint, f)
}

/// `walk_allocations` for the ROM section, whose allocations are 4-aligned.
pub fn walk_rom(
    section: &[u8],
    f: &mut dyn FnMut(usize, TypeCode, usize) -> Result<(), ImageError>,
) -> Result<(), ImageError> {
    walk(section, rom_footprint, f)
}

fn walk(
    section: &[u8],
    footprint: fn(usize) -> usize,
    f: &mut dyn FnMut(usize, TypeCode, usize) -> Result<(), ImageError>,
) -> Result<(), ImageError> {
    let mut at = 0;
    while at < section.len() {
        let h = read_u16(section, at).ok_or(ImageError::Corrupt("allocation header truncated"))?;
        let (ty, size) = split_header(h);
        let ty = match ty {
            Some(TypeCode::Forwarded) | None => {
                return Err(ImageError::Corrupt("bad allocation type"))
            }
            Some(t) => t,
        };
        let next = at + footprint(size);
        if next > section.len() {
            return Err(ImageError::Corrupt("allocation runs past its section"));
        }
        f(at + 2, ty, size)?;
        at = next;
    }
    Ok(())
}

#[cfg(feature = "std")]
pub use builder::{BuildError, ImageBuilder};

#[cfg(feature = "std")]
mod builder {
    use super::*;
    use alloc::vec::Vec;

    /// Why an image could not be written.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum BuildError {
        /// One allocation's payload exceeds `MAX_ALLOC_SIZE`.
        AllocationTooLarge {
            /// The payload's size.
            size: usize,
        },
        /// The ROM section outgrew what a 16-bit value can address.
        RomFull,
        /// The whole image outgrew 64 KiB.
        ImageTooLarge {
            /// The image's size (or the heap offset that did not fit).
            size: usize,
        },
    }

    /// Writes an image section by section. ROM pointers are relative to the ROM
    /// section, so they are final the moment an allocation is added.
    #[derive(Clone, Debug, Default)]
    pub struct ImageBuilder {
        /// The required-feature bits ([`FEATURE_FLOAT`]).
        pub flags: u16,
        /// The ROM section: allocations made with `rom_alloc`.
        pub rom: Vec<u8>,
        /// The host ids of the imports.
        pub imports: Vec<u16>,
        /// The exports, as `(id, value)`.
        pub exports: Vec<(u16, Value)>,
        /// The initial values of the globals.
        pub globals: Vec<Value>,
        /// The initial heap, byte for byte (first header at offset 0).
        pub heap: Vec<u8>,
    }

    impl ImageBuilder {
        /// A builder for an empty image (no code, no exports).
        pub fn new() -> Self {
            Self::default()
        }

        /// Appends a ROM allocation and returns the value that points at it.
        pub fn rom_alloc(&mut self, ty: TypeCode, payload: &[u8]) -> Result<Value, BuildError> {
            if payload.len() > MAX_ALLOC_SIZE {
                return Err(BuildError::AllocationTooLarge {
                    size: payload.len(),
                });
            }
            // The ROM section is a whole number of 4-byte units, so the
            // payload lands at `4k + 2`, which a value can name.
            let payload_at = self.rom.len() + 2;
            // The whole allocation stays within the ROM that values address.
            if self.rom.len() + rom_footprint(payload.len())
                > crate::value::ROM_OFFSET_MAX as usize + 2
            {
                return Err(BuildError::RomFull);
            }
            let value = u16::try_from(payload_at)
                .ok()
                .and_then(Value::from_rom_offset)
                .ok_or(BuildError::RomFull)?;
            self.rom
                .extend_from_slice(&alloc_header(ty, payload.len()).to_le_bytes());
            self.rom.extend_from_slice(payload);
            while !self.rom.len().is_multiple_of(4) {
                self.rom.push(0);
            }
            Ok(value)
        }

        /// The payload of a ROM allocation made by `rom_alloc`, for patching.
        pub fn rom_payload_mut(&mut self, v: Value) -> Option<&mut [u8]> {
            let at = v.rom_offset()? as usize;
            let h = read_u16(&self.rom, at.checked_sub(2)?)?;
            let (_, size) = split_header(h);
            self.rom.get_mut(at..at + size)
        }

        /// Appends a heap allocation and returns its RAM pointer.
        pub fn heap_alloc(&mut self, ty: TypeCode, payload: &[u8]) -> Result<Value, BuildError> {
            if payload.len() > MAX_ALLOC_SIZE {
                return Err(BuildError::AllocationTooLarge {
                    size: payload.len(),
                });
            }
            let at = self.heap.len() + 2;
            let at = u16::try_from(at).map_err(|_| BuildError::ImageTooLarge { size: at })?;
            self.heap
                .extend_from_slice(&alloc_header(ty, payload.len()).to_le_bytes());
            self.heap.extend_from_slice(payload);
            if payload.len() % 2 == 1 {
                self.heap.push(0);
            }
            Ok(Value::from_ram_offset(at))
        }

        /// Lays the sections out and computes the CRC.
        pub fn finish(&self) -> Result<Vec<u8>, BuildError> {
            let mut out = Vec::with_capacity(HEADER_SIZE + self.rom.len() + self.heap.len());
            out.extend_from_slice(&[0; HEADER_SIZE]);
            out[0..2].copy_from_slice(&MAGIC);
            out[2] = VERSION;
            out[3] = HEADER_SIZE as u8;
            out[4..6].copy_from_slice(&self.flags.to_le_bytes());
            out.extend_from_slice(&self.rom);
            let mut starts = [0u16; 4];
            let mut mark = |out: &Vec<u8>, i: usize| starts[i] = out.len() as u16;
            mark(&out, 0);
            for id in &self.imports {
                out.extend_from_slice(&id.to_le_bytes());
            }
            mark(&out, 1);
            for (id, v) in &self.exports {
                out.extend_from_slice(&id.to_le_bytes());
                out.extend_from_slice(&v.0.to_le_bytes());
            }
            mark(&out, 2);
            for g in &self.globals {
                out.extend_from_slice(&g.0.to_le_bytes());
            }
            mark(&out, 3);
            out.extend_from_slice(&self.heap);
            if out.len() > 0xFFFF {
                return Err(BuildError::ImageTooLarge { size: out.len() });
            }
            let size = out.len() as u16;
            out[6..8].copy_from_slice(&size.to_le_bytes());
            for (i, s) in starts.iter().enumerate() {
                out[10 + 2 * i..12 + 2 * i].copy_from_slice(&s.to_le_bytes());
            }
            let crc = image_crc(&out);
            out[8..10].copy_from_slice(&crc.to_le_bytes());
            Ok(out)
        }
    }
}

#[cfg(test)]
#[cfg(feature = "std")]
mod tests {
    use super::*;

    #[test]
    fn an_empty_image_parses_and_is_eighteen_bytes() {
        let bytes = ImageBuilder::new().finish().unwrap();
        assert_eq!(bytes.len(), HEADER_SIZE);
        let img = Image::parse(&bytes, FEATURE_FLOAT).unwrap();
        assert_eq!(img.globals_len(), 0);
    }

    #[test]
    fn truncation_flips_and_versions_are_refused() {
        let mut b = ImageBuilder::new();
        b.rom_alloc(TypeCode::StrAscii, b"hello").unwrap();
        b.globals.push(Value::UNDEFINED);
        let bytes = b.finish().unwrap();
        assert!(Image::parse(&bytes, 0).is_ok());
        assert!(matches!(
            Image::parse(&bytes[..bytes.len() - 1], 0),
            Err(ImageError::SizeMismatch { .. })
        ));
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut bad = bytes.clone();
                bad[i] ^= 1 << bit;
                assert!(Image::parse(&bad, 0).is_err(), "flip at {i}.{bit} accepted");
            }
        }
    }

    #[test]
    fn rom_values_point_at_payloads() {
        let mut b = ImageBuilder::new();
        let s = b.rom_alloc(TypeCode::StrAscii, b"abc").unwrap();
        let t = b.rom_alloc(TypeCode::StrAscii, b"de").unwrap();
        assert_eq!(s.rom_offset(), Some(2));
        assert_eq!(t.rom_offset(), Some(10));
        assert_eq!(b.rom_payload_mut(t).unwrap(), b"de");
    }

    #[test]
    fn a_full_rom_is_refused_when_building_not_when_restoring() {
        let mut b = ImageBuilder::new();
        let chunk = [b'x'; 4000];
        while b.rom_alloc(TypeCode::StrAscii, &chunk).is_ok() {}
        // What fits still fits, to the last byte; the image restores.
        while b.rom_alloc(TypeCode::StrAscii, b"y").is_ok() {}
        assert_eq!(
            b.rom_alloc(TypeCode::StrAscii, b"y"),
            Err(BuildError::RomFull)
        );
        let bytes = b.finish().unwrap();
        assert!(Image::parse(&bytes, 0).is_ok());
    }
}
