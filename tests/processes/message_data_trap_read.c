/* message_data_trap_read.c — the root reads message data before receiving anything:
 * the call traps, tycho prints the text and exits 134. Raw imports only. */
//! exit: 134
#include "tycho.h"

int main(void) {
    char buf[4];
    return (int)lunatic_message_read_data(buf, sizeof buf);
}
