/* pagefault.c — what a fresh page of memory costs on this machine, for reading the
 * spawn and memory rows of `make bench-actors` (a new process's first touches of its
 * linear memory and of the runtime's heap are page faults). Native, single-threaded:
 *   fault      first write to each page of a fresh anonymous mapping (per 4 KiB page)
 *   populate   the same pages made present by madvise(MADV_POPULATE_WRITE), no trap
 *   memset     writing a page that is already present (what a recycled page costs)
 * Prints one line: "pagefault: fault X us, populate Y us, memset Z us per 4 KiB page".
 * Usage: pagefault [MiB] (default 256). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static char *fresh(size_t bytes) {
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) { perror("pagefault: mmap"); exit(1); }
    return p;
}

int main(int argc, char **argv) {
    long mib = argc > 1 ? strtol(argv[1], NULL, 10) : 256;
    if (mib < 1 || mib > 65536) { fprintf(stderr, "pagefault: MiB must be 1..65536\n"); return 2; }
    size_t bytes = (size_t)mib << 20, pages = bytes / 4096;

    char *a = fresh(bytes);
    double t0 = now();
    for (size_t i = 0; i < bytes; i += 4096) a[i] = 1;
    double fault = (now() - t0) / (double)pages * 1e6;

    char *b = fresh(bytes);
    t0 = now();
    double populate = -1;
    if (madvise(b, bytes, MADV_POPULATE_WRITE) == 0) populate = (now() - t0) / (double)pages * 1e6;

    t0 = now();
    for (size_t i = 0; i < bytes; i += 4096) memset(a + i, 0, 4096);
    double set = (now() - t0) / (double)pages * 1e6;

    printf("pagefault: fault %.3f us, populate ", fault);
    if (populate < 0) printf("n/a");
    else printf("%.3f us", populate);
    printf(", memset %.3f us per 4 KiB page (%ld MiB)\n", set, mib);
    munmap(a, bytes);
    munmap(b, bytes);
    return 0;
}
