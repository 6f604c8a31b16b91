/* Pure: what to do with one map, given the table we want and the one the kernel has. */
#ifndef MP_ACTION_H
#define MP_ACTION_H

#include "mptable.h"

enum mp_action {
	ACT_NONE,      /* live table already does what we want: touch nothing */
	ACT_CREATE,    /* no such map */
	ACT_RELOAD,    /* map exists, table differs */
};

/* live_params NULL means the map does not exist. The live table is parsed here, once,
 * and compared with want as structures (mpt_same); one we cannot parse is replaced
 * (reload). */
enum mp_action select_action(const struct mpt_table *want, const char *live_params);
const char *action_name(enum mp_action a);

#endif
