/* Shared by the libFuzzer targets in tests/fuzz: a failed invariant aborts, which
 * libFuzzer reports as a crash and saves the input (build/fuzz/crash/<target>/). */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FZ_CHECK(cond)                                                              \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,  \
				__LINE__, #cond);                                   \
			abort();                                                    \
		}                                                                   \
	} while (0)

/* data[0..size) as a C string in a buffer of exactly size + 1 bytes, so ASan sees
 * any read past the terminator. */
static inline char *fz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Valid UTF-8 throughout (shortest forms, no surrogates, at most U+10FFFF): what a
 * decoder that cuts strings "never inside a sequence" must hand out. */
static inline int fz_utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		uint32_t cp;
		size_t n, i;

		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0)
			n = 2, cp = *s & 0x1f;
		else if ((*s & 0xf0) == 0xe0)
			n = 3, cp = *s & 0x0f;
		else if ((*s & 0xf8) == 0xf0)
			n = 4, cp = *s & 0x07;
		else
			return 0;
		for (i = 1; i < n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += n;
	}
	return 1;
}

/* 1 if a starts with b. */
static inline int fz_prefix(const char *a, const char *b)
{
	return !strncmp(a, b, strlen(b));
}

/* Log records (log.h) are formatted as the default sink would, then dropped: the
 * formatting runs on every message the input provokes. Call once per input. */
#include "log.h"
static inline void fz_log_drop(void *arg, const struct mp_log_rec *rec)
{
	char line[8192];

	(void)arg;
	mp_log_format(line, sizeof(line), rec);
}
static inline void fz_log_setup(void)
{
	mp_log_set_sink(fz_log_drop, NULL, NULL);
	mp_log_set_level(MP_LOG_DEBUG);
}

#endif
