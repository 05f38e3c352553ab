/*
 * A C host for vium, written against the Microvium 8 API (microvium.h): it
 * restores an image built by `vium build examples/c-host/script.js`, serves
 * the script's import (an LED), calls its exports with arguments, keeps a
 * function in a handle across a collection, and shows that bad input is an
 * error code, not a crash.
 *
 *   cc -I crates/vium-ffi/include examples/c-host/main.c \
 *      target/debug/libvium_ffi.a -lpthread -ldl -lm -o c-host
 *   ./c-host script.vbc
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "microvium.h"

#define IMPORT_SET_LED 1
#define EXPORT_PRESS 1
#define EXPORT_DESCRIBE 2
#define EXPORT_MAKE_GREETER 3
#define EXPORT_FAIL 4
#define EXPORT_CHECKSUM 5

static mvm_TeError set_led(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result,
                           mvm_Value *args, uint8_t argCount) {
  (void)id;
  bool on = argCount > 0 && mvm_toBool(vm, args[0]);
  printf("LED %s\n", on ? "on" : "off");
  *result = mvm_undefined;
  return MVM_E_SUCCESS;
}

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context,
                                  mvm_TfHostFunction *out) {
  (void)context;
  if (id == IMPORT_SET_LED) {
    *out = &set_led;
    return MVM_E_SUCCESS;
  }
  return MVM_E_UNRESOLVED_IMPORT;
}

static void print_string(mvm_VM *vm, const char *label, mvm_Value v) {
  size_t size;
  const char *text = mvm_toStringUtf8(vm, v, &size);
  printf("%s: %.*s\n", label, (int)size, text);
}

static unsigned char *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *data = malloc(n > 0 ? (size_t)n : 1);
  *size = data ? fread(data, 1, (size_t)n, f) : 0;
  fclose(f);
  return data;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s IMAGE\n", argv[0]);
    return 2;
  }
  size_t image_size;
  unsigned char *image = read_file(argv[1], &image_size);
  if (!image) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }

  mvm_VM *vm;
  mvm_TeError err = mvm_restore(&vm, image, image_size, NULL, resolve_import);
  if (err != MVM_E_SUCCESS) {
    fprintf(stderr, "restore failed: %d\n", err);
    return 1;
  }

  static const mvm_VMExportID ids[] = {EXPORT_PRESS, EXPORT_DESCRIBE, EXPORT_MAKE_GREETER,
                                       EXPORT_FAIL, EXPORT_CHECKSUM};
  mvm_Value exports[5];
  err = mvm_resolveExports(vm, ids, exports, 5);
  printf("resolveExports: %d\n", err);

  /* Calls with arguments; the script calls back into set_led. */
  mvm_Value result;
  for (int times = 1; times <= 2; times++) {
    mvm_Value arg = mvm_newInt32(vm, times);
    err = mvm_call(vm, exports[0], &result, &arg, 1);
    printf("press(%d): %d, presses = %d\n", times, err, (int)mvm_toInt32(vm, result));
  }

  mvm_Value name = mvm_newString(vm, "button", 6);
  err = mvm_call(vm, exports[1], &result, &name, 1);
  print_string(vm, "describe", result);

  /* A function kept in a handle survives a collection. */
  mvm_Handle greeter;
  mvm_initializeHandle(vm, &greeter);
  mvm_Value greeting = mvm_newString(vm, "Hello", 5);
  err = mvm_call(vm, exports[2], mvm_handleAt(&greeter), &greeting, 1);
  printf("makeGreeter: %d, typeof = %d\n", err, mvm_typeOf(vm, mvm_handleGet(&greeter)));
  mvm_runGC(vm, true);
  mvm_Value who = mvm_newString(vm, "C", 1);
  err = mvm_call(vm, mvm_handleGet(&greeter), &result, &who, 1);
  print_string(vm, "greeter", result);
  mvm_releaseHandle(vm, &greeter);

  /* An exception comes back as an error code and the thrown value. */
  mvm_Value message = mvm_newString(vm, "boom", 4);
  err = mvm_call(vm, exports[3], &result, &message, 1);
  printf("fail: %d (MVM_E_UNCAUGHT_EXCEPTION is %d)\n", err, MVM_E_UNCAUGHT_EXCEPTION);
  print_string(vm, "thrown", result);

  /* Bytes in and out. */
  const uint8_t data[] = {1, 2, 3, 250};
  mvm_Value bytes = mvm_uint8ArrayFromBytes(vm, data, sizeof data);
  err = mvm_call(vm, exports[4], &result, &bytes, 1);
  printf("checksum: %d\n", (int)mvm_toInt32(vm, result));
  bytes = mvm_uint8ArrayFromBytes(vm, data, sizeof data);
  uint8_t *view;
  size_t view_size;
  err = mvm_uint8ArrayToBytes(vm, bytes, &view, &view_size);
  view[0] = 100;
  err = mvm_call(vm, exports[4], &result, &bytes, 1);
  printf("checksum after writing in place: %d (%zu bytes)\n", (int)mvm_toInt32(vm, result),
         view_size);

  /* Bad input is an error code and the VM stays usable. */
  /* Not a value: the middle of the function `press` in the image. */
  mvm_Value garbage = (mvm_Value)(exports[0] + 4);
  err = mvm_call(vm, garbage, &result, NULL, 0);
  printf("calling garbage: %d (MVM_E_INVALID_ARGUMENTS is %d)\n", err,
         MVM_E_INVALID_ARGUMENTS);
  err = mvm_call(vm, exports[1], &result, &garbage, 1);
  printf("garbage argument: %d\n", err);
  mvm_Value unknown;
  static const mvm_VMExportID missing[] = {42};
  printf("missing export: %d\n", mvm_resolveExports(vm, missing, &unknown, 1));
  unsigned char *copy = malloc(image_size);
  memcpy(copy, image, image_size);
  copy[image_size / 2] ^= 0xFF;
  mvm_VM *broken;
  printf("corrupt image: %d (MVM_E_BYTECODE_CRC_FAIL is %d)\n",
         mvm_restore(&broken, copy, image_size, NULL, resolve_import), MVM_E_BYTECODE_CRC_FAIL);
  free(copy);

  /* A runaway budget ends a call, not the program. */
  mvm_stopAfterNInstructions(vm, 5);
  mvm_Value three = mvm_newInt32(vm, 3);
  err = mvm_call(vm, exports[0], &result, &three, 1);
  printf("budget of 5 instructions: %d (MVM_E_INSTRUCTION_COUNT_REACHED is %d)\n", err,
         MVM_E_INSTRUCTION_COUNT_REACHED);
  mvm_stopAfterNInstructions(vm, -1);
  err = mvm_call(vm, exports[1], &result, &name, 0);
  print_string(vm, "still working", result);

  mvm_TsMemoryStats stats;
  mvm_getMemoryStats(vm, &stats);
  printf("heap used: %s\n", stats.virtualHeapUsed > 0 ? "some" : "none");

  mvm_free(vm);
  free(image);
  return 0;
}
