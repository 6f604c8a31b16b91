#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checker.h"
#include "chkprio.h"
#include "chksel.h"
#include "config.h"
#include "discover.h"
#include "probe.h"
#include "sgio.h"
#include "threads.h"
#include "uid_path.h"
#include "uid_rank.h"
#include "util.h"

#define PROBE_DEFAULT_THREADS 64

static void set_err(struct path *p, const char *what, const char *why)
{
	path_why(p, 1, "%s failed: %s", what, why);
}

/* The WWID: the udev property uid_attrs / uid_attribute name (ID_SERIAL by default),
 * as this host's udev rules would compute it (uid_path.h, uid_rank.h). */
static int identify(struct path *p, int fd, const struct probe_opts *o)
{
	const char *attr = NULL;
	struct mp_settings s;
	char buf[64];

	if (o->conf)
		attr = uid_attrs_lookup(o->conf->uid_attrs, p->dev, buf, sizeof(buf));

	if (!attr && o->conf && uid_attribute_possible(o->conf, p)) {
		config_select(o->conf, p, "", &s);
		attr = s.uid_attribute;
	}
	return uid_identify(p, fd, attr, uid_ranking_host(NULL, NULL), o->timeout_ms);
}

/* Mounted, claimed by md/LVM/another dm table: the kernel refuses an exclusive open.
 * A path our own multipath map holds is exempt (it is in_mpath). */
static int exclusively_held(const char *node)
{
	int fd = open(node, O_RDONLY | O_EXCL | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return errno == EBUSY;
	close(fd);
	return 0;
}

/* The settings of the map this path will belong to; reads the path's node name when that
 * map groups by it (a few sysfs lookups nothing else needs). Without a configuration:
 * tur and const, no detection. */
static void map_settings(const struct probe_opts *o, struct path *p, struct mp_settings *s)
{
	int pol = o->policy_override;

	memset(s, 0, sizeof(*s));
	s->checker = CHK_TUR;
	s->prio = PRIO_CONST;
	if (o->conf) {
		config_select(o->conf, p, p->wwid, s);
		if (pol < 0)
			pol = s->pgpolicy;
	}
	if (pol == PGP_GROUP_BY_NODE_NAME)
		read_node_name(p);
}

/* TPGS from the standard INQUIRY: the kernel's cached copy, else asked over SG_IO. */
static int read_tpgs(const struct path *p, int fd, int timeout_ms)
{
	unsigned char inq[96];
	size_t got = 0;

	if (!read_sysfs_dev_bin(p->dev, "inquiry", inq, sizeof(inq), &got) &&
	    inquiry_tpgs(inq, got) >= 0)
		return inquiry_tpgs(inq, got);
	if (fd >= 0 && !sgio_inquiry(fd, 0, 0, inq, 36, &got, timeout_ms, NULL))
		return inquiry_tpgs(inq, got);
	return -1;
}

/* Is this an RDAC array (VPD 0xC9 "vac1")? The kernel's cached list of supported pages,
 * when it has one, spares the command on every other array. */
static int is_rdac(const struct path *p, int fd, int timeout_ms)
{
	unsigned char pg[256];
	size_t got = 0;

	if (!read_sysfs_vpd(p->dev, 0x00, pg, sizeof(pg), &got) && vpd_page_listed(pg, got, 0xc9) == 0)
		return 0;
	if (fd < 0 || sgio_inquiry(fd, 1, 0xc9, pg, 44, &got, timeout_ms, NULL))
		return 0;
	return rdac_is_vac1(pg, got);
}

/* The facts the settings' decisions need, and nothing more. */
static void gather_facts(const struct path *p, int fd, const struct mp_settings *s,
			 int timeout_ms, struct sel_facts *f)
{
	char rel[DEVNAME_SIZE + 32], val[32];
	unsigned int t;
	int need = sel_needs(s), st;

	memset(f, 0, sizeof(*f));
	f->tpgs = need & SEL_NEED_TPGS ? read_tpgs(p, fd, timeout_ms) : -1;
	if ((need & SEL_NEED_RDAC) || sel_prio_needs_rdac(s, f->tpgs))
		f->rdac = is_rdac(p, fd, timeout_ms);
	if (detect_enabled(s->detect_prio) && f->tpgs > 0)
		f->access_state = !read_sysfs_alua(p->dev, &st, NULL);
	snprintf(rel, sizeof(rel), "block/%s/device/timeout", p->dev);
	if (s->checker_timeout <= 0 && !read_sysfs_attr(rel, val, sizeof(val)) &&
	    !parse_uint(val, &t) && t > 0 && t <= 65535)
		f->sysfs_timeout = (int)t;
}

int probe_path(struct path *p, const struct probe_opts *o)
{
	char node[DEVNAME_SIZE + 8];
	struct mp_settings s;
	struct sel_facts f;
	const struct prio_def *pd;
	const char *args;
	int fd, r, tmo;

	snprintf(node, sizeof(node), "/dev/%s", p->dev);
	p->errmsg[0] = '\0';
	if (strcmp(p->sysfs_state, "running")) {
		/* No commands to a device the kernel has offlined; identify it from sysfs. */
		p->state = PATH_DOWN;
		identify(p, -1, o);
		path_why(p, 1, "device state is %s", p->sysfs_state);
		return p->wwid[0] ? 0 : -ENODEV;
	}
	fd = sgio_open(node);
	if (fd < 0) {
		p->state = PATH_DOWN;
		identify(p, -1, o);
		set_err(p, "open", strerror(-fd));
		return p->wwid[0] ? 0 : fd;
	}
	if (o->check_busy && !p->busy && !p->in_mpath && exclusively_held(node))
		p->busy = 1;
	r = identify(p, fd, o);
	map_settings(o, p, &s);
	gather_facts(p, fd, &s, o->timeout_ms, &f);
	select_checker_prio(&s, &f, p, &args);
	tmo = p->checker_timeout * 1000;
	check_path(p, fd, p->checker, tmo);
	/* const & co need no I/O and must not drop for a failing path (that would reorder the
	 * groups and force a reload); the others cannot ask a dead path. */
	pd = prio_def(p->prio_method);
	if (p->state != PATH_DOWN || (pd && !pd->io))
		prioritize_path(p, fd, p->prio_method, args, tmo);
	close(fd);
	return r;
}

struct probe_run {
	struct pathvec *pv;
	const struct probe_opts *o;
};

static void probe_one(size_t i, void *arg)
{
	struct probe_run *pr = arg;

	if (!pr->o->want || pr->o->want(&pr->pv->p[i], pr->o->want_arg))
		probe_path(&pr->pv->p[i], pr->o);
}

/* Each path's commands are serial, paths run side by side: a run costs a few command
 * latencies, not one per path, however many paths are slow or dead. */
int probe_paths(struct pathvec *pv, const struct probe_opts *o)
{
	struct probe_run pr = { .pv = pv, .o = o };

	run_in_threads(pv->n, o->threads ? o->threads : PROBE_DEFAULT_THREADS, probe_one, &pr);
	return 0;
}

void identify_paths_sysfs(struct pathvec *pv, const struct probe_opts *o)
{
	struct probe_opts none = { .policy_override = -1 };
	struct mp_settings s;
	int names;

	if (!o)
		o = &none;
	/* Selecting each path's settings only to learn that no map groups by node name
	 * would be a hardware-table match per path: ask the configuration once. */
	names = o->policy_override == PGP_GROUP_BY_NODE_NAME ||
		(o->policy_override < 0 && o->conf &&
		 config_may_select_policy(o->conf, PGP_GROUP_BY_NODE_NAME));
	for (size_t i = 0; i < pv->n; i++) {
		pv->p[i].state = PATH_UNCHECKED;
		identify(&pv->p[i], -1, o);
		if (names)
			map_settings(o, &pv->p[i], &s);
	}
}
