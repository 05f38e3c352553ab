//! The executor: runs bytecode for one entry from the host. An `Exec`
//! lives on the native stack for the duration of that entry and holds the
//! registers only a running call needs (`pc`, `fp`, `argc`, `handler`), so
//! they cost an idle VM nothing. Reading `step` shows the whole instruction
//! set: each arm is a line or a call to a handler; handlers are grouped by
//! kind (`call`: calls, returns, `new`, `super`, exceptions; `frame`:
//! variables, scopes, arguments; `continuation`: `await`; `jobs`: the job queue).
//! Script calls never recurse natively: a call pushes a frame and the loop
//! goes on; only host functions (bounded by `MAX_HOST_DEPTH`) re-enter it,
//! with an `Exec` of their own.
//!
//! Frame layout (stack words, growing upward):
//! `callee, this, arg × argc, [ret_pc, caller_fp, caller_argc] (tagged), scope, local × n, operands…`
//! with `fp` at the first local and the frame's current environment in the
//! `scope` word just below it. When fewer arguments than parameters were
//! passed, the frame is padded with `undefined` up to the parameter count
//! and the callee slot holds the count actually passed (an int). A handler
//! record pushed by `TryStart` is `[prev_handler, catch_pc, fp] (tagged),
//! scope`, and `handler` is the stack index just past it.
//!
//! Must not: know what an operation means (that is `sem`'s).

mod call;
pub(crate) mod continuation;
mod frame;
mod jobs;

use crate::format::TypeCode;
use crate::host::{Host, VmError};
use crate::ops::byte as op;
use crate::value::Value;
use crate::vm::{Fault, Vm, R};

pub(crate) use call::Entered;

/// `ret_pc` of a frame entered from the host: returning from it leaves the
/// loop (no code offset reaches it: ROM ends below 0xFE00).
const HOST_RETURN: usize = 0xFFFF;
/// Words of a frame header (three control words and the scope).
pub(crate) const FRAME_WORDS: usize = 4;
/// Stack words kept free above a frame's operands for natives' temporaries.
const RESERVE_WORDS: usize = 16;
/// Set in a frame's `argc` register when the frame runs a constructor for
/// `new`: its result is `this` unless it returns an object.
const CONSTRUCT_BIT: usize = 0x2000;
/// Set when the frame runs a getter for `GetMethod`: its result goes below
/// the receiver that the caller's stack still holds (`[obj] -> [v, obj]`).
const UNDER_BIT: usize = 0x1000;
/// Set when the frame runs a setter: its result is dropped (the assigned
/// value is already on the caller's stack).
const DROP_BIT: usize = 0x800;
/// The most arguments a call takes.
const ARGC_MASK: usize = DROP_BIT - 1;
/// Bit 14 of a control word beside a code offset (see `tag_pc`).
const PC_HIGH: usize = 0x4000;

/// A code offset and the control word saved beside it (an argument count
/// with its flags, or a stack index, both below `PC_HIGH`) as two tagged
/// words: a tagged word holds 15 bits and ROM reaches 64 KiB, so the
/// offset's top bit rides in bit 14 of the other word.
#[inline]
pub(crate) fn tag_pc(pc: usize, other: usize) -> (Value, Value) {
    use crate::heap::tag;
    (tag(pc & 0x7FFF), tag(other | (((pc >> 15) & 1) * PC_HIGH)))
}

/// The code offset and the other word that `tag_pc` made.
#[inline]
pub(crate) fn untag_pc(pc_word: Value, other_word: Value) -> (usize, usize) {
    use crate::heap::untag;
    let other = untag(other_word);
    (untag(pc_word) | (other & PC_HIGH) << 1, other & !PC_HIGH)
}

/// The registers of one entry from the host, and the VM it runs on.
pub(crate) struct Exec<'v, 'a> {
    pub(crate) vm: &'v mut Vm<'a>,
    pub(crate) host: &'v mut dyn Host,
    /// The image's ROM section, where the code is.
    pub(crate) rom: &'a [u8],
    /// Offset of the next instruction in ROM.
    pub(crate) pc: usize,
    /// First local of the current frame.
    pub(crate) fp: usize,
    /// Arguments of the current frame (padded count) and its return mode.
    pub(crate) argc: usize,
    /// One past the innermost handler record of this entry, 0 for none.
    pub(crate) handler: usize,
}

impl<'a> Vm<'a> {
    /// With `[callee, this, args × n]` on top of the stack, runs the call to
    /// completion and returns its result with those words popped.
    pub(crate) fn call_from_host(&mut self, host: &mut dyn Host, n: usize) -> R<Value> {
        let base = self.sp().wrapping_sub(n + 2);
        let rom = self.rom();
        let mut ex = Exec {
            vm: self,
            host,
            rom,
            pc: 0,
            fp: 0,
            argc: 0,
            handler: 0,
        };
        let r = match ex.begin_call(n, HOST_RETURN, 0) {
            Ok(Entered::Done(v)) => Ok(v),
            Ok(Entered::Frame) => ex.run(),
            Err(f) => Err(f),
        };
        self.set_sp(base);
        r
    }

    /// With `[callee, args × n]` on top of the stack, runs `new callee(…)`
    /// to completion and returns the object with those words popped.
    pub(crate) fn construct_from_host(&mut self, host: &mut dyn Host, n: usize) -> R<Value> {
        let base = self.sp().wrapping_sub(n + 1);
        let rom = self.rom();
        let mut ex = Exec {
            vm: self,
            host,
            rom,
            pc: HOST_RETURN,
            fp: 0,
            argc: 0,
            handler: 0,
        };
        // A native constructor leaves the object on the stack; a bytecode
        // one enters a frame (so `pc` moves) that returns to the host.
        let r = match ex.construct(n) {
            Ok(()) if ex.pc == HOST_RETURN => Ok(ex.vm.top(0)),
            Ok(()) => ex.run(),
            Err(f) => Err(f),
        };
        self.set_sp(base);
        r
    }
}

impl Exec<'_, '_> {
    /// Runs until the frame entered from the host returns.
    fn run(&mut self) -> R<Value> {
        loop {
            let r = match self.step() {
                Err(Fault::Primitive) => self.convert_operand().map(|()| false),
                r => r,
            };
            match r {
                Ok(false) => {}
                Ok(true) => return Ok(self.vm.result),
                Err(Fault::Throw) => self.unwind()?,
                Err(f) => return Err(f),
            }
        }
    }

    #[inline]
    fn fetch_u8(&mut self) -> usize {
        let b = self.rom.get(self.pc).copied().unwrap_or(0);
        self.pc += 1;
        b as usize
    }
    #[inline]
    fn fetch_u16(&mut self) -> u16 {
        let lo = self.fetch_u8();
        let hi = self.fetch_u8();
        (lo | hi << 8) as u16
    }
    #[inline]
    fn fetch_value(&mut self) -> Value {
        Value(self.fetch_u16())
    }
    /// A jump operand, as the absolute target.
    #[inline]
    fn fetch_target(&mut self) -> usize {
        let off = self.fetch_u16() as i16 as isize;
        self.pc.wrapping_add_signed(off)
    }

    /// Pops `k` operands and pushes `v`.
    #[inline]
    fn replace(&mut self, k: usize, v: Value) {
        self.vm.set_sp(self.vm.sp() - (k));
        self.vm.push(v);
    }

    /// Executes one instruction; `true` when the frame entered from the
    /// host returned (its result is in `result`).
    fn step(&mut self) -> R<bool> {
        if self.vm.fuel != crate::vm::NO_BUDGET {
            if self.vm.fuel == 0 {
                return Err(Fault::Fatal(VmError::BudgetExhausted));
            }
            self.vm.fuel -= 1;
        }
        let code = self.fetch_u8() as u8;
        #[cfg(feature = "coverage")]
        crate::coverage::hit(code);
        // Code that pops operands its frame does not have is corrupt (an
        // image's code is not proven stack-safe at restore). In a release
        // build its stack arithmetic wraps and every access is checked, so
        // it ends in garbage values or an error; with overflow checks (debug
        // builds) the arithmetic would panic first, so those builds check
        // each instruction.
        #[cfg(debug_assertions)]
        self.check_operands(code)?;
        let vm = &mut *self.vm;
        match code {
            op::Undefined => vm.push(Value::UNDEFINED),
            op::Null => vm.push(Value::NULL),
            op::True => vm.push(Value::TRUE),
            op::False => vm.push(Value::FALSE),
            op::Int8 => {
                let i = self.fetch_u8() as i8;
                self.vm.push(Value::small_int(i as i16))
            }
            op::Const => {
                let v = self.fetch_value();
                self.vm.push(v)
            }
            op::This => {
                let v = self.vm.st(self.this_slot());
                self.vm.push(v)
            }
            op::LoadLocal => {
                let i = self.fp + self.fetch_u8();
                let v = self.vm.st(i);
                self.vm.push(v)
            }
            op::StoreLocal => {
                let i = self.fp + self.fetch_u8();
                let v = self.vm.pop();
                self.vm.set_st(i, v)
            }
            op::LoadArg => self.load_arg(),
            op::StoreArg => {
                let i = self.fetch_u8();
                let v = self.vm.pop();
                self.vm.set_st(self.args_base() + i, v)
            }
            op::LoadGlobal => {
                let i = self.fetch_u16() as usize;
                let v = self.vm.global(i);
                self.vm.push(v)
            }
            op::StoreGlobal => {
                let i = self.fetch_u16() as usize;
                let v = self.vm.pop();
                self.vm.set_global(i, v)
            }
            op::LoadScoped => {
                let e = self.env_operand();
                let v = self.vm.slot(e.0, e.1);
                self.vm.push(v)
            }
            op::StoreScoped => {
                let e = self.env_operand();
                let v = self.vm.pop();
                self.vm.set_slot(e.0, e.1, v)
            }
            op::PushScope => self.push_scope()?,
            op::PopScope => {
                let e = self.scope();
                let parent = self.vm.slot(e, 0);
                self.set_scope(parent)
            }
            op::CloneScope => self.clone_scope()?,
            op::Pop => vm.set_sp(vm.sp() - 1),
            op::Dup => vm.push(vm.top(0)),
            op::Dup2 => {
                vm.push(vm.top(1));
                vm.push(vm.top(1))
            }
            op::Swap => {
                let (a, b) = (vm.top(1), vm.top(0));
                vm.set_st(vm.sp() - 2, b);
                vm.set_st(vm.sp() - 1, a)
            }
            op::NewObject => {
                let o = vm.new_object(crate::value::WellKnown::ObjectPrototype.value())?;
                vm.push(o)
            }
            op::NewArray => {
                let cap = self.fetch_u8();
                let a = self.vm.new_array(cap)?;
                self.vm.push(a)
            }
            op::InitProp => {
                vm.set_property_at(vm.sp() - 3)?;
                vm.set_sp(vm.sp() - 2)
            }
            #[cfg(feature = "accessors")]
            op::InitAccessor => {
                // Bit 0: a setter; bit 1: not enumerable (classes).
                let kind = self.fetch_u8();
                let at = self.vm.sp() - 3;
                let hidden = if kind & 2 != 0 {
                    crate::sem::object::HIDDEN
                } else {
                    0
                };
                self.vm.define_accessor_at(at, kind & 1 != 0, hidden)?;
                self.vm.set_sp(at + 1)
            }
            op::InitMethod => {
                let at = vm.sp() - 3;
                vm.define_method_at(at)?;
                vm.set_sp(at + 1)
            }
            op::ArrayPush => {
                let at = vm.sp() - 2;
                vm.array_push_at(at, at + 1)?;
                vm.set_sp(vm.sp() - 1)
            }
            op::GetProp => {
                let key = vm.property_key(vm.top(0))?;
                vm.set_st(vm.sp() - 1, key);
                self.get_at(self.vm.sp() - 2, 0)?
            }
            op::GetField => {
                let key = self.fetch_value();
                self.vm.push(key);
                self.get_at(self.vm.sp() - 2, 0)?
            }
            op::GetMethod => {
                // [obj] -> [obj, obj, key] -> [f, obj]
                let key = self.fetch_value();
                let obj = self.vm.top(0);
                self.vm.push(obj);
                self.vm.push(key);
                self.get_at(self.vm.sp() - 2, UNDER_BIT)?
            }
            op::SetProp => self.assign_at(self.vm.sp() - 3)?,
            op::SetField => {
                // [obj, v] -> [obj, key, v]
                let key = self.fetch_value();
                let v = self.vm.top(0);
                self.vm.set_st(self.vm.sp() - 1, key);
                self.vm.push(v);
                self.assign_at(self.vm.sp() - 3)?
            }
            op::Add
            | op::Sub
            | op::Mul
            | op::Div
            | op::Rem
            | op::Pow
            | op::BitAnd
            | op::BitOr
            | op::BitXor
            | op::Shl
            | op::Shr
            | op::UShr
            | op::DivInt => {
                let r = vm.arith(code)?;
                vm.replace_top2(r)
            }
            op::StrictEq | op::StrictNe => {
                let eq = vm.strict_eq(vm.top(1), vm.top(0));
                vm.replace_top2(Value::bool(eq == (code == op::StrictEq)))
            }
            op::LooseEq | op::LooseNe => {
                let eq = vm.loose_eq_top()?;
                vm.replace_top2(Value::bool(eq == (code == op::LooseEq)))
            }
            op::Lt | op::Le | op::Gt | op::Ge => {
                let r = vm.compare(code)?;
                vm.replace_top2(Value::bool(r))
            }
            op::Neg | op::ToNumber | op::BitNot => {
                let r = vm.unary(code)?;
                self.replace(1, r)
            }
            op::Not => {
                let t = vm.truthy(vm.top(0));
                self.replace(1, Value::bool(!t))
            }
            op::TypeOf => {
                let t = vm.type_of_value(vm.top(0));
                self.replace(1, t.value())
            }
            op::IsArray => {
                let a = vm.tc(vm.top(0)) == TypeCode::Array;
                self.replace(1, Value::bool(a))
            }
            op::ToString => {
                vm.primitive_operands(1)?;
                let at = vm.sp() - 1;
                let s = vm.string_at(at)?;
                vm.set_st(at, s)
            }
            op::In => {
                let r = vm.has_property()?;
                vm.replace_top2(Value::bool(r))
            }
            op::InstanceOf => {
                let r = vm.instance_of(vm.top(1), vm.top(0))?;
                vm.replace_top2(Value::bool(r))
            }
            op::Delete => {
                vm.delete_property()?;
                vm.replace_top2(Value::TRUE)
            }
            op::Arguments => self.arguments()?,
            op::MakeClass | op::FunctionObject => {
                let c = vm.make_class(vm.sp() - 2, code == op::FunctionObject)?;
                vm.replace_top2(c)
            }
            op::Jump => self.pc = self.fetch_target(),
            op::JumpIfFalse | op::JumpIfTrue => {
                let target = self.fetch_target();
                let c = self.vm.pop();
                if self.vm.truthy(c) == (code == op::JumpIfTrue) {
                    self.pc = target
                }
            }
            op::Call => {
                let n = self.fetch_u8();
                self.call(n, 0)?
            }
            op::CallSpread => {
                let n = self.vm.spread_array_onto_stack()?;
                self.call(n, 0)?
            }
            op::New => {
                let n = self.fetch_u8();
                self.construct(n)?
            }
            op::NewSpread => {
                let n = self.vm.spread_array_onto_stack()?;
                self.construct(n)?
            }
            op::CallSuper => {
                let n = self.fetch_u8();
                self.call_super(n)?
            }
            op::CallSuperSpread => {
                let n = self.vm.spread_array_onto_stack()?;
                self.call_super(n)?
            }
            op::Return => return self.ret(),
            op::Closure => {
                let f = self.fetch_value();
                let c = self.vm.alloc(TypeCode::Closure, 4)?;
                let scope = self.scope();
                self.vm.set_slot(c, 0, f);
                self.vm.set_slot(c, 1, scope);
                self.vm.push(c)
            }
            op::Throw => {
                vm.result = vm.pop();
                return Err(Fault::Throw);
            }
            #[cfg(feature = "async")]
            op::Await => self.await_op()?,
            op::TryStart => {
                let catch_pc = self.fetch_target();
                let scope = self.scope();
                let vm = &mut *self.vm;
                let (catch_word, fp_word) = tag_pc(catch_pc, self.fp);
                vm.push(crate::heap::tag(self.handler));
                vm.push(catch_word);
                vm.push(fp_word);
                vm.push(scope);
                self.handler = vm.sp()
            }
            op::TryEnd => {
                let rec = vm.sp() - crate::ops::HANDLER_WORDS;
                self.handler = crate::heap::untag(vm.st(rec));
                vm.set_sp(rec)
            }
            _ => return Err(crate::vm::CORRUPT),
        }
        Ok(false)
    }
}

impl Exec<'_, '_> {
    /// ToPrimitive for the instruction just fetched, which met an object
    /// operand (`Fault::Primitive`): converts its first object operand and
    /// runs the instruction again (which converts the next one, if any).
    /// The builtin library's `toPrimitive` (kept in an image only when it
    /// names `toString` or `valueOf`, the methods ToPrimitive calls)
    /// converts in a frame of its own that returns to the instruction;
    /// without it no object has such a method of its own, and the object
    /// becomes the text `String(o)` gives natively.
    #[inline(never)]
    fn convert_operand(&mut self) -> R<()> {
        self.pc -= 1;
        let code = self.rom.get(self.pc).copied().unwrap_or(0);
        let vm = &mut *self.vm;
        let top = vm.sp() - 1;
        let binary = !matches!(code, op::Neg | op::ToNumber | op::BitNot | op::ToString);
        let at = if binary && vm.needs_primitive(vm.st(top - 1)) {
            top - 1
        } else {
            top
        };
        let helper = vm.builtin_first_member(crate::builtins::TO_PRIMITIVE);
        if vm.kind(helper) != crate::host::ValueKind::Function {
            let s = vm.string_at(at)?;
            vm.set_st(at, s);
            return Ok(());
        }
        vm.need_stack(4)?;
        let v = vm.st(at);
        // [a, b] -> [b, toPrimitive, undefined, a, hint], whose call leaves
        // [ToPrimitive(a), b] (`UNDER_BIT`); [v] -> [toPrimitive, undefined,
        // v, hint].
        vm.set_st(at, vm.st(top));
        vm.set_sp(top);
        vm.push(helper);
        vm.push(Value::UNDEFINED);
        vm.push(v);
        vm.push(Value::bool(code == op::ToString));
        self.call(2, (top - at) * UNDER_BIT)
    }

    /// Refuses instruction `code` when its frame holds fewer operands than
    /// it pops (`ops::POPS`; the argument count adds for calls).
    #[cfg(debug_assertions)]
    fn check_operands(&self, code: u8) -> R<()> {
        let mut pops = crate::ops::POPS.get(code as usize).copied().unwrap_or(0) as usize;
        if pops >= crate::ops::POPS_ADD_OPERAND as usize {
            let n = self.rom.get(self.pc).copied().unwrap_or(0) as usize;
            pops = pops - crate::ops::POPS_ADD_OPERAND as usize + n;
        }
        if self.vm.sp() < self.fp + pops {
            return Err(crate::vm::CORRUPT);
        }
        Ok(())
    }
}

impl Vm<'_> {
    /// Pops two operands and pushes `v`.
    #[inline]
    pub(crate) fn replace_top2(&mut self, v: Value) {
        self.set_sp(self.sp() - 2);
        self.push(v);
    }
}
