/* Hotplug path removal (ACTION=remove): the device is gone from sysfs, so it is found
 * by MAJOR:MINOR in the live tables, and its map is reloaded without it. */
#ifndef MP_REMOVE_H
#define MP_REMOVE_H

#include "context.h"

/* Returns the exit code. */
int remove_path_event(struct ctx *c);

#endif
