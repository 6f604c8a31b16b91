/* Pure: the table a map should have, from its grouped paths and its resolved settings
 * (features and no_path_retry, hardware handler, selector, rr_min_io / rr_min_io_rq,
 * rr_weight). The paths must already be grouped (group_paths). */
#ifndef MP_MPWANT_H
#define MP_MPWANT_H

#include "config.h"
#include "mptable.h"
#include "structs.h"

/* The table for mp into t (free it with mpt_free, also on error). 0, -EINVAL (a
 * setting that does not parse: *bad names it; or no group) or -ENOMEM. */
int mpw_build(const struct multipath *mp, const struct pathvec *pv, const struct mp_settings *s,
	      struct mpt_table *t, const char **bad);

#endif
