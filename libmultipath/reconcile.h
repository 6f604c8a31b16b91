/* Pure: bring a live map whose table is already right in line with what the checkers
 * just saw, without a reload: dm messages only.
 *   - a path the kernel has failed that checks good again -> reinstate_path
 *   - a path the kernel uses that checks dead            -> fail_path
 *   - failback immediate, the kernel not in group 1 while group 1 has a usable
 *     path                                                 -> switch_group 1 */
#ifndef MP_RECONCILE_H
#define MP_RECONCILE_H

#include <stddef.h>
#include "mptable.h"
#include "structs.h"

#define RECONCILE_MSG_SIZE 64

struct reconcile_msgs {
	char (*msg)[RECONCILE_MSG_SIZE];
	size_t n;
};

/* status: the map's parsed status; pv: the probed paths (looked up by "maj:min").
 * A path not found in pv is left alone (nothing was checked). 0 or -ENOMEM. */
int reconcile_map(const struct mpt_table *status, const struct pathvec *pv, int failback_immediate,
		  struct reconcile_msgs *out);
void reconcile_free(struct reconcile_msgs *m);

#endif
