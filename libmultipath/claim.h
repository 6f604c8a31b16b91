/* Claiming paths for udev (multipath -u): is this SCSI disk a path of a multipath map, now or
 * as soon as multipath runs? Pure policy and output: the edge (multipath/claim.c) gathers the
 * facts from sysfs, the configuration, the wwids file and the udev event, and the answer is
 * the find_multipaths decision multipath itself makes (findmp_decide), so that udev never
 * hides a disk that gets no map, nor leaves a path of a map to blkid, LVM and mounts. */
#ifndef MP_CLAIM_H
#define MP_CLAIM_H

#include <stddef.h>

#include "findmp.h"

struct claim_facts {
	int is_disk;              /* a SCSI disk (sd with a SCSI device), not a partition */
	int config_ok;            /* a configuration was set up (bad lines are skipped); else
				   * only live maps count */
	int in_map;               /* holders/ has a multipath map: it is a path already */
	int held_other;           /* held by something else (LVM, md, another dm table) */
	int has_wwid;             /* the WWID is known (sysfs VPD, or SG_IO when sysfs has none) */
	int claimed_before;       /* the udev database says an earlier event claimed it */
	struct findmp_facts fm;   /* what multipath's find_multipaths decision looks at;
				   * fm.npaths counts this disk and its siblings (same WWID) */
};

enum claim_reason {
	/* claimed */
	CLR_IN_MAP = 0,       /* held by a multipath map */
	CLR_CLAIMED_BEFORE,   /* an earlier event claimed it: a path never flips back by itself */
	CLR_FINDMP,           /* find_multipaths says yes (fm reason tells which) */
	/* not claimed */
	CLR_NOT_DISK,         /* not a SCSI disk */
	CLR_NO_CONFIG,        /* no configuration could be set up: only maps that exist count */
	CLR_HELD,             /* in use by something that is not multipath */
	CLR_NO_WWID,          /* no identity: multipath cannot map it */
	CLR_FINDMP_NO,        /* find_multipaths says no (fm reason tells which) */
};

struct claim_answer {
	int claim;                    /* 1: DM_MULTIPATH_DEVICE_PATH=1 */
	enum claim_reason reason;
	enum findmp_reason fm_reason; /* with CLR_FINDMP / CLR_FINDMP_NO */
};

/* Decide. Order: not a disk, a multipath map holds it (yes even when blacklisted since: the
 * map is what users see), held by another, broken config, no WWID, claimed before (unless now
 * blacklisted), then find_multipaths. 0, or -EINVAL for an unknown find_multipaths mode. */
int claim_decide(const struct claim_facts *f, struct claim_answer *a);

/* The keyword for MPATH_CLAIM_REASON: "in_map", "claimed_before", "in_config", "wwids",
 * "paths", "known_array", "greedy", "not_disk", "no_config", "held", "no_wwid",
 * "blacklisted", "single_path", "not_listed", "no_paths". Never NULL. */
const char *claim_reason_word(const struct claim_answer *a);

/* The udev properties to import, one KEY=VALUE line each:
 *   DM_MULTIPATH_DEVICE_PATH=1|0
 *   MPATH_CLAIM_REASON=<word>
 *   MPATH_CLAIM_SIBLINGS=<names>   only when siblings is non-empty: other paths of the LU,
 *                                  space-separated kernel names, that udev saw unclaimed
 *                                  and that should get a change event now
 * siblings may be NULL; names other than [A-Za-z0-9_:.-] are dropped. Returns the length
 * written (snprintf-like: >= size means truncated). */
int claim_format(char *out, size_t size, const struct claim_answer *a, const char *const *siblings,
		 size_t nsiblings);

#endif
