/* Value checks for multipath.conf keywords, and the names values are printed with.
 * Pure: strings in, normalised values (or the reason they are wrong) out. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"
#include "conf_int.h"
#include "relit.h"
#include "pgpolicy.h"
#include "util.h"

struct word { const char *w; int v; };

/* The first spelling of a value is the canonical one (used by the dump). Checker and
 * prioritizer names are not here: chktable.c's registry is their one list. */
static const struct word failback_words[] = {
	{ "manual", FB_MANUAL }, { "immediate", FB_IMMEDIATE }, { "followover", FB_FOLLOWOVER },
	{ 0, 0 } };
static const struct word rrw_words[] = {
	{ "uniform", RRW_UNIFORM }, { "priorities", RRW_PRIORITIES }, { 0, 0 } };
static const struct word yesno_words[] = {
	{ "no", 0 }, { "yes", 1 }, { "0", 0 }, { "1", 1 }, { 0, 0 } };
/* What this tool does for each: off/no are strict for multipath-tools' multipath
 * command but greedy for its daemon, and hosts end up with the daemon's maps, so greedy
 * (the dump prints it as multipath-tools does); smart (a udev-time timer) acts as on. */
static const struct word findmp_words[] = {
	{ "on", FIND_MP_ON }, { "greedy", FIND_MP_GREEDY }, { "strict", FIND_MP_STRICT },
	{ "yes", FIND_MP_ON }, { "smart", FIND_MP_ON }, { "off", FIND_MP_GREEDY },
	{ "no", FIND_MP_GREEDY }, { 0, 0 } };
static const struct word logerr_words[] = { { "always", 0 }, { "once", 1 }, { 0, 0 } };
static const struct word marginal_words[] = {
	{ "off", 0 }, { "on", 1 }, { "fpin", 2 }, { "no", 0 }, { "yes", 1 }, { 0, 0 } };
static const char *const selector_names[] = {
	"round-robin", "queue-length", "service-time", "historical-service-time", NULL };
static const char *const handler_names[] = { "alua", "emc", "rdac", "hp_sw", "ana", NULL };

static const struct word *words_of(enum vtype t)
{
	switch (t) {
	case V_FAILBACK: return failback_words;
	case V_RRW: return rrw_words;
	case V_YESNO: return yesno_words;
	case V_FINDMP: return findmp_words;
	case V_LOGERR: return logerr_words;
	case V_MARGINAL_PG: return marginal_words;
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

/* The registry's names for a checker or prioritizer value, in registry order. */
static size_t registry_names(enum vtype t, const char **names, size_t max)
{
	size_t n = 0;

	if (t == V_CHECKER)
		for (const struct checker_def *d = checker_table; d->name && n < max; d++)
			names[n++] = d->name;
	else
		for (const struct prio_def *d = prio_table; d->name && n < max; d++)
			names[n++] = d->name;
	return n;
}

/* A checker or prioritizer name: its id from the registry, or what was expected. */
static int check_registry_name(enum vtype t, const char *v, int *iv, char *why, size_t whysz)
{
	const struct checker_def *c = t == V_CHECKER ? checker_by_name(v) : NULL;
	const struct prio_def *p = t == V_PRIO ? prio_by_name(v) : NULL;
	const char *names[32];
	char list[320];

	if (c || p) {
		*iv = c ? c->id : p->id;
		return 0;
	}
	list_words(names, registry_names(t, names, 32), list, sizeof(list));
	snprintf(why, whysz, "expected %s", list);
	return -EINVAL;
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

static int has_ctrl(const char *s)
{
	for (; *s; s++)
		if (iscntrl((unsigned char)*s) && *s != '\t')
			return 1;
	return 0;
}

/* A number of seconds (or KiB...), or one of the words the type allows besides. */
static int check_number(const struct keyword *k, const char *v, int *iv, char *why, size_t whysz)
{
	enum vtype t = k->type;
	unsigned int u, max = k->max > 0 ? (unsigned int)k->max : INT_MAX;

	if ((t == V_TMO_OFF && !strcmp(v, "off")) || (t == V_NUM_OR_NO && !strcmp(v, "no"))) {
		*iv = t == V_TMO_OFF ? TMO_OFF : 0;
		return 0;
	}
	if ((t == V_DEVLOSS && !strcmp(v, "infinity")) || (t == V_MAXFDS && !strcmp(v, "max"))) {
		*iv = TMO_INFINITY;
		return 0;
	}
	if (t == V_INT && v[0] == '-' && !parse_uint(v + 1, &u) && u <= INT_MAX) {
		*iv = -(int)u;
		return 0;
	}
	if (!parse_uint(v, &u)) {
		/* dev_loss_tmo: the kernel takes 32 bits; past INT_MAX it is "infinity" */
		if (t == V_DEVLOSS && u > INT_MAX) {
			*iv = TMO_INFINITY;
			return 0;
		}
		if (u <= max) {
			*iv = (int)u;
			return 0;
		}
	}
	switch (t) {
	case V_TMO_OFF: snprintf(why, whysz, "expected a number of seconds or off"); break;
	case V_DEVLOSS: snprintf(why, whysz, "expected a number of seconds or infinity"); break;
	case V_NUM_OR_NO: snprintf(why, whysz, "expected a number or no"); break;
	case V_MAXFDS: snprintf(why, whysz, "expected a number or max"); break;
	case V_INT: snprintf(why, whysz, "expected a whole number"); break;
	default: snprintf(why, whysz, "expected a number 0-%u", max); break;
	}
	return -EINVAL;
}

int conf_check_value(const struct keyword *k, const char *v, int *iv, char **sv,
		     char *why, size_t whysz)
{
	char buf[VALUE_MAX + 1], *w[MAX_WORDS];
	enum vtype t = k->type;
	const struct word *words = words_of(t);
	unsigned int u;
	int n, r;

	*sv = NULL;
	if (strlen(v) > VALUE_MAX) {
		snprintf(why, whysz, "value too long");
		return -EINVAL;
	}
	if (has_ctrl(v)) {
		snprintf(why, whysz, "control character in the value");
		return -EINVAL;
	}
	if (t == V_ANY) {
		*sv = strdup(v);
		return *sv ? 0 : -ENOMEM;
	}
	if (!*v) {
		snprintf(why, whysz, "empty value");
		return -EINVAL;
	}
	if (strlen(v) > VALUE_MAX) {
		snprintf(why, whysz, "value too long");
		return -EINVAL;
	}
	if (t == V_CHECKER || t == V_PRIO)
		return check_registry_name(t, v, iv, why, whysz);
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
	case V_UINT:
	case V_INT:
	case V_TMO_OFF:
	case V_DEVLOSS:
	case V_NUM_OR_NO:
	case V_MAXFDS:
		return check_number(k, v, iv, why, whysz);
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
		/* a blacklist pattern "!re" matches what re does not */
		const char *pat = k->owner == O_BL && v[0] == '!' ? v + 1 : v;

		/* plain words are valid as they are (and matched without a regex: relit.h) */
		if (!relit_plain(pat)) {
			r = config_regcomp(&re, pat, why, whysz);
			if (r)
				return r;
			regfree(&re);
		}
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

/* Printable rendering of input text for messages: at most ~48 characters. Not
 * escaped here: whoever prints a message escapes it once, as a whole. */
const char *conf_show(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n <= 48)
		snprintf(buf, size, "%s", s);
	else
		snprintf(buf, size, "%.48s...", s);
	return buf;
}

const char *conf_int_value_name(enum vtype t, int v, char *buf, size_t size)
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
			return NULL;              /* not a value the parser stores */
		break;
	case V_TMO_OFF:
		if (v == TMO_OFF)
			return "off";
		break;
	case V_DEVLOSS:
		if (v == TMO_INFINITY)
			return "infinity";
		break;
	case V_FAILBACK:
		if (v <= 0)
			return word_name(words_of(t), v);
		break;
	case V_CHECKER:
		return checker_def(v) ? checker_def(v)->name : NULL;
	case V_PRIO:
		return prio_def(v) ? prio_def(v)->name : NULL;
	case V_UINT:
	case V_INT:
		break;
	default:
		return word_name(words_of(t), v);
	}
	if (v < 0 && t != V_INT)
		return NULL;
	snprintf(buf, size, "%d", v);
	return buf;
}
