/*
 * The port file for benchmarks/microvium-speed: Microvium's example port file
 * (dist-c/microvium_port_example.h in the npm package) with the settings a
 * user tuning for speed picks, and the language settings of vium's default
 * build:
 *
 *   - float support and int32 overflow checks on (vium's `float` and
 *     `overflow-checks` features, on by default);
 *   - no safe mode, trusted bytecode, no gas counter, no snapshot or debug
 *     capability: the consistency checks and counters that cost time;
 *   - one RAM page: every block Microvium gets from the host lies in the
 *     64 KiB page at BENCH_RAM_PAGE_ADDR (host.c maps it and allocates in
 *     it), so a 16-bit heap pointer becomes a native one with an OR instead
 *     of a walk over the heap's buckets. A Cortex-M whose RAM lies in one
 *     64 KiB page is in this shape;
 *   - a 1 KiB stack, as vium's default (DEFAULT_STACK_BYTES);
 *   - the heap capped at BENCH_MAX_HEAP bytes (30 KiB unless the compiler's
 *     command line sets it): Microvium collects only when its heap would
 *     grow past the cap, and a collection needs a second copy of the live
 *     data in the same page, so the cap is a little under half of the page.
 *
 * Built with -DBENCH_HEAP64=1 instead (the scaling runs' second memory
 * setting): blocks come from the C library's malloc, the heap may grow to
 * 0xFFFE bytes as vium's (MAX_HEAP), and heap pointers are found by walking
 * the buckets.
 */
#include "microvium_port_example.h"

#ifndef BENCH_HEAP64
#define BENCH_HEAP64 0
#endif

#define BENCH_RAM_PAGE_ADDR 0x20000000
#if BENCH_HEAP64
#undef BENCH_MAX_HEAP
#define BENCH_MAX_HEAP 0xFFFE
#elif !defined(BENCH_MAX_HEAP)
#define BENCH_MAX_HEAP 30720
#endif

#undef MVM_STACK_SIZE
#define MVM_STACK_SIZE 1024

#undef MVM_MAX_HEAP_SIZE
#define MVM_MAX_HEAP_SIZE BENCH_MAX_HEAP

#undef MVM_NATIVE_POINTER_IS_16_BIT
#define MVM_NATIVE_POINTER_IS_16_BIT 0

#undef MVM_SUPPORT_FLOAT
#define MVM_SUPPORT_FLOAT 1

#undef MVM_PORT_INT32_OVERFLOW_CHECKS
#define MVM_PORT_INT32_OVERFLOW_CHECKS 1

#undef MVM_SAFE_MODE
#define MVM_SAFE_MODE 0

#undef MVM_DONT_TRUST_BYTECODE
#define MVM_DONT_TRUST_BYTECODE 0

#undef MVM_VERY_EXPENSIVE_MEMORY_CHECKS

#undef MVM_GAS_COUNTER

#undef MVM_INCLUDE_SNAPSHOT_CAPABILITY
#define MVM_INCLUDE_SNAPSHOT_CAPABILITY 0

#undef MVM_INCLUDE_DEBUG_CAPABILITY
#define MVM_INCLUDE_DEBUG_CAPABILITY 0

#undef MVM_USE_SINGLE_RAM_PAGE
#define MVM_USE_SINGLE_RAM_PAGE (!BENCH_HEAP64)

#undef MVM_RAM_PAGE_ADDR
#define MVM_RAM_PAGE_ADDR BENCH_RAM_PAGE_ADDR

#include <stddef.h>
extern void *bench_malloc(size_t size);
extern void bench_free(void *ptr);
#undef MVM_CONTEXTUAL_MALLOC
#define MVM_CONTEXTUAL_MALLOC(size, context) bench_malloc(size)
#undef MVM_CONTEXTUAL_FREE
#define MVM_CONTEXTUAL_FREE(ptr, context) bench_free(ptr)

extern void bench_fatal(void *vm, int e);
#undef MVM_FATAL_ERROR
#define MVM_FATAL_ERROR(vm, e) bench_fatal(vm, e)
