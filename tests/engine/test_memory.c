/* test_memory.c — memories are recycled with lazy zeroing (only what was written is
 * cleared): no byte written by one instance may ever be seen by the next, whatever the
 * way it was written (store, fused store, memory.fill/copy/init, growth, the host).
 *   test-memory GUESTS_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static int passed, failed;
static void check(int ok, const char *what)
{
    if (ok) passed++;
    else { failed++; printf("FAIL: %s\n", what); }
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *b = malloc((size_t)n);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(1); }
    fclose(f);
    *len = (size_t)n;
    return b;
}

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
            snprintf(what, sizeof what, "%s: round %u, before '%s': memory reads as zero",
                     mode, round, ways[w]);
            check(call(inst, "nonzero", 0, 0, 0) == 0, what);
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
                     check(call(inst, "nonzero", 0, 0, 0) == 24, "written bytes kept across moves");
                     break;
            }
            snprintf(what, sizeof what, "%s: round %u, '%s' dirtied the memory", mode, round,
                     ways[w]);
            check(call(inst, "nonzero", 0, 0, 0) > 0, what);
            tw_instance_free(inst);
        }
    /* and a grown instance after a full one: the new pages read as zero too */
    tw_instance *a = tw_instance_new(m, NULL, 0, NULL, err, sizeof err);
    call(a, "grow", 6, 0, 0);
    call(a, "fill", 0, 8 * 65536, 0);
    tw_instance_free(a);
    tw_instance *b = tw_instance_new(m, NULL, 0, NULL, err, sizeof err);
    check(call(b, "nonzero", 0, 0, 0) == 0, "after a full 8-page instance: zero");
    call(b, "grow", 6, 0, 0);
    check(call(b, "nonzero", 0, 0, 0) == 0, "after a full 8-page instance: grown pages zero");
    tw_instance_free(b);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: test-memory GUESTS_DIR\n"); return 2; }
    char path[4096], err[256];
    snprintf(path, sizeof path, "%s/scribble.wasm", argv[1]);
    size_t len;
    uint8_t *bytes = slurp(path, &len);
    tw_module *m = tw_module_new(bytes, len, err, sizeof err);
    if (!m) { printf("%s\n", err); return 1; }
    if (rounds(m, "pooled") != 0) return 1;
    /* no budget: every freed memory goes through the trim list and back to the kernel */
    tw_memory_pool_budget(0);
    if (rounds(m, "trimmed") != 0) return 1;
    tw_module_free(m);
    free(bytes);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
