#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confpath.h"
#include "context.h"
#include "discover.h"
#include "lock.h"
#include "print.h"
#include "probe.h"
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

void ctx_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(stderr, "multipath: ", fmt, ap);
	va_end(ap);
}

static int load_config(struct ctx *c)
{
	const char *path = config_file_path(c->o->config_file);
	char err[512] = "";
	int r;

	r = config_init_builtin(&c->conf);
	if (!r)
		r = config_load_file(&c->conf, path, err, sizeof(err));
	if (r) {
		/* A broken config is never guessed around: no map is changed. */
		ctx_err("%s", err[0] ? err : strerror(-r));
		ctx_err("configuration error: nothing changed");
		return EXIT_FAIL;
	}
	return 0;
}

int ctx_setup(struct ctx *c, const struct options *o, int need_dm, int need_lock)
{
	unsigned int ver[3];
	int r;

	memset(c, 0, sizeof(*c));
	c->o = o;
	c->lock = -1;
	if (geteuid() != 0 && o->mode != MODE_DUMP_CONFIG) {
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
			ctx_err("device-mapper is not available: %s",
				dmx_last_error()[0] ? dmx_last_error() : strerror(-r));
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

/* Keep the paths for which keep() says yes, in order. */
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

static const struct path *devt_paths;

static int cmp_devt(const void *a, const void *b)
{
	const struct path *x = &devt_paths[*(const size_t *)a], *y = &devt_paths[*(const size_t *)b];

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
	devt_paths = c->pv.p;
	qsort(c->by_devt, c->pv.n, sizeof(*c->by_devt), cmp_devt);
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

int ctx_discover(struct ctx *c, int probe, const char *scope)
{
	struct probe_opts po = { .conf = &c->conf, .timeout_ms = PROBE_TIMEOUT_MS, .check_busy = 1,
				 .policy_override = c->o->policy };
	int r = discover_paths(&c->pv, c->o->max_paths);

	if (r) {
		ctx_err("sysfs scan failed: %s", r == -ENOENT ? "sysfs is not mounted" : strerror(-r));
		return EXIT_FAIL;
	}
	/* Devnode and vendor/product rules first: a blacklisted disk gets no command at all. */
	filter_paths(c, bl_device);
	if (probe && scope)
		probe_scope(c, &po, scope);
	else if (probe)
		probe_paths(&c->pv, &po);
	else
		identify_paths_sysfs(&c->pv, &po);
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
