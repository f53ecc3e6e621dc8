/* lz — LZ77-style compression with a hash table of recent positions, then
 * decompression and verification: byte loads, hashing, match loops, unaligned data. */
#include <stdint.h>

#define LEN (1u << 20)
#define ROUNDS 24
#define HBITS 15
#define MIN_MATCH 4
#define MAX_MATCH 255
#define WINDOW 65535

static uint8_t src[LEN], out[LEN + LEN / 8 + 16], back[LEN];
static uint32_t head[1u << HBITS];
static volatile uint32_t seed_in = 0xC0FFEEu;

static const char *const words[16] = {
    "the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ",
    "actor ", "process ", "message ", "mailbox ", "link ", "monitor ", "spawn ", "wasm ",
};

static uint32_t hash4(const uint8_t *p) {
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> (32 - HBITS);
}

/* Output: a token byte per item; 0 = literal byte follows; else match length with a
 * 2-byte distance following. */
static uint32_t compress(const uint8_t *in, uint32_t n, uint8_t *o) {
    for (uint32_t i = 0; i < (1u << HBITS); i++) head[i] = 0xFFFFFFFFu;
    uint32_t ip = 0, op = 0;
    while (ip < n) {
        uint32_t best = 0, dist = 0;
        if (ip + MIN_MATCH <= n) {
            uint32_t h = hash4(in + ip), cand = head[h];
            head[h] = ip;
            if (cand != 0xFFFFFFFFu && ip - cand <= WINDOW) {
                uint32_t max = n - ip < MAX_MATCH ? n - ip : MAX_MATCH, l = 0;
                while (l < max && in[cand + l] == in[ip + l]) l++;
                if (l >= MIN_MATCH) { best = l; dist = ip - cand; }
            }
        }
        if (best) {
            o[op++] = (uint8_t)best;
            o[op++] = (uint8_t)dist;
            o[op++] = (uint8_t)(dist >> 8);
            for (uint32_t k = 1; k < best && ip + k + MIN_MATCH <= n; k++)
                head[hash4(in + ip + k)] = ip + k;
            ip += best;
        } else {
            o[op++] = 0;
            o[op++] = in[ip++];
        }
    }
    return op;
}

static uint32_t decompress(const uint8_t *in, uint32_t n, uint8_t *o) {
    uint32_t ip = 0, op = 0;
    while (ip < n) {
        uint32_t t = in[ip++];
        if (!t) { o[op++] = in[ip++]; continue; }
        uint32_t dist = (uint32_t)in[ip] | (uint32_t)in[ip + 1] << 8;
        ip += 2;
        for (uint32_t k = 0; k < t; k++, op++) o[op] = o[op - dist];
    }
    return op;
}

uint64_t run(void) {
    uint32_t s = seed_in;
    uint64_t sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint32_t n = 0;
        while (n < LEN) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            if ((s & 7) == 0) { src[n++] = (uint8_t)(s >> 8); continue; }  /* noise */
            for (const char *w = words[(s >> 4) & 15]; *w && n < LEN; w++) src[n++] = (uint8_t)*w;
        }
        uint32_t clen = compress(src, LEN, out);
        uint32_t dlen = decompress(out, clen, back);
        if (dlen != LEN) return 0;
        uint32_t h = 2166136261u;
        for (uint32_t i = 0; i < LEN; i++) {
            if (back[i] != src[i]) return 0;
            h = (h ^ back[i]) * 16777619u;
        }
        sum = sum * 1000003u + clen + ((uint64_t)h << 32);
    }
    return sum;
}
