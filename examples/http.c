/* http.c — an HTTP/1.1 server: one process per connection, keep-alive and pipelining.
 *
 *   make build/examples/processes/http.wasm
 *   build/tycho build/examples/processes/http.wasm [ADDR [TIMEOUT_MS]]
 *                                          (default 127.0.0.1:8080, 10000 ms)
 *   curl -i http://127.0.0.1:8080/        wrk -c 1000 -d 10s http://127.0.0.1:8080/
 *
 * Prints one line, "listening on 127.0.0.1:PORT" ("127.0.0.1:0" picks a free port), and
 * serves until it is killed:
 *   GET /      200 text/plain        Hello, World!\n
 *   GET /json  200 application/json  {"message":"Hello, World!"}
 *   GET other  404;  HEAD like GET without the body;  other methods 405.
 *
 * ty_tcp_serve (sdk/c/tycho_net.h) runs a supervised listener process that spawns a
 * process per connection and moves the stream to it in a message; a connection crashing
 * touches nothing else. Each connection process reads into a 16 KiB buffer and parses
 * requests from it, so a read may hold several requests (pipelining) or part of one; the
 * responses to everything a read brought are written with one write. Request bodies
 * (Content-Length or chunked) are read and discarded, so the next request parses.
 * Keep-alive is HTTP/1.1's default, "Connection: close" ends it, HTTP/1.0 keeps the
 * connection only with "Connection: keep-alive". Errors, after which the connection is
 * closed: 400 (a malformed request line, header line or chunk, Content-Length with
 * Transfer-Encoding, a Transfer-Encoding that does not end in chunked), 413 (a body over
 * 1 MiB), 431 (a head over 8 KiB), 505 (an HTTP version other than 1.x). A connection with
 * no complete request for TIMEOUT_MS (idle, or a request arriving too slowly) is closed.
 * Buffers are static: every process has its own memory, and pages that a connection
 * never touches cost nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tycho_net.h"

#define IN_CAP       16384            /* read buffer; unconsumed bytes are at most MAX_HEAD */
#define OUT_CAP      16384            /* responses waiting to be written */
#define MAX_HEAD     8192             /* request line + headers -> 431 */
#define MAX_BODY     (1u << 20)       /* request body -> 413 */
#define MAX_LINE     1024             /* a chunk-size line or a trailer line -> 400 */
#define DEFAULT_TIMEOUT_MS 10000      /* to receive a complete request (argument 2) */
#define REPLY_ROOM   512              /* the longest response head + body */

static char in[IN_CAP];
static char out[OUT_CAP];

/* ---- responses ------------------------------------------------------------------------ */

enum { R_HELLO, R_JSON, R_NOT_FOUND, R_METHOD, R_BAD, R_TOO_LARGE, R_HEADERS, R_VERSION };

static const struct reply {
    const char *status, *type, *extra, *body;
} replies[] = {
    [R_HELLO]     = { "200 OK", "text/plain", "", "Hello, World!\n" },
    [R_JSON]      = { "200 OK", "application/json", "", "{\"message\":\"Hello, World!\"}" },
    [R_NOT_FOUND] = { "404 Not Found", "text/plain", "", "Not Found\n" },
    [R_METHOD]    = { "405 Method Not Allowed", "text/plain", "Allow: GET, HEAD\r\n",
                      "Method Not Allowed\n" },
    [R_BAD]       = { "400 Bad Request", "text/plain", "", "Bad Request\n" },
    [R_TOO_LARGE] = { "413 Payload Too Large", "text/plain", "", "Payload Too Large\n" },
    [R_HEADERS]   = { "431 Request Header Fields Too Large", "text/plain", "",
                      "Request Header Fields Too Large\n" },
    [R_VERSION]   = { "505 HTTP Version Not Supported", "text/plain", "",
                      "HTTP Version Not Supported\n" },
};

/* The Date header's value, "Sun, 06 Nov 1994 08:49:37 GMT": the clock is read once per
 * read from the connection, the text made once a second. */
static char date[30];
static time_t date_time = -1;

static void two_digits(char *p, int v) {
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

static void update_date(void) {
    static const char days[] = "SunMonTueWedThuFriSat";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    time_t now = time(NULL);
    struct tm tm;
    if (now == date_time || !gmtime_r(&now, &tm)) return;
    date_time = now;
    memcpy(date, "Sun, 00 Jan 0000 00:00:00 GMT", sizeof date);
    memcpy(date, days + 3 * tm.tm_wday, 3);
    two_digits(date + 5, tm.tm_mday);
    memcpy(date + 8, months + 3 * tm.tm_mon, 3);
    two_digits(date + 12, (tm.tm_year + 1900) / 100);
    two_digits(date + 14, (tm.tm_year + 1900) % 100);
    two_digits(date + 17, tm.tm_hour);
    two_digits(date + 20, tm.tm_min);
    two_digits(date + 23, tm.tm_sec);
}

/* ---- a connection --------------------------------------------------------------------- */

/* Where the parser is: the head of the next request, or the body of the current one. */
enum { S_HEAD, S_BODY, S_CHUNK_SIZE, S_CHUNK_DATA, S_CHUNK_END, S_TRAILER };

typedef struct {
    ty_tcp_stream s;
    int state;
    uint64_t left;          /* S_BODY, S_CHUNK_DATA: bytes still to discard */
    uint64_t body;          /* chunked: body bytes so far */
    size_t trailer;         /* S_TRAILER: bytes of trailer fields so far */
    size_t scan;            /* S_HEAD: bytes of the head already searched for its end */
    int route;              /* the current request's reply, sent once its body is read */
    int head_only;          /* HEAD */
    int keep_alive;
    int http10;
    size_t olen;            /* bytes in out[] */
    int close;              /* no more requests: close once out[] is written */
    int error;              /* closing after an error response */
    unsigned done;          /* requests answered (for the read deadline) */
} conn;

static int flush_out(conn *c) {
    int rc = c->olen ? ty_tcp_write_all(c->s, out, c->olen) : TY_OK;
    c->olen = 0;
    if (rc) c->close = 1;   /* the peer is gone: nothing more to do */
    return rc;
}

static char *put(char *p, const char *s) {
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

static char *put_uint(char *p, size_t v) {
    char digits[20];
    int n = 0;
    do digits[n++] = (char)('0' + v % 10); while ((v /= 10) > 0);
    while (n > 0) *p++ = digits[--n];
    return p;
}

static void respond(conn *c, int route) {
    const struct reply *r = &replies[route];
    if (OUT_CAP - c->olen < REPLY_ROOM && flush_out(c)) return;
    char *p = out + c->olen;
    p = put(p, "HTTP/1.1 ");
    p = put(p, r->status);
    p = put(p, "\r\nDate: ");
    p = put(p, date);
    p = put(p, "\r\nContent-Type: ");
    p = put(p, r->type);
    p = put(p, "\r\nContent-Length: ");
    p = put_uint(p, strlen(r->body));
    p = put(p, "\r\n");
    p = put(p, r->extra);
    if (!c->keep_alive) p = put(p, "Connection: close\r\n");
    else if (c->http10) p = put(p, "Connection: keep-alive\r\n");
    p = put(p, "\r\n");
    if (!c->head_only) p = put(p, r->body);
    c->olen = (size_t)(p - out);
}

/* An error: answered, and the connection closes (what follows cannot be trusted). */
static void fail(conn *c, int route) {
    c->keep_alive = 0;
    c->head_only = 0;
    respond(c, route);
    c->close = c->error = 1;
}

/* ---- parsing ---------------------------------------------------------------------------- */

static int is_tchar(unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

/* Field values: visible characters, obs-text, spaces and tabs. */
static int is_vchar(unsigned char ch) { return ch == '\t' || (ch >= ' ' && ch != 0x7f); }

static int same(const char *s, size_t n, const char *lower) {
    size_t i = 0;
    for (; i < n && lower[i]; i++) {
        char ch = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
        if (ch != lower[i]) return 0;
    }
    return i == n && !lower[i];
}

/* The end of the line starting at p (the '\n'), or NULL; *len = its length without the
 * "\r\n" or "\n". */
static const char *line_end(const char *p, size_t n, size_t *len) {
    const char *nl = memchr(p, '\n', n);
    if (nl) *len = (size_t)(nl - p) - (nl > p && nl[-1] == '\r');
    return nl;
}

/* Calls fn on each element of a comma-separated list, trimmed. */
static void each_token(const char *v, size_t n, void (*fn)(const char *, size_t, void *),
                       void *ctx) {
    while (n > 0) {
        const char *comma = memchr(v, ',', n);
        size_t len = comma ? (size_t)(comma - v) : n;
        const char *t = v;
        size_t tn = len;
        while (tn && (*t == ' ' || *t == '\t')) t++, tn--;
        while (tn && (t[tn - 1] == ' ' || t[tn - 1] == '\t')) tn--;
        if (tn) fn(t, tn, ctx);
        if (!comma) break;
        v += len + 1;
        n -= len + 1;
    }
}

typedef struct {
    int close, keep_alive, expect, chunked, te, bad;
    int has_length;
    uint64_t length;        /* capped at MAX_BODY + 1 */
} fields;

static void connection_token(const char *t, size_t n, void *ctx) {
    fields *f = ctx;
    if (same(t, n, "close")) f->close = 1;
    else if (same(t, n, "keep-alive")) f->keep_alive = 1;
}

/* Transfer-Encoding: the body is chunked iff the last coding is "chunked". */
static void te_token(const char *t, size_t n, void *ctx) {
    fields *f = ctx;
    if (f->chunked) f->bad = 1;            /* a coding after chunked */
    f->chunked = same(t, n, "chunked");
    f->te = 1;
}

/* A "name: value" line: 0, or -1 if malformed. */
static int parse_field(const char *p, size_t n, fields *f) {
    size_t i = 0;
    while (i < n && is_tchar((unsigned char)p[i])) i++;
    if (i == 0 || i == n || p[i] != ':') return -1;   /* also: obs-fold, space before ':' */
    const char *name = p;
    size_t nlen = i;
    const char *v = p + i + 1;
    size_t vn = n - i - 1;
    for (size_t k = 0; k < vn; k++)
        if (!is_vchar((unsigned char)v[k])) return -1;
    while (vn && (*v == ' ' || *v == '\t')) v++, vn--;
    while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t')) vn--;
    if (!f) return 0;
    if (same(name, nlen, "content-length")) {
        uint64_t len = 0;
        if (vn == 0) return -1;
        for (size_t k = 0; k < vn; k++) {
            if (v[k] < '0' || v[k] > '9') return -1;
            len = len * 10 + (uint64_t)(v[k] - '0');
            if (len > MAX_BODY) len = MAX_BODY + 1;
        }
        if (f->has_length && f->length != len) return -1;
        f->has_length = 1;
        f->length = len;
    } else if (same(name, nlen, "transfer-encoding")) {
        each_token(v, vn, te_token, f);
        if (!f->te) return -1;                          /* empty */
    } else if (same(name, nlen, "connection")) {
        each_token(v, vn, connection_token, f);
    } else if (same(name, nlen, "expect")) {
        f->expect = same(v, vn, "100-continue");
    }
    return 0;
}

/* The request head p[0..n), which ends with its empty line: sets up c for the request,
 * or returns the error reply (R_BAD, R_VERSION, R_TOO_LARGE). */
static int parse_head(conn *c, const char *p, size_t n) {
    size_t len = 0;
    const char *nl = line_end(p, n, &len);
    /* The request line: METHOD SP TARGET SP HTTP/x.y */
    const char *sp1 = memchr(p, ' ', len);
    if (!sp1 || sp1 == p) return R_BAD;
    for (const char *q = p; q < sp1; q++)
        if (!is_tchar((unsigned char)*q)) return R_BAD;
    const char *target = sp1 + 1, *line_stop = p + len;
    const char *sp2 = memchr(target, ' ', (size_t)(line_stop - target));
    if (!sp2 || sp2 == target) return R_BAD;
    for (const char *q = target; q < sp2; q++)
        if ((unsigned char)*q <= ' ' || *q == 0x7f) return R_BAD;
    const char *ver = sp2 + 1;
    if (line_stop - ver != 8 || memcmp(ver, "HTTP/", 5) || ver[6] != '.' ||
        ver[5] < '0' || ver[5] > '9' || ver[7] < '0' || ver[7] > '9')
        return R_BAD;
    if (ver[5] != '1') return R_VERSION;

    fields f = { 0 };
    for (const char *q = nl + 1;;) {
        size_t rest = (size_t)(p + n - q);
        nl = line_end(q, rest, &len);
        if (len == 0) break;                             /* the empty line */
        if (parse_field(q, len, &f) || f.bad) return R_BAD;
        q = nl + 1;
    }
    if (f.te && (f.has_length || !f.chunked)) return R_BAD;
    if (f.has_length && f.length > MAX_BODY) return R_TOO_LARGE;

    size_t mlen = (size_t)(sp1 - p), tlen = (size_t)(sp2 - target);
    const char *query = memchr(target, '?', tlen);
    if (query) tlen = (size_t)(query - target);
    c->http10 = ver[7] == '0';
    c->keep_alive = !f.close && (!c->http10 || f.keep_alive);
    c->head_only = mlen == 4 && !memcmp(p, "HEAD", 4);
    if (!c->head_only && !(mlen == 3 && !memcmp(p, "GET", 3))) c->route = R_METHOD;
    else if (tlen == 1 && target[0] == '/') c->route = R_HELLO;
    else if (tlen == 5 && !memcmp(target, "/json", 5)) c->route = R_JSON;
    else c->route = R_NOT_FOUND;

    c->body = 0;
    if (f.chunked) c->state = S_CHUNK_SIZE;
    else if (f.length) c->state = S_BODY, c->left = f.length;
    else c->state = S_HEAD;
    if (f.expect && c->state != S_HEAD && !c->http10) {   /* the client waits for this */
        static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
        if (OUT_CAP - c->olen >= sizeof cont || flush_out(c) == TY_OK) {
            memcpy(out + c->olen, cont, sizeof cont - 1);
            c->olen += sizeof cont - 1;
        }
    }
    return -1;
}

/* A chunk-size line: hex size, optional extensions. The size, or -1 if malformed. */
static int64_t parse_chunk_size(const char *p, size_t n) {
    uint64_t size = 0;
    size_t i = 0;
    for (; i < n; i++) {
        int d = p[i] >= '0' && p[i] <= '9' ? p[i] - '0'
              : p[i] >= 'a' && p[i] <= 'f' ? p[i] - 'a' + 10
              : p[i] >= 'A' && p[i] <= 'F' ? p[i] - 'A' + 10 : -1;
        if (d < 0) break;
        size = size * 16 + (uint64_t)d;
        if (size > MAX_BODY) size = MAX_BODY + 1;       /* too large anyway */
    }
    if (i == 0) return -1;
    while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
    if (i < n && p[i] != ';') return -1;
    for (; i < n; i++)
        if (!is_vchar((unsigned char)p[i])) return -1;
    return (int64_t)size;
}

/* Parses and answers what p[0..n) holds; returns how many bytes it consumed (the rest, a
 * part of a request, waits for more). Stops early once c->close is set. */
static size_t consume(conn *c, const char *p, size_t n) {
    size_t pos = 0, len = 0;
    while (!c->close) {
        const char *q = p + pos, *nl;
        size_t avail = n - pos;
        int complete = 0;
        switch (c->state) {
        case S_HEAD: {
            while (avail && (*q == '\r' || *q == '\n')) q++, avail--, pos++;   /* empty lines */
            if (!avail) return pos;
            /* Find the empty line that ends the head, within MAX_HEAD bytes (c->scan:
             * where the lines not looked at yet begin). */
            size_t head = 0;
            while (!head && c->scan <= MAX_HEAD &&
                   (nl = line_end(q + c->scan, avail - c->scan, &len)) != NULL) {
                c->scan = (size_t)(nl - q) + 1;
                if (len == 0) head = c->scan;
            }
            if (!head && avail <= MAX_HEAD) return pos;    /* wait for more */
            c->scan = 0;
            if (!head || head > MAX_HEAD) {
                fail(c, R_HEADERS);
                return pos;
            }
            int err = parse_head(c, q, head);
            if (err >= 0) {
                fail(c, err);
                return pos;
            }
            pos += head;
            complete = c->state == S_HEAD;
            break;
        }
        case S_BODY:
        case S_CHUNK_DATA: {
            uint64_t take = c->left < avail ? c->left : avail;
            pos += (size_t)take;
            c->left -= take;
            if (c->left) return pos;
            if (c->state == S_BODY) complete = 1;
            else c->state = S_CHUNK_END;
            break;
        }
        case S_CHUNK_END:                                  /* the CRLF after a chunk's data */
            if (!avail || (avail == 1 && *q == '\r')) return pos;
            if (*q == '\n') pos += 1;
            else if (q[0] == '\r' && q[1] == '\n') pos += 2;
            else {
                fail(c, R_BAD);
                return pos;
            }
            c->state = S_CHUNK_SIZE;
            break;
        case S_CHUNK_SIZE:
        case S_TRAILER: {
            nl = line_end(q, avail < MAX_LINE ? avail : MAX_LINE, &len);
            if (!nl) {
                if (avail < MAX_LINE) return pos;
                fail(c, R_BAD);
                return pos;
            }
            pos += (size_t)(nl - q) + 1;
            if (c->state == S_TRAILER) {
                c->trailer += len;
                if (len == 0) complete = 1;
                else if (parse_field(q, len, NULL) || c->trailer > MAX_HEAD) {
                    fail(c, R_BAD);
                    return pos;
                }
                break;
            }
            int64_t size = parse_chunk_size(q, len);
            if (size < 0) {
                fail(c, R_BAD);
                return pos;
            }
            c->body += (uint64_t)size;
            if (c->body > MAX_BODY) {
                fail(c, R_TOO_LARGE);
                return pos;
            }
            c->left = (uint64_t)size;
            c->state = size ? S_CHUNK_DATA : S_TRAILER;
            c->trailer = 0;
            break;
        }
        }
        if (complete) {
            c->state = S_HEAD;
            c->done++;
            respond(c, c->route);
            if (!c->keep_alive) c->close = 1;
        }
    }
    return pos;
}

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* After an error the client may still be sending (say, the body of a refused request).
 * Closing a socket with unread data resets the connection, and the reset can destroy the
 * error response before the client reads it: so read and drop what comes, for at most
 * 2 s, until the client closes. */
static void linger(ty_tcp_stream s) {
    size_t got;
    uint64_t end = now_ms() + 2000;
    for (uint64_t now = now_ms(); now < end; now = now_ms()) {
        ty_tcp_set_read_timeout(s, end - now);
        if (ty_tcp_read(s, in, IN_CAP, &got) != TY_OK || got == 0) return;
    }
}

/* A connection process (ty_tcp_serve's handler); the stream closes when it returns. */
static void http_conn(ty_tcp_stream s, int64_t timeout_ms) {
    const uint64_t request_ms = (uint64_t)timeout_ms;
    conn c;
    memset(&c, 0, sizeof c);
    c.s = s;
    size_t start = 0, len = 0;            /* in[start..len): not consumed yet */
    uint64_t timeout = request_ms, deadline = 0;
    unsigned done = 0;
    ty_tcp_set_read_timeout(s, timeout);
    for (;;) {
        if (c.olen && flush_out(&c)) return;
        if (c.close) {
            if (c.error) linger(s);
            return;
        }
        if (start > 0) {
            memmove(in, in + start, len - start);
            len -= start;
            start = 0;
        }
        /* 10 s for each request: from the end of the previous one while idle (the read
         * timeout), from its first bytes once a part of it is here. */
        if (c.done != done) deadline = 0, done = c.done;
        uint64_t want = request_ms;
        if (len > 0 || c.state != S_HEAD) {
            uint64_t now = now_ms();
            if (!deadline) deadline = now + request_ms;
            if (now >= deadline) return;
            want = deadline - now;
        } else {
            deadline = 0;
        }
        if (want != timeout) ty_tcp_set_read_timeout(s, timeout = want);
        size_t got = 0;
        if (ty_tcp_read(s, in + len, IN_CAP - len, &got) != TY_OK || got == 0)
            return;                       /* timed out, failed, or the peer closed */
        len += got;
        update_date();
        start += consume(&c, in + start, len - start);
    }
}

int main(int argc, char **argv) {
    const char *addr = argc > 1 ? argv[1] : "127.0.0.1:8080";
    long timeout = argc > 2 ? atol(argv[2]) : DEFAULT_TIMEOUT_MS;
    if (timeout <= 0) {
        fprintf(stderr, "http: %s: the timeout must be a positive number of milliseconds\n", argv[2]);
        return 2;
    }
    ty_pid sup = 0;
    ty_sockaddr bound;
    char text[64];
    if (ty_tcp_serve(addr, http_conn, timeout, &sup, &bound) != TY_OK) {
        fprintf(stderr, "http: %s: %s\n", addr, ty_last_error());
        return 1;
    }
    printf("listening on %s\n", ty_addr_format(&bound, text, sizeof text));
    fflush(stdout);
    /* Serve until the supervisor ends (it gives up only if the listener keeps failing). */
    ty_monitor(sup);
    while (ty_receive(NULL, 0, TY_NO_TIMEOUT) != TY_MSG_PROCESS_DIED || ty_msg_dead_pid() != sup) {}
    fprintf(stderr, "http: the listener failed too often; stopping\n");
    return 1;
}
