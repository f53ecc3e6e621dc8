/* args_env.c — arguments and environment as the command line gave them. */
#include <stdlib.h>
#include "check.h"

extern char **environ;

int main(int argc, char **argv) {
    SHOW("argc", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d] = [%s]\n", i, argv[i]);
    int n = 0;
    for (char **e = environ; *e; e++) printf("env [%s]\n", *e), n++;
    SHOW("envc", n);
    const char *h = getenv("HOME");
    printf("HOME %s\n", h ? "set" : "unset");
    return 0;
}
