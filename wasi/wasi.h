/* wasi.h — WASI preview 1 (`wasi_snapshot_preview1`) for tycho, on top of the engine.
 *
 * A tw_wasi context holds what one guest program sees: its arguments, its environment,
 * its file descriptors (stdio plus the preopened directories) and, once it has called
 * proc_exit, its exit code. tw_wasi_link turns a module's wasi_snapshot_preview1 imports
 * into host functions bound to the context. The engine knows nothing of WASI; the
 * command line (cli/) knows nothing of the functions' semantics.
 *
 * Nothing here blocks the calling thread: a call that would wait (stdin with no data,
 * poll_oneoff with a timeout, sched_yield) returns TW_HOST_BLOCK, the instance stops with
 * TW_BLOCKED, and the same call is re-issued by the next tw_run. A single-process host
 * may call tw_wasi_wait in between to sleep until the condition can have changed.
 */
#ifndef TYCHO_WASI_H
#define TYCHO_WASI_H

#include <stdbool.h>
#include <stddef.h>

#include "../engine/engine.h"

typedef struct tw_wasi tw_wasi;

/* A context with stdin, stdout and stderr as fds 0, 1, 2 and nothing else. */
tw_wasi *tw_wasi_new(void);
/* Frees the context, its host functions and the fds it opened (not the host's stdio). */
void tw_wasi_free(tw_wasi *w);

/* The program's arguments (argv[0] is the program name). False if out of memory. */
bool tw_wasi_set_args(tw_wasi *w, int argc, char *const *argv);
/* One "NAME=VALUE" environment entry. False if it has no '=' or no memory. */
bool tw_wasi_add_env(tw_wasi *w, const char *name_value);
/* Preopens host directory `host` as `guest` (the next fd, from 3 on). False with a
 * one-line message if it cannot be opened as a directory. */
bool tw_wasi_preopen(tw_wasi *w, const char *host, const char *guest, char *err,
                     size_t errlen);

/* Fills imports[0 .. tw_module_num_imports(m)) for tw_instance_new. Every import must be
 * a function of wasi_snapshot_preview1; otherwise false with
 * "unknown import MODULE::NAME". The host functions belong to the context. */
bool tw_wasi_link(tw_wasi *w, const tw_module *m, tw_extern *imports, char *err,
                  size_t errlen);

/* The trap message proc_exit uses (compare the pointer or the text). */
extern const char tw_wasi_exit_trap[];
/* True once the guest has called proc_exit; *code is its status. */
bool tw_wasi_exited(const tw_wasi *w, int *code);

/* After TW_BLOCKED: waits (blocking the thread) until the blocked call may succeed:
 * an fd ready, a poll_oneoff deadline passed, or at once after sched_yield. */
void tw_wasi_wait(tw_wasi *w);

#endif
