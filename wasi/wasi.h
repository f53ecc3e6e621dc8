/* wasi.h — WASI preview 1 (`wasi_snapshot_preview1`) for tycho, on top of the engine.
 *
 * A tw_wasi context holds what one guest program sees: its arguments, its environment,
 * its file descriptors (stdio plus the preopened directories) and, once it has called
 * proc_exit, its exit code. The engine knows nothing of WASI; the command line (cli/)
 * and the runtime know nothing of the functions' semantics.
 *
 * The functions are a namespace table, tw_wasi_namespace, linked like any other: one set
 * of host functions serves every context; each call finds its context from the calling
 * instance through the resolver set with tw_wasi_set_resolver (a context costs no host
 * function).
 *
 * Nothing here waits in the calling thread: a call that would wait (a pipe or socket
 * with no data, poll_oneoff with a timeout, sched_yield) returns TW_HOST_BLOCK, the
 * instance stops with TW_BLOCKED, and the same call is re-issued by the next tw_run.
 * tw_wasi_wait_info then says what the call waits for, so that a scheduler can park the
 * process and wake it from its own poller or timer; a single-process host may instead
 * call tw_wasi_wait, which sleeps in the thread until the condition can have changed.
 *
 * Threads: a context is used by one thread at a time (the one running its instance).
 * The functions, the resolver and the host's stdio are safe to use from many.
 */
#ifndef TYCHO_WASI_H
#define TYCHO_WASI_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../engine/engine.h"
#include "../engine/hostcall.h"

typedef struct tw_wasi tw_wasi;

/* ---- contexts ------------------------------------------------------------------------ */

/* A context with the host's stdin, stdout and stderr as fds 0, 1, 2 and nothing else.
 * Cheap: one allocation, no system call (the types of the host's fds 0-2 are looked at
 * once per program, by the first call); tables grow when used. NULL if out of memory. */
tw_wasi *tw_wasi_new(void);
/* Frees the context and the fds it opened. Never closes
 * the host's stdio nor a directory given to tw_wasi_preopen_fd. */
void tw_wasi_free(tw_wasi *w);

/* Appends the program's arguments (argv[0] is the program name). One allocation per
 * call (all the strings are kept in one block). False if out of memory. */
bool tw_wasi_set_args(tw_wasi *w, int argc, char *const *argv);
/* Appends one "NAME=VALUE" environment entry (one allocation, like tw_wasi_set_args).
 * False if it has no '=', starts with '=', or no memory. */
bool tw_wasi_add_env(tw_wasi *w, const char *name_value);
/* Preopens host directory `host` as `guest` (the next fd, from 3 on). Costs an open(2)
 * and a host fd per context, closed by tw_wasi_free. False with a one-line message if
 * it cannot be opened as a directory. */
bool tw_wasi_preopen(tw_wasi *w, const char *host, const char *guest, char *err,
                     size_t errlen);
/* Preopens the already open host directory fd `dirfd` as `guest`, without a system
 * call: the context borrows the fd (never closes it; the caller keeps it open and a
 * directory for as long as the context lives). Many contexts may share one dirfd. False
 * if out of memory. */
bool tw_wasi_preopen_fd(tw_wasi *w, int dirfd, const char *guest);

/* ---- the namespace ------------------------------------------------------------------- */

/* wasi_snapshot_preview1 as a namespace table (engine/hostcall.h), for whoever links
 * modules: each function finds the calling instance's context through the resolver, and
 * traps with "wasi: no context for the calling instance" when there is none. */
extern const tw_hostdef tw_wasi_namespace[];

/* The context of the instance making a call (NULL if it has none). Called on the thread
 * running the instance, once per WASI call; must be fast and must not block. */
typedef tw_wasi *(*tw_wasi_resolver)(tw_instance *inst);
/* Sets the resolver: once, before any WASI function runs (e.g. one that returns the
 * context kept with tw_instance_set_user). */
void tw_wasi_set_resolver(tw_wasi_resolver fn);

/* ---- captured output ---------------------------------------------------------------- */

/* A buffer collecting what contexts write to their stdout and stderr (the fds backed by
 * the host's fds 1 and 2), interleaved as written, instead of writing to the host's
 * stdio (`tee`: as well as). Shared by any number of contexts, refcounted, thread-safe.
 * At most 64 MiB are kept; the text then ends with a line saying the rest was dropped. */
typedef struct tw_wasi_output tw_wasi_output;
tw_wasi_output *tw_wasi_output_new(bool tee);       /* NULL if out of memory */
void tw_wasi_output_ref(tw_wasi_output *o);
void tw_wasi_output_unref(tw_wasi_output *o);
/* A NUL-terminated copy of everything written so far (*len bytes); NULL if out of memory. */
char *tw_wasi_output_text(tw_wasi_output *o, size_t *len);
/* From now on, w's stdout and stderr go to o (NULL: to the host's again). */
void tw_wasi_set_output(tw_wasi *w, tw_wasi_output *o);

/* ---- proc_exit ------------------------------------------------------------------------- */

/* The trap message proc_exit uses (compare the pointer or the text). */
extern const char tw_wasi_exit_trap[];
/* True once the guest has called proc_exit; *code is its status. */
bool tw_wasi_exited(const tw_wasi *w, int *code);

/* ---- waiting ------------------------------------------------------------------------------ */

/* What the context's blocked call waits for: the call may succeed when any of these
 * happens. Several may be set (poll_oneoff on fds with a timeout). */
typedef struct {
    bool yield;                 /* sched_yield: runnable again at once (after others) */
    int64_t deadline_ns;        /* CLOCK_MONOTONIC ns, -1 = none */
    const struct pollfd *fds;   /* host fds to wait for (events set), nfds of them */
    uint32_t nfds;
} tw_wasi_waitinfo;

/* After a WASI call of this context made its instance stop with TW_BLOCKED. `fds`
 * points into the context: valid until the next call into it (tw_run, tw_wasi_free).
 * When woken, the host runs the instance again (tw_run), which re-issues the call: if
 * the wake was spurious (fd not ready after all, deadline not reached), the call blocks
 * again and the context has the same info (same deadline, same fds). Never all empty
 * after a WASI block (when the context cannot record an fd, it says yield); all empty
 * (no yield, deadline -1, no fds) when the context's last blocking call completed. */
void tw_wasi_wait_info(const tw_wasi *w, tw_wasi_waitinfo *out);

/* After tw_call_abort of a call that was blocked in WASI: forgets what it waited for and
 * the progress kept for its re-issue (a pending sched_yield, a poll_oneoff's start time),
 * so that the context's next call starts afresh. */
void tw_wasi_forget_block(tw_wasi *w);

/* After TW_BLOCKED: waits (blocking the thread, with poll) until the blocked call may
 * succeed, as tw_wasi_wait_info describes: an fd ready, the deadline passed, or at once
 * after sched_yield. For a host with a single process. */
void tw_wasi_wait(tw_wasi *w);

#endif
