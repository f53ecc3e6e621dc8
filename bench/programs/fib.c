/* fib — naive doubly recursive Fibonacci: call/return overhead. */
#include <stdint.h>

/* volatile so the native compiler cannot fold the whole computation */
static volatile uint32_t n_in = 41;

static uint64_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

uint64_t run(void) { return fib(n_in); }
