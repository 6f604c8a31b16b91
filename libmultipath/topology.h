/* Pure: the topology view of live maps (-l / -ll), as a tree or as JSON.
 *
 *   <name> (<wwid>) dm-N <vendor>,<product>         ("(<wwid>)" only when name != wwid)
 *   size=<size> features='<features>' hwhandler='<hwhandler>' wp=<rw|ro>
 *   |-+- policy='<selector>' prio=<prio> status=<active|enabled|disabled>
 *   | |- <h:c:t:l> <dev> <maj:min> <active|failed> <ready|faulty|ghost|undef> <sysfs state>
 *   | `- ...
 *   `-+- ...
 *
 * JSON (schema version 1.0):
 *   { "major_version": 1, "minor_version": 0, "maps": [ {
 *       "name", "uuid", "wwid", "sysfs" (dm-N), "vendor", "product",
 *       "size" (512-byte sectors, number), "size_human", "features", "hwhandler",
 *       "write_prot" ("rw"|"ro"), "path_groups": [ {
 *         "group" (1-based), "selector", "prio" (number), "status",
 *         "paths": [ { "dev", "dev_t", "hctl", "dm_state", "checker_state",
 *                      "sysfs_state", "prio" (number) } ] } ] } ] } */
#ifndef MP_TOPOLOGY_H
#define MP_TOPOLOGY_H

#include <stdio.h>
#include "structs.h"

struct topo_path {
	char dev[DEVNAME_SIZE];      /* "sdb", or "#" + dev_t when no such disk in sysfs */
	char devt[24];               /* "8:16" */
	char hctl[48];               /* "0:0:0:1", "#:#:#:#" when unknown */
	const char *dm_state;        /* "active" / "failed" */
	const char *checker_state;   /* "ready" / "faulty" / "ghost" / "undef" */
	char sysfs_state[SYSFS_STATE_SIZE];
	int prio;
};

struct topo_pg {
	char selector[64];
	int prio;
	const char *status;          /* "active" / "enabled" / "disabled" */
	struct topo_path *paths;
	size_t n;
};

struct topo_map {
	char name[128];
	char uuid[160];
	char wwid[WWID_SIZE];
	char sysfs[24];              /* "dm-3" */
	char vendor[VENDOR_SIZE], product[MODEL_SIZE];
	unsigned long long size;
	char features[256];
	char hwhandler[64];
	int read_only;
	struct topo_pg *pg;
	size_t npg;
};

/* "8.0M", "16G": 1024-based, one decimal below 10. */
void topo_size_human(unsigned long long sectors, char *buf, size_t size);
void topo_print_map(FILE *f, const struct topo_map *m);
void topo_print_json(FILE *f, const struct topo_map *maps, size_t n);
void topo_map_free(struct topo_map *m);

#endif
