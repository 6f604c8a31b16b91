#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

/* FNV-1a: simple and spreads the long common prefixes of WWIDs ("3600a0b8...") well. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Slot holding key (hash h), or the empty slot where it would go. cap must be > 0. */
static size_t find_slot(const struct strmap_slot *slot, size_t cap, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (slot[i].key && (slot[i].hash != h || strcmp(slot[i].key, key)))
		i = (i + 1) & (cap - 1);
	return i;
}

static int rehash(struct strmap *m, size_t cap)
{
	struct strmap_slot *slot;

	if (cap > SIZE_MAX / sizeof(*slot))
		return -ENOMEM;
	slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	/* Keys are distinct: the first empty slot is theirs, no comparison needed. */
	for (size_t i = 0; i < m->cap; i++) {
		size_t s;

		if (!m->slot[i].key)
			continue;
		for (s = (size_t)m->slot[i].hash & (cap - 1); slot[s].key; s = (s + 1) & (cap - 1))
			;
		slot[s] = m->slot[i];
	}
	free(m->slot);
	m->slot = slot;
	m->cap = cap;
	return 0;
}

int strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	/* Keep the load at most 1/2 so probe runs stay short. */
	if (n > SIZE_MAX / 4)
		return -ENOMEM;
	while (cap < n * 2)
		cap *= 2;
	return cap == m->cap ? 0 : rehash(m, cap);
}

int strmap_put_get(struct strmap *m, const char *key, size_t val, size_t *cur)
{
	uint64_t h = hash_str(key);
	size_t s;
	int r;

	if (m->cap) {
		s = find_slot(m->slot, m->cap, key, h);
		if (m->slot[s].key) {
			if (cur)
				*cur = m->slot[s].val;
			return -EEXIST;
		}
	}
	if (m->n + 1 > m->cap / 2) {
		if ((r = strmap_reserve(m, m->n + 1)))
			return r;
	}
	s = find_slot(m->slot, m->cap, key, h);
	m->slot[s].key = key;
	m->slot[s].val = val;
	m->slot[s].hash = h;
	m->n++;
	if (cur)
		*cur = val;
	return 0;
}

int strmap_put(struct strmap *m, const char *key, size_t val)
{
	return strmap_put_get(m, key, val, NULL);
}

int strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t s;

	if (!m->cap)
		return -ENOENT;
	s = find_slot(m->slot, m->cap, key, hash_str(key));
	if (!m->slot[s].key)
		return -ENOENT;
	*val = m->slot[s].val;
	return 0;
}

void strmap_free(struct strmap *m)
{
	free(m->slot);
	memset(m, 0, sizeof(*m));
}
