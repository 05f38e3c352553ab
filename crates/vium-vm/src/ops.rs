//! The instruction set, described once. `for_each_op!` is the single table
//! from which the opcode enum, operand layouts, the interpreter's decoding, the
//! compiler's emitter, the disassembler and the snapshot writer's relocation
//! all read. Owns: opcode numbers, operand kinds, stack effects (as docs).
//!
//! Encoding: one opcode byte followed by its operands, little-endian, no
//! padding. Jump offsets are relative to the address just after the
//! instruction. Stack effects are written `[before] -> [after]`, top at right.

/// The kind of one operand: its size and what the snapshot writer must
/// relocate.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Operand {
    /// An unsigned byte.
    U8,
    /// A signed byte.
    I8,
    /// A 16-bit `Value` literal: an int14 or a ROM pointer (relocated).
    Const,
    /// A 16-bit global slot index (renumbered by the snapshot writer).
    Global,
    /// A signed 16-bit jump offset, relative to the next instruction.
    Jump,
}

impl Operand {
    /// Bytes the operand takes in the code.
    pub const fn size(self) -> usize {
        match self {
            Operand::U8 | Operand::I8 => 1,
            Operand::Const | Operand::Global | Operand::Jump => 2,
        }
    }

    /// The kind's code in `LAYOUT` (never 0).
    pub const fn code(self) -> u8 {
        match self {
            Operand::U8 => 1,
            Operand::I8 => 2,
            Operand::Const => 3,
            Operand::Global => 4,
            Operand::Jump => 5,
        }
    }

    /// The kind with `code`.
    pub const fn from_code(code: u8) -> Option<Operand> {
        Some(match code {
            1 => Operand::U8,
            2 => Operand::I8,
            3 => Operand::Const,
            4 => Operand::Global,
            5 => Operand::Jump,
            _ => return None,
        })
    }

    const fn pack(kinds: &[Operand]) -> u8 {
        let mut packed = 0;
        let mut i = 0;
        while i < kinds.len() {
            packed |= kinds[i].code() << (3 * i);
            i += 1;
        }
        packed
    }
}

/// Calls `$m!` with the whole instruction table:
/// `Name = byte [operand kinds] (pops, pushes) "stack effect and meaning",`
/// where `pops` may add `n`, the first operand (a call's argument count).
/// The compiler sizes each function's stack from these effects.
#[macro_export]
macro_rules! for_each_op {
    ($m:ident) => {
        $m! {
            // --- literals ---
            Undefined = 0x00 [] (0,1) "[] -> [undefined]",
            Null = 0x01 [] (0,1) "[] -> [null]",
            True = 0x02 [] (0,1) "[] -> [true]",
            False = 0x03 [] (0,1) "[] -> [false]",
            Int8 = 0x04 [I8] (0,1) "[] -> [int]: a small integer literal",
            Const = 0x05 [Const] (0,1) "[] -> [value]: an int14 or ROM value (string, boxed number, function, well-known)",
            This = 0x06 [] (0,1) "[] -> [this]: the current call's receiver",
            // --- variables ---
            LoadLocal = 0x07 [U8] (0,1) "[] -> [local[i]]",
            StoreLocal = 0x08 [U8] (1,0) "[v] -> []: local[i] = v",
            LoadArg = 0x09 [U8] (0,1) "[] -> [arg[i]]: undefined past the argument count",
            StoreArg = 0x0A [U8] (1,0) "[v] -> []: arg[i] = v (i < the function's parameter count)",
            LoadGlobal = 0x0B [Global] (0,1) "[] -> [global[i]]",
            StoreGlobal = 0x0C [Global] (1,0) "[v] -> []: global[i] = v",
            LoadScoped = 0x0D [U8, U8] (0,1) "[] -> [v]: slot `index` of the environment `depth` parents up from the current one",
            StoreScoped = 0x0E [U8, U8] (1,0) "[v] -> []: stores into slot `index` of the environment `depth` parents up",
            PushScope = 0x0F [U8] (0,0) "[] -> []: a new environment of n undefined slots whose parent is the current one becomes current",
            PopScope = 0x10 [] (0,0) "[] -> []: the current environment's parent becomes current",
            CloneScope = 0x11 [] (0,0) "[] -> []: a copy of the current environment (same parent, same slot values) becomes current; gives each loop iteration its own `let` bindings",
            // --- stack ---
            Pop = 0x12 [] (1,0) "[a] -> []",
            Dup = 0x13 [] (1,2) "[a] -> [a, a]",
            Dup2 = 0x14 [] (2,4) "[a, b] -> [a, b, a, b]",
            Swap = 0x15 [] (2,2) "[a, b] -> [b, a]",
            // --- objects and arrays ---
            NewObject = 0x16 [] (0,1) "[] -> [{}]",
            NewArray = 0x17 [U8] (0,1) "[] -> [[]]: an empty array with room for n elements",
            InitProp = 0x18 [] (3,1) "[obj, key, v] -> [obj]: defines an own property (object literals)",
            ArrayPush = 0x19 [] (2,1) "[arr, v] -> [arr]: appends v (array literals)",
            GetProp = 0x1A [] (2,1) "[obj, key] -> [obj[key]]",
            SetProp = 0x1B [] (3,1) "[obj, key, v] -> [v]: obj[key] = v",
            GetField = 0x1C [Const] (1,1) "[obj] -> [obj.key]: key is a constant string",
            SetField = 0x1D [Const] (2,1) "[obj, v] -> [v]: obj.key = v",
            GetMethod = 0x1E [Const] (1,2) "[obj] -> [obj.key, obj]: callee and receiver for Call",
            Delete = 0x1F [] (2,1) "[obj, key] -> [true]: removes an own property (array elements become holes)",
            Arguments = 0x21 [U8] (0,1) "[] -> [array]: the current call's arguments from index n on (rest parameters, `arguments`)",
            InitAccessor = 0x22 [U8] (3,1) "[obj, key, fn] -> [obj]: defines fn as the getter (bit 0 clear) or setter (bit 0 set) of an own accessor property, not enumerable when bit 1 is set (object literals, classes)",
            // --- operators ---
            Add = 0x23 [] (2,1) "[a, b] -> [a + b]",
            Sub = 0x24 [] (2,1) "[a, b] -> [a - b]",
            Mul = 0x25 [] (2,1) "[a, b] -> [a * b]",
            Div = 0x26 [] (2,1) "[a, b] -> [a / b]",
            Rem = 0x27 [] (2,1) "[a, b] -> [a % b]",
            Pow = 0x28 [] (2,1) "[a, b] -> [a ** b]",
            BitAnd = 0x29 [] (2,1) "[a, b] -> [a & b]",
            BitOr = 0x2A [] (2,1) "[a, b] -> [a | b]",
            BitXor = 0x2B [] (2,1) "[a, b] -> [a ^ b]",
            Shl = 0x2C [] (2,1) "[a, b] -> [a << b]",
            Shr = 0x2D [] (2,1) "[a, b] -> [a >> b]",
            UShr = 0x2E [] (2,1) "[a, b] -> [a >>> b]",
            StrictEq = 0x2F [] (2,1) "[a, b] -> [a === b]",
            StrictNe = 0x30 [] (2,1) "[a, b] -> [a !== b]",
            Lt = 0x31 [] (2,1) "[a, b] -> [a < b]",
            Le = 0x32 [] (2,1) "[a, b] -> [a <= b]",
            Gt = 0x33 [] (2,1) "[a, b] -> [a > b]",
            Ge = 0x34 [] (2,1) "[a, b] -> [a >= b]",
            Neg = 0x35 [] (1,1) "[a] -> [-a]",
            ToNumber = 0x36 [] (1,1) "[a] -> [+a]",
            Not = 0x37 [] (1,1) "[a] -> [!a]",
            BitNot = 0x38 [] (1,1) "[a] -> [~a]",
            TypeOf = 0x39 [] (1,1) "[a] -> [typeof a]",
            LooseEq = 0x3A [] (2,1) "[a, b] -> [a == b]",
            LooseNe = 0x3B [] (2,1) "[a, b] -> [a != b]",
            In = 0x3C [] (2,1) "[key, obj] -> [key in obj]",
            InstanceOf = 0x3D [] (2,1) "[v, C] -> [v instanceof C]",
            ToString = 0x3E [] (1,1) "[a] -> [String(a)]",
            DivInt = 0x3F [] (2,1) "[a, b] -> [(a / b) | 0]: integer division, one instruction for the common idiom",
            IsArray = 0x40 [] (1,1) "[a] -> [bool]: whether a is an array (array destructuring's fast path)",
            // --- control ---
            Jump = 0x41 [Jump] (0,0) "[] -> []: pc += offset",
            JumpIfFalse = 0x42 [Jump] (1,0) "[c] -> []: jumps when c is falsy",
            JumpIfTrue = 0x43 [Jump] (1,0) "[c] -> []: jumps when c is truthy",
            Call = 0x44 [U8] (2+n,1) "[callee, this, args × n] -> [result]",
            New = 0x45 [U8] (1+n,1) "[callee, args × n] -> [object]: `new callee(...args)`",
            Return = 0x46 [] (1,0) "[v] -> returns v to the caller",
            Closure = 0x47 [Const] (0,1) "[] -> [closure]: the ROM function operand closed over the current environment",
            Throw = 0x48 [] (1,0) "[v] -> throws v",
            TryStart = 0x49 [Jump] (0,4) "[] -> [handler × 4]: until the matching TryEnd, a throw unwinds to here and continues at the offset with the exception pushed",
            TryEnd = 0x4A [] (4,0) "[handler × 4] -> []: leaves the innermost try block",
            CallSpread = 0x4B [] (3,1) "[callee, this, array] -> [result]: calls with the array's elements as arguments",
            NewSpread = 0x4C [] (2,1) "[callee, array] -> [object]: `new` with the array's elements as arguments",
            MakeClass = 0x4D [] (2,1) "[parent, constructor] -> [class]: parent is a class or null; makes the prototype object (whose prototype is the parent's) and the class",
            CallSuper = 0x4E [U8] (2+n,1) "[class, this, args × n] -> [result]: runs a class's constructor on an existing `this` (super(...))",
            CallSuperSpread = 0x4F [] (3,1) "[class, this, array] -> [result]: CallSuper with the array's elements as arguments (super(...args))",
            FunctionObject = 0x52 [] (2,1) "[kind, f] -> [function]: f as a function object that can hold properties (a class whose constructor may be called without `new`), with a writable `prototype` when kind is null (a constructor), none when it is undefined",
            InitMethod = 0x51 [] (3,1) "[obj, key, v] -> [obj]: defines a non-enumerable own property (class methods; on a class, of its statics)",
            Await = 0x50 [Const, Jump] (3,1) "[helper, this, v] -> [helper(v, continuation)]: saves this frame, which runs the function operand, (its operands below helper) as a continuation that resumes at the offset with what it is called with pushed (or thrown, when its second argument is true), then calls helper (async functions)",
        }
    };
}

macro_rules! define_ops {
    (@arg $n:ident $operand:ident) => { $operand };
    (@adds $n:ident) => { POPS_ADD_OPERAND };
    ($($name:ident = $byte:literal [$($kind:ident),*] ($pop:literal $(+ $n:ident)?, $push:literal) $doc:literal,)*) => {
        /// One opcode; see `for_each_op!` for the stack effect of each.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        #[repr(u8)]
        pub enum Op { $( #[doc = concat!("```text\n", $doc, "\n```")] $name = $byte, )* }

        /// The operand layout of each opcode byte, for decoding without the
        /// `Op` enum: 0 for bytes that name no opcode, else `0x80 | kinds`,
        /// the operand kinds packed three bits each (`Operand::code`).
        pub const LAYOUT: [u8; 128] = {
            let mut t = [0u8; 128];
            $( t[$byte] = 0x80 | Operand::pack(&[$(Operand::$kind),*]); )*
            t
        };

        /// The operands each opcode byte pops, `| POPS_ADD_OPERAND` when its
        /// first operand (an argument count) adds to them: the executor
        /// refuses an instruction whose frame holds fewer, so no stack
        /// index runs below a frame.
        pub const POPS: [u8; 128] = {
            let mut t = [0u8; 128];
            $( t[$byte] = $pop $(| define_ops!(@adds $n))?; )*
            t
        };

        /// The opcode bytes as constants, for matching on a raw byte.
        #[allow(non_upper_case_globals)]
        pub mod byte {
            $( pub const $name: u8 = $byte; )*
        }

        impl Op {
            /// Every opcode, in table order.
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];

            /// Decodes an opcode byte; `None` for bytes that name no opcode.
            #[inline]
            pub const fn from_byte(b: u8) -> Option<Op> {
                match b { $( $byte => Some(Op::$name), )* _ => None }
            }
            /// The opcode's name, as the disassembler prints it.
            pub const fn name(self) -> &'static str {
                match self { $( Op::$name => stringify!($name), )* }
            }
            /// The kinds of the opcode's operands, in order.
            pub const fn operands(self) -> &'static [Operand] {
                match self { $( Op::$name => &[$(Operand::$kind),*], )* }
            }
            /// What the opcode does, with its stack effect (the table's text).
            pub const fn doc(self) -> &'static str {
                match self { $( Op::$name => $doc, )* }
            }
            /// `(pops, pushes)`: the stack effect, given the value of the
            /// first operand (the argument count of calls).
            pub const fn stack_effect(self, operand: i32) -> (i32, i32) {
                match self { $( Op::$name => ($pop $(+ define_ops!(@arg $n operand))?, $push), )* }
            }
            /// Bytes taken by the opcode and its operands.
            pub const fn size(self) -> usize {
                let ops = self.operands();
                let mut n = 1;
                let mut i = 0;
                while i < ops.len() {
                    n += ops[i].size();
                    i += 1;
                }
                n
            }
        }
    };
}
for_each_op!(define_ops);

/// In `POPS`: the instruction's first operand adds to its pops.
pub const POPS_ADD_OPERAND: u8 = 0x80;

/// Number of stack words a `TryStart` handler record takes.
pub const HANDLER_WORDS: usize = 4;

/// One decoded instruction, as the disassembler and snapshot writer see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The opcode.
    pub op: Op,
    /// Offset of the opcode byte within the code.
    pub at: usize,
    /// Operand values in table order (bytes zero-extended or sign-extended).
    pub operands: [i32; 2],
}

impl Decoded {
    /// Offset of the next instruction.
    pub const fn next(&self) -> usize {
        self.at + self.op.size()
    }
}

/// One decoded instruction as raw parts: the opcode byte, its operands (in
/// table order, zero- or sign-extended; absent ones 0, kinds in `kinds`),
/// and where the next instruction starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Raw {
    /// The opcode byte.
    pub code: u8,
    /// `LAYOUT[code]`: the operand kinds.
    pub kinds: u8,
    /// Operand values in table order (0 where there is none).
    pub operands: [i32; 2],
    /// Offset of the next instruction.
    pub next: usize,
}

impl Raw {
    /// The kind of operand `i`, if the instruction has one.
    pub const fn kind(&self, i: usize) -> Option<Operand> {
        Operand::from_code((self.kinds >> (3 * i)) & 7)
    }
}

/// Decodes the instruction at `at` through `LAYOUT`; `None` past the end,
/// on an unknown opcode, or when the operands run past the end.
pub fn decode_raw(code: &[u8], at: usize) -> Option<Raw> {
    let op = *code.get(at)?;
    let kinds = *LAYOUT.get(op as usize)?;
    if kinds == 0 {
        return None;
    }
    let mut operands = [0i32; 2];
    let mut p = at + 1;
    let mut rest = kinds & 0x7F;
    for slot in &mut operands {
        let b = |k: usize| code.get(p + k).copied();
        *slot = match rest & 7 {
            0 => break,
            1 => b(0)? as i32,
            2 => b(0)? as i8 as i32,
            3 | 4 => u16::from_le_bytes([b(0)?, b(1)?]) as i32,
            _ => i16::from_le_bytes([b(0)?, b(1)?]) as i32,
        };
        p += if rest & 7 <= 2 { 1 } else { 2 };
        rest >>= 3;
    }
    Some(Raw {
        code: op,
        kinds: kinds & 0x7F,
        operands,
        next: p,
    })
}

/// Decodes the instruction at `at`; `None` past the end, on an unknown opcode,
/// or when the operands run past the end.
pub fn decode(code: &[u8], at: usize) -> Option<Decoded> {
    let raw = decode_raw(code, at)?;
    Some(Decoded {
        op: Op::from_byte(raw.code)?,
        at,
        operands: raw.operands,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opcode_bytes_are_unique_and_round_trip() {
        let mut seen = [false; 256];
        for op in Op::ALL {
            assert!(!seen[*op as usize], "duplicate byte for {}", op.name());
            seen[*op as usize] = true;
            assert_eq!(Op::from_byte(*op as u8), Some(*op));
        }
    }

    #[test]
    fn handler_records_match_the_stack_effects_of_try() {
        assert_eq!(Op::TryStart.stack_effect(0), (0, HANDLER_WORDS as i32));
        assert_eq!(Op::TryEnd.stack_effect(0), (HANDLER_WORDS as i32, 0));
        assert_eq!(Op::Call.stack_effect(3), (5, 1));
    }

    #[test]
    fn the_layout_table_agrees_with_the_op_table() {
        for b in 0..=255u8 {
            let layout = LAYOUT.get(b as usize).copied().unwrap_or(0);
            match Op::from_byte(b) {
                None => assert_eq!(layout, 0, "{b:#x}"),
                Some(op) => {
                    let raw = Raw {
                        code: b,
                        kinds: layout & 0x7F,
                        operands: [0; 2],
                        next: 0,
                    };
                    let kinds: std::vec::Vec<_> = (0..2).filter_map(|i| raw.kind(i)).collect();
                    assert_eq!(kinds, op.operands(), "{}", op.name());
                }
            }
        }
    }

    #[test]
    fn decode_reads_operands_in_table_order() {
        let code = [Op::LoadScoped as u8, 2, 7, Op::Jump as u8, 0xFE, 0xFF];
        let a = decode(&code, 0).unwrap();
        assert_eq!((a.op, a.operands, a.next()), (Op::LoadScoped, [2, 7], 3));
        let b = decode(&code, 3).unwrap();
        assert_eq!((b.op, b.operands[0]), (Op::Jump, -2));
        assert_eq!(decode(&code[..5], 3), None);
    }
}
