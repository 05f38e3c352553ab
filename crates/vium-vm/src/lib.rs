#![no_std]
#[cfg(feature = "std")]
extern crate alloc;

pub mod format;
pub mod ops;
pub mod value;

pub use format::{Image, ImageError, TypeCode};
pub use ops::{Op, Operand};
pub use value::{Value, WellKnown};
