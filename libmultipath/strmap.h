/* A string -> index hash map (open addressing). Used where thousands of WWIDs or
 * aliases must be looked up and added in O(1): the bindings and wwids files.
 * Keys are NOT copied: each key must stay valid (and unchanged) while it is in the map. */
#ifndef MP_STRMAP_H
#define MP_STRMAP_H

#include <stddef.h>

struct strmap {
	const char **key;   /* NULL = empty slot */
	size_t *val;
	size_t cap, n;      /* cap is 0 or a power of two, n <= cap / 2 */
};

/* Insert key -> val. 0, -EEXIST if key is present (its value is left alone), -ENOMEM. */
int strmap_put(struct strmap *m, const char *key, size_t val);
/* Make room for n entries in all, so that the next puts up to n cannot fail with
 * -ENOMEM (lets a caller update two maps together). 0 or -ENOMEM. */
int strmap_reserve(struct strmap *m, size_t n);
/* 0 and *val set, or -ENOENT. */
int strmap_get(const struct strmap *m, const char *key, size_t *val);
void strmap_free(struct strmap *m);

#endif
