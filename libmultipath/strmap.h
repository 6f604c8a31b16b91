/* A string -> index hash map (open addressing). Used where thousands of WWIDs or
 * aliases must be looked up and added in O(1): coalescing, the bindings and wwids files.
 * Keys are NOT copied: each key must stay valid (and unchanged) while it is in the map. */
#ifndef MP_STRMAP_H
#define MP_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* Key, value and the key's hash side by side: a probe touches one cache line, and a key
 * is only compared (a read of the caller's memory) when the full hashes agree. */
struct strmap_slot {
	const char *key;    /* NULL = empty slot */
	size_t val;
	uint64_t hash;
};

struct strmap {
	struct strmap_slot *slot;
	size_t cap, n;      /* cap is 0 or a power of two, n <= cap / 2 */
};

/* Insert key -> val. 0, -EEXIST if key is present (its value is left alone), -ENOMEM. */
int strmap_put(struct strmap *m, const char *key, size_t val);
/* strmap_put that also tells the value key maps to afterwards (*cur: val when inserted, the
 * old value when present): lookup and insert in one probe. 0, -EEXIST or -ENOMEM. */
int strmap_put_get(struct strmap *m, const char *key, size_t val, size_t *cur);
/* Make room for n entries in all, so that the next puts up to n cannot fail with
 * -ENOMEM (lets a caller update two maps together). 0 or -ENOMEM. */
int strmap_reserve(struct strmap *m, size_t n);
/* 0 and *val set, or -ENOENT. */
int strmap_get(const struct strmap *m, const char *key, size_t *val);
void strmap_free(struct strmap *m);

#endif
