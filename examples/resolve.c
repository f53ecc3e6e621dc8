/* resolve.c — a host function wrapped by a process that adds policy, in two versions
 * living side by side, and a sandboxed child that can only reach it through messages.
 *
 *   make build/examples/processes/resolve.wasm
 *   build/tycho build/examples/processes/resolve.wasm
 *
 * THE HOST FUNCTION. tycho has no networking yet, so there is no DNS to wrap. The
 * stand-in is lunatic::registry::get, which maps a plain name to a process: here the
 * "hosts" are processes registered under their host names (api.example.com, ...), so
 * resolving a host name means looking it up in the registry, and the "address" it
 * resolves to is a pid one can send requests to. Like a real resolver, it is a host
 * function that a sandboxed process can be denied: a config restricted with
 * tycho::process::config_allow_namespace to other namespaces makes every call to it trap
 * with "permission denied: lunatic::registry::get".
 *
 * THE WRAPPERS. resolve@1.0.0 answers only for *.example.com; resolve@2.0.0, registered
 * beside it with tycho::registry::put_versioned, also for *.example.org. Anything else
 * gets an error reply. The resolvers themselves run with the least they need: messages,
 * and the one host function they wrap.
 *
 * THE CLIENT is spawned with a config allowing only "lunatic::process::",
 * "lunatic::message::" and "tycho::registry::get_versioned". It cannot print, read
 * files or call lunatic::registry::get; it finds a resolver by version requirement
 * itself (^1, ^2, >=1.0: the highest matching version wins), asks it, and talks to the
 * host it gets back. Why allow get_versioned rather than hand it the resolver's pid:
 * choosing a version is the point of the versioned registry, and it gives nothing away
 * here — versioned names and plain names are separate (the hosts are plain names, which
 * only lunatic::registry::get can see), so the client can find services but not hosts.
 * It reports each step to the root, which prints everything (the output is the same
 * with any number of workers).
 *
 * THE DIRECT CALLER, sandboxed the same way, calls lunatic::registry::get itself: it dies
 * at that call. Only the root's failures are printed by tycho, so the root sees this one
 * through its link (die_when_link_dies(0): a LinkDied message with the link's tag). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tycho.h"

enum {
    TAG_RESOLVE = 1,   /* request to a resolver: [host name]; reply: see resolver() */
    TAG_HELLO,         /* request to a host: empty; reply: its greeting */
    TAG_REPORT,        /* client -> root: [str line] */
    TAG_DONE,          /* client -> root: finished */
    TAG_TRYING,        /* direct caller -> root: about to call */
    TAG_RETURNED,      /* direct caller -> root: the call returned (it must not) */
    TAG_CLIENT_LINK,   /* the root's links */
    TAG_DIRECT_LINK,
};

/* ---- hosts: processes registered under host names ----------------------------------- */

static const char *const hosts[] = { "api.example.com", "www.example.org", "evil.org" };

static void host(int64_t index) {
    char greeting[64];
    snprintf(greeting, sizeof greeting, "hello from %s", hosts[index]);
    for (;;) {
        ty_reply_to from;
        if (ty_receive_request(TAG_HELLO, TY_NO_TIMEOUT, &from) == TY_OK)
            ty_reply(&from, greeting, strlen(greeting));
    }
}

/* ---- the resolvers ------------------------------------------------------------------ */

typedef struct {
    const char *version;
    const char *suffixes[3];   /* "*.example.com" is ".example.com"; NULL-terminated */
} policy;

static const policy policies[] = {
    { "1.0.0", { ".example.com", NULL } },
    { "2.0.0", { ".example.com", ".example.org", NULL } },
};

static int allowed(const policy *p, const char *name) {
    size_t n = strlen(name);
    for (int i = 0; p->suffixes[i]; i++) {
        size_t s = strlen(p->suffixes[i]);
        if (n > s && !strcmp(name + n - s, p->suffixes[i])) return 1;
    }
    return 0;
}

/* Replies [u8 status][u8 n][n bytes: the resolver's version][rest]: status 0 = resolved,
 * rest = [u64 pid]; status 1 = refused, rest = the reason (text). */
static void reply_begin(const ty_reply_to *to, const policy *p, uint8_t status) {
    ty_msg_begin(to->tag);
    ty_msg_u8(status);
    ty_msg_u8((uint8_t)strlen(p->version));
    ty_msg_raw(p->version, strlen(p->version));
}

static void reply_error(const ty_reply_to *to, const policy *p, const char *text) {
    reply_begin(to, p, 1);
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
            int at = snprintf(text, sizeof text, "refused: %s is not in ", name);
            for (int i = 0; p->suffixes[i]; i++)
                at += snprintf(text + at, sizeof text - at, "%s*%s", i ? " or " : "",
                               p->suffixes[i]);
            reply_error(&from, p, text);
            continue;
        }
        uint64_t node, pid;   /* the wrapped host function */
        if (lunatic_registry_get(name, (uint32_t)strlen(name), &node, &pid) != 0) {
            snprintf(text, sizeof text, "no such host: %s", name);
            reply_error(&from, p, text);
            continue;
        }
        reply_begin(&from, p, 0);
        ty_msg_u64(pid);
        ty_send(from.pid);
    }
}

/* ---- the sandboxed client ------------------------------------------------------------- */

static const struct { const char *requirement, *host; } script[] = {
    { "^1", "api.example.com" },
    { "^1", "evil.org" },
    { "^1", "www.example.org" },
    { "^1", "example.com" },
    { "^2", "www.example.org" },
    { "^2", "api.example.com.evil.org" },
    { "^2", "db.example.com" },
    { ">=1.0", "www.example.org" },
    { "^3", "api.example.com" },
};

static void report(ty_pid root, const char *line) {
    ty_msg_begin(TAG_REPORT);
    ty_msg_str(line);
    ty_send(root);
}

static void client(int64_t arg) {
    ty_pid root = (ty_pid)arg;
    char line[256];
    for (size_t i = 0; i < sizeof script / sizeof script[0]; i++) {
        const char *req = script[i].requirement, *name = script[i].host;
        int at = snprintf(line, sizeof line, "%-5s %-24s -> ", req, name);
        ty_pid r;
        if (ty_lookup_version("resolve", req, &r) != TY_OK) {
            snprintf(line + at, sizeof line - at, "no resolve matches %s", req);
            report(root, line);
            continue;
        }
        uint8_t reply[200];
        size_t got = 0;
        if (ty_request(r, TAG_RESOLVE, name, strlen(name), reply, sizeof reply - 1, 5000,
                       &got) != TY_OK || got < 2 || got < 2u + reply[1] || got >= sizeof reply) {
            snprintf(line + at, sizeof line - at, "no answer: %s", ty_last_error());
            report(root, line);
            continue;
        }
        reply[got] = 0;
        const char *rest = (const char *)reply + 2 + reply[1];
        at += snprintf(line + at, sizeof line - at, "resolve@%.*s: ", reply[1],
                       (const char *)reply + 2);
        if (reply[0] != 0 || got != 2u + reply[1] + 8) {
            snprintf(line + at, sizeof line - at, "%s", rest);
        } else {
            ty_pid h;
            memcpy(&h, rest, sizeof h);
            char hello[64] = "";
            size_t n = 0;
            ty_request(h, TAG_HELLO, NULL, 0, hello, sizeof hello - 1, 5000, &n);
            hello[n < sizeof hello ? n : sizeof hello - 1] = 0;
            snprintf(line + at, sizeof line - at, "process %llu, which says \"%s\"",
                     (unsigned long long)h, hello);
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
    uint64_t node, pid;
    int32_t rc = lunatic_registry_get("api.example.com", 15, &node, &pid);
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

    for (int i = 0; i < 3; i++) {
        spawn_or_die(TY_INHERIT, 0, host, i, &pid);
        ty_register(hosts[i], pid);
        printf("host %-16s is process %llu\n", hosts[i], (unsigned long long)pid);
    }

    static const char *const resolver_ns[] = { "lunatic::message::", "lunatic::registry::get", NULL };
    ty_config rcfg = sandbox(resolver_ns);
    for (int i = 0; i < 2; i++) {
        spawn_or_die(rcfg, 0, resolver, i, &pid);
        if (ty_register_version("resolve", policies[i].version, pid) != TY_OK) return 1;
        printf("resolve@%s is process %llu: answers for ", policies[i].version,
               (unsigned long long)pid);
        for (int k = 0; policies[i].suffixes[k]; k++)
            printf("%s*%s", k ? " and " : "", policies[i].suffixes[k]);
        printf("\n");
    }
    ty_config_drop(rcfg);

    static const char *const client_ns[] = { "lunatic::process::", "lunatic::message::",
                                              "tycho::registry::get_versioned", NULL };
    ty_config ccfg = sandbox(client_ns);
    printf("client (may call lunatic::process::*, lunatic::message::*, "
           "tycho::registry::get_versioned):\n");
    spawn_or_die(ccfg, TAG_CLIENT_LINK, client, (int64_t)root, &pid);
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

    printf("direct caller (same sandbox) calls lunatic::registry::get itself:\n");
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
               "lunatic::registry::get,\n  which traps with \"permission denied: "
               "lunatic::registry::get\"\n", TAG_DIRECT_LINK);
    } else {
        printf("  unexpected: receive returned %d (tag %lld)\n", code,
               (long long)ty_msg_tag());
        problems++;
    }
    ty_config_drop(ccfg);
    return problems;
}
