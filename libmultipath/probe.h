/* Path probing: identity (VPD 0x83/0x80) and state (TUR) of every path, in parallel.
 * Sits between the SG_IO edge and the pure decoders; device I/O only through sgio.c. */
#ifndef MP_PROBE_H
#define MP_PROBE_H

#include "structs.h"

struct config;

struct probe_opts {
	const struct config *conf;   /* picks each path's checker and prioritizer; NULL: tur, const */
	int timeout_ms;          /* per SCSI command */
	unsigned int threads;    /* upper bound on concurrent probes; 0 = default */
	int check_busy;          /* test for an exclusive holder (mounted, in use) */
	/* only probe paths for which want() says yes (NULL: all); the others are untouched */
	int (*want)(const struct path *p, const void *arg);
	const void *want_arg;
	/* the pgpolicy given on the command line, or -1: the paths' map settings decide
	 * whether their node names (group_by_node_name's key) are read */
	int policy_override;
};

/* Probe one path: sysfs state, exclusive-use test, WWID, serial, then the checker and
 * prioritizer its map's settings name (tur/directio/readsector0, const/alua/sysfs). Failures are
 * recorded in p->errmsg / p->state; returns 0, or -errno when the WWID is unknown. */
int probe_path(struct path *p, const struct probe_opts *o);

/* Probe all paths of pv concurrently. Returns 0 (per-path failures are in the paths). */
int probe_paths(struct pathvec *pv, const struct probe_opts *o);

/* Identity only from the kernel's cached VPD pages in sysfs: no device I/O at all
 * (multipath -l). States are left PATH_UNCHECKED. o (may be NULL) as for probe_paths. */
void identify_paths_sysfs(struct pathvec *pv, const struct probe_opts *o);

#endif
