/* net_tls_untrusted_trap.c — tls_connect with no CA certificate trusts the system's store,
 * which does not hold this run's self-signed certificate: the handshake fails and the
 * calling process (the root) traps with OpenSSL's reason. */
//! setup: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null
//! options: --dir @WORK@::/work
//! exit: 134
#include "net_tls_server.h"

int main(void) {
    uint16_t port = start_server();
    ty_tls_stream s;
    ty_tls_connect("localhost", port, 5000, NULL, NULL, 0, &s);
    puts("not reached");
    return 0;
}
