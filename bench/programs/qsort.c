/* qsort — quicksort (median of three, insertion sort for small ranges) of a
 * PRNG-filled array: compares, swaps, unpredictable branches, recursion. */
#include <stdint.h>

#define N (1u << 22)
static uint32_t arr[N];
static volatile uint64_t seed_in = 0x2545F4914F6CDD1Dull;

static void swap(uint32_t *a, uint32_t *b) { uint32_t t = *a; *a = *b; *b = t; }

static void insertion(uint32_t *a, int32_t n) {
    for (int32_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        int32_t j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static void quicksort(uint32_t *a, int32_t n) {
    while (n > 16) {
        int32_t mid = n / 2;
        if (a[mid] < a[0]) swap(&a[mid], &a[0]);
        if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid]) swap(&a[n - 1], &a[mid]);
        uint32_t pivot = a[mid];
        int32_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j) break;
            swap(&a[i], &a[j]);
            i++; j--;
        }
        /* recurse into the smaller half, loop on the larger: bounded depth */
        if (j + 1 < n - j - 1) { quicksort(a, j + 1); a += j + 1; n -= j + 1; }
        else { quicksort(a + j + 1, n - j - 1); n = j + 1; }
    }
    insertion(a, n);
}

uint64_t run(void) {
    uint64_t s = seed_in;
    for (uint32_t i = 0; i < N; i++) {
        s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
        arr[i] = (uint32_t)((s * 0x2545F4914F6CDD1Dull) >> 32);
    }
    quicksort(arr, (int32_t)N);
    uint64_t sum = 0;
    for (uint32_t i = 0; i < N; i++) {
        if (i && arr[i - 1] > arr[i]) return 0;  /* not sorted: a wrong checksum */
        sum = sum * 1000003u + arr[i];
    }
    return sum;
}
