/* table.c — tables of references (tw_val cells, 0 = null).
 *
 * The type allows up to 0xFFFFFFFF elements, but a table is a plain array, so it is
 * capped at TABLE_MAX_ELEMS (80 MB of cells): beyond that, creating a table fails and
 * table.grow returns -1, as it may when allocation fails. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "instance.h"

#define TABLE_MAX_ELEMS 10000000u

/* ---- instances kept alive by tables ------------------------------------------------------
 * When instantiation fails after an active element segment stored the instance's own
 * functions into a table it imported, those functions stay callable through the table
 * (Wasm 2.0), so that instance cannot be freed: it lives until every table it wrote
 * into is released. Rare, hence one global list. */
typedef struct keep { tw_table *t; tw_instance *inst; struct keep *next; } keep;
static keep *keeps;
static atomic_size_t nkeeps;                 /* lets tw_table_release skip the lock */
static pthread_mutex_t keeps_lock = PTHREAD_MUTEX_INITIALIZER;

/* (instance.h) False if out of memory: the caller must then leak `inst`. */
bool tw_table_keep(tw_table *t, tw_instance *inst)
{
    pthread_mutex_lock(&keeps_lock);
    bool ok = true;
    keep *k = keeps;
    while (k && !(k->t == t && k->inst == inst))
        k = k->next;
    if (!k) {
        k = malloc(sizeof *k);
        if (k) {
            *k = (keep){ t, inst, keeps };
            keeps = k;
            atomic_fetch_add(&nkeeps, 1);
        }
        ok = k != NULL;
    }
    pthread_mutex_unlock(&keeps_lock);
    return ok;
}

/* Frees the instances that only table `t` still kept alive. */
static void release_kept(tw_table *t)
{
    if (atomic_load(&nkeeps) == 0)
        return;
    keep *gone = NULL;
    pthread_mutex_lock(&keeps_lock);
    for (keep **pk = &keeps; *pk;) {
        keep *k = *pk;
        if (k->t != t) {
            pk = &k->next;
            continue;
        }
        *pk = k->next;
        atomic_fetch_sub(&nkeeps, 1);
        bool still = false;
        for (keep *o = keeps; o && !still; o = o->next)
            still = o->inst == k->inst;
        if (still) {
            free(k);
        } else {
            k->next = gone;
            gone = k;
        }
    }
    pthread_mutex_unlock(&keeps_lock);
    /* Outside the lock: freeing an instance releases its own tables. */
    while (gone) {
        keep *k = gone;
        gone = k->next;
        tw_instance_free(k->inst);
        free(k);
    }
}

/* ---- tables ---------------------------------------------------------------------------- */

int tw_table_init(tw_table *t, uint8_t elemtype, uint32_t min, uint32_t max, tw_val fill)
{
    t->elems = NULL;
    t->size = 0;
    t->max = max;
    t->elemtype = elemtype;
    if (min > max || min > TABLE_MAX_ELEMS)
        return -1;
    /* Never a zero-sized allocation: malloc(0) may return NULL. */
    t->elems = fill ? malloc((min ? min : 1) * sizeof *t->elems)
                    : calloc(min ? min : 1, sizeof *t->elems);
    if (!t->elems)
        return -1;
    if (fill)
        for (uint32_t i = 0; i < min; i++)
            t->elems[i] = fill;
    t->size = min;
    return 0;
}

void tw_table_release(tw_table *t)
{
    release_kept(t);
    free(t->elems);
    t->elems = NULL;
    t->size = 0;
}

int64_t tw_table_grow(tw_table *t, uint32_t delta, tw_val fill)
{
    uint32_t old = t->size;
    if (delta > t->max - old || delta > TABLE_MAX_ELEMS - old)
        return -1;
    if (delta == 0)
        return old;
    uint32_t size = old + delta;
    tw_val *e = realloc(t->elems, (size_t)size * sizeof *e);
    if (!e)
        return -1;
    for (uint32_t i = old; i < size; i++)
        e[i] = fill;
    t->elems = e;
    t->size = size;
    return old;
}

/* ---- public host API ---------------------------------------------------------------- */

tw_table *tw_table_new(uint8_t elemtype, tw_limits lim)
{
    if (lim.min > UINT32_MAX)
        return NULL;
    uint32_t max = lim.has_max && lim.max < UINT32_MAX ? (uint32_t)lim.max : UINT32_MAX;
    tw_table *t = malloc(sizeof *t);
    if (!t)
        return NULL;
    if (tw_table_init(t, elemtype, (uint32_t)lim.min, max, 0) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

void tw_table_free(tw_table *t)
{
    if (!t)
        return;
    tw_table_release(t);
    free(t);
}

uint32_t tw_table_size(const tw_table *t) { return t->size; }
