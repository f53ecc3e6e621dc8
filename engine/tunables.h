/* tunables.h — the engine's tunable constants, each with what it trades. (The runtime's
 * are in runtime/tunables.h; the defaults a host may override are in engine.h's
 * tw_config: call depth and stack size.) */
#ifndef TYCHO_ENGINE_TUNABLES_H
#define TYCHO_ENGINE_TUNABLES_H

/* Interpreter stack of a new instance, in 8-byte slots and in frames: it grows on demand;
 * bigger saves reallocs on deep calls and costs every idle process that much memory. */
#define INITIAL_SLOTS 64u
#define INITIAL_FRAMES 8u
/* Locals (params included) a function may declare: more is refused ("unsupported"), so a
 * hostile module cannot make every call zero a huge frame. */
#define MAX_LOCALS 50000u
/* Linear-memory buffers are carved from reservations of this size (one per size class):
 * bigger means fewer mappings, each costing address space (never memory: MAP_NORESERVE). */
#define CHUNK_BYTES (64u << 20)
/* A freed memory whose writes are unknown (a host had the raw pointer): the part cleared
 * with memset and kept resident; the rest goes back to the kernel. */
#define KEEP_BYTES (16u << 10)
/* Runs of written pages longer than this go back to the kernel (madvise) instead of being
 * cleared with memset: memset keeps them resident (no fault on reuse) but costs time. */
#define CLEAR_MAX (64u << 10)
/* Beyond the pool's budget, freed buffers go back to the kernel this many at a time (one
 * madvise per run of neighbours): bigger batches mean fewer TLB shootdowns and more
 * memory held until the batch fills. */
#define TRIM_BATCH 1024u
/* Data segments spanning at least this many bytes get a memory image (image.c): smaller
 * ones are copied, which costs less than a mapping for a page or two. */
#define IMAGE_MIN (16u << 10)
/* Buffers an image keeps for the next instances of its module: each holds what its last
 * owner wrote (restored), so more means more resident memory and fewer page faults. */
#define IMAGE_POOL_MAX 4096u

#endif
