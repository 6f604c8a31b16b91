#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "mptable.h"
#include "util.h"

const struct mpt_conf mpt_conf_default = {
	.hwhandler = "0",
	.selector = "round-robin 0",
	.path_args = "1 1",
};

/* --- a table's memory: strings and word lists, freed at once --- */

#define CHUNK_SIZE 4096

struct mpt_chunk {
	struct mpt_chunk *next;
	size_t used, cap;
	_Alignas(sizeof(void *)) char data[];
};

static void *mem_alloc(struct mpt_table *t, size_t n)
{
	struct mpt_chunk *c = t->mem;
	void *p;

	n = (n + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
	if (!c || c->cap - c->used < n) {
		size_t cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;

		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->next = t->mem;
		c->used = 0;
		c->cap = cap;
		t->mem = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

/* A short number or "maj:min" (up to 31 characters) in t's memory; NULL if longer or
 * out of memory. */
static char *mem_printf(struct mpt_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static char *mem_printf(struct mpt_table *t, const char *fmt, ...)
{
	char tmp[32], *s;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp) || !(s = mem_alloc(t, (size_t)n + 1)))
		return NULL;
	memcpy(s, tmp, (size_t)n + 1);
	return s;
}

/* --- words --- */

struct cursor {
	char **tok;
	size_t n, i;
};

/* A tokenized copy of text in t's memory. 0 or -ENOMEM. */
static int split(struct mpt_table *t, const char *text, struct cursor *c)
{
	size_t len = strlen(text), n = 0;
	char *s = mem_alloc(t, len + 1);
	char **tok = mem_alloc(t, (len / 2 + 2) * sizeof(*tok));

	if (!s || !tok)
		return -ENOMEM;
	memcpy(s, text, len + 1);
	while (*s) {
		while (*s && isspace((unsigned char)*s))
			*s++ = '\0';
		if (!*s)
			break;
		tok[n++] = s;   /* a word needs a char and a separator: n <= len / 2 + 1 */
		while (*s && !isspace((unsigned char)*s))
			s++;
	}
	c->tok = tok;
	c->n = n;
	c->i = 0;
	return 0;
}

static char *next_word(struct cursor *c)
{
	return c->i < c->n ? c->tok[c->i++] : NULL;
}

static int next_uint(struct cursor *c, unsigned int *v)
{
	char *w = next_word(c);

	return w ? parse_uint(w, v) : -EINVAL;
}

/* "<n> w1 .. wn" */
static int counted_words(struct cursor *c, struct mpt_words *w)
{
	int r = next_uint(c, &w->n);

	if (r)
		return r;
	if (w->n > c->n - c->i)
		return -EINVAL;
	w->w = c->tok + c->i;
	c->i += w->n;
	return 0;
}

/* n words without a leading count */
static int fixed_words(struct cursor *c, unsigned int n, struct mpt_words *w)
{
	if (n > c->n - c->i)
		return -EINVAL;
	w->n = n;
	w->w = c->tok + c->i;
	c->i += n;
	return 0;
}

static int words_equal(const struct mpt_words *a, const struct mpt_words *b)
{
	if (a->n != b->n)
		return 0;
	for (unsigned int i = 0; i < a->n; i++)
		if (strcmp(a->w[i], b->w[i]))
			return 0;
	return 1;
}

static int words_prefix(const struct mpt_words *a, const struct mpt_words *b)
{
	if (a->n > b->n)
		return 0;
	for (unsigned int i = 0; i < a->n; i++)
		if (strcmp(a->w[i], b->w[i]))
			return 0;
	return 1;
}

static int put_words(char *buf, size_t size, size_t *pos, const struct mpt_words *w, int count)
{
	int r = count ? bprintf(buf, size, pos, " %u", w->n) : 0;

	for (unsigned int i = 0; i < w->n && !r; i++)
		r = bprintf(buf, size, pos, " %s", w->w[i]);
	return r;
}

/* --- features --- */

static const char *const qm_names[] = { [MPT_QM_RQ] = "rq", [MPT_QM_MQ] = "mq", [MPT_QM_BIO] = "bio" };

static int qm_by_name(const char *name)
{
	for (size_t m = 0; m < sizeof(qm_names) / sizeof(qm_names[0]); m++)
		if (!strcmp(name, qm_names[m]))
			return (int)m;
	return -1;
}

void mpt_feature_set(struct mpt_features *f, enum mpt_feature id, unsigned int value)
{
	if (id == MPT_PG_INIT_RETRIES)
		f->pg_init_retries = value;
	else if (id == MPT_PG_INIT_DELAY_MSECS)
		f->pg_init_delay_msecs = value;
	else if (id == MPT_QUEUE_MODE)
		f->queue_mode = (enum mpt_queue_mode)value;
	if (!mpt_feature_given(f, id) && f->ngiven < MPT_NFEATURES)
		f->given[f->ngiven++] = (unsigned char)id;
}

int mpt_feature_given(const struct mpt_features *f, enum mpt_feature id)
{
	for (unsigned int i = 0; i < f->ngiven; i++)
		if (f->given[i] == id)
			return 1;
	return 0;
}

/* The rest of the words, from one this code does not know, as text. queue_if_no_path
 * among them is still the feature (it takes no value; the kernel reads it anywhere):
 * kept as text, no_path_retry fail could not remove it (found by fuzz_mptable). */
static int keep_other(struct mpt_features *f, char **w, unsigned int n)
{
	size_t pos = 0;

	f->nother = 0;
	for (unsigned int i = 0; i < n; i++) {
		if (!strcmp(w[i], "queue_if_no_path")) {
			f->no_path = MPT_NP_QUEUE;
			continue;
		}
		if (bprintf(f->other, sizeof(f->other), &pos, "%s%s", f->nother ? " " : "", w[i]))
			return -EINVAL;
		f->nother++;
	}
	return 0;
}

/* The feature words of a table or a config, without their count. */
static int features_from_words(char **w, unsigned int n, struct mpt_features *f)
{
	memset(f, 0, sizeof(*f));
	for (unsigned int i = 0; i < n; i++) {
		const char *k = w[i];
		unsigned int v;

		if (!strcmp(k, "queue_if_no_path")) {
			f->no_path = MPT_NP_QUEUE;
		} else if (!strcmp(k, "retain_attached_hw_handler")) {
			mpt_feature_set(f, MPT_RETAIN_HW_HANDLER, 0);
		} else if (!strcmp(k, "pg_init_retries") || !strcmp(k, "pg_init_delay_msecs")) {
			if (i + 1 >= n || parse_uint(w[i + 1], &v))
				return -EINVAL;
			mpt_feature_set(f, !strcmp(k, "pg_init_retries") ? MPT_PG_INIT_RETRIES
									: MPT_PG_INIT_DELAY_MSECS, v);
			i++;
		} else if (!strcmp(k, "queue_mode")) {
			int m = i + 1 < n ? qm_by_name(w[i + 1]) : -1;

			if (m < 0)
				return -EINVAL;
			mpt_feature_set(f, MPT_QUEUE_MODE, (unsigned int)m);
			i++;
		} else {
			return keep_other(f, w + i, n - i);
		}
	}
	return 0;
}

/* "<count> words" at c. what ("table", "text") names the source in the -v4 trace, which
 * counts the parses (VM scenario idempotent). */
static int features_from_cursor(struct cursor *c, struct mpt_features *f, const char *what)
{
	struct mpt_words w;
	int r = counted_words(c, &w);

	if (!r)
		r = features_from_words(w.w, w.n, f);
	if (!r)
		mp_debug("mpt: features of a %s parsed (%u words)", what, w.n);
	return r;
}

int mpt_features_parse(const char *text, struct mpt_features *f)
{
	struct mpt_table tmp;
	struct cursor c;
	int r;

	memset(&tmp, 0, sizeof(tmp));
	memset(f, 0, sizeof(*f));
	r = split(&tmp, text, &c);
	if (!r)
		r = features_from_cursor(&c, f, "text");
	if (!r && c.i != c.n)
		r = -EINVAL;
	mpt_free(&tmp);
	return r;
}

static int put_features(char *buf, size_t size, size_t *pos, const struct mpt_features *f)
{
	unsigned int n = (f->no_path != MPT_NP_FAIL) + f->nother;
	int r;

	for (unsigned int i = 0; i < f->ngiven; i++)
		n += f->given[i] == MPT_RETAIN_HW_HANDLER ? 1 : 2;
	r = bprintf(buf, size, pos, "%u", n);
	/* queue_if_no_path first, where no_path_retry always put it */
	if (!r && f->no_path != MPT_NP_FAIL)
		r = bprintf(buf, size, pos, " queue_if_no_path");
	for (unsigned int i = 0; i < f->ngiven && !r; i++)
		switch ((enum mpt_feature)f->given[i]) {
		case MPT_RETAIN_HW_HANDLER:
			r = bprintf(buf, size, pos, " retain_attached_hw_handler");
			break;
		case MPT_PG_INIT_RETRIES:
			r = bprintf(buf, size, pos, " pg_init_retries %u", f->pg_init_retries);
			break;
		case MPT_PG_INIT_DELAY_MSECS:
			r = bprintf(buf, size, pos, " pg_init_delay_msecs %u", f->pg_init_delay_msecs);
			break;
		case MPT_QUEUE_MODE:
			r = bprintf(buf, size, pos, " queue_mode %s", qm_names[f->queue_mode]);
			break;
		default:
			break;
		}
	if (!r && f->nother)
		r = bprintf(buf, size, pos, " %s", f->other);
	return r;
}

int mpt_features_format(const struct mpt_features *f, char *buf, size_t size)
{
	size_t pos = 0;

	return put_features(buf, size, &pos, f);
}

void mpt_features_no_path(struct mpt_features *f, int no_path_retry)
{
	if (no_path_retry > 0) {
		f->no_path = MPT_NP_RETRY;
		f->retries = (unsigned int)no_path_retry;
	} else if (no_path_retry == NPR_QUEUE) {
		f->no_path = MPT_NP_QUEUE;
	} else if (no_path_retry == NPR_FAIL) {
		f->no_path = MPT_NP_FAIL;
	}
}

static int bio_based(const struct mpt_features *f)
{
	return mpt_feature_given(f, MPT_QUEUE_MODE) && f->queue_mode == MPT_QM_BIO;
}

int mpt_features_same(const struct mpt_features *want, const struct mpt_features *live)
{
	int wd = mpt_feature_given(want, MPT_PG_INIT_DELAY_MSECS);
	int ld = mpt_feature_given(live, MPT_PG_INIT_DELAY_MSECS);
	unsigned int wr = mpt_feature_given(want, MPT_PG_INIT_RETRIES) ? want->pg_init_retries : 0;
	unsigned int lr = mpt_feature_given(live, MPT_PG_INIT_RETRIES) ? live->pg_init_retries : 0;

	if ((want->no_path != MPT_NP_FAIL) != (live->no_path != MPT_NP_FAIL))
		return 0;
	/* the kernel echoes rq and mq as nothing (request-based, its default), and bio as
	 * bio plus the retain_attached_hw_handler it implies; pg_init_retries 0 is off */
	if (bio_based(want) != bio_based(live) ||
	    (mpt_feature_given(want, MPT_RETAIN_HW_HANDLER) || bio_based(want)) !=
		    (mpt_feature_given(live, MPT_RETAIN_HW_HANDLER) || bio_based(live)))
		return 0;
	if (wr != lr || wd != ld || (wd && want->pg_init_delay_msecs != live->pg_init_delay_msecs))
		return 0;
	return want->nother == live->nother && !strcmp(want->other, live->other);
}

int mpt_features_npr(const char *features, int no_path_retry, char *out, size_t size)
{
	struct mpt_features f;
	int r = mpt_features_parse(features, &f);

	if (r)
		return r;
	mpt_features_no_path(&f, no_path_retry);
	return mpt_features_format(&f, out, size);
}

/* --- the hardware handler --- */

static int hwhandler_from_cursor(struct cursor *c, struct mpt_hwhandler *h)
{
	struct mpt_words w;
	int r = counted_words(c, &w);

	if (r)
		return r;
	h->name = w.n ? w.w[0] : NULL;
	h->args.n = w.n ? w.n - 1 : 0;
	h->args.w = w.w + (w.n ? 1 : 0);
	return 0;
}

static int put_hwhandler(char *buf, size_t size, size_t *pos, const struct mpt_hwhandler *h)
{
	if (!h->name)
		return bprintf(buf, size, pos, "0");
	return bprintf(buf, size, pos, "%u %s", h->args.n + 1, h->name) ?:
	       put_words(buf, size, pos, &h->args, 0);
}

int mpt_format_hwhandler(const struct mpt_hwhandler *h, char *buf, size_t size)
{
	size_t pos = 0;

	return put_hwhandler(buf, size, &pos, h);
}

/* --- building --- */

/* text, all of it, as what parse reads: 0 or -EINVAL/-ENOMEM */
static int text_words(struct mpt_table *t, const char *text,
		      int (*parse)(struct cursor *, void *), void *out)
{
	struct cursor c;
	int r = split(t, text, &c);

	if (!r)
		r = parse(&c, out);
	return !r && c.i != c.n ? -EINVAL : r;
}

static int hw_words(struct cursor *c, void *out)
{
	return hwhandler_from_cursor(c, out);
}

/* "<name> <#args> args" */
static int sel_words(struct cursor *c, void *out)
{
	struct mpt_pg *pg = out;

	pg->selector = next_word(c);
	return pg->selector ? counted_words(c, &pg->sel_args) : -EINVAL;
}

static int args_words(struct cursor *c, void *out)
{
	return counted_words(c, out);
}

int mpt_build(const struct multipath *mp, const struct pathvec *pv,
	      const struct mpt_conf *conf, struct mpt_table *t, const char **bad)
{
	struct mpt_pg sel;
	struct mpt_words pa;
	int r;

	memset(t, 0, sizeof(*t));
	if (!conf)
		conf = &mpt_conf_default;
	if (!mp->npg)
		return -EINVAL;
	t->features = conf->features;
	memset(&sel, 0, sizeof(sel));
	if ((r = text_words(t, conf->hwhandler ? conf->hwhandler : mpt_conf_default.hwhandler,
			    hw_words, &t->hwhandler))) {
		if (bad)
			*bad = "hardware_handler";
		return r;
	}
	if ((r = text_words(t, conf->selector ? conf->selector : mpt_conf_default.selector,
			    sel_words, &sel))) {
		if (bad)
			*bad = "path_selector";
		return r;
	}
	if ((r = text_words(t, conf->path_args ? conf->path_args : mpt_conf_default.path_args,
			    args_words, &pa))) {
		if (bad)
			*bad = "path_args";
		return r;
	}
	t->pg = calloc(mp->npg, sizeof(*t->pg));
	if (!t->pg)
		return -ENOMEM;
	t->npg = (unsigned int)mp->npg;
	t->pg_num = 1;
	/* A repeat count (rr_min_io_rq, rr_weight priorities) replaces path_args: one argument. */
	unsigned int npa = conf->repeat ? 1 : pa.n;
	unsigned long long rep = conf->repeat ? conf->repeat : 1;

	for (size_t g = 0; g < mp->npg; g++) {
		const struct pathgroup *pg = &mp->pg[g];
		struct mpt_pg *tp = &t->pg[g];

		tp->selector = sel.selector;
		tp->sel_args = sel.sel_args;
		tp->paths = calloc(pg->n ? pg->n : 1, sizeof(*tp->paths));
		if (!tp->paths)
			return -ENOMEM;
		tp->npaths = (unsigned int)pg->n;
		for (size_t i = 0; i < pg->n; i++) {
			const struct path *p = &pv->p[pg->idx[i]];
			struct mpt_path *tpp = &tp->paths[i];

			if (!(tpp->dev = mem_printf(t, "%u:%u", p->major, p->minor)))
				return -ENOMEM;
			if ((conf->weight_by_prio || conf->repeat) && npa == 1) {
				unsigned long long n = conf->weight_by_prio && p->prio > 1 ?
						       rep * (unsigned int)p->prio : rep;

				tpp->args.n = 1;
				tpp->args.w = mem_alloc(t, sizeof(char *));
				/* the kernel reads an unsigned int */
				if (!tpp->args.w || !(tpp->args.w[0] = mem_printf(t, "%llu",
						n > 0xffffffffULL ? 0xffffffffULL : n)))
					return -ENOMEM;
			} else {
				tpp->args = pa;
			}
		}
	}
	return 0;
}

/* --- parsing --- */

/* Each PG is a 0.. allocation of npg; counts are bounded by the number of words left,
 * so a hostile count cannot make us allocate more than the input justifies. */
static int alloc_pgs(struct mpt_table *t, struct cursor *c)
{
	if (t->npg > c->n - c->i)
		return -EINVAL;
	if (!t->npg)
		return t->pg_num == 0 ? 0 : -EINVAL;
	if (t->pg_num > t->npg)
		return -EINVAL;
	t->pg = calloc(t->npg, sizeof(*t->pg));
	return t->pg ? 0 : -ENOMEM;
}

static int alloc_paths(struct mpt_pg *pg, struct cursor *c)
{
	if (!pg->npaths || pg->npaths > c->n - c->i)
		return -EINVAL;
	pg->paths = calloc(pg->npaths, sizeof(*pg->paths));
	return pg->paths ? 0 : -ENOMEM;
}

static int parse_common(const char *params, struct mpt_table *t, int status)
{
	struct cursor c;
	int r;

	memset(t, 0, sizeof(*t));
	r = split(t, params, &c);
	if (!r)
		r = status ? counted_words(&c, &t->status_features)
			   : features_from_cursor(&c, &t->features, "table");
	if (!r)
		r = hwhandler_from_cursor(&c, &t->hwhandler);
	if (!r)
		r = next_uint(&c, &t->npg);
	if (!r)
		r = next_uint(&c, &t->pg_num);
	if (!r)
		r = alloc_pgs(t, &c);
	for (unsigned int g = 0; g < t->npg && !r; g++) {
		struct mpt_pg *pg = &t->pg[g];
		unsigned int nargs = 0;

		if (status) {
			char *st = next_word(&c);

			if (!st || strlen(st) != 1 || !strchr("AED", st[0]))
				r = -EINVAL;
			else
				pg->state = st[0];
		} else if (!(pg->selector = next_word(&c))) {
			r = -EINVAL;
		}
		if (!r)
			r = counted_words(&c, &pg->sel_args);
		if (!r)
			r = next_uint(&c, &pg->npaths);
		if (!r)
			r = next_uint(&c, &nargs);
		if (!r)
			r = alloc_paths(pg, &c);
		for (unsigned int i = 0; i < pg->npaths && !r; i++) {
			struct mpt_path *p = &pg->paths[i];

			if (!(p->dev = next_word(&c))) {
				r = -EINVAL;
				break;
			}
			if (status) {
				char *st = next_word(&c);

				if (!st || strlen(st) != 1 || !strchr("AF", st[0])) {
					r = -EINVAL;
					break;
				}
				p->state = st[0];
				r = next_uint(&c, &p->fail_count);
			}
			if (!r)
				r = fixed_words(&c, nargs, &p->args);
		}
	}
	if (!r && c.i != c.n)
		r = -EINVAL;   /* trailing words: not a table we understand */
	if (r)
		mpt_free(t);
	return r;
}

int mpt_parse_table(const char *params, struct mpt_table *t)
{
	return parse_common(params, t, 0);
}

int mpt_parse_status(const char *params, struct mpt_table *t)
{
	return parse_common(params, t, 1);
}

void mpt_free(struct mpt_table *t)
{
	if (t->pg)
		for (unsigned int g = 0; g < t->npg; g++)
			free(t->pg[g].paths);
	free(t->pg);
	while (t->mem) {
		struct mpt_chunk *next = t->mem->next;

		free(t->mem);
		t->mem = next;
	}
	memset(t, 0, sizeof(*t));
}

/* --- comparing --- */

/* A path's selector args: want's are a prefix of live's, except that the kernel's
 * selectors take a repeat_count (the first arg) above 1 as 1 (rr_min_io_rq,
 * rr_weight priorities): asking for more than it keeps is no difference. */
static int path_args_same(const struct mpt_words *want, const struct mpt_words *live)
{
	unsigned int n;

	if (want->n && live->n && strcmp(want->w[0], live->w[0]) && !strcmp(live->w[0], "1") &&
	    !parse_uint(want->w[0], &n) && n > 1) {
		struct mpt_words w = { want->n - 1, want->w + 1 }, l = { live->n - 1, live->w + 1 };

		return words_prefix(&w, &l);
	}
	return words_prefix(want, live);
}

/* The kernel keeps a handler it attached itself (e.g. alua) and reports it, and it
 * never echoes a handler's args. */
static int hwhandler_same(const struct mpt_hwhandler *want, const struct mpt_hwhandler *live)
{
	if (!want->name)
		return 1;
	return live->name && !strcmp(want->name, live->name) &&
	       (!live->args.n || words_equal(&want->args, &live->args));
}

int mpt_same(const struct mpt_table *want, const struct mpt_table *live)
{
	if (!mpt_features_same(&want->features, &live->features) ||
	    !hwhandler_same(&want->hwhandler, &live->hwhandler))
		return 0;
	/* pg_num is not compared: the kernel echoes its current group there, so a
	 * failover or switch_group would look like a new table. */
	if (want->npg != live->npg)
		return 0;
	for (unsigned int g = 0; g < want->npg; g++) {
		const struct mpt_pg *a = &want->pg[g], *b = &live->pg[g];

		if (strcmp(a->selector, b->selector) || !words_equal(&a->sel_args, &b->sel_args) ||
		    a->npaths != b->npaths)
			return 0;
		for (unsigned int i = 0; i < a->npaths; i++)
			if (strcmp(a->paths[i].dev, b->paths[i].dev) ||
			    !path_args_same(&a->paths[i].args, &b->paths[i].args))
				return 0;
	}
	return 1;
}

unsigned int mpt_path_count(const struct mpt_table *t)
{
	unsigned int n = 0;

	for (unsigned int g = 0; g < t->npg; g++)
		n += t->pg[g].npaths;
	return n;
}

const struct mpt_path *mpt_find_path(const struct mpt_table *t, const char *dev)
{
	for (unsigned int g = 0; g < t->npg; g++)
		for (unsigned int i = 0; i < t->pg[g].npaths; i++)
			if (!strcmp(t->pg[g].paths[i].dev, dev))
				return &t->pg[g].paths[i];
	return NULL;
}

/* --- writing --- */

int mpt_format(const struct mpt_table *t, char *buf, size_t size)
{
	size_t pos = 0;
	int r = put_features(buf, size, &pos, &t->features);

	if (!r)
		r = bprintf(buf, size, &pos, " ");
	if (!r)
		r = put_hwhandler(buf, size, &pos, &t->hwhandler);
	if (!r)
		r = bprintf(buf, size, &pos, " %u %u", t->npg, t->pg_num);
	for (unsigned int g = 0; g < t->npg && !r; g++) {
		const struct mpt_pg *pg = &t->pg[g];
		unsigned int nargs = pg->npaths ? pg->paths[0].args.n : 0;

		r = bprintf(buf, size, &pos, " %s", pg->selector);
		if (!r)
			r = put_words(buf, size, &pos, &pg->sel_args, 1);
		if (!r)
			r = bprintf(buf, size, &pos, " %u %u", pg->npaths, nargs);
		for (unsigned int i = 0; i < pg->npaths && !r; i++) {
			r = bprintf(buf, size, &pos, " %s", pg->paths[i].dev);
			if (!r)
				r = put_words(buf, size, &pos, &pg->paths[i].args, 0);
		}
	}
	return r;
}

int mpt_remove_path(struct mpt_table *t, const char *dev)
{
	for (unsigned int g = 0; g < t->npg; g++) {
		struct mpt_pg *pg = &t->pg[g];

		for (unsigned int i = 0; i < pg->npaths; i++) {
			if (strcmp(pg->paths[i].dev, dev))
				continue;
			if (mpt_path_count(t) == 1)
				return -ENOTEMPTY;
			memmove(&pg->paths[i], &pg->paths[i + 1], (pg->npaths - i - 1) * sizeof(*pg->paths));
			if (--pg->npaths)
				return 0;
			/* the group is empty: drop it, keep the initial group where it was */
			free(pg->paths);
			memmove(&t->pg[g], &t->pg[g + 1], (t->npg - g - 1) * sizeof(*t->pg));
			t->npg--;
			if (t->pg_num > g + 1)
				t->pg_num--;
			else if (t->pg_num == g + 1)
				t->pg_num = 1;
			return 0;
		}
	}
	return -ENOENT;
}

int mpt_queues(const struct mpt_table *table)
{
	return table->features.no_path != MPT_NP_FAIL;
}

int mpt_queueing_without_paths(const struct mpt_table *table, const struct mpt_table *status)
{
	if (!mpt_queues(table))
		return 0;
	for (unsigned int g = 0; g < status->npg; g++)
		for (unsigned int i = 0; i < status->pg[g].npaths; i++)
			if (status->pg[g].paths[i].state == 'A')
				return 0;
	return 1;
}
