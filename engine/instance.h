/* instance.h — runtime objects of the engine (internal to engine/): functions, tables,
 * memories, globals, instances and the execution state of a call in progress. */
#ifndef TYCHO_INSTANCE_H
#define TYCHO_INSTANCE_H

#include <pthread.h>

#include "module.h"

struct tw_code;

struct tw_func {
    const tw_functype *type;     /* canonical type (module's canon[] or the host's copy) */
    tw_instance *inst;           /* wasm func: defining instance; host: NULL */
    const struct tw_code *code;  /* wasm func: translated body; host: NULL */
    tw_host_fn host;             /* host func */
    void *env;
    uint32_t index;              /* wasm func: index in its module */
};

/* OS pages, the unit of the written-page map. */
#define TW_OS_PAGE 4096u

/* A module's initial memory (image.c): what its data segments make of [lo, lo+len) of
 * memory 0, in a memfd, and the buffers of ended instances that still hold it. */
typedef struct {
    uint8_t *data, *map; size_t cap;
    bool mapped;                 /* the image is mapped onto it (else copied into it) */
    size_t resident;             /* bytes its last owner wrote (restored, resident) */
} tw_image_buf;

typedef struct tw_image {
    int fd;
    uint8_t *master;             /* the image, read-only, shared */
    size_t lo, len;              /* OS-page aligned range of the memory it covers */
    uint64_t min_pages;          /* the memory's initial size */
    pthread_mutex_t lock;        /* guards the pool */
    tw_image_buf *pool; size_t npool, cappool;
} tw_image;

struct tw_memory {
    uint8_t *data;               /* size bytes, then zero up to cap (memory.c) */
    uint64_t size;               /* bytes = pages * 65536 */
    uint64_t max_pages;          /* from the type (or 65536), clamped by the owner's config */
    size_t cap;                  /* the buffer's capacity */
    uint8_t *map;                /* one byte per 4 KiB page of cap: 1 = written to */
    bool all_written;            /* a host had the raw pointer: any page may be written */
    tw_image *image;             /* [image->lo, +len) holds the image (else zero) */
    bool image_mapped;           /* ... mapped copy-on-write (else copied) */
};

struct tw_table {
    tw_val *elems;
    uint32_t size, max;          /* max = limit (0xFFFFFFFF when none) */
    uint8_t elemtype;
};

struct tw_global { tw_val val; uint8_t type; bool mut; };

/* One activation record. Slots live in exec.slots; a frame's slots start at fp. */
typedef struct {
    const uint32_t *ret_ip;      /* where the caller continues */
    uint32_t caller_fp;          /* slot offset of the caller's frame */
    tw_func *func;               /* the callee (for backtraces) */
    tw_instance *caller_inst;    /* to switch back to on return */
} tw_frame;

typedef enum { TW_EXEC_IDLE, TW_EXEC_READY, TW_EXEC_SUSPENDED, TW_EXEC_DONE } tw_exec_state;

/* A nested call (tw_hostcall_invoke) in progress, or just finished and waiting for its host
 * call to be re-issued. They form a stack (ex.nested): only the top one runs. */
typedef struct tw_nested_call {
    /* the host call that asked for it: re-issued at fp + call_base when the call ends */
    tw_func *host;
    const uint32_t *call_ret;    /* where that host call continues */
    tw_instance *ci;             /* the instance whose code made it */
    uint32_t fp;                 /* slot offset of that frame */
    uint32_t call_base;          /* its args, relative to fp */
    uint32_t nframes;            /* frame depth then: a trap unwinds to here */
    /* the nested call */
    tw_func *callee;
    uint32_t base;               /* slot offset of its args and results */
    tw_nested_status state;      /* TW_NESTED_NONE while it runs */
    char trap[256];              /* TW_NESTED_TRAPPED: the message */
} tw_nested_call;

/* The code words of tw_exec.stub: call entry, end of the call, and for nested calls: enter
 * the callee (top of ex.nested), its return address, and the re-issue of the host call. */
enum { TW_STUB_ENTRY, TW_STUB_HALT, TW_STUB_NESTED_ENTER, TW_STUB_NESTED_RET,
       TW_STUB_NESTED_REISSUE, TW_STUB_WORDS };

typedef struct {
    tw_val *slots;     uint32_t nslots, max_slots;
    tw_frame *frames;  uint32_t nframes, cap_frames, max_frames;
    tw_nested_call *nested;      uint32_t nnested, cap_nested;
    tw_exec_state state;
    uint32_t stub[TW_STUB_WORDS]; /* one-instruction code blocks (TW_STUB_*) */
    const uint32_t *ip;          /* resume point when suspended */
    tw_instance *ci;             /* when suspended: the instance whose code runs at ip (so
                                  * that resuming does not chase the top frame's records) */
    uint32_t fp;                 /* current frame's slot offset */
    tw_func *entry;              /* function called by tw_call_begin */
    uint64_t fuel;
    uint32_t nresults;
} tw_exec;

struct tw_instance {
    tw_module *mod;
    tw_func **funcs;             /* all funcs by index (imports point to their owners) */
    tw_func *own_funcs;          /* defined funcs */
    tw_table **tables;
    tw_table *own_tables;
    tw_memory **memories;
    tw_memory *own_memories;
    tw_global **globals;
    tw_global *own_globals;
    tw_val **elem_refs;          /* per elem segment: resolved refs (NULL once dropped) */
    uint32_t *elem_len;          /* 0 once dropped */
    uint8_t *data_dropped;       /* per data segment */
    tw_config cfg;
    tw_exec ex;
    void *user;
    char trap[256];
    char *backtrace;             /* malloc'd, or NULL */
};

/* image.c: the module's image, or NULL when it has none (see image.c's conditions) */
tw_image *tw_image_new(const tw_module *m);
void tw_image_free(tw_image *img);

/* memory.c */
int tw_memory_init(tw_memory *m, uint64_t min_pages, uint64_t max_pages);
/* The same for memory 0 of a module with an image: its buffer holds the image (pooled,
 * or mapped or copied onto a fresh one), so the data segments need not be applied. */
int tw_memory_init_image(tw_memory *m, tw_image *img, uint64_t max_pages);
/* Gives the image's pooled buffers back to the ordinary pool (the image is going). */
void tw_image_drain(tw_image *img);
void tw_memory_release(tw_memory *m);
/* Returns the old size in pages, or -1 if it cannot grow (limit or allocation). */
int64_t tw_memory_grow(tw_memory *m, uint64_t delta_pages);
/* Marks [off, off+len) (clamped to the size) as written. */
void tw_memory_mark(tw_memory *m, uint64_t off, uint64_t len);

/* table.c */
int tw_table_init(tw_table *t, uint8_t elemtype, uint32_t min, uint32_t max, tw_val fill);
void tw_table_release(tw_table *t);
int64_t tw_table_grow(tw_table *t, uint32_t delta, tw_val fill);  /* old size or -1 */
/* Keeps `inst` alive as long as table `t` (a failed instantiation left its functions in
 * t); false if out of memory. */
bool tw_table_keep(tw_table *t, tw_instance *inst);

/* interp.c: execution state; handler offsets that compile.c writes into code */
const int32_t *tw_interp_handlers(void);
void tw_exec_init(tw_exec *ex, const tw_config *cfg);
void tw_exec_release(tw_exec *ex);
/* instance.c: evaluate a (validated) constant expression in an instance's context */
tw_val tw_eval_const(tw_instance *inst, const tw_constexpr *e);

#endif
