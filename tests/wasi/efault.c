/* efault.c — pointers and lengths outside linear memory give EFAULT (21), never a crash. */
#include "check.h"

int main(void) {
    void *bad = bad_ptr();
    uint8_t buf[16];
    __wasi_ciovec_t iov = {bad, 100};
    size_t n;
    SHOW("fd_write iovs", __wasi_fd_write(1, bad, 1, &n));
    SHOW("fd_write buf", __wasi_fd_write(1, &iov, 1, &n));
    SHOW("fd_write nwritten", __wasi_fd_write(1, &(__wasi_ciovec_t){buf, 0}, 1, bad));
    __wasi_iovec_t riov = {bad, 10};
    SHOW("fd_read buf", __wasi_fd_read(0, &riov, 1, &n));
    SHOW("args_sizes_get", __wasi_args_sizes_get(bad, &n));
    SHOW("args_get", __wasi_args_get(bad, bad));
    SHOW("environ_get", __wasi_environ_get(bad, (uint8_t *)buf));
    SHOW("clock_time_get", __wasi_clock_time_get(0, 1, bad));
    SHOW("clock_res_get", __wasi_clock_res_get(0, bad));
    SHOW("random_get", __wasi_random_get(bad, 32));
    SHOW("random_get len", __wasi_random_get(buf, 0x7FFFFFFF));
    SHOW("fd_fdstat_get", __wasi_fd_fdstat_get(1, bad));
    SHOW("fd_filestat_get", __wasi_fd_filestat_get(1, bad));
    SHOW("fd_prestat_get", __wasi_fd_prestat_get(3, bad));
    SHOW("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(3, bad, 100));
    SHOW("path_open path", raw_path_open(3, 0, GPTR(bad), 100, 0, 0, 0, 0, GPTR(buf)));
    SHOW("path_open path len", raw_path_open(3, 0, GPTR(buf), 0x7FFFFFFF, 0, 0, 0, 0, GPTR(buf)));
    SHOW("path_open fd out", raw_path_open(3, 0, GPTR("."), 1, 0, 0, 0, 0, GPTR(bad)));
    SHOW("path_create_directory", raw_path_create_directory(3, GPTR(bad), 5));
    SHOW("fd_readdir", __wasi_fd_readdir(3, bad, 100, 0, &n));
    SHOW("poll_oneoff", __wasi_poll_oneoff(bad, bad, 1, &n));
    printf("survived\n");
    return 0;
}
