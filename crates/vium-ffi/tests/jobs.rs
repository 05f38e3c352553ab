//! Through the C API, the jobs a call queues (promise reactions, resumed
//! `async` functions) have run when `mvm_call` returns, as in Microvium.

use std::ptr::null_mut;

use vium_ffi::mvm_TeError::*;
use vium_ffi::*;
use vium_vm::{Host, HostCall, HostError, HostValue, Vm};

struct BuildHost;

impl Host for BuildHost {
    fn write(&mut self, _: &[u8]) {}
    fn call<'s>(
        &'s mut self,
        _: &mut Vm<'_>,
        _: u16,
        _: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Ok(HostValue::Undefined)
    }
}

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

fn text(vm: *mut mvm_VM, v: mvm_Value) -> String {
    let mut size = 0;
    // SAFETY: a live VM; the text lives until the next call.
    unsafe {
        let p = mvm_toStringUtf8(vm, v, &mut size);
        String::from_utf8_lossy(std::slice::from_raw_parts(p.cast(), size)).into_owned()
    }
}

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
