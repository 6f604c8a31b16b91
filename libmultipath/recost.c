#include <ctype.h>

#include "recost.h"

#define CAP (RECOST_MAX + 1)

static unsigned long long sat_add(unsigned long long a, unsigned long long b)
{
	return a + b > CAP ? CAP : a + b;
}

static unsigned long long sat_mul(unsigned long long a, unsigned long long b)
{
	return b && a > CAP / b ? CAP : (a * b > CAP ? CAP : a * b);
}

/* A bracket expression from p (at '['): the pointer past its ']', or at the end. */
static const char *skip_bracket(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;                        /* a leading ']' is a member */
	while (*p && *p != ']') {
		if (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
			char close = p[1];

			for (p += 2; *p && !(*p == close && p[1] == ']'); p++)
				;
			if (*p)
				p += 2;
			continue;
		}
		p++;
	}
	return *p ? p + 1 : p;
}

/* An interval "{n}", "{n,}", "{n,m}" or "{,m}" at p: its copy count and the pointer past
 * it, or NULL when p does not start one (then '{' is a literal). */
static const char *interval(const char *p, unsigned long long *copies)
{
	unsigned long long lo = 0, hi;
	const char *q = p + 1;
	int digits = 0;

	for (; isdigit((unsigned char)*q); q++, digits++)
		lo = lo < CAP ? lo * 10 + (unsigned long long)(*q - '0') : CAP;
	hi = lo;
	if (*q == ',') {
		int hd = 0;

		for (hi = 0, q++; isdigit((unsigned char)*q); q++, hd++)
			hi = hi < CAP ? hi * 10 + (unsigned long long)(*q - '0') : CAP;
		if (!hd)
			hi = lo + 1;            /* {n,}: n copies and a star */
		digits += hd;
	}
	if (!digits || *q != '}')
		return NULL;
	*copies = hi > lo ? hi : lo;
	if (!*copies)
		*copies = 1;
	return q + 1;
}

/* The repetition operators after an atom of cost c, applied one after the other. */
static const char *quantify(const char *p, unsigned long long *c)
{
	for (;;) {
		unsigned long long k;
		const char *q;

		if (*p == '*' || *p == '?') {
			p++;
		} else if (*p == '+') {
			*c = sat_mul(*c, 2);
			p++;
		} else if (*p == '{' && (q = interval(p, &k))) {
			*c = sat_mul(*c, k);
			p = q;
		} else {
			return p;
		}
	}
}

/* Alternatives from *pp up to an unmatched ')' (consumed when depth > 0) or the end. */
static unsigned long long alternatives(const char **pp, int depth)
{
	const char *p = *pp;
	unsigned long long total = 0;

	while (*p) {
		unsigned long long c = 1;

		if (*p == ')' && depth) {
			p++;
			break;
		}
		if (*p == '|' || *p == '^' || *p == '$') {
			p++;
			continue;
		}
		if (*p == '(') {
			p++;
			c = alternatives(&p, depth + 1);
			if (!c)
				c = 1;
		} else if (*p == '[') {
			p = skip_bracket(p);
		} else if (*p == '\\' && p[1]) {
			p += 2;
		} else {
			p++;
		}
		p = quantify(p, &c);
		total = sat_add(total, c);
	}
	*pp = p;
	return total;
}

unsigned long long recost(const char *pattern)
{
	const char *p = pattern;
	unsigned long long c = 0;

	while (*p) {
		c = sat_add(c, alternatives(&p, 0));
		if (*p == ')')
			p++;                    /* unmatched: a literal to glibc */
	}
	return c;
}
