/* What every multipath mode shares: options, configuration, the live dm maps, the
 * discovered paths, and the run lock. */
#ifndef MP_CONTEXT_H
#define MP_CONTEXT_H

#include <stdio.h>

#include "cmdline.h"
#include "config.h"
#include "devmapper.h"
#include "structs.h"

#define EXIT_USAGE 1
#define EXIT_FAIL  2
#define UUID_PREFIX "mpath-"

struct ctx {
	const struct options *o;
	struct config conf;
	struct pathvec pv;
	struct dmx_maplist maps;        /* every dm device, listed once per run */
	const struct dmx_map **by_uuid; /* multipath maps sorted by uuid, for lookups */
	size_t nby_uuid;
	size_t *by_devt;                /* path indices sorted by dev_t */
	const struct dmx_map **by_name; /* every map sorted by name */
	int have_dm;
	int lock;
};

/* Messages: one line each, escaped as a whole (device strings never reach the
 * terminal raw). ctx_err prefixes "multipath: " and goes to stderr. */
void ctx_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ctx_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Root check, config, device-mapper (need_dm: fail without it), run lock (need_lock).
 * Returns 0, or an exit code after printing why. */
int ctx_setup(struct ctx *c, const struct options *o, int need_dm, int need_lock);
void ctx_teardown(struct ctx *c);
/* List the live maps (once) and index the multipath ones by uuid. */
int ctx_list_maps(struct ctx *c);
const struct dmx_map *ctx_map_of_wwid(const struct ctx *c, const char *wwid);
const struct dmx_map *ctx_map_by_name(const struct ctx *c, const char *name);
/* Discover paths, drop blacklisted ones, and probe them (probe: 0 = no path I/O,
 * 1 = identity + checker + prioritizer). With scope (a kernel name), only the paths of
 * that device's LU get SCSI commands: the others are identified from sysfs' cached VPD
 * pages, so a hotplug event costs a few commands, not one round per path of the host.
 * Returns 0 or an exit code. */
int ctx_discover(struct ctx *c, int probe, const char *scope);
/* A path by dev_t, or NULL. */
const struct path *ctx_path_by_devt(const struct ctx *c, unsigned int maj, unsigned int min);

#endif
