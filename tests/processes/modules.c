/* modules.c — lunatic::process::compile_module / drop_module and modules in messages
 * (lunatic::message::push_module / take_module): hand-written modules embedded below
 * (their text in comments; built with wat2wasm), every compile error class, spawning an
 * export of an explicit module vs module -1, spawn errors that only a module can cause
 * (spawn during the start function, memory above max_memory), the program's own .wasm
 * compiled and spawned from (it is argv[0]; `--dir /` lets the program read it), modules
 * moved to other processes, and the traps: unknown/dropped module ids, push without a
 * message, take of a missing index (seen through a link). Root trap text: modules_trap.c. */
//! options: --dir /
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/*
 * (module
 *   (import "lunatic::message" "create_data" (func $create (param i64 i64)))
 *   (import "lunatic::message" "write_data" (func $write (param i32 i32) (result i32)))
 *   (import "lunatic::message" "send" (func $send (param i64) (result i32)))
 *   (memory (export "memory") 1)
 *   (data (i32.const 0) "module says hi")
 *   (func (export "hello") (param $to i64) (param $x i32)
 *     (call $create (i64.const 5) (i64.const 0))
 *     (drop (call $write (i32.const 0) (i32.const 14)))
 *     (i32.store (i32.const 16) (i32.mul (local.get $x) (i32.const 2)))
 *     (drop (call $write (i32.const 16) (i32.const 4)))
 *     (drop (call $send (local.get $to))))
 *   (func (export "boom") unreachable))
 */
static const uint8_t wasm_hello[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x19, 0x05, 0x60, 0x02, 0x7e, 0x7e, 0x00,
    0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7e, 0x01, 0x7f, 0x60, 0x02, 0x7e, 0x7f, 0x00,
    0x60, 0x00, 0x00, 0x02, 0x56, 0x03, 0x10, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a, 0x3a,
    0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65, 0x0b, 0x63, 0x72, 0x65, 0x61, 0x74, 0x65, 0x5f, 0x64,
    0x61, 0x74, 0x61, 0x00, 0x00, 0x10, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a, 0x3a, 0x6d,
    0x65, 0x73, 0x73, 0x61, 0x67, 0x65, 0x0a, 0x77, 0x72, 0x69, 0x74, 0x65, 0x5f, 0x64, 0x61, 0x74,
    0x61, 0x00, 0x01, 0x10, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a, 0x3a, 0x6d, 0x65, 0x73,
    0x73, 0x61, 0x67, 0x65, 0x04, 0x73, 0x65, 0x6e, 0x64, 0x00, 0x02, 0x03, 0x03, 0x02, 0x03, 0x04,
    0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x19, 0x03, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02,
    0x00, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x03, 0x04, 0x62, 0x6f, 0x6f, 0x6d, 0x00, 0x04,
    0x0a, 0x2b, 0x02, 0x25, 0x00, 0x42, 0x05, 0x42, 0x00, 0x10, 0x00, 0x41, 0x00, 0x41, 0x0e, 0x10,
    0x01, 0x1a, 0x41, 0x10, 0x20, 0x01, 0x41, 0x02, 0x6c, 0x36, 0x02, 0x00, 0x41, 0x10, 0x41, 0x04,
    0x10, 0x01, 0x1a, 0x20, 0x00, 0x10, 0x02, 0x1a, 0x0b, 0x03, 0x00, 0x00, 0x0b, 0x0b, 0x14, 0x01,
    0x00, 0x41, 0x00, 0x0b, 0x0e, 0x6d, 0x6f, 0x64, 0x75, 0x6c, 0x65, 0x20, 0x73, 0x61, 0x79, 0x73,
    0x20, 0x68, 0x69,
};

/*
 * (module (memory 2) (func (export "idle")))
 */
static const uint8_t wasm_two_pages[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
    0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x02, 0x07, 0x08, 0x01, 0x04, 0x69, 0x64, 0x6c, 0x65, 0x00,
    0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
};

/*
 * (module
 *   (import "lunatic::process" "spawn"
 *     (func $spawn (param i64 i64 i64 i32 i32 i32 i32 i32) (result i32)))
 *   (import "lunatic::error" "string_size" (func $esize (param i64) (result i32)))
 *   (import "lunatic::error" "to_string" (func $estr (param i64 i32)))
 *   (import "lunatic::message" "create_data" (func $create (param i64 i64)))
 *   (import "lunatic::message" "write_data" (func $write (param i32 i32) (result i32)))
 *   (import "lunatic::message" "send" (func $send (param i64) (result i32)))
 *   (memory 1)
 *   (data (i32.const 0) "idle")
 *   (global $rc (mut i32) (i32.const -1))
 *   (func $init   ;; spawn "idle" of this module; the error id goes to address 8
 *     (global.set $rc (call $spawn (i64.const 0) (i64.const -1) (i64.const -1)
 *                                  (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 0)
 *                                  (i32.const 8))))
 *   (start $init)
 *   (func (export "idle"))
 *   (func (export "report") (param $to i64)   ;; [i32 rc][error text], tag 6
 *     (call $create (i64.const 6) (i64.const 0))
 *     (i32.store (i32.const 16) (global.get $rc))
 *     (drop (call $write (i32.const 16) (i32.const 4)))
 *     (call $estr (i64.load (i32.const 8)) (i32.const 32))
 *     (drop (call $write (i32.const 32) (call $esize (i64.load (i32.const 8)))))
 *     (drop (call $send (local.get $to)))))
 */
static const uint8_t wasm_spawn_in_start[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x29, 0x07, 0x60, 0x08, 0x7e, 0x7e, 0x7e,
    0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7e, 0x01, 0x7f, 0x60, 0x02, 0x7e, 0x7f,
    0x00, 0x60, 0x02, 0x7e, 0x7e, 0x00, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x00, 0x60,
    0x01, 0x7e, 0x00, 0x02, 0xa7, 0x01, 0x06, 0x10, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a,
    0x3a, 0x70, 0x72, 0x6f, 0x63, 0x65, 0x73, 0x73, 0x05, 0x73, 0x70, 0x61, 0x77, 0x6e, 0x00, 0x00,
    0x0e, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a, 0x3a, 0x65, 0x72, 0x72, 0x6f, 0x72, 0x0b,
    0x73, 0x74, 0x72, 0x69, 0x6e, 0x67, 0x5f, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x01, 0x0e, 0x6c, 0x75,
    0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a, 0x3a, 0x65, 0x72, 0x72, 0x6f, 0x72, 0x09, 0x74, 0x6f, 0x5f,
    0x73, 0x74, 0x72, 0x69, 0x6e, 0x67, 0x00, 0x02, 0x10, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63,
    0x3a, 0x3a, 0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65, 0x0b, 0x63, 0x72, 0x65, 0x61, 0x74, 0x65,
    0x5f, 0x64, 0x61, 0x74, 0x61, 0x00, 0x03, 0x10, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a,
    0x3a, 0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65, 0x0a, 0x77, 0x72, 0x69, 0x74, 0x65, 0x5f, 0x64,
    0x61, 0x74, 0x61, 0x00, 0x04, 0x10, 0x6c, 0x75, 0x6e, 0x61, 0x74, 0x69, 0x63, 0x3a, 0x3a, 0x6d,
    0x65, 0x73, 0x73, 0x61, 0x67, 0x65, 0x04, 0x73, 0x65, 0x6e, 0x64, 0x00, 0x01, 0x03, 0x04, 0x03,
    0x05, 0x05, 0x06, 0x05, 0x03, 0x01, 0x00, 0x01, 0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x7f, 0x0b,
    0x07, 0x11, 0x02, 0x04, 0x69, 0x64, 0x6c, 0x65, 0x00, 0x07, 0x06, 0x72, 0x65, 0x70, 0x6f, 0x72,
    0x74, 0x00, 0x08, 0x08, 0x01, 0x06, 0x0a, 0x4c, 0x03, 0x16, 0x00, 0x42, 0x00, 0x42, 0x7f, 0x42,
    0x7f, 0x41, 0x00, 0x41, 0x04, 0x41, 0x00, 0x41, 0x00, 0x41, 0x08, 0x10, 0x00, 0x24, 0x00, 0x0b,
    0x02, 0x00, 0x0b, 0x30, 0x00, 0x42, 0x06, 0x42, 0x00, 0x10, 0x03, 0x41, 0x10, 0x23, 0x00, 0x36,
    0x02, 0x00, 0x41, 0x10, 0x41, 0x04, 0x10, 0x04, 0x1a, 0x41, 0x08, 0x29, 0x03, 0x00, 0x41, 0x20,
    0x10, 0x02, 0x41, 0x20, 0x41, 0x08, 0x29, 0x03, 0x00, 0x10, 0x01, 0x10, 0x04, 0x1a, 0x20, 0x00,
    0x10, 0x05, 0x1a, 0x0b, 0x0b, 0x0a, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x04, 0x69, 0x64, 0x6c, 0x65,
};

/*
 * (module (func $s unreachable) (start $s) (func (export "idle")))
 */
static const uint8_t wasm_start_traps[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03,
    0x02, 0x00, 0x00, 0x07, 0x08, 0x01, 0x04, 0x69, 0x64, 0x6c, 0x65, 0x00, 0x01, 0x08, 0x01, 0x00,
    0x0a, 0x08, 0x02, 0x03, 0x00, 0x00, 0x0b, 0x02, 0x00, 0x0b,
};

/* Modules that must not compile: (name, bytes). Each is one line of text. */
#define BYTES(s) s, sizeof s - 1
static const struct { const char *what; const char *bytes; size_t len; } bad_modules[] = {
    /* (module (import "env" "f" (func))) */
    {"unknown import", BYTES("\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x02\x09"
                             "\x01\x03\x65\x6e\x76\x01\x66\x00\x00")},
    /* (module (import "lunatic::message" "send" (func (param i32)))) */
    {"host import of the wrong type",
     BYTES("\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x05\x01\x60\x01\x7f\x00\x02\x19\x01\x10\x6c"
           "\x75\x6e\x61\x74\x69\x63\x3a\x3a\x6d\x65\x73\x73\x61\x67\x65\x04\x73\x65\x6e\x64"
           "\x00\x00")},
    /* (module (import "env" "mem" (memory 1))) */
    {"memory import", BYTES("\x00\x61\x73\x6d\x01\x00\x00\x00\x02\x0c\x01\x03\x65\x6e\x76\x03"
                            "\x6d\x65\x6d\x02\x00\x01")},
    /* (module (import "wasi_snapshot_preview1" "nope" (func))) */
    {"unknown WASI import",
     BYTES("\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x02\x1f\x01\x16\x77\x61"
           "\x73\x69\x5f\x73\x6e\x61\x70\x73\x68\x6f\x74\x5f\x70\x72\x65\x76\x69\x65\x77\x31"
           "\x04\x6e\x6f\x70\x65\x00\x00")},
    /* (module (import "wasi_snapshot_preview1" "fd_write" (func (param i32)))) */
    {"WASI import of the wrong type",
     BYTES("\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x05\x01\x60\x01\x7f\x00\x02\x23\x01\x16\x77"
           "\x61\x73\x69\x5f\x73\x6e\x61\x70\x73\x68\x6f\x74\x5f\x70\x72\x65\x76\x69\x65\x77"
           "\x31\x08\x66\x64\x5f\x77\x72\x69\x74\x65\x00\x00")},
    /* (module (func (result v128) (v128.const i64x2 0 0))) */
    {"SIMD", BYTES("\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7b\x03\x02\x01\x00"
                   "\x0a\x16\x01\x14\x00\xfd\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                   "\x00\x00\x00\x00\x0b")},
    /* (module (func (result i32))) : the body leaves nothing on the stack */
    {"invalid body", BYTES("\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03"
                           "\x02\x01\x00\x0a\x04\x01\x02\x00\x0b")},
    {"not wasm at all", BYTES("hello, world")},
    {"wrong version", BYTES("\x00\x61\x73\x6d\x02\x00\x00\x00")},
    {"empty", BYTES("")},
    {"truncated", (const char *)wasm_hello, 40},
};

#define T_HELLO   5   /* sent by the hello module */
#define T_REPORT  6   /* sent by spawn_in_start's report */
#define T_SELF    7
#define T_MODS    10
#define T_TOOK    11
#define T_BEFORE  12
#define T_AFTER   13
#define LINK_BASE 100
#define WAIT_MS   10000

static uint64_t compile(const void *bytes, size_t len) {
    uint64_t id = 0;
    int32_t rc = lunatic_process_compile_module(bytes, (uint32_t)len, &id);
    if (rc != 0) { printf("compile failed: %d\n", rc); exit(1); }
    return id;
}

/* Prints "rc" and the error text, or "(spawned)". Returns the pid (0 on error). */
static uint64_t spawn_print(const char *what, int64_t link, int64_t config, int64_t module,
                            const char *fn, const ty_param *p, size_t np) {
    uint64_t id = 0;
    int32_t rc = lunatic_process_spawn(link, config, module, fn, (uint32_t)strlen(fn), p,
                                       (uint32_t)(np * sizeof *p), &id);
    printf("%s: rc=%d", what, rc);
    if (rc == 1) {
        char buf[200];
        ty_error_string(id, buf, sizeof buf);
        printf(" \"%s\"", buf);
        id = 0;
    }
    printf("\n");
    return id;
}

/* Receives a hello message; returns its x (or -1). */
static int32_t receive_hello(void) {
    if (ty_receive_tag(T_HELLO, WAIT_MS) != TY_MSG_DATA) return -1;
    char text[15] = "";
    int32_t x = -1;
    ty_read_raw(text, 14);
    ty_read_i32(&x);
    return strcmp(text, "module says hi") ? -2 : x;
}

/* ---- children ------------------------------------------------------------------------ */

static void report_self(int64_t to) { ty_send_raw((ty_pid)to, T_SELF, "from my own module", 18); }

/* Takes the two modules of the first T_MODS message, spawns hello from each (x = 50, 60)
 * and tells `to` the ids they got in this process's table. */
static void take_and_spawn(int64_t to) {
    if (ty_receive_tag(T_MODS, WAIT_MS) != TY_MSG_DATA) return;
    uint64_t a = lunatic_message_take_module(0), b = lunatic_message_take_module(1);
    ty_param p[2] = {ty_param_i64(to), ty_param_i32(50)};
    ty_pid pid;
    int rc1 = ty_spawn_export(TY_INHERIT, 0, (ty_module)a, "hello", p, 2, &pid);
    p[1] = ty_param_i32(60);
    int rc2 = ty_spawn_export(TY_INHERIT, 0, (ty_module)b, "hello", p, 2, &pid);
    ty_msg_begin(T_TOOK);
    ty_msg_u64(a);
    ty_msg_u64(b);
    ty_msg_i32(rc1);
    ty_msg_i32(rc2);
    ty_send((ty_pid)to);
}

/* Never takes the module it is sent: it just ends (the message is freed with it). */
static void ignore_it(int64_t arg) { (void)arg; ty_receive_tag(T_MODS, WAIT_MS); }

/* Each case misuses modules in one way; all but the last trap. */
static void misuse(int64_t arg) {
    ty_pid to;
    int which = misuse_start(arg, T_BEFORE, &to);
    uint64_t m = compile(wasm_hello, sizeof wasm_hello), r = 0, id = 0;
    ty_param p[2] = {ty_param_i64((int64_t)to), ty_param_i32(1)};
    switch (which) {
    case 0:   /* spawn from a dropped module */
        lunatic_process_drop_module(m);
        r = (uint64_t)lunatic_process_spawn(0, -1, (int64_t)m, "hello", 5, p, sizeof p, &id);
        break;
    case 1:   /* drop twice */
        lunatic_process_drop_module(m);
        lunatic_process_drop_module(m);
        break;
    case 2:   /* drop an id never given */
        lunatic_process_drop_module(m + 7);
        break;
    case 3:   /* push an unknown module */
        lunatic_message_create_data(1, 0);
        r = lunatic_message_push_module(m + 7);
        break;
    case 4:   /* push without a message */
        r = lunatic_message_push_module(m);
        break;
    case 5:   /* push after the message was sent */
        lunatic_message_create_data(1, 0);
        lunatic_message_send(to + 1000000);
        r = lunatic_message_push_module(m);
        break;
    case 6:   /* take an index past the message's modules */
    case 7:   /* take the same index twice */
    case 8:   /* take from a message without modules */
        lunatic_message_create_data(1, 0);
        if (which != 8) lunatic_message_push_module(m);
        lunatic_message_send(ty_self());
        ty_receive_tag(1, WAIT_MS);
        r = lunatic_message_take_module(which == 6 ? 1 : 0);
        if (which == 7) r = lunatic_message_take_module(0);
        break;
    case 9:   /* take with no message at all */
        r = lunatic_message_take_module(0);
        break;
    case 10:  /* an explicit module id in a process that has none of that number */
        r = (uint64_t)lunatic_process_spawn(0, -1, (int64_t)m + 1, "hello", 5, p, sizeof p, &id);
        break;
    }
    ty_send_raw(to, T_AFTER, &r, sizeof r);
}

static const char *const misuse_names[] = {
    "spawn from a dropped module", "drop_module twice", "drop_module of an unknown id",
    "push_module of an unknown id", "push_module without a message",
    "push_module after send", "take_module past the last index", "take_module twice",
    "take_module from a message without modules", "take_module without a message",
    "spawn with an unknown module id",
};

/* compile_module without can_compile_modules: -1, and nothing written. */
static void compile_denied(int64_t to) {
    uint64_t id = 12345;
    int32_t rc = lunatic_process_compile_module(wasm_hello, sizeof wasm_hello, &id);
    ty_msg_begin(T_REPORT);
    ty_msg_i32(rc);
    ty_msg_u64(id);
    ty_send((ty_pid)to);
}

/* ---- the tests ----------------------------------------------------------------------- */

static void compile_errors(void) {
    printf("-- compile_module errors: result 1 and the error text\n");
    for (size_t i = 0; i < sizeof bad_modules / sizeof *bad_modules; i++) {
        uint64_t id = 0;
        int32_t rc = lunatic_process_compile_module(bad_modules[i].bytes,
                                                    (uint32_t)bad_modules[i].len, &id);
        printf("%s: rc=%d", bad_modules[i].what, rc);
        if (rc == 1) {
            char buf[300];
            ty_error_string(id, buf, sizeof buf);
            printf(" \"%s\"", buf);
        }
        printf("\n");
    }
}

static void spawn_from_modules(int argc, char **argv) {
    printf("-- spawning from compiled modules\n");
    ty_pid self = ty_self();
    uint64_t hello = compile(wasm_hello, sizeof wasm_hello);
    printf("hello module id: %llu\n", (unsigned long long)hello);
    ty_param p[2] = {ty_param_i64((int64_t)self), ty_param_i32(21)};
    spawn_print("hello(self, 21) from the module", 0, -1, (int64_t)hello, "hello", p, 2);
    printf("it sent: %d\n", receive_hello());
    spawn_print("\"hello\" from module -1 (this program)", 0, -1, -1, "hello", p, 2);
    spawn_print("this program's trampoline from the hello module", 0, -1, (int64_t)hello,
                "_tycho_spawn_trampoline", p, 2);
    spawn_print("hello with one param", 0, -1, (int64_t)hello, "hello", p, 1);
    ty_die_when_link_dies(0);
    uint64_t pid = spawn_print("boom from the module, linked (tag 30)", 30, -1, (int64_t)hello,
                               "boom", NULL, 0);
    int rc = ty_receive_tag(30, WAIT_MS);
    printf("then: %s, tag %lld, %s\n", recv_name(rc), (long long)ty_msg_tag(),
           ty_msg_dead_pid() == pid ? "the child" : "WRONG");

    /* Explicit config and module together. */
    ty_config c = ty_config_new();
    ty_config_set_max_memory(c, 65536);
    uint64_t two = compile(wasm_two_pages, sizeof wasm_two_pages);
    spawn_print("two-page module, max_memory 65536", 0, c, (int64_t)two, "idle", NULL, 0);
    ty_config_set_max_memory(c, 131072);
    pid = spawn_print("two-page module, max_memory 131072", 0, c, (int64_t)two, "idle", NULL, 0);
    ty_monitor(pid);
    printf("then: %s\n", recv_name(ty_receive(NULL, 0, WAIT_MS)));
    ty_config_drop(c);
    lunatic_process_drop_module(two);

    uint64_t sis = compile(wasm_spawn_in_start, sizeof wasm_spawn_in_start);
    p[0] = ty_param_i64((int64_t)self);
    spawn_print("module whose start function spawns", 0, -1, (int64_t)sis, "report", p, 1);
    if (ty_receive_tag(T_REPORT, WAIT_MS) == TY_MSG_DATA) {
        int32_t src = 0;
        char text[100] = "";
        ty_read_i32(&src);
        text[ty_read_raw(text, sizeof text - 1)] = 0;
        printf("its start function's spawn: rc=%d \"%s\"\n", src, text);
    }
    lunatic_process_drop_module(sis);

    uint64_t st = compile(wasm_start_traps, sizeof wasm_start_traps);
    pid = spawn_print("module whose start function traps, linked (tag 31)", 31, -1, (int64_t)st,
                      "idle", NULL, 0);
    rc = ty_receive_tag(31, WAIT_MS);
    printf("then: %s, %s\n", recv_name(rc), ty_msg_dead_pid() == pid ? "the child" : "WRONG");
    lunatic_process_drop_module(st);

    /* The program's own bytes: the same function table, so the trampoline works. */
    if (argc < 1) return;
    FILE *f = fopen(argv[0], "rb");
    if (!f) { printf("cannot open argv[0]\n"); return; }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;)
        if ((n += got) == cap) buf = realloc(buf, cap *= 2);
    fclose(f);
    uint64_t own = 0;
    int32_t crc = lunatic_process_compile_module(buf, (uint32_t)n, &own);
    free(buf);
    printf("compile argv[0]: rc=%d\n", crc);
    ty_pid child;
    rc = ty_spawn_export(TY_INHERIT, 0, (ty_module)own, "_tycho_spawn_trampoline",
                         (ty_param[]){ty_param_i32((int32_t)(intptr_t)report_self),
                                      ty_param_i64((int64_t)self)}, 2, &child);
    printf("spawn report_self from it: %d", rc);
    if (ty_receive_tag(T_SELF, WAIT_MS) == TY_MSG_DATA) {
        char text[32] = "";
        text[ty_read_raw(text, sizeof text - 1)] = 0;
        printf(", it says \"%s\"", text);
    }
    printf("\n");
    lunatic_process_drop_module(own);
    lunatic_process_drop_module(hello);
}

static void in_messages(void) {
    printf("-- modules in messages\n");
    ty_pid self = ty_self();
    uint64_t hello = compile(wasm_hello, sizeof wasm_hello);
    ty_pid child;
    ty_spawn(take_and_spawn, (int64_t)self, &child);
    ty_msg_begin(T_MODS);
    ty_msg_str("two modules");
    uint64_t i0 = ty_msg_push_module((ty_module)hello), i1 = ty_msg_push_module((ty_module)hello);
    printf("push_module indexes: %llu %llu\n", (unsigned long long)i0, (unsigned long long)i1);
    ty_send(child);
    if (ty_receive_tag(T_TOOK, WAIT_MS) == TY_MSG_DATA) {
        uint64_t a = 0, b = 0;
        int32_t rc1 = -9, rc2 = -9;
        ty_read_u64(&a);
        ty_read_u64(&b);
        ty_read_i32(&rc1);
        ty_read_i32(&rc2);
        printf("the child took them as module ids %llu and %llu, spawned hello from each: %d %d\n",
               (unsigned long long)a, (unsigned long long)b, rc1, rc2);
    }
    int32_t x = receive_hello(), y = receive_hello();
    printf("hello from the child's modules: %d %d\n", x < y ? x : y, x < y ? y : x);
    /* The sender keeps its module. */
    ty_param p[2] = {ty_param_i64((int64_t)self), ty_param_i32(4)};
    spawn_print("the root spawns from its pushed module", 0, -1, (int64_t)hello, "hello", p, 2);
    printf("it sent: %d\n", receive_hello());

    /* A module sent to a process that never takes it: freed with the message. */
    ty_spawn(ignore_it, 0, &child);
    ty_monitor(child);
    ty_msg_begin(T_MODS);
    ty_msg_push_module((ty_module)hello);
    ty_send(child);
    printf("a child that ignores its module: %s\n", recv_name(ty_receive(NULL, 0, WAIT_MS)));
    lunatic_process_drop_module(hello);
}

/* A module left in our own mailbox at exit: freed with the message. */
static void leave_one_behind(void) {
    uint64_t hello = compile(wasm_hello, sizeof wasm_hello);
    ty_msg_begin(999);
    ty_msg_push_module((ty_module)hello);
    ty_send(ty_self());
    lunatic_process_drop_module(hello);
}

static void misuses(void) {
    printf("-- misuse: the caller traps\n");
    misuse_cases(misuse_names, COUNT_OF(misuse_names), misuse, LINK_BASE, T_BEFORE, T_AFTER,
                 WAIT_MS);
    ty_config c = ty_config_new();
    ty_pid pid;
    ty_spawn_config(c, 0, compile_denied, (int64_t)ty_self(), &pid);
    if (ty_receive_tag(T_REPORT, WAIT_MS) == TY_MSG_DATA) {
        int32_t rc = 0;
        uint64_t id = 0;
        ty_read_i32(&rc);
        ty_read_u64(&id);
        printf("compile_module without can_compile_modules: %d, id untouched: %s\n", rc,
               id == 12345 ? "yes" : "no");
    }
    ty_config_drop(c);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    compile_errors();
    spawn_from_modules(argc, argv);
    in_messages();
    misuses();
    leave_one_behind();
    printf("done\n");
    return 0;
}
