/* request.c — request/reply over tags. Wire layout (also in tycho.h):
 *   request: tag = the server's request tag, data = [u64 reply_pid][i64 reply_tag][payload]
 *   reply:   tag = reply_tag, data = payload */
#include "internal.h"

static uint32_t request_counter;

/* Unique per request in this process; top bit set keeps it out of applications' tags and
 * away from 0 ("untagged"). The pid bits make tags of different processes differ too. */
static int64_t fresh_reply_tag(void) {
    uint64_t self = lunatic_process_process_id();
    uint64_t t = (UINT64_C(1) << 63) | ((self & 0x7FFFFFFF) << 32) | ++request_counter;
    return (int64_t)t;
}

int ty_request(ty_pid pid, int64_t tag, const void *req, size_t len,
               void *reply, size_t cap, uint64_t timeout_ms, size_t *got) {
    if ((!req && len) || (!reply && cap))
        return ty__fail(TY_EINVAL, "ty_request: NULL buffer with a non-zero length");
    int64_t reply_tag = fresh_reply_tag();
    uint64_t header[2] = { lunatic_process_process_id(), (uint64_t)reply_tag };
    lunatic_message_create_data(tag, sizeof header + len);
    lunatic_message_write_data(header, sizeof header);
    ty_msg_raw(req, len);
    int32_t rc = lunatic_message_send_receive_skip_search(pid, reply_tag, timeout_ms);
    if (rc == TY_TIMEOUT) return ty__fail(TY_TIMEOUT, "request timed out");
    if (rc != 0) return ty__fail(TY_EHOST, "send_receive_skip_search: unexpected result");
    size_t size = ty_msg_size();
    ty_read_raw(reply, size < cap ? size : cap);
    if (got) *got = size;
    if (size > cap) return ty__fail(TY_ETRUNC, "the reply did not fit the buffer");
    return TY_OK;
}

int ty_read_request(ty_reply_to *from) {
    uint64_t header[2];
    if (ty_read_raw(header, sizeof header) != sizeof header)
        return ty__fail(TY_ESHORT, "not a request: shorter than its 16-byte header");
    from->pid = header[0];
    from->tag = (int64_t)header[1];
    return TY_OK;
}

int ty_receive_request(int64_t tag, uint64_t timeout_ms, ty_reply_to *from) {
    int rc = ty_receive_tag(tag, timeout_ms);
    if (rc == TY_TIMEOUT) return ty__fail(TY_TIMEOUT, "receive timed out");
    if (rc != TY_MSG_DATA) return rc;
    return ty_read_request(from);
}

void ty_reply(const ty_reply_to *to, const void *data, size_t len) {
    ty_send_raw(to->pid, to->tag, data, len);
}
