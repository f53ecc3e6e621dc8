/* cat.c — copies stdin to stdout and reports the byte count on stderr: reading a pipe
 * with no data yet makes tycho wait (the call blocks the guest, not inside the host). */
#include <unistd.h>
#include "check.h"

int main(void) {
    char buf[4096];
    long total = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        write(1, buf, (size_t)n);
        total += n;
    }
    fprintf(stderr, "%ld bytes\n", total);
    return n < 0;
}
