/* Pure: live maps keep their WWID (livewwid.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "livewwid.h"
#include "util.h"

static struct wwid_keep *find(struct wwid_keep *k, size_t n, const char *computed)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(k[i].computed, computed))
			return &k[i];
	return NULL;
}

int wwid_keep_live(struct pathvec *pv, const char *const *live, struct wwid_keep **out)
{
	struct wwid_keep *k = NULL, *hit;
	size_t n = 0, cap = 0;

	*out = NULL;
	/* Held paths first: they name the pairs. Mismatches are rare, a list will do. */
	for (size_t i = 0; i < pv->n; i++) {
		struct path *p = &pv->p[i];

		if (!live[i] || !live[i][0] || !p->wwid[0] || !strcmp(p->wwid, live[i]))
			continue;
		hit = find(k, n, p->wwid);
		if (!hit) {
			if (n == cap) {
				struct wwid_keep *nk = realloc(k, (cap = cap ? 2 * cap : 4) * sizeof(*k));

				if (!nk) {
					free(k);
					return -ENOMEM;
				}
				k = nk;
			}
			hit = &k[n++];
			strlcpy_safe(hit->computed, p->wwid, sizeof(hit->computed));
			strlcpy_safe(hit->live, live[i], sizeof(hit->live));
			hit->npaths = 0;
		}
		/* One LU's paths can only be held by one map; a second live WWID for the
		 * same computed one keeps the first pair (both maps stay as they are). */
		strlcpy_safe(p->wwid, live[i], sizeof(p->wwid));
		hit->npaths++;
	}
	/* Then the LU's paths no map holds yet (a path that came back, a new one). */
	for (size_t i = 0; i < pv->n && n; i++) {
		struct path *p = &pv->p[i];

		if ((live[i] && live[i][0]) || !p->wwid[0] || !(hit = find(k, n, p->wwid)))
			continue;
		strlcpy_safe(p->wwid, hit->live, sizeof(p->wwid));
		hit->npaths++;
	}
	*out = k;
	return (int)n;
}
