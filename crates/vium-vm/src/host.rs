//! The Rust host API: what a host implements (`Host`) and the types that
//! cross the boundary. Values never leave the VM raw: the host reads them
//! through `ValueRef`, which borrows the VM and so cannot outlive the next
//! collection, and hands values in as `HostValue`, which the VM copies.

use crate::vm::Vm;

/// What the firmware (or the build tool) provides to a VM.
pub trait Host {
    /// `console.log` output: called once per piece of a line, then with `b"\n"`.
    fn write(&mut self, bytes: &[u8]);
    /// Whether the host provides import `id`; restore refuses images that
    /// import anything the host lacks.
    fn has_import(&self, id: u16) -> bool {
        let _ = id;
        true
    }
    /// The script called host function `id`. Read the arguments with
    /// `vm.arg(&call, i)`; call back into the script with `vm.call`.
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

/// Where the arguments of a host call are (on the VM stack).
#[derive(Clone, Copy, Debug)]
pub struct HostCall {
    pub(crate) base: usize,
    pub(crate) argc: usize,
}

impl HostCall {
    pub fn arg_count(&self) -> usize {
        self.argc
    }
}

/// A value given to the VM by the host.
#[derive(Clone, Copy, Debug)]
pub enum HostValue<'s> {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    /// A number given as an integer (no float arithmetic needed: what a
    /// host of an engine built without `float` uses).
    Int(i32),
    Str(&'s str),
    /// Argument `i` of the host call being served (`Undefined` past the end).
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
#[derive(Debug, PartialEq, Eq)]
pub struct Handle {
    pub(crate) slot: u16,
}

/// How a host function fails.
#[derive(Clone, Copy, Debug)]
pub enum HostError<'s> {
    /// Throw this value into the script.
    Throw(HostValue<'s>),
    /// Throw `new Error(message)` into the script.
    Error(&'s str),
    /// Let the exception of the host's latest failed `Vm::call` go on
    /// unwinding into the script.
    Propagate,
}

/// Why a call from the host into the VM did not return a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The script threw and nothing caught it; read it with `Vm::exception`.
    Uncaught,
    /// No export has this id.
    NoSuchExport(u16),
    /// The VM could not continue; it is still usable for the next call.
    Fatal(VmError),
}

/// Conditions that stop a call without being a script exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmError {
    /// The host refused memory, or the heap would pass 64 KiB.
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

/// What kind of value a `ValueRef` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    Function,
    Array,
    Object,
    Symbol,
    Uint8Array,
}
