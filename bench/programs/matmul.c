/* matmul — dense double-precision matrix multiply (i-k-j order): float loads, mul, add. */
#include <stdint.h>

#define N 320
#define ROUNDS 32
static double a[N][N], b[N][N], c[N][N];
static volatile uint32_t seed_in = 12345;

static double multiply(uint32_t s) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s = s * 1103515245u + 12345u;
            a[i][j] = (double)(s >> 16 & 1023) / 64.0 - 8.0;
            s = s * 1103515245u + 12345u;
            b[i][j] = (double)(s >> 16 & 1023) / 128.0 - 4.0;
            c[i][j] = 0.0;
        }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            double aik = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
        }
    /* Every product and partial sum is exact in a double (small multiples of 1/8192),
     * so the checksum cannot depend on evaluation order. */
    double sum = 0.0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) sum += c[i][j] * (double)((i ^ j) & 7);
    return sum;
}

uint64_t run(void) {
    uint64_t check = 0;
    for (uint32_t r = 0, seed = seed_in; r < ROUNDS; r++)
        check = check * 31 + (uint64_t)(int64_t)(multiply(seed + r) * 8192.0);
    return check;
}
