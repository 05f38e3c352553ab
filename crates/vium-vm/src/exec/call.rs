//! Calls and returns: entering functions (bytecode, closures, natives, host
//! functions, continuations), `new`, `super(...)`, getters and setters run
//! in frames of their own, `return`, and unwinding to a handler.

use super::{
    Exec, ARGC_MASK, CONSTRUCT_BIT, DROP_BIT, FRAME_WORDS, HOST_RETURN, RESERVE_WORDS, UNDER_BIT,
};
use crate::format::{function, TypeCode};
use crate::heap::{tag, untag};
use crate::ops::HANDLER_WORDS;
use crate::value::{Value, WellKnown};
use crate::vm::{Fault, CORRUPT, R};

/// What starting a call did.
pub(crate) enum Entered {
    /// A bytecode frame was pushed; the loop must run it.
    Frame,
    /// A native or host function already returned this value.
    Done(Value),
}

impl Exec<'_, '_> {
    /// Calls `[callee, this, args × n]` on top of the stack, returning to
    /// the next instruction; the result is placed as `mode` says.
    pub(super) fn call(&mut self, n: usize, mode: usize) -> R<()> {
        let base = self.vm.sp().wrapping_sub(n + 2);
        if let Entered::Done(v) = self.begin_call(n, self.pc, mode)? {
            self.vm.set_sp(base);
            self.push_result(v, mode);
        }
        Ok(())
    }

    /// Puts a call's result where its caller expects it (see `UNDER_BIT`
    /// and `DROP_BIT`).
    fn push_result(&mut self, v: Value, mode: usize) {
        if mode & DROP_BIT != 0 {
            return;
        }
        let vm = &mut *self.vm;
        if mode & UNDER_BIT != 0 {
            let obj = vm.top(0);
            vm.set_st(vm.sp().wrapping_sub(1), v);
            vm.push(obj);
        } else {
            vm.push(v);
        }
    }

    /// Starts the call whose `[callee, this, args × n]` are on top of the stack.
    pub(crate) fn begin_call(&mut self, n: usize, ret_pc: usize, mode: usize) -> R<Entered> {
        let vm = &mut *self.vm;
        let base = vm.sp().wrapping_sub(n + 2);
        let mut callee = vm.st(base);
        // A function that holds properties is called as itself (a class
        // refuses, below).
        let through_class = vm.tc(callee) == TypeCode::Class;
        if through_class {
            callee = vm.slot(callee, 0);
        }
        let (func, env) = match vm.header(callee) {
            (TypeCode::Function, _) => (callee, Value::UNDEFINED),
            (TypeCode::Closure, size) => {
                if size > 2 * crate::exec::continuation::CLOSURE_SLOTS {
                    // A continuation: restore refuses them in an engine
                    // built without `async`.
                    #[cfg(feature = "async")]
                    {
                        self.resume_frame(base, n, ret_pc)?;
                        return Ok(Entered::Frame);
                    }
                    #[cfg(not(feature = "async"))]
                    return Err(CORRUPT);
                }
                (vm.slot(callee, 0), vm.slot(callee, 1))
            }
            (TypeCode::HostFunc, _) => {
                let id = crate::format::read_u16(vm.payload(callee), 0).unwrap_or(0);
                return vm.call_host(self.host, id, base, n).map(Entered::Done);
            }
            _ => match callee.well_known() {
                #[cfg(feature = "snapshot")]
                Some(w @ (WellKnown::Eval | WellKnown::FunctionCtor)) if vm.build_time() => {
                    return match vm.eval_target(w, base, n)? {
                        crate::builtins::EvalTarget::Value(v) => Ok(Entered::Done(v)),
                        crate::builtins::EvalTarget::Code(code) => {
                            // [callee, this, args] -> [code, undefined]
                            vm.set_sp(base);
                            vm.push(code);
                            vm.push(Value::UNDEFINED);
                            self.begin_call(0, ret_pc, mode)
                        }
                    };
                }
                Some(w) if w.is_function() => {
                    return vm
                        .call_native(self.host, w, base, n, false)
                        .map(Entered::Done)
                }
                _ => return vm.throw_not_function(callee),
            },
        };
        let p = vm.payload(func);
        if vm.tc(func) != TypeCode::Function || p.len() <= function::CODE {
            return Err(CORRUPT);
        }
        // An arrow function, a method, a getter, a setter or an async
        // function has no [[Construct]].
        if mode & CONSTRUCT_BIT != 0 && p[0] & function::NOT_CONSTRUCTOR != 0 {
            return vm.throw_not_constructor(callee);
        }
        if through_class && p[0] & function::CLASS_CONSTRUCTOR != 0 {
            return vm.throw_type_error(b"Class constructor cannot be invoked without 'new'");
        }
        let params = (p[0] & function::PARAMS) as usize;
        let (locals, max_stack) = (p[1] as usize, p[2] as usize);
        let code = (func.0 as usize).wrapping_sub(crate::value::ROM_BIAS as usize) + function::CODE;
        let pad = params.saturating_sub(n);
        // (The argument count shares its control word with flags.)
        if n + pad > ARGC_MASK
            || vm.sp() + pad + FRAME_WORDS + locals + max_stack + RESERVE_WORDS > vm.stack_words()
        {
            return vm.throw_stack_overflow();
        }
        if pad > 0 {
            // The callee slot is not read again once the frame exists: it
            // keeps the count of arguments actually passed (`arguments`).
            vm.set_st(base, Value::small_int(n as i16));
        }
        for _ in 0..pad {
            vm.push(Value::UNDEFINED);
        }
        let (pc_word, argc_word) = super::tag_pc(ret_pc, self.argc);
        vm.push(pc_word);
        vm.push(tag(self.fp));
        vm.push(argc_word);
        vm.push(env);
        self.fp = vm.sp();
        for _ in 0..locals {
            vm.push(Value::UNDEFINED);
        }
        self.argc = (n + pad) | mode;
        self.pc = code;
        Ok(Entered::Frame)
    }

    /// Pops the current frame (its operands, locals, header, arguments, this
    /// and callee) and restores the caller's registers. Returns the frame's
    /// `ret_pc`.
    pub(super) fn pop_frame(&mut self) -> usize {
        let nargs = self.nargs();
        let vm = &mut *self.vm;
        let hdr = self.fp.wrapping_sub(FRAME_WORDS);
        let (ret_pc, caller_argc) = super::untag_pc(vm.st(hdr), vm.st(hdr.wrapping_add(2)));
        let caller_fp = untag(vm.st(hdr.wrapping_add(1)));
        vm.set_sp(hdr.wrapping_sub(nargs + 2));
        self.fp = caller_fp;
        self.argc = caller_argc;
        ret_pc
    }

    /// `Return`: `[v] ->` back to the caller, or out of the loop when the
    /// frame was entered from the host (`true`).
    pub(super) fn ret(&mut self) -> R<bool> {
        let mut v = self.vm.pop();
        let mode = self.argc & !ARGC_MASK;
        if mode & CONSTRUCT_BIT != 0 && !self.vm.is_object(v) {
            v = self.vm.st(self.this_slot());
        }
        // A `return` inside `try` leaves the frame's handler records
        // behind; they go with the frame.
        while self.handler > self.fp {
            let prev = untag(self.vm.st(self.handler - HANDLER_WORDS));
            if prev >= self.handler {
                return Err(CORRUPT);
            }
            self.handler = prev;
        }
        let ret_pc = self.pop_frame();
        if ret_pc == HOST_RETURN {
            self.vm.result = v;
            return Ok(true);
        }
        self.pc = ret_pc;
        self.push_result(v, mode);
        Ok(false)
    }

    /// Moves control to the innermost handler of this entry, or reports that
    /// there is none (`Err(Throw)`, the exception staying in its register).
    pub(super) fn unwind(&mut self) -> R<()> {
        if self.handler < HANDLER_WORDS {
            return Err(Fault::Throw);
        }
        let vm = &*self.vm;
        let rec = self.handler - HANDLER_WORDS;
        let prev = untag(vm.st(rec));
        let (catch_pc, handler_fp) = super::untag_pc(vm.st(rec + 1), vm.st(rec + 2));
        let scope = vm.st(rec + 3);
        while self.fp > handler_fp {
            let fp = self.fp;
            // Frames below are older, so `fp` falls with each one popped; a
            // frame whose saved `fp` does not (its header overwritten by a
            // hostile image's code) would unwind forever.
            if self.pop_frame() == HOST_RETURN || self.fp >= fp {
                return Err(CORRUPT);
            }
        }
        if self.fp != handler_fp {
            return Err(CORRUPT);
        }
        self.vm.set_sp(rec);
        self.handler = prev;
        self.set_scope(scope);
        self.pc = catch_pc;
        let e = core::mem::replace(&mut self.vm.result, Value::UNDEFINED);
        self.vm.push(e);
        Ok(())
    }

    /// Reads property `[obj, key]` at `at` (key normalised) into `[v]`, or
    /// for `UNDER_BIT` (`GetMethod`, `[obj, obj, key]`) into `[v, obj]`. A
    /// getter runs in a frame of its own (no native recursion).
    pub(super) fn get_at(&mut self, at: usize, mode: usize) -> R<()> {
        let vm = &mut *self.vm;
        let obj = vm.st(at);
        let mut v = vm.get_property_raw(obj, vm.st(at + 1))?;
        if vm.is_accessor(v) {
            let getter = vm.slot(v, 0);
            if getter != Value::UNDEFINED {
                // [obj, key] -> [getter, obj]
                let obj = vm.st(at);
                vm.set_st(at, getter);
                vm.set_st(at + 1, obj);
                return self.call(0, mode);
            }
            v = Value::UNDEFINED;
        }
        let vm = &mut *self.vm;
        vm.set_sp(at + 1);
        if mode & UNDER_BIT != 0 {
            vm.set_st(at.wrapping_sub(1), v);
        } else {
            vm.set_st(at, v);
        }
        Ok(())
    }

    /// An assignment `[obj, key, v] -> [v]` at `at`: through a setter when
    /// the object or its prototype chain has an accessor for the key (the
    /// setter runs in a frame of its own), else a data property.
    pub(super) fn assign_at(&mut self, at: usize) -> R<()> {
        let vm = &mut *self.vm;
        if vm.accessors() {
            let key = vm.property_key(vm.st(at + 1))?;
            vm.set_st(at + 1, key);
            if let Some(pair) = vm.setter_pair(at) {
                let setter = vm.slot(pair, 1);
                if setter == Value::UNDEFINED {
                    return vm.throw_getter_only(vm.st(at + 1));
                }
                // [obj, key, v] -> [v, setter, obj, v]
                let (obj, v) = (vm.st(at), vm.st(at + 2));
                vm.push(v);
                vm.set_st(at + 2, obj);
                vm.set_st(at + 1, setter);
                vm.set_st(at, v);
                return self.call(1, DROP_BIT);
            }
        }
        vm.set_property_at(at)?;
        let v = vm.st(at + 2);
        vm.set_sp(at);
        vm.push(v);
        Ok(())
    }

    /// `new` with `[callee, args × n]` on top of the stack.
    pub(super) fn construct(&mut self, n: usize) -> R<()> {
        let vm = &mut *self.vm;
        let base = vm.sp().wrapping_sub(n + 1);
        let callee = vm.st(base);
        let ctor = matches!(
            vm.tc(callee),
            TypeCode::Class | TypeCode::Function | TypeCode::Closure
        );
        let native = match callee.well_known() {
            Some(
                w @ (WellKnown::Uint8ArrayCtor
                | WellKnown::Error
                | WellKnown::TypeError
                | WellKnown::RangeError
                | WellKnown::SyntaxError),
            ) => Some(w),
            _ => None,
        };
        if let Some(w) = native {
            let v = vm.call_native(self.host, w, base, n, true)?;
            vm.set_sp(base);
            vm.push(v);
            return Ok(());
        }
        if callee != WellKnown::FunctionCtor.value() && !ctor {
            return vm.throw_not_constructor(callee);
        }
        // [callee, args] -> [callee, this, args]
        vm.push(Value::UNDEFINED);
        for i in (0..n).rev() {
            vm.set_st(base + 2 + i, vm.st(base + 1 + i));
        }
        if !ctor {
            // `new Function(…)` is `Function(…)`.
            vm.set_st(base + 1, Value::UNDEFINED);
            return self.call(n, 0);
        }
        let proto = vm.construct_prototype(callee);
        let obj = vm.new_object(proto)?;
        vm.set_st(base + 1, obj);
        let callee = vm.st(base);
        if vm.tc(callee) == TypeCode::Class {
            vm.set_st(base, vm.slot(callee, 0));
        }
        if let Entered::Done(_) = self.begin_call(n, self.pc, CONSTRUCT_BIT)? {
            let vm = &mut *self.vm;
            let this = vm.st(base + 1);
            vm.set_sp(base);
            vm.push(this);
        }
        Ok(())
    }

    /// `super(...)`: `[class, this, args × n]` on top of the stack.
    pub(super) fn call_super(&mut self, n: usize) -> R<()> {
        let vm = &mut *self.vm;
        let base = vm.sp().wrapping_sub(n + 2);
        let class = vm.st(base);
        if class.well_known().is_some_and(WellKnown::is_error_ctor) {
            // super(message) of a class extending Error.
            if n > 0 && vm.st(base + 2) != Value::UNDEFINED {
                let m = vm.string_at(base + 2)?;
                vm.set_st(base + 2, m);
                let message = WellKnown::StrMessage.value();
                // (`this` is the object `new` made: only corrupt code
                // gets here with anything else.)
                if vm.tc(vm.st(base + 1)) != TypeCode::Object {
                    return Err(CORRUPT);
                }
                vm.define_own_key_at(base + 1, message, base + 2, crate::sem::object::HIDDEN)?;
            }
            vm.set_sp(base);
            vm.push(Value::UNDEFINED);
            return Ok(());
        }
        if vm.tc(class) != TypeCode::Class {
            return vm.throw_not_constructor(class);
        }
        vm.set_st(base, vm.slot(class, 0));
        self.call(n, 0)
    }
}
