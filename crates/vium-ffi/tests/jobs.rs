//! Through the C API, the jobs a call queues (promise reactions, resumed
//! `async` functions) have run when `mvm_call` returns, as in Microvium.

use std::ptr::null_mut;

use vium_ffi::mvm_TeError::*;
use vium_ffi::*;

mod common;
use common::{host_function, resolver, text, BuildHost};

const SCRIPT: &str = r#"
let log = "";
async function work(x) {
  await null;
  log += "resumed " + x + ";";
  return x * 2;
}
vmExport(1, (x) => {
  work(x).then((v) => { log += "then " + v + ";"; });
  log += "sync;";
  return 7;
});
vmExport(2, () => log);
vmExport(3, () => {
  Promise.resolve().then(() => { throw new Error("in a job"); });
  return 1;
});
"#;

#[test]
fn jobs_run_before_mvm_call_returns() {
    let image = vium_compiler::driver::build_modules(
        "main.js",
        &mut |path| (path == "main.js").then(|| SCRIPT.to_string()),
        &mut BuildHost,
    )
    .expect("the script builds");
    let mut vm = null_mut();
    // SAFETY: the image outlives the VM; the script has no imports.
    let err = unsafe {
        mvm_restore(
            &mut vm,
            image.as_ptr().cast(),
            image.len(),
            null_mut(),
            None,
        )
    };
    assert_eq!(err, MVM_E_SUCCESS);
    let ids = [1u16, 2, 3];
    let mut exports = [0; 3];
    // SAFETY: a live VM and arrays of three.
    unsafe {
        assert_eq!(
            mvm_resolveExports(vm, ids.as_ptr(), exports.as_mut_ptr(), 3),
            MVM_E_SUCCESS
        );
        let mut result = 0;
        let mut five = mvm_newInt32(vm, 5);
        assert_eq!(
            mvm_call(vm, exports[0], &mut result, &mut five, 1),
            MVM_E_SUCCESS
        );
        assert_eq!(mvm_toInt32(vm, result), 7, "the call's own result");
        assert_eq!(
            mvm_call(vm, exports[1], &mut result, null_mut(), 0),
            MVM_E_SUCCESS
        );
        assert_eq!(text(vm, result), "sync;resumed 5;then 10;");
        // A reaction that throws rejects its promise, as in JavaScript:
        // nothing is uncaught, the call succeeds.
        assert_eq!(
            mvm_call(vm, exports[2], &mut result, null_mut(), 0),
            MVM_E_SUCCESS
        );
        assert_eq!(mvm_toInt32(vm, result), 1);
        mvm_free(vm);
    }
}

const ASYNC_SCRIPT: &str = r#"
const read = vmImport(1);
let log = "";
vmExport(1, async function () {
  log += "start;";
  try {
    const v = await read();
    log += "got " + v + ";";
  } catch (e) {
    log += "failed " + e + ";";
  }
});
vmExport(2, () => log);
"#;

/// What the asynchronous host function shares with the test: the handle
/// that keeps its callback (reached through the VM's context).
struct Pending {
    callback: *mut mvm_Handle,
}

/// Import 1, `read()`: starts and returns at once; the test completes it.
unsafe extern "C" fn read(
    vm: *mut mvm_VM,
    _: mvm_HostFunctionID,
    result: *mut mvm_Value,
    _: *mut mvm_Value,
    _: u8,
) -> ErrorInt {
    // SAFETY: a live VM whose context is a `Pending`; the result slot is
    // the one this host function was given.
    unsafe {
        let callback = mvm_asyncStart(vm, result);
        let pending = &*mvm_getContext(vm).cast::<Pending>();
        (*pending.callback)._value = callback;
    }
    MVM_E_SUCCESS as ErrorInt
}

unsafe extern "C" fn resolve(
    id: mvm_HostFunctionID,
    _: *mut std::ffi::c_void,
    out: *mut mvm_TfHostFunction,
) -> ErrorInt {
    if id != 1 {
        return MVM_E_UNRESOLVED_IMPORT as ErrorInt;
    }
    // SAFETY: the same function, called by the library with its integer
    // result type; the VM passes a slot for it.
    unsafe { *out = host_function(read) };
    MVM_E_SUCCESS as ErrorInt
}

/// `mvm_asyncStart`: an async export awaits a host function that returns
/// at once and completes later, with a value or with an error.
#[test]
fn an_asynchronous_host_function_completes_later() {
    let image = vium_compiler::driver::build_modules(
        "main.js",
        &mut |path| (path == "main.js").then(|| ASYNC_SCRIPT.to_string()),
        &mut BuildHost,
    )
    .expect("the script builds");
    let callback = Box::into_raw(Box::new(mvm_Handle {
        _value: 0,
        _next: null_mut(),
    }));
    let pending = Pending { callback };
    let mut vm = null_mut();
    // SAFETY: the image and the context outlive the VM, the handle too.
    unsafe {
        let context = (&pending as *const Pending).cast_mut().cast();
        let err = mvm_restore(
            &mut vm,
            image.as_ptr().cast(),
            image.len(),
            context,
            resolver(resolve),
        );
        assert_eq!(err, MVM_E_SUCCESS);
        mvm_initializeHandle(vm, callback);
        let ids = [1u16, 2];
        let mut exports = [0; 2];
        assert_eq!(
            mvm_resolveExports(vm, ids.as_ptr(), exports.as_mut_ptr(), 2),
            MVM_E_SUCCESS
        );
        let log = |vm| {
            let mut r = 0;
            assert_eq!(
                mvm_call(vm, exports[1], &mut r, null_mut(), 0),
                MVM_E_SUCCESS
            );
            text(vm, r)
        };
        for (success, value, expected) in [
            (true, 42, "start;got 42;"),
            (false, 7, "start;got 42;start;failed 7;"),
        ] {
            let mut r = 0;
            assert_eq!(
                mvm_call(vm, exports[0], &mut r, null_mut(), 0),
                MVM_E_SUCCESS
            );
            assert_eq!(mvm_typeOf(vm, r), mvm_TeType::VM_T_OBJECT, "a promise");
            assert!(log(vm).ends_with("start;"), "waiting for the host");
            // Later: the host completes the operation.
            mvm_runGC(vm, false);
            let mut args = [mvm_newBoolean(success), mvm_newInt32(vm, value)];
            let cb = (*callback)._value;
            assert_eq!(
                mvm_call(vm, cb, null_mut(), args.as_mut_ptr(), 2),
                MVM_E_SUCCESS
            );
            assert_eq!(log(vm), expected);
            // A second completion does nothing.
            assert_eq!(
                mvm_call(vm, cb, null_mut(), args.as_mut_ptr(), 2),
                MVM_E_SUCCESS
            );
            assert_eq!(log(vm), expected);
        }
        mvm_releaseHandle(vm, callback);
        mvm_free(vm);
        drop(Box::from_raw(callback));
    }
}
