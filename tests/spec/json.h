/* json.h — a small JSON reader for the spec runner (wast2json output).
 *
 * json_parse builds a tree of json values; json_free releases it. Strings are decoded
 * (escapes, \uXXXX including surrogate pairs, to UTF-8) and may contain NUL bytes, so
 * their length is kept alongside. Nesting is limited so hostile input cannot exhaust
 * the C stack. */
#ifndef TYCHO_SPEC_JSON_H
#define TYCHO_SPEC_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUM, JSON_STR, JSON_ARR, JSON_OBJ } json_type;

typedef struct json json;
struct json {
    json_type type;
    bool b;             /* JSON_BOOL */
    double num;         /* JSON_NUM */
    char *str;          /* JSON_STR: NUL-terminated, len bytes (may hold NULs) */
    size_t len;
    json **items;       /* JSON_ARR / JSON_OBJ: n values */
    char **keys;        /* JSON_OBJ: n keys */
    size_t n;
};

/* NULL on error, with "line L: what" in err. */
json *json_parse(const char *text, size_t len, char *err, size_t errlen);
void json_free(json *v);

/* Member of an object (the last one if repeated), or NULL (also when v is no object). */
const json *json_get(const json *v, const char *key);
/* The string of v, or NULL if v is NULL or not a string. */
const char *json_str(const json *v);
/* Shorthand: json_str(json_get(v, key)). */
const char *json_get_str(const json *v, const char *key);

#endif
