/* multipath --revalidate: the revalidator (see revalidate.c and multipath(8), REVALIDATION). */
#ifndef MP_REVALIDATE_H
#define MP_REVALIDATE_H

#include "cmdline.h"

/* Touched by every PATH_FAILED event (the hotplug handler) before it starts a revalidator:
 * a running one looks at every map again; one on its way out stays. */
#define MP_REVALIDATE_KICK "revalidate.kick"

int run_revalidate(const struct options *o);

#endif
