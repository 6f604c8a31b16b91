#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pgpolicy.h"

static const char *const policy_names[] = {
	[PGP_FAILOVER] = "failover",
	[PGP_MULTIBUS] = "multibus",
	[PGP_GROUP_BY_SERIAL] = "group_by_serial",
};

enum pgpolicy pgpolicy_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(policy_names) / sizeof(policy_names[0]); i++)
		if (name && !strcmp(name, policy_names[i]))
			return (enum pgpolicy)i;
	return PGP_INVALID;
}

const char *pgpolicy_name(enum pgpolicy p)
{
	if (p < 0 || (size_t)p >= sizeof(policy_names) / sizeof(policy_names[0]))
		return "invalid";
	return policy_names[p];
}

int path_usable(const struct path *p)
{
	return p->wwid[0] && p->state != PATH_DOWN && !p->busy;
}

static int add_group(struct multipath *mp, size_t cap)
{
	struct pathgroup *pg = &mp->pg[mp->npg];

	pg->idx = malloc(cap * sizeof(*pg->idx));
	if (!pg->idx)
		return -ENOMEM;
	pg->n = 0;
	mp->npg++;
	return 0;
}

static const struct path *sort_paths;

static int cmp_serial_idx(const void *a, const void *b)
{
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	int c = strcmp(sort_paths[ia].serial, sort_paths[ib].serial);

	if (c)
		return c;
	return ia < ib ? -1 : ia > ib;
}

static int cmp_group_first(const void *a, const void *b)
{
	const struct pathgroup *ga = a, *gb = b;

	return ga->idx[0] < gb->idx[0] ? -1 : ga->idx[0] > gb->idx[0];
}

/* Sort by (serial, position) and cut runs: O(n log n) however many controllers. */
static int group_by_serial(struct multipath *mp, const struct pathvec *pv, size_t *use, size_t n)
{
	size_t i, j;
	int r;

	sort_paths = pv->p;
	qsort(use, n, sizeof(*use), cmp_serial_idx);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(pv->p[use[i]].serial, pv->p[use[j]].serial); j++)
			;
		r = add_group(mp, j - i);
		if (r)
			return r;
		memcpy(mp->pg[mp->npg - 1].idx, use + i, (j - i) * sizeof(*use));
		mp->pg[mp->npg - 1].n = j - i;
	}
	qsort(mp->pg, mp->npg, sizeof(*mp->pg), cmp_group_first);
	return 0;
}

int group_paths(struct multipath *mp, const struct pathvec *pv, enum pgpolicy policy)
{
	size_t *use, n = 0, i;
	int r = 0;

	multipath_free_groups(mp);
	if (policy == PGP_INVALID || pgpolicy_name(policy)[0] == 'i')
		return -EINVAL;
	use = malloc((mp->n ? mp->n : 1) * sizeof(*use));
	if (!use)
		return -ENOMEM;
	for (i = 0; i < mp->n; i++)
		if (path_usable(&pv->p[mp->idx[i]]))
			use[n++] = mp->idx[i];
	if (!n)
		goto out;
	mp->pg = calloc(policy == PGP_MULTIBUS ? 1 : n, sizeof(*mp->pg));
	if (!mp->pg) {
		r = -ENOMEM;
		goto out;
	}
	switch (policy) {
	case PGP_MULTIBUS:
		r = add_group(mp, n);
		if (!r) {
			memcpy(mp->pg[0].idx, use, n * sizeof(*use));
			mp->pg[0].n = n;
		}
		break;
	case PGP_FAILOVER:
		for (i = 0; i < n && !r; i++) {
			r = add_group(mp, 1);
			if (!r) {
				mp->pg[i].idx[0] = use[i];
				mp->pg[i].n = 1;
			}
		}
		break;
	case PGP_GROUP_BY_SERIAL:
		r = group_by_serial(mp, pv, use, n);
		break;
	default:
		r = -EINVAL;
	}
	if (r)
		multipath_free_groups(mp);
out:
	free(use);
	return r;
}
