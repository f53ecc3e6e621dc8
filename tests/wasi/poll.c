/* poll.c — poll_oneoff with several subscriptions of mixed kinds. stdin is a pipe whose
 * writer sends "hello" after about 0.3 s and closes it about 0.3 s later (run.sh); fd 3
 * is a preopened directory. Events come in subscription order. */
#include <string.h>
#include "check.h"

#define CLOCK(ud, ns, fl) {.userdata = ud, .u.tag = __WASI_EVENTTYPE_CLOCK, \
    .u.u.clock = {.id = __WASI_CLOCKID_MONOTONIC, .timeout = ns, .flags = fl}}
#define READ(ud, fd)  {.userdata = ud, .u.tag = __WASI_EVENTTYPE_FD_READ, .u.u.fd_read = {fd}}
#define WRITE(ud, fd) {.userdata = ud, .u.tag = __WASI_EVENTTYPE_FD_WRITE, .u.u.fd_write = {fd}}

static void poll(const char *what, const __wasi_subscription_t *subs, size_t n) {
    __wasi_event_t ev[8];
    size_t nev = 0;
    memset(ev, 0, sizeof ev);
    int e = __wasi_poll_oneoff(subs, ev, n, &nev);
    printf("%s: %d, %zu event%s\n", what, e, nev, nev == 1 ? "" : "s");
    for (size_t i = 0; i < nev && i < 8; i++)
        printf("  userdata %llu type %d error %d nbytes %llu flags %d\n",
               (unsigned long long)ev[i].userdata, ev[i].type, ev[i].error,
               (unsigned long long)ev[i].fd_readwrite.nbytes, ev[i].fd_readwrite.flags);
}

int main(void) {
    /* a file with 10 bytes, 3 of them read */
    __wasi_fd_t f;
    size_t n;
    uint8_t buf[16];
    SHOW("create", __wasi_path_open(3, 0, "f", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                                    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                                    __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_POLL_FD_READWRITE, 0, 0, &f));
    SHOW("write", __wasi_fd_write(f, &(__wasi_ciovec_t){(const uint8_t *)"0123456789", 10}, 1, &n));
    SHOW("read 3", __wasi_fd_pread(f, &(__wasi_iovec_t){buf, 3}, 1, 0, &n));
    __wasi_filesize_t pos;
    SHOW("seek 3", __wasi_fd_seek(f, 3, __WASI_WHENCE_SET, &pos));

    /* stdin has no data yet: the 30 ms timeout wins */
    __wasi_subscription_t a[] = {READ(1, 0), CLOCK(2, 30000000, 0)};
    poll("stdin (empty) + 30 ms", a, 2);
    /* everything ready at once, in order; the 10 s clock is not */
    __wasi_subscription_t b[] = {
        READ(10, f), WRITE(11, 1), CLOCK(12, 1, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME),
        READ(13, 77), CLOCK(14, 10000000000ull, 0), WRITE(15, f), READ(16, 3),
        {.userdata = 17, .u.tag = 9}};
    poll("file read + stdout write + past deadline + bad fd + 10 s + file write + dir + bad tag",
         b, 8);
    __wasi_subscription_t c[] = {CLOCK(20, 1, 0), {.userdata = 21, .u.tag = __WASI_EVENTTYPE_CLOCK,
                                                   .u.u.clock = {.id = 9, .timeout = 1}}};
    poll("1 ns + unknown clock", c, 2);
    /* stdin's data arrives while waiting */
    __wasi_subscription_t d[] = {CLOCK(30, 10000000000ull, 0), READ(31, 0), WRITE(32, 77)};
    poll("10 s + stdin + bad fd for writing", d, 3);
    __wasi_subscription_t e[] = {CLOCK(40, 10000000000ull, 0), READ(41, 0)};
    poll("10 s + stdin (data)", e, 2);
    SHOW("read stdin", __wasi_fd_read(0, &(__wasi_iovec_t){buf, sizeof buf}, 1, &n));
    printf("  [%.*s]\n", (int)n, (char *)buf);
    /* the writer closes: a hang-up */
    __wasi_subscription_t g[] = {READ(50, 0), CLOCK(51, 10000000000ull, 0)};
    poll("stdin (closed) + 10 s", g, 2);
    SHOW("read stdin", __wasi_fd_read(0, &(__wasi_iovec_t){buf, sizeof buf}, 1, &n));
    SHOW("  bytes", n);
    SHOW("close", __wasi_fd_close(f));
    SHOW("unlink", __wasi_path_unlink_file(3, "f"));
    return 0;
}
