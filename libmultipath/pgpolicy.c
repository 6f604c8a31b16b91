#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pgpolicy.h"

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

/* qsort has no context argument: comparators read the paths from here. */
static const struct path *sort_paths;
static enum pgpolicy sort_policy;

/* The grouping key of a path under the policy being applied. */
static int cmp_key(const struct path *a, const struct path *b)
{
	switch (sort_policy) {
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

static int cmp_key_idx(const void *a, const void *b)
{
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	int c = cmp_key(&sort_paths[ia], &sort_paths[ib]);

	if (c)
		return c;
	return ia < ib ? -1 : ia > ib;
}

static int add_group(struct multipath *mp, const size_t *idx, size_t n)
{
	struct pathgroup *pg = &mp->pg[mp->npg];

	pg->idx = malloc(n * sizeof(*pg->idx));
	if (!pg->idx)
		return -ENOMEM;
	memcpy(pg->idx, idx, n * sizeof(*idx));
	pg->n = n;
	mp->npg++;
	return 0;
}

/* Sort by (key, position) and cut runs: O(n log n) however many distinct keys. */
static int group_by_key(struct multipath *mp, const struct pathvec *pv, size_t *use, size_t n)
{
	size_t i, j;
	int r = 0;

	qsort(use, n, sizeof(*use), cmp_key_idx);
	for (i = 0; i < n && !r; i = j) {
		for (j = i + 1; j < n && !cmp_key(&pv->p[use[i]], &pv->p[use[j]]); j++)
			;
		r = add_group(mp, use + i, j - i);
	}
	return r;
}

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
	size_t *use, n = 0, i;
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
	mp->pg = calloc(policy == PGP_MULTIBUS ? 1 : n, sizeof(*mp->pg));
	if (!mp->pg) {
		r = -ENOMEM;
		goto out;
	}
	sort_paths = pv->p;
	sort_policy = policy;
	switch (policy) {
	case PGP_MULTIBUS:
		r = add_group(mp, use, n);
		break;
	case PGP_FAILOVER:
		for (i = 0; i < n && !r; i++)
			r = add_group(mp, use + i, 1);
		break;
	default:
		r = group_by_key(mp, pv, use, n);
	}
	if (!r)
		r = rank_groups(mp, pv);
	if (r)
		multipath_free_groups(mp);
out:
	free(use);
	return r;
}
