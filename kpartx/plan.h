/* What -a, -u and -d have to do, worked out from the slices and the maps that exist,
 * without touching device-mapper (apply.c carries the plan out). */
#ifndef KP_PLAN_H
#define KP_PLAN_H

#include <stdint.h>

#include "devmapper.h"
#include "slice.h"

enum kp_op_kind {
	KP_OP_CREATE,     /* new map name/uuid */
	KP_OP_RELOAD,     /* our map for this partition exists (maybe renamed): new table */
	KP_OP_REMOVE,     /* our map for a partition that is gone (-u), or any of ours (-d) */
	KP_OP_CONFLICT,   /* the name is held by a map that is not this partition: skipped */
};

struct kp_op {
	enum kp_op_kind kind;
	unsigned int part;                 /* partition number */
	char name[DMX_NAME_SIZE];
	char uuid[DMX_UUID_SIZE];          /* CREATE: the new map's; CONFLICT: the holder's */
	uint64_t size;                     /* CREATE/RELOAD: sectors */
	char params[48];                   /* CREATE/RELOAD: "<maj>:<min> <start>" */
};

struct kp_plan {
	struct kp_op *ops;
	size_t n;
};

/* The whole disk whose partitions are mapped. */
struct kp_parent {
	const char *mapname;               /* names are <mapname><delim><N> */
	const char *delim;
	const char *uuid;                  /* map UUIDs are part<N>-<uuid> */
	unsigned int major, minor;         /* the linear targets point here */
};

/* -a (update == 0) / -u (update != 0). For each non-empty slice, top-level ones first:
 * RELOAD the map whose UUID is part<N>-<parent uuid> whatever its name, else CREATE
 * <mapname><delim><N> unless a map of that name exists (CONFLICT). With update, then
 * REMOVE our maps of partitions that are empty or beyond the table, highest first.
 * 0, -ENAMETOOLONG (a name or UUID would not fit; nothing planned) or -ENOMEM. */
int kp_plan_add(const struct kp_parent *p, const struct kp_slices *sl,
		const struct dmx_maplist *maps, int update, struct kp_plan *plan);
/* -d: REMOVE every map whose UUID is part<N>-<parent uuid>, highest N first.
 * The partition table is not consulted. 0 or -ENOMEM. */
int kp_plan_delete(const struct kp_parent *p, const struct dmx_maplist *maps,
		   struct kp_plan *plan);
void kp_plan_free(struct kp_plan *plan);

#endif
