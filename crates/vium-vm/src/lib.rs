//! # vium-vm
//!
//! The Vium runtime: a `#![no_std]` JavaScript VM that resumes images
//! snapshotted at build time, executing their bytecode in place. The core
//! uses no `alloc`: memory comes from the host through [`Allocator`].
//!
//! A host does four things:
//!
//! - gives the VM memory: an [`ArenaAllocator`] over a buffer (or
//!   `StdAllocator` with the `std` feature, or its own [`Allocator`]),
//!   capped with [`HeapLimit`] if it likes;
//! - implements [`Host`]: where `console.log` output goes, and the
//!   functions the script imported with `vmImport`;
//! - restores an image ([`Vm::restore`]), which checks all of it;
//! - calls what the script exported with `vmExport` ([`Vm::call_export`])
//!   and reads the outcome ([`Vm::result`], [`Vm::exception`]) as a
//!   [`ValueRef`], which the borrow checker ends before the next call. A
//!   value kept across calls goes in a [`Handle`]; a script with promises
//!   needs [`Vm::settle`] after a call.
//!
//! ```
//! use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, Vm};
//!
//! /// Prints the script's console output; the script imports nothing.
//! struct Console;
//! impl Host for Console {
//!     fn write(&mut self, bytes: &[u8]) {
//!         print!("{}", String::from_utf8_lossy(bytes));
//!     }
//!     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
//!         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
//! }
//!
//! // `tests/images/closures.js`, built with `vium build`.
//! let image = include_bytes!("../tests/images/closures.vbc");
//! let mut buf = [0u8; 4096];
//! let mut alloc = ArenaAllocator::new(&mut buf);
//! let mut host = Console;
//! let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
//! vm.call_export(&mut host, 3, &[]).unwrap();
//! assert_eq!(vm.result().as_str(), Some("sensor:2:4"));
//! ```
//!
//! With the `std` feature, an image can also be made in memory:
//!
//! ```
//! # #[cfg(feature = "std")] {
//! use vium_vm::{Host, HostCall, HostError, HostValue, StdAllocator, Vm};
//!
//! struct Console(String);
//! impl Host for Console {
//!     fn write(&mut self, bytes: &[u8]) { self.0.push_str(&String::from_utf8_lossy(bytes)); }
//!     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
//!         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
//! }
//!
//! // An image with nothing in it restores and reports its memory use.
//! let image = vium_vm::format::ImageBuilder::new().finish().unwrap();
//! let mut alloc = StdAllocator;
//! let host = Console(String::new());
//! let vm = Vm::restore(&image, &mut alloc, &host).unwrap();
//! assert_eq!(vm.memory_stats().heap_used, 0);
//! # }
//! ```
//!
//! | feature | effect | default |
//! |---|---|---|
//! | `float` | float64 numbers (images that need them are refused without it) | yes |
//! | `overflow-checks` | int32 overflow becomes float as JavaScript says; without it, integer arithmetic wraps like C's | yes |
//! | `std` | `StdAllocator` over the global allocator; the image builder | no |
//! | `snapshot` | `Vm::snapshot`: writes a running VM as an image (build time) | no |
//! | `gc-stress` | collects at every allocation (tests only) | no |
//! | `coverage` | counts executed opcodes, records builtins called (tests only) | no |
//!
//! A running VM can be written as an image at any time between calls, on
//! any host, without a feature: [`Vm::snapshot_size`] and
//! [`Vm::write_snapshot`].
#![no_std]
#![deny(unsafe_code)]
#[cfg(feature = "std")]
extern crate alloc;
#[cfg(any(test, feature = "coverage"))]
extern crate std;

pub mod builtins;
#[cfg(feature = "coverage")]
pub mod coverage;
mod exec;
#[cfg(feature = "float")]
mod float;
pub mod format;
mod heap;
mod hibernate;
mod host;
mod memory;
pub mod number;
pub mod ops;
mod raw;
mod sem;
#[cfg(feature = "snapshot")]
mod snapshot;
pub mod value;
mod verify;
mod vm;

pub use format::{Image, ImageError, TypeCode};
pub use hibernate::HibernateError;
pub use host::{CallError, Handle, Host, HostCall, HostError, HostValue, ValueKind, VmError};
#[cfg(feature = "std")]
pub use memory::StdAllocator;
pub use memory::{Allocator, ArenaAllocator, HeapLimit};
pub use ops::{Op, Operand};
pub use raw::RawError;
#[cfg(feature = "snapshot")]
pub use snapshot::SnapshotError;
pub use value::{Value, WellKnown};
pub use vm::{MemoryStats, ValueRef, Vm, ENGINE_FEATURES};
