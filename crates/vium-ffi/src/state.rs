//! The VM as a C host holds it: vium's `Vm`, the resolved imports, the
//! host's `mvm_Handle`s, and the values the host was given, which stay
//! alive until its next `mvm_call` returns. `FfiHost` serves the script's
//! calls of imports by calling the C functions.
//!
//! C's handles live in C's memory, where vium's collector cannot see them.
//! Each has a vium `Handle` of its own, and the two are synchronised
//! whenever control crosses the boundary: before anything that may collect
//! the host's writes go in (`sync_in`), after it the moved values come out
//! (`sync_out`).
//!
//! Must not: dereference C pointers (that is `api`'s).

use core::cell::Cell;
use core::ffi::c_void;

use vium_vm::{Handle, Host, HostCall, HostError, HostValue, RawError, Value, Vm};

use crate::api;
use crate::mem::CVec;
use crate::types::*;

pub(crate) struct VmState {
    pub(crate) vm: Vm<'static>,
    pub(crate) shared: Shared,
}

/// What the API functions reach during a host function too: everything
/// here is read through shared references (cells), so a C host function
/// that calls back into the API never aliases the `Vm` the call is using.
pub(crate) struct Shared {
    pub(crate) context: *mut c_void,
    /// `(id, function)` for each import of the image, resolved at restore.
    pub(crate) imports: CVec<(u16, mvm_TfHostFunction)>,
    /// While a host function runs: the VM its call runs on (derived from
    /// the `&mut Vm` lent to `Host::call`), for the API functions it calls.
    pub(crate) active: Cell<*mut Vm<'static>>,
    /// Nesting of `mvm_call` (a host function may call into the VM again;
    /// the VM bounds it far below 255).
    pub(crate) depth: Cell<u8>,
    /// The host's handles and the vium handle behind each (taken out of the
    /// cell while in use: nothing that uses it calls C).
    pub(crate) handles: Cell<CVec<(*mut mvm_Handle, Handle)>>,
    /// Values given to the host (results, exports, new values), alive until
    /// its next outermost `mvm_call` returns.
    pub(crate) kept: Cell<CVec<Handle>>,
    /// The error a host function returned, which ends the outermost call.
    pub(crate) host_error: Cell<Option<mvm_TeError>>,
    pub(crate) console: Cell<(vium_TfConsoleWriter, *mut c_void)>,
    /// The `resolve` and `reject` of each promise an asynchronous host
    /// function started (`mvm_asyncStart`) and has not settled yet, by
    /// slot; the callback given to the host is host function
    /// `ASYNC_SETTLE + slot`.
    pub(crate) pending: Cell<CVec<Option<(Handle, Handle)>>>,
    /// Where the promise executor leaves `resolve` and `reject`.
    pub(crate) captured: Cell<Option<(Handle, Handle)>>,
    /// The promise `mvm_asyncStart` made: the running host function's
    /// result, whatever its result slot holds by the time it returns (a
    /// collection may have moved the value written there).
    pub(crate) async_result: Cell<Option<Handle>>,
    /// Serves calls of the API's own host functions; set by
    /// `mvm_asyncStart` on first use, so a firmware that never starts an
    /// asynchronous host function links none of that code.
    pub(crate) own_functions: Cell<Option<OwnFunctions>>,
}

/// See `Shared::own_functions`: `None` for ids that are not the API's.
pub(crate) type OwnFunctions = fn(
    &mut FfiHost<'_>,
    &mut Vm<'_>,
    u16,
    &HostCall,
) -> Option<Result<HostValue<'static>, HostError<'static>>>;

/// The API's own host functions: the executor of the promises
/// `mvm_asyncStart` makes and the callbacks that settle them.
pub(crate) fn async_functions(
    host: &mut FfiHost<'_>,
    vm: &mut Vm<'_>,
    id: u16,
    call: &HostCall,
) -> Option<Result<HostValue<'static>, HostError<'static>>> {
    if id == ASYNC_EXECUTOR {
        return Some(host.capture_resolvers(vm, call));
    }
    if id.wrapping_sub(ASYNC_SETTLE) < ASYNC_SLOTS {
        return Some(host.settle_async(vm, call, (id - ASYNC_SETTLE) as usize));
    }
    None
}

/// Host function ids the C API gives functions of its own: the executor of
/// the promises `mvm_asyncStart` makes, and the callbacks that settle them
/// (one id per pending promise, up to 256). Scripts must not import these.
pub(crate) const ASYNC_EXECUTOR: u16 = 0xFFFF;
pub(crate) const ASYNC_SETTLE: u16 = 0xFE00;
pub(crate) const ASYNC_SLOTS: u16 = 0x100;

impl Shared {
    pub(crate) fn new(context: *mut c_void, imports: CVec<(u16, mvm_TfHostFunction)>) -> Shared {
        Shared {
            context,
            imports,
            active: Cell::new(core::ptr::null_mut()),
            depth: Cell::new(0),
            handles: Cell::default(),
            kept: Cell::default(),
            host_error: Cell::new(None),
            console: Cell::new((None, core::ptr::null_mut())),
            pending: Cell::default(),
            captured: Cell::new(None),
            async_result: Cell::new(None),
            own_functions: Cell::new(None),
        }
    }

    /// Writes every handle's current value to the host's `mvm_Handle`.
    pub(crate) fn sync_out(&self, vm: &Vm<'_>) {
        let handles = self.handles.take();
        for (c, h) in handles.as_slice() {
            api::write_handle(*c, vm.handle_raw(h));
        }
        self.handles.set(handles);
    }

    /// Takes the host's writes to its handles. A handle set to something
    /// that is not a value of this VM keeps its previous value (written
    /// back) and the result is `false`.
    pub(crate) fn sync_in(&self, vm: &mut Vm<'_>) -> bool {
        let mut ok = true;
        let handles = self.handles.take();
        for (c, h) in handles.as_slice() {
            let raw = api::read_handle(*c);
            if raw != vm.handle_raw(h) && vm.set_handle_raw(h, raw).is_err() {
                api::write_handle(*c, vm.handle_raw(h));
                ok = false;
            }
        }
        self.handles.set(handles);
        ok
    }

    /// Keeps `raw` alive for the host (see `kept`) and gives its current
    /// encoding: keeping it may collect, which moves it.
    pub(crate) fn keep(&self, vm: &mut Vm<'_>, raw: u16) -> Result<u16, RawError> {
        if !is_heap_pointer(raw) {
            return Ok(raw);
        }
        let h = vm.new_handle_raw(raw)?;
        let now = vm.handle_raw(&h);
        let mut kept = self.kept.take();
        let pushed = kept.push(h);
        self.kept.set(kept);
        if let Err(h) = pushed {
            vm.release(h);
            return Err(RawError::Vm(vium_vm::VmError::OutOfMemory));
        }
        self.sync_out(vm);
        Ok(now)
    }

    /// Keeps the value of a handle for the host as `keep` does (nothing is
    /// allocated); `false` when memory runs out (the handle is released).
    pub(crate) fn keep_handle(&self, vm: &mut Vm<'_>, h: Handle) -> bool {
        let mut kept = self.kept.take();
        let pushed = kept.push(h);
        self.kept.set(kept);
        match pushed {
            Ok(()) => true,
            Err(h) => {
                vm.release(h);
                false
            }
        }
    }

    /// Lets go of the values kept for the host.
    pub(crate) fn release_kept(&self, vm: &mut Vm<'_>) {
        let mut kept = self.kept.take();
        while let Some(h) = kept.pop() {
            vm.release(h);
        }
        self.kept.set(kept);
    }
}

/// Whether a raw value points into the heap (so a collection moves it).
pub(crate) fn is_heap_pointer(raw: u16) -> bool {
    raw & 1 == 0
}

/// The raw encoding of `undefined`.
pub(crate) const UNDEFINED: u16 = Value::UNDEFINED.0;

/// Serves one call from the host into the VM: imports call the C functions.
pub(crate) struct FfiHost<'s> {
    pub(crate) shared: &'s Shared,
    pub(crate) vm: *mut mvm_VM,
    /// Holds the latest host function's result while the VM takes it.
    pub(crate) result: Option<Handle>,
}

impl FfiHost<'_> {
    /// Gives back the result handle (after the call from the host).
    pub(crate) fn finish(self, vm: &mut Vm<'_>) {
        if let Some(h) = self.result {
            vm.release(h);
        }
    }

    fn fail(&self, code: mvm_TeError) -> HostError<'static> {
        if self.shared.host_error.get().is_none() {
            self.shared.host_error.set(Some(code));
        }
        HostError::Error("host function failed")
    }
}

impl FfiHost<'_> {
    /// The executor of a promise `mvm_asyncStart` makes: keeps `resolve`
    /// and `reject`.
    fn capture_resolvers(
        &mut self,
        vm: &mut Vm<'_>,
        call: &HostCall,
    ) -> Result<HostValue<'static>, HostError<'static>> {
        let resolve = vm.handle_arg(call, 0);
        let reject = vm.handle_arg(call, 1);
        match (resolve, reject) {
            (Ok(a), Ok(b)) => self.shared.captured.set(Some((a, b))),
            (a, b) => {
                for h in [a, b].into_iter().flatten() {
                    vm.release(h);
                }
                return Err(self.fail(mvm_TeError::MVM_E_OUT_OF_MEMORY));
            }
        }
        Ok(HostValue::Undefined)
    }

    /// The callback `mvm_asyncStart` gave the host, called as
    /// `(isSuccess, value)`: settles its promise once (the promise's
    /// reactions run as jobs).
    fn settle_async(
        &mut self,
        vm: &mut Vm<'_>,
        call: &HostCall,
        slot: usize,
    ) -> Result<HostValue<'static>, HostError<'static>> {
        let mut pending = self.shared.pending.take();
        let taken = pending.as_mut_slice().get_mut(slot).and_then(Option::take);
        self.shared.pending.set(pending);
        let Some((resolve, reject)) = taken else {
            // Already settled: nothing more to do.
            return Ok(HostValue::Undefined);
        };
        let success = vm.arg(call, 0).to_bool();
        let outcome = match vm.handle_arg(call, 1) {
            Ok(value) => {
                let f = if success { &resolve } else { &reject };
                let r = vm.call_handle(self, f, &[HostValue::Handle(&value)]);
                vm.release(value);
                r
            }
            Err(_) => Err(vium_vm::CallError::Fatal(vium_vm::VmError::OutOfMemory)),
        };
        vm.release(resolve);
        vm.release(reject);
        match outcome {
            Ok(()) => Ok(HostValue::Undefined),
            Err(_) => Err(HostError::Propagate),
        }
    }
}

impl Host for FfiHost<'_> {
    fn write(&mut self, bytes: &[u8]) {
        let (writer, context) = self.shared.console.get();
        match writer {
            Some(_) => api::write_console(writer, context, bytes),
            #[cfg(feature = "std")]
            None => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(bytes);
            }
            #[cfg(not(feature = "std"))]
            None => {}
        }
    }

    fn has_import(&self, id: u16) -> bool {
        self.shared.imports.as_slice().iter().any(|(i, _)| *i == id)
    }

    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        if let Some(own) = self.shared.own_functions.get() {
            if let Some(r) = own(self, vm, id, &call) {
                return r;
            }
        }
        let Some(&(_, f)) = self
            .shared
            .imports
            .as_slice()
            .iter()
            .find(|(i, _)| *i == id)
        else {
            return Err(self.fail(mvm_TeError::MVM_E_UNRESOLVED_IMPORT));
        };
        let n = call.arg_count().min(255);
        let mut args = CVec::default();
        for i in 0..n {
            if args.push(vm.raw_arg(&call, i)).is_err() {
                return Err(self.fail(mvm_TeError::MVM_E_OUT_OF_MEMORY));
            }
        }
        // The handle that will hold the result exists before the host
        // function runs: making it afterwards could collect, which would
        // move the value the host wrote.
        let handle = match self.result.take() {
            Some(h) => h,
            None => match vm.new_handle_raw(UNDEFINED) {
                Ok(h) => h,
                Err(_) => return Err(self.fail(mvm_TeError::MVM_E_OUT_OF_MEMORY)),
            },
        };
        self.result = Some(handle);
        let mut result = UNDEFINED;
        self.shared.sync_out(vm);
        let vm_ptr: *mut Vm<'_> = vm;
        let previous = self.shared.active.replace(vm_ptr.cast());
        let code = api::call_host_function(f, self.vm, id, &mut result, args.as_mut_slice());
        self.shared.active.set(previous);
        // An asynchronous host function's result is the promise
        // `mvm_asyncStart` made (kept in a handle, so it is current).
        if let Some(promise) = self.shared.async_result.take() {
            result = vm.handle_raw(&promise);
            vm.release(promise);
        }
        if !self.shared.sync_in(vm) {
            return Err(self.fail(mvm_TeError::MVM_E_INVALID_HANDLE));
        }
        match code {
            mvm_TeError::MVM_E_SUCCESS => {}
            // The host called into the VM, which threw: the exception goes
            // on unwinding into the script.
            mvm_TeError::MVM_E_UNCAUGHT_EXCEPTION => return Err(HostError::Propagate),
            _ => return Err(self.fail(code)),
        }
        let stored = match &self.result {
            Some(h) => vm.set_handle_raw(h, result).is_ok(),
            None => false,
        };
        if !stored {
            return Err(self.fail(mvm_TeError::MVM_E_HOST_RETURNED_INVALID_VALUE));
        }
        Ok(self
            .result
            .as_ref()
            .map_or(HostValue::Undefined, HostValue::Handle))
    }
}
