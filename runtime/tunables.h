/* tunables.h — the runtime's tunable constants, each with what it trades. (The engine's
 * are in engine/tunables.h.) */
#ifndef TYCHO_RUNTIME_TUNABLES_H
#define TYCHO_RUNTIME_TUNABLES_H

/* Reductions a process runs before it goes to the back of its worker's queue: longer
 * slices switch less, shorter ones keep the latency of the others lower. */
#define TR_SLICE 20000u
/* Shards of the process table, each under its own reader-writer lock: more spread
 * spawns and lookups over more locks, at 64 bytes of lock and bucket array each. */
#define TR_SHARDS 64
/* Message data kept inside the message struct (no second allocation): bigger saves a
 * malloc for bigger messages and costs every message that many bytes. */
#define TR_MSG_INLINE 32
/* Freed message structs a worker keeps for reuse: more avoids malloc under bursts and
 * holds that many * ~120 bytes per worker. */
#define TR_MSG_CACHE 4096
/* Once in this many pops a worker takes the bottom of its spawn stack if that waited as
 * long: smaller starts early spawns sooner, at the cost of breadth-first trees. */
#define TR_STACK_AGE (1u << 16)
/* Tags of a selective receive kept inside the process (more: malloc'd): more saves a
 * malloc for longer tag lists and costs 8 bytes per process each. */
#define TR_WAIT_INLINE 2
/* Addresses a parked process keeps for the waker to prefetch (engine's hot list + one
 * the blocked host call names): more prefetching, 8 bytes each per process. */
#define TR_HOT 5
/* Threads running getaddrinfo for lunatic::networking::resolve (dns.c): more lookups in
 * parallel (a slow DNS server holds one thread per lookup), 256 KiB of stack each. */
#define TR_RESOLVERS 4

#endif
