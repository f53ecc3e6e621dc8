/* host.c — the list of host namespaces tycho links guests against, and helpers. */
#include <stdlib.h>

#include "host.h"

const tr_hostdef *const tr_host_tables[] = {
    host_process, host_message, host_timer, host_registry, host_error, host_version,
    host_trap, host_wasi_config, host_metrics, host_distributed, host_tycho, NULL,
};

bool host_utf8(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; }
        else return false;
        if (n - i < k + 1) return false;     /* truncated sequence */
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return false;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += k + 1;
    }
    return true;
}

char *host_string(tw_hostcall *hc, uint32_t p, uint32_t len, const char *fname) {
    uint8_t *s = host_mem(hc, p, len);
    if (!s) { HOST_OOB(fname); return NULL; }
    if (!host_utf8(s, len)) {
        tw_hostcall_trapf(hc, "%s: string is not valid UTF-8", fname);
        return NULL;
    }
    char *c = malloc((size_t)len + 1);
    if (!c) { tw_hostcall_trapf(hc, "%s: out of memory", fname); return NULL; }
    memcpy(c, s, len);
    c[len] = 0;
    return c;
}
