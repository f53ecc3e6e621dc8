/* stdin_shared.c — all the processes of a program read one stdin (docs/wasi.md): one
 * stream, like the processes of a Unix pipeline sharing a terminal or a file; what one
 * reads the others do not see, and a regular file's offset moves for all of them. Two
 * children each read 4 bytes in turn; then the root reads the rest. */
//! stdin: 0123456789abcdef
#include <stdio.h>
#include <unistd.h>
#include <wasi/api.h>

#include "harness.h"

#define T_READ  1
#define WAIT_MS 10000

static void child(int64_t to) {
    char buf[4];
    ssize_t n = read(0, buf, sizeof buf);
    ty_send_raw((ty_pid)to, T_READ, buf, n > 0 ? (size_t)n : 0);
}

int main(void) {
    for (int i = 0; i < 2; i++) {
        ty_pid pid;
        if (ty_spawn(child, (int64_t)ty_self(), &pid) != 0) { puts("spawn failed"); return 1; }
        if (ty_receive_tag(T_READ, WAIT_MS) != TY_MSG_DATA) { puts("no reply"); return 1; }
        char buf[8] = {0};
        ty_read_raw(buf, 4);
        printf("child %d read [%s]\n", i + 1, buf);
    }
    __wasi_filesize_t pos = 0;
    printf("stdin offset: %d, %llu\n", __wasi_fd_tell(0, &pos), (unsigned long long)pos);
    char rest[32] = {0};
    ssize_t n = read(0, rest, sizeof rest - 1);
    printf("root read %zd [%s]\n", n, rest);
    return 0;
}
