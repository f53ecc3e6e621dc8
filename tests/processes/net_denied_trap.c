/* net_denied_trap.c — `tycho run --deny-net`: the root (and every child) may not use
 * lunatic::networking: its first call traps with "permission denied". */
//! options: --deny-net
//! exit: 134
#include "tycho_net.h"

int main(void) {
    ty_tcp_listener l;
    ty_tcp_listen("127.0.0.1:0", &l);
    return 0;
}
