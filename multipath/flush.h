/* -f map / -F: remove unused multipath maps, their unused kpartx partition maps first.
 * A map that is open (mounted, in use, queued I/O waiting, a partition map in use) is
 * never removed. */
#ifndef MP_FLUSH_H
#define MP_FLUSH_H

#include "cmdline.h"

int run_flush(const struct options *o);   /* exit code */

#endif
