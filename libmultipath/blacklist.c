/* Regex helpers for the configuration, and the blacklist / blacklist_exceptions match.
 *
 * Blacklist semantics (as multipath-tools): devnode, wwid and device rules are three
 * separate filters. Within one filter an exception beats a blacklist entry; a path is
 * blacklisted if any filter blacklists it. wwid rules apply only once a WWID is known,
 * device rules only when the vendor or product is known. */
#include <ctype.h>
#include <pthread.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "recost.h"
#include "relit.h"

int config_regcomp(regex_t *re, const char *pattern, char *why, size_t whysz)
{
	int r;

	if (!pattern || !*pattern) {
		snprintf(why, whysz, "empty regular expression");
		return -EINVAL;
	}
	/* glibc unrolls repetitions by copying: nested or stacked ones multiply (recost.h) */
	if (recost(pattern) > RECOST_MAX) {
		snprintf(why, whysz, "repetition counts too large");
		return -EINVAL;
	}
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

/* Lazily compiled patterns: one lock for all (a compile happens a handful of times per
 * run); the bit is set with release order once the regex_t is ready, so readers that see
 * it (acquire) need no lock. */
static pthread_mutex_t regcomp_once_lock = PTHREAD_MUTEX_INITIALIZER;

int config_regcomp_once(regex_t *re, int *compiled, int bit, const char *pattern)
{
	char why[128];
	int r = 0;

	if (__atomic_load_n(compiled, __ATOMIC_ACQUIRE) & bit)
		return 0;
	pthread_mutex_lock(&regcomp_once_lock);
	if (!(*compiled & bit)) {
		r = config_regcomp(re, pattern, why, sizeof(why));
		if (!r)
			__atomic_or_fetch(compiled, bit, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&regcomp_once_lock);
	return r;
}

/* s without its leading and trailing blanks: *len bytes from the returned pointer. */
static const char *trimmed(const char *s, size_t *len)
{
	const char *e;

	for (; isspace((unsigned char)*s); s++)
		;
	for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]); e--)
		;
	*len = (size_t)(e - s);
	return s;
}

int config_relit(const char *pattern, const char *s)
{
	size_t n;
	const char *b;

	if (!pattern)
		return RELIT_YES;
	if (!s)
		return RELIT_NO;
	b = trimmed(s, &n);
	return relit_match(pattern, b, n);
}

int config_rematch(const regex_t *re, int compiled, const char *pattern, const char *s)
{
	char small[256], *buf = small;
	const char *b;
	size_t n;
	int m;

	if (!pattern)
		return 1;
	if (!compiled || !s)
		return 0;
	b = trimmed(s, &n);
	/* plain words need no regexec (and a subject without the words every match holds is
	 * no match) */
	m = relit_match(pattern, b, n);
	if (m != RELIT_UNKNOWN)
		return m;
	if (n >= sizeof(small) && !(buf = malloc(n + 1)))
		return 0;
	memcpy(buf, b, n);
	buf[n] = '\0';
	m = regexec(re, buf, 0, NULL, 0) == 0;
	if (buf != small)
		free(buf);
	return m;
}

#define BL_FIELDS 6

/* The pattern fields of an entry, in compiled-bit order. */
static char **bl_field(struct blentry *b, int i, regex_t **re)
{
	switch (i) {
	case 0: *re = &b->devnode_re; return &b->devnode;
	case 1: *re = &b->wwid_re;    return &b->wwid;
	case 2: *re = &b->vendor_re;  return &b->vendor;
	case 3: *re = &b->product_re; return &b->product;
	case 4: *re = &b->property_re; return &b->property;
	default: *re = &b->protocol_re; return &b->protocol;
	}
}

/* Only the '!' marks: the regexes are compiled on first need (field_matches), and most
 * patterns (plain words) never are. */
int blentry_compile(struct blentry *b)
{
	for (int i = 0; i < BL_FIELDS; i++) {
		regex_t *re;
		char **s = bl_field(b, i, &re);

		if (*s && (*s)[0] == '!')
			b->negated |= 1 << i;
		else
			b->negated &= ~(1 << i);
	}
	return 0;
}

void blentry_uncompile(struct blentry *b)
{
	for (int i = 0; i < BL_FIELDS; i++) {
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
	free(b->property);
	free(b->protocol);
	b->devnode = b->wwid = b->vendor = b->product = b->property = b->protocol = NULL;
}

enum bl_kind { BL_DEVNODE, BL_WWID, BL_DEVICE, BL_PROPERTY, BL_PROTOCOL };

/* Field i of b matches s (a negated pattern inverts the match). A pattern that cannot be
 * compiled (only when out of memory: the parse checked it) matches nothing. */
static int field_matches(const struct blentry *cb, int i, const char *s)
{
	struct blentry *b = (struct blentry *)cb;   /* only the regex cache changes */
	regex_t *re;
	char **pat = bl_field(b, i, &re);
	const char *rx;
	int neg, m;

	if (!*pat)
		return 1;
	neg = !!(b->negated & (1 << i));
	rx = *pat + neg;   /* the regex is the pattern after its '!' */
	if (!s)
		s = "";
	m = config_relit(rx, s);
	if (m == RELIT_UNKNOWN)
		m = !config_regcomp_once(re, &b->compiled, 1 << i, rx) &&
		    config_rematch(re, 1, rx, s);
	return neg ? !m : m;
}

static int entry_matches(const struct blentry *b, enum bl_kind k, const char *devnode,
			 const char *wwid, const char *vendor, const char *product)
{
	switch (k) {
	case BL_DEVNODE:
		return b->devnode && field_matches(b, 0, devnode);
	case BL_WWID:
		return b->wwid && field_matches(b, 1, wwid);
	case BL_DEVICE:
		if (!b->vendor && !b->product)
			return 0;
		return field_matches(b, 2, vendor) && field_matches(b, 3, product);
	case BL_PROPERTY:
		return b->property && field_matches(b, 4, devnode);
	case BL_PROTOCOL:
		return b->protocol && field_matches(b, 5, devnode);
	}
	return 0;
}

/* A device entry's product_blacklist: its vendor, and a product it names. */
static int product_blacklisted(const struct config *c, const char *vendor, const char *product)
{
	for (size_t i = 0; i < c->nhw; i++) {
		const struct hwentry *e = &c->hw[i];

		if (e->product_blacklist && config_hw_field_matches(e, 0, vendor ? vendor : "") &&
		    config_hw_field_matches(e, 3, product ? product : ""))
			return 1;
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
		if (k == BL_DEVICE && product_blacklisted(c, vendor, product))
			return 1;
	}
	return 0;
}

int config_blacklisted_by(const struct config *c, enum bl_by kind, const char *value)
{
	enum bl_kind k = kind == BL_BY_PROPERTY ? BL_PROPERTY : BL_PROTOCOL;

	if (!c || !value)
		return 0;
	if (listed(&c->exceptions, k, value, NULL, NULL, NULL))
		return 0;
	return listed(&c->blacklist, k, value, NULL, NULL, NULL);
}
