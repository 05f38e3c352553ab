//! What operations mean: JavaScript's conversions, arithmetic, equality,
//! strings, objects and properties, errors, display and the native
//! builtins, over the heap representation, split by topic. Never touches
//! frames or the instruction stream (that is `exec`'s).

pub(crate) mod display;
pub(crate) mod error;
pub(crate) mod natives;
pub(crate) mod num;
pub(crate) mod object;
pub(crate) mod string;
