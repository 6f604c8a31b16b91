/* Live state of a multipath map that callers must respect before removing anything. */
#ifndef MP_DMSTATE_H
#define MP_DMSTATE_H

/* 1 if map name queues I/O (queue_if_no_path) and has no active path right now:
 * removing it, or its last partition map (the kernel syncs the parent), would block
 * until a path returns. 0 otherwise, also for maps that are not multipath maps. */
int dm_map_queue_blocked(const char *name);

#endif
