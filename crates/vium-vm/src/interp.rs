//! The interpreter loop: decodes one instruction at a time from ROM and
//! keeps frames, handlers and the operand stack on the VM stack. Script
//! calls never recurse natively: a call pushes a frame and the loop goes on;
//! only host functions (bounded by `MAX_HOST_DEPTH`) re-enter it.
//!
//! Frame layout (stack words, growing upward):
//! `callee, this, arg × argc, [ret_pc, caller_fp, caller_argc] (tagged), caller_scope, local × n, operands…`
//! with `fp` at the first local. When fewer arguments than parameters were
//! passed, the frame is padded with `undefined` up to the parameter count
//! and the callee slot holds the count actually passed (an int). A handler record pushed by `TryStart` is
//! `[prev_handler, catch_pc, fp] (tagged), scope`, and `handler` is the stack
//! index just past it.

use crate::builtins::EvalTarget;
use crate::format::{function, TypeCode};
use crate::host::{Host, ValueKind};
use crate::ops::{Op, HANDLER_WORDS};
use crate::value::{Value, WellKnown};
use crate::vm::{tag, untag, Fault, Vm, CORRUPT, R};

/// `ret_pc` of a frame entered from the host: returning from it leaves the loop.
const HOST_RETURN: usize = 0x7FFF;
/// Words of a frame header.
const FRAME_WORDS: usize = 4;
/// Stack words kept free above a frame's operands for natives' temporaries.
const RESERVE_WORDS: usize = 8;
/// Set in a frame's `argc` register when the frame runs a constructor for
/// `new`: its result is `this` unless it returns an object.
const CONSTRUCT_BIT: usize = 0x4000;
/// Set when the frame runs a getter for `GetMethod`: its result goes below
/// the receiver that the caller's stack still holds (`[obj] -> [v, obj]`).
const UNDER_BIT: usize = 0x2000;
/// Set when the frame runs a setter: its result is dropped (the assigned
/// value is already on the caller's stack).
const DROP_BIT: usize = 0x1000;
const ARGC_MASK: usize = DROP_BIT - 1;

enum Entered {
    /// A bytecode frame was pushed; the loop must run it.
    Frame,
    /// A native or host function already returned this value.
    Done(Value),
}

impl<'a> Vm<'a> {
    /// With `[callee, this, args × n]` on top of the stack, runs the call to
    /// completion and returns its result with those words popped.
    pub(crate) fn call_from_host(&mut self, host: &mut dyn Host, n: usize) -> R<Value> {
        let base = self.sp.checked_sub(n + 2).ok_or(CORRUPT)?;
        match self.begin_call(host, n, HOST_RETURN, 0)? {
            Entered::Done(v) => {
                self.sp = base;
                Ok(v)
            }
            Entered::Frame => self.run(host),
        }
    }

    /// From inside a native operation, with `[callee, this, args × n]` on
    /// top of the stack: runs the call to completion in a nested loop and
    /// pops those words. The one native re-entry besides host functions
    /// (object spread calling getters); counted and bounded by the same
    /// `MAX_HOST_DEPTH`. An exception propagates to the caller's handlers.
    pub(crate) fn call_nested(&mut self, host: &mut dyn Host, n: usize) -> R<Value> {
        if self.depth >= crate::vm::MAX_HOST_DEPTH {
            return Err(Fault::Fatal(crate::host::VmError::TooDeep));
        }
        let base = self.sp.checked_sub(n + 2).ok_or(CORRUPT)?;
        let saved = (self.pc, self.fp, self.argc, self.scope, self.handler);
        self.handler = 0;
        self.depth += 1;
        let r = self.call_from_host(host, n);
        self.depth -= 1;
        (self.pc, self.fp, self.argc, self.scope, self.handler) = saved;
        self.sp = base;
        r
    }

    /// Starts the call whose `[callee, this, args × n]` are on top of the stack.
    fn begin_call(
        &mut self,
        host: &mut dyn Host,
        n: usize,
        ret_pc: usize,
        mode: usize,
    ) -> R<Entered> {
        let base = self.sp.checked_sub(n + 2).ok_or(CORRUPT)?;
        let callee = self.st(base)?;
        let (func, env) = match self.type_of(callee)? {
            Some(TypeCode::Function) => (callee, Value::UNDEFINED),
            Some(TypeCode::Closure) => {
                if self.header(callee)?.1 > 2 * crate::suspend::CLOSURE_SLOTS {
                    self.resume_frame(base, n, ret_pc, FRAME_WORDS, RESERVE_WORDS)?;
                    return Ok(Entered::Frame);
                }
                (self.slot(callee, 0)?, self.slot(callee, 1)?)
            }
            Some(TypeCode::HostFunc) => {
                let id = crate::format::read_u16(self.payload(callee)?, 0).ok_or(CORRUPT)?;
                return self.call_host(host, id, base, n).map(Entered::Done);
            }
            Some(TypeCode::Class) => {
                return self.throw_error(
                    WellKnown::TypeError,
                    b"Class constructor cannot be invoked without 'new'",
                )
            }
            None => match callee.well_known() {
                Some(w @ (WellKnown::Eval | WellKnown::FunctionCtor)) => {
                    return match self.eval_target(w, base, n)? {
                        EvalTarget::Value(v) => Ok(Entered::Done(v)),
                        EvalTarget::Code(code) => {
                            // [callee, this, args] -> [code, undefined]
                            self.sp = base;
                            self.push(code)?;
                            self.push(Value::UNDEFINED)?;
                            self.begin_call(host, 0, ret_pc, mode)
                        }
                    };
                }
                Some(w) if w.is_function() => {
                    return self.call_native(host, w, base, n, false).map(Entered::Done)
                }
                _ => return self.throw_not_function(callee),
            },
            _ => return self.throw_not_function(callee),
        };
        if self.type_of(func)? != Some(TypeCode::Function) {
            return Err(CORRUPT);
        }
        let p = self.payload(func)?;
        let params = p.get(function::PARAM_COUNT).copied().ok_or(CORRUPT)? as usize;
        let locals = p.get(function::LOCAL_COUNT).copied().ok_or(CORRUPT)? as usize;
        let max_stack = p.get(function::MAX_STACK).copied().ok_or(CORRUPT)? as usize;
        let code = func.rom_offset().ok_or(CORRUPT)? as usize + function::CODE;
        let pad = params.saturating_sub(n);
        if self.sp + pad + FRAME_WORDS + locals + max_stack + RESERVE_WORDS > self.stack_words() {
            return self.throw_range_error("Maximum call stack size exceeded");
        }
        if pad > 0 {
            // The callee slot is not read again once the frame exists: it
            // keeps the count of arguments actually passed (`arguments`).
            self.st_set(base, Value::int(n as i32).ok_or(CORRUPT)?)?;
        }
        for _ in 0..pad {
            self.push(Value::UNDEFINED)?;
        }
        self.push(tag(ret_pc))?;
        self.push(tag(self.fp))?;
        self.push(tag(self.argc))?;
        self.push(self.scope)?;
        self.fp = self.sp;
        for _ in 0..locals {
            self.push(Value::UNDEFINED)?;
        }
        if n + pad > ARGC_MASK {
            return self.throw_range_error("Maximum call stack size exceeded");
        }
        self.argc = (n + pad) | mode;
        self.scope = env;
        self.pc = code;
        Ok(Entered::Frame)
    }

    /// Pops the current frame (its operands, locals, header, arguments, this
    /// and callee) and restores the caller's registers. Returns the frame's
    /// `ret_pc`.
    fn pop_frame(&mut self) -> R<usize> {
        let hdr = self.fp.checked_sub(FRAME_WORDS).ok_or(CORRUPT)?;
        let ret_pc = untag(self.st(hdr)?);
        let caller_fp = untag(self.st(hdr + 1)?);
        let caller_argc = untag(self.st(hdr + 2)?);
        let caller_scope = self.st(hdr + 3)?;
        self.sp = hdr.checked_sub(self.nargs() + 2).ok_or(CORRUPT)?;
        self.fp = caller_fp;
        self.argc = caller_argc;
        self.scope = caller_scope;
        Ok(ret_pc)
    }

    /// Moves control to the innermost handler of this run, or reports that
    /// there is none (`Err(Throw)`, the exception staying in its register).
    pub(crate) fn unwind(&mut self) -> R<()> {
        if self.handler < HANDLER_WORDS {
            return Err(Fault::Throw);
        }
        let rec = self.handler - HANDLER_WORDS;
        let prev = untag(self.st(rec)?);
        let catch_pc = untag(self.st(rec + 1)?);
        let handler_fp = untag(self.st(rec + 2)?);
        let scope = self.st(rec + 3)?;
        while self.fp != handler_fp {
            if self.fp < handler_fp || self.pop_frame()? == HOST_RETURN {
                return Err(CORRUPT);
            }
        }
        self.sp = rec;
        self.handler = prev;
        self.scope = scope;
        self.pc = catch_pc;
        let e = self.exception;
        self.exception = Value::UNDEFINED;
        self.push(e)
    }

    #[inline]
    fn fetch_u8(&mut self) -> R<u8> {
        let b = *self.rom.get(self.pc).ok_or(CORRUPT)?;
        self.pc += 1;
        Ok(b)
    }
    #[inline]
    fn fetch_u16(&mut self) -> R<u16> {
        let lo = self.fetch_u8()?;
        let hi = self.fetch_u8()?;
        Ok(u16::from_le_bytes([lo, hi]))
    }
    #[inline]
    fn jump(&mut self, off: i16) -> R<()> {
        let t = self.pc as isize + off as isize;
        if t < 0 || t as usize >= self.rom.len() {
            return Err(CORRUPT);
        }
        self.pc = t as usize;
        Ok(())
    }

    /// The current frame's argument count.
    #[inline]
    fn nargs(&self) -> usize {
        self.argc & ARGC_MASK
    }

    fn arg_slot(&self, i: usize) -> R<usize> {
        if i >= self.nargs() {
            return Err(CORRUPT);
        }
        Ok(self
            .fp
            .checked_sub(FRAME_WORDS + self.nargs())
            .ok_or(CORRUPT)?
            + i)
    }

    fn this_slot(&self) -> R<usize> {
        self.fp
            .checked_sub(FRAME_WORDS + self.nargs() + 1)
            .ok_or(CORRUPT)
    }

    /// `new` with `[callee, args × n]` at `base`.
    fn construct(&mut self, host: &mut dyn Host, base: usize, n: usize) -> R<Option<Value>> {
        let callee = self.st(base)?;
        if callee == WellKnown::Uint8ArrayCtor.value() {
            if n == 0 {
                self.push(Value::UNDEFINED)?;
            }
            let v = self.construct_bytes(base + 1)?;
            self.sp = base;
            self.push(v)?;
            return Ok(None);
        }
        if callee == WellKnown::FunctionCtor.value() {
            // `new Function(…)` is `Function(…)`: [callee, args] -> [callee, this, args]
            self.push(Value::UNDEFINED)?;
            for i in (0..n).rev() {
                let v = self.st(base + 1 + i)?;
                self.st_set(base + 2 + i, v)?;
            }
            self.st_set(base + 1, Value::UNDEFINED)?;
            if let Entered::Done(v) = self.begin_call(host, n, self.pc, 0)? {
                self.sp = base;
                self.push(v)?;
            }
            return Ok(None);
        }
        if let Some(
            w @ (WellKnown::Error
            | WellKnown::TypeError
            | WellKnown::RangeError
            | WellKnown::SyntaxError),
        ) = callee.well_known()
        {
            let v = self.call_native(host, w, base, n, true)?;
            self.sp = base;
            self.push(v)?;
            return Ok(None);
        }
        if !matches!(
            self.type_of(callee)?,
            Some(TypeCode::Class | TypeCode::Function | TypeCode::Closure)
        ) {
            return self.throw_not_constructor(callee);
        }
        let proto = self.construct_prototype(callee)?;
        let obj = self.new_object(proto)?;
        // [callee, args] -> [constructor, this, args]
        self.push(Value::UNDEFINED)?;
        for i in (0..n).rev() {
            let v = self.st(base + 1 + i)?;
            self.st_set(base + 2 + i, v)?;
        }
        self.st_set(base + 1, obj)?;
        let callee = self.st(base)?;
        if self.type_of(callee)? == Some(TypeCode::Class) {
            let ctor = self.slot(callee, 0)?;
            self.st_set(base, ctor)?;
        }
        if let Entered::Done(_) = self.begin_call(host, n, self.pc, CONSTRUCT_BIT)? {
            let this = self.st(base + 1)?;
            self.sp = base;
            self.push(this)?;
        }
        Ok(None)
    }

    /// The environment `depth` parents up from the current one.
    fn env_at(&self, depth: u8) -> R<Value> {
        let mut e = self.scope;
        for _ in 0..depth {
            e = self.slot(e, 0)?;
        }
        if self.type_of(e)? != Some(TypeCode::Env) {
            return Err(CORRUPT);
        }
        Ok(e)
    }

    /// `super(...)`: `[class, this, args × n]` at `base`.
    fn call_super(&mut self, host: &mut dyn Host, base: usize, n: usize) -> R<()> {
        let class = self.st(base)?;
        if let Some(
            WellKnown::Error
            | WellKnown::TypeError
            | WellKnown::RangeError
            | WellKnown::SyntaxError,
        ) = class.well_known()
        {
            // super(message) of a class extending Error.
            if n > 0 && self.st(base + 2)? != Value::UNDEFINED {
                let at = self.sp;
                self.push(self.st(base + 1)?)?;
                self.push(WellKnown::StrMessage.value())?;
                self.push(self.st(base + 2)?)?;
                self.push(Value::EMPTY_STRING)?;
                let m = self.concat_strings_on_top()?;
                self.sp -= 2;
                self.push(m)?;
                self.set_property_at(at)?;
            }
            self.sp = base;
            self.push(Value::UNDEFINED)?;
        } else {
            if self.type_of(class)? != Some(TypeCode::Class) {
                return self.throw_not_constructor(class);
            }
            let ctor = self.slot(class, 0)?;
            self.st_set(base, ctor)?;
            if let Entered::Done(v) = self.begin_call(host, n, self.pc, 0)? {
                self.sp = base;
                self.push(v)?
            }
        }
        Ok(())
    }

    /// Puts a call's result where its caller expects it (see `UNDER_BIT`
    /// and `DROP_BIT`).
    fn push_result(&mut self, v: Value, mode: usize) -> R<()> {
        if mode & DROP_BIT != 0 {
            return Ok(());
        }
        self.push(v)?;
        if mode & UNDER_BIT != 0 {
            let obj = self.top(1)?;
            self.st_set(self.sp - 2, v)?;
            self.st_set(self.sp - 1, obj)?;
        }
        Ok(())
    }

    /// With `[getter slot, obj]` on top of the stack, calls the getter of
    /// accessor `pair` on `obj` like a script call (a frame, no native
    /// recursion); a missing getter gives undefined.
    fn call_getter(&mut self, host: &mut dyn Host, pair: Value, mode: usize) -> R<Option<Value>> {
        let getter = self.slot(pair, 0)?;
        let base = self.sp.checked_sub(2).ok_or(CORRUPT)?;
        if getter == Value::UNDEFINED {
            self.sp = base;
            self.push_result(Value::UNDEFINED, mode)?;
            return Ok(None);
        }
        self.st_set(base, getter)?;
        if let Entered::Done(v) = self.begin_call(host, 0, self.pc, mode)? {
            self.sp = base;
            self.push_result(v, mode)?;
        }
        Ok(None)
    }

    /// An assignment `[obj, key, v] -> [v]` at `at`: through a setter when
    /// the object or its prototype chain has an accessor for the key (the
    /// setter runs in a frame of its own), else a data property.
    fn assign_at(&mut self, host: &mut dyn Host, at: usize) -> R<()> {
        if self.accessors {
            let key = self.property_key(self.st(at + 1)?)?;
            self.st_set(at + 1, key)?;
            if let Some(pair) = self.setter_pair(at)? {
                let setter = self.slot(pair, 1)?;
                if setter == Value::UNDEFINED {
                    return self.throw_getter_only(self.st(at + 1)?);
                }
                // [obj, key, v] -> [v, setter, obj, v]
                let (obj, v) = (self.st(at)?, self.st(at + 2)?);
                self.push(v)?;
                self.st_set(at + 2, obj)?;
                self.st_set(at + 1, setter)?;
                self.st_set(at, v)?;
                if let Entered::Done(_) = self.begin_call(host, 1, self.pc, DROP_BIT)? {
                    self.sp = at + 1;
                }
                return Ok(());
            }
        }
        self.set_property_at(at)?;
        let v = self.st(at + 2)?;
        self.sp = at;
        self.push(v)
    }

    /// Runs until the frame entered from the host returns.
    pub(crate) fn run(&mut self, host: &mut dyn Host) -> R<Value> {
        loop {
            match self.step(host) {
                Ok(None) => {}
                Ok(Some(v)) => return Ok(v),
                Err(Fault::Throw) => self.unwind()?,
                Err(f) => return Err(f),
            }
        }
    }

    /// Executes one instruction; `Some(v)` when the host's frame returned `v`.
    fn step(&mut self, host: &mut dyn Host) -> R<Option<Value>> {
        if self.budget.is_some() {
            if self.steps_left == 0 {
                return Err(Fault::Fatal(crate::host::VmError::BudgetExhausted));
            }
            self.steps_left -= 1;
        }
        let op = Op::from_byte(self.fetch_u8()?).ok_or(CORRUPT)?;
        #[cfg(feature = "coverage")]
        crate::coverage::hit(op);
        match op {
            Op::Undefined => self.push(Value::UNDEFINED)?,
            Op::Null => self.push(Value::NULL)?,
            Op::True => self.push(Value::TRUE)?,
            Op::False => self.push(Value::FALSE)?,
            Op::Int8 => {
                let i = self.fetch_u8()? as i8;
                self.push(Value::small_int(i as i16))?
            }
            Op::Const => {
                let v = Value(self.fetch_u16()?);
                self.push(v)?
            }
            Op::This => {
                let v = self.st(self.this_slot()?)?;
                self.push(v)?
            }
            Op::LoadLocal => {
                let i = self.fetch_u8()? as usize;
                let v = self.st(self.fp + i)?;
                self.push(v)?
            }
            Op::StoreLocal => {
                let i = self.fetch_u8()? as usize;
                let v = self.pop()?;
                self.st_set(self.fp + i, v)?
            }
            Op::LoadArg => {
                let i = self.fetch_u8()? as usize;
                let v = if i < self.nargs() {
                    self.st(self.arg_slot(i)?)?
                } else {
                    Value::UNDEFINED
                };
                self.push(v)?
            }
            Op::StoreArg => {
                let i = self.fetch_u8()? as usize;
                let v = self.pop()?;
                let at = self.arg_slot(i)?;
                self.st_set(at, v)?
            }
            Op::LoadGlobal => {
                let i = self.fetch_u16()? as usize;
                let v = self.global(i)?;
                self.push(v)?
            }
            Op::StoreGlobal => {
                let i = self.fetch_u16()? as usize;
                let v = self.pop()?;
                self.set_global(i, v)?
            }
            Op::LoadScoped => {
                let depth = self.fetch_u8()?;
                let i = self.fetch_u8()? as usize;
                let e = self.env_at(depth)?;
                let v = self.slot(e, i + 1)?;
                self.push(v)?
            }
            Op::StoreScoped => {
                let depth = self.fetch_u8()?;
                let i = self.fetch_u8()? as usize;
                let v = self.pop()?;
                let e = self.env_at(depth)?;
                self.set_slot(e, i + 1, v)?
            }
            Op::PushScope => {
                let n = self.fetch_u8()? as usize;
                let e = self.alloc(TypeCode::Env, 2 * (n + 1))?;
                self.set_slot(e, 0, self.scope)?;
                for k in 0..n {
                    self.set_slot(e, k + 1, Value::UNDEFINED)?;
                }
                self.scope = e;
            }
            Op::PopScope => {
                let e = self.env_at(0)?;
                self.scope = self.slot(e, 0)?;
            }
            Op::CloneScope => {
                let (_, size) = self.header(self.env_at(0)?)?;
                let e = self.alloc(TypeCode::Env, size)?;
                for k in 0..size / 2 {
                    let v = self.slot(self.scope, k)?;
                    self.set_slot(e, k, v)?;
                }
                self.scope = e;
            }
            Op::Pop => {
                self.pop()?;
            }
            Op::Dup => {
                let v = self.top(0)?;
                self.push(v)?
            }
            Op::Dup2 => {
                let a = self.top(1)?;
                let b = self.top(0)?;
                self.push(a)?;
                self.push(b)?
            }
            Op::Swap => {
                let b = self.pop()?;
                let a = self.pop()?;
                self.push(b)?;
                self.push(a)?
            }
            Op::NewObject => {
                let o = self.new_object(Value::NULL)?;
                self.push(o)?
            }
            Op::NewArray => {
                let cap = self.fetch_u8()? as usize;
                let a = self.new_array(cap)?;
                self.push(a)?
            }
            Op::InitProp => {
                self.set_property_at(self.sp - 3)?;
                self.sp -= 2;
            }
            Op::InitAccessor => {
                let setter = self.fetch_u8()? != 0;
                let at = self.sp.checked_sub(3).ok_or(CORRUPT)?;
                self.define_accessor_at(at, setter)?;
                self.sp = at + 1;
            }
            Op::ArrayPush => {
                let at = self.sp.checked_sub(2).ok_or(CORRUPT)?;
                self.array_push_at(at, at + 1)?;
                self.sp -= 1;
            }
            Op::GetProp => {
                let key = self.property_key(self.top(0)?)?;
                let v = self.get_property_raw(self.top(1)?, key)?;
                if self.is_accessor(v) {
                    // [obj, key] -> [getter, obj]
                    let obj = self.top(1)?;
                    self.st_set(self.sp - 1, obj)?;
                    return self.call_getter(host, v, 0);
                }
                self.sp -= 2;
                self.push(v)?
            }
            Op::SetProp => {
                let at = self.sp.checked_sub(3).ok_or(CORRUPT)?;
                self.assign_at(host, at)?
            }
            Op::GetField => {
                let key = Value(self.fetch_u16()?);
                let v = self.get_property_raw(self.top(0)?, key)?;
                if self.is_accessor(v) {
                    // [obj] -> [getter, obj]
                    self.push(self.top(0)?)?;
                    return self.call_getter(host, v, 0);
                }
                self.sp -= 1;
                self.push(v)?
            }
            Op::SetField => {
                let key = Value(self.fetch_u16()?);
                let v = self.pop()?;
                self.push(key)?;
                self.push(v)?;
                let at = self.sp - 3;
                self.assign_at(host, at)?
            }
            Op::GetMethod => {
                let key = Value(self.fetch_u16()?);
                let obj = self.top(0)?;
                let f = self.get_property_raw(obj, key)?;
                if self.is_accessor(f) {
                    // [obj] -> [obj, getter, obj]; the result goes under obj.
                    self.push(obj)?;
                    self.push(obj)?;
                    return self.call_getter(host, f, UNDER_BIT);
                }
                self.sp -= 1;
                self.push(f)?;
                self.push(obj)?
            }
            Op::Add
            | Op::Sub
            | Op::Mul
            | Op::Div
            | Op::Rem
            | Op::Pow
            | Op::BitAnd
            | Op::BitOr
            | Op::BitXor
            | Op::Shl
            | Op::Shr
            | Op::UShr => {
                if op == Op::Add {
                    // Arrays take part in `+` as their joined text.
                    let at = self.sp.checked_sub(2).ok_or(CORRUPT)?;
                    for pos in [at, at + 1] {
                        if self.kind(self.st(pos)?) == ValueKind::Array {
                            let s = self.string_of_at(pos)?;
                            self.st_set(pos, s)?;
                        }
                    }
                }
                let r = self.arith(op)?;
                self.sp -= 2;
                self.push(r)?
            }
            Op::StrictEq | Op::StrictNe => {
                let eq = self.strict_eq(self.top(1)?, self.top(0)?)?;
                self.sp -= 2;
                self.push(Value::bool(eq == (op == Op::StrictEq)))?
            }
            Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                let r = self.compare(op, self.top(1)?, self.top(0)?)?;
                self.sp -= 2;
                self.push(Value::bool(r))?
            }
            Op::Neg | Op::ToNumber | Op::BitNot => {
                let r = self.unary(op)?;
                self.sp -= 1;
                self.push(r)?
            }
            Op::IsArray => {
                let v = self.pop()?;
                let a = self.type_of(v)? == Some(TypeCode::Array);
                self.push(Value::bool(a))?
            }
            Op::Not => {
                let v = self.pop()?;
                self.push(Value::bool(!self.truthy(v)))?
            }
            Op::TypeOf => {
                let v = self.pop()?;
                let t = self.type_of_value(v);
                self.push(t.value())?
            }
            Op::Jump => {
                let off = self.fetch_u16()? as i16;
                self.jump(off)?
            }
            Op::JumpIfFalse | Op::JumpIfTrue => {
                let off = self.fetch_u16()? as i16;
                let c = self.pop()?;
                if self.truthy(c) == (op == Op::JumpIfTrue) {
                    self.jump(off)?
                }
            }
            Op::Call => {
                let n = self.fetch_u8()? as usize;
                let base = self.sp.checked_sub(n + 2).ok_or(CORRUPT)?;
                if let Entered::Done(v) = self.begin_call(host, n, self.pc, 0)? {
                    self.sp = base;
                    self.push(v)?
                }
            }
            Op::New => {
                let n = self.fetch_u8()? as usize;
                let base = self.sp.checked_sub(n + 1).ok_or(CORRUPT)?;
                return self.construct(host, base, n);
            }
            Op::NewSpread => {
                let base = self.sp.checked_sub(2).ok_or(CORRUPT)?;
                let n = self.spread_array_onto_stack()?;
                return self.construct(host, base, n);
            }
            Op::CallSpread => {
                let base = self.sp.checked_sub(3).ok_or(CORRUPT)?;
                let n = self.spread_array_onto_stack()?;
                if let Entered::Done(v) = self.begin_call(host, n, self.pc, 0)? {
                    self.sp = base;
                    self.push(v)?
                }
            }
            Op::CallSuper => {
                let n = self.fetch_u8()? as usize;
                let base = self.sp.checked_sub(n + 2).ok_or(CORRUPT)?;
                self.call_super(host, base, n)?
            }
            Op::CallSuperSpread => {
                let base = self.sp.checked_sub(3).ok_or(CORRUPT)?;
                let n = self.spread_array_onto_stack()?;
                self.call_super(host, base, n)?
            }
            Op::MakeClass => {
                let at = self.sp.checked_sub(2).ok_or(CORRUPT)?;
                let c = self.make_class(at)?;
                self.sp = at;
                self.push(c)?
            }
            Op::DivInt => {
                let (a, b) = (self.top(1)?, self.top(0)?);
                let q = match (self.int_of(a), self.int_of(b)) {
                    (Some(x), Some(y)) if y != 0 => x.wrapping_div(y),
                    _ => {
                        let q = self.to_number_pure(a)? / self.to_number_pure(b)?;
                        crate::semantics::to_int32(q)
                    }
                };
                self.sp -= 2;
                let r = self.new_int(q as i64)?;
                self.push(r)?
            }
            Op::LooseEq | Op::LooseNe => {
                // An object compared with a primitive is first converted to
                // one (arrays join, plain objects become "[object Object]").
                let at = self.sp.checked_sub(2).ok_or(CORRUPT)?;
                let is_object = |k| matches!(k, ValueKind::Object | ValueKind::Array);
                let is_primitive = |k| {
                    matches!(
                        k,
                        ValueKind::Number | ValueKind::String | ValueKind::Boolean
                    )
                };
                let (ka, kb) = (self.kind(self.st(at)?), self.kind(self.st(at + 1)?));
                for (k, other, pos) in [(ka, kb, at), (kb, ka, at + 1)] {
                    if is_object(k) && is_primitive(other) {
                        let s = self.string_of_at(pos)?;
                        self.st_set(pos, s)?;
                    }
                }
                let eq = self.loose_eq(self.top(1)?, self.top(0)?)?;
                self.sp -= 2;
                self.push(Value::bool(eq == (op == Op::LooseEq)))?
            }
            Op::In => {
                let r = self.has_property()?;
                self.sp -= 2;
                self.push(Value::bool(r))?
            }
            Op::InstanceOf => {
                let r = self.instance_of(self.top(1)?, self.top(0)?)?;
                self.sp -= 2;
                self.push(Value::bool(r))?
            }
            Op::ToString => {
                let at = self.sp.checked_sub(1).ok_or(CORRUPT)?;
                let s = self.string_of_at(at)?;
                self.st_set(at, s)?
            }
            Op::Delete => {
                self.delete_property()?;
                self.sp -= 2;
                self.push(Value::TRUE)?
            }
            Op::Keys => {
                let k = self.own_keys()?;
                self.sp -= 1;
                self.push(k)?
            }
            Op::AppendSpread => {
                self.append_spread()?;
                self.sp -= 1;
            }
            Op::CopyProps => {
                self.copy_props(host)?;
                self.sp -= 1;
            }
            Op::Arguments => {
                let from = self.fetch_u8()? as usize;
                let base = self
                    .fp
                    .checked_sub(FRAME_WORDS + self.nargs())
                    .ok_or(CORRUPT)?;
                // A padded frame records the count actually passed in its
                // callee slot (see `begin_call`).
                let passed = match self
                    .st(self.this_slot()?.checked_sub(1).ok_or(CORRUPT)?)?
                    .as_int()
                {
                    Some(k) => (k as usize).min(self.nargs()),
                    None => self.nargs(),
                };
                let a = self.arguments_array(from, base, passed)?;
                self.push(a)?
            }
            Op::Return => {
                let mut v = self.pop()?;
                let mode = self.argc & !ARGC_MASK;
                if mode & CONSTRUCT_BIT != 0
                    && !matches!(
                        self.kind(v),
                        ValueKind::Object | ValueKind::Array | ValueKind::Function
                    )
                {
                    v = self.st(self.this_slot()?)?;
                }
                // A `return` inside `try` leaves the frame's handler
                // records behind; they go with the frame.
                while self.handler > self.fp {
                    let rec = self.handler.checked_sub(HANDLER_WORDS).ok_or(CORRUPT)?;
                    let prev = untag(self.st(rec)?);
                    if prev >= self.handler {
                        return Err(CORRUPT);
                    }
                    self.handler = prev;
                }
                let ret_pc = self.pop_frame()?;
                if ret_pc == HOST_RETURN {
                    return Ok(Some(v));
                }
                self.push_result(v, mode)?;
                self.pc = ret_pc;
            }
            Op::Closure => {
                let f = Value(self.fetch_u16()?);
                let c = self.alloc(TypeCode::Closure, 4)?;
                self.set_slot(c, 0, f)?;
                self.set_slot(c, 1, self.scope)?;
                self.push(c)?
            }
            Op::Throw => {
                self.exception = self.pop()?;
                return Err(Fault::Throw);
            }
            Op::Await => {
                let func = Value(self.fetch_u16()?);
                let off = self.fetch_u16()? as i16;
                let resume = self.pc as isize + off as isize;
                if resume < 0 || resume as usize >= self.rom.len() {
                    return Err(CORRUPT);
                }
                let base = self.sp.checked_sub(3).ok_or(CORRUPT)?;
                let c =
                    self.capture_frame(func, resume as usize, base, FRAME_WORDS, self.nargs())?;
                self.push(c)?;
                if let Entered::Done(v) = self.begin_call(host, 2, self.pc, 0)? {
                    self.sp = base;
                    self.push(v)?
                }
            }
            Op::TryStart => {
                let off = self.fetch_u16()? as i16;
                let catch_pc = self.pc as isize + off as isize;
                if catch_pc < 0 || catch_pc as usize >= self.rom.len() {
                    return Err(CORRUPT);
                }
                self.push(tag(self.handler))?;
                self.push(tag(catch_pc as usize))?;
                self.push(tag(self.fp))?;
                self.push(self.scope)?;
                self.handler = self.sp;
            }
            Op::TryEnd => {
                if self.handler != self.sp || self.sp < HANDLER_WORDS {
                    return Err(CORRUPT);
                }
                let rec = self.sp - HANDLER_WORDS;
                self.handler = untag(self.st(rec)?);
                self.sp = rec;
            }
        }
        Ok(None)
    }
}
