/* Settings and entries of a configuration: the unset and built-in default values,
 * merging settings by precedence, freeing, and moving what one parse read (a scratch
 * config) into the config it adds to. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "mptable.h"
#include "pgpolicy.h"

const struct mp_settings conf_unset_settings = {
	.pgpolicy = UNSET, .checker = UNSET, .prio = UNSET, .failback = UNSET,
	.no_path_retry = UNSET, .rr_weight = UNSET, .detect_prio = UNSET,
	.detect_checker = UNSET, .checker_timeout = UNSET, .rr_min_io = UNSET,
	.rr_min_io_rq = UNSET, .fast_io_fail_tmo = UNSET, .dev_loss_tmo = UNSET,
	.eh_deadline = UNSET, .max_sectors_kb = UNSET, .user_friendly_names = UNSET,
	.skip_kpartx = UNSET, .flush_on_last_del = UNSET, .all_tg_pt = UNSET,
	.retain_hwhandler = UNSET,
};

/* The last level of precedence: multipath-tools 0.9.4's defaults. Left unset (the
 * kernel's value stays): dev_loss_tmo, eh_deadline, max_sectors_kb, checker_timeout
 * (the device's own command timeout); prio_args and uid_attribute (NULL: the
 * prioritizer's and the identity code's own default). */
#define DEF "default"
const struct mp_settings conf_builtin_defaults = {
	.pgpolicy = PGP_FAILOVER, .selector = "service-time 0", .features = "0",
	.hwhandler = "0", .checker = CHK_TUR, .prio = PRIO_CONST, .failback = FB_MANUAL,
	.no_path_retry = NPR_FAIL, .rr_weight = RRW_UNIFORM, .detect_prio = 1,
	.detect_checker = 1, .checker_timeout = UNSET, .rr_min_io = 1000, .rr_min_io_rq = 1,
	.fast_io_fail_tmo = 5, .dev_loss_tmo = UNSET, .eh_deadline = UNSET,
	.max_sectors_kb = UNSET, .user_friendly_names = 0, .alias_prefix = "mpath",
	.skip_kpartx = 0, .flush_on_last_del = 0, .all_tg_pt = 0, .retain_hwhandler = 1,
	.origin = {
		[S_PGPOLICY] = DEF, [S_SELECTOR] = DEF, [S_FEATURES] = DEF, [S_HWHANDLER] = DEF,
		[S_CHECKER] = DEF, [S_PRIO] = DEF, [S_FAILBACK] = DEF, [S_NO_PATH_RETRY] = DEF,
		[S_RR_WEIGHT] = DEF, [S_DETECT_PRIO] = DEF, [S_DETECT_CHECKER] = DEF,
		[S_RR_MIN_IO] = DEF, [S_RR_MIN_IO_RQ] = DEF,
		[S_FAST_IO_FAIL_TMO] = DEF, [S_USER_FRIENDLY_NAMES] = DEF, [S_ALIAS_PREFIX] = DEF,
		[S_SKIP_KPARTX] = DEF, [S_FLUSH_ON_LAST_DEL] = DEF, [S_ALL_TG_PT] = DEF,
		[S_RETAIN_HWHANDLER] = DEF,
	},
};

/* Each setting once (a setting may have several spellings in the keyword table). */
#define FOR_EACH_SETTING(k) \
	for (int id_ = 0; id_ < S_COUNT; id_++) \
		for (const struct keyword *k = conf_setting_keyword(id_); k; k = NULL)

void *conf_field(const void *base, const struct keyword *k)
{
	return (char *)base + k->off;
}

int conf_field_set(const void *base, const struct keyword *k)
{
	const void *f = conf_field(base, k);

	return conf_is_str_type(k->type) ? *(char *const *)f != NULL : *(const int *)f != UNSET;
}

/* Fill dst's unset fields from src (strings are borrowed, not copied). */
void conf_settings_merge(struct mp_settings *dst, const struct mp_settings *src)
{
	FOR_EACH_SETTING(k) {
		if (conf_field_set(dst, k) || !conf_field_set(src, k))
			continue;
		if (conf_is_str_type(k->type))
			*(char **)conf_field(dst, k) = *(char *const *)conf_field(src, k);
		else
			*(int *)conf_field(dst, k) = *(const int *)conf_field(src, k);
		dst->origin[k->id] = src->origin[k->id];
	}
}

/* Move src's set fields into dst (owned strings), leaving src unset there. */
static void settings_move(struct mp_settings *dst, struct mp_settings *src)
{
	FOR_EACH_SETTING(k) {
		if (!conf_field_set(src, k))
			continue;
		if (conf_is_str_type(k->type)) {
			char **d = conf_field(dst, k), **s = conf_field(src, k);

			free(*d);
			*d = *s;
			*s = NULL;
		} else {
			*(int *)conf_field(dst, k) = *(int *)conf_field(src, k);
			*(int *)conf_field(src, k) = UNSET;
		}
		dst->origin[k->id] = src->origin[k->id];
	}
}

void conf_settings_free(struct mp_settings *s)
{
	FOR_EACH_SETTING(k)
		if (conf_is_str_type(k->type)) {
			free(*(char **)conf_field(s, k));
			*(char **)conf_field(s, k) = NULL;
		}
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

int conf_settings_equal(const struct mp_settings *a, const struct mp_settings *b)
{
	FOR_EACH_SETTING(k) {
		const void *fa = conf_field(a, k), *fb = conf_field(b, k);

		if (conf_is_str_type(k->type) ? !str_eq(*(char *const *)fa, *(char *const *)fb)
					      : *(const int *)fa != *(const int *)fb)
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ entries */

/* Every pattern of the entry (a check of them all: the table's tests); matching compiles
 * only what it needs, when it needs it (config_hw_field_matches). */
int conf_hw_compile(struct hwentry *e)
{
	int r = 0;

	for (int i = 0; i < 4; i++) {
		int ri = conf_hw_compile_field(e, i);

		if (ri && !r)
			r = ri;
	}
	return r;
}

static void hw_uncompile(struct hwentry *e)
{
	regex_t *re[4] = { &e->vendor_re, &e->product_re, &e->revision_re, &e->pbl_re };

	for (int i = 0; i < 4; i++)
		if (e->compiled & (1 << i))
			regfree(re[i]);
	e->compiled = 0;
}

void conf_hw_free(struct hwentry *e)
{
	hw_uncompile(e);
	free(e->vendor);
	free(e->product);
	free(e->revision);
	free(e->product_blacklist);
	free(e->family);
	conf_settings_free(&e->s);
}

void conf_mp_free(struct mpentry *m)
{
	free(m->wwid);
	free(m->alias);
	conf_settings_free(&m->s);
}

void conf_proto_free(struct protoentry *p)
{
	free(p->type);
	conf_settings_free(&p->s);
}

size_t conf_count_user(const struct config *c)
{
	size_t n = 0;

	while (n < c->nhw && !c->hw[n].builtin)
		n++;
	return n;
}

/* An entry that repeats a built-in one exactly (e.g. pasted from `multipath -t`). */
static int same_as_builtin(const struct config *c, const struct hwentry *e)
{
	for (size_t i = conf_count_user(c); i < c->nhw; i++) {
		const struct hwentry *b = &c->hw[i];

		if (str_eq(b->vendor, e->vendor) && str_eq(b->product, e->product) &&
		    str_eq(b->revision, e->revision) &&
		    str_eq(b->product_blacklist, e->product_blacklist) &&
		    conf_settings_equal(&b->s, &e->s))
			return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ scratch, diag */

void conf_init_scratch(struct config *t)
{
	memset(t, 0, sizeof(*t));
	t->defaults = conf_unset_settings;
	t->overrides = conf_unset_settings;
	t->find_multipaths = UNSET;
	t->polling_interval = UNSET;
	t->max_polling_interval = UNSET;
	t->verbosity = UNSET;
}

const char *conf_intern(struct config *c, const char *s)
{
	char **v, *d;

	if (!s || !(d = strdup(s)))
		return NULL;
	v = realloc(c->sources, (c->nsources + 1) * sizeof(*v));
	if (!v) {
		free(d);
		return NULL;
	}
	c->sources = v;
	c->sources[c->nsources++] = d;
	return d;
}

int conf_add_diag(struct config *c, int warning, const char *msg, const char *tag,
		  const char *keyword, const char *value)
{
	struct conf_diag *v = realloc(c->diag, (c->ndiag + 1) * sizeof(*v));
	struct conf_diag d = { .warning = warning, .tag = tag, .keyword = keyword };

	if (!v)
		return -ENOMEM;
	c->diag = v;
	d.msg = strdup(msg);
	if (value && !(d.value = conf_intern(c, value))) {
		free(d.msg);
		return -ENOMEM;
	}
	if (!d.msg)
		return -ENOMEM;
	c->diag[c->ndiag++] = d;
	c->nwarn += warning != 0;
	return 0;
}

/* ------------------------------------------------------------------ merge */

/* Regexes are compiled only where an entry finally lives: a regex_t is not promised
 * to survive being moved, so every entry of a resized array is recompiled (hardware
 * entries: uncompiled, and compiled again on first use). */
static int bl_equal(const struct blentry *a, const struct blentry *b)
{
	return str_eq(a->devnode, b->devnode) && str_eq(a->wwid, b->wwid) &&
	       str_eq(a->vendor, b->vendor) && str_eq(a->product, b->product) &&
	       str_eq(a->property, b->property) && str_eq(a->protocol, b->protocol);
}

/* A rule already there (a built-in one repeated, as `multipath -t` prints it) is not
 * added again; it stays in src, freed with it. */
static int merge_bl(struct blvec *dst, struct blvec *src)
{
	struct blentry *e;
	size_t i, n;
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
	n = dst->n;
	for (i = 0; i < src->n; i++) {
		size_t j;

		for (j = 0; j < dst->n && !bl_equal(&dst->e[j], &src->e[i]); j++)
			;
		if (j < dst->n)
			continue;
		e[n++] = src->e[i];
		memset(&src->e[i], 0, sizeof(src->e[i]));
	}
	free(dst->e);
	dst->e = e;
	dst->n = n;
	for (i = 0; i < dst->n; i++)
		if (blentry_compile(&dst->e[i]) && !r)
			r = -ENOMEM;              /* the patterns were checked: only memory fails */
	return r;
}

/* A config-file entry for exactly a built-in entry's vendor/product/revision is, for
 * multipath-tools, merged into it; where the result sets no_path_retry, it drops
 * "queue_if_no_path" from the features (no_path_retry decides queueing; the table gets
 * the same either way: mpt_features_npr). Done alike so that -t prints the same. */
static void features_vs_builtin(const struct config *c, struct hwentry *e)
{
	char buf[512];

	if (e->builtin || !e->s.features || !strstr(e->s.features, "queue_if_no_path"))
		return;
	for (size_t i = conf_count_user(c); i < c->nhw; i++) {
		const struct hwentry *b = &c->hw[i];

		if (!str_eq(b->vendor, e->vendor) || !str_eq(b->product, e->product) ||
		    !str_eq(b->revision, e->revision))
			continue;
		/* one word fewer: the result is never longer, so it is written in place */
		if ((e->s.no_path_retry != UNSET || b->s.no_path_retry != UNSET) &&
		    !mpt_features_npr(e->s.features, NPR_FAIL, buf, sizeof(buf)) &&
		    strlen(buf) <= strlen(e->s.features))
			strcpy(e->s.features, buf);
		return;
	}
}

/* New config-file entries go before the older ones' built-in part, after the older
 * config-file entries; entries equal to a built-in one are dropped. */
static int merge_hw(struct config *c, struct config *t)
{
	size_t nu = conf_count_user(c), nb = c->nhw - nu, keep = 0, n = 0, i;
	struct hwentry *hw;
	char *drop;

	if (!t->nhw)
		return 0;
	drop = calloc(t->nhw, 1);
	if (!drop)
		return -ENOMEM;
	for (i = 0; i < t->nhw; i++) {
		features_vs_builtin(c, &t->hw[i]);
		drop[i] = (char)(!t->hw[i].builtin && same_as_builtin(c, &t->hw[i]));
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
	free(drop);
	return 0;
}

/* Sort key for merging multipaths entries: by WWID, then in the order given. */
struct mp_ord { const struct mpentry *e; size_t pos; };

static int cmp_mp_ord(const void *a, const void *b)
{
	const struct mp_ord *x = a, *y = b;
	int r = strcmp(x->e->wwid, y->e->wwid);

	return r ? r : x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* multipaths entries for one WWID (already known, or given twice) are merged into
 * the first, later settings winning (as multipath-tools does). */
static int merge_mp(struct config *c, struct config *t)
{
	size_t n = c->nmp + t->nmp, k = 0;
	struct mpentry *mp, *out;
	struct mp_ord *ord;

	if (!t->nmp)
		return 0;
	mp = realloc(c->mp, n * sizeof(*mp));
	if (!mp)
		return -ENOMEM;
	c->mp = mp;
	memcpy(mp + c->nmp, t->mp, t->nmp * sizeof(*mp));
	t->nmp = 0;
	ord = calloc(n, sizeof(*ord));
	out = calloc(n, sizeof(*out));
	if (!ord || !out) {
		free(ord);
		free(out);
		c->nmp = n;                      /* unsorted but owned: freed with c */
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		ord[i] = (struct mp_ord){ &mp[i], i };
	qsort(ord, n, sizeof(*ord), cmp_mp_ord);
	for (size_t i = 0; i < n; i++) {
		struct mpentry *e = (struct mpentry *)ord[i].e, *keep;

		if (!k || strcmp(out[k - 1].wwid, e->wwid)) {
			out[k++] = *e;
			continue;
		}
		keep = &out[k - 1];
		settings_move(&keep->s, &e->s);
		if (e->alias) {
			free(keep->alias);
			keep->alias = e->alias;
			e->alias = NULL;
		}
		keep->source = e->source;
		conf_mp_free(e);
	}
	free(ord);
	free(c->mp);
	c->mp = out;                             /* sorted: config_find_mp's bsearch */
	c->nmp = k;
	return 0;
}

/* Append src's *nsrc (> 0) elements to dst's (the elements move: src keeps none).
 * Returns the new array, or NULL (nothing moved) when out of memory. */
static void *append(void *dst, size_t *ndst, const void *src, size_t *nsrc, size_t elsz)
{
	char *d = realloc(dst, (*ndst + *nsrc) * elsz);

	if (!d)
		return NULL;
	memcpy(d + *ndst * elsz, src, *nsrc * elsz);
	*ndst += *nsrc;
	*nsrc = 0;
	return d;
}

static int merge_proto(struct config *c, struct config *t)
{
	struct protoentry *p;

	if (!t->nproto)
		return 0;
	p = append(c->proto, &c->nproto, t->proto, &t->nproto, sizeof(*p));
	if (!p)
		return -ENOMEM;
	c->proto = p;
	return 0;
}

static int merge_diag(struct config *c, struct config *t)
{
	size_t nwarn = t->nwarn;
	struct conf_diag *d;

	if (!t->ndiag)
		return 0;
	d = append(c->diag, &c->ndiag, t->diag, &t->ndiag, sizeof(*d));
	if (!d)
		return -ENOMEM;
	c->diag = d;
	c->nwarn += nwarn;
	t->nwarn = 0;
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

static void move_int(int *dst, int src)
{
	if (src != UNSET)
		*dst = src;
}

int conf_merge(struct config *c, struct config *t)
{
	char **src;
	int r;

	/* Sources first: entries, origins and notes point into them. */
	if (t->nsources) {
		src = append(c->sources, &c->nsources, t->sources, &t->nsources, sizeof(*src));
		if (!src)
			return -ENOMEM;
		c->sources = src;
	}
	if ((r = merge_diag(c, t)) || (r = merge_mp(c, t)) || (r = merge_hw(c, t)) ||
	    (r = merge_proto(c, t)) || (r = merge_bl(&c->blacklist, &t->blacklist)) ||
	    (r = merge_bl(&c->exceptions, &t->exceptions)))
		return r;
	settings_move(&c->defaults, &t->defaults);
	settings_move(&c->overrides, &t->overrides);
	move_int(&c->find_multipaths, t->find_multipaths);
	move_int(&c->polling_interval, t->polling_interval);
	move_int(&c->max_polling_interval, t->max_polling_interval);
	move_int(&c->verbosity, t->verbosity);
	if (t->find_multipaths != UNSET) {
		free(c->find_multipaths_word);
		c->find_multipaths_word = NULL;
	}
	move_str(&c->find_multipaths_word, &t->find_multipaths_word);
	move_str(&c->bindings_file, &t->bindings_file);
	move_str(&c->wwids_file, &t->wwids_file);
	move_str(&c->config_dir, &t->config_dir);
	move_str(&c->partition_delimiter, &t->partition_delimiter);
	move_str(&c->uid_attrs, &t->uid_attrs);
	return 0;
}

void config_free(struct config *c)
{
	size_t i;

	if (!c)
		return;
	conf_settings_free(&c->defaults);
	conf_settings_free(&c->overrides);
	free(c->find_multipaths_word);
	free(c->bindings_file);
	free(c->wwids_file);
	free(c->config_dir);
	free(c->partition_delimiter);
	free(c->uid_attrs);
	for (i = 0; i < c->nhw; i++)
		conf_hw_free(&c->hw[i]);
	free(c->hw);
	for (i = 0; i < c->nmp; i++)
		conf_mp_free(&c->mp[i]);
	free(c->mp);
	for (i = 0; i < c->nproto; i++)
		conf_proto_free(&c->proto[i]);
	free(c->proto);
	for (i = 0; i < c->blacklist.n; i++)
		blentry_free(&c->blacklist.e[i]);
	free(c->blacklist.e);
	for (i = 0; i < c->exceptions.n; i++)
		blentry_free(&c->exceptions.e[i]);
	free(c->exceptions.e);
	for (i = 0; i < c->ndiag; i++)
		free(c->diag[i].msg);
	free(c->diag);
	for (i = 0; i < c->nsources; i++)
		free(c->sources[i]);
	free(c->sources);
	memset(c, 0, sizeof(*c));
}
