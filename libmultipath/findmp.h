/* find_multipaths: which LUs become multipath maps. Pure policy: the caller gathers
 * the facts (path count, wwids file, config, hardware table, blacklist). */
#ifndef MP_FINDMP_H
#define MP_FINDMP_H

#include "config.h"

struct findmp_facts {
	int mode;                 /* enum find_mp */
	unsigned int npaths;      /* usable paths with this WWID (not blacklisted, WWID known) */
	int in_wwids;             /* WWID listed in the wwids file */
	int in_config;            /* WWID has a multipaths{} entry */
	int known_array;          /* vendor/product match a specific hardware-table entry
				   * (a known multipath array), not a catch-all default */
	int blacklisted;          /* the LU (its WWID, or every path) is blacklisted */
};

enum findmp_reason {
	FMR_BLACKLISTED = 0,      /* no */
	FMR_NO_PATHS,             /* no: nothing usable to build a map from */
	FMR_IN_CONFIG,            /* yes: multipaths{} entry */
	FMR_IN_WWIDS,             /* yes: wwids file */
	FMR_MULTIPLE_PATHS,       /* yes (on): 2 or more paths */
	FMR_KNOWN_ARRAY,          /* yes (on): hardware table entry */
	FMR_GREEDY,               /* yes (greedy): not blacklisted */
	FMR_SINGLE_PATH,          /* no (on): one path, not listed, unknown hardware */
	FMR_NOT_LISTED,           /* no (strict): neither in wwids file nor in config */
};

/* 1 = make it a multipath map, 0 = leave it alone, -EINVAL for an unknown mode.
 * *why (may be NULL) gets the reason either way.
 *   blacklisted: never.  no paths: never.
 *   strict: in the wwids file or a multipaths{} entry.
 *   on:     the same, or >= 2 paths, or a known multipath array.
 *   greedy: everything. */
int findmp_decide(const struct findmp_facts *f, enum findmp_reason *why);

/* "in wwids file", "2 paths or more", ... for -v 3 output; never NULL. */
const char *findmp_reason_str(enum findmp_reason r);
/* "on", "greedy", "strict" (the config keyword), "?" if unknown. */
const char *findmp_mode_str(int mode);

#endif
