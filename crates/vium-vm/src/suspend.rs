//! What `async`/`await` needs from the VM: suspending a frame into a
//! continuation, resuming it later, and the job queue. Promises themselves
//! are JavaScript in the compiler's prelude; they reach this module only
//! through `await` (the `Await` instruction), the continuations it hands
//! them, and `__vium.enqueue`.
//!
//! **A continuation** is a `Closure` allocation longer than the two slots of
//! an ordinary closure:
//! `[function, resume, argc, handler, scope, callee, this, arg × argc, local × n, operand × k]`.
//! `resume` is the resume point relative to the start of the function's code
//! (−1 once resumed: a frame resumes at most once); `handler` is the
//! innermost handler record relative to the frame pointer (0: none). Handler
//! records inside the saved operands are stored as ints relative to the
//! frame and the code, never as the tagged stack words they are on the stack,
//! so a continuation is an ordinary value-holding allocation: traced by the
//! GC, written by the snapshot (an `await` pending at build time resumes on
//! the device) and checked by restore like any other.
//!
//! Calling a continuation `c(value, isThrow)` rebuilds the frame on top of the
//! caller's and continues it with `value` pushed (or thrown into it).
//!
//! **The job queue** is a circular list of `FixedArray`s `[next, function,
//! a, b]` whose last node is the `jobs` register (a GC root). The host drains
//! it with `Vm::run_jobs`; the build drains it after the top level.
//!
//! Must not: know what a promise is.

use crate::format::{function, TypeCode};
use crate::host::{CallError, Host};
use crate::ops::HANDLER_WORDS;
use crate::value::{Value, WellKnown};
use crate::vm::{tag, untag, Vm, CORRUPT, R};

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

fn int(i: usize) -> R<Value> {
    Value::int(i as i32).ok_or(CORRUPT)
}

fn uint(v: Value) -> R<usize> {
    v.as_int()
        .and_then(|i| usize::try_from(i).ok())
        .ok_or(CORRUPT)
}

impl Vm<'_> {
    /// Where a ROM function's code starts, with its header.
    fn code_of(&self, func: Value) -> R<(usize, &[u8])> {
        if self.type_of(func)? != Some(TypeCode::Function) {
            return Err(CORRUPT);
        }
        let code = func.rom_offset().ok_or(CORRUPT)? as usize + function::CODE;
        Ok((code, self.payload(func)?))
    }

    /// Saves the current frame, which runs `func`, up to stack position
    /// `top` (exclusive) as a continuation that resumes at `resume_pc`.
    /// The frame itself goes on. (`func` comes from the instruction: the
    /// frame's callee slot may hold the argument count instead.)
    pub(crate) fn capture_frame(
        &mut self,
        func: Value,
        resume_pc: usize,
        top: usize,
        frame_words: usize,
        nargs: usize,
    ) -> R<Value> {
        // callee, this, args, [3 control words], caller scope, then fp.
        let base = self
            .fp
            .checked_sub(frame_words + nargs + 2)
            .ok_or(CORRUPT)?;
        let (code, p) = self.code_of(func)?;
        if resume_pc < code || resume_pc >= code - function::CODE + p.len() {
            return Err(CORRUPT);
        }
        let saved_ops = top.checked_sub(self.fp).ok_or(CORRUPT)?;
        let slots = C_FRAME + 2 + nargs + saved_ops;
        let c = self.alloc(TypeCode::Closure, 2 * slots)?;
        self.set_slot(c, C_FUNCTION, func)?;
        self.set_slot(
            c,
            C_RESUME,
            int(resume_pc.checked_sub(code).ok_or(CORRUPT)?)?,
        )?;
        self.set_slot(c, C_ARGC, int(nargs)?)?;
        let handler = self.handler.saturating_sub(self.fp);
        self.set_slot(c, C_HANDLER, int(handler)?)?;
        self.set_slot(c, C_SCOPE, self.scope)?;
        for k in 0..2 + nargs {
            let v = self.st(base + k)?;
            self.set_slot(c, C_FRAME + k, v)?;
        }
        let at_fp = C_FRAME + 2 + nargs;
        for k in 0..saved_ops {
            let v = self.st(self.fp + k)?;
            self.set_slot(c, at_fp + k, v)?;
        }
        // Handler records of this frame: relative ints instead of tagged words.
        let mut h = self.handler;
        while h > self.fp {
            let rec = h.checked_sub(HANDLER_WORDS).ok_or(CORRUPT)?;
            if rec < self.fp || h > top {
                return Err(CORRUPT);
            }
            let prev = untag(self.st(rec)?);
            let catch_pc = untag(self.st(rec + 1)?);
            let at = at_fp + rec - self.fp;
            let prev_rel = prev.saturating_sub(self.fp);
            self.set_slot(c, at, int(prev_rel)?)?;
            self.set_slot(c, at + 1, int(catch_pc.checked_sub(code).ok_or(CORRUPT)?)?)?;
            self.set_slot(c, at + 2, Value::ZERO)?;
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
    pub(crate) fn resume_frame(
        &mut self,
        base: usize,
        n: usize,
        ret_pc: usize,
        frame_words: usize,
        reserve: usize,
    ) -> R<()> {
        let c = self.st(base)?;
        let value = if n > 0 {
            self.st(base + 2)?
        } else {
            Value::UNDEFINED
        };
        let throw = n > 1 && self.truthy(self.st(base + 3)?);
        let Some(resume) = self.slot(c, C_RESUME)?.as_int().filter(|r| *r >= 0) else {
            return self.throw_error(WellKnown::TypeError, b"an async function resumed twice");
        };
        let func = self.slot(c, C_FUNCTION)?;
        let (code, p) = self.code_of(func)?;
        let locals = p.get(function::LOCAL_COUNT).copied().ok_or(CORRUPT)? as usize;
        let max_stack = p.get(function::MAX_STACK).copied().ok_or(CORRUPT)? as usize;
        let nargs = uint(self.slot(c, C_ARGC)?)?;
        let handler_rel = uint(self.slot(c, C_HANDLER)?)?;
        let slots = self.header(c)?.1 / 2;
        let saved_ops = slots
            .checked_sub(C_FRAME + 2 + nargs)
            .filter(|k| *k >= locals && *k <= locals + max_stack)
            .ok_or(CORRUPT)?;
        if base + 2 + nargs + frame_words + locals + max_stack + reserve > self.stack_words() {
            return self.throw_range_error("Maximum call stack size exceeded");
        }
        let resume_pc = code + resume as usize;
        if resume_pc >= self.rom.len() {
            return Err(CORRUPT);
        }
        self.set_slot(c, C_RESUME, Value::small_int(-1))?;
        self.sp = base;
        for k in 0..2 + nargs {
            let v = self.slot(c, C_FRAME + k)?;
            self.push(v)?;
        }
        self.push(tag(ret_pc))?;
        self.push(tag(self.fp))?;
        self.push(tag(self.argc))?;
        self.push(self.scope)?;
        let fp = self.sp;
        for k in 0..saved_ops {
            let v = self.slot(c, C_FRAME + 2 + nargs + k)?;
            self.push(v)?;
        }
        // Relink the saved handler records onto the current chain.
        if handler_rel != 0 {
            let mut h = fp + handler_rel;
            let innermost = h;
            loop {
                let rec = h.checked_sub(HANDLER_WORDS).ok_or(CORRUPT)?;
                if rec < fp || h > self.sp {
                    return Err(CORRUPT);
                }
                let prev_rel = uint(self.st(rec)?)?;
                let catch_pc = code + uint(self.st(rec + 1)?)?;
                if catch_pc >= self.rom.len() || (prev_rel != 0 && fp + prev_rel >= h) {
                    return Err(CORRUPT);
                }
                let prev = if prev_rel == 0 {
                    self.handler
                } else {
                    fp + prev_rel
                };
                self.st_set(rec, tag(prev))?;
                self.st_set(rec + 1, tag(catch_pc))?;
                self.st_set(rec + 2, tag(fp))?;
                if prev_rel == 0 {
                    break;
                }
                h = fp + prev_rel;
            }
            self.handler = innermost;
        }
        self.fp = fp;
        self.argc = nargs;
        self.scope = self.slot(c, C_SCOPE)?;
        self.pc = resume_pc;
        if throw {
            self.exception = value;
            return self.unwind();
        }
        self.push(value)
    }

    /// `__vium.enqueue(f, a, b)`: `f(a, b)` runs when the queue is drained.
    pub(crate) fn enqueue_job(&mut self, args: usize, n: usize) -> R<Value> {
        let node = self.alloc(TypeCode::FixedArray, 8)?;
        for k in 0..3 {
            let v = if k < n {
                self.st(args + k)?
            } else {
                Value::UNDEFINED
            };
            self.set_slot(node, 1 + k, v)?;
        }
        if self.jobs == Value::UNDEFINED {
            self.set_slot(node, 0, node)?;
        } else {
            let head = self.slot(self.jobs, 0)?;
            self.set_slot(node, 0, head)?;
            self.set_slot(self.jobs, 0, node)?;
        }
        self.jobs = node;
        Ok(Value::UNDEFINED)
    }

    /// Runs queued jobs, and the jobs they queue, until none is left.
    /// Promise reactions and resumed `async` functions are jobs: a host
    /// that uses them calls this after each call into the VM (the build
    /// runs it after the top level). A job that throws stops the draining
    /// with `CallError::Uncaught`; the jobs after it stay queued.
    pub fn run_jobs(&mut self, host: &mut dyn Host) -> Result<(), CallError> {
        if self.jobs == Value::UNDEFINED {
            return Ok(());
        }
        self.host_entry(host, |vm, host| {
            while vm.jobs != Value::UNDEFINED {
                vm.run_one_job(host)?;
            }
            Ok(Value::UNDEFINED)
        })
    }

    /// Runs jobs until the queue is empty, then the host's deferred work
    /// (`Host::run_deferred`) one piece at a time, each followed by the
    /// jobs it queued, until neither has anything left: the order in which
    /// Node runs microtasks and then timers.
    pub fn settle(&mut self, host: &mut dyn Host) -> Result<(), CallError> {
        loop {
            self.run_jobs(host)?;
            if !host.run_deferred(self)? {
                return Ok(());
            }
        }
    }

    fn run_one_job(&mut self, host: &mut dyn Host) -> R<Value> {
        let tail = self.jobs;
        let head = self.slot(tail, 0)?;
        if head == tail {
            self.jobs = Value::UNDEFINED;
        } else {
            let next = self.slot(head, 0)?;
            self.set_slot(tail, 0, next)?;
        }
        if self.sp + 4 > self.stack_words() {
            return self.throw_range_error("Maximum call stack size exceeded");
        }
        // [f, a, b] -> [f, undefined, a, b]: `f(a, b)`.
        self.push(self.slot(head, 1)?)?;
        self.push(Value::UNDEFINED)?;
        self.push(self.slot(head, 2)?)?;
        self.push(self.slot(head, 3)?)?;
        self.call_from_host(host, 2)
    }
}
