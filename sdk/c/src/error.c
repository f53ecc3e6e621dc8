/* error.c — the per-process "last error" text and host error resources. */
#include <stdlib.h>

#include "internal.h"

static char last_error[256];

const char *ty_last_error(void) { return last_error; }

static void copy_text(char *dst, size_t cap, const char *src, size_t n) {
    if (cap == 0) return;
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

size_t ty_error_string(uint64_t err, char *buf, size_t cap) {
    size_t n = lunatic_error_string_size(err);
    if (n < cap) {
        lunatic_error_to_string(err, buf);   /* the host writes exactly n bytes */
        buf[n] = 0;
    } else {
        /* The host writes the whole text: give it room, then truncate. */
        char *tmp = malloc(n ? n : 1);
        if (tmp) {
            lunatic_error_to_string(err, tmp);
            copy_text(buf, cap, tmp, n);
            free(tmp);
        } else {
            static const char lost[] = "(error text lost: out of memory)";
            copy_text(buf, cap, lost, sizeof lost - 1);
        }
    }
    lunatic_error_drop(err);
    return n;
}

int ty__fail(int code, const char *text) {
    copy_text(last_error, sizeof last_error, text, strlen(text));
    return code;
}

int ty__fail_host(uint64_t err) {
    ty_error_string(err, last_error, sizeof last_error);
    return TY_EHOST;
}
