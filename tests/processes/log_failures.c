/* log_failures.c — the exact reason a process fails, seen through `--log-failures` (a
 * failing process other than the root prints nothing otherwise): permission denied for a
 * namespace outside the config's, spawning without the flag, fuel running out, a kill, a
 * linked failure, a bad pointer, proc_exit with a non-zero status; and nothing for a
 * normal death. The root waits for each death (monitor) before the next, so the lines
 * come in order. */
//! options: --log-failures
#include <stdio.h>
#include <stdlib.h>

#include "tycho.h"

static void registry_put(int64_t a) { (void)a; lunatic_registry_put("x", 1, 0, 1); }
static void spawner(int64_t a) { (void)a; ty_pid p; ty_spawn(registry_put, 0, &p); }
static void spin(int64_t a) { volatile int64_t x = a; for (;;) x++; }
static void wait_forever(int64_t a) { (void)a; ty_receive(NULL, 0, TY_NO_TIMEOUT); }
static void bad_pointer(int64_t a) { (void)a; lunatic_message_receive((const int64_t *)0xFFFFFFF0u, 4, 0); }
static void exit_3(int64_t a) { (void)a; exit(3); }
static void normal(int64_t a) { (void)a; }
static void linked_child(int64_t a) { (void)a; ty_sleep_ms(10); abort(); }
static void link_parent(int64_t a) {
    (void)a;
    ty_pid c;
    ty_spawn_link(5, linked_child, 0, &c);
    ty_receive(NULL, 0, TY_NO_TIMEOUT);   /* dies with its child */
}

/* Spawns fn with cfg (or the root's own config), waits until it has died. */
static void run(const char *what, ty_config cfg, ty_entry fn, int64_t arg) {
    printf("%s:\n", what);
    fflush(stdout);
    ty_pid pid;
    if (ty_spawn_config(cfg, 0, fn, arg, &pid) != 0) {
        printf("  spawn failed: %s\n", ty_last_error());
        return;
    }
    ty_monitor(pid);
    while (ty_receive(NULL, 0, TY_NO_TIMEOUT) != TY_MSG_PROCESS_DIED || ty_msg_dead_pid() != pid) {}
    if (fn == wait_forever) {}
}

int main(void) {
    ty_config only_msg = ty_config_new();
    ty_config_allow_namespace(only_msg, "lunatic::process::");
    ty_config_allow_namespace(only_msg, "lunatic::message::");
    ty_config_set_can_spawn_processes(only_msg, 1);
    run("registry::put outside the allowed namespaces", only_msg, registry_put, 0);

    ty_config no_spawn = ty_config_new();   /* every flag denied */
    run("spawn without can_spawn_processes", no_spawn, spawner, 0);

    ty_config fuel = ty_config_new();
    ty_config_set_max_fuel(fuel, 1);
    run("a spinning process with max_fuel 1", fuel, spin, 0);

    printf("killed while waiting:\n");
    fflush(stdout);
    ty_pid w;
    ty_spawn(wait_forever, 0, &w);
    ty_monitor(w);
    ty_kill(w);
    while (ty_receive(NULL, 0, TY_NO_TIMEOUT) != TY_MSG_PROCESS_DIED) {}

    run("a linked child aborts (and takes its parent along)", TY_INHERIT, link_parent, 0);
    ty_sleep_ms(50);   /* the child's own line, if it comes after its parent's death */
    run("a bad pointer", TY_INHERIT, bad_pointer, 0);
    run("exit(3)", TY_INHERIT, exit_3, 0);
    run("a normal return (no line)", TY_INHERIT, normal, 0);
    printf("done\n");
    return 0;
}
