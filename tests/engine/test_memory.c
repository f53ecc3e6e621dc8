/* test_memory.c — memories are recycled with lazy zeroing (only what was written is
 * cleared): no byte written by one instance may ever be seen by the next, whatever the
 * way it was written (store, fused store, memory.fill/copy/init, growth, the host).
 *   test-memory GUESTS_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "engine.h"



static tw_val call(tw_instance *inst, const char *name, tw_val a, tw_val b, tw_val c)
{
    tw_extern e;
    if (!tw_instance_export(inst, name, &e)) { printf("no export %s\n", name); exit(1); }
    tw_val args[3] = { a, b, c }, r = 0;
    if (tw_call(inst, e.u.func, args, &r) != TW_RETURNED) {
        printf("%s trapped: %s\n", name, tw_trap_message(inst));
        exit(1);
    }
    return r;
}

/* What a fresh instance must read: all zero, or for imaged.wat its data segments (8
 * bytes at 1000 and 8 at 100000) and zero elsewhere. */
static int base_count;
static int fresh(tw_instance *inst)
{
    if (call(inst, "nonzero", 0, 0, 0) != (tw_val)base_count) return 0;
    for (int i = 0; base_count && i < 8; i++)
        if (call(inst, "load", 1000 + i, 0, 0) != (tw_val)(1 + i) ||
            call(inst, "load", 100000 + i, 0, 0) != (tw_val)(0x11 + i)) return 0;
    return 1;
}

/* Every way of writing, three times over, then a grown instance after a full one;
 * `mode` names the pool policy in the messages. */
static int rounds(tw_module *m, const char *mode)
{
    char err[256];

    /* each round: a fresh instance must read all zero, then gets dirtied one way */
    const char *ways[] = { "store", "store8", "fill", "copy", "init", "add_to", "grow",
                           "host", "grow+store", "host reported", "store across pages",
                           "grow twice, stores in between" };
    for (unsigned round = 0; round < 3; round++)
        for (unsigned w = 0; w < sizeof ways / sizeof *ways; w++) {
            tw_instance *inst = tw_instance_new(m, NULL, 0, NULL, err, sizeof err);
            if (!inst) { printf("%s\n", err); return 1; }
            char what[128];
            snprintf(what, sizeof what, "%s: round %u, before '%s': memory reads as new",
                     mode, round, ways[w]);
            check(fresh(inst), "%s", what);
            uint32_t hi = 2 * 65536 - 8;
            switch (w) {
            case 0: call(inst, "store", 0, 0, 0); call(inst, "store", hi, 0, 0); break;
            case 1: call(inst, "store8", 70000, 0, 0); break;
            case 2: call(inst, "fill", 1000, 120000, 0); break;
            case 3: call(inst, "store", 8, 0, 0); call(inst, "copy", 100000, 8, 8); break;
            case 4: call(inst, "init", hi, 0, 0); break;
            case 5: call(inst, "add_to", 90000, 0, 0); break;
            case 6: check(call(inst, "grow", 6, 0, 0) == 2, "grow returns the old size");
                    call(inst, "store", 8 * 65536 - 8, 0, 0); break;
            case 7: memset(tw_memory_data(tw_instance_memory(inst)), 0x5A, 2 * 65536); break;
            case 8: call(inst, "grow", 1, 0, 0); call(inst, "fill", 0, 3 * 65536, 0); break;
            case 9: {   /* a host that reports its write instead of taking tw_memory_data */
                tw_memory *mem = tw_instance_memory(inst);
                memset(tw_memory_base(mem) + 77777, 0x5A, 100);
                tw_memory_wrote(mem, 77777, 100);
                break;
            }
            case 10: call(inst, "store", 5 * 4096 - 4, 0, 0); break;   /* 8 bytes over a page edge */
            case 11: call(inst, "store", 30000, 0, 0);   /* 2 pages: a 128 KiB buffer */
                     check(call(inst, "grow", 1, 0, 0) == 2, "grow to 3 pages");  /* 256 KiB */
                     call(inst, "store", 3 * 65536 - 8, 0, 0);
                     check(call(inst, "grow", 2, 0, 0) == 3, "grow to 5 pages");  /* 512 KiB */
                     call(inst, "store", 5 * 65536 - 8, 0, 0);
                     check(call(inst, "nonzero", 0, 0, 0) == (tw_val)base_count + 24,
                           "written bytes kept across moves");
                     check(!base_count || (call(inst, "load", 1000, 0, 0) == 1 &&
                                           call(inst, "load", 100007, 0, 0) == 0x18),
                           "the image's bytes kept across moves");
                     break;
            }
            snprintf(what, sizeof what, "%s: round %u, '%s' dirtied the memory", mode, round,
                     ways[w]);
            check(call(inst, "nonzero", 0, 0, 0) > (tw_val)base_count, "%s", what);
            tw_instance_free(inst);
        }
    /* and a grown instance after a full one: the new pages read as zero too */
    tw_instance *a = tw_instance_new(m, NULL, 0, NULL, err, sizeof err);
    call(a, "grow", 6, 0, 0);
    call(a, "fill", 0, 8 * 65536, 0);
    tw_instance_free(a);
    tw_instance *b = tw_instance_new(m, NULL, 0, NULL, err, sizeof err);
    check(fresh(b), "after a full 8-page instance: as new");
    call(b, "grow", 6, 0, 0);
    check(fresh(b), "after a full 8-page instance: grown pages zero");
    tw_instance_free(b);

    /* many at once, each dirtied, all freed, many again */
    enum { MANY = 40 };
    tw_instance *v[MANY];
    for (int round = 0; round < 2; round++) {
        int ok = 1;
        for (int i = 0; i < MANY; i++) {
            v[i] = tw_instance_new(m, NULL, 0, NULL, err, sizeof err);
            if (!v[i]) { printf("%s\n", err); return 1; }
            ok &= fresh(v[i]);
            call(v[i], "store", (uint32_t)(i * 3000 + 500), 0, 0);
            if (i % 5 == 0) call(v[i], "grow", 1, 0, 0);
        }
        for (int i = 0; i < MANY; i++) tw_instance_free(v[i]);
        char what[128];
        snprintf(what, sizeof what, "%s: %d instances at once, round %d: each reads as new",
                 mode, MANY, round);
        check(ok, "%s", what);
    }
    return 0;
}

static tw_module *load(const char *dir, const char *name)
{
    char path[4096], err[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    uint8_t *bytes = slurp(path, &len);
    tw_module *m = tw_module_new(bytes, len, err, sizeof err);
    free(bytes);
    if (!m) { printf("%s: %s\n", name, err); exit(1); }
    return m;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: test-memory GUESTS_DIR\n"); return 2; }
    tw_module *m = load(argv[1], "scribble.wasm"), *img = load(argv[1], "imaged.wasm");
    base_count = 0;
    if (rounds(m, "pooled") != 0) return 1;
    base_count = 16;
    if (rounds(img, "image, pooled") != 0) return 1;
    /* images copied instead of mapped (as beyond vm.max_map_count's share) */
    tw_memory_image_map_limit(0);
    if (rounds(img, "image copied, pooled") != 0) return 1;
    tw_memory_image_map_limit(SIZE_MAX);
    /* no budget: every freed memory goes through the trim list and back to the kernel,
     * and a memory with an image leaves it */
    tw_memory_pool_budget(0);
    base_count = 0;
    if (rounds(m, "trimmed") != 0) return 1;
    base_count = 16;
    if (rounds(img, "image, trimmed") != 0) return 1;
    tw_module_free(m);
    tw_module_free(img);
    return summary();
}
