/* version.c — lunatic::version: the Lunatic ABI version tycho implements (0.13.2), so
 * guests that check compatibility accept it; tycho's own version is `tycho --version`. */
#include "host.h"

HOST_FN(major) { (void)hc; TW_RET32(0); return TW_HOST_OK; }
HOST_FN(minor) { (void)hc; TW_RET32(13); return TW_HOST_OK; }
HOST_FN(patch) { (void)hc; TW_RET32(2); return TW_HOST_OK; }

const tw_hostdef host_version[] = {
    {"lunatic::version", "major", ":i", major},
    {"lunatic::version", "minor", ":i", minor},
    {"lunatic::version", "patch", ":i", patch},
    {0},
};
