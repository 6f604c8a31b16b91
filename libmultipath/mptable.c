#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mptable.h"
#include "util.h"

const struct mpt_conf mpt_conf_default = {
	.features = "0",
	.hwhandler = "0",
	.selector = "round-robin 0",
	.path_args = "1 1",
};

int mpt_build(const struct multipath *mp, const struct pathvec *pv,
	      const struct mpt_conf *conf, char *buf, size_t size)
{
	size_t pos = 0;
	int r;

	if (!conf)
		conf = &mpt_conf_default;
	if (!mp->npg)
		return -EINVAL;
	/* path_args is "<count> [args]": the count goes after #paths, the args after each path.
	 * A repeat count replaces them: one argument. */
	const char *pa = conf->path_args ? conf->path_args : mpt_conf_default.path_args;
	unsigned int npa = conf->repeat ? 1 : (unsigned int)strtoul(pa, NULL, 10);
	const char *pa_words = strchr(pa, ' ');
	unsigned long long rep = conf->repeat ? conf->repeat : 1;

	r = bprintf(buf, size, &pos, "%s %s %zu 1", conf->features, conf->hwhandler, mp->npg);
	for (size_t g = 0; g < mp->npg && !r; g++) {
		const struct pathgroup *pg = &mp->pg[g];

		r = bprintf(buf, size, &pos, " %s %zu %u", conf->selector, pg->n, npa);
		for (size_t i = 0; i < pg->n && !r; i++) {
			const struct path *p = &pv->p[pg->idx[i]];

			if ((conf->weight_by_prio || conf->repeat) && npa == 1) {
				unsigned long long n = conf->weight_by_prio && p->prio > 1 ?
						       rep * (unsigned int)p->prio : rep;

				/* the kernel reads an unsigned int */
				r = bprintf(buf, size, &pos, " %u:%u %llu", p->major, p->minor,
					    n > 0xffffffffULL ? 0xffffffffULL : n);
			} else
				r = bprintf(buf, size, &pos, " %u:%u%s", p->major, p->minor,
					    npa && pa_words ? pa_words : "");
		}
	}
	return r;
}

/* --- parsing --- */

struct cursor {
	char **tok;
	size_t n, i;
};

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

static int tokenize(const char *params, struct mpt_table *t, struct cursor *c)
{
	size_t len = strlen(params), cap = len / 2 + 2, n = 0;
	char *s;

	memset(t, 0, sizeof(*t));
	t->buf = strdup(params);
	t->tok = malloc(cap * sizeof(*t->tok));
	if (!t->buf || !t->tok)
		return -ENOMEM;
	for (s = t->buf; *s;) {
		while (*s && isspace((unsigned char)*s))
			*s++ = '\0';
		if (!*s)
			break;
		t->tok[n++] = s;   /* a word needs a char and a separator: n <= cap */
		while (*s && !isspace((unsigned char)*s))
			s++;
	}
	c->tok = t->tok;
	c->n = n;
	c->i = 0;
	return 0;
}

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
	int r = tokenize(params, t, &c);

	if (!r)
		r = counted_words(&c, &t->features);
	if (!r)
		r = counted_words(&c, &t->hwhandler);
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
	free(t->tok);
	free(t->buf);
	memset(t, 0, sizeof(*t));
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

int mpt_same(const struct mpt_table *want, const struct mpt_table *live)
{
	if (!words_equal(&want->features, &live->features))
		return 0;
	/* The kernel keeps a handler it attached itself (e.g. alua) and reports it. */
	if (want->hwhandler.n && !words_equal(&want->hwhandler, &live->hwhandler))
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

static int put_words(char *buf, size_t size, size_t *pos, const struct mpt_words *w, int count)
{
	int r = count ? bprintf(buf, size, pos, " %u", w->n) : 0;

	for (unsigned int i = 0; i < w->n && !r; i++)
		r = bprintf(buf, size, pos, " %s", w->w[i]);
	return r;
}

int mpt_format(const struct mpt_table *t, char *buf, size_t size)
{
	size_t pos = 0;
	int r = bprintf(buf, size, &pos, "%u", t->features.n);

	for (unsigned int i = 0; i < t->features.n && !r; i++)
		r = bprintf(buf, size, &pos, " %s", t->features.w[i]);
	if (!r)
		r = put_words(buf, size, &pos, &t->hwhandler, 1);
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

int mpt_features_npr(const char *features, int no_path_retry, char *out, size_t size)
{
	struct mpt_table t;
	struct cursor c;
	size_t pos = 0;
	int has_q = 0, want_q, r = tokenize(features, &t, &c);
	unsigned int keep = 0;

	if (!r)
		r = counted_words(&c, &t.features);
	if (!r && c.i != c.n)
		r = -EINVAL;
	if (r) {
		mpt_free(&t);
		return r;
	}
	for (unsigned int i = 0; i < t.features.n; i++)
		has_q |= !strcmp(t.features.w[i], "queue_if_no_path");
	/* N > 0 or queue: queue; fail: don't; anything else: as the features say */
	want_q = no_path_retry > 0 || no_path_retry == -2 ? 1 : no_path_retry == -1 ? 0 : has_q;
	for (unsigned int i = 0; i < t.features.n; i++)
		keep += strcmp(t.features.w[i], "queue_if_no_path") != 0;
	r = bprintf(out, size, &pos, "%u", keep + (unsigned int)want_q);
	if (!r && want_q)
		r = bprintf(out, size, &pos, " queue_if_no_path");
	for (unsigned int i = 0; i < t.features.n && !r; i++)
		if (strcmp(t.features.w[i], "queue_if_no_path"))
			r = bprintf(out, size, &pos, " %s", t.features.w[i]);
	mpt_free(&t);
	return r;
}

int mpt_queueing_without_paths(const struct mpt_table *table, const struct mpt_table *status)
{
	int queues = 0;

	for (unsigned int i = 0; i < table->features.n; i++)
		queues |= !strcmp(table->features.w[i], "queue_if_no_path");
	if (!queues)
		return 0;
	for (unsigned int g = 0; g < status->npg; g++)
		for (unsigned int i = 0; i < status->pg[g].npaths; i++)
			if (status->pg[g].paths[i].state == 'A')
				return 0;
	return 1;
}
