/* Shared by the configuration unit tests: the -t dump as a string, without origins. */
#ifndef TEST_CONFIG_HELPERS_H
#define TEST_CONFIG_HELPERS_H

#include <stdio.h>
#include <string.h>
#include "config.h"

/* The dump of c (malloc'ed). */
static inline char *dump_str(const struct config *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return NULL;
	config_dump(m, c);
	fclose(m);
	return buf;
}

/* Comment lines carry the entries' origin (file:line), which a round trip changes:
 * dropped, in place. */
static inline void strip_comments(char *s)
{
	char *w = s;

	while (*s) {
		char *nl = strchr(s, '\n'), *q = s;
		size_t n = nl ? (size_t)(nl - s) + 1 : strlen(s);

		while (*q == '\t' || *q == ' ')
			q++;
		if (*q != '#') {
			memmove(w, s, n);
			w += n;
		}
		s += n;
	}
	*w = '\0';
}

/* The first warning c->diag got from diagnostic n0 on ("" if none): what a parse said. */
static inline const char *warning_since(const struct config *c, size_t n0)
{
	for (size_t i = n0; i < c->ndiag; i++)
		if (c->diag[i].warning)
			return c->diag[i].msg;
	return "";
}

#endif
