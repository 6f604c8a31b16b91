/* Regex helpers for the configuration, and the blacklist / blacklist_exceptions match.
 *
 * Blacklist semantics (as multipath-tools): devnode, wwid and device rules are three
 * separate filters. Within one filter an exception beats a blacklist entry; a path is
 * blacklisted if any filter blacklists it. wwid rules apply only once a WWID is known,
 * device rules only when the vendor or product is known. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* Bounded-repetition guard: glibc expands "x{m,n}" by copying the sub-expression, so
 * nested counts multiply ("((a{255}){255}){255}" needs gigabytes). Patterns whose
 * counts multiply past this are refused; real vendor/product/wwid patterns use a few. */
#define REPEAT_PRODUCT_MAX 65536ULL

static int repeat_guard(const char *p, char *why, size_t whysz)
{
	unsigned long long product = 1;

	for (; *p; p++) {
		unsigned long long lo = 0, hi = 0;
		const char *q;

		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p != '{' || !isdigit((unsigned char)p[1]))
			continue;
		for (q = p + 1; isdigit((unsigned char)*q) && lo < 100000; q++)
			lo = lo * 10 + (unsigned long long)(*q - '0');
		hi = lo;
		if (*q == ',') {
			for (hi = 0, q++; isdigit((unsigned char)*q) && hi < 100000; q++)
				hi = hi * 10 + (unsigned long long)(*q - '0');
			if (hi < lo)
				hi = lo;
		}
		product *= hi ? hi : 1;
		if (product > REPEAT_PRODUCT_MAX) {
			snprintf(why, whysz, "repetition counts too large");
			return -EINVAL;
		}
	}
	return 0;
}

int config_regcomp(regex_t *re, const char *pattern, char *why, size_t whysz)
{
	int r;

	if (!pattern || !*pattern) {
		snprintf(why, whysz, "empty regular expression");
		return -EINVAL;
	}
	if (repeat_guard(pattern, why, whysz))
		return -EINVAL;
	r = regcomp(re, pattern, REG_EXTENDED | REG_NOSUB);
	if (r == REG_ESPACE) {
		snprintf(why, whysz, "out of memory");
		return -ENOMEM;
	}
	if (r) {
		regerror(r, re, why, whysz);
		return -EINVAL;
	}
	return 0;
}

int config_rematch(const regex_t *re, int compiled, const char *pattern, const char *s)
{
	char small[256], *buf = small;
	const char *b, *e;
	size_t n;
	int m;

	if (!pattern)
		return 1;
	if (!compiled || !s)
		return 0;
	for (b = s; isspace((unsigned char)*b); b++)
		;
	for (e = b + strlen(b); e > b && isspace((unsigned char)e[-1]); e--)
		;
	n = (size_t)(e - b);
	if (n >= sizeof(small) && !(buf = malloc(n + 1)))
		return 0;
	memcpy(buf, b, n);
	buf[n] = '\0';
	m = regexec(re, buf, 0, NULL, 0) == 0;
	if (buf != small)
		free(buf);
	return m;
}

/* The four pattern fields of an entry, in compiled-bit order. */
static char **bl_field(struct blentry *b, int i, regex_t **re)
{
	switch (i) {
	case 0: *re = &b->devnode_re; return &b->devnode;
	case 1: *re = &b->wwid_re;    return &b->wwid;
	case 2: *re = &b->vendor_re;  return &b->vendor;
	default: *re = &b->product_re; return &b->product;
	}
}

int blentry_compile(struct blentry *b)
{
	char why[128];
	int r = 0;

	for (int i = 0; i < 4; i++) {
		regex_t *re;
		char **s = bl_field(b, i, &re);

		if (!*s || (b->compiled & (1 << i)))
			continue;
		int ri = config_regcomp(re, *s, why, sizeof(why));
		if (!ri)
			b->compiled |= 1 << i;
		else if (!r)
			r = ri;
	}
	return r;
}

void blentry_uncompile(struct blentry *b)
{
	for (int i = 0; i < 4; i++) {
		regex_t *re;

		bl_field(b, i, &re);
		if (b->compiled & (1 << i))
			regfree(re);
	}
	b->compiled = 0;
}

void blentry_free(struct blentry *b)
{
	blentry_uncompile(b);
	free(b->devnode);
	free(b->wwid);
	free(b->vendor);
	free(b->product);
	b->devnode = b->wwid = b->vendor = b->product = NULL;
}

enum bl_kind { BL_DEVNODE, BL_WWID, BL_DEVICE };

static int entry_matches(const struct blentry *b, enum bl_kind k, const char *devnode,
			 const char *wwid, const char *vendor, const char *product)
{
	switch (k) {
	case BL_DEVNODE:
		return b->devnode && config_rematch(&b->devnode_re, b->compiled & 1, b->devnode, devnode);
	case BL_WWID:
		return b->wwid && config_rematch(&b->wwid_re, b->compiled & 2, b->wwid, wwid);
	case BL_DEVICE:
		if (!b->vendor && !b->product)
			return 0;
		return config_rematch(&b->vendor_re, b->compiled & 4, b->vendor, vendor ? vendor : "") &&
		       config_rematch(&b->product_re, b->compiled & 8, b->product, product ? product : "");
	}
	return 0;
}

static int listed(const struct blvec *v, enum bl_kind k, const char *devnode, const char *wwid,
		  const char *vendor, const char *product)
{
	for (size_t i = 0; i < v->n; i++)
		if (entry_matches(&v->e[i], k, devnode, wwid, vendor, product))
			return 1;
	return 0;
}

int config_blacklisted(const struct config *c, const char *devnode, const char *wwid,
		       const char *vendor, const char *product)
{
	static const enum bl_kind kinds[] = { BL_DEVNODE, BL_DEVICE, BL_WWID };

	/* devnode rules see the kernel name: "/dev/sdc" and "sdc" are the same device */
	if (devnode && !strncmp(devnode, "/dev/", 5))
		devnode = devnode + 5;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		enum bl_kind k = kinds[i];

		if (k == BL_DEVNODE && (!devnode || !*devnode))
			continue;
		if (k == BL_WWID && (!wwid || !*wwid))
			continue;
		if (k == BL_DEVICE && (!vendor || !*vendor) && (!product || !*product))
			continue;
		if (listed(&c->exceptions, k, devnode, wwid, vendor, product))
			continue;
		if (listed(&c->blacklist, k, devnode, wwid, vendor, product))
			return 1;
	}
	return 0;
}
