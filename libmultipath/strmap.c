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

/* Slot holding key, or the empty slot where it would go. cap must be > 0. */
static size_t find_slot(const char **keys, size_t cap, const char *key)
{
	size_t i = (size_t)hash_str(key) & (cap - 1);

	while (keys[i] && strcmp(keys[i], key))
		i = (i + 1) & (cap - 1);
	return i;
}

static int rehash(struct strmap *m, size_t cap)
{
	const char **key;
	size_t *val, i;

	if (cap > SIZE_MAX / sizeof(*val))
		return -ENOMEM;
	key = calloc(cap, sizeof(*key));
	val = malloc(cap * sizeof(*val));
	if (!key || !val) {
		free(key);
		free(val);
		return -ENOMEM;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->key[i]) {
			size_t s = find_slot(key, cap, m->key[i]);

			key[s] = m->key[i];
			val[s] = m->val[i];
		}
	}
	free(m->key);
	free(m->val);
	m->key = key;
	m->val = val;
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

int strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t s;
	int r;

	if (m->cap && m->key[find_slot(m->key, m->cap, key)])
		return -EEXIST;
	if ((r = strmap_reserve(m, m->n + 1)))
		return r;
	s = find_slot(m->key, m->cap, key);
	m->key[s] = key;
	m->val[s] = val;
	m->n++;
	return 0;
}

int strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t s;

	if (!m->cap)
		return -ENOENT;
	s = find_slot(m->key, m->cap, key);
	if (!m->key[s])
		return -ENOENT;
	*val = m->val[s];
	return 0;
}

void strmap_free(struct strmap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}
