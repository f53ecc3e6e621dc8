/* serve.c — ty_tcp_serve: a supervised listener process and one process per connection.
 *
 * The processes (every arrow is a message with one of the SERVE_* tags below):
 *
 *   caller ──INIT (request: serve_cfg)──> supervisor ──SETUP──> holder   (spawn-linked)
 *                                          └─ ty_supervise: listener(arg = holder's pid)
 *   listener ──GET (request)──> holder: the setup (config + whom to tell "listening")
 *   listener ──CONN──> a new process per connection: [u64 stream index][i32 handler][i64 arg]
 *
 * A child of ty_supervise gets one i64, always the same one; the handler, its argument
 * and the address do not fit in it, and the supervisor drops every message that is not
 * its own. So the configuration lives in a small "holder" process, linked to the
 * supervisor, and every start of the listener (the first one and each restart) asks it.
 * The caller binds first to learn the port ("127.0.0.1:0"), closes that listener (a
 * listener cannot move between processes), and hands on the concrete address: restarts
 * bind the same port again. The first listener answers the caller's INIT request once it
 * is listening (empty reply) or could not bind (the error text); the holder gives that
 * reply-to to the first listener only. */
#include <stdlib.h>

#include "internal.h"
#include "tycho_net.h"

/* Tags of the SDK's reserved range (tycho.h), clear of the supervisor's. */
#define SERVE_TAG(n)       (TY_TAG_SDK_BASE + 0x100 + (n))
#define SERVE_INIT         SERVE_TAG(0)   /* caller -> supervisor, request: [serve_cfg] */
#define SERVE_SETUP        SERVE_TAG(1)   /* supervisor -> holder: [serve_setup] */
#define SERVE_GET          SERVE_TAG(2)   /* listener -> holder, request; reply [serve_setup] */
#define SERVE_CONN         SERVE_TAG(3)   /* listener -> connection process */
#define SERVE_HOLDER_LINK  SERVE_TAG(4)   /* link tag supervisor <-> holder */
#define SERVE_STOP         SERVE_TAG(5)   /* supervisor -> holder: return */

/* The listener's restart intensity: more than 3 failures within a minute ends serving. */
#define MAX_RESTARTS       3
#define RESTART_PERIOD_MS  60000
/* How long ty_tcp_serve waits for the first listener to be up. */
#define START_TIMEOUT_MS   30000

/* Every process runs the same module, so these structs travel as raw bytes. */
typedef struct {
    int32_t handler;      /* the ty_conn_handler's function table index */
    int64_t arg;          /* its argument */
    ty_sockaddr addr;     /* the concrete address (port known) */
} serve_cfg;

typedef struct {
    serve_cfg cfg;
    ty_reply_to ready;    /* ty_tcp_serve's request, answered by the first listener; pid 0 after */
} serve_setup;

/* A connection process: takes the stream out of its first message and runs the handler.
 * The stream is closed when the process ends. */
static void serve_conn(int64_t unused) {
    (void)unused;
    uint64_t index;
    int32_t handler;
    int64_t arg;
    /* The message is sent right after the spawn; only a listener killed in between makes
     * it never come. */
    if (ty_receive_tag(SERVE_CONN, 60000) != TY_MSG_DATA || ty_read_u64(&index) ||
        ty_read_i32(&handler) || ty_read_i64(&arg))
        return;
    ty_tcp_stream s = ty_msg_take_tcp_stream(index);
    ((ty_conn_handler)(intptr_t)handler)(s, arg);
}

static void serve_listener(int64_t holder) {
    serve_setup setup;
    size_t got = 0;
    if (ty_request((ty_pid)holder, SERVE_GET, NULL, 0, &setup, sizeof setup, 10000, &got) ||
        got != sizeof setup)
        abort();
    ty_tcp_listener l;
    int rc = ty_tcp_bind(&setup.cfg.addr, &l);
    if (setup.ready.pid) {
        /* The first start: ty_tcp_serve waits for this. A failed bind is reported there and
         * this listener ends normally, so it is not restarted. */
        const char *err = rc == TY_OK ? "" : *ty_last_error() ? ty_last_error() : "bind failed";
        ty_reply(&setup.ready, err, strlen(err));
        if (rc) return;
    } else {
        /* A restart: the failed listener's socket may take a moment to be closed. */
        for (int tries = 0; rc != TY_OK && tries < 20; tries++) {
            ty_sleep_ms(100);
            rc = ty_tcp_bind(&setup.cfg.addr, &l);
        }
        if (rc) abort();
    }
    for (;;) {
        ty_tcp_stream s;
        ty_pid pid;
        if (ty_tcp_accept(l, &s, NULL) != TY_OK) {
            ty_sleep_ms(10);   /* e.g. out of file descriptors: back off, retry */
            continue;
        }
        if (ty_spawn(serve_conn, 0, &pid) != TY_OK) {   /* e.g. the process limit */
            ty_tcp_close(s);
            continue;
        }
        ty_msg_begin(SERVE_CONN);
        ty_msg_u64(ty_msg_push_tcp_stream(s));
        ty_msg_i32(setup.cfg.handler);
        ty_msg_i64(setup.cfg.arg);
        ty_send(pid);
    }
}

/* Keeps the setup for every start of the listener. Ends when the supervisor stops, or
 * dies with it (linked) if it fails. */
static void serve_holder(int64_t unused) {
    (void)unused;
    serve_setup setup;
    if (ty_receive_tag(SERVE_SETUP, TY_NO_TIMEOUT) != TY_MSG_DATA ||
        ty_read_raw(&setup, sizeof setup) != sizeof setup)
        abort();
    static const int64_t tags[] = { SERVE_GET, SERVE_STOP };
    for (;;) {
        ty_reply_to from;
        if (ty_receive(tags, 2, TY_NO_TIMEOUT) != TY_MSG_DATA || ty_msg_tag() == SERVE_STOP) return;
        if (ty_read_request(&from) != TY_OK) continue;
        ty_reply(&from, &setup, sizeof setup);
        setup.ready.pid = 0;   /* only the first listener tells ty_tcp_serve */
    }
}

static void serve_supervisor(int64_t unused) {
    (void)unused;
    serve_setup setup;
    ty_pid holder;
    if (ty_receive_request(SERVE_INIT, START_TIMEOUT_MS, &setup.ready) ||
        ty_read_raw(&setup.cfg, sizeof setup.cfg) != sizeof setup.cfg)
        return;
    if (ty_spawn_link(SERVE_HOLDER_LINK, serve_holder, 0, &holder)) {
        ty_reply(&setup.ready, ty_last_error(), strlen(ty_last_error()));
        return;
    }
    ty_msg_begin(SERVE_SETUP);
    ty_msg_raw(&setup, sizeof setup);
    ty_send(holder);
    /* The holder is a linked process that is not a child: if it failed, ty_supervise
     * would stop the listener and return TY_ELINK. */
    const ty_child_spec listener = { NULL, serve_listener, (int64_t)holder };
    int rc = ty_supervise(&listener, 1, MAX_RESTARTS, RESTART_PERIOD_MS);
    ty_unlink(holder);
    ty_send_raw(holder, SERVE_STOP, NULL, 0);
    if (rc != TY_OK) abort();   /* gave up: fail, for whoever links or monitors us */
}

int ty_tcp_serve(const char *addr, ty_conn_handler handler, int64_t arg, ty_pid *sup,
                 ty_sockaddr *bound) {
    if (!handler) return ty__fail(TY_EINVAL, "ty_tcp_serve: no handler");
    serve_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.handler = (int32_t)(intptr_t)handler;
    cfg.arg = arg;

    /* Bind here: a bad address or a port in use is reported at once, and port 0 becomes
     * the port the listener process binds again (every time it starts). */
    ty_sockaddr a;
    ty_tcp_listener l;
    int rc = ty_addr_parse(addr, &a);
    if (rc || (rc = ty_tcp_bind(&a, &l))) return rc;
    rc = ty_tcp_listener_addr(l, &cfg.addr);
    ty_tcp_listener_close(l);
    if (rc) return rc;

    ty_pid s;
    if ((rc = ty_spawn(serve_supervisor, 0, &s))) return rc;
    char err[200];
    size_t got = 0;
    rc = ty_request(s, SERVE_INIT, &cfg, sizeof cfg, err, sizeof err - 1, START_TIMEOUT_MS, &got);
    if (rc == TY_TIMEOUT) {
        ty_kill(s);
        return ty__fail(TY_TIMEOUT, "ty_tcp_serve: the listener process did not start");
    }
    if (rc == TY_OK && got == 0) {
        if (sup) *sup = s;
        if (bound) *bound = cfg.addr;
        return TY_OK;
    }
    /* The listener could not bind (the error text is the reply): stop the supervisor. */
    ty_supervisor_stop(s, 0);
    err[got < sizeof err - 1 ? got : sizeof err - 1] = 0;
    return ty__fail(TY_EHOST, err);
}
