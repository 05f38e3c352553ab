//! What `await` needs from the VM: suspending a frame into a
//! continuation and resuming it later. Promises themselves
//! are JavaScript in the compiler's prelude; they reach this module only
//! through `await` (the `Await` instruction), the continuations it hands
//! them, and `__vium.enqueue`.
//!
//! **A continuation** is a `Closure` allocation longer than the two slots of
//! an ordinary closure:
//! `[function, resume, argc, handler, scope, callee, this, arg × argc, local × n, operand × k]`.
//! `resume` is the resume point relative to the start of the function's code
//! (−1 once resumed: a frame resumes at most once); `handler` is the
//! innermost handler record relative to the frame pointer (0: none); `scope`
//! is the frame's environment. Handler
//! records inside the saved operands are stored as ints relative to the
//! frame and the code, never as the tagged stack words they are on the stack,
//! so a continuation is an ordinary value-holding allocation: traced by the
//! GC, written by the snapshot (an `await` pending at build time resumes on
//! the device) and checked by restore like any other.
//!
//! Calling a continuation `c(value, isThrow)` rebuilds the frame on top of the
//! caller's and continues it with `value` pushed (or thrown into it).
//!
//! Built only with the `async` feature (the constants are shared with
//! restore's shape check and the snapshot writer).
//!
//! Must not: know what a promise is.

#![cfg_attr(not(feature = "async"), allow(unused_imports, dead_code))]

use super::{Exec, FRAME_WORDS, RESERVE_WORDS};
use crate::format::{function, TypeCode};
use crate::heap::{tag, untag};
use crate::ops::HANDLER_WORDS;
use crate::value::Value;
use crate::vm::{Vm, CORRUPT, R};

const C_FUNCTION: usize = 0;
const C_RESUME: usize = 1;
const C_ARGC: usize = 2;
const C_HANDLER: usize = 3;
const C_SCOPE: usize = 4;
/// Where the saved frame (callee, this, arguments, locals, operands) starts.
const C_FRAME: usize = 5;
/// Slots of an ordinary closure: `[function, environment]`.
pub(crate) const CLOSURE_SLOTS: usize = 2;
/// The smallest continuation: the header slots plus callee and this.
pub(crate) const MIN_CONTINUATION_SLOTS: usize = C_FRAME + 2;

#[cfg(feature = "async")]
fn int(i: usize) -> Value {
    Value::small_int(i as i16)
}

/// Where a ROM function's code starts, and its header bytes.
#[cfg(feature = "async")]
fn code_of(vm: &Vm<'_>, func: Value) -> R<(usize, usize, usize)> {
    let p = vm.payload(func);
    if vm.tc(func) != TypeCode::Function || p.len() <= function::CODE {
        return Err(CORRUPT);
    }
    let code = (func.0 as usize).wrapping_sub(crate::value::ROM_BIAS as usize) + function::CODE;
    Ok((
        code,
        p[function::LOCAL_COUNT] as usize,
        p[function::MAX_STACK] as usize,
    ))
}

#[cfg(feature = "async")]
impl Exec<'_, '_> {
    /// `Await`: `[helper, this, v] -> [helper(v, continuation)]`, the
    /// continuation being this frame saved to resume at the jump operand.
    pub(super) fn await_op(&mut self) -> R<()> {
        let func = self.fetch_value();
        let resume = self.fetch_target();
        let top = self.vm.sp().wrapping_sub(3);
        let c = self.capture_frame(func, resume, top)?;
        self.vm.push(c);
        self.call(2, 0)
    }

    /// Saves the current frame, which runs `func`, up to stack position
    /// `top` (exclusive) as a continuation that resumes at `resume_pc`.
    /// The frame itself goes on. (`func` comes from the instruction: the
    /// frame's callee slot may hold the argument count instead.)
    fn capture_frame(&mut self, func: Value, resume_pc: usize, top: usize) -> R<Value> {
        let (nargs, fp) = (self.nargs(), self.fp);
        let base = self.this_slot().wrapping_sub(1);
        let (code, _, _) = code_of(self.vm, func)?;
        let ops = top.saturating_sub(fp);
        let c = self
            .vm
            .alloc(TypeCode::Closure, 2 * (C_FRAME + 2 + nargs + ops))?;
        let scope = self.scope();
        let vm = &mut *self.vm;
        let header = [
            func,
            int(resume_pc.wrapping_sub(code)),
            int(nargs),
            int(self.handler.saturating_sub(fp)),
            scope,
        ];
        for (k, v) in header.into_iter().enumerate() {
            vm.set_slot(c, k, v);
        }
        for k in 0..2 + nargs {
            vm.set_slot(c, C_FRAME + k, vm.st(base + k));
        }
        let at_fp = C_FRAME + 2 + nargs;
        for k in 0..ops {
            vm.set_slot(c, at_fp + k, vm.st(fp + k));
        }
        // This frame's handler records hold ints relative to the frame and
        // the code instead of tagged absolute words.
        let mut h = self.handler;
        while h > fp {
            let rec = h - HANDLER_WORDS;
            let prev = untag(vm.st(rec));
            let at = at_fp + rec - fp;
            vm.set_slot(c, at, int(prev.saturating_sub(fp)));
            let catch_pc = super::untag_pc(vm.st(rec + 1), vm.st(rec + 2)).0;
            vm.set_slot(c, at + 1, int(catch_pc.wrapping_sub(code)));
            vm.set_slot(c, at + 2, Value::ZERO);
            if prev >= h {
                return Err(CORRUPT);
            }
            h = prev;
        }
        Ok(c)
    }

    /// Calls continuation `[c, this, value, isThrow]` at `base`: rebuilds
    /// its frame there, returning to `ret_pc`, and continues it with the
    /// value pushed, or thrown into it (to its handler, or out of this run).
    pub(super) fn resume_frame(&mut self, base: usize, n: usize, ret_pc: usize) -> R<()> {
        let vm = &mut *self.vm;
        let c = vm.st(base);
        let value = if n > 0 {
            vm.st(base + 2)
        } else {
            Value::UNDEFINED
        };
        let throw = n > 1 && vm.truthy(vm.st(base + 3));
        let slot = |k| vm.slot(c, k).as_int().unwrap_or(-1) as usize;
        let (resume, nargs, handler_rel) = (slot(C_RESUME), slot(C_ARGC), slot(C_HANDLER));
        if resume > 0xFFFF {
            return vm.throw_type_error(b"an async function resumed twice");
        }
        let (code, locals, max_stack) = code_of(vm, vm.slot(c, C_FUNCTION))?;
        let ops = (vm.header(c).1 / 2).wrapping_sub(C_FRAME + 2 + nargs);
        if nargs > 0xFF || ops > locals + max_stack || handler_rel > ops {
            return Err(CORRUPT);
        }
        if base + 2 + nargs + FRAME_WORDS + locals + max_stack + RESERVE_WORDS > vm.stack_words() {
            return vm.throw_stack_overflow();
        }
        vm.set_slot(c, C_RESUME, Value::small_int(-1));
        vm.set_sp(base);
        for k in 0..2 + nargs {
            vm.push(vm.slot(c, C_FRAME + k));
        }
        let (pc_word, argc_word) = super::tag_pc(ret_pc, self.argc);
        for w in [pc_word, tag(self.fp), argc_word, vm.slot(c, C_SCOPE)] {
            vm.push(w);
        }
        let fp = vm.sp();
        for k in 0..ops {
            vm.push(vm.slot(c, C_FRAME + 2 + nargs + k));
        }
        // Relink the saved handler records onto the current chain.
        if handler_rel != 0 {
            let outer = self.handler;
            let mut h = fp + handler_rel;
            self.handler = h;
            loop {
                let rec = h.wrapping_sub(HANDLER_WORDS);
                let prev_rel = vm.st(rec).as_int().unwrap_or(0).max(0) as usize;
                let prev = if prev_rel == 0 { fp } else { fp + prev_rel };
                if prev >= h || rec < fp {
                    return Err(CORRUPT);
                }
                let catch = vm.st(rec + 1).as_int().unwrap_or(0).max(0) as usize;
                let (catch_word, fp_word) = super::tag_pc(code + catch, fp);
                vm.set_st(rec + 1, catch_word);
                vm.set_st(rec + 2, fp_word);
                if prev_rel == 0 {
                    // The outermost record of the frame continues the chain
                    // of the code that resumed it.
                    vm.set_st(rec, tag(outer));
                    break;
                }
                vm.set_st(rec, tag(prev));
                h = prev;
            }
        }
        self.fp = fp;
        self.argc = nargs;
        self.pc = code + resume;
        if throw {
            self.vm.result = value;
            return self.unwind();
        }
        self.vm.push(value);
        Ok(())
    }
}
