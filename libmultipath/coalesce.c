#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "coalesce.h"
#include "strmap.h"
#include "util.h"

/* One hash pass: each path's WWID gets the number of the multipath it opened or joins,
 * numbered in order of first appearance, so multipaths and their members come out in
 * scan order without sorting. O(n) expected, and cache-friendly at a million paths. */
int coalesce_paths(const struct pathvec *pv, const char *only_wwid, struct mpvec *out)
{
	struct strmap seen = { 0 };
	size_t *mp_of = NULL, *count = NULL, nmp = 0, i;
	struct multipath *mps = NULL;
	int r = -ENOMEM;

	out->m = NULL;
	out->n = 0;
	mp_of = malloc((pv->n ? pv->n : 1) * sizeof(*mp_of));
	if (!mp_of)
		goto out;
	for (i = 0; i < pv->n; i++) {
		const char *w = pv->p[i].wwid;
		size_t m;

		mp_of[i] = (size_t)-1;
		if (!w[0] || (only_wwid && strcmp(w, only_wwid)))
			continue;   /* no WWID: never coalesced with anything */
		/* One probe: a new WWID opens multipath nmp, a known one gives its number. The
		 * table grows with the LUs (a quarter or less of the paths), not sized for every
		 * path up front: a table that stays small stays in the CPU cache. */
		switch (strmap_put_get(&seen, w, nmp, &m)) {
		case 0:
			nmp++;
			break;
		case -EEXIST:
			break;
		default:
			goto out;   /* -ENOMEM */
		}
		mp_of[i] = m;
	}
	/* Filled through a local array, handed to out when whole (also keeps gcc's
	 * -fanalyzer from losing track of the idx arrays inside *out). */
	mps = calloc(nmp ? nmp : 1, sizeof(*mps));
	count = calloc(nmp ? nmp : 1, sizeof(*count));
	if (!mps || !count)
		goto fail;
	for (i = 0; i < pv->n; i++)
		if (mp_of[i] != (size_t)-1)
			count[mp_of[i]]++;
	for (size_t m = 0; m < nmp; m++)
		if (!(mps[m].idx = malloc(count[m] * sizeof(*mps[m].idx))))
			goto fail;
	for (i = 0; i < pv->n; i++) {
		struct multipath *mp;

		if (mp_of[i] == (size_t)-1)
			continue;
		mp = &mps[mp_of[i]];
		if (!mp->n) {   /* the first member names and sizes the multipath */
			strlcpy_safe(mp->wwid, pv->p[i].wwid, sizeof(mp->wwid));
			mp->size = pv->p[i].size;
		}
		mp->idx[mp->n++] = i;
	}
	out->m = mps;
	out->n = nmp;
	r = 0;
	goto out;
fail:
	for (size_t m = 0; mps && m < nmp; m++)
		free(mps[m].idx);
	free(mps);
out:
	strmap_free(&seen);
	free(mp_of);
	free(count);
	return r;
}
