/* Per-map (and per-path) selection of settings, each with its origin:
 * multipaths{} > overrides{} > devices{} (config files, later first, field by field;
 * then the deciding built-in entry) > defaults{} > built-in defaults. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "relit.h"

static int cmp_mp_wwid(const void *a, const void *b)
{
	return strcmp(((const struct mpentry *)a)->wwid, ((const struct mpentry *)b)->wwid);
}

const struct mpentry *config_find_mp(const struct config *c, const char *wwid)
{
	struct mpentry key = { .wwid = (char *)wwid };

	if (!c || !wwid || !*wwid || !c->nmp)
		return NULL;
	return bsearch(&key, c->mp, c->nmp, sizeof(*c->mp), cmp_mp_wwid);
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

/* Hardware entries' regexes are compiled on first need, not when the table is read: most
 * patterns are plain words that config_relit decides with no regex, and most entries are
 * ruled out by their vendor, so a run compiles a handful of the table's ~280 patterns (the
 * udev claim runs for every disk event). Probe threads match concurrently:
 * config_regcomp_once compiles under a lock. */
static const char *hw_field(struct hwentry *e, int i, regex_t **re)
{
	switch (i) {
	case 0: *re = &e->vendor_re;   return e->vendor;
	case 1: *re = &e->product_re;  return e->product;
	case 2: *re = &e->revision_re; return e->revision;
	default: *re = &e->pbl_re;     return e->product_blacklist;
	}
}

int conf_hw_compile_field(struct hwentry *e, int i)
{
	regex_t *re;
	const char *pat = hw_field(e, i, &re);

	return pat ? config_regcomp_once(re, &e->compiled, 1 << i, pat) : 0;
}

int config_hw_field_matches(const struct hwentry *ce, int i, const char *s)
{
	struct hwentry *e = (struct hwentry *)ce;   /* only the regex cache changes */
	regex_t *re;
	const char *pat = hw_field(e, i, &re);
	int m = config_relit(pat, s);

	if (m != RELIT_UNKNOWN)
		return m;
	/* a pattern that cannot be compiled (only when out of memory: the parse checked it)
	 * matches nothing */
	return !conf_hw_compile_field(e, i) && config_rematch(re, 1, pat, s);
}

static int hw_matches(const struct hwentry *e, const struct ids *id)
{
	return config_hw_field_matches(e, 0, id->vendor) &&
	       config_hw_field_matches(e, 1, id->model) &&
	       config_hw_field_matches(e, 2, id->rev);
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
	nu = conf_count_user(c);
	for (i = nu; i-- > 0;)
		if (hw_matches(&c->hw[i], &id))
			return &c->hw[i];
	for (i = c->nhw; i-- > nu;)
		if (hw_matches(&c->hw[i], &id))
			return &c->hw[i];
	return NULL;
}

/* A product pattern that matches any product names a vendor's defaults, not an array
 * family: (LIO-ORG|SUSE)/.*, ^IFT/.* and the like cover every disk a software target or a
 * RAID controller exports, single-path disks included. */
static int names_a_product(const struct hwentry *e)
{
	return e->product && e->product[0] && strcmp(e->product, ".*") && strcmp(e->product, "^.*$");
}

int config_known_array(const struct config *c, const struct path *p)
{
	struct ids id;

	if (!c || !p)
		return 0;
	path_ids(p, &id);
	for (size_t i = 0; i < c->nhw; i++)
		if (names_a_product(&c->hw[i]) && hw_matches(&c->hw[i], &id))
			return 1;
	return 0;
}

void config_select(const struct config *c, const struct path *p, const char *wwid,
		   struct mp_settings *out)
{
	const struct mpentry *mp = config_find_mp(c, wwid);

	*out = conf_unset_settings;
	if (mp)
		conf_settings_merge(out, &mp->s);
	if (c)
		conf_settings_merge(out, &c->overrides);
	if (c && p) {
		size_t nu = conf_count_user(c), i;
		struct ids id;

		path_ids(p, &id);
		for (i = nu; i-- > 0;)
			if (hw_matches(&c->hw[i], &id))
				conf_settings_merge(out, &c->hw[i].s);
		for (i = c->nhw; i-- > nu;)
			if (hw_matches(&c->hw[i], &id)) {
				conf_settings_merge(out, &c->hw[i].s);
				break;
			}
	}
	if (c)
		conf_settings_merge(out, &c->defaults);
	conf_settings_merge(out, &conf_builtin_defaults);
}

void config_select_protocol(const struct config *c, const char *proto, struct mp_settings *s)
{
	static const enum setting_id ids[] = { S_FAST_IO_FAIL_TMO, S_DEV_LOSS_TMO, S_EH_DEADLINE };

	if (!c || !proto)
		return;
	/* in file order: a later matching subsection overwrites an earlier one */
	for (size_t i = 0; i < c->nproto; i++) {
		const struct protoentry *e = &c->proto[i];

		if (strcmp(e->type, proto))
			continue;
		for (size_t j = 0; j < sizeof(ids) / sizeof(ids[0]); j++) {
			const struct keyword *k = conf_setting_keyword(ids[j]);
			int v = *(const int *)conf_field(&e->s, k);

			if (v == UNSET)
				continue;
			*(int *)conf_field(s, k) = v;
			s->origin[ids[j]] = e->s.origin[ids[j]];
		}
	}
}

int config_may_select_policy(const struct config *c, int pgpolicy)
{
	if (conf_builtin_defaults.pgpolicy == pgpolicy)
		return 1;
	if (c && (c->defaults.pgpolicy == pgpolicy || c->overrides.pgpolicy == pgpolicy))
		return 1;
	for (size_t i = 0; c && i < c->nhw; i++)
		if (c->hw[i].s.pgpolicy == pgpolicy)
			return 1;
	for (size_t i = 0; c && i < c->nmp; i++)
		if (c->mp[i].s.pgpolicy == pgpolicy)
			return 1;
	return 0;
}

const char *config_setting_value(const struct mp_settings *s, enum setting_id id,
				 char *buf, size_t size)
{
	const struct keyword *k = conf_setting_keyword(id);
	const char *v;

	if (!k || !s)
		return NULL;
	if (conf_is_str_type(k->type))
		return *(char *const *)conf_field(s, k);
	if (*(const int *)conf_field(s, k) == UNSET)
		return NULL;
	v = conf_int_value_name(k->type, *(const int *)conf_field(s, k), buf, size);
	return v;
}
