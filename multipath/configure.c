#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"
#include "coalesce.h"
#include "configure.h"
#include "devmapper.h"
#include "discover.h"
#include "lock.h"
#include "mptable.h"
#include "pgpolicy.h"
#include "print.h"
#include "probe.h"
#include "sgio.h"
#include "util.h"

#define TABLE_MAX (1 << 20)
#define UUID_PREFIX "mpath-"
#define LOCK_TIMEOUT_S 120
#define PROBE_TIMEOUT_MS 10000

struct run {
	const struct options *o;
	struct pathvec pv;
	struct mpvec mv;
	int have_dm;      /* device-mapper reachable (always, unless a dry run without it) */
	int failed;       /* some map could not be set up */
};

static void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("multipath: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Live table of map `name`, or NULL if there is no such map. -errno if the map
 * exists but is not ours to touch (another target type). */
static int live_table(const char *name, char **params)
{
	struct dmx_target t[2];
	int n;

	*params = NULL;
	n = dmx_get_targets(name, 0, t, 2);
	if (n == -ENXIO || n == -ENODEV)
		return 0;
	if (n < 0) {
		struct dmx_map m;

		return dmx_info(name, &m) == -ENXIO ? 0 : n;
	}
	if (n != 1 || strcmp(t[0].type, "multipath")) {
		dmx_target_free(t, (size_t)n);
		return -EEXIST;
	}
	*params = t[0].params;
	return 0;
}

static int apply_map(struct run *r, struct multipath *mp, const char *params)
{
	char uuid[sizeof(UUID_PREFIX) + WWID_SIZE];
	const char *name = mp->wwid;
	char *live = NULL;
	enum mp_action act = ACT_CREATE;
	int e;

	if (r->have_dm) {
		e = live_table(name, &live);
		if (e) {
			err_msg("%s: a device map of that name exists and is not a multipath map", name);
			r->failed = 1;
			return e;
		}
	}
	e = select_action(params, live, &act);
	free(live);
	if (e) {
		err_msg("%s: internal error: built an unparsable table", name);
		r->failed = 1;
		return e;
	}
	if (act == ACT_NONE)
		return 0;
	if (!r->o->dry_run) {
		snprintf(uuid, sizeof(uuid), UUID_PREFIX "%s", mp->wwid);
		e = act == ACT_CREATE ? dmx_create(name, uuid, mp->size, "multipath", params, 0)
				      : dmx_reload(name, mp->size, "multipath", params, 0);
		if (e) {
			const char *why = dmx_last_error();

			err_msg("%s: %s failed: %s", name, action_name(act), why[0] ? why : strerror(-e));
			r->failed = 1;
			return e;
		}
	}
	if (r->o->verbosity == V_NAMES)
		printf("%s\n", name);
	else if (r->o->verbosity >= V_ACTIONS && (!r->o->sections || r->o->verbosity == V_DETAIL))
		printf("%s%s: %s size=%llu paths=%zu groups=%zu\n", r->o->dry_run ? "(dry run) " : "",
		       action_name(act), name, mp->size, mp->n, mp->npg);
	return 0;
}

/* Report paths that will not be used, once each (the detail view shows them anyway). */
static void report_left_out(const struct run *r)
{
	if (r->o->verbosity < V_ACTIONS || r->o->verbosity == V_DETAIL)
		return;
	for (size_t i = 0; i < r->pv.n; i++) {
		const struct path *p = &r->pv.p[i];

		if (p->errmsg[0] && !path_usable(p)) {
			char e[4 * ERRMSG_SIZE];

			print_escaped(e, sizeof(e), p->errmsg);
			fprintf(stderr, "%s (left out)\n", e);
		} else if (p->busy && p->wwid[0]) {
			fprintf(stderr, "%s: in use by another holder or mounted (left out)\n", p->dev);
		}
	}
}

/* The reference WWID of a device argument: its LU is the run's scope. */
static int scope_wwid(struct run *r, const char **wwid)
{
	char name[DEVNAME_SIZE];
	int e = resolve_device_arg(r->o->device, name, sizeof(name));

	if (e) {
		err_msg("%s: %s", r->o->device, e == -EINVAL ? "not a device name, node, dev_t or devpath"
							      : "no such block device");
		return e;
	}
	for (size_t i = 0; i < r->pv.n; i++) {
		if (strcmp(r->pv.p[i].dev, name))
			continue;
		if (!r->pv.p[i].wwid[0]) {
			err_msg("%s: no WWID: %s", name,
				r->pv.p[i].errmsg[0] ? r->pv.p[i].errmsg : "unknown");
			return -ENODATA;
		}
		*wwid = r->pv.p[i].wwid;
		return 0;
	}
	err_msg("%s: not a SCSI disk", name);
	return -ENODEV;
}

static int configure_maps(struct run *r)
{
	const char *scope = NULL;
	char *params = malloc(TABLE_MAX);
	enum pgpolicy pol = r->o->policy == PGP_INVALID ? PGP_FAILOVER : r->o->policy;
	int e;

	if (!params)
		return -ENOMEM;
	if (r->o->device && (e = scope_wwid(r, &scope)))
		goto out;
	e = coalesce_paths(&r->pv, scope, &r->mv);
	if (e)
		goto out;
	for (size_t m = 0; m < r->mv.n; m++)
		if ((e = group_paths(&r->mv.m[m], &r->pv, pol)))
			goto out;
	if (r->o->sections)
		print_paths_and_multipaths(stdout, &r->pv, &r->mv, r->o->verbosity == V_DETAIL);
	report_left_out(r);
	for (size_t m = 0; m < r->mv.n; m++) {
		struct multipath *mp = &r->mv.m[m];

		if (!mp->npg) {
			/* Never (re)load a map so that it has no usable path. */
			if (r->o->verbosity >= V_ACTIONS)
				fprintf(stderr, "%s: no usable path, map left as it is\n", mp->wwid);
			continue;
		}
		if (!mp->size) {
			err_msg("%s: size 0, not mapped", mp->wwid);
			continue;
		}
		if (mpt_build(mp, &r->pv, NULL, params, TABLE_MAX)) {
			err_msg("%s: table too large", mp->wwid);
			r->failed = 1;
			continue;
		}
		if (r->o->sections)
			print_map_line(stdout, mp->wwid, mp->size, params);
		apply_map(r, mp, params);
	}
	e = 0;
out:
	free(params);
	return e;
}

int run_multipath(const struct options *o)
{
	struct run r = { .o = o };
	struct probe_opts po = { .timeout_ms = PROBE_TIMEOUT_MS, .check_busy = 1 };
	unsigned int ver[3];
	int lock = -1, e, rc = 0;

	if (geteuid() != 0) {
		err_msg("must be run as root (it sends SCSI commands and loads device maps)");
		return EXIT_FAIL;
	}
	e = dmx_target_version("multipath", ver);
	if (e && !o->dry_run) {
		err_msg(e == -ENOENT ? "the dm-multipath kernel target is not loaded (modprobe dm-multipath)"
				     : "device-mapper is not available: %s", strerror(-e));
		return EXIT_FAIL;
	}
	r.have_dm = !e;
	if (!o->dry_run) {
		lock = run_lock(MP_LOCK_DIR, LOCK_TIMEOUT_S);
		if (lock < 0) {
			err_msg("cannot take the run lock %s/%s: %s", MP_LOCK_DIR, MP_LOCK_FILE,
				strerror(-lock));
			return EXIT_FAIL;
		}
	}
	e = discover_paths(&r.pv, o->max_paths);
	if (e) {
		err_msg("sysfs scan failed: %s", e == -ENOENT ? "sysfs is not mounted" : strerror(-e));
		rc = EXIT_FAIL;
		goto out;
	}
	probe_paths(&r.pv, &po);
	e = configure_maps(&r);
	if (e || r.failed)
		rc = EXIT_FAIL;
	if (r.have_dm && dmx_sync())
		err_msg("waiting for udev failed; device nodes may appear late");
out:
	mpvec_free(&r.mv);
	pathvec_free(&r.pv);
	run_unlock(lock);
	return rc;
}
