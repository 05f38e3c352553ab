/*
 * The port file for benchmarks/microvium-firmware: Microvium's example port
 * file (dist-c/microvium_port_example.h in the npm package) with the
 * overrides Microvium's own size test uses (size-test/microvium_port.h):
 * no safe mode, trusted bytecode, no snapshot or debug capability, 32-bit
 * pointers, one 64 KiB RAM page at 0x20000000. Float support and int32
 * overflow checks are set per measured row, from the compiler's command
 * line: -DPORT_FLOAT=0|1 -DPORT_OVERFLOW_CHECKS=0|1.
 */
#include "microvium_port_example.h"

#ifndef PORT_FLOAT
#error "define PORT_FLOAT (0 or 1)"
#endif
#ifndef PORT_OVERFLOW_CHECKS
#error "define PORT_OVERFLOW_CHECKS (0 or 1)"
#endif

#undef MVM_NATIVE_POINTER_IS_16_BIT
#define MVM_NATIVE_POINTER_IS_16_BIT 0

#undef MVM_SUPPORT_FLOAT
#define MVM_SUPPORT_FLOAT PORT_FLOAT

#undef MVM_PORT_INT32_OVERFLOW_CHECKS
#define MVM_PORT_INT32_OVERFLOW_CHECKS PORT_OVERFLOW_CHECKS

#undef MVM_SAFE_MODE
#define MVM_SAFE_MODE 0

#undef MVM_DONT_TRUST_BYTECODE
#define MVM_DONT_TRUST_BYTECODE 0

#undef MVM_VERY_EXPENSIVE_MEMORY_CHECKS

#undef MVM_INCLUDE_SNAPSHOT_CAPABILITY
#define MVM_INCLUDE_SNAPSHOT_CAPABILITY 0

#undef MVM_INCLUDE_DEBUG_CAPABILITY
#define MVM_INCLUDE_DEBUG_CAPABILITY 0

extern void fatalError(void *vm, int e);
#undef MVM_FATAL_ERROR
#define MVM_FATAL_ERROR(vm, e) fatalError(vm, e)

#undef MVM_USE_SINGLE_RAM_PAGE
#define MVM_USE_SINGLE_RAM_PAGE 1

#undef MVM_RAM_PAGE_ADDR
#define MVM_RAM_PAGE_ADDR 0x20000000
