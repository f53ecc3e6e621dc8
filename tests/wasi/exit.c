/* exit.c — exit status: `exit N`, `return N` from main, `trap`, `raise`. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv) {
    if (argc < 3) return 0;
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 10);
    printf("before\n");
    fflush(stdout);
    if (!strcmp(argv[1], "exit")) exit((int)n);
    if (!strcmp(argv[1], "proc_exit")) __wasi_proc_exit(n);
    if (!strcmp(argv[1], "trap")) __builtin_trap();
    if (!strcmp(argv[1], "raise")) {
        SHOW("raise SIGCHLD", raw_proc_raise(16));
        SHOW("raise 99", raw_proc_raise(99));
        fflush(stdout);
        raw_proc_raise(6);
    }
    printf("after\n");
    return (int)n;
}
