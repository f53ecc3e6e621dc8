/* files.c — files and directories inside the preopened directory "sandbox". */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

static void list(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) { printf("opendir %s: %s\n", dir, strerror(errno)); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    printf("ls %s:", dir);
    for (int i = 0; i < n; i++) printf(" %s", names[i]), free(names[i]);
    printf("\n");
}

int main(void) {
    FILE *f = fopen("sandbox/a.txt", "w");
    if (!f) { perror("fopen"); return 1; }
    fprintf(f, "line one\nline two\n");
    fclose(f);
    char buf[64] = {0};
    f = fopen("sandbox/a.txt", "r");
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    SHOW("read bytes", got);
    fseek(f, 5, SEEK_SET);
    SHOW("ftell", ftell(f));
    SHOW("getc", fgetc(f));
    fclose(f);

    int fd = open("sandbox/a.txt", O_RDWR);
    SHOW("pwrite", pwrite(fd, "LINE", 4, 0));
    memset(buf, 0, sizeof buf);
    SHOW("pread", pread(fd, buf, 8, 0));
    printf("pread got [%s]\n", buf);
    SHOW("lseek end", lseek(fd, 0, SEEK_END));
    SHOW("ftruncate", ftruncate(fd, 4));
    struct stat st;
    SHOW("fstat", fstat(fd, &st));
    SHOW("size", st.st_size);
    SHOW("is reg", S_ISREG(st.st_mode));
    close(fd);
    f = fopen("sandbox/a.txt", "a");
    fputs("++", f);
    fclose(f);
    SHOW("stat", stat("sandbox/a.txt", &st));
    SHOW("size after append", st.st_size);

    SHOW("mkdir", mkdir("sandbox/sub", 0755));
    SHOW("mkdir again errno", mkdir("sandbox/sub", 0755) ? errno : 0);
    SHOW("rename", rename("sandbox/a.txt", "sandbox/sub/b.txt"));
    SHOW("stat old errno", stat("sandbox/a.txt", &st) ? errno : 0);
    SHOW("stat dir", stat("sandbox/sub", &st));
    SHOW("is dir", S_ISDIR(st.st_mode));
    for (int i = 0; i < 40; i++) {   /* enough entries to need several fd_readdir calls */
        char p[64];
        snprintf(p, sizeof p, "sandbox/sub/f%02d-with-a-rather-long-name-to-fill-buffers", i);
        close(open(p, O_CREAT | O_WRONLY, 0644));
    }
    DIR *d = opendir("sandbox/sub");
    int n = 0;
    while (readdir(d)) n++;
    closedir(d);
    SHOW("entries in sub", n);
    for (int i = 0; i < 40; i++) {
        char p[64];
        snprintf(p, sizeof p, "sandbox/sub/f%02d-with-a-rather-long-name-to-fill-buffers", i);
        unlink(p);
    }
    list("sandbox");
    list("sandbox/sub");
    SHOW("rmdir non-empty errno", rmdir("sandbox/sub") ? errno : 0);
    SHOW("unlink dir errno", unlink("sandbox/sub") ? errno == EISDIR || errno == EPERM : 0);
    SHOW("unlink", unlink("sandbox/sub/b.txt"));
    SHOW("rmdir", rmdir("sandbox/sub"));
    SHOW("open missing errno", open("sandbox/none", O_RDONLY) < 0 ? errno : 0);
    SHOW("O_EXCL errno", open("sandbox", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 ? errno : 0);
    SHOW("symlink", symlink("target.txt", "sandbox/link"));
    char lk[64] = {0};
    SHOW("readlink", readlink("sandbox/link", lk, sizeof lk));
    printf("link -> %s\n", lk);
    SHOW("lstat", lstat("sandbox/link", &st));
    SHOW("is link", S_ISLNK(st.st_mode));
    SHOW("unlink link", unlink("sandbox/link"));
    SHOW("open outside preopen errno", open("elsewhere/x", O_RDONLY) < 0 ? errno : 0);
    list("sandbox");

    /* raw fd_readdir with a tiny buffer: entries come truncated, cookies resume */
    __wasi_fd_t dfd;
    SHOW("path_open dir", __wasi_path_open(3, 0, ".", __WASI_OFLAGS_DIRECTORY,
                                         __WASI_RIGHTS_FD_READDIR, 0, 0, &dfd));
    uint8_t small[30];
    size_t used;
    SHOW("readdir small", __wasi_fd_readdir(dfd, small, sizeof small, 0, &used));
    SHOW("bufused", used);
    __wasi_dirent_t de;
    memcpy(&de, small, sizeof de);
    SHOW("d_next", de.d_next);
    SHOW("readdir past end", __wasi_fd_readdir(dfd, small, sizeof small, 1000, &used));
    SHOW("bufused past end", used);
    SHOW("readdir on file", __wasi_fd_readdir(1, small, sizeof small, 0, &used));
    __wasi_prestat_t ps;
    SHOW("prestat 3", __wasi_fd_prestat_get(3, &ps));
    SHOW("prestat name len", ps.u.dir.pr_name_len);
    SHOW("prestat dfd", __wasi_fd_prestat_get(dfd, &ps));
    char name[4];
    SHOW("prestat_dir_name short", __wasi_fd_prestat_dir_name(3, (uint8_t *)name, 3));
    SHOW("close", __wasi_fd_close(dfd));
    SHOW("close again", __wasi_fd_close(dfd));
    __wasi_fdstat_t fs;
    SHOW("fdstat 3", __wasi_fd_fdstat_get(3, &fs));
    SHOW("fdstat type", fs.fs_filetype);
    SHOW("seek on dir", __wasi_fd_seek(3, 0, __WASI_WHENCE_SET, &(__wasi_filesize_t){0}));
    return 0;
}
