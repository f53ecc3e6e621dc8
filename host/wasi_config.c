/* wasi_config.c — lunatic::wasi: the WASI world (args, environment, preopened
 * directories) of processes spawned with a config. A child's preopens must lie inside
 * its parent's (checked at spawn). */
#include <stdlib.h>

#include "host.h"

static tr_config *config_arg(tw_hostcall *hc, uint64_t id, const char *fname) {
    tr_config *c = tr_res_get(SELF, TR_TAB_CONFIG, id);
    if (!c) tw_hostcall_trapf(hc, "%s: unknown config id %llu", fname, (unsigned long long)id);
    return c;
}

HOST_FN(config_add_environment_variable) {
    const char *fn = "lunatic::wasi::config_add_environment_variable";
    tr_config *c = config_arg(hc, TW_ARG64(0), fn);
    if (!c) return TW_HOST_TRAP;
    char *k = tw_guest_string(hc, TW_ARG32(1), TW_ARG32(2), fn);
    char *v = k ? tw_guest_string(hc, TW_ARG32(3), TW_ARG32(4), fn) : NULL;
    bool ok = v && tr_config_add_env(c, k, TW_ARG32(2), v, TW_ARG32(4));
    free(k);
    free(v);
    if (!v) return TW_HOST_TRAP;
    return ok ? TW_HOST_OK : tw_hostcall_trapf(hc, "%s: out of memory", fn);
}

HOST_FN(config_add_command_line_argument) {
    const char *fn = "lunatic::wasi::config_add_command_line_argument";
    tr_config *c = config_arg(hc, TW_ARG64(0), fn);
    if (!c) return TW_HOST_TRAP;
    char *a = tw_guest_string(hc, TW_ARG32(1), TW_ARG32(2), fn);
    if (!a) return TW_HOST_TRAP;
    bool ok = tr_config_add_arg(c, a, TW_ARG32(2));
    free(a);
    return ok ? TW_HOST_OK : tw_hostcall_trapf(hc, "%s: out of memory", fn);
}

HOST_FN(config_preopen_dir) {
    const char *fn = "lunatic::wasi::config_preopen_dir";
    tr_config *c = config_arg(hc, TW_ARG64(0), fn);
    if (!c) return TW_HOST_TRAP;
    char *d = tw_guest_string(hc, TW_ARG32(1), TW_ARG32(2), fn);
    if (!d) return TW_HOST_TRAP;
    char *path = d;
    if (d[0] == '~' && (d[1] == 0 || d[1] == '/')) {   /* "~" is the home directory, as in Lunatic */
        const char *home = getenv("HOME");
        size_t n = strlen(home ? home : "") + strlen(d);
        if ((path = malloc(n + 1))) {
            strcpy(path, home ? home : "");
            strcat(path, d + 1);
        }
    }
    bool ok = path && tr_config_add_dir(c, path, path);
    if (path != d) free(path);
    free(d);
    return ok ? TW_HOST_OK : tw_hostcall_trapf(hc, "%s: out of memory", fn);
}

const tw_hostdef host_wasi_config[] = {
    {"lunatic::wasi", "config_add_environment_variable", "Iiiii:", config_add_environment_variable},
    {"lunatic::wasi", "config_add_command_line_argument", "Iii:", config_add_command_line_argument},
    {"lunatic::wasi", "config_preopen_dir", "Iii:", config_preopen_dir},
    {0},
};
