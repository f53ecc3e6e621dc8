/* sieve — sieve of Eratosthenes over a byte array: tight loads/stores, branches. */
#include <stdint.h>

#define N (1u << 22)
#define ROUNDS 16
static uint8_t composite[N];
static volatile uint32_t rounds_in = ROUNDS;

uint64_t run(void) {
    uint64_t sum = 0;
    for (uint32_t r = 0, rounds = rounds_in; r < rounds; r++) {
        for (uint32_t i = 0; i < N; i++) composite[i] = 0;
        for (uint32_t i = 2; (uint64_t)i * i < N; i++)
            if (!composite[i])
                for (uint32_t j = i * i; j < N; j += i) composite[j] = 1;
        uint32_t count = 0;
        uint64_t last = 0;
        for (uint32_t i = 2; i < N; i++)
            if (!composite[i]) { count++; last = i; }
        sum = sum * 31 + count + last * (r + 1);
    }
    return sum;
}
