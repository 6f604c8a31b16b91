#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pgpolicy.h"
#include "util.h"

static const char *const policy_names[] = {
	[PGP_FAILOVER] = "failover",
	[PGP_MULTIBUS] = "multibus",
	[PGP_GROUP_BY_SERIAL] = "group_by_serial",
	[PGP_GROUP_BY_PRIO] = "group_by_prio",
	[PGP_GROUP_BY_NODE_NAME] = "group_by_node_name",
};
#define NPOLICIES (sizeof(policy_names) / sizeof(policy_names[0]))

enum pgpolicy pgpolicy_from_name(const char *name)
{
	for (size_t i = 0; i < NPOLICIES; i++)
		if (name && policy_names[i] && !strcmp(name, policy_names[i]))
			return (enum pgpolicy)i;
	return PGP_INVALID;
}

const char *pgpolicy_name(enum pgpolicy p)
{
	if (p < 0 || (size_t)p >= NPOLICIES || !policy_names[p])
		return "invalid";
	return policy_names[p];
}

int path_usable(const struct path *p)
{
	return p->wwid[0] && p->state != PATH_DOWN && !p->busy;
}

/* The grouping key of a path under policy. */
static int cmp_key(enum pgpolicy policy, const struct path *a, const struct path *b)
{
	switch (policy) {
	case PGP_GROUP_BY_SERIAL:
		return strcmp(a->serial, b->serial);
	case PGP_GROUP_BY_NODE_NAME:
		return strcmp(a->node_name, b->node_name);
	case PGP_GROUP_BY_PRIO:
		return (a->prio < b->prio) - (a->prio > b->prio);
	default:
		return 0;
	}
}

/* What the path-index comparator needs (qsort_r's context). */
struct key_ctx {
	const struct path *paths;
	enum pgpolicy policy;
};

static int cmp_key_idx(const void *a, const void *b, void *arg)
{
	const struct key_ctx *k = arg;
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	int c = cmp_key(k->policy, &k->paths[ia], &k->paths[ib]);

	if (c)
		return c;
	return ia < ib ? -1 : ia > ib;
}

/* Groups are built in a local array (pg, *npg) and handed to the map when complete. */
static int add_group(struct pathgroup *pg, size_t *npg, const size_t *idx, size_t n)
{
	size_t *copy = malloc(n * sizeof(*copy));

	if (!copy)
		return -ENOMEM;
	memcpy(copy, idx, n * sizeof(*idx));
	pg[*npg].idx = copy;
	pg[*npg].n = n;
	(*npg)++;
	return 0;
}

/* Sort by (key, position) and cut runs: O(n log n) however many distinct keys. */
ANALYZER_FP_LEAK_BEGIN   /* pg[*npg].idx = copy, in add_group */
static int group_by_key(struct pathgroup *pg, size_t *npg, const struct pathvec *pv,
			enum pgpolicy policy, size_t *use, size_t n)
{
	struct key_ctx k = { .paths = pv->p, .policy = policy };
	size_t i, j;
	int r = 0;

	qsort_r(use, n, sizeof(*use), cmp_key_idx, &k);
	for (i = 0; i < n && !r; i = j) {
		for (j = i + 1; j < n && !cmp_key(policy, &pv->p[use[i]], &pv->p[use[j]]); j++)
			;
		r = add_group(pg, npg, use + i, j - i);
	}
	return r;
}
ANALYZER_FP_LEAK_END

/* Group ranking: mean path priority, higher first; a group of only passive (ghost)
 * paths after any group that can do I/O; then first-seen order (stable). */
struct pg_rank {
	struct pathgroup pg;
	long long prio_sum;
	size_t active;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct pg_rank *x = a, *y = b;
	int xa = x->active > 0, ya = y->active > 0;
	long long l, r;

	if (xa != ya)
		return ya - xa;
	/* compare means without division: sum_x / n_x vs sum_y / n_y */
	l = x->prio_sum * (long long)y->pg.n;
	r = y->prio_sum * (long long)x->pg.n;
	if (l != r)
		return l > r ? -1 : 1;
	return x->pg.idx[0] < y->pg.idx[0] ? -1 : x->pg.idx[0] > y->pg.idx[0];
}

static int rank_groups(struct multipath *mp, const struct pathvec *pv)
{
	struct pg_rank *rk = calloc(mp->npg, sizeof(*rk));

	if (!rk)
		return -ENOMEM;
	for (size_t g = 0; g < mp->npg; g++) {
		rk[g].pg = mp->pg[g];
		for (size_t i = 0; i < mp->pg[g].n; i++) {
			const struct path *p = &pv->p[mp->pg[g].idx[i]];

			rk[g].prio_sum += p->prio;
			rk[g].active += p->state != PATH_GHOST;
		}
	}
	qsort(rk, mp->npg, sizeof(*rk), cmp_rank);
	for (size_t g = 0; g < mp->npg; g++)
		mp->pg[g] = rk[g].pg;
	free(rk);
	return 0;
}

int group_paths(struct multipath *mp, const struct pathvec *pv, enum pgpolicy policy)
{
	struct pathgroup *pg;
	size_t *use, n = 0, i, npg = 0;
	int r = 0;

	multipath_free_groups(mp);
	if (!strcmp(pgpolicy_name(policy), "invalid"))
		return -EINVAL;
	use = malloc((mp->n ? mp->n : 1) * sizeof(*use));
	if (!use)
		return -ENOMEM;
	for (i = 0; i < mp->n; i++) {
		const struct path *p = &pv->p[mp->idx[i]];

		if (path_usable(p) || (mp->include_down && p->wwid[0] && !p->busy))
			use[n++] = mp->idx[i];
	}
	if (!n)
		goto out;
	pg = calloc(policy == PGP_MULTIBUS ? 1 : n, sizeof(*pg));
	if (!pg) {
		r = -ENOMEM;
		goto out;
	}
	switch (policy) {
	case PGP_MULTIBUS:
		r = add_group(pg, &npg, use, n);
		break;
	case PGP_FAILOVER:
		for (i = 0; i < n && !r; i++)
			r = add_group(pg, &npg, use + i, 1);
		break;
	default:
		r = group_by_key(pg, &npg, pv, policy, use, n);
	}
	mp->pg = pg;
	mp->npg = npg;
	if (!r)
		r = rank_groups(mp, pv);
	if (r)
		multipath_free_groups(mp);
out:
	free(use);
	return r;
}
