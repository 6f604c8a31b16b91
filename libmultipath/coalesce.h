/* Pure: coalesce paths into multipaths by WWID. */
#ifndef MP_COALESCE_H
#define MP_COALESCE_H

#include "structs.h"

/* One multipath per distinct non-empty WWID; member paths and the multipaths
 * themselves keep scan (pathvec) order. O(n) expected (hashing). If only_wwid is not NULL,
 * only paths with that WWID are taken. Paths without a WWID are never coalesced.
 * The size is the first member's. 0 or -ENOMEM. */
int coalesce_paths(const struct pathvec *pv, const char *only_wwid, struct mpvec *out);

#endif
