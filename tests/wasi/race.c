/* race.c — the guest of the symlink-swap race (tests/wasi/race.sh): while a host process
 * keeps renaming symlinks inside the preopen between a target inside and targets outside
 * it, open+read and stat through those names as often as possible for DURATION_MS.
 * The outside files hold a secret marker (and have another size): reading or stat-ing one
 * is a leak. Every failure must be a refusal (ENOTCAPABLE, ENOENT, ELOOP, ENOTDIR, EAGAIN,
 * EPERM), and both outcomes must show up, or the race was not exercised.
 *   race.wasm DURATION_MS     (preopen "box": link -> inside.txt | outside,
 *                              dlink -> sub | outside directory, both with inside.txt) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define INSIDE "inside\n"

typedef struct {
    const char *what, *path;
    int stat_it;
    long ok, refused, leaks, bad, by_errno[256];
} probe;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int refusal(int e) {
    return e == ENOTCAPABLE || e == ENOENT || e == ELOOP || e == ENOTDIR || e == EAGAIN ||
           e == EPERM;
}

static void fail(probe *p, int e) {
    if (refusal(e)) p->refused++;
    else {
        p->bad++;
        if (p->bad <= 3) fprintf(stderr, "%s %s: unexpected error %s\n", p->what, p->path, strerror(e));
    }
    p->by_errno[e & 255]++;
}

static void try_once(probe *p) {
    if (p->stat_it) {
        struct stat st;
        if (stat(p->path, &st) != 0) { fail(p, errno); return; }
        /* The inside file has exactly sizeof INSIDE - 1 bytes; the secret is longer. */
        if (S_ISREG(st.st_mode) && st.st_size == (off_t)strlen(INSIDE)) p->ok++;
        else p->leaks++;
        return;
    }
    int fd = open(p->path, O_RDONLY);
    if (fd < 0) { fail(p, errno); return; }
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    int e = errno;
    close(fd);
    if (n < 0) { fail(p, e); return; }
    buf[n] = 0;
    if (strcmp(buf, INSIDE) == 0) p->ok++;
    else {
        p->leaks++;
        if (p->leaks <= 3) fprintf(stderr, "%s %s: LEAK read \"%s\"\n", p->what, p->path, buf);
    }
}

int main(int argc, char **argv) {
    double duration = argc > 1 ? atof(argv[1]) : 2000;
    probe probes[] = {
        {"open+read", "box/link", 0, 0, 0, 0, 0, {0}},
        {"stat", "box/link", 1, 0, 0, 0, 0, {0}},
        {"open+read", "box/dlink/inside.txt", 0, 0, 0, 0, 0, {0}},
        {"stat", "box/dlink/inside.txt", 1, 0, 0, 0, 0, {0}},
    };
    enum { N = sizeof probes / sizeof probes[0] };
    long iters = 0;
    double t0 = now_ms();
    /* At least a thousand rounds, then until the time is up. */
    while (iters < 1000 || now_ms() - t0 < duration) {
        for (int i = 0; i < N; i++) try_once(&probes[i]);
        iters++;
    }
    fprintf(stderr, "%ld rounds in %.0f ms\n", iters, now_ms() - t0);
    for (int i = 0; i < N; i++) {
        probe *p = &probes[i];
        fprintf(stderr, "  %-9s %-22s ok %6ld  refused %6ld (", p->what, p->path, p->ok, p->refused);
        for (int e = 0; e < 256; e++)
            if (p->by_errno[e]) fprintf(stderr, " %s: %ld", strerror(e), p->by_errno[e]);
        fprintf(stderr, " )  leaks %ld  bad %ld\n", p->leaks, p->bad);
        printf("%s %s: leaks = %ld, bad errors = %ld, inside seen = %s, refusal seen = %s\n",
               p->what, p->path, p->leaks, p->bad, p->ok ? "yes" : "no", p->refused ? "yes" : "no");
    }
    return 0;
}
