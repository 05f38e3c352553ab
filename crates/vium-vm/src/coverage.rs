//! Opcode coverage (feature `coverage`, tests only): counts how often each
//! opcode executes, so the test suite can prove it runs every instruction.

use core::sync::atomic::{AtomicU32, Ordering};

use crate::ops::Op;

static HITS: [AtomicU32; 256] = [const { AtomicU32::new(0) }; 256];

#[inline]
pub(crate) fn hit(op: Op) {
    HITS[op as usize].fetch_add(1, Ordering::Relaxed);
}

/// How many times `op` has executed in this process.
pub fn hits(op: Op) -> u32 {
    HITS[op as usize].load(Ordering::Relaxed)
}
