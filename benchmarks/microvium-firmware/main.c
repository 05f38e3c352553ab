/*
 * What a firmware links to run a Microvium 8 script, in the same shape as
 * benchmarks/size-firmware (the Rust firmware around vium): restore an image
 * from flash, call export 1 with a number, read the numeric result, and serve
 * one host import that writes its arguments as text to a byte sink.
 *
 * Built by scripts/measure-flash.sh, twice: as is, and with -DEMPTY (the same
 * entry point and sink without the engine), whose size is subtracted. It is
 * linked, not run.
 *
 * Per-row settings come from the command line (see microvium_port.h):
 * PORT_FLOAT selects MVM_SUPPORT_FLOAT, and with it the float API
 * (mvm_newNumber, mvm_toFloat64) rather than the int32 one.
 */
#include <stddef.h>
#include <stdint.h>

#ifndef EMPTY
#include "microvium.h"
#include "image.h" /* generated: static const uint8_t image[] = { ... }; */
#endif

/* The byte sink: a UART data register. */
#define UART_DATA (*(volatile uint8_t *)0x40004000u)

static void sink(const char *bytes, size_t len) {
  while (len--) UART_DATA = (uint8_t)*bytes++;
}

#ifndef EMPTY
void fatalError(void *vm, int e) {
  (void)vm;
  (void)e;
  for (;;) {}
}

/* Import 1: print(...args), each argument as text, then a newline. */
static mvm_TeError print(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args, uint8_t argCount) {
  (void)id;
  (void)result;
  for (uint8_t i = 0; i < argCount; i++) {
    if (i) sink(" ", 1);
    size_t len;
    const char *text = mvm_toStringUtf8(vm, args[i], &len);
    sink(text, len);
  }
  sink("\n", 1);
  return MVM_E_SUCCESS;
}

static mvm_TeError resolveImport(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)context;
  if (id != 1) return MVM_E_UNRESOLVED_IMPORT;
  *out = print;
  return MVM_E_SUCCESS;
}

#if PORT_FLOAT
typedef double number;
#else
typedef int32_t number;
#endif

/* Restore, call export 1 with `arg`, return its result (-1 on any error). */
static number run(number arg) {
  mvm_VM *vm;
  if (mvm_restore(&vm, (MVM_LONG_PTR_TYPE)image, sizeof image, NULL, resolveImport) != MVM_E_SUCCESS) return -1;
  static const mvm_VMExportID ids[1] = {1};
  mvm_Value export1;
  number r = -1;
  if (mvm_resolveExports(vm, ids, &export1, 1) == MVM_E_SUCCESS) {
#if PORT_FLOAT
    mvm_Value a = mvm_newNumber(vm, arg);
#else
    mvm_Value a = mvm_newInt32(vm, arg);
#endif
    mvm_Value result;
    if (mvm_call(vm, export1, &result, &a, 1) == MVM_E_SUCCESS) {
#if PORT_FLOAT
      r = mvm_toFloat64(vm, result);
#else
      r = mvm_toInt32(vm, result);
#endif
    }
  }
  mvm_free(vm);
  return r;
}

static volatile number arg_in = 21;
static volatile number result_out;
#endif

extern uint32_t _stack_top;
void _start(void);

/* The vector table: initial stack pointer, reset handler. */
__attribute__((section(".vectors"), used)) static const void *const vectors[2] = {&_stack_top, _start};

void _start(void) {
#ifndef EMPTY
  result_out = run(arg_in);
#endif
  sink("ok\n", 3);
  for (;;) {}
}
