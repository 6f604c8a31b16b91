#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

size_t strlcpy_safe(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int bprintf(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= size)
		return -ENOSPC;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, size - *pos, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if ((size_t)n >= size - *pos) {
		*pos = size;
		return -ENOSPC;
	}
	*pos += (size_t)n;
	return 0;
}

void errfmt(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

int parse_ull(const char *s, unsigned long long *out)
{
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtoull(s, &end, 10);
	if (errno)
		return -ERANGE;
	return *end ? -EINVAL : 0;
}

int parse_uint(const char *s, unsigned int *out)
{
	unsigned long long v;
	int r = parse_ull(s, &v);

	if (r)
		return r;
	if (v > UINT_MAX)
		return -ERANGE;
	*out = (unsigned int)v;
	return 0;
}

/* In this leaf file (not print.c) so that whatever logs (log.c) links without the
 * printing code and what it needs. */
void print_escaped(char *out, size_t size, const char *s)
{
	size_t o = 0;

	if (!size)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int need = (c < 0x20 || c > 0x7e || c == '\\') ? 4 : 1;

		if (o + (size_t)need >= size)
			break;
		if (need == 4)
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}
