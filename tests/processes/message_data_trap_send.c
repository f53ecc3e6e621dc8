/* message_data_trap_send.c — the root sends a message it built, then sends again with
 * nothing in the scratch area: the second send traps, tycho prints the text, exits 134.
 * Raw imports only. */
//! exit: 134
#include "tycho.h"

int main(void) {
    lunatic_message_create_data(1, 0);
    lunatic_message_send(lunatic_process_process_id());
    return lunatic_message_send(lunatic_process_process_id());
}
