/* The default mode: create, reload, rename or re-validate a map per multipathed LU. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "atomicfile.h"
#include "bindings.h"
#include "checker.h"
#include "coalesce.h"
#include "configure.h"
#include "context.h"
#include "discover.h"
#include "findmp.h"
#include "kpartx_mark.h"
#include "lock.h"
#include "mptable.h"
#include "mpwant.h"
#include "pgpolicy.h"
#include "print.h"
#include "reconcile.h"
#include "remove.h"
#include "sysfs_tune.h"
#include "util.h"
#include "wwids.h"

#define TABLE_MAX (1 << 20)

struct run {
	struct ctx c;
	struct mpvec mv;
	struct bindings bind;
	struct wwids wwids;
	struct mpt_table want;   /* the table the current map should have */
	char *params;            /* its text, once it is needed (want_text) */
	int params_ok;
};

/* Another map already uses this name: then a friendly name must not be given out. */
static int alias_in_use(const char *alias, const char *wwid, void *arg)
{
	const struct dmx_map *m = ctx_map_by_name(arg, alias);
	char uuid[sizeof(UUID_PREFIX) + WWID_SIZE];

	snprintf(uuid, sizeof(uuid), UUID_PREFIX "%s", wwid);
	return m && strcmp(m->uuid, uuid) != 0;
}

/* A live map that carries a friendly name the bindings file does not know (lost or
 * unreadable file) keeps it: bind it before any new name is given out. */
static void adopt_live_names(struct run *r)
{
	struct mp_settings s;

	config_select(&r->c.conf, NULL, NULL, &s);   /* overrides and defaults */
	if (!s.user_friendly_names)
		return;
	for (size_t i = 0; i < r->c.nby_uuid; i++) {
		const struct dmx_map *m = r->c.by_uuid[i];

		if (bindings_adopt(&r->bind, s.alias_prefix, m->name,
				   m->uuid + strlen(UUID_PREFIX)) < 0)
			ctx_err("%s: cannot keep its name: out of memory", m->name);
	}
}

/* The state files. One that exists but cannot be read is neither written nor used to
 * give out names (bindings.h, wwids.h): the run goes on read-only, as with -B. The
 * bindings file is read whatever the defaults say: devices or multipaths entries may
 * turn user_friendly_names on for some maps. */
static void load_state_files(struct run *r)
{
	const struct options *o = r->c.o;
	int e;

	if ((e = bindings_load(&r->bind, r->c.conf.bindings_file, o->bindings_ro || o->dry_run)))
		ctx_err("cannot read the bindings file %s: %s; it is left as it is, and maps "
			"without a name get their WWID as name (read-only, as with -B)",
			r->c.conf.bindings_file, af_read_strerror(e));
	adopt_live_names(r);
	if ((e = wwids_load(&r->wwids, r->c.conf.wwids_file)))
		ctx_err("cannot read the WWIDs file %s: %s; it is left as it is, and not updated "
			"in this run", r->c.conf.wwids_file, af_read_strerror(e));
}

/* Config alias > friendly name from the bindings file > the WWID. user_friendly_names
 * and alias_prefix are the map's own (multipaths, overrides, devices, defaults). */
static const char *map_name(struct run *r, const char *wwid, const struct mp_settings *s)
{
	const struct mpentry *me = config_find_mp(&r->c.conf, wwid);
	const char *alias = NULL;
	int e;

	if (me && me->alias)
		return me->alias;
	if (!s->user_friendly_names)
		return wwid;
	e = bindings_get_alias(&r->bind, s->alias_prefix, wwid, alias_in_use, &r->c, &alias);
	if (e && e == r->bind.load_error)
		return wwid;   /* unreadable bindings file: said once, at load */
	if (e || !alias) {
		ctx_err("%s: no friendly name available (%s), using the WWID", wwid, strerror(-e));
		return wwid;
	}
	return alias;
}

/* Should this LU have a map at all (find_multipaths)? A map that exists is kept. */
static int wanted(struct run *r, const struct multipath *mp, const struct path *first)
{
	struct findmp_facts f = {
		.mode = r->c.conf.find_multipaths,
		.npaths = (unsigned int)mp->n,
		.in_wwids = wwids_contains(&r->wwids, mp->wwid),
		.in_config = config_find_mp(&r->c.conf, mp->wwid) != NULL,
		.known_array = config_known_array(&r->c.conf, first),
		.blacklisted = 0,
	};
	enum findmp_reason why;
	int yes;

	if (ctx_map_of_wwid(&r->c, mp->wwid))
		return 1;
	yes = findmp_decide(&f, &why) > 0;
	if (r->c.o->verbosity >= 3)
		ctx_say(stderr, "%s: %s (%s)", mp->wwid, yes ? "multipathed" : "not multipathed",
			findmp_reason_str(why));
	return yes;
}

/* The table this LU should have, from its settings. 0 or -errno (message printed). */
static int build_table(struct run *r, struct multipath *mp, const struct mp_settings *s)
{
	enum pgpolicy pol = r->c.o->policy != PGP_INVALID ? r->c.o->policy : (enum pgpolicy)s->pgpolicy;
	const char *bad = NULL;
	int e;

	mp->include_down = ctx_map_of_wwid(&r->c, mp->wwid) != NULL;
	e = group_paths(mp, &r->c.pv, pol);

	if (e) {
		ctx_err("%s: grouping paths failed: %s", mp->wwid, strerror(-e));
		return e;
	}
	if (!mp->npg)
		return 0;
	mpt_free(&r->want);
	r->params_ok = 0;
	e = mpw_build(mp, &r->c.pv, s, &r->want, &bad);
	if (e == -EINVAL && bad)
		ctx_err("%s: bad %s '%s'", mp->wwid, bad,
			!strcmp(bad, "features") ? s->features
			: !strcmp(bad, "hardware_handler") ? s->hwhandler : s->selector);
	else if (e)
		ctx_err("%s: cannot build its table: %s", mp->wwid, strerror(-e));
	return e;
}

/* The wanted table's text, written once per map, for the dm edge (and -v's map line).
 * NULL after saying why. */
static const char *want_text(struct run *r, const char *wwid)
{
	if (!r->params_ok) {
		if (mpt_format(&r->want, r->params, TABLE_MAX)) {
			ctx_err("%s: table too large", wwid);
			return NULL;
		}
		r->params_ok = 1;
	}
	return r->params;
}

static void say(struct run *r, const char *action, const char *name, const struct multipath *mp)
{
	const struct options *o = r->c.o;

	if (o->verbosity == V_NAMES)
		ctx_say(stdout, "%s", name);
	else if (o->verbosity >= V_ACTIONS && (!o->sections || o->verbosity == V_DETAIL))
		ctx_say(stdout, "%s%s: %s size=%llu paths=%zu groups=%zu", o->dry_run ? "(dry run) " : "",
		       action, name, mp->size, mp->n, mp->npg);
}

/* Table right, paths maybe not: fail/reinstate/switch_group by message. 0, or the first
 * failure's -errno (every message is still tried). */
static int revalidate(struct run *r, const char *name, int failback_immediate)
{
	struct dmx_target t;
	struct mpt_table st;
	struct reconcile_msgs m = { 0 };
	int n = dmx_get_targets(name, 1, &t, 1), rc;

	if (n != 1) {
		if (n > 0)
			dmx_target_free(&t, (size_t)n);
		rc = n < 0 ? n : -EINVAL;
		ctx_err("%s: cannot read its status: %s", name, strerror(-rc));
		return rc;
	}
	rc = mpt_parse_status(t.params, &st);
	if (rc)
		ctx_err("%s: its status does not parse: %s", name, strerror(-rc));
	else if ((rc = reconcile_map(&st, &r->c.pv, failback_immediate, &m)))
		ctx_err("%s: cannot plan its path messages: %s", name, strerror(-rc));
	else
		for (size_t i = 0; i < m.n; i++) {
			int e = r->c.o->dry_run ? 0 : dmx_message(name, m.msg[i]);

			if (e) {
				ctx_err("%s: message '%s' failed: %s", name, m.msg[i], strerror(-e));
				rc = rc ? rc : e;
			} else if (r->c.o->verbosity >= V_ACTIONS) {
				ctx_say(stdout, "%s%s: %s", r->c.o->dry_run ? "(dry run) " : "",
					m.msg[i], name);
			}
		}
	reconcile_free(&m);
	mpt_free(&st);   /* zeroed by the parse, also when it fails */
	dmx_target_free(&t, 1);
	return rc;
}

/* Live table of a map we own, or NULL. -EEXIST if it is not a multipath map. */
static int live_table(const char *name, char **params)
{
	struct dmx_target t[2];
	int n = dmx_get_targets(name, 0, t, 2);

	*params = NULL;
	if (n < 0)
		return n;
	if (n != 1 || strcmp(t[0].type, "multipath")) {
		dmx_target_free(t, (size_t)n);
		return -EEXIST;
	}
	*params = t[0].params;
	return 0;
}

static const char *sysfs_root(void)
{
	const char *env = getenv("SYSFS_PATH");

	return env && *env ? env : "/sys";
}

/* Before a map is loaded: the paths' remote port timeouts, SCSI host eh_deadline and
 * max_sectors_kb, as multipath-tools sets them (the overrides' protocol subsections
 * apply per transport). Failures are reported; the map is still loaded. */
static void tune_paths(struct run *r, const struct multipath *mp, const struct mp_settings *s)
{
	const char *root = sysfs_root();
	int tmo = s->fast_io_fail_tmo != UNSET || s->dev_loss_tmo != UNSET ||
		  s->eh_deadline != UNSET || r->c.conf.nproto;

	for (size_t i = 0; i < mp->n; i++) {
		const struct path *p = &r->c.pv.p[mp->idx[i]];
		struct mp_settings ps = *s;
		struct path_transport t;
		int e;

		if (tmo && !sysfs_path_transport(root, p, &t)) {
			config_select_protocol(&r->c.conf, transport_protocol(t.tr), &ps);
			sysfs_tune_path(root, p, &t, &ps);   /* says what failed; not fatal */
		}
		if (s->max_sectors_kb != UNSET &&
		    (e = sysfs_set_max_sectors_kb(root, p->dev, s->max_sectors_kb)))
			ctx_err("%s: max_sectors_kb %d: %s", p->dev, s->max_sectors_kb, strerror(-e));
	}
}

/* After a map is made: its own max_sectors_kb. */
static void tune_map(const char *name, const struct mp_settings *s)
{
	struct dmx_map m;
	char dev[32];
	int e;

	if (s->max_sectors_kb == UNSET || dmx_info(name, &m))
		return;
	snprintf(dev, sizeof(dev), "dm-%u", m.minor);
	if ((e = sysfs_set_max_sectors_kb(sysfs_root(), dev, s->max_sectors_kb)))
		ctx_err("%s: max_sectors_kb %d: %s", name, s->max_sectors_kb, strerror(-e));
}

/* Make the live map match the wanted table (r->want): create, reload, rename or
 * re-validate. 0, or -errno after saying what failed. */
static int apply_map(struct run *r, struct multipath *mp, const char *name,
		     const struct mp_settings *s)
{
	const struct dmx_map *live = ctx_map_of_wwid(&r->c, mp->wwid);
	const char *cur = live ? live->name : name;
	char uuid[sizeof(UUID_PREFIX) + WWID_SIZE], *params = NULL;
	const char *text;
	enum mp_action act;
	int e, rc = 0;

	if (!live && alias_in_use(name, mp->wwid, &r->c)) {
		ctx_err("%s: the name %s belongs to another device map", mp->wwid, name);
		return -EEXIST;
	}
	if (live && (e = live_table(live->name, &params))) {
		ctx_err("%s: map %s is not a multipath map", mp->wwid, live->name);
		return e;
	}
	act = select_action(&r->want, params);
	free(params);
	if (live && strcmp(live->name, name)) {
		if (!r->c.o->dry_run && (e = dmx_rename(live->name, name))) {
			ctx_err("%s: rename %s to %s failed: %s", mp->wwid, live->name, name,
				strerror(-e));
			rc = e;   /* the table is still brought up to date under the old name */
		} else {
			say(r, "rename", name, mp);
			cur = name;
		}
	}
	/* Every map this run manages goes into the wwids file, so a later degraded boot
	 * still knows it; while /etc is read-only the save fails (and says so) and the
	 * next writable run records it. Not with -B (the initramfs' read-only run). */
	if (!r->c.o->dry_run && !r->c.o->bindings_ro)
		wwids_add(&r->wwids, mp->wwid);
	if (act == ACT_NONE) {
		e = revalidate(r, cur, s->failback == FB_IMMEDIATE);
		return rc ? rc : e;
	}
	if (!r->c.o->dry_run) {
		if (!(text = want_text(r, mp->wwid)))
			return -ENOSPC;
		tune_paths(r, mp, s);
		/* before the table: the handler reads the mark on the map's change event */
		if ((e = kpartx_mark(MP_LOCK_DIR, act == ACT_CREATE ? name : cur, s->skip_kpartx == 1)))
			ctx_err("%s: cannot record skip_kpartx in %s: %s", name, MP_LOCK_DIR,
				strerror(-e));
		snprintf(uuid, sizeof(uuid), UUID_PREFIX "%s", mp->wwid);
		e = act == ACT_CREATE ? dmx_create(name, uuid, mp->size, "multipath", text, 0)
				      : dmx_reload(cur, mp->size, "multipath", text, 0);
		if (e) {
			ctx_err("%s: %s failed: %s", name, action_name(act), strerror(-e));
			return e;
		}
		if (act == ACT_CREATE)
			tune_map(name, s);
	}
	say(r, action_name(act), name, mp);
	return rc;
}

/* Report paths that will not be used, once each (-v 3 shows them in the detail). */
static void report_left_out(const struct run *r)
{
	if (r->c.o->verbosity < V_ACTIONS || r->c.o->verbosity == V_DETAIL)
		return;
	for (size_t i = 0; i < r->c.pv.n; i++) {
		const struct path *p = &r->c.pv.p[i];

		if (p->errmsg[0] && !path_usable(p))
			ctx_say(stderr, "%s (left out)", p->errmsg);
		else if (p->busy && p->wwid[0]) {
			ctx_say(stderr, "%s: in use by another holder or mounted (left out)", p->dev);
		}
	}
}

/* The reference WWID of a device argument: its LU is the run's scope. */
static int scope_wwid(struct run *r, const char **wwid)
{
	char name[DEVNAME_SIZE];
	int e = resolve_device_arg(r->c.o->device, name, sizeof(name));

	if (e) {
		ctx_err("%s: %s", r->c.o->device,
			e == -EINVAL ? "not a device name, node, dev_t or devpath" : "no such block device");
		return e;
	}
	for (size_t i = 0; i < r->c.pv.n; i++) {
		const struct path *p = &r->c.pv.p[i];

		if (strcmp(p->dev, name))
			continue;
		if (!p->wwid[0]) {
			ctx_err("%s: no WWID: %s", name, p->errmsg[0] ? p->errmsg : "unknown");
			return -ENODATA;
		}
		*wwid = p->wwid;
		return 0;
	}
	ctx_err("%s: not a SCSI disk, or blacklisted", name);
	return -ENODEV;
}

static int has_usable_path(const struct run *r, const struct multipath *mp)
{
	for (size_t g = 0; g < mp->npg; g++)
		for (size_t i = 0; i < mp->pg[g].n; i++)
			if (path_usable(&r->c.pv.p[mp->pg[g].idx[i]]))
				return 1;
	return 0;
}

/* Every LU's map. 0, or the first map's -errno: a map that fails (said at once) does
 * not stop the others. */
static int configure_maps(struct run *r)
{
	const char *scope = NULL;
	int e, first = 0;

	if (r->c.o->device && (e = scope_wwid(r, &scope)))
		return e;
	if ((e = coalesce_paths(&r->c.pv, scope, &r->mv)))
		return e;
	/* Decide membership and groups first, so -v prints what will be loaded. */
	for (size_t m = 0; m < r->mv.n; m++) {
		struct multipath *mp = &r->mv.m[m];

		if (!wanted(r, mp, &r->c.pv.p[mp->idx[0]]))
			mp->n = 0;   /* left alone: drop it from this run */
	}
	if (r->c.o->sections) {
		struct mpvec shown = { .m = r->mv.m, .n = 0 };
		struct multipath *tmp = calloc(r->mv.n ? r->mv.n : 1, sizeof(*tmp));

		if (!tmp)
			return -ENOMEM;
		for (size_t m = 0; m < r->mv.n; m++)
			if (r->mv.m[m].n)
				tmp[shown.n++] = r->mv.m[m];
		shown.m = tmp;
		print_paths_and_multipaths(stdout, &r->c.pv, &shown, r->c.o->verbosity == V_DETAIL);
		free(tmp);
	}
	report_left_out(r);
	for (size_t m = 0; m < r->mv.n; m++) {
		struct multipath *mp = &r->mv.m[m];
		struct mp_settings s;
		const char *name;

		if (!mp->n)
			continue;
		config_select(&r->c.conf, &r->c.pv.p[mp->idx[0]], mp->wwid, &s);
		if (r->c.o->verbosity >= V_DETAIL)
			config_print_settings(stderr, mp->wwid, &s);
		if ((e = build_table(r, mp, &s))) {
			first = first ? first : e;
			continue;
		}
		if (!mp->npg || !has_usable_path(r, mp)) {
			/* Never (re)load a map so that it has no usable path. */
			if (r->c.o->verbosity >= V_ACTIONS)
				ctx_say(stderr, "%s: no usable path, %s", mp->wwid,
					ctx_map_of_wwid(&r->c, mp->wwid) ? "map left as it is"
									  : "no map made");
			continue;
		}
		if (!mp->size) {
			ctx_err("%s: size 0, not mapped", mp->wwid);
			continue;
		}
		name = map_name(r, mp->wwid, &s);
		if (r->c.o->sections && want_text(r, mp->wwid))
			print_map_line(stdout, name, mp->size, r->params);
		if ((e = apply_map(r, mp, name, &s)))
			first = first ? first : e;
	}
	return first;
}

static void save_files(struct run *r)
{
	if (r->c.o->dry_run || r->c.o->bindings_ro)
		return;
	/* Not fatal: the maps are made; names stay stable through the live maps. A
	 * failure is logged by the save (what, on which file, why). */
	if (bindings_dirty(&r->bind))
		bindings_save(&r->bind);
	if (wwids_dirty(&r->wwids))
		wwids_save(&r->wwids);
}

/* The kernel name of the device argument, for a scoped probe; NULL if none or
 * unresolvable (then everything is probed and the error is reported later). */
static const char *scope_name(const struct options *o, char *buf, size_t size)
{
	if (!o->device || resolve_device_arg(o->device, buf, size))
		return NULL;
	return buf;
}

/* An add event (ACTION=add from hotplug/udev) for a path that a multipath map already
 * holds: the run for an earlier event of the same LU saw this path and put it in. Checked
 * once the lock is ours, so that run has finished; in a storm of hundreds of events this
 * turns all but one run per LU into a sysfs lookup. A run by hand still re-validates. */
static int hotplug_add_done(const struct options *o, char *name, size_t size)
{
	const char *action = getenv("ACTION");

	if (!o->device || !action || strcmp(action, "add") || o->dry_run)
		return 0;
	return scope_name(o, name, size) && device_in_mpath(name);
}

int run_multipath(const struct options *o)
{
	struct run r;
	char scope[DEVNAME_SIZE];
	int rc;

	memset(&r, 0, sizeof(r));
	bindings_init(&r.bind);
	wwids_init(&r.wwids);
	rc = ctx_setup(&r.c, o, !o->dry_run, !o->dry_run);
	if (rc)
		goto out;
	if (getenv("ACTION") && !strcmp(getenv("ACTION"), "remove") && o->device) {
		rc = remove_path_event(&r.c);
		goto out;
	}
	if (hotplug_add_done(o, scope, sizeof(scope)))
		goto out;   /* rc 0: another event's run already put this path in its map */
	r.params = malloc(TABLE_MAX);
	if (!r.params || ctx_list_maps(&r.c)) {
		rc = EXIT_FAIL;
		goto out;
	}
	load_state_files(&r);
	rc = ctx_discover(&r.c, 1, scope_name(o, scope, sizeof(scope)));
	if (rc)
		goto out;
	if (!r.c.pv.n && o->verbosity >= V_ACTIONS)
		fprintf(stderr, "multipath: no SCSI disks found: nothing to do\n");
	rc = configure_maps(&r) ? EXIT_FAIL : 0;
	save_files(&r);
out:
	free(r.params);
	mpt_free(&r.want);
	mpvec_free(&r.mv);
	bindings_free(&r.bind);
	wwids_free(&r.wwids);
	ctx_teardown(&r.c);
	return rc;
}
