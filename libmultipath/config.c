/* /etc/multipath.conf: lexer, parser and value checks, merging into a config, the
 * built-in set-up, per-map selection (config.h gives the precedence) and the -t dump.
 *
 * Syntax (a compatible subset of multipath-tools'): sections and sub-sections are
 * "name {" ... "}", the brace on the same or a later line; "keyword value" pairs, the
 * value on the keyword's line, several pairs may share a line. A value is a bare word
 * or a "double quoted" string ("" inside quotes is one "). Outside quotes '#' and '!'
 * start a comment, and '{' '}' are always braces. path_selector, features and
 * hardware_handler may also be written unquoted: their value runs to the end of the line.
 *
 * A parse works on a scratch config and is merged only when the whole text is good,
 * so a failed parse leaves the target config untouched. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "hwtable.h"
#include "pgpolicy.h"
#include "util.h"

#define VALUE_MAX   4096          /* longest token / value */
#define FILE_MAX    (16u << 20)   /* longest config file read */
#define DM_NAME_MAX 127           /* DM_NAME_LEN - 1 */
#define MAX_WORDS   16            /* words in a selector / features / handler value */

/* ------------------------------------------------------------------ keywords */

enum sect { SEC_TOP, SEC_DEFAULTS, SEC_BLACKLIST, SEC_EXCEPTIONS, SEC_DEVICES, SEC_MULTIPATHS,
	    SEC_DEVICE, SEC_MULTIPATH, SEC_BLDEVICE };
#define M(s) (1u << (s))

static const char *const sect_names[] = {
	[SEC_TOP] = "the top level", [SEC_DEFAULTS] = "defaults", [SEC_BLACKLIST] = "blacklist",
	[SEC_EXCEPTIONS] = "blacklist_exceptions", [SEC_DEVICES] = "devices",
	[SEC_MULTIPATHS] = "multipaths", [SEC_DEVICE] = "device", [SEC_MULTIPATH] = "multipath",
	[SEC_BLDEVICE] = "device",
};

/* Names that open a block, and where. */
struct block { const char *name; enum sect in, opens; };
static const struct block blocks[] = {
	{ "defaults", SEC_TOP, SEC_DEFAULTS },
	{ "blacklist", SEC_TOP, SEC_BLACKLIST },
	{ "blacklist_exceptions", SEC_TOP, SEC_EXCEPTIONS },
	{ "devices", SEC_TOP, SEC_DEVICES },
	{ "multipaths", SEC_TOP, SEC_MULTIPATHS },
	{ "device", SEC_DEVICES, SEC_DEVICE },
	{ "device", SEC_BLACKLIST, SEC_BLDEVICE },
	{ "device", SEC_EXCEPTIONS, SEC_BLDEVICE },
	{ "multipath", SEC_MULTIPATHS, SEC_MULTIPATH },
};
#define NBLOCKS (sizeof(blocks) / sizeof(blocks[0]))

enum vtype { V_PGPOLICY, V_SELECTOR, V_FEATURES, V_HWHANDLER, V_CHECKER, V_PRIO, V_FAILBACK,
	     V_NPR, V_RRW, V_YESNO, V_FINDMP, V_PATH, V_NAME, V_WWID, V_REGEX, V_TEXT };
/* The struct a keyword's offset is relative to. */
enum owner { O_SET, O_CONF, O_HW, O_MP, O_BL };

struct keyword {
	const char *name;
	unsigned int where;   /* M(section) mask */
	enum owner owner;
	size_t off;
	enum vtype type;
	int multiword;        /* an unquoted value runs to the end of the line */
	int builtin_only;     /* only in the built-in table (hwtable.conf) */
};

#define SET(f)  O_SET, offsetof(struct mp_settings, f)
#define CONF(f) O_CONF, offsetof(struct config, f)
#define MAPS (M(SEC_DEFAULTS) | M(SEC_DEVICE) | M(SEC_MULTIPATH))
/* hardware_handler and path_checker belong to the array, not to one LU */
#define HWS  (M(SEC_DEFAULTS) | M(SEC_DEVICE))
#define BLS  (M(SEC_BLACKLIST) | M(SEC_EXCEPTIONS))

/* Table order is dump order. */
static const struct keyword keywords[] = {
	{ "family", M(SEC_DEVICE), O_HW, offsetof(struct hwentry, family), V_TEXT, 0, 1 },
	{ "vendor", M(SEC_DEVICE), O_HW, offsetof(struct hwentry, vendor), V_REGEX, 0, 0 },
	{ "product", M(SEC_DEVICE), O_HW, offsetof(struct hwentry, product), V_REGEX, 0, 0 },
	{ "revision", M(SEC_DEVICE), O_HW, offsetof(struct hwentry, revision), V_REGEX, 0, 0 },
	{ "wwid", M(SEC_MULTIPATH), O_MP, offsetof(struct mpentry, wwid), V_WWID, 0, 0 },
	{ "alias", M(SEC_MULTIPATH), O_MP, offsetof(struct mpentry, alias), V_NAME, 0, 0 },
	{ "devnode", BLS, O_BL, offsetof(struct blentry, devnode), V_REGEX, 0, 0 },
	{ "wwid", BLS, O_BL, offsetof(struct blentry, wwid), V_REGEX, 0, 0 },
	{ "vendor", M(SEC_BLDEVICE), O_BL, offsetof(struct blentry, vendor), V_REGEX, 0, 0 },
	{ "product", M(SEC_BLDEVICE), O_BL, offsetof(struct blentry, product), V_REGEX, 0, 0 },
	{ "path_grouping_policy", MAPS, SET(pgpolicy), V_PGPOLICY, 0, 0 },
	{ "path_selector", MAPS, SET(selector), V_SELECTOR, 1, 0 },
	{ "features", MAPS, SET(features), V_FEATURES, 1, 0 },
	{ "hardware_handler", HWS, SET(hwhandler), V_HWHANDLER, 1, 0 },
	{ "path_checker", HWS, SET(checker), V_CHECKER, 0, 0 },
	{ "prio", MAPS, SET(prio), V_PRIO, 0, 0 },
	{ "failback", MAPS, SET(failback), V_FAILBACK, 0, 0 },
	{ "no_path_retry", MAPS, SET(no_path_retry), V_NPR, 0, 0 },
	{ "rr_weight", MAPS, SET(rr_weight), V_RRW, 0, 0 },
	{ "user_friendly_names", M(SEC_DEFAULTS), CONF(user_friendly_names), V_YESNO, 0, 0 },
	{ "alias_prefix", M(SEC_DEFAULTS), CONF(alias_prefix), V_NAME, 0, 0 },
	{ "find_multipaths", M(SEC_DEFAULTS), CONF(find_multipaths), V_FINDMP, 0, 0 },
	{ "bindings_file", M(SEC_DEFAULTS), CONF(bindings_file), V_PATH, 0, 0 },
	{ "wwids_file", M(SEC_DEFAULTS), CONF(wwids_file), V_PATH, 0, 0 },
};
#define NKEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

static const struct keyword *find_keyword(const char *name, enum sect sec)
{
	for (size_t i = 0; i < NKEYWORDS; i++)
		if ((keywords[i].where & M(sec)) && !strcmp(keywords[i].name, name))
			return &keywords[i];
	return NULL;
}

static const struct block *find_block(const char *name, enum sect in)
{
	for (size_t i = 0; i < NBLOCKS; i++)
		if (blocks[i].in == in && !strcmp(blocks[i].name, name))
			return &blocks[i];
	return NULL;
}

/* Known somewhere, so "not allowed here" rather than "unknown". */
static int known_name(const char *name)
{
	for (size_t i = 0; i < NKEYWORDS; i++)
		if (!keywords[i].builtin_only && !strcmp(keywords[i].name, name))
			return 1;
	for (size_t i = 0; i < NBLOCKS; i++)
		if (!strcmp(blocks[i].name, name))
			return 1;
	return 0;
}

static int is_str_type(enum vtype t)
{
	return t == V_SELECTOR || t == V_FEATURES || t == V_HWHANDLER || t == V_PATH ||
	       t == V_NAME || t == V_WWID || t == V_REGEX || t == V_TEXT;
}

/* ------------------------------------------------------------------ words */

struct word { const char *w; int v; };

/* The first spelling of a value is the canonical one (used by the dump). */
static const struct word checker_words[] = {
	{ "tur", CHK_TUR }, { "directio", CHK_DIRECTIO }, { "readsector0", CHK_READSECTOR0 },
	{ "rdac", CHK_RDAC }, { "emc_clariion", CHK_EMC_CLARIION }, { "hp_sw", CHK_HP_SW },
	{ "cciss_tur", CHK_CCISS_TUR }, { "none", CHK_NONE }, { 0, 0 } };
static const struct word prio_words[] = {
	{ "const", PRIO_CONST }, { "alua", PRIO_ALUA }, { "sysfs", PRIO_SYSFS },
	{ "rdac", PRIO_RDAC }, { "emc", PRIO_EMC }, { "hp_sw", PRIO_HP_SW }, { "hds", PRIO_HDS },
	{ "ontap", PRIO_ONTAP }, { "datacore", PRIO_DATACORE }, { "iet", PRIO_IET },
	{ "random", PRIO_RANDOM }, { "weightedpath", PRIO_WEIGHTEDPATH },
	{ "path_latency", PRIO_PATH_LATENCY }, { "ana", PRIO_ANA }, { 0, 0 } };
static const struct word failback_words[] = {
	{ "manual", FB_MANUAL }, { "immediate", FB_IMMEDIATE }, { "followover", FB_FOLLOWOVER },
	{ 0, 0 } };
static const struct word rrw_words[] = {
	{ "uniform", RRW_UNIFORM }, { "priorities", RRW_PRIORITIES }, { 0, 0 } };
static const struct word yesno_words[] = { { "no", 0 }, { "yes", 1 }, { 0, 0 } };
/* As multipath-tools' multipath command treats them: off/no act as strict there, and
 * smart (a udev-time timer we do not run) acts as on. */
static const struct word findmp_words[] = {
	{ "on", FIND_MP_ON }, { "greedy", FIND_MP_GREEDY }, { "strict", FIND_MP_STRICT },
	{ "yes", FIND_MP_ON }, { "smart", FIND_MP_ON }, { "off", FIND_MP_STRICT },
	{ "no", FIND_MP_STRICT }, { 0, 0 } };
static const char *const selector_names[] = {
	"round-robin", "queue-length", "service-time", "historical-service-time", NULL };
static const char *const handler_names[] = { "alua", "emc", "rdac", "hp_sw", NULL };

static const struct word *words_of(enum vtype t)
{
	switch (t) {
	case V_CHECKER: return checker_words;
	case V_PRIO: return prio_words;
	case V_FAILBACK: return failback_words;
	case V_RRW: return rrw_words;
	case V_YESNO: return yesno_words;
	case V_FINDMP: return findmp_words;
	default: return NULL;
	}
}

static const char *word_name(const struct word *w, int v)
{
	for (; w && w->w; w++)
		if (w->v == v)
			return w->w;
	return NULL;
}

/* "a, b or c" into buf */
static void list_words(const char *const *names, size_t n, char *buf, size_t size)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		bprintf(buf, size, &pos, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
}

static void expected(const struct word *w, char *why, size_t whysz)
{
	const char *names[16];
	char list[160];
	size_t n = 0;

	for (; w->w && n < 16; w++)
		names[n++] = w->w;
	list_words(names, n, list, sizeof(list));
	snprintf(why, whysz, "expected %s", list);
}

static size_t count_names(const char *const *names)
{
	size_t n = 0;

	while (names[n])
		n++;
	return n;
}

static int in_list(const char *const *names, const char *s)
{
	for (; *names; names++)
		if (!strcmp(*names, s))
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ value checks */

/* Split v into at most MAX_WORDS words (copied into buf); -1 if there are more. */
static int split_words(const char *v, char *buf, char **w)
{
	int n = 0;

	strcpy(buf, v);
	for (char *p = buf; *p;) {
		while (*p && isspace((unsigned char)*p))
			*p++ = '\0';
		if (!*p)
			break;
		if (n == MAX_WORDS)
			return -1;
		w[n++] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
	}
	return n;
}

/* A small decimal count ("0".."1024"), no sign, no junk. */
static int small_uint(const char *s, unsigned int max, unsigned int *out)
{
	return parse_uint(s, out) || *out > max ? -EINVAL : 0;
}

static char *join_words(char **w, int n)
{
	size_t len = 1;
	char *s, *p;

	for (int i = 0; i < n; i++)
		len += strlen(w[i]) + 1;
	s = p = malloc(len);
	if (!s)
		return NULL;
	for (int i = 0; i < n; i++)
		p += sprintf(p, "%s%s", i ? " " : "", w[i]);
	*p = '\0';
	return s;
}

/* "name N [args]": a kernel path selector and its argument count. */
static int check_selector(char **w, int n, char *why, size_t whysz)
{
	unsigned int cnt, arg, max;
	char list[128];

	if (n < 1 || !in_list(selector_names, w[0])) {
		list_words(selector_names, count_names(selector_names), list, sizeof(list));
		snprintf(why, whysz, "unknown path selector, expected %s followed by the argument count", list);
		return -EINVAL;
	}
	if (n < 2 || small_uint(w[1], 1024, &cnt)) {
		snprintf(why, whysz, "the selector name must be followed by its argument count");
		return -EINVAL;
	}
	if (cnt != (unsigned int)(n - 2)) {
		snprintf(why, whysz, "argument count %u but %d argument(s) given", cnt, n - 2);
		return -EINVAL;
	}
	max = strcmp(w[0], "historical-service-time") ? 0 : 2;
	if (cnt > max) {
		snprintf(why, whysz, "%s takes at most %u argument(s)", w[0], max);
		return -EINVAL;
	}
	for (int i = 2; i < n; i++)
		if (small_uint(w[i], 1000000, &arg)) {
			snprintf(why, whysz, "selector argument '%s' is not a number", w[i]);
			return -EINVAL;
		}
	return 0;
}

/* "N word...": the kernel's feature words, N counting every word after it. */
static int check_features(char **w, int n, char *why, size_t whysz)
{
	unsigned int cnt, num;

	if (n < 1 || small_uint(w[0], 8, &cnt)) {
		snprintf(why, whysz, "must start with the word count (0-8)");
		return -EINVAL;
	}
	if (cnt != (unsigned int)(n - 1)) {
		snprintf(why, whysz, "count %u but %d word(s) follow", cnt, n - 1);
		return -EINVAL;
	}
	for (int i = 1; i < n; i++) {
		const char *f = w[i];

		if (!strcmp(f, "queue_if_no_path") || !strcmp(f, "retain_attached_hw_handler"))
			continue;
		if (!strcmp(f, "pg_init_retries") || !strcmp(f, "pg_init_delay_msecs")) {
			int retries = !strcmp(f, "pg_init_retries");
			unsigned int lo = retries ? 1 : 0, hi = retries ? 50 : 60000;

			if (i + 1 >= n || small_uint(w[i + 1], hi, &num) || num < lo) {
				snprintf(why, whysz, "%s needs a number %u-%u", f, lo, hi);
				return -EINVAL;
			}
			i++;
			continue;
		}
		if (!strcmp(f, "queue_mode")) {
			static const char *const modes[] = { "bio", "rq", "mq", NULL };

			if (i + 1 >= n || !in_list(modes, w[i + 1])) {
				snprintf(why, whysz, "queue_mode needs bio, rq or mq");
				return -EINVAL;
			}
			i++;
			continue;
		}
		snprintf(why, whysz, "unknown feature '%.40s'", f);
		return -EINVAL;
	}
	return 0;
}

/* "0" or "N handler [args]". */
static int check_hwhandler(char **w, int n, char *why, size_t whysz)
{
	unsigned int cnt;
	char list[64];

	if (n < 1 || small_uint(w[0], 8, &cnt)) {
		snprintf(why, whysz, "must start with the word count");
		return -EINVAL;
	}
	if (cnt != (unsigned int)(n - 1)) {
		snprintf(why, whysz, "count %u but %d word(s) follow", cnt, n - 1);
		return -EINVAL;
	}
	if (cnt && !in_list(handler_names, w[1])) {
		list_words(handler_names, count_names(handler_names), list, sizeof(list));
		snprintf(why, whysz, "unknown hardware handler '%.40s', expected %s", w[1], list);
		return -EINVAL;
	}
	return 0;
}

static int has_space_or_ctrl(const char *s)
{
	for (; *s; s++)
		if (isspace((unsigned char)*s) || iscntrl((unsigned char)*s))
			return 1;
	return 0;
}

/* Check and normalise a value. Numbers and enums go to *iv, strings (malloc'ed,
 * normalised) to *sv. 0, -EINVAL (reason in why) or -ENOMEM. */
static int check_value(enum vtype t, const char *v, int *iv, char **sv, char *why, size_t whysz)
{
	char buf[VALUE_MAX + 1], *w[MAX_WORDS];
	const struct word *words = words_of(t);
	unsigned int u;
	int n, r;

	*sv = NULL;
	if (!*v) {
		snprintf(why, whysz, "empty value");
		return -EINVAL;
	}
	if (strlen(v) > VALUE_MAX) {
		snprintf(why, whysz, "value too long");
		return -EINVAL;
	}
	if (words) {
		for (const struct word *x = words; x->w; x++)
			if (!strcmp(x->w, v)) {
				*iv = x->v;
				return 0;
			}
		/* failback N: deferred failback after N seconds */
		if (t == V_FAILBACK && !parse_uint(v, &u) && u > 0 && u <= INT_MAX) {
			*iv = (int)u;
			return 0;
		}
		expected(words, why, whysz);
		return -EINVAL;
	}
	switch (t) {
	case V_PGPOLICY: {
		const char *names[8];
		char list[160];
		size_t k = 0;

		*iv = pgpolicy_from_name(v);
		if (*iv != PGP_INVALID)
			return 0;
		for (int p = 0; k < 8 && strcmp(pgpolicy_name(p), "invalid"); p++)
			names[k++] = pgpolicy_name(p);
		list_words(names, k, list, sizeof(list));
		snprintf(why, whysz, "expected %s", list);
		return -EINVAL;
	}
	case V_NPR:
		if (!strcmp(v, "fail") || !strcmp(v, "0")) {   /* "0" is fail in multipath-tools */
			*iv = NPR_FAIL;
			return 0;
		}
		if (!strcmp(v, "queue")) {
			*iv = NPR_QUEUE;
			return 0;
		}
		if (parse_uint(v, &u) || u > INT_MAX) {
			snprintf(why, whysz, "expected fail, queue or a positive number");
			return -EINVAL;
		}
		*iv = (int)u;
		return 0;
	case V_SELECTOR:
	case V_FEATURES:
	case V_HWHANDLER:
		n = split_words(v, buf, w);
		if (n < 0) {
			snprintf(why, whysz, "too many words");
			return -EINVAL;
		}
		r = t == V_SELECTOR ? check_selector(w, n, why, whysz) :
		    t == V_FEATURES ? check_features(w, n, why, whysz) :
				      check_hwhandler(w, n, why, whysz);
		if (r)
			return r;
		*sv = join_words(w, n);    /* one space between words */
		break;
	case V_PATH:
		if (v[0] != '/' || strlen(v) >= PATH_MAX || has_space_or_ctrl(v)) {
			snprintf(why, whysz, "expected an absolute path without blanks");
			return -EINVAL;
		}
		*sv = strdup(v);
		break;
	case V_NAME:
		if (strlen(v) > DM_NAME_MAX || strchr(v, '/') || has_space_or_ctrl(v) ||
		    !strcmp(v, ".") || !strcmp(v, "..")) {
			snprintf(why, whysz, "a device-mapper name is 1-%d characters, no '/' or blanks",
				 DM_NAME_MAX);
			return -EINVAL;
		}
		*sv = strdup(v);
		break;
	case V_WWID:
		if (strlen(v) >= WWID_SIZE || has_space_or_ctrl(v)) {
			snprintf(why, whysz, "a WWID is 1-%d characters without blanks", WWID_SIZE - 1);
			return -EINVAL;
		}
		*sv = strdup(v);
		break;
	case V_TEXT:
		*sv = strdup(v);
		break;
	case V_REGEX: {
		regex_t re;

		r = config_regcomp(&re, v, why, whysz);
		if (r)
			return r;
		regfree(&re);
		*sv = strdup(v);
		break;
	}
	default:
		snprintf(why, whysz, "internal error: no check for this keyword");
		return -EINVAL;
	}
	if (!*sv) {
		snprintf(why, whysz, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

/* Store a checked value at base+off; a repeated keyword replaces the earlier value. */
static void store_value(const struct keyword *k, void *base, int iv, char *sv)
{
	char *field = (char *)base + k->off;

	if (is_str_type(k->type)) {
		free(*(char **)field);
		*(char **)field = sv;
	} else {
		*(int *)field = iv;
	}
}

/* ------------------------------------------------------------------ settings */

static const struct mp_settings unset_settings = {
	.pgpolicy = UNSET, .selector = NULL, .features = NULL, .hwhandler = NULL,
	.checker = UNSET, .prio = UNSET, .failback = UNSET, .no_path_retry = UNSET,
	.rr_weight = UNSET,
};

/* The last level of precedence: every field set. */
static const struct mp_settings builtin_defaults = {
	.pgpolicy = PGP_FAILOVER, .selector = "round-robin 0", .features = "0", .hwhandler = "0",
	.checker = CHK_TUR, .prio = PRIO_CONST, .failback = FB_MANUAL, .no_path_retry = NPR_FAIL,
	.rr_weight = RRW_UNIFORM,
};

#define FOR_EACH_SETTING(k) \
	for (const struct keyword *k = keywords; k < keywords + NKEYWORDS; k++) \
		if (k->owner == O_SET)

static void *field_of(const void *base, const struct keyword *k)
{
	return (char *)base + k->off;
}

static int field_set(const void *base, const struct keyword *k)
{
	const void *f = field_of(base, k);

	return is_str_type(k->type) ? *(char *const *)f != NULL : *(const int *)f != UNSET;
}

/* Fill dst's unset fields from src (strings are borrowed, not copied). */
static void settings_merge(struct mp_settings *dst, const struct mp_settings *src)
{
	FOR_EACH_SETTING(k) {
		if (field_set(dst, k) || !field_set(src, k))
			continue;
		if (is_str_type(k->type))
			*(char **)field_of(dst, k) = *(char *const *)field_of(src, k);
		else
			*(int *)field_of(dst, k) = *(const int *)field_of(src, k);
	}
}

/* Move src's set fields into dst (owned strings), leaving src unset there. */
static void settings_move(struct mp_settings *dst, struct mp_settings *src)
{
	FOR_EACH_SETTING(k) {
		if (!field_set(src, k))
			continue;
		if (is_str_type(k->type)) {
			char **d = field_of(dst, k), **s = field_of(src, k);

			free(*d);
			*d = *s;
			*s = NULL;
		} else {
			*(int *)field_of(dst, k) = *(int *)field_of(src, k);
		}
	}
}

static void settings_free(struct mp_settings *s)
{
	FOR_EACH_SETTING(k)
		if (is_str_type(k->type)) {
			free(*(char **)field_of(s, k));
			*(char **)field_of(s, k) = NULL;
		}
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static int settings_equal(const struct mp_settings *a, const struct mp_settings *b)
{
	FOR_EACH_SETTING(k) {
		const void *fa = field_of(a, k), *fb = field_of(b, k);

		if (is_str_type(k->type) ? !str_eq(*(char *const *)fa, *(char *const *)fb)
					 : *(const int *)fa != *(const int *)fb)
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ entries */

static int hw_compile(struct hwentry *e)
{
	char why[128];
	int r = 0;
	struct { const char *pat; regex_t *re; } f[3] = {
		{ e->vendor, &e->vendor_re }, { e->product, &e->product_re },
		{ e->revision, &e->revision_re } };

	for (int i = 0; i < 3; i++) {
		int ri;

		if (!f[i].pat || (e->compiled & (1 << i)))
			continue;
		ri = config_regcomp(f[i].re, f[i].pat, why, sizeof(why));
		if (!ri)
			e->compiled |= 1 << i;
		else if (!r)
			r = ri;
	}
	return r;
}

static void hw_uncompile(struct hwentry *e)
{
	if (e->compiled & 1)
		regfree(&e->vendor_re);
	if (e->compiled & 2)
		regfree(&e->product_re);
	if (e->compiled & 4)
		regfree(&e->revision_re);
	e->compiled = 0;
}

static void hw_free(struct hwentry *e)
{
	hw_uncompile(e);
	free(e->vendor);
	free(e->product);
	free(e->revision);
	free(e->family);
	settings_free(&e->s);
}

static void mp_free(struct mpentry *m)
{
	free(m->wwid);
	free(m->alias);
	settings_free(&m->s);
}

/* The sysfs strings of a path, NUL-terminated even if the arrays are full. */
struct ids { char vendor[VENDOR_SIZE], model[MODEL_SIZE], rev[REV_SIZE]; };

static void path_ids(const struct path *p, struct ids *id)
{
	memcpy(id->vendor, p->vendor, sizeof(id->vendor));
	memcpy(id->model, p->model, sizeof(id->model));
	memcpy(id->rev, p->rev, sizeof(id->rev));
	id->vendor[sizeof(id->vendor) - 1] = '\0';
	id->model[sizeof(id->model) - 1] = '\0';
	id->rev[sizeof(id->rev) - 1] = '\0';
}

static int hw_matches(const struct hwentry *e, const struct ids *id)
{
	return config_rematch(&e->vendor_re, e->compiled & 1, e->vendor, id->vendor) &&
	       config_rematch(&e->product_re, e->compiled & 2, e->product, id->model) &&
	       config_rematch(&e->revision_re, e->compiled & 4, e->revision, id->rev);
}

/* Config-file entries come first in c->hw. */
static size_t count_user(const struct config *c)
{
	size_t n = 0;

	while (n < c->nhw && !c->hw[n].builtin)
		n++;
	return n;
}

/* An entry that repeats a built-in one exactly (e.g. pasted from `multipath -t`). */
static int same_as_builtin(const struct config *c, const struct hwentry *e)
{
	for (size_t i = count_user(c); i < c->nhw; i++) {
		const struct hwentry *b = &c->hw[i];

		if (str_eq(b->vendor, e->vendor) && str_eq(b->product, e->product) &&
		    str_eq(b->revision, e->revision) && settings_equal(&b->s, &e->s))
			return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ lexer */

enum tok { T_EOF, T_NL, T_LBRACE, T_RBRACE, T_WORD, T_STRING, T_ERR };

struct parser {
	const char *start, *p, *end, *name;
	unsigned int line, tokline;
	char tok[VALUE_MAX + 1];
	size_t toklen;
	char val[VALUE_MAX + 1];
	char *err;
	size_t errsz;
	int rc;                      /* error code of the first error */
	struct config *t;            /* what this text adds */
	const struct config *c;      /* what it will be merged into */
	int builtin;                 /* reading the built-in table (hwtable.conf) */
	size_t cap_hw, cap_mp, cap_bl, cap_ex, cap_src;
};

static int perr(struct parser *ps, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int perr(struct parser *ps, unsigned int line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (ps->rc)
		return ps->rc;               /* keep the first message */
	ps->rc = -EINVAL;
	if (!ps->err || !ps->errsz)
		return ps->rc;
	n = snprintf(ps->err, ps->errsz, "%s:%u: ", ps->name, line);
	if (n >= 0 && (size_t)n < ps->errsz) {
		va_start(ap, fmt);
		vsnprintf(ps->err + n, ps->errsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return ps->rc;
}

static int oom(struct parser *ps)
{
	perr(ps, ps->tokline, "out of memory");
	ps->rc = -ENOMEM;
	return ps->rc;
}

/* Printable rendering of input text for messages: escapes, at most ~48 characters. */
static const char *show(const char *s, char *buf, size_t size)
{
	size_t pos = 0, n = 0;

	buf[0] = '\0';
	for (; *s && n < 48; s++, n++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 0x20 && ch < 0x7f && ch != '\\')
			bprintf(buf, size, &pos, "%c", ch);
		else
			bprintf(buf, size, &pos, "\\x%02x", ch);
	}
	if (*s)
		bprintf(buf, size, &pos, "...");
	return buf;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

static int ends_word(char ch)
{
	return ch == '\0' || ch == '\n' || is_blank(ch) || ch == '"' || ch == '#' || ch == '!' ||
	       ch == '{' || ch == '}';
}

static int tok_put(struct parser *ps, char ch)
{
	if (ps->toklen >= VALUE_MAX)
		return perr(ps, ps->tokline, "value too long (more than %d characters)", VALUE_MAX);
	ps->tok[ps->toklen++] = ch;
	return 0;
}

static enum tok lex(struct parser *ps)
{
	for (;;) {
		char ch;

		ps->tokline = ps->line;
		if (ps->p >= ps->end) {
			/* the end of a text that ends in a newline is on its last line */
			if (ps->p > ps->start && ps->p[-1] == '\n' && ps->line > 1)
				ps->tokline = ps->line - 1;
			return T_EOF;
		}
		ch = *ps->p;
		if (ch == '\n') {
			ps->p++;
			ps->line++;
			return T_NL;
		}
		if (is_blank(ch)) {
			ps->p++;
			continue;
		}
		if (ch == '#' || ch == '!') {
			while (ps->p < ps->end && *ps->p != '\n')
				ps->p++;
			continue;
		}
		if (ch == '{' || ch == '}') {
			ps->p++;
			return ch == '{' ? T_LBRACE : T_RBRACE;
		}
		ps->toklen = 0;
		if (ch == '"') {
			for (ps->p++;; ps->p++) {
				if (ps->p >= ps->end || *ps->p == '\n') {
					perr(ps, ps->tokline, "unterminated quote");
					return T_ERR;
				}
				if (*ps->p == '"') {
					if (ps->p + 1 >= ps->end || ps->p[1] != '"')
						break;
					ps->p++;              /* "" is one quote */
				}
				if (tok_put(ps, *ps->p))
					return T_ERR;
			}
			ps->p++;
			ps->tok[ps->toklen] = '\0';
			return T_STRING;
		}
		for (; ps->p < ps->end && !ends_word(*ps->p); ps->p++)
			if (tok_put(ps, *ps->p))
				return T_ERR;
		ps->tok[ps->toklen] = '\0';
		return T_WORD;
	}
}

/* ------------------------------------------------------------------ parser */

/* Grow an array to hold n+1 elements; returns the (maybe moved) array or NULL. */
static void *grow(void *arr, size_t n, size_t *cap, size_t elsz)
{
	size_t nc;
	void *p;

	if (n < *cap)
		return arr;
	nc = *cap ? *cap * 2 : 8;
	p = realloc(arr, nc * elsz);
	if (p)
		*cap = nc;
	return p;
}

static const char *add_source(struct parser *ps, unsigned int line)
{
	struct config *t = ps->t;
	char **v = grow(t->sources, t->nsources, &ps->cap_src, sizeof(*t->sources));
	char *s;

	if (!v)
		return NULL;
	t->sources = v;
	if (asprintf(&s, "%s:%u", ps->name, line) < 0)
		return NULL;
	t->sources[t->nsources++] = s;
	return s;
}

/* What the keywords of the block being read fill in. */
struct ctx {
	enum sect sec;
	unsigned int line;     /* where the block opened */
	size_t idx;            /* entry in t->hw / t->mp / *bl */
	struct blvec *bl;      /* blacklist or exceptions */
	size_t *blcap;
};

static int new_hw(struct parser *ps, unsigned int line, size_t *idx)
{
	struct config *t = ps->t;
	struct hwentry *v = grow(t->hw, t->nhw, &ps->cap_hw, sizeof(*t->hw));

	if (!v)
		return oom(ps);
	t->hw = v;
	memset(&v[t->nhw], 0, sizeof(*v));
	v[t->nhw].s = unset_settings;
	v[t->nhw].builtin = ps->builtin;
	if (ps->builtin)
		v[t->nhw].source = "builtin";
	else if (!(v[t->nhw].source = add_source(ps, line)))
		return oom(ps);
	*idx = t->nhw++;
	return 0;
}

static int new_mp(struct parser *ps, unsigned int line, size_t *idx)
{
	struct config *t = ps->t;
	struct mpentry *v = grow(t->mp, t->nmp, &ps->cap_mp, sizeof(*t->mp));

	if (!v)
		return oom(ps);
	t->mp = v;
	memset(&v[t->nmp], 0, sizeof(*v));
	v[t->nmp].s = unset_settings;
	if (!(v[t->nmp].source = add_source(ps, line)))
		return oom(ps);
	*idx = t->nmp++;
	return 0;
}

static int new_bl(struct parser *ps, struct blvec *bl, size_t *cap, unsigned int line, size_t *idx)
{
	struct blentry *v = grow(bl->e, bl->n, cap, sizeof(*bl->e));

	if (!v)
		return oom(ps);
	bl->e = v;
	memset(&v[bl->n], 0, sizeof(*v));
	if (!(v[bl->n].source = add_source(ps, line)))
		return oom(ps);
	*idx = bl->n++;
	return 0;
}

/* The struct keyword k of block cx writes into (blacklist keywords make an entry). */
static void *target_of(struct parser *ps, const struct ctx *cx, const struct keyword *k,
		       unsigned int line)
{
	struct config *t = ps->t;
	size_t idx;

	switch (k->owner) {
	case O_CONF:
		return t;
	case O_HW:
		return &t->hw[cx->idx];
	case O_MP:
		return &t->mp[cx->idx];
	case O_BL:
		if (cx->sec == SEC_BLDEVICE)
			return &cx->bl->e[cx->idx];
		if (new_bl(ps, cx->bl, cx->blcap, line, &idx))
			return NULL;
		return &cx->bl->e[idx];
	case O_SET:
		if (cx->sec == SEC_DEVICE)
			return &t->hw[cx->idx].s;
		if (cx->sec == SEC_MULTIPATH)
			return &t->mp[cx->idx].s;
		return &t->defaults;
	}
	return NULL;
}

/* Read the value after keyword k (on the keyword's line) into ps->val. */
static int read_value(struct parser *ps, const struct keyword *k, unsigned int kline)
{
	enum tok t = lex(ps);
	size_t len;

	if (t == T_ERR)
		return ps->rc;
	if (t != T_WORD && t != T_STRING)
		return perr(ps, kline, "'%s' needs a value on the same line", k->name);
	memcpy(ps->val, ps->tok, ps->toklen + 1);
	len = ps->toklen;
	while (k->multiword && t == T_WORD) {
		const char *save_p = ps->p;
		unsigned int save_line = ps->line;

		t = lex(ps);
		if (t != T_WORD) {
			/* not part of the value: the block loop reads it again (and
			 * reports it again if it was an error) */
			ps->p = save_p;
			ps->line = save_line;
			ps->rc = 0;
			if (ps->err && ps->errsz)
				ps->err[0] = '\0';
			break;
		}
		if (len + 1 + ps->toklen > VALUE_MAX)
			return perr(ps, kline, "value of '%s' too long", k->name);
		ps->val[len++] = ' ';
		memcpy(ps->val + len, ps->tok, ps->toklen + 1);
		len += ps->toklen;
	}
	return 0;
}

static int do_keyword(struct parser *ps, const struct ctx *cx, const char *word)
{
	const struct keyword *k = find_keyword(word, cx->sec);
	unsigned int kline = ps->tokline;
	char why[256], shown[256];
	char *sv = NULL;
	void *base;
	int iv = 0, r;

	if (k && k->builtin_only && !ps->builtin)
		k = NULL;
	if (!k) {
		show(word, shown, sizeof(shown));
		if (cx->sec == SEC_TOP && !known_name(word))
			return perr(ps, kline, "unknown section '%s'", shown);
		if (known_name(word))
			return perr(ps, kline, "'%s' is not allowed in %s", shown, sect_names[cx->sec]);
		return perr(ps, kline, "unknown keyword '%s' in %s", shown, sect_names[cx->sec]);
	}
	r = read_value(ps, k, kline);
	if (r)
		return r;
	r = check_value(k->type, ps->val, &iv, &sv, why, sizeof(why));
	if (r == -ENOMEM)
		return oom(ps);
	if (r)
		return perr(ps, kline, "bad %s '%s': %s", k->name, show(ps->val, shown, sizeof(shown)), why);
	base = target_of(ps, cx, k, kline);
	if (!base) {
		free(sv);
		return ps->rc ? ps->rc : oom(ps);
	}
	store_value(k, base, iv, sv);
	return 0;
}

/* The checks a block needs once its '}' is read. */
static int close_block(struct parser *ps, const struct ctx *cx)
{
	const struct hwentry *h;
	const struct blentry *b;

	switch (cx->sec) {
	case SEC_DEVICE:
		h = &ps->t->hw[cx->idx];
		if (!h->vendor || !h->product)
			return perr(ps, cx->line, "device entry without %s", h->vendor ? "product" : "vendor");
		return 0;
	case SEC_MULTIPATH:
		if (!ps->t->mp[cx->idx].wwid)
			return perr(ps, cx->line, "multipath entry without wwid");
		return 0;
	case SEC_BLDEVICE:
		b = &cx->bl->e[cx->idx];
		if (!b->vendor && !b->product)
			return perr(ps, cx->line, "%s device entry without vendor or product",
				    cx->bl == &ps->t->blacklist ? "blacklist" : "blacklist_exceptions");
		return 0;
	default:
		return 0;
	}
}

static int parse_block(struct parser *ps, struct ctx *cx);

/* name '{' ... '}': the brace may come on a later line. */
static int open_block(struct parser *ps, const struct ctx *parent, const struct block *b)
{
	struct ctx cx = { .sec = b->opens, .line = ps->tokline, .bl = parent->bl,
			  .blcap = parent->blcap };
	enum tok t;
	int r = 0;

	while ((t = lex(ps)) == T_NL)
		;
	if (t == T_ERR)
		return ps->rc;
	if (t != T_LBRACE)
		return perr(ps, ps->tokline, "expected '{' after '%s'", b->name);
	switch (cx.sec) {
	case SEC_BLACKLIST:
		cx.bl = &ps->t->blacklist;
		cx.blcap = &ps->cap_bl;
		break;
	case SEC_EXCEPTIONS:
		cx.bl = &ps->t->exceptions;
		cx.blcap = &ps->cap_ex;
		break;
	case SEC_DEVICE:
		r = new_hw(ps, cx.line, &cx.idx);
		break;
	case SEC_MULTIPATH:
		r = new_mp(ps, cx.line, &cx.idx);
		break;
	case SEC_BLDEVICE:
		r = new_bl(ps, cx.bl, cx.blcap, cx.line, &cx.idx);
		break;
	default:
		break;
	}
	return r ? r : parse_block(ps, &cx);
}

/* Statements up to the block's '}' (or the end of the text at the top level). Depth is
 * bounded by the blocks table: a block opens only where that table allows. */
static int parse_block(struct parser *ps, struct ctx *cx)
{
	const struct block *b;
	char shown[256];
	int r;

	for (;;) {
		switch (lex(ps)) {
		case T_ERR:
			return ps->rc;
		case T_NL:
			continue;
		case T_EOF:
			if (cx->sec == SEC_TOP)
				return 0;
			return perr(ps, ps->tokline, "missing '}': %s opened at line %u is not closed",
				    sect_names[cx->sec], cx->line);
		case T_RBRACE:
			if (cx->sec == SEC_TOP)
				return perr(ps, ps->tokline, "unexpected '}'");
			return close_block(ps, cx);
		case T_LBRACE:
			return perr(ps, ps->tokline, "unexpected '{'");
		case T_STRING:
			return perr(ps, ps->tokline, "expected a keyword, found \"%s\"",
				    show(ps->tok, shown, sizeof(shown)));
		case T_WORD:
			b = find_block(ps->tok, cx->sec);
			r = b ? open_block(ps, cx, b) : do_keyword(ps, cx, ps->tok);
			if (r)
				return r;
			continue;
		}
	}
}

/* ------------------------------------------------------------------ duplicates */

static unsigned int source_line(const char *src)
{
	const char *colon = src ? strrchr(src, ':') : NULL;

	return colon ? (unsigned int)strtoul(colon + 1, NULL, 10) : 0;
}

/* One multipaths{} key (wwid or alias) of the old (c) or the new (t) entries. */
struct mpkey { const char *key; const struct mpentry *e; int is_new; size_t order; };

static int cmp_mpkey(const void *a, const void *b)
{
	const struct mpkey *x = a, *y = b;
	int r = strcmp(x->key, y->key);

	if (r)
		return r;
	if (x->is_new != y->is_new)
		return x->is_new - y->is_new;      /* entries already merged come first */
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Duplicate wwids or aliases across the new entries and those already in c.
 * Reports the earliest offending line of the new text. */
static int check_mp_dups(struct parser *ps, int by_alias)
{
	const struct config *c = ps->c, *t = ps->t;
	struct mpkey *k = calloc(c->nmp + t->nmp + 1, sizeof(*k));
	const struct mpkey *bad = NULL, *first = NULL;
	size_t n = 0, run = 0;

	if (!k)
		return oom(ps);
	for (int pass = 0; pass < 2; pass++) {
		const struct config *src = pass ? t : c;

		for (size_t i = 0; i < src->nmp; i++) {
			const char *key = by_alias ? src->mp[i].alias : src->mp[i].wwid;

			if (key)
				k[n++] = (struct mpkey){ key, &src->mp[i], pass, i };
		}
	}
	qsort(k, n, sizeof(*k), cmp_mpkey);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(k[i].key, k[i - 1].key)) {
			run = i;                           /* first entry with this key */
			continue;
		}
		if (k[i].is_new && (!bad || k[i].order < bad->order)) {
			bad = &k[i];
			first = &k[run];
		}
	}
	if (bad) {
		char shown[256];

		show(bad->key, shown, sizeof(shown));
		if (by_alias)
			perr(ps, source_line(bad->e->source),
			     "alias '%s' is already used by wwid %s (%s)", shown,
			     first->e->wwid, first->e->source);
		else
			perr(ps, source_line(bad->e->source),
			     "duplicate multipath entry for wwid %s (first at %s)", shown,
			     first->e->source);
	}
	free(k);
	return bad ? ps->rc : 0;
}

/* ------------------------------------------------------------------ merge */

static int cmp_mp_wwid(const void *a, const void *b)
{
	return strcmp(((const struct mpentry *)a)->wwid, ((const struct mpentry *)b)->wwid);
}

/* Regexes are compiled only where an entry finally lives: a regex_t is not promised
 * to survive being moved, so every entry of a resized array is recompiled. */
static int merge_bl(struct blvec *dst, struct blvec *src)
{
	struct blentry *e;
	size_t i;
	int r = 0;

	if (!src->n)
		return 0;
	e = calloc(dst->n + src->n, sizeof(*e));
	if (!e)
		return -ENOMEM;
	for (i = 0; i < dst->n; i++) {
		blentry_uncompile(&dst->e[i]);
		e[i] = dst->e[i];
	}
	memcpy(e + dst->n, src->e, src->n * sizeof(*e));
	free(dst->e);
	dst->e = e;
	dst->n += src->n;
	memset(src->e, 0, src->n * sizeof(*src->e));
	src->n = 0;
	for (i = 0; i < dst->n; i++)
		if (blentry_compile(&dst->e[i]) && !r)
			r = -ENOMEM;              /* the patterns were checked: only memory fails */
	return r;
}

static int merge_hw(struct config *c, struct config *t)
{
	size_t nu = count_user(c), nb = c->nhw - nu, keep = 0, n = 0, i;
	struct hwentry *hw;
	char *drop;
	int r = 0;

	if (!t->nhw)
		return 0;
	drop = calloc(t->nhw, 1);
	if (!drop)
		return -ENOMEM;
	for (i = 0; i < t->nhw; i++) {
		drop[i] = (char)same_as_builtin(c, &t->hw[i]);
		keep += !drop[i];
	}
	if (!keep) {
		free(drop);                   /* left in t, freed with it */
		return 0;
	}
	hw = calloc(c->nhw + keep + 1, sizeof(*hw));
	if (!hw) {
		free(drop);
		return -ENOMEM;
	}
	for (i = 0; i < c->nhw; i++)
		hw_uncompile(&c->hw[i]);
	for (i = 0; i < nu; i++)
		hw[n++] = c->hw[i];
	for (i = 0; i < t->nhw; i++)
		if (!drop[i]) {
			hw[n++] = t->hw[i];
			memset(&t->hw[i], 0, sizeof(t->hw[i]));
		}
	for (i = 0; i < nb; i++)
		hw[n++] = c->hw[nu + i];
	free(c->hw);
	c->hw = hw;
	c->nhw = n;
	for (i = 0; i < n; i++)
		if (hw_compile(&hw[i]) && !r)
			r = -ENOMEM;
	free(drop);
	return r;
}

static int merge_mp(struct config *c, struct config *t)
{
	struct mpentry *mp;

	if (!t->nmp)
		return 0;
	mp = realloc(c->mp, (c->nmp + t->nmp) * sizeof(*mp));
	if (!mp)
		return -ENOMEM;
	memcpy(mp + c->nmp, t->mp, t->nmp * sizeof(*mp));
	c->mp = mp;
	c->nmp += t->nmp;
	t->nmp = 0;
	qsort(c->mp, c->nmp, sizeof(*c->mp), cmp_mp_wwid);   /* for config_find_mp's bsearch */
	return 0;
}

static void move_str(char **dst, char **src)
{
	if (!*src)
		return;
	free(*dst);
	*dst = *src;
	*src = NULL;
}

/* Move what t holds into c. Sources first: every entry points into them. */
static int merge(struct config *c, struct config *t)
{
	char **src;
	int r;

	if (t->nsources) {
		src = realloc(c->sources, (c->nsources + t->nsources) * sizeof(*src));
		if (!src)
			return -ENOMEM;
		memcpy(src + c->nsources, t->sources, t->nsources * sizeof(*src));
		c->sources = src;
		c->nsources += t->nsources;
		t->nsources = 0;
	}
	if ((r = merge_mp(c, t)) || (r = merge_hw(c, t)) ||
	    (r = merge_bl(&c->blacklist, &t->blacklist)) ||
	    (r = merge_bl(&c->exceptions, &t->exceptions)))
		return r;
	settings_move(&c->defaults, &t->defaults);
	if (t->user_friendly_names != UNSET)
		c->user_friendly_names = t->user_friendly_names;
	if (t->find_multipaths != UNSET)
		c->find_multipaths = t->find_multipaths;
	move_str(&c->alias_prefix, &t->alias_prefix);
	move_str(&c->bindings_file, &t->bindings_file);
	move_str(&c->wwids_file, &t->wwids_file);
	return 0;
}

/* ------------------------------------------------------------------ public API */

void config_free(struct config *c)
{
	size_t i;

	if (!c)
		return;
	settings_free(&c->defaults);
	free(c->alias_prefix);
	free(c->bindings_file);
	free(c->wwids_file);
	for (i = 0; i < c->nhw; i++)
		hw_free(&c->hw[i]);
	free(c->hw);
	for (i = 0; i < c->nmp; i++)
		mp_free(&c->mp[i]);
	free(c->mp);
	for (i = 0; i < c->blacklist.n; i++)
		blentry_free(&c->blacklist.e[i]);
	free(c->blacklist.e);
	for (i = 0; i < c->exceptions.n; i++)
		blentry_free(&c->exceptions.e[i]);
	free(c->exceptions.e);
	for (i = 0; i < c->nsources; i++)
		free(c->sources[i]);
	free(c->sources);
	memset(c, 0, sizeof(*c));
}

static int parse_text(struct config *c, const char *text, const char *name, int builtin,
		      char *err, size_t errsz);

/* The built-in table goes through the parser and its value checks; a bad table
 * value is a bug the unit tests catch (-EINVAL). */
int config_init_builtin(struct config *c)
{
	char err[256];
	int r = 0;

	memset(c, 0, sizeof(*c));
	c->defaults = unset_settings;
	c->user_friendly_names = 0;
	c->find_multipaths = FIND_MP_ON;
	c->alias_prefix = strdup("mpath");
	c->bindings_file = strdup(DEFAULT_BINDINGS_FILE);
	c->wwids_file = strdup(DEFAULT_WWIDS_FILE);
	if (!c->alias_prefix || !c->bindings_file || !c->wwids_file)
		r = -ENOMEM;
	if (!r)
		r = parse_text(c, hwtable_conf, "hwtable.conf", 1, err, sizeof(err));
	if (r)
		config_free(c);
	return r;
}

static int parse_text(struct config *c, const char *text, const char *name, int builtin,
		      char *err, size_t errsz)
{
	struct parser *ps = calloc(1, sizeof(*ps));
	struct config t;
	struct ctx top = { .sec = SEC_TOP, .line = 1 };
	int r;

	if (err && errsz)
		err[0] = '\0';
	if (!ps) {
		if (err && errsz)
			snprintf(err, errsz, "%s: out of memory", name ? name : "config");
		return -ENOMEM;
	}
	memset(&t, 0, sizeof(t));
	t.defaults = unset_settings;
	t.user_friendly_names = UNSET;
	t.find_multipaths = UNSET;
	ps->start = ps->p = text ? text : "";
	ps->end = ps->p + strlen(ps->p);
	ps->name = name ? name : "config";
	ps->line = 1;
	ps->err = err;
	ps->errsz = errsz;
	ps->t = &t;
	ps->c = c;
	ps->builtin = builtin;
	r = parse_block(ps, &top);
	if (!r)
		r = check_mp_dups(ps, 0);
	if (!r)
		r = check_mp_dups(ps, 1);
	if (!r) {
		r = merge(c, &t);
		if (r) {
			ps->tokline = ps->line;
			oom(ps);
		}
	}
	config_free(&t);
	free(ps);
	return r;
}

int config_parse_string(struct config *c, const char *text, const char *name,
			char *err, size_t errsz)
{
	return parse_text(c, text, name, 0, err, errsz);
}

int config_load_file(struct config *c, const char *path, char *err, size_t errsz)
{
	size_t len = 0, cap = 0;
	char *buf = NULL, *nul;
	int fd, r;

	if (err && errsz)
		err[0] = '\0';
	if (!path || !*path)
		path = getenv(CONFIG_ENV);
	if (!path || !*path)
		path = DEFAULT_CONFIG_FILE;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		if (r == -ENOENT || r == -ENOTDIR)
			return 0;                     /* no file: the built-ins apply */
		if (err && errsz)
			snprintf(err, errsz, "%s: cannot open: %s", path, strerror(-r));
		return r;
	}
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			char *nb;

			if (cap > FILE_MAX) {
				r = -EFBIG;
				if (err && errsz)
					snprintf(err, errsz, "%s: file too large (over %u bytes)", path, FILE_MAX);
				goto out;
			}
			nb = realloc(buf, cap = cap ? cap * 2 : 8192);
			if (!nb) {
				r = -ENOMEM;
				if (err && errsz)
					snprintf(err, errsz, "%s: out of memory", path);
				goto out;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			if (err && errsz)
				snprintf(err, errsz, "%s: read failed: %s", path, strerror(-r));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	nul = memchr(buf, '\0', len);
	if (nul) {
		unsigned int line = 1;

		for (const char *q = buf; q < nul; q++)
			line += *q == '\n';
		if (err && errsz)
			snprintf(err, errsz, "%s:%u: NUL byte in the file", path, line);
		r = -EINVAL;
		goto out;
	}
	r = config_parse_string(c, buf, path, err, errsz);
out:
	close(fd);
	free(buf);
	return r;
}

const struct mpentry *config_find_mp(const struct config *c, const char *wwid)
{
	struct mpentry key = { .wwid = (char *)wwid };

	if (!c || !wwid || !*wwid || !c->nmp)
		return NULL;
	return bsearch(&key, c->mp, c->nmp, sizeof(*c->mp), cmp_mp_wwid);
}

/* The last matching config-file entry (later entries override earlier ones), else the
 * last matching built-in one (generic entries come first in the table). */
const struct hwentry *config_find_hw(const struct config *c, const struct path *p)
{
	size_t nu, i;
	struct ids id;

	if (!c || !p)
		return NULL;
	path_ids(p, &id);
	nu = count_user(c);
	for (i = nu; i-- > 0;)
		if (hw_matches(&c->hw[i], &id))
			return &c->hw[i];
	for (i = c->nhw; i-- > nu;)
		if (hw_matches(&c->hw[i], &id))
			return &c->hw[i];
	return NULL;
}

/* multipaths > config-file devices (later first, field by field) > the deciding
 * built-in device > defaults > built-in defaults. Strings point into c. */
void config_select(const struct config *c, const struct path *p, const char *wwid,
		   struct mp_settings *out)
{
	const struct mpentry *mp = config_find_mp(c, wwid);

	*out = unset_settings;
	if (mp)
		settings_merge(out, &mp->s);
	if (c && p) {
		size_t nu = count_user(c), i;
		struct ids id;

		path_ids(p, &id);
		for (i = nu; i-- > 0;)
			if (hw_matches(&c->hw[i], &id))
				settings_merge(out, &c->hw[i].s);
		for (i = c->nhw; i-- > nu;)
			if (hw_matches(&c->hw[i], &id)) {
				settings_merge(out, &c->hw[i].s);
				break;
			}
	}
	if (c)
		settings_merge(out, &c->defaults);
	settings_merge(out, &builtin_defaults);
}

int config_may_select_policy(const struct config *c, int pgpolicy)
{
	if (builtin_defaults.pgpolicy == pgpolicy || (c && c->defaults.pgpolicy == pgpolicy))
		return 1;
	for (size_t i = 0; c && i < c->nhw; i++)
		if (c->hw[i].s.pgpolicy == pgpolicy)
			return 1;
	for (size_t i = 0; c && i < c->nmp; i++)
		if (c->mp[i].s.pgpolicy == pgpolicy)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ dump */

static void put_quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);                /* "" inside quotes */
		fputc(*s, f);
	}
	fputc('"', f);
}

/* A comment line; control characters would break it, so they become '?'. */
static void put_comment(FILE *f, const char *indent, const char *what, const char *text)
{
	fprintf(f, "%s# %s", indent, what);
	for (; text && *text; text++)
		fputc(iscntrl((unsigned char)*text) ? '?' : *text, f);
	fputc('\n', f);
}

static const char *int_value_name(enum vtype t, int v, char *buf, size_t size)
{
	switch (t) {
	case V_PGPOLICY:
		return strcmp(pgpolicy_name(v), "invalid") ? pgpolicy_name(v) : NULL;
	case V_NPR:
		if (v == NPR_FAIL)
			return "fail";
		if (v == NPR_QUEUE)
			return "queue";
		if (v < 1)
			return NULL;
		snprintf(buf, size, "%d", v);
		return buf;
	case V_FAILBACK:
		if (v > 0) {
			snprintf(buf, size, "%d", v);
			return buf;
		}
		return word_name(words_of(t), v);
	default:
		return word_name(words_of(t), v);
	}
}

static void dump_kv(FILE *f, const char *indent, const struct keyword *k, const void *base)
{
	const void *field = field_of(base, k);
	char buf[24];
	const char *s;

	if (is_str_type(k->type)) {
		s = *(char *const *)field;
		if (!s)
			return;
		fprintf(f, "%s%s ", indent, k->name);
		put_quoted(f, s);
		fputc('\n', f);
		return;
	}
	if (*(const int *)field == UNSET)
		return;
	s = int_value_name(k->type, *(const int *)field, buf, sizeof(buf));
	if (s)
		fprintf(f, "%s%s %s\n", indent, k->name, s);
}

/* Every keyword of section sec, values from the struct its owner names. */
static void dump_section(FILE *f, const char *indent, enum sect sec, const struct config *c,
			 const struct mp_settings *s, const void *entry)
{
	for (size_t i = 0; i < NKEYWORDS; i++) {
		const struct keyword *k = &keywords[i];

		if (!(k->where & M(sec)) || k->builtin_only)
			continue;
		dump_kv(f, indent, k, k->owner == O_SET ? (const void *)s :
				      k->owner == O_CONF ? (const void *)c : entry);
	}
}

static void dump_bl(FILE *f, const char *name, const struct blvec *v)
{
	fprintf(f, "%s {\n", name);
	for (size_t i = 0; i < v->n; i++) {
		const struct blentry *b = &v->e[i];

		if (b->devnode || b->wwid) {
			dump_section(f, "\t", SEC_BLACKLIST, NULL, NULL, b);
			continue;
		}
		fprintf(f, "\tdevice {\n");
		dump_section(f, "\t\t", SEC_BLDEVICE, NULL, NULL, b);
		fprintf(f, "\t}\n");
	}
	fprintf(f, "}\n");
}

void config_dump(FILE *f, const struct config *c)
{
	struct mp_settings eff = c->defaults;

	settings_merge(&eff, &builtin_defaults);
	fprintf(f, "# effective configuration: config file settings and built-in defaults,\n"
		   "# config file device entries first, then the built-in hardware table\n");
	fprintf(f, "defaults {\n");
	dump_section(f, "\t", SEC_DEFAULTS, c, &eff, NULL);
	fprintf(f, "}\n");
	dump_bl(f, "blacklist", &c->blacklist);
	dump_bl(f, "blacklist_exceptions", &c->exceptions);
	fprintf(f, "devices {\n");
	for (size_t i = 0; i < c->nhw; i++) {
		const struct hwentry *e = &c->hw[i];

		fprintf(f, "\tdevice {\n");
		if (!e->builtin)
			put_comment(f, "\t\t", "", e->source);
		else
			put_comment(f, "\t\t", "built-in: ", e->family ? e->family : "");
		dump_section(f, "\t\t", SEC_DEVICE, c, &e->s, e);
		fprintf(f, "\t}\n");
	}
	fprintf(f, "}\n");
	fprintf(f, "multipaths {\n");
	for (size_t i = 0; i < c->nmp; i++) {
		const struct mpentry *m = &c->mp[i];

		fprintf(f, "\tmultipath {\n");
		put_comment(f, "\t\t", "", m->source);
		dump_section(f, "\t\t", SEC_MULTIPATH, c, &m->s, m);
		fprintf(f, "\t}\n");
	}
	fprintf(f, "}\n");
}
