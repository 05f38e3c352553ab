/*
 * mvm-speed: the Microvium 8 side of scripts/bench-vs-microvium.sh, the twin
 * of benchmarks/speed (vium's harness), with the same options and output.
 *
 *   mvm-speed IMAGE.mvm-bc --expect NUMBER [--arg NUMBER] [--repeat N]
 *             [--time SAMPLES] [--stats]
 *
 * Restores a Microvium image (made by Microvium's compiler from a workload
 * script), calls export 1 once to check it (the warm-up call), then:
 *
 *   --repeat N     (default 1) calls export 1 N more times inside
 *                  mvm_speed_measured, a function of its own that callgrind
 *                  counts alone (--collect-atstart=no
 *                  --toggle-collect=mvm_speed_measured).
 *   --time SAMPLES wall clock: finds a number of calls that takes at least
 *                  20 ms, times SAMPLES batches of it, prints the median
 *                  nanoseconds per call.
 *   --arg NUMBER   passes NUMBER to export 1 (a workload's size).
 *   --stats        memory figures after every call so far (see below).
 *
 * Every call's result must be the number NUMBER given by --expect; anything
 * else, an uncaught exception or a fatal error exits 1, with the reason on
 * stderr. Prints one line:
 *   ok FILE result=R calls=N image=BYTES [wall_ns_per_call=T samples=S batch=B]
 *      [heap_peak=B stack_peak=B stack_reserved=B ram_peak=B]
 *
 * Memory: every block Microvium asks for comes from one 64 KiB page mapped
 * at BENCH_RAM_PAGE_ADDR (microvium_port.h), by a first-fit allocator over
 * the page; built with -DBENCH_HEAP64=1, from the C library's malloc. With
 * --stats:
 *   heap_peak      Microvium's virtualHeapHighWaterMark (mvm_getMemoryStats):
 *                  the most heap bytes in use at once, garbage included.
 *   stack_peak     the highest stack byte a call wrote: the stack block is
 *                  zeroed when the VM obtains it at the start of each call,
 *                  and scanned for its highest non-zero 16-bit word when the
 *                  VM gives it back (the method benchmarks/speed uses for vium).
 *   stack_reserved Microvium's stackHighWaterMark: the highest stack extent
 *                  its frames reserved (each function's maximum stack depth).
 *   ram_peak       the most bytes of blocks held from the host at once (the
 *                  VM, its globals, its heap buckets, a collection's second
 *                  copy, the stack during a call), without the allocator's
 *                  own headers.
 *
 * Import 1 is add(a, b), as in benchmarks/speed and tests/node-shim.mjs:
 * numbers add, and when either is a string the result is their texts
 * joined.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "microvium.h"

/* ------------------------------------------------------------ memory */

/* Every block has this many bytes more than asked for. Microvium 8.0.0's
   collector can write a few bytes past the end of a heap bucket: when it
   merges an object's extension property lists into the copy of the object,
   it checks for room for `childPropCount` words where it writes twice as many
   (gc_processShortPtrValue). With the C library's malloc alone that lands in
   the allocator's padding or its next chunk's header; in the page it would
   overwrite the next block's header. The slack is not counted in ram_peak. */
#define BLOCK_SLACK 32u

/* A block: an 8-byte header, then the payload (8-aligned); `asked` is the
   size the VM asked for, FREE when the block is free. */
typedef struct {
  uint32_t size;
  uint32_t asked;
} block_header;
#define FREE UINT32_MAX

/* The stack probe and the RAM figure (--stats). */
static int probe_armed;
static uint8_t *probe_block;
static size_t stack_peak;
static size_t ram_now, ram_peak;

static void *obtained(uint8_t *p, size_t size) {
  ram_now += size;
  if (ram_now > ram_peak) ram_peak = ram_now;
  if (probe_armed) {
    probe_armed = 0;
    probe_block = p;
    memset(p, 0, size);
  }
  return p;
}

static void released(uint8_t *p, size_t size) {
  if (p == probe_block) {
    /* The stack is the block's last MVM_STACK_SIZE bytes (the registers
       come first). */
    const uint8_t *stack = p + size - MVM_STACK_SIZE;
    size_t top = MVM_STACK_SIZE;
    while (top >= 2 && stack[top - 1] == 0 && stack[top - 2] == 0) top -= 2;
    if (top > stack_peak) stack_peak = top;
    probe_block = NULL;
  }
  ram_now -= size;
}

#if BENCH_HEAP64

static void page_init(void) {}

void *bench_malloc(size_t size) {
  block_header *b = malloc(sizeof *b + size + BLOCK_SLACK);
  if (!b) return NULL;
  b->size = size + BLOCK_SLACK;
  b->asked = size;
  return obtained((uint8_t *)(b + 1), size);
}

void bench_free(void *ptr) {
  if (!ptr) return;
  block_header *b = (block_header *)ptr - 1;
  released(ptr, b->asked);
  free(b);
}

#else

#define PAGE_BYTES 0x10000u
/* The blocks end this many bytes before the end of the page: a pointer just
   past a block at the very end would truncate to 16 bits as 0, the start of
   the page. */
#define PAGE_END_GAP 8u

static uint8_t *page;

static block_header *next_block(block_header *b) {
  uint8_t *n = (uint8_t *)(b + 1) + b->size;
  return n < page + PAGE_BYTES - PAGE_END_GAP ? (block_header *)n : NULL;
}

static void page_init(void) {
  void *p = mmap((void *)(uintptr_t)BENCH_RAM_PAGE_ADDR, PAGE_BYTES, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p != (void *)(uintptr_t)BENCH_RAM_PAGE_ADDR) {
    fprintf(stderr, "mvm-speed: cannot map the RAM page at 0x%x: %s\n", BENCH_RAM_PAGE_ADDR,
            p == MAP_FAILED ? strerror(errno) : "mapped elsewhere");
    exit(1);
  }
  page = p;
  block_header *first = (block_header *)page;
  first->size = PAGE_BYTES - PAGE_END_GAP - sizeof(block_header);
  first->asked = FREE;
}

/* First fit, merging free neighbours on the way. */
void *bench_malloc(size_t size) {
  size_t need = (size + BLOCK_SLACK + 7) & ~(size_t)7;
  for (block_header *b = (block_header *)page; b; b = next_block(b)) {
    if (b->asked != FREE) continue;
    for (block_header *n = next_block(b); n && n->asked == FREE; n = next_block(b)) {
      b->size += sizeof(block_header) + n->size;
    }
    if (b->size < need) continue;
    if (b->size >= need + sizeof(block_header) + 8) {
      block_header *rest = (block_header *)((uint8_t *)(b + 1) + need);
      rest->size = b->size - need - sizeof(block_header);
      rest->asked = FREE;
      b->size = need;
    }
    b->asked = size;
    return obtained((uint8_t *)(b + 1), size);
  }
  return NULL;
}

void bench_free(void *ptr) {
  if (!ptr) return;
  block_header *b = (block_header *)ptr - 1;
  released(ptr, b->asked);
  b->asked = FREE;
}

#endif

/* ------------------------------------------------------------ errors */

static const char *file;

static const char *error_name(int e) {
  switch (e) {
    case MVM_E_MALLOC_FAIL: return BENCH_HEAP64 ? "malloc failed" : "malloc failed: no room left in the RAM page";
    case MVM_E_ALLOCATION_TOO_LARGE: return "allocation too large";
    case MVM_E_STACK_OVERFLOW: return "stack overflow";
    case MVM_E_ARRAY_TOO_LONG: return "array too long";
    case MVM_E_OUT_OF_MEMORY: return "out of memory (the heap reached MVM_MAX_HEAP_SIZE)";
    case MVM_E_INVALID_ARRAY_INDEX: return "invalid array index (Microvium allows 0 to 8191)";
    case MVM_E_UNCAUGHT_EXCEPTION: return "uncaught exception";
    case MVM_E_TYPE_ERROR: return "type error";
    case MVM_E_NOT_IMPLEMENTED: return "not implemented";
    default: return "error";
  }
}

void bench_fatal(void *vm, int e) {
  (void)vm;
  fprintf(stderr, "mvm-speed: %s: fatal: Microvium error %d, %s\n", file, e, error_name(e));
  exit(1);
}

/* ------------------------------------------------------------ the host */

static mvm_TeError add(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args,
                       uint8_t argc) {
  (void)id;
  mvm_Value a = argc > 0 ? args[0] : mvm_undefined;
  mvm_Value b = argc > 1 ? args[1] : mvm_undefined;
  if (mvm_typeOf(vm, a) == VM_T_STRING || mvm_typeOf(vm, b) == VM_T_STRING) {
    static char text[4096];
    size_t la, lb;
    const char *ta = mvm_toStringUtf8(vm, a, &la);
    if (la > sizeof text) la = sizeof text;
    memcpy(text, ta, la);
    const char *tb = mvm_toStringUtf8(vm, b, &lb);
    if (lb > sizeof text - la) lb = sizeof text - la;
    memcpy(text + la, tb, lb);
    *result = mvm_newString(vm, text, la + lb);
    return MVM_E_SUCCESS;
  }
  *result = mvm_newNumber(vm, mvm_toFloat64(vm, a) + mvm_toFloat64(vm, b));
  return MVM_E_SUCCESS;
}

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)context;
  if (id != 1) return MVM_E_UNRESOLVED_IMPORT;
  *out = add;
  return MVM_E_SUCCESS;
}

/* ------------------------------------------------------------ calls */

typedef struct {
  mvm_VM *vm;
  mvm_Handle export1;
  int has_arg;
  double arg;
  double expected;
} bench;

static void fail(const char *what, const char *detail) {
  fprintf(stderr, "mvm-speed: %s: %s%s\n", file, what, detail ? detail : "");
  exit(1);
}

/* One call of export 1, checked against the expected result. */
static inline __attribute__((always_inline)) void call_once(bench *b) {
  mvm_Value result, arg;
  uint8_t argc = 0;
  if (b->has_arg) {
    arg = mvm_newNumber(b->vm, b->arg);
    argc = 1;
  }
  mvm_TeError e = mvm_call(b->vm, mvm_handleGet(&b->export1), &result, &arg, argc);
  if (e == MVM_E_SUCCESS && mvm_typeOf(b->vm, result) == VM_T_NUMBER &&
      mvm_toFloat64(b->vm, result) == b->expected) {
    return;
  }
  if (e == MVM_E_UNCAUGHT_EXCEPTION) {
    size_t len;
    const char *text = mvm_toStringUtf8(b->vm, result, &len);
    char line[200];
    snprintf(line, sizeof line, "%.*s", (int)(len < 150 ? len : 150), text);
    fail("Uncaught ", line);
  }
  if (e != MVM_E_SUCCESS) {
    char line[120];
    snprintf(line, sizeof line, "Microvium error %d, %s", e, error_name(e));
    fail("call failed: ", line);
  }
  size_t len;
  const char *text = mvm_toStringUtf8(b->vm, result, &len);
  char line[200];
  snprintf(line, sizeof line, "%.*s (expected %.17g)", (int)(len < 150 ? len : 150), text,
           b->expected);
  fail("wrong result ", line);
}

/* The measured calls: callgrind counts this function alone
   (--toggle-collect=mvm_speed_measured), so its name must not change. */
__attribute__((noinline, used)) void mvm_speed_measured(bench *b, uint64_t calls) {
  for (uint64_t i = 0; i < calls; i++) call_once(b);
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int usage(void) {
  fprintf(stderr,
          "usage: mvm-speed IMAGE.mvm-bc --expect NUMBER [--arg NUMBER] [--repeat N] "
          "[--time SAMPLES] [--stats]\n");
  return 2;
}

static int parse_number(const char *s, double *out) {
  char *end;
  *out = strtod(s, &end);
  return *s && !*end;
}

int main(int argc, char **argv) {
  double expected = 0, arg = 0, repeat_f = 1, samples_f = 0;
  int has_expect = 0, has_arg = 0, stats = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--stats")) {
      stats = 1;
    } else if (!strcmp(a, "--expect") || !strcmp(a, "--arg") || !strcmp(a, "--repeat") ||
               !strcmp(a, "--time")) {
      double n;
      if (!v || !parse_number(v, &n)) return usage();
      if (!strcmp(a, "--expect")) expected = n, has_expect = 1;
      if (!strcmp(a, "--arg")) arg = n, has_arg = 1;
      if (!strcmp(a, "--repeat")) repeat_f = n;
      if (!strcmp(a, "--time")) samples_f = n;
      i++;
    } else if (a[0] != '-' && !file) {
      file = a;
    } else {
      return usage();
    }
  }
  if (!file || !has_expect || repeat_f < 0 || samples_f < 0) return usage();
  uint64_t repeat = (uint64_t)repeat_f;
  size_t samples = (size_t)samples_f;

  FILE *f = fopen(file, "rb");
  if (!f) fail("cannot read: ", strerror(errno));
  static uint8_t image[0x10000];
  size_t image_len = fread(image, 1, sizeof image, f);
  fclose(f);

  page_init();
  bench b = {.has_arg = has_arg, .arg = arg, .expected = expected};
  probe_armed = 0;
  mvm_TeError e = mvm_restore(&b.vm, image, image_len, NULL, resolve_import);
  if (e != MVM_E_SUCCESS) {
    char line[120];
    snprintf(line, sizeof line, "Microvium error %d, %s", e, error_name(e));
    fail("cannot restore: ", line);
  }
  mvm_initializeHandle(b.vm, &b.export1);
  static const mvm_VMExportID ids[1] = {1};
  mvm_Value export1;
  if (mvm_resolveExports(b.vm, ids, &export1, 1) != MVM_E_SUCCESS) fail("no export with id 1", NULL);
  mvm_handleSet(&b.export1, export1);

  /* The warm-up call, then the measured ones. With --stats each call's
     stack is probed (the first block a call obtains is its stack). */
  probe_armed = stats;
  call_once(&b);
  if (stats) {
    for (uint64_t i = 0; i < repeat; i++) {
      probe_armed = 1;
      call_once(&b);
    }
    probe_armed = 0;
  } else {
    mvm_speed_measured(&b, repeat);
  }
  printf("ok %s result=%.17g calls=%llu image=%zu", file, expected, (unsigned long long)repeat,
         image_len);
  if (samples > 0) {
    uint64_t batch = 1;
    for (;;) {
      double t = now_ns();
      mvm_speed_measured(&b, batch);
      if (now_ns() - t >= 20e6) break;
      batch *= 2;
    }
    double *times = malloc(samples * sizeof *times);
    for (size_t i = 0; i < samples; i++) {
      double t = now_ns();
      mvm_speed_measured(&b, batch);
      times[i] = (now_ns() - t) / (double)batch;
    }
    qsort(times, samples, sizeof *times, cmp_double);
    printf(" wall_ns_per_call=%.0f samples=%zu batch=%llu", times[samples / 2], samples,
           (unsigned long long)batch);
    free(times);
  }
  if (stats) {
    mvm_TsMemoryStats m;
    mvm_getMemoryStats(b.vm, &m);
    printf(" heap_peak=%zu stack_peak=%zu stack_reserved=%zu ram_peak=%zu",
           m.virtualHeapHighWaterMark, stack_peak, m.stackHighWaterMark, ram_peak);
  }
  printf("\n");
  mvm_releaseHandle(b.vm, &b.export1);
  mvm_free(b.vm);
  return 0;
}
