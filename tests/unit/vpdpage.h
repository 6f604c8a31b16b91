/* Building INQUIRY pages designator by designator, for the unit tests and the uid oracle. */
#ifndef TEST_VPDPAGE_H
#define TEST_VPDPAGE_H

#include <string.h>

struct pg {
	unsigned char b[4096];
	size_t n;
};

static inline void pg_start(struct pg *p, int code)
{
	memset(p, 0, sizeof(*p));
	p->b[1] = (unsigned char)code;
	p->n = 4;
}

/* byte0 = code set (and protocol), byte1 = PIV/association/type as given; the page
 * length follows. */
static inline void pg_add(struct pg *p, int byte0, int byte1, const void *id, size_t len)
{
	p->b[p->n++] = (unsigned char)byte0;
	p->b[p->n++] = (unsigned char)byte1;
	p->b[p->n++] = 0;
	p->b[p->n++] = (unsigned char)len;
	memcpy(p->b + p->n, id, len);
	p->n += len;
	p->b[2] = (unsigned char)((p->n - 4) >> 8);
	p->b[3] = (unsigned char)(p->n - 4);
}

/* A page 0x80 holding n serial bytes. */
static inline void pg_serial(struct pg *p, const void *s, size_t n)
{
	pg_start(p, 0x80);
	memcpy(p->b + 4, s, n);
	p->n = 4 + n;
	p->b[2] = (unsigned char)(n >> 8);
	p->b[3] = (unsigned char)n;
}

#endif
