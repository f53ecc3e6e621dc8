/* wc.c — counts lines, words and bytes of every file in a directory the host grants:
 *   build/tycho run --dir some/dir::data build/examples/wasi/wc.wasm data
 * It sees only that directory (as "data"), nothing else of the host's file system. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: wc DIR\n");
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 1;
    }
    char *names[1024];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 1024)
        if (e->d_type == DT_REG) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);

    long tl = 0, tw = 0, tc = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        FILE *f = fopen(path, "r");
        if (!f) {
            perror(path);
            return 1;
        }
        long l = 0, w = 0, c = 0;
        int ch, in_word = 0;
        while ((ch = getc(f)) != EOF) {
            c++;
            if (ch == '\n') l++;
            if (isspace(ch)) in_word = 0;
            else if (!in_word) { in_word = 1; w++; }
        }
        fclose(f);
        printf("%7ld %7ld %7ld %s\n", l, w, c, names[i]);
        tl += l, tw += w, tc += c;
        free(names[i]);
    }
    printf("%7ld %7ld %7ld total\n", tl, tw, tc);
    return 0;
}
