//! The bytecode emitter for one function: encodes instructions from the op
//! table, resolves forward and backward jumps through labels, and tracks the
//! operand-stack depth to compute `max_stack`. Knows nothing of oxc.

use vium_vm::ops::{Op, Operand};

/// A jump target inside one function's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label(usize);

#[derive(Default)]
struct LabelState {
    at: Option<usize>,
    /// Stack depth on arrival by a jump, when one has been emitted.
    depth: Option<i32>,
}

/// Why a function's code could not be finished.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum EmitError {
    /// A jump spans more than an `i16` offset.
    JumpTooFar,
    /// The stack accounting went wrong: a compiler bug, reported, not panicked.
    Internal(&'static str),
}

#[derive(Default)]
pub(crate) struct Emitter {
    code: Vec<u8>,
    labels: Vec<LabelState>,
    /// (operand position, position after the instruction, target).
    fixups: Vec<(usize, usize, Label)>,
    depth: i32,
    max: i32,
    reachable: bool,
    /// Whether the last instruction emitted ends control flow (the VM
    /// refuses a function whose code can run off its end).
    ends_in_terminator: bool,
    broken: Option<&'static str>,
    /// See `self_refs`.
    self_refs: Vec<usize>,
}

impl Emitter {
    pub(crate) fn new() -> Self {
        Emitter {
            reachable: true,
            ..Default::default()
        }
    }

    /// Current operand-stack depth.
    pub(crate) fn depth(&self) -> i32 {
        self.depth
    }

    /// After an unconditional jump that left blocks (popping handler
    /// records), the dead code that follows is accounted at the depth the
    /// blocks had, so their closing instructions balance.
    pub(crate) fn restore_depth(&mut self, depth: i32) {
        debug_assert!(!self.reachable);
        self.depth = depth;
    }

    /// Whether the next instruction can be reached by falling through.
    pub(crate) fn reachable(&self) -> bool {
        self.reachable
    }

    /// Emits `op` with its operands (in table order; each is truncated to
    /// its operand kind, so callers range-check first).
    pub(crate) fn emit(&mut self, op: Op, operands: &[i32]) {
        debug_assert_eq!(op.operands().len(), operands.len(), "{}", op.name());
        self.code.push(op as u8);
        for (kind, &v) in op.operands().iter().zip(operands) {
            match kind {
                Operand::U8 | Operand::I8 => self.code.push(v as u8),
                Operand::Const | Operand::Global | Operand::Jump => {
                    self.code.extend_from_slice(&(v as u16).to_le_bytes())
                }
            }
        }
        let (pop, push) = op.stack_effect(operands.first().copied().unwrap_or(0));
        self.adjust(pop, push);
        self.ends_in_terminator = matches!(op, Op::Jump | Op::Return | Op::Throw);
        if self.ends_in_terminator {
            self.reachable = false;
        }
    }

    /// Whether the code so far ends with `Jump`, `Return` or `Throw`.
    pub(crate) fn ends_in_terminator(&self) -> bool {
        self.ends_in_terminator
    }

    pub(crate) fn op(&mut self, op: Op) {
        self.emit(op, &[]);
    }

    fn adjust(&mut self, pop: i32, push: i32) {
        if self.depth < pop && self.broken.is_none() {
            self.broken = Some("operand stack underflow");
        }
        self.depth = self.depth - pop + push;
        self.max = self.max.max(self.depth);
    }

    pub(crate) fn label(&mut self) -> Label {
        self.labels.push(LabelState::default());
        Label(self.labels.len() - 1)
    }

    /// Emits `Await` resuming at `target`; its function operand is this
    /// function itself, filled in by `patch_self` once it has an address.
    pub(crate) fn await_jump(&mut self, target: Label) {
        self.self_refs.push(self.code.len() + 1);
        self.jump_with(Op::Await, &[0], target);
    }

    /// Offsets in the code of the operands that must hold this function.
    pub(crate) fn self_refs(&self) -> &[usize] {
        &self.self_refs
    }

    /// Emits a jump (`Jump`, `JumpIfFalse`, `JumpIfTrue`) or `TryStart` to `target`.
    pub(crate) fn jump(&mut self, op: Op, target: Label) {
        self.jump_with(op, &[], target);
    }

    /// Emits `op` with `operands` followed by a jump operand to `target`.
    fn jump_with(&mut self, op: Op, operands: &[i32], target: Label) {
        debug_assert_eq!(op.operands().last(), Some(&Operand::Jump));
        let before = self.depth;
        let mut all = operands.to_vec();
        all.push(0);
        self.emit(op, &all);
        let at = self.code.len();
        self.fixups.push((at - 2, at, target));
        // A handler is entered with the stack as at TryStart plus the
        // exception; a resumed frame with its operands below the helper
        // call plus the value it resumes with.
        let arrival = match op {
            Op::TryStart => before + 1,
            Op::Await => before - 2,
            _ => self.depth,
        };
        self.max = self.max.max(arrival);
        let state = &mut self.labels[target.0];
        match state.depth {
            Some(d) if d != arrival && self.broken.is_none() => {
                self.broken = Some("inconsistent stack depth at a jump target")
            }
            _ => state.depth = Some(arrival),
        }
    }

    /// Places `label` at the current position.
    pub(crate) fn place(&mut self, label: Label) {
        let state = &mut self.labels[label.0];
        state.at = Some(self.code.len());
        if let Some(d) = state.depth {
            if self.reachable && d != self.depth && self.broken.is_none() {
                self.broken = Some("inconsistent stack depth at a label");
            }
            self.depth = d;
            self.reachable = true;
        }
        // A label nobody jumped to yet (a loop head) keeps the fall-through
        // depth; backward jumps are checked against it in `jump`.
        if state.depth.is_none() {
            state.depth = Some(self.depth);
            self.reachable = true;
        }
    }

    /// Resolves jumps; returns the code and the maximum stack depth.
    pub(crate) fn finish(mut self) -> Result<(Vec<u8>, usize), EmitError> {
        if let Some(what) = self.broken {
            return Err(EmitError::Internal(what));
        }
        for &(operand_at, next, target) in &self.fixups {
            let Some(to) = self.labels[target.0].at else {
                return Err(EmitError::Internal("jump to a label that was never placed"));
            };
            let offset = to as i64 - next as i64;
            let offset = i16::try_from(offset).map_err(|_| EmitError::JumpTooFar)?;
            self.code[operand_at..operand_at + 2].copy_from_slice(&offset.to_le_bytes());
        }
        Ok((self.code, self.max.max(0) as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_and_backward_jumps_are_relative_to_the_next_instruction() {
        let mut e = Emitter::new();
        let top = e.label();
        let end = e.label();
        e.place(top);
        e.op(Op::True);
        e.jump(Op::JumpIfFalse, end);
        e.jump(Op::Jump, top);
        e.place(end);
        e.op(Op::Undefined);
        e.op(Op::Return);
        let (code, max) = e.finish().unwrap();
        assert_eq!(
            code,
            [
                Op::True as u8,
                Op::JumpIfFalse as u8,
                3,
                0,
                Op::Jump as u8,
                0xF9,
                0xFF,
                Op::Undefined as u8,
                Op::Return as u8
            ]
        );
        assert_eq!(max, 1);
    }

    #[test]
    fn try_start_counts_the_handler_record() {
        let mut e = Emitter::new();
        let handler = e.label();
        e.jump(Op::TryStart, handler);
        assert_eq!(e.depth(), 4);
        e.op(Op::TryEnd);
        let end = e.label();
        e.jump(Op::Jump, end);
        e.place(handler);
        assert_eq!(e.depth(), 1);
        e.op(Op::Pop);
        e.place(end);
        e.op(Op::Undefined);
        e.op(Op::Return);
        assert_eq!(e.finish().unwrap().1, 4);
    }

    #[test]
    fn calls_pop_callee_this_and_arguments() {
        let mut e = Emitter::new();
        for _ in 0..4 {
            e.op(Op::Undefined);
        }
        e.emit(Op::Call, &[2]);
        assert_eq!(e.depth(), 1);
        assert_eq!(e.finish().unwrap().1, 4);
    }
}
