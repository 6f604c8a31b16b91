/* Pure: the table a map should have, from its grouped paths and its resolved settings
 * (features and no_path_retry, hardware handler, selector, rr_min_io / rr_min_io_rq,
 * rr_weight). The paths must already be grouped (group_paths). */
#ifndef MP_MPWANT_H
#define MP_MPWANT_H

#include <stddef.h>
#include "config.h"
#include "structs.h"

/* The table params for mp into buf. 0, -EINVAL (features that do not parse, or no
 * group) or -ENOSPC (buf too small). */
int mpw_build(const struct multipath *mp, const struct pathvec *pv, const struct mp_settings *s,
	      char *buf, size_t size);

#endif
