/* message_data_trap.c — the root writes message data without create_data: the call
 * traps, tycho prints the text and exits 134. Raw imports only. */
//! exit: 134
#include "tycho.h"

int main(void) {
    return (int)lunatic_message_write_data("x", 1);
}
