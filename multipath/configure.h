/* One multipath run: discover, probe, coalesce, group, then create/reload maps. */
#ifndef MP_CONFIGURE_H
#define MP_CONFIGURE_H

#include "cmdline.h"

#define EXIT_USAGE 1
#define EXIT_FAIL  2

/* Returns the process exit code. */
int run_multipath(const struct options *o);

#endif
