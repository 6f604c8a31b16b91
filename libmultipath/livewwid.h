/* Pure: never rename a live map behind the admin's back. A path held by a live
 * multipath map whose WWID (its dm uuid "mpath-<WWID>") differs from what this run
 * computed (another ranking, uid_attribute, or tool made the map) keeps the live WWID,
 * and so do the LU's other paths that computed the same new value: the map keeps its
 * name, alias and table, and the caller says so. */
#ifndef MP_LIVEWWID_H
#define MP_LIVEWWID_H

#include <stddef.h>
#include "structs.h"

struct wwid_keep {
	char computed[WWID_SIZE];   /* what this run computed */
	char live[WWID_SIZE];       /* what the live map carries: kept */
	size_t npaths;              /* paths moved back to the live WWID */
};

/* live[i]: the WWID of the map holding pv->p[i], or NULL / "" when none holds it.
 * A path with no computed WWID is left alone. *out (free it) gets one entry per
 * distinct (computed, live) pair, in path order. Returns their number, or -ENOMEM. */
int wwid_keep_live(struct pathvec *pv, const char *const *live, struct wwid_keep **out);

#endif
