/* bad_pointers.c — host functions given guest pointers outside the caller's memory (or
 * ranges running past its end, or strings that are not UTF-8): the calling process dies
 * (a trap inside the host call), its parent sees the link's LinkDied and the monitor's
 * ProcessDied, and goes on. A zero-length range that ends exactly at the end of memory is
 * fine. Root trap text: bad_pointers_trap.c. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define T_BEFORE  2
#define T_AFTER   3
#define T_OK      4
#define LINK_BASE 1000
#define WAIT_MS   10000
#define FAR       0xFFFFFFF0u   /* far beyond any memory */

/* The first byte past the memory, as a pointer. */
static uint32_t mem_end(void) { return (uint32_t)__builtin_wasm_memory_size(0) * 65536u; }
#define PTR(a) ((void *)(uintptr_t)(a))

static const char *const names[] = {
    "spawn: id_ptr far out",
    "spawn: id_ptr, 8 bytes across the end",
    "spawn: function name far out",
    "spawn: function name length past the end",
    "spawn: function name not UTF-8",
    "spawn: params far out",
    "spawn: params across the end",
    "get_or_spawn: name far out",
    "get_or_spawn: node_id_ptr far out",
    "get_or_spawn: id_ptr far out",
    "compile_module: bytes far out",
    "compile_module: id_ptr far out",
    "receive: tags far out",
    "receive: 2 tags across the end",
    "registry::get: node_id_ptr far out",
    "registry::get: process_id_ptr far out",
    "registry::put: name far out",
    "read_data: buffer far out",
    "read_data: buffer across the end",
    "write_data: source far out",
    "error::to_string: destination across the end",
    "metrics::counter: name far out",
    "wasi::config_add_environment_variable: key far out",
    "wasi::config_preopen_dir: path across the end",
    "tycho::process::config_allow_namespace: prefix far out",
    /* not traps */
    "write_data: 0 bytes at the end of memory (fine)",
    "read_data: 0 bytes at the end of memory (fine)",
    "receive: 0 tags at the end of memory (fine)",
};
#define NCASES (sizeof names / sizeof *names)
_Static_assert(NCASES <= 256, "misuse_arg() holds the case number in 8 bits");

static void bad(int64_t arg) {
    ty_pid to;
    int which = misuse_start(arg, T_BEFORE, &to);
    uint64_t id = 0, node = 0;
    uint32_t end = mem_end();
    int64_t r = 0;
    switch (which) {
    case 0: r = lunatic_process_spawn(0, -1, -1, "x", 1, NULL, 0, PTR(FAR)); break;
    case 1: r = lunatic_process_spawn(0, -1, -1, "x", 1, NULL, 0, PTR(end - 4)); break;
    case 2: r = lunatic_process_spawn(0, -1, -1, PTR(FAR), 4, NULL, 0, &id); break;
    case 3: r = lunatic_process_spawn(0, -1, -1, "x", end, NULL, 0, &id); break;
    case 4: r = lunatic_process_spawn(0, -1, -1, "\xc0\x80", 2, NULL, 0, &id); break;
    case 5: r = lunatic_process_spawn(0, -1, -1, "x", 1, PTR(FAR), 17, &id); break;
    case 6: r = lunatic_process_spawn(0, -1, -1, "x", 1, PTR(end - 16), 17, &id); break;
    case 7:
        r = lunatic_process_get_or_spawn(PTR(FAR), 3, 0, -1, -1, "x", 1, NULL, 0, &node, &id);
        break;
    case 8:
        r = lunatic_process_get_or_spawn("n", 1, 0, -1, -1, "x", 1, NULL, 0, PTR(FAR), &id);
        break;
    case 9:
        r = lunatic_process_get_or_spawn("n", 1, 0, -1, -1, "x", 1, NULL, 0, &node, PTR(FAR));
        break;
    case 10: r = lunatic_process_compile_module(PTR(FAR), 8, &id); break;
    case 11: r = lunatic_process_compile_module("\0asm\1\0\0\0", 8, PTR(FAR)); break;
    case 12: r = lunatic_message_receive(PTR(FAR), 1, 0); break;
    case 13: r = lunatic_message_receive(PTR(end - 8), 2, 0); break;
    case 14: r = lunatic_registry_get("bad_pointers", 12, PTR(FAR), &id); break;
    case 15: r = lunatic_registry_get("bad_pointers", 12, &node, PTR(FAR)); break;
    case 16: lunatic_registry_put(PTR(FAR), 5, 0, 1); break;
    case 17:
    case 18:
        ty_send_raw(ty_self(), 1, "data", 4);
        ty_receive_tag(1, WAIT_MS);
        r = lunatic_message_read_data(PTR(which == 17 ? FAR : end - 2), 4);
        break;
    case 19:
        lunatic_message_create_data(1, 0);
        r = lunatic_message_write_data(PTR(FAR), 4);
        break;
    case 20: {
        lunatic_process_spawn(0, -1, -1, "nope", 4, NULL, 0, &id);   /* an error: 31 bytes */
        lunatic_error_to_string(id, PTR(end - 10));
        break;
    }
    case 21: lunatic_metrics_counter(PTR(FAR), 4, 1); break;
    case 22: {
        int64_t c = lunatic_process_create_config();
        lunatic_wasi_config_add_environment_variable((uint64_t)c, PTR(FAR), 1, "v", 1);
        break;
    }
    case 23: {
        int64_t c = lunatic_process_create_config();
        lunatic_wasi_config_preopen_dir((uint64_t)c, PTR(end - 2), 4);
        break;
    }
    case 24: {
        int64_t c = lunatic_process_create_config();
        tycho_process_config_allow_namespace((uint64_t)c, PTR(FAR), 3);
        break;
    }
    case 25:
        lunatic_message_create_data(1, 0);
        r = lunatic_message_write_data(PTR(end), 0);
        break;
    case 26:
        ty_send_raw(ty_self(), 1, "data", 4);
        ty_receive_tag(1, WAIT_MS);
        r = lunatic_message_read_data(PTR(end), 0);
        break;
    case 27: r = lunatic_message_receive(PTR(end), 0, 0); break;
    }
    ty_send_raw(to, T_AFTER, &r, sizeof r);
}

static void ok_child(int64_t to) { ty_send_raw((ty_pid)to, T_OK, "still fine", 10); }

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    ty_die_when_link_dies(0);
    for (int i = 0; i < (int)NCASES; i++) {
        trap_case c;
        if (trap_case_begin(&c, TY_INHERIT, LINK_BASE + i, bad, misuse_arg(i), T_BEFORE, T_AFTER,
                            WAIT_MS) != 0) {
            printf("%s: spawn failed: %s\n", names[i], ty_last_error());
            continue;
        }
        int64_t result = -99;
        if (c.after == TY_MSG_DATA) ty_read_i64(&result);
        trap_case_end(&c, WAIT_MS);
        printf("%s: %s, ", names[i], recv_name(c.before));
        if (c.after == TY_MSG_DATA) printf("returned %lld", (long long)result);
        else printf("%s%s", recv_name(c.after), c.its_tag ? " (its tag)" : "");
        printf(", %s%s\n", recv_name(c.last),
               c.last == TY_MSG_PROCESS_DIED && ty_msg_dead_pid() == c.pid ? " (it)" : "");
    }
    /* The parent is unharmed: it still spawns and receives. */
    ty_pid pid;
    ty_spawn(ok_child, (int64_t)ty_self(), &pid);
    char text[16] = "";
    if (ty_receive_tag(T_OK, WAIT_MS) == TY_MSG_DATA) text[ty_read_raw(text, 15)] = 0;
    printf("after all that, a new child says \"%s\"\n", text);
    uint64_t node, got;
    printf("registry name \"bad_pointers\" never set: %d\n",
           lunatic_registry_get("bad_pointers", 12, &node, &got));
    printf("done\n");
    return 0;
}
