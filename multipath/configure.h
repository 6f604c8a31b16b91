/* The default mode: discover, probe, coalesce, group, then create/reload maps. */
#ifndef MP_CONFIGURE_H
#define MP_CONFIGURE_H

#include "cmdline.h"

/* Returns the process exit code. */
int run_multipath(const struct options *o);

#endif
