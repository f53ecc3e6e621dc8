/* mailbox.h — a process's mailbox (mailbox.c): the lock-free queue senders append to,
 * the messages a selective receive passed over. */
#ifndef TYCHO_RUNTIME_MAILBOX_H
#define TYCHO_RUNTIME_MAILBOX_H

#include "process.h"

void tr_mailbox_init(tr_process *p);
void tr_mailbox_free(tr_process *p);
/* Delivers m to p (lock held): queued, or handed over as the reply p waits for; wakes p
 * if it waits for a message like it. */
void tr_mailbox_push_locked(tr_process *p, tr_message *m);

#endif
