//! The Rust host API: what a host implements (`Host`) and the types that
//! cross the boundary. Values never leave the VM raw: the host reads them
//! through `ValueRef`, which borrows the VM and so cannot outlive the next
//! collection, and hands values in as `HostValue`, which the VM copies.
//! A value kept across calls goes in a `Handle`.

use crate::vm::Vm;

/// What the firmware (or the build tool) provides to a VM: where
/// `console.log` output goes, and the functions the script imported with
/// `vmImport(id)`.
///
/// The VM borrows the host only for the duration of one entry point
/// ([`Vm::restore`] asks [`Host::has_import`]; [`Vm::call_export`],
/// [`Vm::call_handle`], [`Vm::run_jobs`] and [`Vm::settle`] take it
/// `&mut`), so one host may serve several VMs, and the host's own state
/// is free between calls.
///
/// # Example
///
/// A host for the image of `tests/images/host.js`, whose script imports
/// 1 `add(a, b)`, 2 `callBack(fn, ...args)` and 3 `hostThrow(message)`:
///
/// ```
/// use vium_vm::{ArenaAllocator, CallError, Host, HostCall, HostError, HostValue, Vm};
///
/// struct Firmware;
///
/// impl Host for Firmware {
///     fn write(&mut self, bytes: &[u8]) {
///         print!("{}", String::from_utf8_lossy(bytes));
///     }
///     fn call<'s>(&'s mut self, vm: &mut Vm<'_>, id: u16, call: HostCall)
///         -> Result<HostValue<'s>, HostError<'s>> {
///         match id {
///             1 => Ok(HostValue::Int(vm.arg(&call, 0).to_i32() + vm.arg(&call, 1).to_i32())),
///             // Call the script back: argument 0 with argument 1.
///             2 => match vm.call(self, &call, 0, &[HostValue::Arg(1)]) {
///                 Ok(()) => Ok(HostValue::LastResult),
///                 // Its exception goes on unwinding into the script.
///                 Err(CallError::Uncaught) => Err(HostError::Propagate),
///                 Err(_) => Err(HostError::Error("callback failed")),
///             },
///             _ => Err(HostError::Error("refused")),
///         }
///     }
/// }
///
/// let mut buf = [0u8; 4096];
/// let mut alloc = ArenaAllocator::new(&mut buf);
/// let mut host = Firmware;
/// let image = include_bytes!("../tests/images/host.vbc");
/// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
///
/// // Export 1 is `(a, b) => add(a, b) * 2`.
/// vm.call_export(&mut host, 1, &[HostValue::Int(2), HostValue::Int(3)]).unwrap();
/// assert_eq!(vm.result().to_i32(), 10);
/// // Export 2 catches what `thrower(msg)` threw through `callBack`.
/// vm.call_export(&mut host, 2, &[HostValue::Str("boom")]).unwrap();
/// assert_eq!(vm.result().as_str(), Some("caught boom"));
/// // Export 4 catches the Error the host threw for `hostThrow`.
/// vm.call_export(&mut host, 4, &[HostValue::Str("x")]).unwrap();
/// assert_eq!(vm.result().as_str(), Some("Error: refused"));
/// ```
pub trait Host {
    /// `console.log` output: called once per piece of a line, then with
    /// `b"\n"`. The bytes are UTF-8 (WTF-8 when a string holds a lone
    /// surrogate).
    fn write(&mut self, bytes: &[u8]);
    /// Whether the host provides import `id`; restore refuses images that
    /// import anything the host lacks ([`ImageError::UnresolvedImport`]).
    /// The default provides every id, so a host that serves only some of
    /// them should say which.
    ///
    /// [`ImageError::UnresolvedImport`]: crate::ImageError::UnresolvedImport
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, ImageError, Vm};
    ///
    /// /// Serves imports 1 and 2 only.
    /// struct Partial;
    /// impl Host for Partial {
    ///     fn write(&mut self, _: &[u8]) {}
    ///     fn has_import(&self, id: u16) -> bool {
    ///         id <= 2
    ///     }
    ///     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    ///         -> Result<HostValue<'s>, HostError<'s>> { Ok(HostValue::Undefined) }
    /// }
    ///
    /// // The script of `host.vbc` also imports 3.
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let image = include_bytes!("../tests/images/host.vbc");
    /// let refused = Vm::restore(image, &mut alloc, &Partial);
    /// assert!(matches!(refused, Err(ImageError::UnresolvedImport(3))));
    /// ```
    fn has_import(&self, id: u16) -> bool {
        let _ = id;
        true
    }
    /// The script called host function `id` (the one `vmImport(id)` gave
    /// it). Read the arguments with [`Vm::arg`]`(&call, i)`; call back into
    /// the script with [`Vm::call`], keep an argument with
    /// [`Vm::handle_arg`].
    ///
    /// `Ok(value)` is what the call returns in the script; the value may
    /// borrow from the host (a `HostValue::Str` of the host's own text).
    /// `Err` throws into the script, which may catch it (see
    /// [`HostError`]). Values read through `vm` are lent only until the
    /// next call into the VM, which may move them.
    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>>;
    /// Called by `Vm::settle` once the job queue is empty: run one piece
    /// of work the host deferred (a timer that is due, a completed
    /// transfer whose callback it kept in a `Handle`) by calling into the
    /// VM, and say whether there was one. The default has none.
    fn run_deferred(&mut self, vm: &mut Vm<'_>) -> Result<bool, CallError> {
        let _ = vm;
        Ok(false)
    }
}

/// Where the arguments of a host call are (on the VM stack): what
/// [`Host::call`] receives, to pass to [`Vm::arg`], [`Vm::call`],
/// [`Vm::handle_arg`] and [`Vm::raw_arg`]. It is meaningful only while
/// that host call is being served.
#[derive(Clone, Copy, Debug)]
pub struct HostCall {
    pub(crate) base: usize,
    pub(crate) argc: usize,
}

impl HostCall {
    /// How many arguments the script passed (`f(a, b)` passes 2). Reading
    /// past them gives `undefined`, as in JavaScript.
    pub fn arg_count(&self) -> usize {
        self.argc
    }
}

/// A value given to the VM by the host: an argument of a call into the
/// VM, or what a host function returns or throws. The VM copies it in (a
/// string or bytes become a new allocation), so nothing it borrows needs
/// to outlive the call.
#[derive(Clone, Copy, Debug)]
pub enum HostValue<'s> {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number. An engine built without the `float` feature accepts only
    /// int32 integers, NaN and `-0` here; making any other number throws a
    /// `RangeError` (as a call's [`CallError::Uncaught`]).
    Number(f64),
    /// A number given as an integer (no float arithmetic needed: what a
    /// host of an engine built without `float` uses).
    Int(i32),
    /// A string (copied into the VM).
    Str(&'s str),
    /// Argument `i` of the host call being served (`Undefined` past the
    /// end, and outside a host call): in the arguments of [`Vm::call`], or
    /// as the value a host function returns or throws.
    Arg(usize),
    /// The value returned by the host's latest successful `Vm::call`.
    LastResult,
    /// The value a handle keeps alive.
    Handle(&'s Handle),
    /// A new `Uint8Array` holding a copy of these bytes.
    Bytes(&'s [u8]),
}

/// A value the host keeps across calls: it is a GC root until released
/// with `Vm::release`. Dropping a handle without releasing it leaks its
/// slot (never memory safety).
///
/// Values lent as [`ValueRef`](crate::ValueRef) end with the next call
/// into the VM; a handle stays valid across calls and collections, which
/// may move its value. Make one with [`Vm::handle_result`],
/// [`Vm::handle_arg`] or [`Vm::new_handle_raw`]; read it with
/// [`Vm::handle_value`], call it with [`Vm::call_handle`], pass it back
/// in with [`HostValue::Handle`]. A handle belongs to the VM that made it.
///
/// ```
/// use vium_vm::{ArenaAllocator, Host, HostCall, HostError, HostValue, ValueKind, Vm};
/// # struct NoImports;
/// # impl Host for NoImports {
/// #     fn write(&mut self, _: &[u8]) {}
/// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
/// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
/// # }
///
/// let mut buf = [0u8; 4096];
/// let mut alloc = ArenaAllocator::new(&mut buf);
/// let mut host = NoImports;
/// let image = include_bytes!("../tests/images/host.vbc");
/// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
///
/// // Export 5 makes a counter closure that starts at its argument.
/// vm.call_export(&mut host, 5, &[HostValue::Int(10)]).unwrap();
/// let counter = vm.handle_result().unwrap();
/// vm.run_gc().unwrap();
/// assert_eq!(vm.handle_value(&counter).kind(), ValueKind::Function);
/// vm.call_handle(&mut host, &counter, &[]).unwrap();
/// vm.call_handle(&mut host, &counter, &[]).unwrap();
/// assert_eq!(vm.result().to_i32(), 12);
/// vm.release(counter);
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Handle {
    pub(crate) slot: u16,
}

/// How a host function fails: what [`Host::call`] throws into the script.
/// The script can catch it (its `finally` blocks run); uncaught, it ends
/// the host's call into the VM with [`CallError::Uncaught`].
#[derive(Clone, Copy, Debug)]
pub enum HostError<'s> {
    /// Throw this value into the script.
    Throw(HostValue<'s>),
    /// Throw `new Error(message)` into the script (the message is copied).
    Error(&'s str),
    /// Let the exception of the host's latest failed `Vm::call` go on
    /// unwinding into the script: what a host function returns when the
    /// script function it called back threw ([`CallError::Uncaught`]), so
    /// that the script catches its own exception.
    Propagate,
}

/// Why a call from the host into the VM did not return a value. After
/// each of them the VM is still usable for the next call.
///
/// ```
/// use vium_vm::{ArenaAllocator, CallError, Host, HostCall, HostError, HostValue, Vm};
/// # struct NoImports;
/// # impl Host for NoImports {
/// #     fn write(&mut self, _: &[u8]) {}
/// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
/// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
/// # }
///
/// let mut buf = [0u8; 4096];
/// let mut alloc = ArenaAllocator::new(&mut buf);
/// let mut host = NoImports;
/// let image = include_bytes!("../tests/images/limits.vbc");
/// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
///
/// // Export 5 recurses without end; the RangeError reaches the host.
/// assert_eq!(vm.call_export(&mut host, 5, &[]), Err(CallError::Uncaught));
/// assert_eq!(vm.call_export(&mut host, 99, &[]), Err(CallError::NoSuchExport(99)));
/// // Export 6 is `x => x * 2`.
/// vm.call_export(&mut host, 6, &[HostValue::Int(21)]).unwrap();
/// assert_eq!(vm.result().to_i32(), 42);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The script threw and nothing caught it; read it with `Vm::exception`.
    Uncaught,
    /// No export has this id.
    NoSuchExport(u16),
    /// The VM could not continue; it is still usable for the next call.
    /// The latest result is then `undefined`.
    Fatal(VmError),
}

/// Conditions that stop a call without being a script exception: the
/// script cannot catch them, and its `finally` blocks do not run. The VM
/// stays usable; [`VmError::message`] describes each for a log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmError {
    /// The host refused memory, or the heap would pass 64 KiB. (When an
    /// allocation of the script or of a call's arguments fails, the script
    /// gets a `RangeError` it can catch instead; this error is for memory
    /// no script asks for: the stack of a call from the host, a collection
    /// the host runs, the table of handles.)
    OutOfMemory,
    /// The image holds something the VM cannot follow.
    Corrupt,
    /// Host calls nested too deeply into the VM.
    TooDeep,
    /// The operation is only possible at build time (snapshots).
    NotAtBuildTime,
    /// The call used up the step budget set with `Vm::set_budget`.
    BudgetExhausted,
    /// Build time: `eval` or `new Function` was given text the build image
    /// has no compiled code for (the build driver compiles it and runs
    /// the build again).
    EvalNotCompiled,
}

impl VmError {
    /// A short English description, for logs (no formatting code needed).
    ///
    /// ```
    /// assert_eq!(vium_vm::VmError::BudgetExhausted.message(), "step budget exhausted");
    /// ```
    pub fn message(&self) -> &'static str {
        match self {
            VmError::OutOfMemory => "out of memory",
            VmError::Corrupt => "corrupt image or heap",
            VmError::TooDeep => "host calls nested too deeply",
            VmError::NotAtBuildTime => "only available at build time",
            VmError::BudgetExhausted => "step budget exhausted",
            VmError::EvalNotCompiled => "eval text not compiled into the build image",
        }
    }
}

/// What kind of value a `ValueRef` is: JavaScript's `typeof`, with arrays
/// and `Uint8Array`s told apart from other objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number (integer or float, NaN and `-0` included).
    Number,
    /// A string.
    String,
    /// Something callable: a function, a closure, a class (see
    /// [`ValueRef::is_class`](crate::ValueRef::is_class)), a builtin or an
    /// imported host function.
    Function,
    /// An array.
    Array,
    /// Any other object (errors and promises among them).
    Object,
    /// A symbol (`Symbol.iterator`).
    Symbol,
    /// A `Uint8Array`; its bytes are [`ValueRef::bytes`](crate::ValueRef::bytes).
    Uint8Array,
}
