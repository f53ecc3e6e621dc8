/* check.h — shared by the WASI test programs: each prints "what = value" lines that
 * tests/wasi/run.sh compares with the expected text exactly. */
#include <stdint.h>
#include <stdio.h>
#include <wasi/api.h>

#define SHOW(what, val) printf("%s = %ld\n", what, (long)(val))
/* A guest address past the end of memory, hidden from the optimizer. */
static inline void *bad_ptr(void) {
    static volatile uintptr_t p = 0xFFFFFFF0u;
    return (void *)p;
}

/* proc_raise is in preview 1 but not declared by this wasi-libc. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int32_t raw_proc_raise(uint32_t sig);
/* Raw path calls: wasi-libc's wrappers take C strings (and strlen them in the guest). */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                      int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags,
                      int32_t fd_out);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_create_directory")))
int32_t raw_path_create_directory(int32_t fd, int32_t path, int32_t path_len);
#define GPTR(p) ((int32_t)(uintptr_t)(p))
/* 64-bit values (long is 32 bits on wasm32) */
#define SHOW64(what, val) printf("%s = %lld\n", what, (long long)(val))
