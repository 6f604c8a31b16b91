#include <string.h>

#include "relit.h"

#define RELIT_MAX_ALT 16

static int is_meta(char c)
{
	return c && strchr("\\^$.[]()|*+?{}", c);
}

static int is_quantifier(char c)
{
	return c && strchr("*+?{", c);
}

/* s holds the n bytes at w where the anchors say: at its start (^), at its end ($), both
 * (equal), or anywhere. */
static int found(const char *s, size_t slen, const char *w, size_t n, int head, int tail)
{
	if (head && tail)
		return slen == n && !memcmp(s, w, n);
	if (head)
		return slen >= n && !memcmp(s, w, n);
	if (tail)
		return slen >= n && !memcmp(s + slen - n, w, n);
	return memmem(s, slen, w, n) != NULL;
}

/* The pattern read as [^] WORDS REST, WORDS being a run of literal characters or a group
 * "(w1|w2|...)" of them. whole: REST is empty or "$", so the words decide; else every match
 * holds one of the words (at the start when anchored), which rules out subjects without.
 * 0, or -1 when the pattern is not of this form. */
struct words {
	const char *w[RELIT_MAX_ALT];
	size_t n[RELIT_MAX_ALT], nalt;
	int head, tail, whole, any;
};

static int read_words(const char *pattern, struct words *r)
{
	const char *p = pattern, *q, *rest;

	r->nalt = 0;
	r->head = r->tail = r->any = 0;
	if (*p == '^') {
		r->head = 1;
		p++;
	}
	/* ".*", "^.*", ".*$", "^.*$": anything (a catch-all hardware entry) */
	if (p[0] == '.' && p[1] == '*' && (!p[2] || (p[2] == '$' && !p[3]))) {
		r->any = r->whole = 1;
		return 0;
	}
	if (*p == '(') {
		for (q = p + 1;; q++) {
			const char *start = q;

			while (*q && !is_meta(*q))
				q++;
			if (q == start || r->nalt == RELIT_MAX_ALT)
				return -1;   /* an empty alternative, or too many */
			r->w[r->nalt] = start;
			r->n[r->nalt++] = (size_t)(q - start);
			if (*q != '|')
				break;
		}
		if (*q != ')' || is_quantifier(q[1]))
			return -1;   /* not a plain group of words, or a repeated one */
		rest = q + 1;
		r->whole = 1;
	} else {
		for (q = p; *q && !is_meta(*q); q++)
			;
		rest = q;
		r->w[0] = p;
		r->n[0] = (size_t)(q - p);
		r->nalt = 1;
		r->whole = 1;
		if (is_quantifier(*q)) {
			/* "ab*": the last character is optional, "a" is what every match holds */
			if (!r->n[0])
				return -1;
			r->n[0]--;
			r->whole = 0;
		}
	}
	/* a top-level alternative in REST ("ab|cd") would make the words optional */
	if (strchr(rest, '|'))
		return -1;
	r->tail = *rest == '$';
	r->whole = r->whole && (!*rest || (rest[0] == '$' && !rest[1]));
	return 0;
}

int relit_match(const char *pattern, const char *s, size_t slen)
{
	struct words r;
	size_t i;

	if (read_words(pattern, &r))
		return RELIT_UNKNOWN;
	if (r.any)
		return RELIT_YES;
	if (r.whole) {
		for (i = 0; i < r.nalt; i++)
			if (found(s, slen, r.w[i], r.n[i], r.head, r.tail))
				return RELIT_YES;
		return RELIT_NO;
	}
	for (i = 0; i < r.nalt; i++)
		if (!r.n[i] || found(s, slen, r.w[i], r.n[i], r.head, 0))
			return RELIT_UNKNOWN;
	return RELIT_NO;
}

int relit_plain(const char *pattern)
{
	struct words r;

	return *pattern && !read_words(pattern, &r) && r.whole;
}
