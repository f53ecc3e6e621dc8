/* wasi_main.c — turns a bench/programs/NAME.c into a whole command (a WASI program for
 * `tycho run`, or a native executable): print run()'s checksum, exit 0. */
#include <stdint.h>
#include <stdio.h>

uint64_t run(void);

int main(void) {
    printf("%016llx\n", (unsigned long long)run());
    return 0;
}
