/* wasi_config.c — lunatic::wasi: the WASI world of a child spawned with a config. The
 * child reads its arguments, environment and preopened directories with the raw WASI
 * calls, reads a file through its preopen, and sends all of it back; the root prints it.
 * A config's args/env/preopens are exactly what the child sees (nothing inherited); with
 * config -1 it sees the root's world. Preopens must be inside a directory the parent can
 * access (host paths, resolved: "..", missing paths and symlinks out are refused at spawn,
 * with the error text). Unknown config ids and strings that are not UTF-8 trap (seen
 * through a link). The root gets its scratch directory (host path) as argv[1]; host paths
 * are printed with it replaced by <WORK>. */
//! options: --dir @WORK@::/work --env ROOTVAR=root
//! args: @WORK@ extra
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#include "harness.h"

#define T_WORLD   1
#define T_BEFORE  2
#define T_AFTER   3
#define T_SPAWNED 4
#define LINK_BASE 100
#define WAIT_MS   10000

static const char *work;      /* host path of the root's /work */
static const char *program;   /* argv[0] */

/* s with the root's work dir and program path shown as <WORK> and <PROGRAM>. */
static const char *masked(const char *s) {
    static char out[4][512];
    static int k;
    char *o = out[k++ % 4];
    size_t wl = work ? strlen(work) : 0, pl = program ? strlen(program) : 0;
    size_t n = 0;
    while (*s && n + 12 < 512) {
        if (pl && !strncmp(s, program, pl)) { n += (size_t)snprintf(o + n, 512 - n, "<PROGRAM>"); s += pl; }
        else if (wl && !strncmp(s, work, wl)) { n += (size_t)snprintf(o + n, 512 - n, "<WORK>"); s += wl; }
        else o[n++] = *s++;
    }
    o[n] = 0;
    return o;
}

/* ---- the child: what WASI shows it -------------------------------------------------- */

static void send_strings(uint8_t **v, uint32_t n) {
    ty_msg_u32(n);
    for (uint32_t i = 0; i < n; i++) ty_msg_str((const char *)v[i]);
}

static void report_world(int64_t to) {
    static uint8_t *v[64];
    static uint8_t buf[4096];
    __wasi_size_t n = 0, size = 0;
    ty_msg_begin(T_WORLD);
    if (__wasi_args_sizes_get(&n, &size) || n > 64 || size > sizeof buf || __wasi_args_get(v, buf))
        n = 0;
    send_strings(v, n);
    if (__wasi_environ_sizes_get(&n, &size) || n > 64 || size > sizeof buf ||
        __wasi_environ_get(v, buf))
        n = 0;
    send_strings(v, n);
    /* Preopens: fds from 3 until fd_prestat_get fails. */
    char names[8][256];
    uint32_t np = 0;
    int first_file = -1;
    for (__wasi_fd_t fd = 3; np < 8; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        size_t len = ps.u.dir.pr_name_len < 255 ? ps.u.dir.pr_name_len : 255;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)names[np], len)) len = 0;
        names[np][len] = 0;
        /* The first preopen that has hello.txt: read it. */
        __wasi_fd_t f;
        if (first_file < 0 &&
            __wasi_path_open(fd, 0, "hello.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &f) == 0) {
            first_file = (int)f;
        }
        np++;
    }
    ty_msg_u32(np);
    for (uint32_t i = 0; i < np; i++) ty_msg_str(names[i]);
    char text[64] = "(no hello.txt in any preopen)";
    if (first_file >= 0) {
        __wasi_iovec_t iov = {(uint8_t *)text, sizeof text - 1};
        __wasi_size_t got = 0;
        if (__wasi_fd_read((__wasi_fd_t)first_file, &iov, 1, &got)) got = 0;
        text[got] = 0;
        if (got && text[got - 1] == '\n') text[got - 1] = 0;
        (void)__wasi_fd_close((__wasi_fd_t)first_file);
    }
    ty_msg_str(text);
    ty_send((ty_pid)to);
}

/* ---- the root: printing what a child saw ---------------------------------------------- */

static void print_list(const char *what) {
    uint32_t n = 0;
    ty_read_u32(&n);
    printf("  %s (%u):", what, n);
    for (uint32_t i = 0; i < n; i++) {
        char s[512];
        ty_read_str(s, sizeof s);
        printf(" [%s]", masked(s));
    }
    printf("\n");
}

static void show_world(const char *what, ty_config c) {
    ty_pid pid;
    int rc = ty_spawn_config(c, 0, report_world, (int64_t)ty_self(), &pid);
    printf("%s: spawn %d", what, rc);
    if (rc != 0) {
        printf(" \"%s\"\n", masked(ty_last_error()));
        return;
    }
    if (ty_receive_tag(T_WORLD, WAIT_MS) != TY_MSG_DATA) {
        printf(", no report\n");
        return;
    }
    printf("\n");
    print_list("args");
    print_list("env");
    print_list("preopens");
    char text[64];
    ty_read_str(text, sizeof text);
    printf("  hello.txt: %s\n", text);
}

/* show_world with a new config that preopens only `dir`. */
static void show_preopen(const char *what, const char *dir) {
    ty_config c = ty_config_new();
    ty_config_preopen_dir(c, dir);
    show_world(what, c);
    ty_config_drop(c);
}

static char *path(const char *a, const char *b) {
    static char out[4][512];
    static int k;
    char *o = out[k++ % 4];
    snprintf(o, 512, "%s%s", a, b);
    return o;
}

/* ---- a middle process hands out preopens of its own ---------------------------------- */

/* Its config preopens <WORK>/sub only. It tries to give a child <WORK> (its parent has it,
 * it does not) and <WORK>/sub/inner (inside its own), and reports both outcomes. */
static void middle(int64_t to) {
    const char *dirs[2] = {"", "/sub/inner"};
    /* It learns <WORK> from its own preopen name: "<WORK>/sub". */
    char own[256] = "";
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(3, &ps) == 0 && ps.u.dir.pr_name_len < 250 &&
        __wasi_fd_prestat_dir_name(3, (uint8_t *)own, ps.u.dir.pr_name_len) == 0)
        own[ps.u.dir.pr_name_len - 4] = 0;   /* strip "/sub" */
    ty_msg_begin(T_SPAWNED);
    for (int i = 0; i < 2; i++) {
        ty_config c = ty_config_new();
        char d[300];
        snprintf(d, sizeof d, "%s%s", own, dirs[i]);
        ty_config_preopen_dir(c, d);
        ty_pid pid;
        int rc = ty_spawn_config(c, 0, report_world, 0, &pid);   /* reports to pid 0: lost */
        ty_msg_i32(rc);
        ty_msg_str(rc ? ty_last_error() : "");
        ty_config_drop(c);
    }
    ty_send((ty_pid)to);
}

/* ---- misuse -------------------------------------------------------------------------- */

static void misuse(int64_t arg) {
    ty_pid to;
    int which = misuse_start(arg, T_BEFORE, &to);
    ty_config c = ty_config_new();
    switch (which) {
    case 0: lunatic_wasi_config_add_environment_variable(c + 5, "K", 1, "V", 1); break;
    case 1: lunatic_wasi_config_add_command_line_argument(c + 5, "a", 1); break;
    case 2: lunatic_wasi_config_preopen_dir(c + 5, "/", 1); break;
    case 3: lunatic_wasi_config_add_environment_variable(c, "K\xff", 2, "V", 1); break;
    case 4: lunatic_wasi_config_add_environment_variable(c, "K", 1, "\xc3", 1); break;
    case 5: lunatic_wasi_config_add_command_line_argument(c, "\xed\xa0\x80", 3); break;
    case 6: lunatic_wasi_config_preopen_dir(c, "/tmp\xfe", 5); break;
    case 7:
        ty_config_drop(c);
        ty_config_add_arg(c, "after drop");
        break;
    }
    ty_send_raw(to, T_AFTER, "", 0);
}

static const char *const misuse_names[] = {
    "add_environment_variable, unknown config", "add_command_line_argument, unknown config",
    "preopen_dir, unknown config", "env key not UTF-8", "env value cut in a UTF-8 sequence",
    "argument with a surrogate (not UTF-8)", "preopen path not UTF-8",
    "add_command_line_argument on a dropped config",
};

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 3) { printf("usage: wasi_config.wasm WORKDIR extra\n"); return 1; }
    program = argv[0];
    work = argv[1];

    /* The root's /work is <WORK>: files for the children. */
    mkdir("/work/sub", 0755);
    mkdir("/work/sub/inner", 0755);
    FILE *f = fopen("/work/sub/hello.txt", "w");
    if (!f) { printf("cannot write /work/sub/hello.txt: %s\n", strerror(errno)); return 1; }
    fputs("hello from the root\n", f);
    fclose(f);
    int sl = symlink("/", "/work/escape");
    int sl_errno = errno;
    int sl3 = symlink("..", "/work/sub/up");
    int sl3_errno = errno;
    int sl2 = symlink("sub", "/work/to_sub");

    printf("-- what a child sees\n");
    show_world("config -1 (the root's world)", TY_INHERIT);
    ty_config c = ty_config_new();
    show_world("a new config (nothing)", c);
    ty_config_add_arg(c, "one");
    ty_config_add_arg(c, "two words");
    ty_config_add_arg(c, "");
    ty_config_add_arg(c, "\xc3\xbcnic\xc3\xb6" "de");
    ty_config_add_env(c, "A", "1");
    ty_config_add_env(c, "B", "x=y");
    ty_config_add_env(c, "EMPTY", "");
    ty_config_add_env(c, "A", "again");
    ty_config_preopen_dir(c, path(work, "/sub"));
    show_world("args, env and <WORK>/sub", c);
    ty_config_preopen_dir(c, work);
    ty_config_preopen_dir(c, path(work, "/sub/inner"));
    show_world("plus <WORK> and <WORK>/sub/inner", c);
    ty_config_drop(c);
    show_preopen("preopen <WORK>/sub/../sub/ (inside once resolved)", path(work, "/sub/../sub/"));
    if (sl2 == 0) {
        show_preopen("preopen <WORK>/to_sub, a symlink to sub (inside)", path(work, "/to_sub"));
    } else {
        printf("symlink to sub: %s\n", strerror(errno));
    }

    printf("-- preopens outside the parent's directories: spawn fails\n");
    const char *outside[] = {"/", "/tmp", path(work, "/.."), path(work, "/missing"),
                             path(work, "/sub/hello.txt"), "relative", ""};
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
        char label[600];
        snprintf(label, sizeof label, "preopen \"%s\"", masked(outside[i]));
        show_preopen(label, outside[i]);
    }
    if (sl == 0) {
        show_preopen("preopen <WORK>/escape, a symlink to /", path(work, "/escape"));
    } else {
        printf("symlink to / refused by the sandbox: %s\n", strerror(sl_errno));
    }
    if (sl3 == 0) {
        show_preopen("preopen <WORK>/sub/up/.. (a symlink to .., then ..)",
                     path(work, "/sub/up/.."));
    } else {
        printf("symlink to .. refused by the sandbox: %s\n", strerror(sl3_errno));
    }

    printf("-- a child hands out only what it has\n");
    c = ty_config_new();
    ty_config_set_can_create_configs(c, 1);
    ty_config_set_can_spawn_processes(c, 1);
    ty_config_preopen_dir(c, path(work, "/sub"));
    ty_pid pid;
    ty_spawn_config(c, 0, middle, (int64_t)ty_self(), &pid);
    ty_config_drop(c);
    if (ty_receive_tag(T_SPAWNED, WAIT_MS) == TY_MSG_DATA) {
        const char *what[2] = {"<WORK> (its parent's, not its own)", "<WORK>/sub/inner"};
        for (int i = 0; i < 2; i++) {
            int32_t rc = -9;
            char text[300];
            ty_read_i32(&rc);
            ty_read_str(text, sizeof text);
            printf("middle with <WORK>/sub gives %s: spawn %d%s%s%s\n", what[i], rc,
                   rc ? " \"" : "", rc ? masked(text) : "", rc ? "\"" : "");
        }
    }

    printf("-- misuse: the caller traps\n");
    misuse_cases(misuse_names, COUNT_OF(misuse_names), misuse, LINK_BASE, T_BEFORE, T_AFTER,
                 WAIT_MS);
    printf("done\n");
    return 0;
}
