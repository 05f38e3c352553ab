//! What the C API's tests share: C-style host functions and resolvers, the
//! text of a value, and a build host for images built in the tests.
#![allow(dead_code)]

use std::ffi::c_void;

use vium_ffi::*;
use vium_vm::{Host, HostCall, HostError, HostValue, Vm};

/// A host function as C defines one: it returns an `mvm_TeError`, which
/// travels as an integer of the enum's size (`ErrorInt`).
pub type CHostFunction = unsafe extern "C" fn(*mut mvm_VM, u16, *mut u16, *mut u16, u8) -> ErrorInt;
type EnumHostFunction =
    unsafe extern "C" fn(*mut mvm_VM, u16, *mut u16, *mut u16, u8) -> mvm_TeError;

/// A resolver as C defines one.
pub type CResolver = unsafe extern "C" fn(u16, *mut c_void, *mut mvm_TfHostFunction) -> ErrorInt;
type EnumResolver = unsafe extern "C" fn(u16, *mut c_void, *mut mvm_TfHostFunction) -> mvm_TeError;

/// A host function as the header's type.
pub fn host_function(f: CHostFunction) -> mvm_TfHostFunction {
    // SAFETY: the same function; the library calls it with its integer
    // result type.
    Some(unsafe { std::mem::transmute::<CHostFunction, EnumHostFunction>(f) })
}

/// A resolver as the header's type.
pub fn resolver(f: CResolver) -> mvm_TfResolveImport {
    // SAFETY: as in `host_function`.
    Some(unsafe { std::mem::transmute::<CResolver, EnumResolver>(f) })
}

/// The value's text through `mvm_toStringUtf8`, which must end with a NUL.
pub fn text(vm: *mut mvm_VM, v: mvm_Value) -> String {
    let mut size = 0;
    // SAFETY: a live VM; the text lives until the next call.
    unsafe {
        let p = mvm_toStringUtf8(vm, v, &mut size);
        assert!(!p.is_null());
        assert_eq!(*p.add(size), 0, "NUL-terminated");
        String::from_utf8_lossy(std::slice::from_raw_parts(p.cast(), size)).into_owned()
    }
}

/// The build-time host for images built in the tests: their top levels
/// call no import; console output is printed.
pub struct BuildHost;

impl Host for BuildHost {
    fn write(&mut self, bytes: &[u8]) {
        print!("{}", String::from_utf8_lossy(bytes));
    }
    fn call<'s>(
        &'s mut self,
        _: &mut Vm<'_>,
        _: u16,
        _: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Ok(HostValue::Undefined)
    }
}
