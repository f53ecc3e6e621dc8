/* pthread_stubs.c — pthread_join and pthread_detach for Rust test binaries: Rust's test
 * library links against them, and Debian's wasi-libc (2022) has no threads. Never
 * called: a test binary's main (libtest) is not run by tycho's test mode, and a
 * wasm32-wasip1 process has no second thread to join. Linked as an archive, so only the
 * programs that need them get them. */
#include <errno.h>

typedef unsigned long pthread_t;

int pthread_join(pthread_t thread, void **retval) {
    (void)thread; (void)retval;
    return ENOSYS;
}

int pthread_detach(pthread_t thread) {
    (void)thread;
    return ENOSYS;
}
