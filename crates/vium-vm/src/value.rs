//! The 16-bit value encoding. Owns the bit layout of `Value` and the table of
//! well-known values; knows nothing about the heap or the image contents.
//!
//! | low bits | meaning |
//! |---|---|
//! | `…0`  | RAM pointer: byte offset of an allocation's payload in the heap (even, ≥ 2) |
//! | `…01` | ROM pointer: `v < ROM_BIAS` names well-known value `v >> 2`; otherwise the payload is at offset `v - ROM_BIAS` of the ROM section (ROM allocations are 4-aligned, so 14 bits address 64 KiB) |
//! | `…11` | 14-bit signed integer `v >> 2` |

/// A script value: 16 bits, see the module docs for the encoding.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[repr(transparent)]
pub struct Value(pub u16);

/// A ROM pointer's value minus the offset of its payload in the ROM
/// section; ROM pointers below it are well-known values. Payloads sit at
/// offsets `4k + 2` (headers at multiples of 4), which is what makes every
/// such value end in `01`.
pub const ROM_BIAS: u16 = 0x1FF;
/// Largest ROM section offset of a payload that a value can name.
pub const ROM_OFFSET_MAX: u16 = 0xFFFD - ROM_BIAS;

/// The smallest integer a `Value` holds without an allocation.
pub const INT14_MIN: i32 = -8192;
/// The largest integer a `Value` holds without an allocation.
pub const INT14_MAX: i32 = 8191;

impl Value {
    /// Encodes an int14; `None` when `i` is outside `-8192..=8191`.
    #[inline]
    pub const fn int(i: i32) -> Option<Value> {
        if i >= INT14_MIN && i <= INT14_MAX {
            Some(Value((((i as u32) << 2) | 3) as u16))
        } else {
            None
        }
    }
    /// An int14 from a value known to fit (`i` is masked otherwise).
    #[inline]
    pub const fn small_int(i: i16) -> Value {
        Value(((i as u16) << 2) | 3)
    }
    /// Whether this is an int14 (held in the value itself).
    #[inline]
    pub const fn is_int(self) -> bool {
        self.0 & 3 == 3
    }
    /// The int14 payload (meaningful only when `is_int`).
    #[inline]
    pub const fn int_value(self) -> i32 {
        (self.0 as i16 >> 2) as i32
    }
    /// The int14 payload, if this is an int14.
    #[inline]
    pub const fn as_int(self) -> Option<i32> {
        if self.is_int() {
            Some(self.int_value())
        } else {
            None
        }
    }
    /// Whether this points into the RAM heap.
    #[inline]
    pub const fn is_ram(self) -> bool {
        self.0 & 1 == 0
    }
    /// Heap byte offset of the payload (meaningful only when `is_ram`).
    #[inline]
    pub const fn ram_offset(self) -> u16 {
        self.0
    }
    /// A RAM pointer to heap byte offset `off` (even, at least 2).
    #[inline]
    pub const fn from_ram_offset(off: u16) -> Value {
        Value(off)
    }
    /// Whether this is a ROM pointer (well-known values included).
    #[inline]
    pub const fn is_rom(self) -> bool {
        self.0 & 3 == 1
    }
    /// The ROM pointer to the payload at `rom_offset` in the ROM section
    /// (`4k + 2`, at most `ROM_OFFSET_MAX`).
    #[inline]
    pub const fn from_rom_offset(rom_offset: u16) -> Option<Value> {
        if rom_offset > ROM_OFFSET_MAX || rom_offset & 3 != 2 {
            None
        } else {
            Some(Value(rom_offset + ROM_BIAS))
        }
    }
    /// The well-known entry this value names, if it is one.
    #[inline]
    pub const fn well_known(self) -> Option<WellKnown> {
        if self.is_rom() && self.0 < ROM_BIAS {
            WellKnown::from_index((self.0 >> 2) as u8)
        } else {
            None
        }
    }
    /// Offset of the payload within the ROM section, for ROM pointers that are
    /// not well-known.
    #[inline]
    pub const fn rom_offset(self) -> Option<u16> {
        if self.is_rom() && self.0 > ROM_BIAS {
            Some(self.0 - ROM_BIAS)
        } else {
            None
        }
    }

    /// `undefined`.
    pub const UNDEFINED: Value = WellKnown::Undefined.value();
    /// `null`.
    pub const NULL: Value = WellKnown::Null.value();
    /// `true`.
    pub const TRUE: Value = WellKnown::True.value();
    /// `false`.
    pub const FALSE: Value = WellKnown::False.value();
    /// `NaN`.
    pub const NAN: Value = WellKnown::NaN.value();
    /// `-0`.
    pub const NEG_ZERO: Value = WellKnown::NegZero.value();
    /// `""`.
    pub const EMPTY_STRING: Value = WellKnown::EmptyString.value();
    /// Internal marker (array holes, uninitialised bindings); never seen by scripts.
    pub const HOLE: Value = WellKnown::Hole.value();
    /// The number `0`.
    pub const ZERO: Value = Value::small_int(0);

    /// `true` or `false`.
    #[inline]
    pub const fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }
}

/// Well-known strings have indices below this.
const TEXT_SLOTS: usize = 56;
/// Enough for the texts of all well-known strings.
const TEXT_BYTES: usize = 256;

/// The texts of the well-known strings, by index: the text of index `i` is
/// `bytes[start[i]..start[i + 1]]` when bit `i` of `has` is set.
struct TextTable {
    bytes: [u8; TEXT_BYTES],
    start: [u8; TEXT_SLOTS + 1],
    has: u64,
}

impl TextTable {
    /// Lays out `texts` (`(index, text)` in increasing index order); fails
    /// the build when they do not fit.
    const fn new(texts: &[(u8, &str)]) -> TextTable {
        let mut t = TextTable {
            bytes: [0; TEXT_BYTES],
            start: [0; TEXT_SLOTS + 1],
            has: 0,
        };
        let (mut slot, mut at, mut k) = (0, 0, 0);
        while k < texts.len() {
            let (idx, text) = texts[k];
            let idx = idx as usize;
            assert!(
                idx >= slot && idx < TEXT_SLOTS,
                "well-known texts out of order"
            );
            while slot <= idx {
                t.start[slot] = at as u8;
                slot += 1;
            }
            let b = text.as_bytes();
            let mut j = 0;
            while j < b.len() {
                t.bytes[at] = b[j];
                at += 1;
                j += 1;
            }
            t.has |= 1 << idx;
            k += 1;
        }
        assert!(at <= 255, "well-known texts too long");
        while slot <= TEXT_SLOTS {
            t.start[slot] = at as u8;
            slot += 1;
        }
        t
    }
}

macro_rules! well_known {
    ($( $(#[$doc:meta])* $name:ident = $idx:literal $(, $text:literal)? ;)*) => {
        /// Values that every VM knows without an image: they are encoded as ROM
        /// pointers below `ROM_BIAS`, cost no image bytes, and are stable across
        /// images. The value is `index × 4 + 1`.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u8)]
        pub enum WellKnown { $( $(#[$doc])* $name = $idx, )* }

        /// The texts of the well-known strings as one table rather than a
        /// `match`, whose arms cost more flash than the texts.
        static WELL_KNOWN_TEXT: TextTable = TextTable::new(&[$( $( ($idx, $text), )? )*]);

        impl WellKnown {
            /// Every well-known value, in table order.
            pub const ALL: &'static [WellKnown] = &[$(WellKnown::$name,)*];
            /// The well-known value with index `i`, if there is one.
            pub const fn from_index(i: u8) -> Option<WellKnown> {
                match i { $( $idx => Some(WellKnown::$name), )* _ => None }
            }
            /// The text of a well-known string, `None` for non-strings.
            #[inline(never)]
            pub fn text(self) -> Option<&'static [u8]> {
                let i = self as usize;
                if i >= TEXT_SLOTS || WELL_KNOWN_TEXT.has >> i & 1 == 0 {
                    return None;
                }
                let start = WELL_KNOWN_TEXT.start;
                WELL_KNOWN_TEXT.bytes.get(start[i] as usize..start[i + 1] as usize)
            }
            /// The entry's name in this table (for the disassembler).
            pub const fn name(self) -> &'static str {
                match self { $( WellKnown::$name => stringify!($name), )* }
            }
        }
    };
}

well_known! {
    Undefined = 0;
    Null = 1;
    True = 2;
    False = 3;
    NaN = 4;
    NegZero = 5;
    EmptyString = 6, "";
    Hole = 7;
    // Builtin objects and native functions.
    /// The `console` object: members from `builtins::CONSOLE` (`log` is
    /// JavaScript in the prelude).
    Console = 8;
    /// `vmExport(id, value)`: records an export (build time only).
    VmExport = 10;
    /// `vmImport(id)`: returns the host function with that id.
    VmImport = 11;
    /// The `Error` constructor; `ErrorPrototype` is the prototype of its instances.
    Error = 12;
    TypeError = 13;
    RangeError = 14;
    ErrorPrototype = 15;
    TypeErrorPrototype = 16;
    RangeErrorPrototype = 17;
    /// `Array.prototype.push`.
    ArrayPush = 18;
    /// The RangeError thrown when memory runs out: it needs no allocation.
    OutOfMemoryError = 19;
    /// The `Symbol` object; `Symbol.iterator` is `SymbolIterator`.
    Symbol = 20;
    /// `Symbol.iterator`, a property key.
    SymbolIterator = 21;
    /// The key of an object's attribute entry (`sem::object::attrs_of`),
    /// never visible to scripts.
    PropAttrs = 22;
    // Well-known strings: what the VM must be able to name without an image.
    StrUndefined = 24, "undefined";
    StrObject = 25, "object";
    StrBoolean = 26, "boolean";
    StrNumber = 27, "number";
    StrString = 28, "string";
    StrFunction = 29, "function";
    StrLength = 30, "length";
    StrName = 31, "name";
    StrMessage = 32, "message";
    StrError = 33, "Error";
    StrTypeError = 34, "TypeError";
    StrRangeError = 35, "RangeError";
    StrPush = 36, "push";
    StrLog = 37, "log";
    StrTrue = 38, "true";
    StrFalse = 39, "false";
    StrNull = 40, "null";
    StrNaN = 41, "NaN";
    StrInfinity = 42, "Infinity";
    StrNegInfinity = 43, "-Infinity";
    StrPrototype = 44, "prototype";
    StrOutOfMemory = 45, "out of memory";
    StrSymbol = 48, "symbol";
    StrValue = 49, "value";
    StrDone = 50, "done";
    StrNext = 51, "next";
    StrConstructor = 52, "constructor";
    StrIterator = 53, "iterator";
    StrComma = 54, ",";
    StrSyntaxError = 55, "SyntaxError";
    // Builtin globals. Their methods are JavaScript in the image (see
    // `builtins`), found through reserved exports, so unused ones cost nothing.
    /// `Object`: statics from export `builtins::OBJECT_STATICS`.
    ObjectCtor = 64;
    /// `Array`: statics from `builtins::ARRAY_STATICS`.
    ArrayCtor = 65;
    /// `String(x)` converts; statics from `builtins::STRING_STATICS`.
    StringCtor = 66;
    /// `Number(x)` converts; statics from `builtins::NUMBER_STATICS`.
    NumberCtor = 67;
    /// `Math`: members from `builtins::MATH`.
    MathObject = 69;
    /// `JSON`: members from `builtins::JSON`.
    JsonObject = 70;
    ParseFloat = 73;
    /// `__vium`: the primitives the JavaScript builtins are written with.
    Intrinsics = 74;
    CharCodeAt = 75;
    FromCharCode = 76;
    Substring = 77;
    StringIndexOf = 78;
    IsArray = 79;
    Sqrt = 80;
    ToFixed = 81;
    ObjectKeys = 84;
    Join = 85;
    /// `Uint8Array`: `new Uint8Array(length or array)`.
    Uint8ArrayCtor = 87;
    /// `Reflect`: members from `builtins::REFLECT`.
    ReflectObject = 88;
    /// `__vium.enqueue(f, a, b)`: queues the job `f(a, b)` (promises).
    Enqueue = 100;
    /// `__vium.print(s)`: writes the string to the host's console output.
    Print = 101;
    /// `__vium.own(o)`: an object's own properties in stored order, as
    /// `[key, value, accessor, …]` (`accessor`: 0 data, 1 getter, 2
    /// setter, 3 both; an accessor's value is undefined).
    OwnEntries = 102;
    /// `__vium.type(v)`: the allocation type code of `v` (`TypeCode`), -1
    /// for ints and well-known values.
    TypeTag = 103;
    /// `__vium.define(o, k, v)`: an own data property (no setter runs).
    Define = 104;
    /// `eval(text)`: at build time, runs the code the driver compiled for
    /// `text` (found in export `builtins::EVAL_TABLE`); on a device, throws.
    Eval = 120;
    /// `Function(params…, body)` / `new Function(…)`: `eval` of the
    /// function expression text they stand for.
    FunctionCtor = 121;
    /// `SyntaxError`: thrown by build-time `eval` of text that does not parse.
    SyntaxError = 122;
    SyntaxErrorPrototype = 123;
    /// `Object.prototype`, the end of every ordinary prototype chain:
    /// members from `builtins::OBJECT_PROTOTYPE`.
    ObjectPrototype = 124;
    /// `Function.prototype`, the prototype of every function: members
    /// (`call`, `apply`, `bind`) from `builtins::FUNCTION_PROTOTYPE`.
    FunctionPrototype = 125;
    /// `Array.prototype`, the prototype of every array: members from
    /// `builtins::ARRAY_PROTOTYPE`.
    ArrayPrototype = 126;
    /// `String.prototype`: members from `builtins::STRING_PROTOTYPE`.
    StringPrototype = 127;
    /// `Number.prototype`: members from `builtins::NUMBER_PROTOTYPE`.
    NumberPrototype = 106;
    /// `__vium.proto(o)`: the prototype of `o`; `__vium.proto(o, p)` sets
    /// an object's (the caller checks for cycles).
    Proto = 105;
}

impl WellKnown {
    /// The value that names this entry.
    pub const fn value(self) -> Value {
        Value(self as u16 * 4 + 1)
    }
    /// The well-known string with this text, if any.
    pub fn string(text: &[u8]) -> Option<WellKnown> {
        WellKnown::ALL
            .iter()
            .copied()
            .find(|w| w.text() == Some(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int14_round_trips_at_the_edges() {
        for i in [INT14_MIN, -1, 0, 1, INT14_MAX] {
            let v = Value::int(i).unwrap();
            assert!(v.is_int() && !v.is_ram() && !v.is_rom());
            assert_eq!(v.int_value(), i);
        }
        assert_eq!(Value::int(INT14_MAX + 1), None);
        assert_eq!(Value::int(INT14_MIN - 1), None);
    }

    #[test]
    fn well_known_values_are_rom_pointers_below_the_bias() {
        for w in WellKnown::ALL {
            let v = w.value();
            assert!(v.is_rom());
            assert!(v.0 < ROM_BIAS);
            assert_eq!(v.well_known(), Some(*w));
            assert_eq!(v.rom_offset(), None);
        }
        assert_eq!(Value::UNDEFINED.0, 1);
        assert_eq!(WellKnown::string(b"length"), Some(WellKnown::StrLength));
    }

    #[test]
    fn rom_offsets_map_past_the_bias() {
        let v = Value::from_rom_offset(10).unwrap();
        assert_eq!(v.rom_offset(), Some(10));
        assert_eq!(v.well_known(), None);
        assert!(v.is_rom());
        assert_eq!(Value::from_rom_offset(11), None);
        assert_eq!(Value::from_rom_offset(12), None);
        let last = Value::from_rom_offset(ROM_OFFSET_MAX).unwrap();
        assert_eq!(last.rom_offset(), Some(ROM_OFFSET_MAX));
        assert_eq!(Value::from_rom_offset(ROM_OFFSET_MAX + 4), None);
    }
}
