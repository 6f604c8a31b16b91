/* -l / -ll: the topology of live multipath maps, as a tree or JSON. */
#ifndef MP_LIST_MAPS_H
#define MP_LIST_MAPS_H

#include "cmdline.h"

int run_list(const struct options *o);    /* exit code */

#endif
