/* message.c — building, sending and reading messages in the scratch area. Values are
 * little-endian (wasm's own byte order, so they are copied as they are in memory). */
#include "internal.h"

/* create_data's capacity is only a hint. */
#define DEFAULT_CAPACITY 64

void ty_msg_begin(int64_t tag) { lunatic_message_create_data(tag, DEFAULT_CAPACITY); }

void ty_msg_raw(const void *data, size_t len) {
    if (len) lunatic_message_write_data(data, (uint32_t)len);
}

void ty_msg_u8(uint8_t v) { ty_msg_raw(&v, 1); }
void ty_msg_u32(uint32_t v) { ty_msg_raw(&v, 4); }
void ty_msg_i32(int32_t v) { ty_msg_raw(&v, 4); }
void ty_msg_u64(uint64_t v) { ty_msg_raw(&v, 8); }
void ty_msg_i64(int64_t v) { ty_msg_raw(&v, 8); }
void ty_msg_f64(double v) { ty_msg_raw(&v, 8); }

void ty_msg_bytes(const void *data, size_t len) {
    ty_msg_u64(len);
    ty_msg_raw(data, len);
}

void ty_msg_str(const char *s) { ty_msg_bytes(s, strlen(s)); }

void ty_send_raw(ty_pid pid, int64_t tag, const void *data, size_t len) {
    lunatic_message_create_data(tag, len);
    ty_msg_raw(data, len);
    lunatic_message_send(pid);
}

size_t ty_read_raw(void *buf, size_t len) {
    return len ? lunatic_message_read_data(buf, (uint32_t)len) : 0;
}

static int read_exact(void *buf, size_t len) {
    if (ty_read_raw(buf, len) != len)
        return ty__fail(TY_ESHORT, "the message ended before the value");
    return TY_OK;
}

int ty_read_u8(uint8_t *v) { return read_exact(v, 1); }
int ty_read_u32(uint32_t *v) { return read_exact(v, 4); }
int ty_read_i32(int32_t *v) { return read_exact(v, 4); }
int ty_read_u64(uint64_t *v) { return read_exact(v, 8); }
int ty_read_i64(int64_t *v) { return read_exact(v, 8); }
int ty_read_f64(double *v) { return read_exact(v, 8); }

int ty_read_bytes(void *buf, size_t cap, size_t *len) {
    uint64_t n;
    int rc = ty_read_u64(&n);
    if (rc) return rc;
    if (len) *len = n > SIZE_MAX ? SIZE_MAX : (size_t)n;
    uint64_t take = n < cap ? n : cap;
    if ((rc = read_exact(buf, (size_t)take))) return rc;
    if (n == take) return TY_OK;
    /* Skip the rest so the cursor ends after the value (there is no "tell" to seek from). */
    for (uint64_t left = n - take; left > 0;) {
        char sink[128];
        size_t chunk = left < sizeof sink ? (size_t)left : sizeof sink;
        if ((rc = read_exact(sink, chunk))) return rc;
        left -= chunk;
    }
    return ty__fail(TY_ETRUNC, "the value did not fit the buffer");
}

int ty_read_str(char *buf, size_t cap) {
    if (!buf || cap == 0) return ty__fail(TY_EINVAL, "ty_read_str: no buffer");
    size_t n = 0;
    int rc = ty_read_bytes(buf, cap - 1, &n);
    buf[rc == TY_OK ? n : (rc == TY_ETRUNC ? cap - 1 : 0)] = 0;
    return rc;
}
