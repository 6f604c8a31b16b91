#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "coalesce.h"
#include "util.h"

/* qsort has no context argument: the comparator reads the path array from here. */
static const struct path *sort_paths;

/* By WWID, then by scan position, so each run is already in scan order. */
static int cmp_wwid_idx(const void *a, const void *b)
{
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	int c = strcmp(sort_paths[ia].wwid, sort_paths[ib].wwid);

	if (c)
		return c;
	return ia < ib ? -1 : ia > ib;
}

/* Multipaths ordered by the scan position of their first path. */
static int cmp_first_idx(const void *a, const void *b)
{
	const struct multipath *ma = a, *mb = b;

	return ma->idx[0] < mb->idx[0] ? -1 : ma->idx[0] > mb->idx[0];
}

int coalesce_paths(const struct pathvec *pv, const char *only_wwid, struct mpvec *out)
{
	size_t *order, n = 0, i, j, nmp = 0;
	int r = -ENOMEM;

	out->m = NULL;
	out->n = 0;
	order = malloc((pv->n ? pv->n : 1) * sizeof(*order));
	if (!order)
		return -ENOMEM;
	for (i = 0; i < pv->n; i++) {
		const char *w = pv->p[i].wwid;

		if (!w[0] || (only_wwid && strcmp(w, only_wwid)))
			continue;
		order[n++] = i;
	}
	sort_paths = pv->p;
	qsort(order, n, sizeof(*order), cmp_wwid_idx);
	for (i = 0; i < n; i = j) {   /* count runs */
		for (j = i + 1; j < n && !strcmp(pv->p[order[i]].wwid, pv->p[order[j]].wwid); j++)
			;
		nmp++;
	}
	out->m = calloc(nmp ? nmp : 1, sizeof(*out->m));
	if (!out->m)
		goto out;
	for (i = 0; i < n; i = j) {
		struct multipath *mp = &out->m[out->n];

		for (j = i + 1; j < n && !strcmp(pv->p[order[i]].wwid, pv->p[order[j]].wwid); j++)
			;
		mp->idx = malloc((j - i) * sizeof(*mp->idx));
		if (!mp->idx) {
			mpvec_free(out);
			goto out;
		}
		memcpy(mp->idx, order + i, (j - i) * sizeof(*mp->idx));
		mp->n = j - i;
		strlcpy_safe(mp->wwid, pv->p[order[i]].wwid, sizeof(mp->wwid));
		mp->size = pv->p[order[i]].size;
		out->n++;
	}
	qsort(out->m, out->n, sizeof(*out->m), cmp_first_idx);
	r = 0;
out:
	free(order);
	return r;
}
