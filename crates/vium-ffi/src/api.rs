//! Every function of the C API, and the only module with `unsafe`: it turns
//! the pointers C passes into references, each under the contract the
//! header states (a VM from `mvm_restore` that was not freed, buffers of the
//! sizes given, handles that were initialised and not released). Values
//! are never trusted: each goes through `Vm::raw_value` and friends.
#![allow(unsafe_code)]

use core::ffi::{c_char, c_void};
use core::ptr::{addr_of, addr_of_mut, NonNull};

use vium_vm::{HostValue, Image, ImageError, RawError, Value, ValueKind, Vm, ENGINE_FEATURES};

use crate::mem::{self, CVec};
use crate::state::{
    is_heap_pointer, FfiHost, Shared, VmState, ASYNC_EXECUTOR, ASYNC_SETTLE, ASYNC_SLOTS, UNDEFINED,
};
use crate::types::mvm_TeError::*;
use crate::types::*;

/// `undefined`.
#[no_mangle]
pub static mvm_undefined: mvm_Value = Value::UNDEFINED.0;
/// `null`.
#[no_mangle]
pub static mvm_null: mvm_Value = Value::NULL.0;

/// The VM and its shared state for an API call. During a host function the
/// VM is the one that function's call runs on (see `Shared::active`), so no
/// second `&mut` to it is made.
///
/// # Safety
/// `vm` is null or a VM from `mvm_restore` that was not freed, and the
/// references do not outlive this API call.
unsafe fn enter<'v>(vm: *mut mvm_VM) -> Option<(&'v mut Vm<'static>, &'v Shared)> {
    if vm.is_null() {
        return None;
    }
    // SAFETY: `vm` is live (the caller's contract); `shared` is only ever
    // borrowed shared, so this cannot alias a `&mut`.
    let shared = unsafe { &*addr_of!((*vm).inner.shared) };
    let active = shared.active.get();
    let v = if active.is_null() {
        // SAFETY: no call is running, so nothing else borrows the VM.
        unsafe { &mut *addr_of_mut!((*vm).inner.vm) }
    } else {
        // SAFETY: a host function is running and called us: `active` comes
        // from the `&mut Vm` lent to that host call, which waits for us.
        unsafe { &mut *active }
    };
    Some((v, shared))
}

/// Calls a C host function with the arguments and a result slot.
pub(crate) fn call_host_function(
    f: mvm_TfHostFunction,
    vm: *mut mvm_VM,
    id: u16,
    result: &mut u16,
    args: &mut [u16],
) -> mvm_TeError {
    let Some(f) = f else {
        return MVM_E_UNRESOLVED_IMPORT;
    };
    type Returning = unsafe extern "C" fn(*mut mvm_VM, u16, *mut u16, *mut u16, u8) -> ErrorInt;
    // SAFETY: the same function with its C enum result read as the integer
    // of the enum's size it is passed as (a C function may return any such
    // integer, which read as a Rust enum would be undefined behaviour).
    let f: Returning = unsafe { core::mem::transmute(f) };
    // SAFETY: `f` was given by the host's resolver for this import; the
    // pointers are to live Rust memory of the sizes passed.
    error_code(unsafe { f(vm, id, result, args.as_mut_ptr(), args.len() as u8) }.into())
}

/// Integer types by size.
pub trait IntOfSize {
    type T: Copy + Into<i64>;
}
impl IntOfSize for [(); 1] {
    type T = u8;
}
impl IntOfSize for [(); 2] {
    type T = u16;
}
impl IntOfSize for [(); 4] {
    type T = i32;
}

/// The integer a C `mvm_TeError` travels as: one of the enum's size on this
/// target (a byte on bare-metal ARM, whose C enums are short).
pub type ErrorInt = <[(); core::mem::size_of::<mvm_TeError>()] as IntOfSize>::T;

/// A C `mvm_TeError`, which may hold any integer: an unknown code becomes
/// `MVM_E_HOST_ERROR`.
fn error_code(code: i64) -> mvm_TeError {
    usize::try_from(code)
        .ok()
        .and_then(|i| ALL_ERRORS.get(i))
        .copied()
        .unwrap_or(MVM_E_HOST_ERROR)
}

/// Writes console output through the host's writer.
pub(crate) fn write_console(writer: vium_TfConsoleWriter, context: *mut c_void, bytes: &[u8]) {
    if let Some(w) = writer {
        // SAFETY: the host set this writer with its context; the bytes are
        // live for the call.
        unsafe { w(context, bytes.as_ptr(), bytes.len()) }
    }
}

/// The value in a host's handle.
pub(crate) fn read_handle(h: *mut mvm_Handle) -> u16 {
    // SAFETY: only handles registered by `mvm_initializeHandle` and not yet
    // released are read, which the host keeps valid until then.
    unsafe { addr_of!((*h)._value).read() }
}

/// Writes a value into a host's handle.
pub(crate) fn write_handle(h: *mut mvm_Handle, v: u16) {
    // SAFETY: as in `read_handle`.
    unsafe { addr_of_mut!((*h)._value).write(v) }
}

/// A byte buffer from C; empty for null or zero size.
///
/// # Safety
/// `data` is null or points to `size` readable bytes that live for `'a`.
unsafe fn bytes_from<'a>(data: *const u8, size: usize) -> &'a [u8] {
    if data.is_null() || size == 0 {
        &[]
    } else {
        // SAFETY: the caller's contract.
        unsafe { core::slice::from_raw_parts(data, size) }
    }
}

/// Writes through an optional out-pointer.
///
/// # Safety
/// `out` is null or valid for a write of `T`.
unsafe fn put<T>(out: *mut T, v: T) {
    if !out.is_null() {
        // SAFETY: the caller's contract.
        unsafe { out.write(v) }
    }
}

fn image_error(e: ImageError) -> mvm_TeError {
    match e {
        ImageError::CrcMismatch { .. } => MVM_E_BYTECODE_CRC_FAIL,
        ImageError::MissingFeature(f) if f & vium_vm::format::FEATURE_FLOAT != 0 => {
            MVM_E_BYTECODE_REQUIRES_FLOAT_SUPPORT
        }
        ImageError::UnresolvedImport(_) => MVM_E_UNRESOLVED_IMPORT,
        ImageError::Corrupt("out of memory") => MVM_E_MALLOC_FAIL,
        ImageError::UnsupportedVersion(_) => MVM_E_WRONG_BYTECODE_VERSION,
        _ => MVM_E_INVALID_BYTECODE,
    }
}

fn raw_error(e: RawError) -> mvm_TeError {
    match e {
        RawError::Invalid => MVM_E_INVALID_ARGUMENTS,
        RawError::Uncaught => MVM_E_UNCAUGHT_EXCEPTION,
        RawError::Vm(e) => vm_error(e),
    }
}

fn vm_error(e: vium_vm::VmError) -> mvm_TeError {
    use vium_vm::VmError::*;
    match e {
        OutOfMemory => MVM_E_OUT_OF_MEMORY,
        TooDeep => MVM_E_STACK_OVERFLOW,
        BudgetExhausted => MVM_E_INSTRUCTION_COUNT_REACHED,
        NotAtBuildTime | EvalNotCompiled => MVM_E_NOT_IMPLEMENTED,
        Corrupt => MVM_E_HEAP_CORRUPT,
    }
}

/// Restores a VM from an image built by `vium build`. The image is not
/// copied: it must stay where it is (in flash, say) until `mvm_free`.
/// `resolveImport` is called once for each import the image has.
///
/// # Safety
/// `result` is valid for a write; `snapshotBytecode` points to
/// `bytecodeSize` bytes that live until the VM is freed.
#[no_mangle]
pub unsafe extern "C" fn mvm_restore(
    result: *mut *mut mvm_VM,
    snapshotBytecode: *const c_void,
    bytecodeSize: usize,
    context: *mut c_void,
    resolveImport: mvm_TfResolveImport,
) -> mvm_TeError {
    // SAFETY: the caller's contract.
    unsafe { put(result, core::ptr::null_mut()) };
    if result.is_null() || snapshotBytecode.is_null() {
        return MVM_E_INVALID_ARGUMENTS;
    }
    // SAFETY: the caller's contract: the image lives until `mvm_free`, and
    // the VM that borrows it is dropped there.
    let image: &'static [u8] = unsafe { bytes_from(snapshotBytecode.cast(), bytecodeSize) };
    let parsed = match Image::parse(image, ENGINE_FEATURES) {
        Ok(p) => p,
        Err(e) => return image_error(e),
    };
    let mut imports = CVec::default();
    for i in 0..parsed.imports_len() {
        let id = parsed.import(i).unwrap_or(0);
        // These ids name the API's own functions (`mvm_asyncStart`).
        if id == ASYNC_EXECUTOR || id.wrapping_sub(ASYNC_SETTLE) < ASYNC_SLOTS {
            return MVM_E_UNRESOLVED_IMPORT;
        }
        let mut f: mvm_TfHostFunction = None;
        type Returning =
            unsafe extern "C" fn(u16, *mut c_void, *mut mvm_TfHostFunction) -> ErrorInt;
        let code = match resolveImport {
            Some(resolve) => {
                // SAFETY: as in `call_host_function`: the result read as an int.
                let resolve: Returning = unsafe { core::mem::transmute(resolve) };
                // SAFETY: the host's resolver, called as the header describes.
                error_code(unsafe { resolve(id, context, &mut f) }.into())
            }
            None => MVM_E_UNRESOLVED_IMPORT,
        };
        if code != MVM_E_SUCCESS {
            return code;
        }
        if f.is_none() {
            return MVM_E_UNRESOLVED_IMPORT;
        }
        if imports.push((id, f)).is_err() {
            return MVM_E_MALLOC_FAIL;
        }
    }
    let shared = Shared::new(context, imports);
    let alloc = mem::c_allocator();
    let host = FfiHost {
        shared: &shared,
        vm: core::ptr::null_mut(),
        result: None,
    };
    let vm = match Vm::restore(image, alloc, &host) {
        Ok(vm) => vm,
        Err(e) => return image_error(e),
    };
    let Some(state) = mem::boxed(mvm_VM {
        inner: VmState { vm, shared },
    }) else {
        return MVM_E_MALLOC_FAIL;
    };
    // SAFETY: checked non-null above.
    unsafe { result.write(state.as_ptr()) };
    MVM_E_SUCCESS
}

/// Frees a VM and everything it owns. Not possible from inside a host
/// function of the same VM (ignored there).
///
/// # Safety
/// `vm` is null or a VM from `mvm_restore`; it is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn mvm_free(vm: *mut mvm_VM) {
    if vm.is_null() {
        return;
    }
    // SAFETY: a live VM (the caller's contract).
    let shared = unsafe { &*addr_of!((*vm).inner.shared) };
    if shared.depth.get() > 0 {
        return;
    }
    // SAFETY: made by `mem::boxed` in `mvm_restore` (non-null, checked
    // above), and no call is running on it.
    unsafe { mem::unbox(NonNull::new_unchecked(vm)) };
}

/// The `context` given to `mvm_restore`.
///
/// # Safety
/// `vm` is null or a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_getContext(vm: *mut mvm_VM) -> *mut c_void {
    // SAFETY: the caller's contract.
    match unsafe { enter(vm) } {
        Some((_, shared)) => shared.context,
        None => core::ptr::null_mut(),
    }
}

/// Writes the values of the exports `ids` to `results` (`undefined` and
/// `MVM_E_UNRESOLVED_EXPORT` for an id the image does not export).
///
/// # Safety
/// `vm` is a live VM; `ids` and `results` hold `count` elements.
#[no_mangle]
pub unsafe extern "C" fn mvm_resolveExports(
    vm: *mut mvm_VM,
    ids: *const mvm_VMExportID,
    results: *mut mvm_Value,
    count: u8,
) -> mvm_TeError {
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return MVM_E_INVALID_ARGUMENTS;
    };
    if count > 0 && (ids.is_null() || results.is_null()) {
        return MVM_E_INVALID_ARGUMENTS;
    }
    let mut status = MVM_E_SUCCESS;
    for i in 0..count as usize {
        // SAFETY: `i < count` and both arrays hold `count` elements.
        let id = unsafe { ids.add(i).read() };
        let value = match vm.export_raw(id) {
            Some(raw) => match shared.keep(vm, raw) {
                Ok(v) => v,
                Err(e) => {
                    status = raw_error(e);
                    UNDEFINED
                }
            },
            None => {
                status = MVM_E_UNRESOLVED_EXPORT;
                UNDEFINED
            }
        };
        // SAFETY: as above.
        unsafe { results.add(i).write(value) };
    }
    // Keeping a later export may have moved an earlier one.
    for i in 0..count as usize {
        // SAFETY: as above.
        let v = unsafe { results.add(i).read() };
        if is_heap_pointer(v) {
            // SAFETY: as above.
            let id = unsafe { ids.add(i).read() };
            if let Some(now) = vm.export_raw(id) {
                // SAFETY: as above.
                unsafe { results.add(i).write(now) };
            }
        }
    }
    status
}

/// Calls `func` with `argCount` arguments at `args`, then (the outermost
/// call) runs the jobs it queued: promise reactions and resumed `async`
/// functions. On success `*out_result` is the result; on
/// `MVM_E_UNCAUGHT_EXCEPTION` it is what the script (or a job) threw.
/// A host function that returned an error ends the outermost call with that
/// error. Every value the host was given before the call is released when
/// the outermost call returns, except those in handles.
///
/// # Safety
/// `vm` is a live VM; `args` holds `argCount` values (or is null with 0);
/// `out_result` is null or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn mvm_call(
    vm_ptr: *mut mvm_VM,
    func: mvm_Value,
    out_result: *mut mvm_Value,
    args: *mut mvm_Value,
    argCount: u8,
) -> mvm_TeError {
    // SAFETY: the caller's contract.
    unsafe { put(out_result, UNDEFINED) };
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm_ptr) }) else {
        return MVM_E_INVALID_ARGUMENTS;
    };
    if args.is_null() && argCount > 0 {
        return MVM_E_INVALID_ARGUMENTS;
    }
    // SAFETY: the caller's contract.
    let args: &[u16] = unsafe { bytes_as_values(args, argCount as usize) };
    if !shared.sync_in(vm) {
        return MVM_E_INVALID_HANDLE;
    }
    let outer = shared.depth.get() == 0;
    if outer {
        shared.host_error.set(None);
    }
    shared.depth.set(shared.depth.get() + 1);
    let mut host = FfiHost {
        shared,
        vm: vm_ptr,
        result: None,
    };
    let outcome = vm.call_raw(&mut host, func, args);
    let mut code = match outcome {
        Ok(()) => MVM_E_SUCCESS,
        Err(RawError::Invalid) => MVM_E_INVALID_ARGUMENTS,
        Err(e) => raw_error(e),
    };
    let mut result = vm.raw_result();
    if outer && code == MVM_E_SUCCESS {
        // As in Microvium, the jobs the call queued (promise reactions,
        // resumed `async` functions) run before the host gets control
        // back; the result waits in a handle. A job that throws makes the
        // call's outcome that exception (the jobs after it stay queued).
        if let Ok(held) = vm.new_handle_raw(result) {
            match vm.run_jobs(&mut host) {
                Ok(()) => result = vm.handle_raw(&held),
                Err(vium_vm::CallError::Uncaught) => {
                    code = MVM_E_UNCAUGHT_EXCEPTION;
                    result = vm.raw_result();
                }
                Err(vium_vm::CallError::Fatal(e)) => code = vm_error(e),
                Err(vium_vm::CallError::NoSuchExport(_)) => {}
            }
            vm.release(held);
        }
    }
    host.finish(vm);
    shared.depth.set(shared.depth.get() - 1);
    if outer {
        if let Some(e) = shared.host_error.take() {
            code = e;
        }
        shared.release_kept(vm);
    }
    let result = if matches!(code, MVM_E_SUCCESS | MVM_E_UNCAUGHT_EXCEPTION) {
        shared.keep(vm, result).unwrap_or(UNDEFINED)
    } else {
        UNDEFINED
    };
    shared.sync_out(vm);
    // SAFETY: the caller's contract.
    unsafe { put(out_result, result) };
    code
}

/// `count` values at `p` (none for null).
///
/// # Safety
/// `p` is null or points to `count` values that live for `'a`.
unsafe fn bytes_as_values<'a>(p: *const u16, count: usize) -> &'a [u16] {
    if p.is_null() || count == 0 {
        &[]
    } else {
        // SAFETY: the caller's contract.
        unsafe { core::slice::from_raw_parts(p, count) }
    }
}

/// Registers a handle (holding `undefined`) that keeps its value alive
/// across calls until `mvm_releaseHandle`.
///
/// # Safety
/// `vm` is a live VM; `handle` points to an `mvm_Handle` that stays valid
/// until it is released.
#[no_mangle]
pub unsafe extern "C" fn mvm_initializeHandle(vm: *mut mvm_VM, handle: *mut mvm_Handle) {
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return;
    };
    if handle.is_null() {
        return;
    }
    // SAFETY: the caller's contract: a valid handle. (`_next` is
    // Microvium's list link; vium keeps its own list.)
    unsafe {
        addr_of_mut!((*handle)._value).write(UNDEFINED);
        addr_of_mut!((*handle)._next).write(core::ptr::null_mut());
    }
    let mut handles = shared.handles.take();
    if !handles.as_slice().iter().any(|(c, _)| *c == handle) {
        if let Ok(h) = vm.new_handle_raw(UNDEFINED) {
            if let Err((_, h)) = handles.push((handle, h)) {
                vm.release(h);
            }
        }
    }
    shared.handles.set(handles);
    shared.sync_out(vm);
}

/// Registers `target` holding the value of `source`.
///
/// # Safety
/// As `mvm_initializeHandle`; `source` is a registered handle.
#[no_mangle]
pub unsafe extern "C" fn mvm_cloneHandle(
    vm: *mut mvm_VM,
    target: *mut mvm_Handle,
    source: *const mvm_Handle,
) {
    if source.is_null() {
        return;
    }
    // SAFETY: the caller's contract.
    let value = unsafe { addr_of!((*source)._value).read() };
    // SAFETY: the caller's contract.
    unsafe { mvm_initializeHandle(vm, target) };
    if !target.is_null() {
        // SAFETY: `target` was just initialised.
        unsafe { addr_of_mut!((*target)._value).write(value) };
    }
}

/// Lets go of a handle's value; `MVM_E_INVALID_HANDLE` for a handle that is
/// not registered.
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_releaseHandle(
    vm: *mut mvm_VM,
    handle: *mut mvm_Handle,
) -> mvm_TeError {
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return MVM_E_INVALID_ARGUMENTS;
    };
    let mut handles = shared.handles.take();
    let found = handles.as_slice().iter().position(|(c, _)| *c == handle);
    let removed = found.and_then(|i| handles.swap_remove(i));
    shared.handles.set(handles);
    let Some((_, h)) = removed else {
        return MVM_E_INVALID_HANDLE;
    };
    vm.release(h);
    // SAFETY: the caller's handle, just unregistered, still valid.
    unsafe {
        addr_of_mut!((*handle)._value).write(UNDEFINED);
        addr_of_mut!((*handle)._next).write(core::ptr::null_mut());
    }
    MVM_E_SUCCESS
}

/// The value's type (`VM_T_UNDEFINED` for a value that is not one of this
/// VM's).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_typeOf(vm: *mut mvm_VM, value: mvm_Value) -> mvm_TeType {
    use mvm_TeType::*;
    // SAFETY: the caller's contract.
    let Some((vm, _)) = (unsafe { enter(vm) }) else {
        return VM_T_UNDEFINED;
    };
    let Ok(v) = vm.raw_value(value) else {
        return VM_T_UNDEFINED;
    };
    match v.kind() {
        ValueKind::Undefined => VM_T_UNDEFINED,
        ValueKind::Null => VM_T_NULL,
        ValueKind::Boolean => VM_T_BOOLEAN,
        ValueKind::Number => VM_T_NUMBER,
        ValueKind::String => VM_T_STRING,
        ValueKind::Function if v.is_class() => VM_T_CLASS,
        ValueKind::Function => VM_T_FUNCTION,
        ValueKind::Array => VM_T_ARRAY,
        ValueKind::Object => VM_T_OBJECT,
        ValueKind::Symbol => VM_T_SYMBOL,
        ValueKind::Uint8Array => VM_T_UINT8_ARRAY,
    }
}

/// The value as text (`String(value)`), UTF-8, followed by a NUL that
/// `*out_sizeBytes` does not count. The text lives in the VM until the
/// host's next `mvm_call` returns. Null for a value that is not one of
/// this VM's, or when memory runs out.
///
/// # Safety
/// `vm` is a live VM; `out_sizeBytes` is null or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn mvm_toStringUtf8(
    vm: *mut mvm_VM,
    value: mvm_Value,
    out_sizeBytes: *mut usize,
) -> *const c_char {
    // SAFETY: the caller's contract.
    unsafe { put(out_sizeBytes, 0) };
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return core::ptr::null();
    };
    if !shared.sync_in(vm) {
        return core::ptr::null();
    }
    // A copy with a NUL after it (strings in the VM have no terminator).
    let Ok((raw, size)) = vm.text_bytes_raw(value) else {
        return core::ptr::null();
    };
    let Ok(raw) = shared.keep(vm, raw) else {
        return core::ptr::null();
    };
    let Ok(bytes) = vm.bytes_mut_raw(raw) else {
        return core::ptr::null();
    };
    // SAFETY: the caller's contract.
    unsafe { put(out_sizeBytes, size) };
    bytes.as_ptr().cast()
}

/// The size in bytes of the value's text (as `mvm_toStringUtf8` gives it).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_stringSizeUtf8(vm: *mut mvm_VM, value: mvm_Value) -> usize {
    // SAFETY: the caller's contract.
    let Some((vm, _)) = (unsafe { enter(vm) }) else {
        return 0;
    };
    let Ok(v) = vm.raw_value(value) else {
        return 0;
    };
    match v.string_bytes() {
        Some(b) => b.len(),
        None => {
            let mut n = 0;
            v.write_display(&mut |b| n += b.len());
            n
        }
    }
}

/// JavaScript truthiness (`false` for a value that is not one of this VM's).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_toBool(vm: *mut mvm_VM, value: mvm_Value) -> bool {
    // SAFETY: the caller's contract.
    let Some((vm, _)) = (unsafe { enter(vm) }) else {
        return false;
    };
    vm.raw_value(value).is_ok_and(|v| v.to_bool())
}

/// `ToInt32` of the value's number (0 for NaN, and for a value that is not
/// one of this VM's).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_toInt32(vm: *mut mvm_VM, value: mvm_Value) -> i32 {
    // SAFETY: the caller's contract.
    let Some((vm, _)) = (unsafe { enter(vm) }) else {
        return 0;
    };
    vm.raw_value(value).map_or(0, |v| v.to_i32())
}

/// The value's number (`Number(value)` for primitives; NaN for objects and
/// for a value that is not one of this VM's).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_toFloat64(vm: *mut mvm_VM, value: mvm_Value) -> f64 {
    // SAFETY: the caller's contract.
    let Some((vm, _)) = (unsafe { enter(vm) }) else {
        return f64::NAN;
    };
    vm.raw_value(value).map_or(f64::NAN, |v| v.to_f64())
}

/// Whether the value is NaN.
#[no_mangle]
pub extern "C" fn mvm_isNaN(value: mvm_Value) -> bool {
    value == Value::NAN.0
}

/// `true` or `false`.
#[no_mangle]
pub extern "C" fn mvm_newBoolean(value: bool) -> mvm_Value {
    Value::bool(value).0
}

/// Makes a value from the host and keeps it until the host's next
/// `mvm_call` returns; `undefined` when memory runs out.
fn new_value(vm: *mut mvm_VM, v: HostValue<'_>) -> mvm_Value {
    // SAFETY: every caller is an API function whose caller passes a live VM.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return UNDEFINED;
    };
    if !shared.sync_in(vm) {
        return UNDEFINED;
    }
    match vm.new_raw(v) {
        Ok(raw) => shared.keep(vm, raw).unwrap_or(UNDEFINED),
        Err(_) => UNDEFINED,
    }
}

/// A number.
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_newNumber(vm: *mut mvm_VM, value: f64) -> mvm_Value {
    new_value(vm, HostValue::Number(value))
}

/// An integer.
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_newInt32(vm: *mut mvm_VM, value: i32) -> mvm_Value {
    new_value(vm, HostValue::Int(value))
}

/// A string from `sizeBytes` bytes of UTF-8 (invalid sequences become
/// U+FFFD, as `TextDecoder` does).
///
/// # Safety
/// `vm` is a live VM; `valueUtf8` points to `sizeBytes` bytes.
#[no_mangle]
pub unsafe extern "C" fn mvm_newString(
    vm: *mut mvm_VM,
    valueUtf8: *const c_char,
    sizeBytes: usize,
) -> mvm_Value {
    // SAFETY: the caller's contract.
    let bytes = unsafe { bytes_from(valueUtf8.cast(), sizeBytes) };
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return UNDEFINED;
    };
    if !shared.sync_in(vm) {
        return UNDEFINED;
    }
    match vm.new_string_lossy_raw(bytes) {
        Ok(raw) => shared.keep(vm, raw).unwrap_or(UNDEFINED),
        Err(_) => UNDEFINED,
    }
}

/// A `Uint8Array` holding a copy of `size` bytes.
///
/// # Safety
/// `vm` is a live VM; `data` points to `size` bytes.
#[no_mangle]
pub unsafe extern "C" fn mvm_uint8ArrayFromBytes(
    vm: *mut mvm_VM,
    data: *const u8,
    size: usize,
) -> mvm_Value {
    // SAFETY: the caller's contract.
    let bytes = unsafe { bytes_from(data, size) };
    new_value(vm, HostValue::Bytes(bytes))
}

/// The bytes of a `Uint8Array`, writable in place until the next operation
/// that may collect (an `mvm_call`, an `mvm_new…`, `mvm_runGC`).
///
/// # Safety
/// `vm` is a live VM; the out-pointers are null or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mvm_uint8ArrayToBytes(
    vm: *mut mvm_VM,
    uint8ArrayValue: mvm_Value,
    out_data: *mut *mut u8,
    out_size: *mut usize,
) -> mvm_TeError {
    // SAFETY: the caller's contract.
    unsafe {
        put(out_data, core::ptr::null_mut());
        put(out_size, 0);
    }
    // SAFETY: the caller's contract.
    let Some((vm, _)) = (unsafe { enter(vm) }) else {
        return MVM_E_INVALID_ARGUMENTS;
    };
    match vm.bytes_mut_raw(uint8ArrayValue) {
        Ok(bytes) => {
            // SAFETY: the caller's contract.
            unsafe {
                put(out_size, bytes.len());
                put(out_data, bytes.as_mut_ptr());
            }
            MVM_E_SUCCESS
        }
        Err(_) => MVM_E_TYPE_ERROR,
    }
}

/// Collects garbage now. Values the host was given are released first (as
/// when a call returns); those in handles stay. `squeeze` is accepted for
/// compatibility: vium's collector always shrinks the heap to fit.
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_runGC(vm: *mut mvm_VM, squeeze: bool) {
    let _ = squeeze;
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return;
    };
    if shared.depth.get() > 0 || !shared.sync_in(vm) {
        return;
    }
    shared.release_kept(vm);
    let _ = vm.run_gc();
    shared.sync_out(vm);
}

/// `a === b` (`false` when either is not a value of this VM).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_equal(vm: *mut mvm_VM, a: mvm_Value, b: mvm_Value) -> bool {
    // SAFETY: the caller's contract.
    let Some((vm, _)) = (unsafe { enter(vm) }) else {
        return false;
    };
    match (vm.raw_value(a), vm.raw_value(b)) {
        (Ok(x), Ok(y)) => x.strict_equals(&y),
        _ => false,
    }
}

/// The VM's memory use.
///
/// # Safety
/// `vm` is a live VM; `out_stats` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn mvm_getMemoryStats(vm: *mut mvm_VM, out_stats: *mut mvm_TsMemoryStats) {
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return;
    };
    let m = vm.memory_stats();
    let core = core::mem::size_of::<mvm_VM>();
    let imports = shared.imports.len() * core::mem::size_of::<(u16, mvm_TfHostFunction)>();
    let stats = mvm_TsMemoryStats {
        totalSize: core + imports + m.globals + m.heap_allocated + m.stack,
        fragmentCount: 1
            + (imports > 0) as usize
            + (m.globals > 0) as usize
            + (m.heap_allocated > 0) as usize
            + (m.stack > 0) as usize,
        coreSize: core,
        importTableSize: imports,
        globalVariablesSize: m.globals,
        registersSize: 0,
        stackHeight: m.stack,
        stackAllocatedCapacity: m.stack,
        stackHighWaterMark: m.stack_configured,
        virtualHeapUsed: m.heap_used,
        virtualHeapHighWaterMark: m.heap_peak,
        virtualHeapAllocatedCapacity: m.heap_allocated,
    };
    // SAFETY: the caller's contract.
    unsafe { put(out_stats, stats) };
}

/// Stops calls with `MVM_E_INSTRUCTION_COUNT_REACHED` after `n` more
/// instructions (negative: no limit).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_stopAfterNInstructions(vm: *mut mvm_VM, n: i32) {
    // SAFETY: the caller's contract.
    if let Some((vm, _)) = unsafe { enter(vm) } {
        vm.set_budget(u32::try_from(n).ok());
    }
}

/// The instructions left before the limit (-1: no limit).
///
/// # Safety
/// `vm` is a live VM.
#[no_mangle]
pub unsafe extern "C" fn mvm_getInstructionCountRemaining(vm: *mut mvm_VM) -> i32 {
    // SAFETY: the caller's contract.
    match unsafe { enter(vm) } {
        Some((vm, _)) => vm.budget().map_or(-1, |n| n.min(i32::MAX as u32) as i32),
        None => -1,
    }
}

/// Writes the VM's current state as an image that `mvm_restore` turns
/// into a VM in the same state (globals, objects, closures, pending
/// `await`s), on this device or another with the same imports: the ROM
/// and imports are the running image's, the rest is as it is now. Returns
/// a block from `malloc` (the host `free`s it) and its size, or null: when
/// a call is running, jobs are queued, the image would pass 64 KiB, or
/// memory runs out. Handles are the host's and are not in it.
///
/// # Safety
/// `vm` is a live VM; `out_size` is null or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn mvm_createSnapshot(vm: *mut mvm_VM, out_size: *mut usize) -> *mut c_void {
    // SAFETY: the caller's contract.
    unsafe { put(out_size, 0) };
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm) }) else {
        return core::ptr::null_mut();
    };
    if shared.depth.get() > 0 || !shared.sync_in(vm) {
        return core::ptr::null_mut();
    }
    let Ok(size) = vm.snapshot_size() else {
        return core::ptr::null_mut();
    };
    shared.sync_out(vm);
    let block = mem::c_buffer(size, |out| vm.write_snapshot(out) == Ok(size));
    match block {
        Some(p) => {
            // SAFETY: the caller's contract.
            unsafe { put(out_size, size) };
            p.as_ptr().cast()
        }
        None => core::ptr::null_mut(),
    }
}

/// Call first thing in a host function that completes later: sets
/// `*out_result` (the host function's result) to a promise, and returns a
/// callback that settles it. Keep the callback in an `mvm_Handle`; when
/// the work is done, call it with `mvm_call(vm, callback, NULL, args, 2)`,
/// `args` being `(true, value)` or `(false, error)`. The promise's
/// reactions (the script's `await` going on) run before that call returns.
/// Up to 256 promises may be pending at once. Returns `undefined` (and
/// leaves the result `undefined`) outside a host function, when the script
/// uses no promises (its image has no `Promise`), or when memory runs out.
///
/// # Safety
/// `vm` is a live VM; `out_result` is the result pointer the host
/// function was given.
#[no_mangle]
pub unsafe extern "C" fn mvm_asyncStart(
    vm_ptr: *mut mvm_VM,
    out_result: *mut mvm_Value,
) -> mvm_Value {
    // SAFETY: the caller's contract.
    unsafe { put(out_result, UNDEFINED) };
    // SAFETY: the caller's contract.
    let Some((vm, shared)) = (unsafe { enter(vm_ptr) }) else {
        return UNDEFINED;
    };
    if shared.active.get().is_null() || vm.export_raw(vium_vm::builtins::PROMISE_CLASS).is_none() {
        return UNDEFINED;
    }
    shared
        .own_functions
        .set(Some(crate::state::async_functions));
    let mut pending = shared.pending.take();
    let slot = match pending.as_slice().iter().position(Option::is_none) {
        Some(i) => Some(i),
        None if pending.len() < ASYNC_SLOTS as usize => {
            pending.push(None).ok().map(|()| pending.len() - 1)
        }
        None => None,
    };
    shared.pending.set(pending);
    let Some(slot) = slot else {
        return UNDEFINED;
    };
    // The callback first: every allocation may move what came before, and
    // the promise below waits in `result`, a root.
    let Ok(callback) = vm.new_host_function_raw(ASYNC_SETTLE + slot as u16) else {
        return UNDEFINED;
    };
    let Ok(callback) = vm.new_handle_raw(callback) else {
        return UNDEFINED;
    };
    let made = (|| {
        let executor = vm.new_host_function_raw(ASYNC_EXECUTOR).ok()?;
        let class = vm.export_raw(vium_vm::builtins::PROMISE_CLASS)?;
        let mut host = FfiHost {
            shared,
            vm: vm_ptr,
            result: None,
        };
        let r = vm.construct_raw(&mut host, class, &[executor]);
        host.finish(vm);
        let resolvers = shared.captured.take()?;
        if r.is_err() {
            vm.release(resolvers.0);
            vm.release(resolvers.1);
            return None;
        }
        let promise = vm.new_handle_raw(vm.raw_result()).ok()?;
        Some((promise, resolvers))
    })();
    let Some((promise, resolvers)) = made else {
        vm.release(callback);
        return UNDEFINED;
    };
    let mut pending = shared.pending.take();
    if let Some(s) = pending.as_mut_slice().get_mut(slot) {
        *s = Some(resolvers);
    }
    shared.pending.set(pending);
    let (p, c) = (vm.handle_raw(&promise), vm.handle_raw(&callback));
    if let Some(old) = shared.async_result.replace(Some(promise)) {
        vm.release(old);
    }
    if !shared.keep_handle(vm, callback) {
        return UNDEFINED;
    }
    shared.sync_out(vm);
    // SAFETY: the caller's contract.
    unsafe { put(out_result, p) };
    c
}

/// Vium's addition: where `console.log` output goes (by default standard
/// output in hosted builds, nowhere on bare metal). `writer` gets each
/// piece of a line, then `"\n"`.
///
/// # Safety
/// `vm` is a live VM; `writer` stays callable with `context` while the VM
/// lives (or is null).
#[no_mangle]
pub unsafe extern "C" fn vium_setConsole(
    vm: *mut mvm_VM,
    writer: vium_TfConsoleWriter,
    context: *mut c_void,
) {
    // SAFETY: the caller's contract.
    if let Some((_, shared)) = unsafe { enter(vm) } {
        shared.console.set((writer, context));
    }
}
