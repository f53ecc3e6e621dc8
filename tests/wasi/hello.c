/* hello.c — stdout through printf, stderr, and a raw fd_write. */
#include <string.h>
#include "check.h"

int main(void) {
    printf("hello, wasi\n");
    fflush(stdout);
    const char msg[] = "raw write\n";
    __wasi_ciovec_t iov[2] = {{(const uint8_t *)msg, 4}, {(const uint8_t *)msg + 4, strlen(msg) - 4}};
    size_t n = 0;
    __wasi_errno_t e = __wasi_fd_write(1, iov, 2, &n);
    SHOW("fd_write", e);
    SHOW("written", n);
    fflush(stdout);
    fprintf(stderr, "to stderr\n");
    return 0;
}
