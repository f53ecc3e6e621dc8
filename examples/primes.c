/* primes.c — the demo guest of `make run`: counts the primes below n with a sieve.
 * Built with clang-19 --target=wasm32-wasi (no libc needed) and run by
 *   build/tycho build/examples/primes.wasm count_primes 10000000 */
#include <stdint.h>

#define MAX 20000000u
static uint8_t composite[MAX];

__attribute__((export_name("count_primes"))) int32_t count_primes(int32_t n)
{
    if (n < 0 || (uint32_t)n > MAX)
        return -1;
    int32_t count = 0;
    for (uint32_t i = 2; i < (uint32_t)n; i++) {
        if (composite[i])
            continue;
        count++;
        for (uint64_t j = (uint64_t)i * i; j < (uint32_t)n; j += i)
            composite[j] = 1;
    }
    return count;
}
