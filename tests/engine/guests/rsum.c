/* rsum.c — a real C guest for test_resume: recursion the compiler must keep.
 * Built with clang --target=wasm32-wasi -O2 -nostdlib -Wl,--export=rsum (see
 * mk/engine_tests.mk). The store to a volatile global after the recursive call keeps
 * clang from turning the recursion into a loop (check with wasm2wat: `call $rsum`). */
static volatile long long deepest;

__attribute__((noinline)) long long rsum(long long n)
{
    if (n == 0)
        return 0;
    long long r = rsum(n - 1);
    deepest = n;
    return n + r;
}

/* The last n that returned: after rsum(n) completes, n. */
long long last(void) { return deepest; }
