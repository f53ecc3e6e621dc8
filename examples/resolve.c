/* resolve.c — a host function wrapped by a process that adds policy, in two versions
 * living side by side, and a sandboxed child that can only reach it through messages.
 *
 *   make build/examples/processes/resolve.wasm
 *   build/tycho build/examples/processes/resolve.wasm
 *
 * THE HOST FUNCTION is lunatic::networking::resolve: DNS, names to addresses (getaddrinfo,
 * run off tycho's workers). Like any host function, a sandboxed process can be denied it:
 * a config restricted with tycho::process::config_allow_namespace to other namespaces
 * makes every call to it trap with "permission denied: lunatic::networking::resolve".
 *
 * THE WRAPPERS. resolve@1.0.0 answers only for localhost and *.localhost; resolve@2.0.0,
 * registered beside it with tycho::registry::put_versioned, also for IPv4 address
 * literals. Anything else gets an error reply, without a lookup (so the example needs no
 * network: its names resolve from /etc/hosts). The resolvers run with the least they
 * need: messages, and the one host function they wrap.
 *
 * THE SERVICE is a TCP server on 127.0.0.1 (a free port) that greets whoever connects.
 *
 * THE CLIENT is spawned with a config allowing only "lunatic::process::",
 * "lunatic::message::", "tycho::registry::get_versioned" and TCP connections
 * ("lunatic::networking::tcp_", "lunatic::networking::drop_tcp_stream"). It may connect
 * to an address but cannot look a name up itself: it finds a resolver by version
 * requirement (^1, ^2, >=1.0: the highest matching version wins), asks it, connects to
 * the address it gets back (the service's port was its spawn argument) and reads the
 * greeting. It reports each step to the root, which prints everything (the output is
 * the same with any number of workers).
 *
 * THE DIRECT CALLER, sandboxed the same way, calls lunatic::networking::resolve itself:
 * it dies at that call. Only the root's failures are printed by tycho, so the root sees
 * this one through its link (die_when_link_dies(0): a LinkDied message with the link's
 * tag). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tycho_net.h"

enum {
    TAG_RESOLVE = 1,   /* request to a resolver: [host name]; reply: see resolver() */
    TAG_REPORT,        /* client -> root: [str line] */
    TAG_DONE,          /* client -> root: finished */
    TAG_TRYING,        /* direct caller -> root: about to call */
    TAG_RETURNED,      /* direct caller -> root: the call returned (it must not) */
    TAG_CLIENT_LINK,   /* the root's links */
    TAG_DIRECT_LINK,
};

/* ---- the service: a TCP server that greets ------------------------------------------- */

static void greeter(ty_tcp_stream s, int64_t arg) {
    (void)arg;
    ty_tcp_write_all(s, "hello over TCP", 14);
}

/* ---- the resolvers ------------------------------------------------------------------ */

typedef struct {
    const char *version;
    bool literals;             /* also IPv4 address literals */
    const char *what;          /* the policy, as text */
} policy;

static const policy policies[] = {
    { "1.0.0", false, "localhost and *.localhost" },
    { "2.0.0", true, "localhost, *.localhost and IPv4 address literals" },
};

static bool allowed(const policy *p, const char *name) {
    size_t n = strlen(name);
    if (!strcmp(name, "localhost") || (n > 10 && !strcmp(name + n - 10, ".localhost"))) return true;
    ty_sockaddr a;
    char with_port[160];
    snprintf(with_port, sizeof with_port, "%s:0", name);
    return p->literals && ty_addr_parse(with_port, &a) == TY_OK && a.type == 4;
}

/* Replies [u8 status][u8 n][n bytes: the resolver's version][text]: status 0 = resolved,
 * text = its first IPv4 address; status 1 = refused or failed, text = why. */
static void reply(const ty_reply_to *to, const policy *p, uint8_t status, const char *text) {
    ty_msg_begin(to->tag);
    ty_msg_u8(status);
    ty_msg_u8((uint8_t)strlen(p->version));
    ty_msg_raw(p->version, strlen(p->version));
    ty_msg_raw(text, strlen(text));
    ty_send(to->pid);
}

static void resolver(int64_t index) {
    const policy *p = &policies[index];
    for (;;) {
        ty_reply_to from;
        if (ty_receive_request(TAG_RESOLVE, TY_NO_TIMEOUT, &from) != TY_OK) continue;
        char name[128] = "", text[256];
        size_t len = ty_msg_size() - 16;
        if (len >= sizeof name) len = sizeof name - 1;
        name[ty_read_raw(name, len)] = 0;
        if (!allowed(p, name)) {
            snprintf(text, sizeof text, "refused: %s is not in %s", name, p->what);
            reply(&from, p, 1, text);
            continue;
        }
        /* the wrapped host function (the port does not matter: 0) */
        ty_sockaddr addrs[8];
        size_t n = 0;
        char query[160];
        snprintf(query, sizeof query, "%s:0", name);
        if (ty_resolve(query, 5000, addrs, 8, &n) != TY_OK) {
            snprintf(text, sizeof text, "lookup failed: %s", ty_last_error());
            reply(&from, p, 1, text);
            continue;
        }
        size_t i = 0;
        while (i < n && i < 8 && addrs[i].type != 4) i++;
        if (i == n || i == 8) {
            snprintf(text, sizeof text, "no IPv4 address for %s", name);
            reply(&from, p, 1, text);
            continue;
        }
        ty_addr_format(&addrs[i], text, sizeof text);
        text[strlen(text) - 2] = 0;              /* drop the ":0" */
        reply(&from, p, 0, text);
    }
}

/* ---- the sandboxed client ------------------------------------------------------------- */

static const struct { const char *requirement, *host; } script[] = {
    { "^1", "localhost" },
    { "^1", "127.0.0.1" },
    { "^1", "example.com" },
    { "^2", "127.0.0.1" },
    { "^2", "localhost.evil.org" },
    { "^2", "::1" },
    { ">=1.0", "localhost" },
    { "^3", "localhost" },
};

static void report(ty_pid root, const char *line) {
    ty_msg_begin(TAG_REPORT);
    ty_msg_str(line);
    ty_send(root);
}

/* arg: the root's pid << 16 | the service's port */
static void client(int64_t arg) {
    ty_pid root = (ty_pid)((uint64_t)arg >> 16);
    uint16_t port = (uint16_t)arg;
    char line[256];
    for (size_t i = 0; i < sizeof script / sizeof script[0]; i++) {
        const char *req = script[i].requirement, *name = script[i].host;
        int at = snprintf(line, sizeof line, "%-5s %-18s -> ", req, name);
        ty_pid r;
        if (ty_lookup_version("resolve", req, &r) != TY_OK) {
            snprintf(line + at, sizeof line - at, "no resolve matches %s", req);
            report(root, line);
            continue;
        }
        uint8_t answer[200];
        size_t got = 0;
        if (ty_request(r, TAG_RESOLVE, name, strlen(name), answer, sizeof answer - 1, 10000,
                       &got) != TY_OK || got < 2 || got < 2u + answer[1] || got >= sizeof answer) {
            snprintf(line + at, sizeof line - at, "no answer: %s", ty_last_error());
            report(root, line);
            continue;
        }
        answer[got] = 0;
        const char *rest = (const char *)answer + 2 + answer[1];
        at += snprintf(line + at, sizeof line - at, "resolve@%.*s: ", answer[1],
                       (const char *)answer + 2);
        if (answer[0] != 0) {
            snprintf(line + at, sizeof line - at, "%s", rest);
        } else {
            char addr[64];
            snprintf(addr, sizeof addr, "%s:%u", rest, port);
            ty_tcp_stream s;
            char hello[64] = "";
            size_t n = 0, k = 0;
            if (ty_tcp_connect_to(addr, 5000, &s) == TY_OK) {
                while (k < sizeof hello - 1 && ty_tcp_read(s, hello + k, sizeof hello - 1 - k, &n) == TY_OK && n)
                    k += n;
                ty_tcp_close(s);
                snprintf(line + at, sizeof line - at, "%s; connected, the service says \"%s\"", rest, hello);
            } else {
                snprintf(line + at, sizeof line - at, "%s; connect: %s", rest, ty_last_error());
            }
        }
        report(root, line);
    }
    ty_msg_begin(TAG_DONE);
    ty_send(root);
}

/* ---- the sandboxed direct caller ------------------------------------------------------ */

static void direct(int64_t arg) {
    ty_pid root = (ty_pid)arg;
    ty_msg_begin(TAG_TRYING);
    ty_send(root);
    uint64_t iter;
    int32_t rc = (int32_t)lunatic_networking_resolve("localhost:80", 12, 5000, &iter);
    ty_msg_begin(TAG_RETURNED);   /* not reached: the call above traps */
    ty_msg_i32(rc);
    ty_send(root);
}

/* ---- the root ------------------------------------------------------------------------ */

static ty_config sandbox(const char *const *prefixes) {
    ty_config c = ty_config_new();
    if (c < 0) abort();
    for (int i = 0; prefixes[i]; i++) ty_config_allow_namespace(c, prefixes[i]);
    return c;
}

static int spawn_or_die(ty_config cfg, int64_t link_tag, ty_entry fn, int64_t arg, ty_pid *pid) {
    if (ty_spawn_config(cfg, link_tag, fn, arg, pid) == TY_OK) return 0;
    printf("spawn failed: %s\n", ty_last_error());
    exit(1);
}

int main(void) {
    ty_pid root = ty_self(), pid;
    int problems = 0;
    ty_die_when_link_dies(0);   /* sandboxed children's failures arrive as messages */

    ty_pid service;
    ty_sockaddr bound;
    if (ty_tcp_serve("127.0.0.1:0", greeter, 0, &service, &bound) != TY_OK) {
        printf("the service could not start: %s\n", ty_last_error());
        return 1;
    }
    printf("the service listens on 127.0.0.1 (a free port) and greets whoever connects\n");

    static const char *const resolver_ns[] = { "lunatic::message::", "lunatic::networking::resolve",
                                               "lunatic::networking::drop_dns_iterator", NULL };
    ty_config rcfg = sandbox(resolver_ns);
    for (int i = 0; i < 2; i++) {
        spawn_or_die(rcfg, 0, resolver, i, &pid);
        if (ty_register_version("resolve", policies[i].version, pid) != TY_OK) return 1;
        printf("resolve@%s answers for %s\n", policies[i].version, policies[i].what);
    }
    ty_config_drop(rcfg);

    static const char *const client_ns[] = { "lunatic::process::", "lunatic::message::",
                                              "tycho::registry::get_versioned",
                                              "lunatic::networking::tcp_",
                                              "lunatic::networking::drop_tcp_stream", NULL };
    ty_config ccfg = sandbox(client_ns);
    printf("client (may call lunatic::process::*, lunatic::message::*, "
           "tycho::registry::get_versioned,\n        lunatic::networking::tcp_*; not resolve):\n");
    spawn_or_die(ccfg, TAG_CLIENT_LINK, client, (int64_t)(root << 16 | bound.port), &pid);
    static const int64_t client_tags[] = { TAG_REPORT, TAG_DONE, TAG_CLIENT_LINK };
    for (;;) {
        int code = ty_receive(client_tags, 3, TY_NO_TIMEOUT);
        if (code == TY_MSG_LINK_DIED) {
            printf("unexpected: the client failed\n");
            return 1;
        }
        if (ty_msg_tag() == TAG_DONE) break;
        char line[256];
        if (ty_read_str(line, sizeof line) == TY_OK) printf("  %s\n", line);
    }

    printf("direct caller (same sandbox) calls lunatic::networking::resolve itself:\n");
    spawn_or_die(ccfg, TAG_DIRECT_LINK, direct, (int64_t)root, &pid);
    ty_monitor(pid);
    static const int64_t direct_tags[] = { TAG_TRYING };
    if (ty_receive(direct_tags, 1, 5000) != TY_MSG_DATA) {
        printf("unexpected: the direct caller did not start\n");
        return 1;
    }
    /* A failure reaches a link (LinkDied) before the monitor (ProcessDied); a normal end
     * reaches the monitor only. */
    int code = ty_receive(NULL, 0, TY_NO_TIMEOUT);
    if (code == TY_MSG_LINK_DIED && ty_msg_tag() == TAG_DIRECT_LINK) {
        printf("  it failed at the call (LinkDied, link tag %d): its config denies "
               "lunatic::networking::resolve,\n  which traps with \"permission denied: "
               "lunatic::networking::resolve\"\n", TAG_DIRECT_LINK);
    } else {
        printf("  unexpected: receive returned %d (tag %lld)\n", code,
               (long long)ty_msg_tag());
        problems++;
    }
    ty_config_drop(ccfg);
    ty_supervisor_stop(service, 5000);
    return problems;
}
