//! The C API called as a C host calls it, with host functions written as
//! C functions, on a committed image (no compiler, so Miri can run this
//! file): values, handles, re-entrant calls, several VMs, and bad input
//! from the host, which must give error codes and leave the VM usable.
//!
//! `host.vbc` is `crates/vium-vm/tests/images/host.js`: imports 1 `add`,
//! 2 `callBack(fn, ...args)`, 3 `hostThrow(message)`.
//!
//! The host functions and resolvers return `ErrorInt`, as C functions
//! returning an `mvm_TeError` do at the ABI level (the library calls them
//! so, since C may return any integer there), and are handed over with the
//! header's function types.

use std::cell::Cell;
use std::ffi::c_void;
use std::ptr::null_mut;

use vium_ffi::mvm_TeError::*;
use vium_ffi::*;

mod common;
use common::{host_function, resolver, text};

const HOST: &[u8] = include_bytes!("../../vium-vm/tests/images/host.vbc");
const BASIC: &[u8] = include_bytes!("../../vium-vm/tests/images/basic.vbc");

/// What a test's host functions do, reached through the VM's context (and
/// changed by the test in between: cells, shared by both).
#[derive(Default)]
struct Behaviour {
    /// `add` returns this raw value instead of the sum.
    bad_result: Cell<Option<mvm_Value>>,
    /// `hostThrow` returns this code.
    throw_code: Cell<i32>,
    calls: Cell<u32>,
}

fn behaviour<'a>(vm: *mut mvm_VM) -> &'a Behaviour {
    // SAFETY: every VM here is restored with a `Behaviour` that outlives it.
    unsafe { &*mvm_getContext(vm).cast::<Behaviour>() }
}

/// `add(a, b)`.
unsafe extern "C" fn add(
    vm: *mut mvm_VM,
    _: mvm_HostFunctionID,
    result: *mut mvm_Value,
    args: *mut mvm_Value,
    argc: u8,
) -> ErrorInt {
    let b = behaviour(vm);
    b.calls.set(b.calls.get() + 1);
    // SAFETY: the VM passes `argc` arguments and a result slot.
    unsafe {
        let args = std::slice::from_raw_parts(args, argc as usize);
        let sum = mvm_toInt32(vm, args[0]) + mvm_toInt32(vm, args[1]);
        *result = b.bad_result.get().unwrap_or_else(|| mvm_newInt32(vm, sum));
    }
    MVM_E_SUCCESS as ErrorInt
}

/// `callBack(fn, ...args)`: calls back into the VM, from inside a call.
unsafe extern "C" fn call_back(
    vm: *mut mvm_VM,
    _: mvm_HostFunctionID,
    result: *mut mvm_Value,
    args: *mut mvm_Value,
    argc: u8,
) -> ErrorInt {
    // SAFETY: as in `add`.
    unsafe { mvm_call(vm, *args, result, args.add(1), argc - 1) as ErrorInt }
}

/// `hostThrow(message)`: fails with the behaviour's code, an `int` that C
/// may return as an `mvm_TeError` whether or not it is one.
unsafe extern "C" fn host_throw(
    vm: *mut mvm_VM,
    _: mvm_HostFunctionID,
    _: *mut mvm_Value,
    _: *mut mvm_Value,
    _: u8,
) -> ErrorInt {
    behaviour(vm).throw_code.get() as ErrorInt
}

unsafe extern "C" fn resolve(
    id: mvm_HostFunctionID,
    _: *mut c_void,
    out: *mut mvm_TfHostFunction,
) -> ErrorInt {
    let f = match id {
        1 => host_function(add),
        2 => host_function(call_back),
        3 => host_function(host_throw),
        _ => return MVM_E_UNRESOLVED_IMPORT as ErrorInt,
    };
    // SAFETY: the VM passes a slot for the function.
    unsafe { *out = f };
    MVM_E_SUCCESS as ErrorInt
}

unsafe extern "C" fn resolve_nothing(
    _: mvm_HostFunctionID,
    _: *mut c_void,
    _: *mut mvm_TfHostFunction,
) -> ErrorInt {
    MVM_E_UNRESOLVED_IMPORT as ErrorInt
}

/// A handle in memory the host owns, reached only through its pointer, as
/// C code reaches it (the VM writes it too). Freed when dropped.
struct CHandle(*mut mvm_Handle);

impl CHandle {
    fn new(vm: *mut mvm_VM) -> CHandle {
        let h = Box::into_raw(Box::new(mvm_Handle {
            _value: 0,
            _next: null_mut(),
        }));
        // SAFETY: a live VM; the handle lives until this is dropped.
        unsafe { mvm_initializeHandle(vm, h) };
        CHandle(h)
    }
    fn get(&self) -> mvm_Value {
        // SAFETY: live until dropped.
        unsafe { (*self.0)._value }
    }
    fn set(&self, v: mvm_Value) {
        // SAFETY: live until dropped.
        unsafe { (*self.0)._value = v }
    }
}

impl Drop for CHandle {
    fn drop(&mut self) {
        // SAFETY: made by `Box::into_raw`; released from its VM by then.
        drop(unsafe { Box::from_raw(self.0) });
    }
}

fn restore(image: &'static [u8], b: &Behaviour) -> *mut mvm_VM {
    let mut vm = null_mut();
    // SAFETY: the image is static; the context outlives the VM.
    let err = unsafe {
        mvm_restore(
            &mut vm,
            image.as_ptr().cast(),
            image.len(),
            (b as *const Behaviour).cast_mut().cast(),
            resolver(resolve),
        )
    };
    assert_eq!(err, MVM_E_SUCCESS);
    vm
}

fn export(vm: *mut mvm_VM, id: u16) -> mvm_Value {
    let mut v = 0;
    // SAFETY: a live VM, one id, one result slot.
    let err = unsafe { mvm_resolveExports(vm, &id, &mut v, 1) };
    assert_eq!(err, MVM_E_SUCCESS);
    v
}

fn call(vm: *mut mvm_VM, f: mvm_Value, args: &mut [mvm_Value]) -> (mvm_TeError, mvm_Value) {
    let mut result = 0;
    // SAFETY: a live VM; the arguments and result slot are live.
    let err = unsafe { mvm_call(vm, f, &mut result, args.as_mut_ptr(), args.len() as u8) };
    (err, result)
}

fn int(vm: *mut mvm_VM, i: i32) -> mvm_Value {
    // SAFETY: a live VM.
    unsafe { mvm_newInt32(vm, i) }
}

fn string(vm: *mut mvm_VM, s: &str) -> mvm_Value {
    // SAFETY: a live VM; the bytes are live.
    unsafe { mvm_newString(vm, s.as_ptr().cast(), s.len()) }
}

#[test]
fn calls_with_arguments_and_host_functions() {
    let b = Behaviour::default();
    let vm = restore(HOST, &b);
    let (a, c) = (int(vm, 20_000), int(vm, 2));
    let (err, r) = call(vm, export(vm, 1), &mut [a, c]);
    assert_eq!(err, MVM_E_SUCCESS);
    // SAFETY: a live VM.
    unsafe {
        assert_eq!(mvm_toInt32(vm, r), 40_004);
        assert_eq!(mvm_typeOf(vm, r), mvm_TeType::VM_T_NUMBER);
    }
    assert_eq!(b.calls.get(), 1);
    // A host function calls back into the VM, which throws: the script
    // catches it.
    let msg = string(vm, "boom");
    let (err, r) = call(vm, export(vm, 2), &mut [msg]);
    assert_eq!(err, MVM_E_SUCCESS);
    assert_eq!(text(vm, r), "caught boom");
    // Not caught: the exception comes out of the outer call.
    let msg = string(vm, "out");
    let (err, r) = call(vm, export(vm, 3), &mut [msg]);
    assert_eq!(
        (err, text(vm, r)),
        (MVM_E_UNCAUGHT_EXCEPTION, "Error: out".to_string())
    );
    // SAFETY: made by `mvm_restore`.
    unsafe { mvm_free(vm) };
}

#[test]
fn handles_keep_values_across_collections() {
    let b = Behaviour::default();
    let vm = restore(HOST, &b);
    let counter = CHandle::new(vm);
    let start = int(vm, 10);
    let (err, r) = call(vm, export(vm, 5), &mut [start]);
    assert_eq!(err, MVM_E_SUCCESS);
    counter.set(r);
    for round in 1..=3 {
        // Garbage, and a collection that moves everything.
        let rounds = int(vm, 50);
        assert_eq!(call(vm, export(vm, 6), &mut [rounds]).0, MVM_E_SUCCESS);
        // SAFETY: a live VM.
        unsafe { mvm_runGC(vm, true) };
        let (err, n) = call(vm, counter.get(), &mut []);
        assert_eq!(err, MVM_E_SUCCESS);
        // SAFETY: a live VM.
        assert_eq!(unsafe { mvm_toInt32(vm, n) }, 10 + round);
    }
    // SAFETY: a live VM and a registered handle.
    unsafe {
        assert_eq!(mvm_typeOf(vm, counter.get()), mvm_TeType::VM_T_FUNCTION);
        assert_eq!(mvm_releaseHandle(vm, counter.0), MVM_E_SUCCESS);
        assert_eq!(mvm_releaseHandle(vm, counter.0), MVM_E_INVALID_HANDLE);
        mvm_free(vm);
    }
}

#[test]
fn bad_input_gives_error_codes_and_the_vm_stays_usable() {
    let b = Behaviour::default();
    let vm = restore(HOST, &b);
    let f = export(vm, 1);
    let ok = |vm| {
        let (x, y) = (int(vm, 1), int(vm, 2));
        let (err, r) = call(vm, export(vm, 1), &mut [x, y]);
        // SAFETY: a live VM.
        err == MVM_E_SUCCESS && unsafe { mvm_toInt32(vm, r) } == 6
    };
    // Not values of this VM: inside a function, past the heap, internal.
    // (0x1D is the internal hole marker, 0x25 a well-known index that is
    // none.)
    for garbage in [f + 4, 0xFFFC, 0x001D, 0x0025] {
        assert_eq!(call(vm, garbage, &mut []).0, MVM_E_INVALID_ARGUMENTS);
        assert_eq!(
            call(vm, f, &mut [garbage, garbage]).0,
            MVM_E_INVALID_ARGUMENTS
        );
        // SAFETY: a live VM; garbage values are refused, not followed.
        unsafe {
            assert_eq!(mvm_toInt32(vm, garbage), 0);
            assert!(mvm_toStringUtf8(vm, garbage, null_mut()).is_null());
            assert_eq!(mvm_typeOf(vm, garbage), mvm_TeType::VM_T_UNDEFINED);
            assert!(!mvm_equal(vm, garbage, garbage));
        }
        assert!(ok(vm));
    }
    // A handle the host set to garbage: the next call says so.
    let h = CHandle::new(vm);
    h.set(f + 4);
    assert_eq!(call(vm, f, &mut []).0, MVM_E_INVALID_HANDLE);
    assert_eq!(h.get(), mvm_undefined, "the handle was reset");
    assert!(ok(vm));
    // SAFETY: as above.
    unsafe { mvm_releaseHandle(vm, h.0) };
    // A host function that returns garbage, or an unknown error code.
    b.bad_result.set(Some(f + 4));
    assert_eq!(call(vm, f, &mut []).0, MVM_E_HOST_RETURNED_INVALID_VALUE);
    b.bad_result.set(None);
    assert!(ok(vm));
    for (code, expected) in [
        (1000, MVM_E_HOST_ERROR),
        (-1, MVM_E_HOST_ERROR),
        (20, MVM_E_RANGE_ERROR),
    ] {
        b.throw_code.set(code);
        let msg = string(vm, "m");
        let (err, _) = call(vm, export(vm, 4), &mut [msg]);
        assert_eq!(err, expected, "host function returned {code}");
        assert!(ok(vm));
    }
    // Null pointers.
    // SAFETY: every function accepts null where a VM or out-pointer goes.
    unsafe {
        assert_eq!(
            mvm_call(null_mut(), f, null_mut(), null_mut(), 0),
            MVM_E_INVALID_ARGUMENTS
        );
        assert_eq!(
            mvm_call(vm, f, null_mut(), null_mut(), 3),
            MVM_E_INVALID_ARGUMENTS
        );
        assert_eq!(mvm_toInt32(null_mut(), f), 0);
        assert!(mvm_getContext(null_mut()).is_null());
        mvm_initializeHandle(vm, null_mut());
        assert_eq!(mvm_releaseHandle(vm, null_mut()), MVM_E_INVALID_HANDLE);
        mvm_free(null_mut());
    }
    assert!(ok(vm));
    // SAFETY: made by `mvm_restore`.
    unsafe { mvm_free(vm) };
}

#[test]
fn bad_images_and_unresolved_imports_are_refused() {
    let mut vm = null_mut();
    let mut corrupt = HOST.to_vec();
    let middle = corrupt.len() / 2;
    corrupt[middle] ^= 0xFF;
    // SAFETY: the images are live for the calls; no VM is made.
    unsafe {
        let r = mvm_restore(
            &mut vm,
            corrupt.as_ptr().cast(),
            corrupt.len(),
            null_mut(),
            resolver(resolve),
        );
        assert_eq!(r, MVM_E_BYTECODE_CRC_FAIL);
        assert!(vm.is_null());
        let r = mvm_restore(
            &mut vm,
            HOST.as_ptr().cast(),
            10,
            null_mut(),
            resolver(resolve),
        );
        assert_eq!(r, MVM_E_INVALID_BYTECODE);
        let r = mvm_restore(
            &mut vm,
            std::ptr::null(),
            100,
            null_mut(),
            resolver(resolve),
        );
        assert_eq!(r, MVM_E_INVALID_ARGUMENTS);
        let r = mvm_restore(
            &mut vm,
            HOST.as_ptr().cast(),
            HOST.len(),
            null_mut(),
            resolver(resolve_nothing),
        );
        assert_eq!(r, MVM_E_UNRESOLVED_IMPORT);
        let r = mvm_restore(&mut vm, HOST.as_ptr().cast(), HOST.len(), null_mut(), None);
        assert_eq!(r, MVM_E_UNRESOLVED_IMPORT);
        assert!(vm.is_null());
    }
}

#[test]
fn two_vms_interleave_and_keep_their_own_state() {
    let (b1, b2) = (Behaviour::default(), Behaviour::default());
    let (host, basic) = (restore(HOST, &b1), restore(BASIC, &b2));
    let count = export(basic, 4);
    for i in 0..4 {
        let (x, y) = (int(host, i), int(host, 1));
        let (err, r) = call(host, export(host, 1), &mut [x, y]);
        assert_eq!(err, MVM_E_SUCCESS);
        // SAFETY: live VMs.
        assert_eq!(unsafe { mvm_toInt32(host, r) }, 2 * (i + 1));
        let name = string(basic, "vm");
        let (err, r) = call(basic, export(basic, 2), &mut [name]);
        assert_eq!(
            (err, text(basic, r)),
            (MVM_E_SUCCESS, "Hello, vm!".to_string())
        );
    }
    let (_, calls) = call(basic, count, &mut []);
    // SAFETY: live VMs.
    assert_eq!(unsafe { mvm_toInt32(basic, calls) }, 4);
    assert_eq!(b1.calls.get(), 4);
    // A value of one VM given to the other is refused, or is a value of
    // that VM too: either way nothing is followed outside it.
    let s = string(basic, "elsewhere");
    let (err, _) = call(host, export(host, 1), &mut [s, s]);
    assert!(
        matches!(err, MVM_E_SUCCESS | MVM_E_INVALID_ARGUMENTS),
        "{err:?}"
    );
    // SAFETY: made by `mvm_restore`.
    unsafe {
        mvm_free(host);
        mvm_free(basic);
    }
}

#[test]
fn the_instruction_budget_stops_a_call() {
    let b = Behaviour::default();
    let vm = restore(HOST, &b);
    // SAFETY: a live VM.
    unsafe {
        assert_eq!(mvm_getInstructionCountRemaining(vm), -1);
        mvm_stopAfterNInstructions(vm, 3);
    }
    let rounds = int(vm, 1000);
    assert_eq!(
        call(vm, export(vm, 6), &mut [rounds]).0,
        MVM_E_INSTRUCTION_COUNT_REACHED
    );
    // SAFETY: a live VM.
    unsafe {
        assert_eq!(mvm_getInstructionCountRemaining(vm), 0);
        mvm_stopAfterNInstructions(vm, -1);
    }
    let rounds = int(vm, 10);
    assert_eq!(call(vm, export(vm, 6), &mut [rounds]).0, MVM_E_SUCCESS);
    // SAFETY: made by `mvm_restore`.
    unsafe { mvm_free(vm) };
}

#[test]
fn values_bytes_and_memory_stats() {
    let b = Behaviour::default();
    let vm = restore(HOST, &b);
    // SAFETY: a live VM and live buffers.
    unsafe {
        let n = mvm_newNumber(vm, 1.5);
        assert_eq!(mvm_toFloat64(vm, n), 1.5);
        assert!(mvm_isNaN(mvm_newNumber(vm, f64::NAN)));
        assert!(mvm_toBool(vm, mvm_newBoolean(true)));
        assert_eq!(mvm_typeOf(vm, mvm_null), mvm_TeType::VM_T_NULL);
        let bytes = mvm_uint8ArrayFromBytes(vm, [1u8, 2, 3].as_ptr(), 3);
        let (mut data, mut size) = (null_mut(), 0);
        assert_eq!(
            mvm_uint8ArrayToBytes(vm, bytes, &mut data, &mut size),
            MVM_E_SUCCESS
        );
        assert_eq!(std::slice::from_raw_parts(data, size), &[1, 2, 3]);
        assert_eq!(mvm_typeOf(vm, bytes), mvm_TeType::VM_T_UINT8_ARRAY);
        assert_eq!(
            mvm_uint8ArrayToBytes(vm, n, &mut data, &mut size),
            MVM_E_TYPE_ERROR
        );
        // Invalid UTF-8 becomes U+FFFD.
        let s = mvm_newString(vm, b"a\xFFb".as_ptr().cast(), 3);
        assert_eq!(text(vm, s), "a\u{FFFD}b");
        assert_eq!(mvm_stringSizeUtf8(vm, s), 5);
        assert!(mvm_equal(
            vm,
            s,
            mvm_newString(vm, "a\u{FFFD}b".as_ptr().cast(), 5)
        ));
        let mut stats = mvm_TsMemoryStats::default();
        mvm_getMemoryStats(vm, &mut stats);
        assert!(stats.virtualHeapUsed > 0 && stats.totalSize >= stats.coreSize);
        mvm_free(vm);
    }
}

extern "C" {
    fn free(p: *mut c_void);
}

/// `mvm_createSnapshot`: a VM that counted three calls, written as an image
/// and restored as a second VM, goes on counting from three.
#[test]
fn a_running_vm_is_snapshotted_and_restored_elsewhere() {
    let b = Behaviour::default();
    let vm = restore(BASIC, &b);
    let add = export(vm, 1);
    for i in 0..3 {
        let (x, y) = (int(vm, i), int(vm, 1));
        assert_eq!(call(vm, add, &mut [x, y]).0, MVM_E_SUCCESS);
    }
    let mut size = 0;
    // SAFETY: a live VM; the block is ours to free.
    let image = unsafe { mvm_createSnapshot(vm, &mut size) };
    assert!(!image.is_null() && size > 18);
    // SAFETY: made by `mvm_restore`.
    unsafe { mvm_free(vm) };

    let mut copy = null_mut();
    // SAFETY: the block lives until freed below, after the VM.
    let err = unsafe { mvm_restore(&mut copy, image, size, null_mut(), resolver(resolve)) };
    assert_eq!(err, MVM_E_SUCCESS);
    let count = export(copy, 4);
    let (_, n) = call(copy, count, &mut []);
    // SAFETY: a live VM.
    assert_eq!(unsafe { mvm_toInt32(copy, n) }, 3);
    let name = string(copy, "there");
    let (_, s) = call(copy, export(copy, 2), &mut [name]);
    assert_eq!(text(copy, s), "Hello, there!");
    let (_, n) = call(copy, count, &mut []);
    // SAFETY: a live VM; then the VM goes before its image.
    unsafe {
        assert_eq!(mvm_toInt32(copy, n), 4);
        mvm_free(copy);
        free(image);
    }
}
