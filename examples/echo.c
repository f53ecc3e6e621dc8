/* echo.c — a TCP echo server: one process per connection.
 *
 *   make build/examples/processes/echo.wasm
 *   build/tycho build/examples/processes/echo.wasm [ADDR]      (default 127.0.0.1:7000)
 *   nc 127.0.0.1 7000
 *
 * Prints one line, "listening on 127.0.0.1:PORT" ("127.0.0.1:0" picks a free port), and
 * serves until it is killed. ty_tcp_serve (sdk/c/tycho_net.h) runs a supervised listener
 * process that spawns a process per connection and moves the stream to it in a message.
 * A connection process sends back every byte it reads (through a 64 KiB buffer, static:
 * each process has its own memory) and ends when the client closes its side. */
#include <stdio.h>

#include "tycho_net.h"

static char buf[65536];

static void echo(ty_tcp_stream s, int64_t arg) {
    (void)arg;
    size_t got;
    while (ty_tcp_read(s, buf, sizeof buf, &got) == TY_OK && got > 0)
        if (ty_tcp_write_all(s, buf, got) != TY_OK) break;
    /* Returning ends the process, which closes the stream. */
}

int main(int argc, char **argv) {
    const char *addr = argc > 1 ? argv[1] : "127.0.0.1:7000";
    ty_pid sup = 0;
    ty_sockaddr bound;
    char text[64];
    if (ty_tcp_serve(addr, echo, 0, &sup, &bound) != TY_OK) {
        fprintf(stderr, "echo: %s: %s\n", addr, ty_last_error());
        return 1;
    }
    printf("listening on %s\n", ty_addr_format(&bound, text, sizeof text));
    fflush(stdout);
    /* Serve until the supervisor ends (it gives up only if the listener keeps failing). */
    ty_monitor(sup);
    while (ty_receive(NULL, 0, TY_NO_TIMEOUT) != TY_MSG_PROCESS_DIED || ty_msg_dead_pid() != sup) {}
    fprintf(stderr, "echo: the listener failed too often; stopping\n");
    return 1;
}
