/* catch.c — lunatic::trap::catch through ty_catch: results, caught traps of several
 * kinds, nesting, state kept across a caught trap, a receive inside a caught call, and
 * proc_exit inside catch still exiting (with its code). */
//! exit: 3
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tycho.h"

static volatile int32_t zero = 0;
static int32_t counter;

static int32_t ok(int32_t x) { counter++; return x * 10; }
static int32_t unreachable(int32_t x) { counter++; (void)x; __builtin_trap(); }
static int32_t divide(int32_t x) { counter++; return x / zero; }
static int32_t oob(int32_t x) { counter++; return *(volatile int32_t *)(uintptr_t)(0xFFFFFFF0u + (uint32_t)x); }
/* Unbounded recursion (through a volatile pointer, so clang cannot turn it into a loop)
 * with no shadow-stack frame: the engine's call depth runs out ("call stack exhausted").
 * (With locals in linear memory, C's shadow stack would overflow into the data first:
 * wasm has no guard page, and that is the C program's bug, not a trap.) */
static int32_t deep(int32_t x);
static int32_t (*volatile deep_ptr)(int32_t) = deep;
static int32_t deep(int32_t x) { return 1 + deep_ptr(x + 1); }
static int32_t inner(int32_t x) {
    int32_t r = -1;
    int rc = ty_catch(unreachable, x, &r);   /* traps inside, caught here */
    return rc == TY_ETRAP ? 100 + x : -1;
}
static int32_t outer_traps(int32_t x) {
    int32_t r = -1;
    ty_catch(ok, x, &r);                     /* fine inside, then we trap */
    __builtin_trap();
}
static int32_t waits(int32_t x) {
    int64_t tag = 77;
    if (ty_receive(&tag, 1, 1000) != TY_MSG_DATA) return -1;
    uint64_t v = 0;
    ty_read_u64(&v);
    return (int32_t)v + x;
}
static int32_t exits(int32_t x) { exit(x); }

static void show(const char *name, int32_t (*fn)(int32_t), int32_t arg) {
    int32_t r = -1;
    int rc = ty_catch(fn, arg, &r);
    printf("%-12s rc=%d r=%d\n", name, rc, r);
}

int main(void) {
    int32_t local = 1234;
    show("ok", ok, 4);
    show("unreachable", unreachable, 1);
    show("divide", divide, 1);
    show("oob", oob, 1);
    show("deep", deep, 1);
    show("nested", inner, 5);
    show("outer_traps", outer_traps, 6);
    ty_msg_begin(77);
    ty_msg_u64(35);
    ty_send(ty_self());
    show("receive", waits, 7);
    printf("counter=%d local=%d\n", counter, local);
    for (int i = 0; i < 1000; i++) ty_catch(unreachable, i, &(int32_t){0});
    printf("after 1000 caught traps: counter=%d\n", counter);
    fflush(stdout);
    show("exit", exits, 3);
    printf("not reached\n");
    return 0;
}
