/*
 * Start-up code for a Cortex-M with newlib: the vector table, the reset
 * handler (initialises RAM, opens the semihosting console, runs main and
 * exits with its status), a fault handler, and _sbrk, which gives malloc
 * the RAM between .bss and the stack (see link.ld).
 *
 * The console and exit use newlib's semihosting library (librdimon, from
 * --specs=rdimon.specs), which needs a debugger or an emulator. On a board
 * without one, link --specs=nosys.specs instead, write _write for a UART,
 * and drop initialise_monitor_handles.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* From link.ld. */
extern uint32_t __data_start[], __data_end[], __data_load[];
extern uint32_t __bss_start[], __bss_end[];
extern char __heap_start[], __heap_end[];
extern uint32_t __stack_top[];

int main(void);
void initialise_monitor_handles(void); /* librdimon */
void reset_handler(void);

void reset_handler(void) {
  memcpy(__data_start, __data_load, (size_t)((char *)__data_end - (char *)__data_start));
  memset(__bss_start, 0, (size_t)((char *)__bss_end - (char *)__bss_start));
  initialise_monitor_handles();
  exit(main());
}

/* Any fault (or an exception this firmware does not expect) ends the run
 * with status 100. */
static void fault_handler(void) {
  static const char message[] = "fault\n";
  write(STDERR_FILENO, message, sizeof message - 1);
  _exit(100);
}

/* The initial stack pointer, then the handlers of the Cortex-M's own
 * exceptions (the unused ones are left 0). No interrupts are enabled. */
struct vector_table {
  uint32_t *stack_top;
  void (*handlers[15])(void);
};

__attribute__((section(".vectors"), used)) static const struct vector_table vectors = {
    __stack_top,
    {
        reset_handler,
        fault_handler, /* NMI */
        fault_handler, /* HardFault */
    },
};

/* Grows malloc's heap, from the end of .bss up to the stack's reserve. */
void *_sbrk(ptrdiff_t increment) {
  static char *top = __heap_start;
  if (increment > __heap_end - top || increment < __heap_start - top) {
    errno = ENOMEM;
    return (void *)-1;
  }
  char *previous = top;
  top += increment;
  return previous;
}
