/*
 * A C firmware that runs a vium script through the Microvium 8 API
 * (microvium.h, implemented by libvium_ffi.a built without std). The image
 * built from script.js is in flash (image.h), the VM's memory comes from
 * malloc, and what the firmware and the script print goes to the
 * debugger's console through semihosting.
 *
 * The firmware checks every result and returns the number of mismatches,
 * which the start-up code (startup.c) passes to exit: under QEMU, the
 * emulator's exit status.
 *
 * scripts/run-c-firmware.sh builds it for a Cortex-M0 and runs it under
 * QEMU. By hand, from the repository's root:
 *
 *   cargo run --release -p vium -- build examples/c-firmware/script.js -o script.vbc
 *   { echo 'static const unsigned char image[] = {'
 *     od -An -v -tx1 script.vbc | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'
 *     echo '};'; } >image.h
 *   cargo build -p vium-ffi --profile size --target thumbv6m-none-eabi --no-default-features
 *   arm-none-eabi-gcc -std=c99 -Wall -Wextra -Werror -Os -mcpu=cortex-m0 -mthumb \
 *       -ffunction-sections -fdata-sections -I crates/vium-ffi/include -I . \
 *       examples/c-firmware/main.c examples/c-firmware/startup.c \
 *       target/thumbv6m-none-eabi/size/libvium_ffi.a \
 *       --specs=nano.specs --specs=rdimon.specs -nostartfiles \
 *       -T examples/c-firmware/link.ld -Wl,--gc-sections -Wl,-z,noexecstack -o c-firmware.elf
 *   qemu-system-arm -M microbit -nographic -semihosting-config enable=on,target=native \
 *       -kernel c-firmware.elf
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "microvium.h"
#include "image.h" /* generated: static const unsigned char image[] = { ... }; */

/* The ids script.js gives its import and exports. */
#define IMPORT_SET_LED 1
#define EXPORT_PRESS 1
#define EXPORT_DESCRIBE 2
#define EXPORT_MAKE_COUNTER 3
#define EXPORT_FAIL 4

static int mismatches;

/* Counts a mismatch, and says what it was, when `ok` is false. */
static void expect(bool ok, const char *what) {
  if (!ok) {
    printf("MISMATCH: %s\n", what);
    mismatches++;
  }
}

/* Import 1, setLed(on): the board's LED, printed here. */
static mvm_TeError set_led(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result,
                           mvm_Value *args, uint8_t argCount) {
  (void)id;
  bool on = argCount > 0 && mvm_toBool(vm, args[0]);
  printf("LED %s\n", on ? "on" : "off");
  *result = mvm_undefined;
  return MVM_E_SUCCESS;
}

/* Called by mvm_restore for each import of the image. */
static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context,
                                  mvm_TfHostFunction *out) {
  (void)context;
  if (id == IMPORT_SET_LED) {
    *out = &set_led;
    return MVM_E_SUCCESS;
  }
  return MVM_E_UNRESOLVED_IMPORT;
}

/* The script's console.log output, to the same console. */
static void write_console(void *context, const uint8_t *bytes, size_t size) {
  (void)context;
  fwrite(bytes, 1, size, stdout);
}

/* Calls `function(arg)` and gives its result as an integer. */
static int32_t call_with_int(mvm_VM *vm, mvm_Value function, int32_t arg) {
  mvm_Value value = mvm_newInt32(vm, arg);
  mvm_Value result;
  mvm_TeError err = mvm_call(vm, function, &result, &value, 1);
  expect(err == MVM_E_SUCCESS, "the call succeeds");
  return mvm_toInt32(vm, result);
}

/* A value as text (String(value)); it stays valid until the next mvm_call,
 * mvm_new... or mvm_runGC. */
static const char *text_of(mvm_VM *vm, mvm_Value value) {
  const char *text = mvm_toStringUtf8(vm, value, NULL);
  return text ? text : "(not a value)";
}

int main(void) {
  mvm_VM *vm;
  mvm_TeError err = mvm_restore(&vm, image, sizeof image, NULL, resolve_import);
  if (err != MVM_E_SUCCESS) {
    printf("restore failed: %d\n", err);
    return 1;
  }
  vium_setConsole(vm, write_console, NULL);

  /* Exported functions live in the image, so these values stay valid as
   * long as the VM. Values made at run time last until the next mvm_call
   * returns, unless a handle keeps them. */
  static const mvm_VMExportID ids[] = {EXPORT_PRESS, EXPORT_DESCRIBE, EXPORT_MAKE_COUNTER,
                                       EXPORT_FAIL};
  mvm_Value exports[4];
  err = mvm_resolveExports(vm, ids, exports, 4);
  expect(err == MVM_E_SUCCESS, "the image has the four exports");
  mvm_Value press = exports[0], describe = exports[1], make_counter = exports[2],
            fail = exports[3];

  /* Integers in and out; the script calls set_led each time. */
  int32_t total = 0;
  for (int32_t times = 1; times <= 3; times++) {
    int32_t presses = call_with_int(vm, press, times);
    printf("press(%d) = %d\n", (int)times, (int)presses);
    total += times;
    expect(presses == total, "press returns the running total");
  }

  /* A string in and out; the script logs through write_console. */
  mvm_Value name = mvm_newString(vm, "button", 6);
  mvm_Value result;
  err = mvm_call(vm, describe, &result, &name, 1);
  const char *description = text_of(vm, result);
  printf("describe: %s\n", description);
  expect(err == MVM_E_SUCCESS && strcmp(description, "button: 6 presses") == 0,
         "describe gives the count");

  /* A closure kept in a handle across a collection, which may move it:
   * the VM updates the handle. */
  mvm_Handle counter;
  mvm_initializeHandle(vm, &counter);
  mvm_Value step = mvm_newInt32(vm, 10);
  err = mvm_call(vm, make_counter, mvm_handleAt(&counter), &step, 1);
  expect(err == MVM_E_SUCCESS, "makeCounter succeeds");
  mvm_runGC(vm, true);
  expect(mvm_typeOf(vm, mvm_handleGet(&counter)) == VM_T_FUNCTION,
         "the handle still holds the closure");
  for (int32_t i = 1; i <= 3; i++) {
    err = mvm_call(vm, mvm_handleGet(&counter), &result, NULL, 0);
    int32_t count = mvm_toInt32(vm, result);
    printf("counter() = %d\n", (int)count);
    expect(err == MVM_E_SUCCESS && count == 10 * i, "the closure counts in steps of 10");
  }
  mvm_releaseHandle(vm, &counter);

  /* An uncaught exception is an error code, with the thrown value. */
  mvm_Value message = mvm_newString(vm, "boom", 4);
  err = mvm_call(vm, fail, &result, &message, 1);
  const char *thrown = text_of(vm, result);
  printf("fail: error %d, thrown %s\n", err, thrown);
  expect(err == MVM_E_UNCAUGHT_EXCEPTION, "fail gives MVM_E_UNCAUGHT_EXCEPTION");
  expect(strcmp(thrown, "Error: boom") == 0, "fail throws its message");

  /* The VM goes on working after the exception. */
  int32_t presses = call_with_int(vm, press, 4);
  printf("press(4) = %d\n", (int)presses);
  expect(presses == 10, "press goes on counting");

  mvm_TsMemoryStats stats;
  mvm_getMemoryStats(vm, &stats);
  printf("VM memory: %u B in %u blocks, heap %u B\n", (unsigned)stats.totalSize,
         (unsigned)stats.fragmentCount, (unsigned)stats.virtualHeapUsed);
  mvm_free(vm);

  printf("%s\n", mismatches == 0 ? "all results as expected" : "MISMATCHES");
  return mismatches;
}
