//! The current frame: arguments, `this`, environments of captured
//! variables, and the `arguments` array.

use super::{Exec, ARGC_MASK, FRAME_WORDS};
use crate::format::TypeCode;
use crate::value::Value;
use crate::vm::R;

impl Exec<'_, '_> {
    /// The current frame's argument count.
    #[inline]
    pub(super) fn nargs(&self) -> usize {
        self.argc & ARGC_MASK
    }

    /// Stack index of the current frame's first argument.
    #[inline]
    pub(super) fn args_base(&self) -> usize {
        self.fp.wrapping_sub(FRAME_WORDS + self.nargs())
    }

    #[inline]
    pub(super) fn this_slot(&self) -> usize {
        self.args_base().wrapping_sub(1)
    }

    pub(super) fn load_arg(&mut self) {
        let i = self.fetch_u8();
        let v = if i < self.nargs() {
            self.vm.st(self.args_base() + i)
        } else {
            Value::UNDEFINED
        };
        self.vm.push(v)
    }

    /// The current frame's environment (kept in its frame, so it is a GC
    /// root like any stack word).
    #[inline]
    pub(crate) fn scope(&self) -> Value {
        self.vm.st(self.fp.wrapping_sub(1))
    }
    #[inline]
    pub(crate) fn set_scope(&mut self, e: Value) {
        self.vm.set_st(self.fp.wrapping_sub(1), e)
    }

    /// The `depth, index` operands of `LoadScoped`/`StoreScoped`: the
    /// environment `depth` parents up and the slot of the binding.
    pub(super) fn env_operand(&mut self) -> (Value, usize) {
        let depth = self.fetch_u8();
        let i = self.fetch_u8();
        let mut e = self.scope();
        for _ in 0..depth {
            e = self.vm.slot(e, 0);
        }
        (e, i + 1)
    }

    pub(super) fn push_scope(&mut self) -> R<()> {
        let n = self.fetch_u8();
        let e = self.vm.alloc(TypeCode::Env, 2 * (n + 1))?;
        let parent = self.scope();
        self.vm.set_slot(e, 0, parent);
        self.set_scope(e);
        Ok(())
    }

    /// A copy of the current environment becomes current (each loop
    /// iteration's own `let` bindings).
    pub(super) fn clone_scope(&mut self) -> R<()> {
        let size = self.vm.header(self.scope()).1;
        let e = self.vm.alloc(TypeCode::Env, size)?;
        let old = self.scope();
        for k in 0..size / 2 {
            self.vm.set_slot(e, k, self.vm.slot(old, k));
        }
        self.set_scope(e);
        Ok(())
    }

    /// `Arguments`: an array of the current call's arguments from the
    /// operand on (rest parameters, `arguments`).
    pub(super) fn arguments(&mut self) -> R<()> {
        let from = self.fetch_u8();
        // A padded frame records the count actually passed in its callee
        // slot (see `begin_call`).
        let passed = match self.vm.st(self.this_slot().wrapping_sub(1)).as_int() {
            Some(k) => (k as usize).min(self.nargs()),
            None => self.nargs(),
        };
        let a = self.vm.arguments_array(from, self.args_base(), passed)?;
        self.vm.push(a);
        Ok(())
    }
}
