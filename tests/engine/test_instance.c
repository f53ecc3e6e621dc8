/* test_instance.c — instantiation and the runtime objects of the engine: import linking
 * (exact messages), memories (zeroing, growth, limits, recycled buffers), tables, globals
 * initialized from imports, element/data segments (drops, out-of-bounds failures with
 * their exact messages), start functions and host functions; and the check every compiled
 * function passes (tw_iop_check: slots in the frame, branches onto instructions).
 *
 * The modules are binaries made with wat2wasm from the text shown above each array.
 * Prints one line per check, then "N passed, N failed"; exits non-zero on any failure. */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "code.h"       /* internal: tw_iop_check */
#include "instance.h"   /* internal: tw_memory_grow, tw_table_grow, struct fields */
#include "iops.h"


/* ---- modules --------------------------------------------------------------------------- */

/* (module
     (import "env" "f" (func (param i32) (result i32)))
     (import "env" "t" (table 1 2 funcref))
     (import "env" "m" (memory 1 2))
     (import "env" "g" (global i32))) */
static const uint8_t w_imports[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
    0x02, 0x27, 0x04, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00, 0x03, 0x65, 0x6e, 0x76, 0x01,
    0x74, 0x01, 0x70, 0x01, 0x01, 0x02, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x6d, 0x02, 0x01, 0x01, 0x02,
    0x03, 0x65, 0x6e, 0x76, 0x01, 0x67, 0x03, 0x7f, 0x00,
};

/* (module
     (memory (export "mem") 2 5)
     (data (i32.const 0) "hello")
     (data (i32.const 131069) "abc")
     (data $p "xyz")
     (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
     (func (export "size") (result i32) (memory.size))
     (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
     (func (export "reinit") (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)))
     (func (export "initp") (memory.init $p (i32.const 10) (i32.const 0) (i32.const 3)))) */
static const uint8_t w_mem[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0d, 0x03, 0x60, 0x01, 0x7f, 0x01, 0x7f,
    0x60, 0x00, 0x01, 0x7f, 0x60, 0x00, 0x00, 0x03, 0x06, 0x05, 0x00, 0x01, 0x00, 0x02, 0x02, 0x05,
    0x04, 0x01, 0x01, 0x02, 0x05, 0x07, 0x2d, 0x06, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x67,
    0x72, 0x6f, 0x77, 0x00, 0x00, 0x04, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x01, 0x04, 0x6c, 0x6f, 0x61,
    0x64, 0x00, 0x02, 0x06, 0x72, 0x65, 0x69, 0x6e, 0x69, 0x74, 0x00, 0x03, 0x05, 0x69, 0x6e, 0x69,
    0x74, 0x70, 0x00, 0x04, 0x0c, 0x01, 0x03, 0x0a, 0x2f, 0x05, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00,
    0x0b, 0x04, 0x00, 0x3f, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x2d, 0x00, 0x00, 0x0b, 0x0c, 0x00,
    0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0xfc, 0x08, 0x00, 0x00, 0x0b, 0x0c, 0x00, 0x41, 0x0a, 0x41,
    0x00, 0x41, 0x03, 0xfc, 0x08, 0x02, 0x00, 0x0b, 0x0b, 0x1a, 0x03, 0x00, 0x41, 0x00, 0x0b, 0x05,
    0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x41, 0xfd, 0xff, 0x07, 0x0b, 0x03, 0x61, 0x62, 0x63, 0x01,
    0x03, 0x78, 0x79, 0x7a,
};

/* (module
     (type $r (func (result i32)))
     (table (export "tab") 2 10 funcref)
     (func $f (export "f") (result i32) (i32.const 7))
     (elem (i32.const 1) $f)
     (elem $pe funcref (ref.func $f) (ref.null func))
     (elem declare func $f)
     (func (export "grow") (param i32) (result i32) (table.grow 0 (ref.null func) (local.get 0)))
     (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0)))
     (func (export "init") (table.init 0 $pe (i32.const 0) (i32.const 0) (i32.const 2)))
     (func (export "reinit") (table.init 0 0 (i32.const 0) (i32.const 0) (i32.const 1)))) */
static const uint8_t w_table[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0d, 0x03, 0x60, 0x00, 0x01, 0x7f, 0x60,
    0x01, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x00, 0x03, 0x06, 0x05, 0x00, 0x01, 0x01, 0x02, 0x02, 0x04,
    0x05, 0x01, 0x70, 0x01, 0x02, 0x0a, 0x07, 0x29, 0x06, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x01,
    0x66, 0x00, 0x00, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00, 0x01, 0x04, 0x63, 0x61, 0x6c, 0x6c, 0x00,
    0x02, 0x04, 0x69, 0x6e, 0x69, 0x74, 0x00, 0x03, 0x06, 0x72, 0x65, 0x69, 0x6e, 0x69, 0x74, 0x00,
    0x04, 0x09, 0x14, 0x03, 0x00, 0x41, 0x01, 0x0b, 0x01, 0x00, 0x05, 0x70, 0x02, 0xd2, 0x00, 0x0b,
    0xd0, 0x70, 0x0b, 0x03, 0x00, 0x01, 0x00, 0x0a, 0x32, 0x05, 0x04, 0x00, 0x41, 0x07, 0x0b, 0x09,
    0x00, 0xd0, 0x70, 0x20, 0x00, 0xfc, 0x0f, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x11, 0x00, 0x00,
    0x0b, 0x0c, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x02, 0xfc, 0x0c, 0x01, 0x00, 0x0b, 0x0c, 0x00,
    0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0xfc, 0x0c, 0x00, 0x00, 0x0b,
};

/* (module
     (import "env" "g" (global $g i32))
     (import "env" "mg" (global $mg (mut i64)))
     (global (export "copy") i32 (global.get $g))
     (global (export "k64") i64 (i64.const -5))
     (global (export "kf32") f32 (f32.const 1.5))
     (global (export "kf64") f64 (f64.const -2.25))
     (global (export "mut") (mut i32) (i32.const 3))
     (func (export "bump") (global.set $mg (i64.add (global.get $mg) (i64.const 1))))) */
static const uint8_t w_globals[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02, 0x14,
    0x02, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x67, 0x03, 0x7f, 0x00, 0x03, 0x65, 0x6e, 0x76, 0x02, 0x6d,
    0x67, 0x03, 0x7e, 0x01, 0x03, 0x02, 0x01, 0x00, 0x06, 0x24, 0x05, 0x7f, 0x00, 0x23, 0x00, 0x0b,
    0x7e, 0x00, 0x42, 0x7b, 0x0b, 0x7d, 0x00, 0x43, 0x00, 0x00, 0xc0, 0x3f, 0x0b, 0x7c, 0x00, 0x44,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xc0, 0x0b, 0x7f, 0x01, 0x41, 0x03, 0x0b, 0x07, 0x29,
    0x06, 0x04, 0x63, 0x6f, 0x70, 0x79, 0x03, 0x02, 0x03, 0x6b, 0x36, 0x34, 0x03, 0x03, 0x04, 0x6b,
    0x66, 0x33, 0x32, 0x03, 0x04, 0x04, 0x6b, 0x66, 0x36, 0x34, 0x03, 0x05, 0x03, 0x6d, 0x75, 0x74,
    0x03, 0x06, 0x04, 0x62, 0x75, 0x6d, 0x70, 0x00, 0x00, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x23, 0x01,
    0x42, 0x01, 0x7c, 0x24, 0x01, 0x0b,
};

/* (module
     (import "env" "g" (global $g i32))
     (global (export "x") i32 (i32.mul (i32.add (global.get $g) (i32.const 5)) (i32.sub (i32.const 1) (i32.const 4))))
     (global (export "y") i64 (i64.sub (i64.mul (i64.const 3) (i64.const 4)) (i64.add (i64.const 1) (i64.const 2))))) */
static const uint8_t w_extconst[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x0a, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01,
    0x67, 0x03, 0x7f, 0x00, 0x06, 0x1d, 0x02, 0x7f, 0x00, 0x23, 0x00, 0x41, 0x05, 0x6a, 0x41, 0x01,
    0x41, 0x04, 0x6b, 0x6c, 0x0b, 0x7e, 0x00, 0x42, 0x03, 0x42, 0x04, 0x7e, 0x42, 0x01, 0x42, 0x02,
    0x7c, 0x7d, 0x0b, 0x07, 0x09, 0x02, 0x01, 0x78, 0x03, 0x01, 0x01, 0x79, 0x03, 0x02,
};

/* (module
     (import "env" "m" (memory 1))
     (data (i32.const 0) "xy")
     (data (i32.const 65534) "abc")) */
static const uint8_t w_dataoob[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x0a, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01,
    0x6d, 0x02, 0x00, 0x01, 0x0b, 0x12, 0x02, 0x00, 0x41, 0x00, 0x0b, 0x02, 0x78, 0x79, 0x00, 0x41,
    0xfe, 0xff, 0x03, 0x0b, 0x03, 0x61, 0x62, 0x63,
};

/* (module
     (import "env" "t" (table 2 funcref))
     (import "env" "m" (memory 1))
     (func $f (result i32) (i32.const 0xdead))
     (elem (i32.const 0) $f)
     (elem (i32.const 1) $f $f)
     (data (i32.const 0) "z")) */
static const uint8_t w_elemoob[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x02,
    0x14, 0x02, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x74, 0x01, 0x70, 0x00, 0x02, 0x03, 0x65, 0x6e, 0x76,
    0x01, 0x6d, 0x02, 0x00, 0x01, 0x03, 0x02, 0x01, 0x00, 0x09, 0x0e, 0x02, 0x00, 0x41, 0x00, 0x0b,
    0x01, 0x00, 0x00, 0x41, 0x01, 0x0b, 0x02, 0x00, 0x00, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0xad,
    0xbd, 0x03, 0x0b, 0x0b, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x7a,
};

/* (module
     (global $s (export "s") (mut i32) (i32.const 0))
     (func $start (global.set $s (i32.const 42)))
     (start $start)) */
static const uint8_t w_start[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
    0x01, 0x00, 0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b, 0x07, 0x05, 0x01, 0x01, 0x73, 0x03,
    0x00, 0x08, 0x01, 0x00, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x2a, 0x24, 0x00, 0x0b,
};

/* (module
     (import "env" "h" (func $h (param i32) (result i32)))
     (func (export "run") (param i32) (result i32) (call $h (local.get 0)))) */
static const uint8_t w_host[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
    0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x68, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07,
    0x07, 0x01, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x01, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0x10,
    0x00, 0x0b,
};

/* (module (memory 4)) */
static const uint8_t w_mem4[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x04,
};

/* ---- helpers ----------------------------------------------------------------------------- */

static tw_module *load(const char *what, const uint8_t *bytes, size_t len)
{
    char err[256];
    tw_module *m = tw_module_new(bytes, len, err, sizeof err);
    if (!m)
        check(false, "%s: module rejected: %s", what, err);
    return m;
}
#define LOAD(w) load(#w, w, sizeof w)

static tw_extern ext_func(tw_func *f) { return (tw_extern){ .kind = TW_EXT_FUNC, .u.func = f }; }
static tw_extern ext_table(tw_table *t) { return (tw_extern){ .kind = TW_EXT_TABLE, .u.table = t }; }
static tw_extern ext_memory(tw_memory *m) { return (tw_extern){ .kind = TW_EXT_MEMORY, .u.memory = m }; }
static tw_extern ext_global(tw_global *g) { return (tw_extern){ .kind = TW_EXT_GLOBAL, .u.global = g }; }

static tw_limits lim(uint64_t min) { return (tw_limits){ min, 0, false }; }
static tw_limits lim2(uint64_t min, uint64_t max) { return (tw_limits){ min, max, true }; }

/* Instantiates and expects failure with exactly `want`. */
static void expect_fail(const char *what, tw_module *m, const tw_extern *imps, uint32_t n,
                        const tw_config *cfg, const char *want)
{
    char err[256] = "";
    tw_instance *inst = tw_instance_new(m, imps, n, cfg, err, sizeof err);
    check(!inst && strcmp(err, want) == 0, "%s: \"%s\" (want \"%s\")", what,
          inst ? "(instantiated)" : err, want);
    tw_instance_free(inst);
}

static tw_instance *expect_ok(const char *what, tw_module *m, const tw_extern *imps,
                              uint32_t n, const tw_config *cfg)
{
    char err[256] = "";
    tw_instance *inst = tw_instance_new(m, imps, n, cfg, err, sizeof err);
    check(inst != NULL, "%s: instantiates%s%s", what, inst ? "" : ": ", inst ? "" : err);
    return inst;
}

static tw_func *export_func(tw_instance *inst, const char *name)
{
    tw_extern x;
    return tw_instance_export(inst, name, &x) && x.kind == TW_EXT_FUNC ? x.u.func : NULL;
}

static tw_global *export_global(tw_instance *inst, const char *name)
{
    tw_extern x;
    return tw_instance_export(inst, name, &x) && x.kind == TW_EXT_GLOBAL ? x.u.global : NULL;
}

/* Calls an export with at most one argument; returns its status, result in *res. */
static tw_status call(tw_instance *inst, const char *name, tw_val arg, tw_val *res)
{
    tw_func *f = export_func(inst, name);
    if (!f) {
        check(false, "no export %s", name);
        return TW_TRAPPED;
    }
    tw_val args[1] = { arg }, out[1] = { 0 };
    tw_status st = tw_call(inst, f, args, out);
    if (res)
        *res = out[0];
    return st;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* ---- runtime objects on their own ----------------------------------------------------- */

static void test_memory_objects(void)
{
    tw_memory *m = tw_memory_new(lim2(2, 4));
    check(m && tw_memory_size(m) == 2 * 65536 && all_zero(tw_memory_data(m), 2 * 65536),
          "memory: new 2 pages, zeroed");
    if (!m)
        return;
    memset(tw_memory_data(m), 0xAA, 2 * 65536);
    tw_memory_free(m);
    /* Probably the recycled buffer: it must read as zero again. */
    m = tw_memory_new(lim2(2, 4));
    check(m && all_zero(tw_memory_data(m), 2 * 65536), "memory: new after a dirty free, zeroed");
    if (!m)
        return;
    memset(tw_memory_data(m), 0x55, 65536);
    int64_t r = tw_memory_grow(m, 2);
    check(r == 2 && tw_memory_size(m) == 4 * 65536, "memory: grow 2 -> old size 2, now 4 pages");
    check(tw_memory_data(m)[0] == 0x55 && tw_memory_data(m)[65535] == 0x55 &&
          all_zero(tw_memory_data(m) + 65536, 3 * 65536), "memory: grow keeps contents, zeroes the rest");
    check(tw_memory_grow(m, 1) == -1 && tw_memory_size(m) == 4 * 65536, "memory: grow past max -> -1");
    check(tw_memory_grow(m, 0) == 4, "memory: grow 0 -> current size");
    memset(tw_memory_data(m), 0x77, 4 * 65536);
    tw_memory_free(m);

    /* A dirty 4-page buffer reused for 1 page: growing into it must zero again. */
    m = tw_memory_new(lim(1));
    bool ok = m && all_zero(tw_memory_data(m), 65536);
    if (m) {
        memset(tw_memory_data(m), 0x11, 65536);
        ok = ok && tw_memory_grow(m, 3) == 1 && tw_memory_data(m)[65535] == 0x11 &&
             all_zero(tw_memory_data(m) + 65536, 3 * 65536);
    }
    check(ok, "memory: growing a recycled dirty buffer zeroes the new pages");
    tw_memory_free(m);

    /* Page by page past any capacity: each new page reads as zero. */
    m = tw_memory_new(lim(0));
    ok = m && tw_memory_size(m) == 0 && tw_memory_data(m) != NULL;
    for (uint64_t p = 0; ok && p < 40; p++) {
        ok = tw_memory_grow(m, 1) == (int64_t)p && all_zero(tw_memory_data(m) + p * 65536, 65536);
        if (ok)
            memset(tw_memory_data(m) + p * 65536, (int)p + 1, 65536);
    }
    ok = ok && tw_memory_data(m)[0] == 1 && tw_memory_data(m)[39 * 65536] == 40;
    check(ok, "memory: 0 pages, grown one page at a time to 40, each page zeroed, contents kept");
    tw_memory_free(m);

    check(tw_memory_new(lim(65537)) == NULL, "memory: 65537 pages refused");
    check(tw_memory_new(lim2(3, 2)) == NULL, "memory: min above max refused");
    m = tw_memory_new(lim2(0, 70000));
    check(m && tw_memory_grow(m, 65537) == -1, "memory: max clamped to 65536 pages");
    tw_memory_free(m);
}

static void *thread_body(void *arg)
{
    (void)arg;
    tw_memory *m = tw_memory_new(lim(4));     /* lands in this thread's buffer cache */
    if (m)
        memset(tw_memory_data(m), 1, 4 * 65536);
    tw_memory_free(m);
    return m;
}

static void test_memory_threads(void)
{
    pthread_t t;
    void *r = NULL;
    bool ok = pthread_create(&t, NULL, thread_body, NULL) == 0 && pthread_join(t, &r) == 0;
    check(ok && r, "memory: created and freed on another thread (its cache is drained at exit)");
}

static void test_table_objects(void)
{
    tw_table *t = tw_table_new(TW_FUNCREF, lim2(1, 3));
    check(t && tw_table_size(t) == 1, "table: new 1..3");
    if (t) {
        check(tw_table_grow(t, 2, 0) == 1 && tw_table_size(t) == 3, "table: grow 2 -> 1");
        check(tw_table_grow(t, 1, 0) == -1 && tw_table_size(t) == 3, "table: grow past max -> -1");
        check(tw_table_grow(t, 0, 0) == 3, "table: grow 0 -> size");
    }
    tw_table_free(t);
    t = tw_table_new(TW_EXTERNREF, lim(0));
    if (t) {
        check(tw_table_grow(t, 20000000, 0) == -1, "table: growth beyond the 10M-element cap -> -1");
        check(tw_table_grow(t, 5, 9) == 0 && tw_table_size(t) == 5, "table: grow 5 from 0");
    }
    tw_table_free(t);
    check(tw_table_new(TW_FUNCREF, lim(0xFFFFFFFFu)) == NULL, "table: 2^32-1 elements refused");
}

static tw_host_status host_double(tw_hostcall *hc, tw_val *sp)
{
    if ((uint32_t)sp[0] == 0)
        return tw_hostcall_trapf(hc, "host says %d", 99);
    sp[0] = (uint32_t)(sp[0] * 2 + (uintptr_t)hc->env);
    return TW_HOST_OK;
}

static void test_host_objects(void)
{
    uint8_t p[2] = { TW_I32, TW_I64 }, r[1] = { TW_F64 };
    tw_functype ft = { 2, 1, p, r };
    tw_func *f = tw_func_new_host(&ft, host_double, NULL);
    p[0] = TW_F32;
    r[0] = TW_I32;
    const tw_functype *t = f ? tw_func_type(f) : NULL;
    check(t && t->nparams == 2 && t->nresults == 1 && t->params[0] == TW_I32 &&
          t->params[1] == TW_I64 && t->results[0] == TW_F64, "host func: type is copied");
    tw_func_free(f);

    tw_global *g = tw_global_new(TW_I32, true, 0xFFFFFFFF00000005ull);
    check(g && tw_global_get(g) == 5, "global: i32 keeps its upper bits zero");
    if (g) {
        tw_global_set(g, 7);
        check(tw_global_get(g) == 7, "global: set/get");
    }
    tw_global_free(g);
}

/* ---- instantiation ---------------------------------------------------------------------- */

static void test_imports(void)
{
    tw_module *m = LOAD(w_imports);
    if (!m)
        return;
    uint8_t i32 = TW_I32;
    tw_functype ft = { 1, 1, &i32, &i32 }, bad = { 1, 0, &i32, NULL };
    tw_func *f = tw_func_new_host(&ft, host_double, NULL), *fbad = tw_func_new_host(&bad, host_double, NULL);
    tw_table *t = tw_table_new(TW_FUNCREF, lim2(1, 2));
    tw_table *t0 = tw_table_new(TW_FUNCREF, lim2(0, 2));
    tw_table *tinf = tw_table_new(TW_FUNCREF, lim(1));
    tw_table *t3 = tw_table_new(TW_FUNCREF, lim2(2, 3));
    tw_table *tx = tw_table_new(TW_EXTERNREF, lim2(1, 2));
    tw_memory *mem = tw_memory_new(lim2(1, 2));
    tw_memory *m0 = tw_memory_new(lim2(0, 2));
    tw_memory *minf = tw_memory_new(lim(1));
    tw_global *g = tw_global_new(TW_I32, false, 1);
    tw_global *gm = tw_global_new(TW_I32, true, 1);
    tw_global *g64 = tw_global_new(TW_I64, false, 1);
    tw_extern imps[4] = { ext_func(f), ext_table(t), ext_memory(mem), ext_global(g) };

    tw_instance *inst = expect_ok("imports: all matching", m, imps, 4, NULL);
    check(inst && tw_instance_memory(inst) == mem, "imports: memory 0 is the imported one");
    tw_instance_free(inst);

    expect_fail("imports: count", m, imps, 3, NULL, "the module has 4 imports, 3 given");
    tw_extern x[4];
#define TRY(what, i, e, want)                                                               \
    do {                                                                                   \
        memcpy(x, imps, sizeof x);                                                         \
        x[i] = (e);                                                                        \
        expect_fail(what, m, x, 4, NULL, want);                                            \
    } while (0)
    TRY("imports: null func", 0, ext_func(NULL), "unknown import env::f");
    TRY("imports: null global", 3, ext_global(NULL), "unknown import env::g");
    TRY("imports: func type", 0, ext_func(fbad), "incompatible import type for env::f");
    TRY("imports: global for a func", 0, ext_global(g), "incompatible import type for env::f");
    TRY("imports: table too small", 1, ext_table(t0), "incompatible import type for env::t");
    TRY("imports: table without max", 1, ext_table(tinf), "incompatible import type for env::t");
    TRY("imports: table max too big", 1, ext_table(t3), "incompatible import type for env::t");
    TRY("imports: table of externref", 1, ext_table(tx), "incompatible import type for env::t");
    TRY("imports: memory too small", 2, ext_memory(m0), "incompatible import type for env::m");
    TRY("imports: memory without max", 2, ext_memory(minf), "incompatible import type for env::m");
    TRY("imports: mutable global", 3, ext_global(gm), "incompatible import type for env::g");
    TRY("imports: i64 global", 3, ext_global(g64), "incompatible import type for env::g");
#undef TRY

    /* Sizes are current sizes: grown objects satisfy larger minimums. */
    tw_table_grow(t0, 1, 0);
    tw_memory_grow(m0, 1);
    memcpy(x, imps, sizeof x);
    x[1] = ext_table(t0);
    x[2] = ext_memory(m0);
    inst = expect_ok("imports: grown table and memory match", m, x, 4, NULL);
    tw_instance_free(inst);

    tw_func_free(f);
    tw_func_free(fbad);
    tw_table_free(t); tw_table_free(t0); tw_table_free(tinf); tw_table_free(t3); tw_table_free(tx);
    tw_memory_free(mem); tw_memory_free(m0); tw_memory_free(minf);
    tw_global_free(g); tw_global_free(gm); tw_global_free(g64);
    tw_module_free(m);
}

static void test_memory_module(void)
{
    tw_module *m = LOAD(w_mem);
    if (!m)
        return;
    tw_instance *inst = expect_ok("memory module", m, NULL, 0, NULL);
    if (inst) {
        tw_memory *mem = tw_instance_memory(inst);
        const uint8_t *d = tw_memory_data(mem);
        check(tw_memory_size(mem) == 2 * 65536, "memory module: 2 pages");
        check(memcmp(d, "hello", 5) == 0 && memcmp(d + 131069, "abc", 3) == 0,
              "memory module: active data segments written");
        check(all_zero(d + 5, 131069 - 5), "memory module: the rest is zero");
        check(mem->max_pages == 5, "memory module: max 5 pages");
        check(tw_instance_footprint(inst) >= 2 * 65536, "memory module: footprint %zu >= memory",
              tw_instance_footprint(inst));
        tw_val r = 0;
        check(call(inst, "grow", 3, &r) == TW_RETURNED && r == 2 && tw_memory_size(mem) == 5 * 65536,
              "memory module: memory.grow 3 -> 2");
        check(all_zero(tw_memory_data(mem) + 2 * 65536, 3 * 65536), "memory module: grown pages zero");
        check(call(inst, "grow", 1, &r) == TW_RETURNED && r == 0xFFFFFFFFu,
              "memory module: memory.grow past max -> -1");
        check(call(inst, "reinit", 0, NULL) == TW_TRAPPED &&
              strcmp(tw_trap_message(inst), "out of bounds memory access") == 0,
              "memory module: active segment dropped after instantiation");
        check(call(inst, "initp", 0, NULL) == TW_RETURNED &&
              memcmp(tw_memory_data(mem) + 10, "xyz", 3) == 0, "memory module: passive segment kept");
    }
    tw_instance_free(inst);

    /* The config caps memory: 3 pages. */
    tw_config cfg = { .max_memory_bytes = 3 * 65536 };
    inst = expect_ok("memory module, 3-page limit", m, NULL, 0, &cfg);
    if (inst) {
        tw_val r = 0;
        check(call(inst, "grow", 2, &r) == TW_RETURNED && r == 0xFFFFFFFFu,
              "memory limit: grow to 4 pages -> -1");
        check(call(inst, "grow", 1, &r) == TW_RETURNED && r == 2, "memory limit: grow to 3 pages");
    }
    tw_instance_free(inst);
    tw_module_free(m);

    m = LOAD(w_mem4);
    if (m) {
        cfg.max_memory_bytes = 3 * 65536;
        expect_fail("memory limit below the minimum", m, NULL, 0, &cfg,
                    "out of memory: memory 0 needs 4 pages, the limit is 3");
        tw_module_free(m);
    }
}

static void test_table_module(void)
{
    tw_module *m = LOAD(w_table);
    if (!m)
        return;
    tw_instance *inst = expect_ok("table module", m, NULL, 0, NULL);
    if (inst) {
        tw_extern x;
        tw_table *t = tw_instance_export(inst, "tab", &x) && x.kind == TW_EXT_TABLE ? x.u.table : NULL;
        tw_func *f = export_func(inst, "f");
        check(t && tw_table_size(t) == 2 && t->elems[0] == 0 && t->elems[1] == (tw_val)(uintptr_t)f,
              "table module: active segment written (ref.func)");
        check(inst->elem_len[0] == 0 && inst->elem_len[1] == 2 && inst->elem_len[2] == 0,
              "table module: active and declarative segments dropped, passive kept");
        tw_val r = 0;
        check(call(inst, "call", 1, &r) == TW_RETURNED && r == 7, "table module: call_indirect");
        check(call(inst, "grow", 3, &r) == TW_RETURNED && r == 2 && t && tw_table_size(t) == 5,
              "table module: table.grow 3 -> 2");
        check(call(inst, "grow", 6, &r) == TW_RETURNED && r == 0xFFFFFFFFu, "table module: grow past max -> -1");
        check(call(inst, "reinit", 0, NULL) == TW_TRAPPED &&
              strcmp(tw_trap_message(inst), "out of bounds table access") == 0,
              "table module: table.init of the dropped active segment traps");
        check(call(inst, "init", 0, NULL) == TW_RETURNED && t && t->elems[0] == (tw_val)(uintptr_t)f &&
              t->elems[1] == 0, "table module: table.init of the passive segment");
        check(tw_instance_footprint(inst) > 0, "table module: footprint %zu", tw_instance_footprint(inst));
    }
    tw_instance_free(inst);
    tw_module_free(m);
}

static void test_globals(void)
{
    tw_module *m = LOAD(w_globals);
    if (!m)
        return;
    tw_global *g = tw_global_new(TW_I32, false, 1234), *mg = tw_global_new(TW_I64, true, 10);
    tw_extern imps[2] = { ext_global(g), ext_global(mg) };
    tw_instance *inst = expect_ok("globals", m, imps, 2, NULL);
    if (inst) {
        tw_global *c = export_global(inst, "copy"), *k64 = export_global(inst, "k64");
        tw_global *kf32 = export_global(inst, "kf32"), *kf64 = export_global(inst, "kf64");
        tw_global *mu = export_global(inst, "mut");
        check(c && tw_global_get(c) == 1234, "globals: initialized from an imported global");
        check(k64 && tw_global_get(k64) == (uint64_t)-5, "globals: i64.const -5");
        check(kf32 && tw_global_get(kf32) == 0x3FC00000u, "globals: f32.const 1.5");
        check(kf64 && tw_global_get(kf64) == 0xC002000000000000ull, "globals: f64.const -2.25");
        check(mu && tw_global_get(mu) == 3 && mu->mut, "globals: mutable i32 3");
        check(call(inst, "bump", 0, NULL) == TW_RETURNED && tw_global_get(mg) == 11,
              "globals: the imported mutable global is shared");
        /* Extended-const arithmetic, straight through tw_eval_const (the validator may
         * not accept it yet): ((global 0 + 5) * (1 - 4)) and (3 * 4 - (1 + 2)). */
        static const uint8_t e32[] = { 0x23, 0x00, 0x41, 0x05, 0x6a, 0x41, 0x01, 0x41, 0x04, 0x6b, 0x6c };
        static const uint8_t e64[] = { 0x42, 0x03, 0x42, 0x04, 0x7e, 0x42, 0x01, 0x42, 0x02, 0x7c, 0x7d };
        tw_constexpr c32 = { e32, sizeof e32 }, c64 = { e64, sizeof e64 };
        check(tw_eval_const(inst, &c32) == (uint32_t)((1234 + 5) * -3), "tw_eval_const: i32 add/sub/mul");
        check(tw_eval_const(inst, &c64) == 9, "tw_eval_const: i64 add/sub/mul");
        /* A long chain needs a stack bigger than the built-in one. */
        uint8_t deep[41 * 2 + 40];
        size_t n = 0;
        for (int i = 0; i <= 40; i++) {
            deep[n++] = 0x41;
            deep[n++] = 1;
        }
        for (int i = 0; i < 40; i++)
            deep[n++] = 0x6a;
        tw_constexpr cd = { deep, (uint32_t)n };
        check(tw_eval_const(inst, &cd) == 41, "tw_eval_const: 41 nested i32.add operands");
    }
    tw_instance_free(inst);
    tw_module_free(m);

    char err[256];
    m = tw_module_new(w_extconst, sizeof w_extconst, err, sizeof err);
    if (!m) {
        printf("skip extended-const globals: %s\n", err);
    } else {
        imps[0] = ext_global(g);
        inst = expect_ok("extended-const globals", m, imps, 1, NULL);
        tw_global *x = inst ? export_global(inst, "x") : NULL, *y = inst ? export_global(inst, "y") : NULL;
        check(x && tw_global_get(x) == (uint32_t)((1234 + 5) * -3), "extended const: i32 add/sub/mul");
        check(y && tw_global_get(y) == 9, "extended const: i64 add/sub/mul");
        tw_instance_free(inst);
        tw_module_free(m);
    }
    tw_global_free(g);
    tw_global_free(mg);
}

static void test_segments_oob(void)
{
    tw_module *m = LOAD(w_dataoob);
    tw_memory *mem = tw_memory_new(lim(1));
    if (m && mem) {
        tw_extern imps[1] = { ext_memory(mem) };
        expect_fail("data segment out of bounds", m, imps, 1, NULL, "out of bounds memory access");
        check(memcmp(tw_memory_data(mem), "xy", 2) == 0 && all_zero(tw_memory_data(mem) + 2, 65534),
              "data segment out of bounds: the earlier segment stays written, nothing else");
    }
    tw_module_free(m);

    m = LOAD(w_elemoob);
    tw_table *t = tw_table_new(TW_FUNCREF, lim(2));
    memset(tw_memory_data(mem), 0, 65536);
    if (m && t && mem) {
        tw_extern imps[2] = { ext_table(t), ext_memory(mem) };
        expect_fail("elem segment out of bounds", m, imps, 2, NULL, "out of bounds table access");
        check(t->elems[0] != 0 && t->elems[1] == 0,
              "elem segment out of bounds: the earlier segment stays written, nothing else");
        check(tw_memory_data(mem)[0] == 0, "elem segment out of bounds: data segments not applied");
        /* The function stored by the failed instantiation stays callable (the table keeps
         * its instance alive); called here on the stack of an unrelated instance. */
        tw_module *m2 = LOAD(w_mem4);
        tw_instance *other = m2 ? expect_ok("an unrelated instance", m2, NULL, 0, NULL) : NULL;
        tw_val r[1] = { 0 };
        check(other && t->elems[0] &&
              tw_call(other, (tw_func *)(uintptr_t)t->elems[0], NULL, r) == TW_RETURNED && r[0] == 0xdead,
              "elem segment out of bounds: the stored function is still callable");
        tw_instance_free(other);
        tw_module_free(m2);
    }
    tw_table_free(t);   /* frees the failed instance it kept alive (ASan checks) */
    tw_memory_free(mem);
    tw_module_free(m);
}

static void test_start(void)
{
    tw_module *m = LOAD(w_start);
    if (!m)
        return;
    tw_instance *inst = expect_ok("start", m, NULL, 0, NULL);
    if (inst) {
        tw_global *s = export_global(inst, "s");
        check(tw_instance_has_start(inst) && s && tw_global_get(s) == 0,
              "start: pending, not run by instantiation");
        check(tw_run(inst, UINT64_MAX) == TW_RETURNED && s && tw_global_get(s) == 42,
              "start: run with tw_run");
        check(!tw_instance_has_start(inst), "start: no longer pending");
        check(tw_instance_module(inst) == m, "instance module");
        int u;
        tw_instance_set_user(inst, &u);
        check(tw_instance_user(inst) == &u, "instance user pointer");
        tw_extern x;
        check(!tw_instance_export(inst, "nope", &x), "export: unknown name -> false");
    }
    tw_instance_free(inst);
    tw_module_free(m);
}

static void test_host_calls(void)
{
    tw_module *m = LOAD(w_host);
    if (!m)
        return;
    uint8_t i32 = TW_I32;
    tw_functype ft = { 1, 1, &i32, &i32 };
    tw_func *h = tw_func_new_host(&ft, host_double, (void *)(uintptr_t)1);
    tw_extern imps[1] = { ext_func(h) };
    tw_instance *inst = expect_ok("host", m, imps, 1, NULL);
    if (inst) {
        tw_val r = 0;
        check(call(inst, "run", 20, &r) == TW_RETURNED && r == 41, "host: call with env");
        check(call(inst, "run", 0, NULL) == TW_TRAPPED && strcmp(tw_trap_message(inst), "host says 99") == 0,
              "host: tw_hostcall_trapf message");
        check(call(inst, "run", 1, &r) == TW_RETURNED && r == 3, "host: a new call after a trap");
    }
    tw_instance_free(inst);
    tw_func_free(h);
    tw_module_free(m);
}

/* The post-compile check: code it accepts, and each way it refuses code. */
static void test_code_check(void)
{
    char err[160];
    const uint32_t ok_code[] = {
        IOP_CONST32, 0, 7,                     /* s0 = 7 */
        IOP_I32_ADD, 1, 0, 0,                  /* s1 = s0 + s0 */
        IOP_BR_IF, 1, 8,                       /* if s1: to the RET1 */
        IOP_BR, 1,                             /* to the RET1 too */
        IOP_BR_TABLE, 0, 1, 2, 1,              /* offsets from their own words: RET1, RET1 */
        IOP_RET1, 1,
    };
    uint32_t n = sizeof ok_code / sizeof *ok_code;
    check(tw_iop_check(ok_code, n, 2, err, sizeof err) == 0, "valid code refused: %s", err);
    check(tw_iop_check(ok_code, n, 1, err, sizeof err) != 0 &&
              !strcmp(err, "I32_ADD at word 3: operand 1 (s) is 1"),
          "a slot beyond the frame: \"%s\"", err);
    uint32_t bad[32];
    memcpy(bad, ok_code, sizeof ok_code);
    bad[9] = 2;                                /* BR_IF into BR's operand */
    check(tw_iop_check(bad, n, 2, err, sizeof err) != 0 &&
              !strcmp(err, "BR_IF at word 7: operand 2 (o) is 2"),
          "a branch into an instruction: \"%s\"", err);
    memcpy(bad, ok_code, sizeof ok_code);
    bad[16] = 100;                             /* a BR_TABLE target beyond the code */
    check(tw_iop_check(bad, n, 2, err, sizeof err) != 0 &&
              !strcmp(err, "BR_TABLE at word 12: operand 4 (o) is 100"),
          "a branch table target out of the code: \"%s\"", err);
    memcpy(bad, ok_code, sizeof ok_code);
    bad[0] = IOP_COUNT_;                       /* no such instruction */
    check(tw_iop_check(bad, n, 2, err, sizeof err) != 0 &&
              !strncmp(err, "instruction", 11), "an unknown instruction: \"%s\"", err);
    check(tw_iop_check(ok_code, n - 1, 2, err, sizeof err) != 0,
          "an instruction cut short is accepted");
    const uint32_t call[] = {IOP_CALL, 0, 2, IOP_RET0};
    check(tw_iop_check(call, 4, 2, err, sizeof err) == 0, "a call base at the frame's end: %s", err);
    check(tw_iop_check(call, 4, 1, err, sizeof err) != 0, "a call base beyond the frame");
}

int main(void)
{
    test_code_check();
    test_memory_objects();
    test_memory_threads();
    test_table_objects();
    test_host_objects();
    test_imports();
    test_memory_module();
    test_table_module();
    test_globals();
    test_segments_oob();
    test_start();
    test_host_calls();
    return summary();
}
