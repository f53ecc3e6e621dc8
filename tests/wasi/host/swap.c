/* swap.c — the host side of the symlink-swap race (tests/wasi/race.sh), a native program.
 *   swap DIR OUTSIDE_DIR
 * Renames freshly made symlinks over DIR/link and DIR/dlink in a tight loop until SIGTERM
 * (or 60 s), cycling
 *   link  -> inside.txt, ../secret.txt, OUTSIDE_DIR/secret.txt
 *   dlink -> sub,        ..,            OUTSIDE_DIR
 * and reports the number of swaps on stderr. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static void on_term(int sig) { (void)sig; stop = 1; }

/* name := a symlink to target, atomically (a fresh link renamed over it). */
static int put(const char *dir, const char *name, const char *target) {
    char tmp[4096], dst[4096];
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
    snprintf(dst, sizeof dst, "%s/%s", dir, name);
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, dst) != 0) {
        fprintf(stderr, "swap: %s -> %s: ", dst, target);
        perror(NULL);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: swap DIR OUTSIDE_DIR\n"); return 2; }
    const char *dir = argv[1];
    char abs_file[4096];
    snprintf(abs_file, sizeof abs_file, "%s/secret.txt", argv[2]);
    const char *links[3] = {"inside.txt", "../secret.txt", abs_file};
    const char *dlinks[3] = {"sub", "..", argv[2]};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);

    time_t deadline = time(NULL) + 60;   /* never outlive a test run that died */
    unsigned long swaps = 0;
    for (unsigned i = 1; !stop && time(NULL) < deadline; i++) {
        if (put(dir, "link", links[i % 3]) || put(dir, "dlink", dlinks[i % 3])) return 1;
        swaps += 2;
    }
    fprintf(stderr, "  host: %lu symlink swaps\n", swaps);
    return 0;
}
