#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context.h"
#include "discover.h"
#include "livewwid.h"
#include "lock.h"
#include "log.h"
#include "print.h"
#include "probe.h"
#include "uid_path.h"
#include "uid_rank.h"
#include "util.h"

/* A storm of path events queues on the lock: wait long, each run holds it briefly. */
#define LOCK_TIMEOUT_S 300
#define PROBE_TIMEOUT_MS 10000

/* Device strings (WWIDs can hold control bytes that udev keeps) reach messages: the
 * whole line is formatted first, then escaped, so no argument can reach the terminal raw. */
static void vsay(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	char line[1024], esc[4 * sizeof(line)];

	vsnprintf(line, sizeof(line), fmt, ap);
	print_escaped(esc, sizeof(esc), line);
	fprintf(f, "%s%s\n", prefix, esc);
}

void ctx_say(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(f, "", fmt, ap);
	va_end(ap);
}

/* An error record of the log (log.h): its sink prefixes "multipath: " and escapes. */
void ctx_err(const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	mp_log(MP_LOG_ERR, NULL, 0, "%s", line);
}

/* A broken config never stops the tool: every problem is a warning naming its line,
 * that line or entry is ignored, and the run goes on with the rest. */
static int load_config(struct ctx *c)
{
	const char *path = c->o->config_file;
	int r;

	r = config_init_builtin(&c->conf);
	if (r) {
		ctx_err("cannot set up the built-in configuration: %s", strerror(-r));
		return EXIT_FAIL;
	}
	r = config_load_file(&c->conf, path);
	config_log_diag(&c->conf);
	if (r == -ENOMEM)
		ctx_err("%s: out of memory while reading; going on with what was read", path);
	return 0;
}

int ctx_setup(struct ctx *c, const struct options *o, int need_dm, int need_lock)
{
	unsigned int ver[3];
	int r;

	memset(c, 0, sizeof(*c));
	c->o = o;
	c->lock = -1;
	if (geteuid() != 0 && o->mode != MODE_DUMP_CONFIG && o->mode != MODE_CHECK_CONFIG) {
		ctx_err("must be run as root (it sends SCSI commands and loads device maps)");
		return EXIT_FAIL;
	}
	if ((r = load_config(c)))
		return r;
	r = dmx_target_version("multipath", ver);
	if (r && need_dm) {
		if (r == -ENOENT)
			ctx_err("the dm-multipath kernel target is not loaded (modprobe dm-multipath)");
		else if (r == -ENODEV)
			ctx_err("device-mapper is not available (is the dm_mod module loaded?)");
		else
			ctx_err("device-mapper is not available: %s", strerror(-r));
		return EXIT_FAIL;
	}
	c->have_dm = !r;
	if (need_lock) {
		c->lock = run_lock(MP_LOCK_DIR, LOCK_TIMEOUT_S);
		if (c->lock < 0) {
			ctx_err("cannot take the run lock %s/%s: %s", MP_LOCK_DIR, MP_LOCK_FILE,
				strerror(-c->lock));
			return EXIT_FAIL;
		}
	}
	return 0;
}

void ctx_teardown(struct ctx *c)
{
	/* The lock guards device-mapper changes, not the wait for udev: release it first.
	 * Run from a udev rule, the next invocation may be the very event we wait for. */
	run_unlock(c->lock);
	c->lock = -1;
	if (c->have_dm && dmx_sync())
		ctx_err("waiting for udev failed; device nodes may appear late");
	free(c->by_uuid);
	free(c->by_devt);
	free(c->by_name);
	dmx_maplist_free(&c->maps);
	pathvec_free(&c->pv);
	config_free(&c->conf);
}

static int cmp_uuid(const void *a, const void *b)
{
	return strcmp((*(const struct dmx_map *const *)a)->uuid, (*(const struct dmx_map *const *)b)->uuid);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(const struct dmx_map *const *)a)->name, (*(const struct dmx_map *const *)b)->name);
}

const struct dmx_map *ctx_map_by_name(const struct ctx *c, const char *name)
{
	struct dmx_map key;
	const struct dmx_map *k = &key, *const *hit;

	if (strlcpy_safe(key.name, name, sizeof(key.name)) >= sizeof(key.name))
		return NULL;
	hit = bsearch(&k, c->by_name, c->maps.n, sizeof(*c->by_name), cmp_name);
	return hit ? *hit : NULL;
}

int ctx_list_maps(struct ctx *c)
{
	int r;

	if (!c->have_dm)
		return 0;
	r = dmx_list(&c->maps);
	if (r) {
		ctx_err("cannot list device maps: %s", strerror(-r));
		return r;
	}
	c->by_uuid = calloc(c->maps.n ? c->maps.n : 1, sizeof(*c->by_uuid));
	c->by_name = calloc(c->maps.n ? c->maps.n : 1, sizeof(*c->by_name));
	if (!c->by_uuid || !c->by_name)
		return -ENOMEM;
	for (size_t i = 0; i < c->maps.n; i++)
		c->by_name[i] = &c->maps.m[i];
	qsort(c->by_name, c->maps.n, sizeof(*c->by_name), cmp_name);
	for (size_t i = 0; i < c->maps.n; i++)
		if (!strncmp(c->maps.m[i].uuid, UUID_PREFIX, strlen(UUID_PREFIX)))
			c->by_uuid[c->nby_uuid++] = &c->maps.m[i];
	qsort(c->by_uuid, c->nby_uuid, sizeof(*c->by_uuid), cmp_uuid);
	return 0;
}

const struct dmx_map *ctx_map_of_wwid(const struct ctx *c, const char *wwid)
{
	struct dmx_map key;
	const struct dmx_map *k = &key, *const *hit;

	if (snprintf(key.uuid, sizeof(key.uuid), UUID_PREFIX "%s", wwid) >= (int)sizeof(key.uuid))
		return NULL;
	hit = bsearch(&k, c->by_uuid, c->nby_uuid, sizeof(*c->by_uuid), cmp_uuid);
	return hit ? *hit : NULL;
}

/* Drop the paths blacklisted() names; the others keep their order. */
static void filter_paths(struct ctx *c, int (*blacklisted)(const struct ctx *, const struct path *))
{
	size_t j = 0;

	for (size_t i = 0; i < c->pv.n; i++) {
		if (blacklisted(c, &c->pv.p[i])) {
			if (c->o->verbosity >= 3)
				ctx_say(stderr, "%s: blacklisted", c->pv.p[i].dev);
			continue;
		}
		c->pv.p[j++] = c->pv.p[i];
	}
	c->pv.n = j;
}

static int bl_device(const struct ctx *c, const struct path *p)
{
	return config_blacklisted(&c->conf, p->dev, "", p->vendor, p->model);
}

static int bl_wwid(const struct ctx *c, const struct path *p)
{
	return p->wwid[0] && config_blacklisted(&c->conf, p->dev, p->wwid, p->vendor, p->model);
}

/* Path indices by dev_t; arg is the path array (qsort_r's context). */
static int cmp_devt(const void *a, const void *b, void *arg)
{
	const struct path *paths = arg;
	const struct path *x = &paths[*(const size_t *)a], *y = &paths[*(const size_t *)b];

	if (x->major != y->major)
		return x->major < y->major ? -1 : 1;
	return (x->minor > y->minor) - (x->minor < y->minor);
}

static int index_devt(struct ctx *c)
{
	c->by_devt = malloc((c->pv.n ? c->pv.n : 1) * sizeof(*c->by_devt));
	if (!c->by_devt) {
		ctx_err("out of memory");
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < c->pv.n; i++)
		c->by_devt[i] = i;
	qsort_r(c->by_devt, c->pv.n, sizeof(*c->by_devt), cmp_devt, c->pv.p);
	return 0;
}

struct scope {
	const char *dev;            /* the event's device: probed first */
	char wwid[WWID_SIZE];       /* its LU */
};

static int is_scope_dev(const struct path *p, const void *arg)
{
	return !strcmp(p->dev, ((const struct scope *)arg)->dev);
}

/* The LU's other paths, and any path sysfs could not identify (it may be one). */
static int is_sibling(const struct path *p, const void *arg)
{
	const struct scope *sc = arg;

	return strcmp(p->dev, sc->dev) && (!p->wwid[0] || !strcmp(p->wwid, sc->wwid));
}

/* Identify everything without I/O, then probe the scope device and its LU's paths. */
static void probe_scope(struct ctx *c, struct probe_opts *po, const char *dev)
{
	struct scope sc = { .dev = dev, .wwid = "" };

	identify_paths_sysfs(&c->pv, po);
	po->want = is_scope_dev;
	po->want_arg = &sc;
	probe_paths(&c->pv, po);   /* its WWID over SG_IO is the authoritative one */
	for (size_t i = 0; i < c->pv.n; i++)
		if (!strcmp(c->pv.p[i].dev, dev))
			strlcpy_safe(sc.wwid, c->pv.p[i].wwid, sizeof(sc.wwid));
	if (!sc.wwid[0])
		return;   /* unknown device or no WWID: the caller reports it */
	po->want = is_sibling;
	probe_paths(&c->pv, po);
}

/* A live map made under another WWID (another ranking or tool) is never renamed or
 * recreated behind the admin's back: its paths keep the live WWID, and we say so. */
static void keep_live_wwids(struct ctx *c)
{
	const char **live = calloc(c->pv.n ? c->pv.n : 1, sizeof(*live));
	char (*uuid)[DMX_UUID_SIZE] = calloc(c->pv.n ? c->pv.n : 1, sizeof(*uuid));
	struct wwid_keep *k = NULL;
	int n;

	if (!live || !uuid) {
		ctx_err("out of memory: live maps' WWIDs not checked");
		goto out;
	}
	for (size_t i = 0; i < c->pv.n; i++)
		if (c->pv.p[i].in_mpath && c->pv.p[i].wwid[0] &&
		    !read_mpath_holder(c->pv.p[i].dev, uuid[i], sizeof(uuid[i])))
			live[i] = uuid[i] + strlen(UUID_PREFIX);
	n = wwid_keep_live(&c->pv, live, &k);
	for (int i = 0; i < n && c->o->verbosity > V_SILENT; i++) {
		const struct dmx_map *m = ctx_map_of_wwid(c, k[i].live);

		ctx_err("%s: this run computes WWID %s for its %zu path%s, but the live map was made "
			"with WWID %s: kept as it is, nothing renamed or recreated",
			m ? m->name : k[i].live, k[i].computed, k[i].npaths, k[i].npaths == 1 ? "" : "s",
			k[i].live);
	}
	if (n < 0)
		ctx_err("out of memory: live maps' WWIDs not checked");
out:
	free(k);
	free(uuid);
	free(live);
}

int ctx_discover(struct ctx *c, int probe, const char *scope)
{
	struct probe_opts po = { .conf = &c->conf, .timeout_ms = PROBE_TIMEOUT_MS, .check_busy = 1,
				 .policy_override = c->o->policy };
	char why[PATH_MAX + 128];
	const char *rank_why;
	enum uid_ranking rank;
	int bad, r = discover_paths(&c->pv, c->o->max_paths);

	if (r) {
		ctx_err("sysfs scan failed: %s", r == -ENOENT ? "sysfs is not mounted" : strerror(-r));
		return EXIT_FAIL;
	}
	/* The same ranking in the initramfs and later (uid_rank.h). */
	rank = uid_ranking_host(&rank_why, &bad);
	if (bad || c->o->verbosity >= V_DETAIL)
		ctx_say(stderr, "uid ranking %s: %s", uid_ranking_name(rank), rank_why);
	/* Devnode and vendor/product rules first: a blacklisted disk gets no command at all. */
	filter_paths(c, bl_device);
	if (probe && scope)
		probe_scope(c, &po, scope);
	else if (probe)
		probe_paths(&c->pv, &po);
	else
		identify_paths_sysfs(&c->pv, &po);
	if (c->nby_uuid)
		keep_live_wwids(c);
	if (c->o->verbosity >= V_DETAIL)
		for (size_t i = 0; i < c->pv.n; i++)
			if (c->pv.p[i].wwid[0]) {
				uid_describe(&c->pv.p[i], NULL, why, sizeof(why));
				ctx_say(stderr, "%s", why);
			}
	filter_paths(c, bl_wwid);
	return index_devt(c);
}

const struct path *ctx_path_by_devt(const struct ctx *c, unsigned int maj, unsigned int min)
{
	size_t lo = 0, hi = c->by_devt ? c->pv.n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct path *p = &c->pv.p[c->by_devt[mid]];

		if (p->major == maj && p->minor == min)
			return p;
		if (p->major < maj || (p->major == maj && p->minor < min))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
