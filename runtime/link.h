/* link.h — links and monitors (link.c). */
#ifndef TYCHO_RUNTIME_LINK_H
#define TYCHO_RUNTIME_LINK_H

#include "process.h"

/* Records a link to pid with tag in p (lock held); `fresh`: p has no link to pid yet. */
bool tr_link_add_locked(tr_process *p, uint64_t pid, int64_t tag, bool fresh);
void tr_link_remove_locked(tr_process *p, uint64_t pid);
/* A linked process died abnormally: p dies too, or gets a LinkDied message. Lock held. */
void tr_link_failed_locked(tr_process *p, uint64_t dead, int64_t tag);
/* p received the ProcessDied of `other`: no longer monitoring it. */
void tr_forget_monitored(tr_process *p, uint64_t other);
/* At p's death, with the links and monitors taken from it: see link.c. */
void tr_links_release(tr_process *p, int reason, tr_link_entry *links, uint32_t nlinks,
                      uint64_t *mons, uint32_t nmons);
/* Grows *arr (of *cap elements of `elem` bytes) to hold `need`; false on OOM. */
bool tr_grow(void **arr, uint32_t *cap, uint32_t need, size_t elem);

#endif
