/* wasi_bench.c — whole-process benchmarks: each CPU benchmark as a native executable
 * and as a WASI command under `tycho run` (start-up, decode, compile and exit included),
 * timed by wall clock around fork/exec/wait with stdout captured and compared; then the
 * start-up time of `tycho run hello.wasm` beside a native hello.
 *
 *   wasi_bench [-n RUNS] [-s STARTUP_RUNS] TYCHO DIR NAME...
 *
 * DIR holds NAME (native) and NAME.wasm for each NAME, and hello + hello.wasm.
 * Exits 1 on any failure (a checksum mismatch above all), so `make bench` fails loudly.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OUT_CAP 256

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The program a command line runs: its last argument (the .wasm for `tycho run`). */
static const char *what(char *const argv[]) {
    int n = 0;
    while (argv[n + 1]) n++;
    return argv[n];
}

/* Runs argv (argv[0] a path) with stdout into out[OUT_CAP], NUL-terminated, truncated if
 * longer; returns the wall time in ms from fork to reaped exit, or -1 unless it exits 0. */
static double run_process(char *const argv[], char *out) {
    int p[2];
    if (pipe(p) != 0) { perror("wasi_bench: pipe"); return -1; }
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) { perror("wasi_bench: fork"); close(p[0]); close(p[1]); return -1; }
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execv(argv[0], argv);
        fprintf(stderr, "wasi_bench: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(p[1]);
    size_t len = 0;
    for (;;) {   /* drain everything so the child never blocks on a full pipe */
        char junk[256];
        char *dst = len < OUT_CAP - 1 ? out + len : junk;
        size_t room = len < OUT_CAP - 1 ? OUT_CAP - 1 - len : sizeof junk;
        ssize_t n = read(p[0], dst, room);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (dst != junk) len += (size_t)n;
    }
    out[len] = 0;
    close(p[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) { perror("wasi_bench: waitpid"); return -1; }
    double ms = now_ms() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("FAIL %s: %s %d\n", what(argv),
               WIFEXITED(status) ? "exit status" : "killed by signal",
               WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return -1;
    }
    return ms;
}

/* Best (smallest) wall time of `runs` runs; out holds the last run's stdout, and every
 * run must print the same. -1 on failure. */
static double best_of(int runs, char *const argv[], char *out) {
    double best = -1;
    char first[OUT_CAP];
    for (int i = 0; i < runs; i++) {
        double ms = run_process(argv, out);
        if (ms < 0) return -1;
        if (i == 0) memcpy(first, out, OUT_CAP);
        else if (strcmp(first, out) != 0) {
            printf("FAIL %s: output changed between runs\n", what(argv));
            return -1;
        }
        if (best < 0 || ms < best) best = ms;
    }
    return best;
}

/* Mean wall time of `runs` runs, each of which must print `want` exactly. -1 on failure. */
static double mean_of(int runs, char *const argv[], const char *want) {
    char out[OUT_CAP];
    double total = 0;
    for (int i = 0; i < runs; i++) {
        double ms = run_process(argv, out);
        if (ms < 0) return -1;
        if (strcmp(out, want) != 0) {
            printf("FAIL %s: printed \"%s\", want \"%s\"\n", what(argv), out, want);
            return -1;
        }
        total += ms;
    }
    return total / runs;
}

static void chomp(char *s) { s[strcspn(s, "\n")] = 0; }

static void usage(void) {
    fprintf(stderr, "usage: wasi_bench [-n RUNS] [-s STARTUP_RUNS] TYCHO DIR NAME...\n");
}

int main(int argc, char **argv) {
    int runs = 3, startup_runs = 200, i = 1;
    while (i < argc && argv[i][0] == '-') {   /* -n RUNS, -s STARTUP_RUNS */
        int *which = strcmp(argv[i], "-n") == 0 ? &runs : strcmp(argv[i], "-s") == 0 ? &startup_runs : NULL;
        if (!which || i + 1 >= argc || (*which = atoi(argv[i + 1])) < 1) { usage(); return 2; }
        i += 2;
    }
    if (argc - i < 2) { usage(); return 2; }
    char *tycho = argv[i], *dir = argv[i + 1];
    char **names = argv + i + 2;
    int nnames = argc - i - 2;
    setvbuf(stdout, NULL, _IOLBF, 0);

    bool failed = false;
    double logsum = 0;
    int nratios = 0;
    printf("\nwhole processes: native executable (gcc -O2) vs `tycho run X.wasm` (wasi-libc),\n"
           "wall clock incl. start-up, best of %d runs; ratio = tycho / native\n", runs);
    printf("%-10s %11s %11s %9s   %s\n", "program", "native ms", "tycho ms", "ratio", "checksum");
    for (int k = 0; k < nnames; k++) {
        char native[4096], wasm[4096], nout[OUT_CAP], wout[OUT_CAP];
        snprintf(native, sizeof native, "%s/%s", dir, names[k]);
        snprintf(wasm, sizeof wasm, "%s/%s.wasm", dir, names[k]);
        char *nargv[] = {native, NULL};
        char *wargv[] = {tycho, "run", wasm, NULL};
        double nms = best_of(runs, nargv, nout);
        double wms = nms < 0 ? -1 : best_of(runs, wargv, wout);
        if (nms < 0 || wms < 0) { failed = true; continue; }
        chomp(nout);
        chomp(wout);
        if (strcmp(nout, wout) != 0 || nout[0] == 0) {
            printf("FAIL %s: CHECKSUM MISMATCH native \"%s\" != tycho \"%s\"\n", names[k], nout, wout);
            failed = true;
            continue;
        }
        double ratio = wms / nms;
        logsum += log(ratio);
        nratios++;
        printf("%-10s %11.1f %11.1f %8.2fx   %s\n", names[k], nms, wms, ratio, nout);
    }
    if (nratios) printf("geometric mean ratio: %.2fx over %d programs\n", exp(logsum / nratios), nratios);

    char hello[4096], hello_wasm[4096];
    snprintf(hello, sizeof hello, "%s/hello", dir);
    snprintf(hello_wasm, sizeof hello_wasm, "%s/hello.wasm", dir);
    char *hargv[] = {hello, NULL};
    char *twargv[] = {tycho, "run", hello_wasm, NULL};
    double hn = mean_of(startup_runs, hargv, "Hello, world!\n");
    double hw = hn < 0 ? -1 : mean_of(startup_runs, twargv, "Hello, world!\n");
    if (hn < 0 || hw < 0) failed = true;
    else
        printf("\nstart-up, hello world, mean wall time of %d runs:\n"
               "native hello %.3f ms, tycho run hello.wasm %.3f ms (%.2fx native; target <= 2 ms: %s)\n",
               startup_runs, hn, hw, hw / hn, hw <= 2.0 ? "met" : "MISSED");
    if (failed) printf("wasi_bench: FAILED\n");
    return failed ? 1 : 0;
}
