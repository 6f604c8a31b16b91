/* The -l listing. */
#ifndef KP_LIST_H
#define KP_LIST_H

#include <stdio.h>

#include "slice.h"

/* One line per non-empty slice, as Debian's kpartx prints them:
 *   "<name> : 0 <size> <device> <start>"    for top-level slices, in slot order, then
 *   "<name> : 0 <size> /dev/dm-<M> <offset>" for contained slices, where M numbers the
 *   maps in the order a fresh -a would create them and offset is relative to the
 *   container. Returns 0, -ENAMETOOLONG if a name would not fit a dm name (nothing
 *   more is printed) or -EIO if writing failed. */
int kp_print_list(FILE *f, const char *mapname, const char *delim, const char *device,
		  const struct kp_slices *sl);

#endif
