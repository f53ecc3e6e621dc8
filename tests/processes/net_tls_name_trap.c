/* net_tls_name_trap.c — tls_connect to "127.0.0.1" trusting a certificate made for
 * "localhost" only: the name does not match, the handshake fails, the root traps. */
//! setup: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null
//! options: --dir @WORK@::/work
//! exit: 134
#include "net_tls_server.h"

int main(void) {
    uint16_t port = start_server();
    size_t cl;
    const char *cert = slurp("/work/cert.pem", &cl);
    ty_tls_stream s;
    ty_tls_connect("127.0.0.1", port, 5000, &cert, &cl, 1, &s);
    puts("not reached");
    return 0;
}
