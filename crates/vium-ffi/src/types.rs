//! The types of `microvium.h`, with Microvium 8's names, layouts and error
//! numbers, so that C hosts compile unchanged and print the same codes.

use core::ffi::c_void;

/// A value: the VM's 16-bit encoding.
pub type mvm_Value = u16;
/// The id a script gives an export with `vmExport(id, value)`.
pub type mvm_VMExportID = u16;
/// The id a script gives an import with `vmImport(id)`.
pub type mvm_HostFunctionID = u16;

/// A VM, as C holds it (behind a pointer from `mvm_restore`).
pub struct mvm_VM {
    pub(crate) inner: crate::state::VmState,
}

/// Error codes, numbered as in Microvium 8. Vium returns a subset; the rest
/// keep their numbers so that hosts that name them still compile.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum mvm_TeError {
    MVM_E_SUCCESS = 0,
    MVM_E_UNEXPECTED = 1,
    MVM_E_MALLOC_FAIL = 2,
    MVM_E_ALLOCATION_TOO_LARGE = 3,
    MVM_E_INVALID_ADDRESS = 4,
    MVM_E_COPY_ACROSS_BUCKET_BOUNDARY = 5,
    MVM_E_FUNCTION_NOT_FOUND = 6,
    MVM_E_INVALID_HANDLE = 7,
    MVM_E_STACK_OVERFLOW = 8,
    MVM_E_UNRESOLVED_IMPORT = 9,
    MVM_E_ATTEMPT_TO_WRITE_TO_ROM = 10,
    MVM_E_INVALID_ARGUMENTS = 11,
    MVM_E_TYPE_ERROR = 12,
    MVM_E_TARGET_NOT_CALLABLE = 13,
    MVM_E_HOST_ERROR = 14,
    MVM_E_NOT_IMPLEMENTED = 15,
    MVM_E_HOST_RETURNED_INVALID_VALUE = 16,
    MVM_E_ASSERTION_FAILED = 17,
    MVM_E_INVALID_BYTECODE = 18,
    MVM_E_UNRESOLVED_EXPORT = 19,
    MVM_E_RANGE_ERROR = 20,
    MVM_E_DETACHED_EPHEMERAL = 21,
    MVM_E_TARGET_IS_NOT_A_VM_FUNCTION = 22,
    MVM_E_FLOAT64 = 23,
    MVM_E_NAN = 24,
    MVM_E_NEG_ZERO = 25,
    MVM_E_OPERATION_REQUIRES_FLOAT_SUPPORT = 26,
    MVM_E_BYTECODE_CRC_FAIL = 27,
    MVM_E_BYTECODE_REQUIRES_FLOAT_SUPPORT = 28,
    MVM_E_PROTO_IS_READONLY = 29,
    MVM_E_SNAPSHOT_TOO_LARGE = 30,
    MVM_E_MALLOC_MUST_RETURN_POINTER_TO_EVEN_BOUNDARY = 31,
    MVM_E_ARRAY_TOO_LONG = 32,
    MVM_E_OUT_OF_MEMORY = 33,
    MVM_E_TOO_MANY_ARGUMENTS = 34,
    MVM_E_REQUIRES_LATER_ENGINE = 35,
    MVM_E_PORT_FILE_VERSION_MISMATCH = 36,
    MVM_E_PORT_FILE_MACRO_TEST_FAILURE = 37,
    MVM_E_EXPECTED_POINTER_SIZE_TO_BE_16_BIT = 38,
    MVM_E_EXPECTED_POINTER_SIZE_NOT_TO_BE_16_BIT = 39,
    MVM_E_TYPE_ERROR_TARGET_IS_NOT_CALLABLE = 40,
    MVM_E_TDZ_ERROR = 41,
    MVM_E_MALLOC_NOT_WITHIN_RAM_PAGE = 42,
    MVM_E_INVALID_ARRAY_INDEX = 43,
    MVM_E_UNCAUGHT_EXCEPTION = 44,
    MVM_E_FATAL_ERROR_MUST_KILL_VM = 45,
    MVM_E_OBJECT_KEYS_ON_NON_OBJECT = 46,
    MVM_E_INVALID_UINT8_ARRAY_LENGTH = 47,
    MVM_E_CAN_ONLY_ASSIGN_BYTES_TO_UINT8_ARRAY = 48,
    MVM_E_WRONG_BYTECODE_VERSION = 49,
    MVM_E_USING_NEW_ON_NON_CLASS = 50,
    MVM_E_INSTRUCTION_COUNT_REACHED = 51,
    MVM_E_REQUIRES_ACTIVE_VM = 52,
    MVM_E_ASYNC_START_ERROR = 53,
    MVM_E_ASYNC_WITHOUT_AWAIT = 54,
    MVM_E_TYPE_ERROR_AWAIT_NON_PROMISE = 55,
    MVM_E_HEAP_CORRUPT = 56,
    MVM_E_CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT = 57,
}

/// Every error code, by number.
pub(crate) const ALL_ERRORS: [mvm_TeError; 58] = [
    mvm_TeError::MVM_E_SUCCESS,
    mvm_TeError::MVM_E_UNEXPECTED,
    mvm_TeError::MVM_E_MALLOC_FAIL,
    mvm_TeError::MVM_E_ALLOCATION_TOO_LARGE,
    mvm_TeError::MVM_E_INVALID_ADDRESS,
    mvm_TeError::MVM_E_COPY_ACROSS_BUCKET_BOUNDARY,
    mvm_TeError::MVM_E_FUNCTION_NOT_FOUND,
    mvm_TeError::MVM_E_INVALID_HANDLE,
    mvm_TeError::MVM_E_STACK_OVERFLOW,
    mvm_TeError::MVM_E_UNRESOLVED_IMPORT,
    mvm_TeError::MVM_E_ATTEMPT_TO_WRITE_TO_ROM,
    mvm_TeError::MVM_E_INVALID_ARGUMENTS,
    mvm_TeError::MVM_E_TYPE_ERROR,
    mvm_TeError::MVM_E_TARGET_NOT_CALLABLE,
    mvm_TeError::MVM_E_HOST_ERROR,
    mvm_TeError::MVM_E_NOT_IMPLEMENTED,
    mvm_TeError::MVM_E_HOST_RETURNED_INVALID_VALUE,
    mvm_TeError::MVM_E_ASSERTION_FAILED,
    mvm_TeError::MVM_E_INVALID_BYTECODE,
    mvm_TeError::MVM_E_UNRESOLVED_EXPORT,
    mvm_TeError::MVM_E_RANGE_ERROR,
    mvm_TeError::MVM_E_DETACHED_EPHEMERAL,
    mvm_TeError::MVM_E_TARGET_IS_NOT_A_VM_FUNCTION,
    mvm_TeError::MVM_E_FLOAT64,
    mvm_TeError::MVM_E_NAN,
    mvm_TeError::MVM_E_NEG_ZERO,
    mvm_TeError::MVM_E_OPERATION_REQUIRES_FLOAT_SUPPORT,
    mvm_TeError::MVM_E_BYTECODE_CRC_FAIL,
    mvm_TeError::MVM_E_BYTECODE_REQUIRES_FLOAT_SUPPORT,
    mvm_TeError::MVM_E_PROTO_IS_READONLY,
    mvm_TeError::MVM_E_SNAPSHOT_TOO_LARGE,
    mvm_TeError::MVM_E_MALLOC_MUST_RETURN_POINTER_TO_EVEN_BOUNDARY,
    mvm_TeError::MVM_E_ARRAY_TOO_LONG,
    mvm_TeError::MVM_E_OUT_OF_MEMORY,
    mvm_TeError::MVM_E_TOO_MANY_ARGUMENTS,
    mvm_TeError::MVM_E_REQUIRES_LATER_ENGINE,
    mvm_TeError::MVM_E_PORT_FILE_VERSION_MISMATCH,
    mvm_TeError::MVM_E_PORT_FILE_MACRO_TEST_FAILURE,
    mvm_TeError::MVM_E_EXPECTED_POINTER_SIZE_TO_BE_16_BIT,
    mvm_TeError::MVM_E_EXPECTED_POINTER_SIZE_NOT_TO_BE_16_BIT,
    mvm_TeError::MVM_E_TYPE_ERROR_TARGET_IS_NOT_CALLABLE,
    mvm_TeError::MVM_E_TDZ_ERROR,
    mvm_TeError::MVM_E_MALLOC_NOT_WITHIN_RAM_PAGE,
    mvm_TeError::MVM_E_INVALID_ARRAY_INDEX,
    mvm_TeError::MVM_E_UNCAUGHT_EXCEPTION,
    mvm_TeError::MVM_E_FATAL_ERROR_MUST_KILL_VM,
    mvm_TeError::MVM_E_OBJECT_KEYS_ON_NON_OBJECT,
    mvm_TeError::MVM_E_INVALID_UINT8_ARRAY_LENGTH,
    mvm_TeError::MVM_E_CAN_ONLY_ASSIGN_BYTES_TO_UINT8_ARRAY,
    mvm_TeError::MVM_E_WRONG_BYTECODE_VERSION,
    mvm_TeError::MVM_E_USING_NEW_ON_NON_CLASS,
    mvm_TeError::MVM_E_INSTRUCTION_COUNT_REACHED,
    mvm_TeError::MVM_E_REQUIRES_ACTIVE_VM,
    mvm_TeError::MVM_E_ASYNC_START_ERROR,
    mvm_TeError::MVM_E_ASYNC_WITHOUT_AWAIT,
    mvm_TeError::MVM_E_TYPE_ERROR_AWAIT_NON_PROMISE,
    mvm_TeError::MVM_E_HEAP_CORRUPT,
    mvm_TeError::MVM_E_CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT,
];

/// What `mvm_typeOf` says, numbered as in Microvium 8.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum mvm_TeType {
    VM_T_UNDEFINED = 0,
    VM_T_NULL = 1,
    VM_T_BOOLEAN = 2,
    VM_T_NUMBER = 3,
    VM_T_STRING = 4,
    VM_T_FUNCTION = 5,
    VM_T_OBJECT = 6,
    VM_T_ARRAY = 7,
    VM_T_UINT8_ARRAY = 8,
    VM_T_CLASS = 9,
    VM_T_SYMBOL = 10,
    VM_T_BIG_INT = 11,
    VM_T_END = 12,
}

/// A host function: reads `argCount` arguments at `args`, writes its result
/// to `*result` and returns `MVM_E_SUCCESS`, or returns an error, which
/// ends the outermost `mvm_call` with that code (the script cannot catch it).
pub type mvm_TfHostFunction = Option<
    unsafe extern "C" fn(
        vm: *mut mvm_VM,
        hostFunctionID: mvm_HostFunctionID,
        result: *mut mvm_Value,
        args: *mut mvm_Value,
        argCount: u8,
    ) -> mvm_TeError,
>;

/// Called by `mvm_restore` once for each import of the image: writes the
/// host function for `hostFunctionID` to `*out_hostFunction`.
pub type mvm_TfResolveImport = Option<
    unsafe extern "C" fn(
        hostFunctionID: mvm_HostFunctionID,
        context: *mut c_void,
        out_hostFunction: *mut mvm_TfHostFunction,
    ) -> mvm_TeError,
>;

/// Memory a VM uses, in bytes, with Microvium 8's fields (those that have
/// no counterpart in vium are 0).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvm_TsMemoryStats {
    /// Everything below together.
    pub totalSize: usize,
    /// Separate blocks obtained from `malloc` (the VM, its globals, heap
    /// and, during a call, its stack).
    pub fragmentCount: usize,
    /// The VM itself (vium's `Vm` and this library's state).
    pub coreSize: usize,
    /// The table of resolved imports.
    pub importTableSize: usize,
    pub globalVariablesSize: usize,
    pub registersSize: usize,
    /// Stack in use (0 between calls).
    pub stackHeight: usize,
    pub stackAllocatedCapacity: usize,
    pub stackHighWaterMark: usize,
    pub virtualHeapUsed: usize,
    pub virtualHeapHighWaterMark: usize,
    pub virtualHeapAllocatedCapacity: usize,
}

/// A value the host keeps across calls: initialise it with
/// `mvm_initializeHandle`, read and write it with `mvm_handleGet` and
/// `mvm_handleSet`, give it back with `mvm_releaseHandle`. The VM updates
/// `_value` when a collection moves the value.
#[repr(C)]
#[derive(Debug)]
pub struct mvm_Handle {
    pub _value: mvm_Value,
    pub _next: *mut mvm_Handle,
}

/// Vium's addition (`vium_setConsole`): receives `console.log` output, each
/// piece of a line and then `"\n"`.
pub type vium_TfConsoleWriter =
    Option<unsafe extern "C" fn(context: *mut c_void, bytes: *const u8, size: usize)>;
