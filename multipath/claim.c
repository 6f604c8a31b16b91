/* multipath -u, and multipath_claim: the udev claim (see claim.h and multipath(8), CLAIMING
 * PATHS IN UDEV). Runs in a udev worker for every SCSI disk event, so: sysfs and files only, no
 * device-mapper, no udev database, no run lock, never a wait, no SCSI command while sysfs has
 * the VPD pages. Linked statically into multipath_claim (no libdevmapper, no libudev). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim.h"
#include "claim_mode.h"
#include "cmdline.h"
#include "config.h"
#include "context.h"   /* EXIT_FAIL */
#include "discover.h"
#include "probe.h"
#include "structs.h"
#include "wwids.h"

#define CLAIM_SGIO_TIMEOUT_MS 3000

/* The event's device: the argument (as multipath-tools' rule passes %k), else the event's
 * DEVPATH, else DEVNAME. */
static const char *event_device(const struct options *o)
{
	const char *d = o->device;

	if (!d || !*d)
		d = getenv("DEVPATH");
	if (!d || !*d)
		d = getenv("DEVNAME");
	return d && *d ? d : NULL;
}

/* The WWID from the kernel's cached VPD pages; SCSI commands only when sysfs has none. */
static void identify(struct pathvec *pv, const struct config *conf)
{
	struct probe_opts po = { .conf = conf, .timeout_ms = CLAIM_SGIO_TIMEOUT_MS,
				 .policy_override = -1, .threads = 1 };

	identify_paths_sysfs(pv, &po);
	for (size_t i = 0; i < pv->n; i++)
		if (!pv->p[i].wwid[0])
			probe_path(&pv->p[i], &po);
}

static int blacklisted(const struct config *conf, const struct path *p)
{
	return config_blacklisted(conf, p->dev, p->wwid, p->vendor, p->model);
}

struct siblings {
	struct pathvec pv;              /* disks that may be paths of the same LU */
	const char *names[1];
	size_t n;
	unsigned int npaths;            /* same WWID, not blacklisted, this disk included */
};

/* Other paths of the LU: candidate disks whose WWID (from sysfs) is this one's. When this disk
 * is the second path, the first one was let through by udev (one path, not multipath then):
 * it is named for a change event. From the third path on, the earlier ones are claimed
 * already; at boot, when every path is there at once, each is claimed by its own event. */
static void find_siblings(struct siblings *s, const struct path *me, const struct config *conf)
{
	const char *other = NULL;

	s->npaths = 1;
	if (discover_candidates(&s->pv, me) || !s->pv.n)
		return;
	identify(&s->pv, conf);
	for (size_t i = 0; i < s->pv.n; i++) {
		const struct path *p = &s->pv.p[i];

		if (strcmp(p->wwid, me->wwid) || blacklisted(conf, p))
			continue;
		s->npaths++;
		other = p->dev;
	}
	if (s->npaths == 2)
		s->names[s->n++] = other;
}

static int answer(const struct claim_answer *a, const struct siblings *s)
{
	char out[4096];
	int n = claim_format(out, sizeof(out), a, s ? s->names : NULL, s ? s->n : 0);

	if (n < 0 || (size_t)n >= sizeof(out))
		n = claim_format(out, sizeof(out), a, NULL, 0);
	fputs(out, stdout);
	return fflush(stdout) ? EXIT_FAIL : 0;
}

int run_claim(const struct options *o)
{
	const char *dev = event_device(o), *env = getenv("DM_MULTIPATH_DEVICE_PATH");
	struct claim_facts f = { .claimed_before = env && !strcmp(env, "1") };
	struct claim_answer a;
	struct siblings s = { .n = 0 };
	struct pathvec me = { 0 };
	struct config conf;
	struct wwids w;
	char name[DEVNAME_SIZE];
	struct path p;
	int rc, conf_init = 0;

	wwids_init(&w);
	memset(&conf, 0, sizeof(conf));
	if (!dev || resolve_device_arg(dev, name, sizeof(name)) || discover_path(name, &p)) {
		claim_decide(&f, &a);   /* not a SCSI disk */
		return answer(&a, NULL);
	}
	f.is_disk = 1;
	f.in_map = p.in_mpath;
	f.held_other = p.busy;
	if (!f.in_map && !f.held_other) {
		/* Bad lines are skipped with a warning (multipath goes on with the rest, so does the
		 * claim); only a configuration that cannot be set up at all stops it. */
		conf_init = !config_init_builtin(&conf);
		f.config_ok = conf_init &&
			      config_load_file(&conf, o->config_file) != -ENOMEM;
		if (!f.config_ok)
			fprintf(stderr, "multipath -u: %s: cannot set up the configuration (out of "
				"memory); claiming only paths of existing maps\n", name);
	}
	if (f.config_ok && !pathvec_add(&me, &p)) {
		identify(&me, &conf);
		p = me.p[0];
		f.has_wwid = p.wwid[0] != '\0';
	}
	if (f.has_wwid) {
		wwids_load(&w, conf.wwids_file);
		f.fm.mode = conf.find_multipaths;
		f.fm.npaths = 1;
		f.fm.blacklisted = blacklisted(&conf, &p);
		f.fm.in_wwids = wwids_contains(&w, p.wwid);
		f.fm.in_config = config_find_mp(&conf, p.wwid) != NULL;
		f.fm.known_array = config_known_array(&conf, &p);
		/* Only "on" with nothing else deciding needs the other paths. */
		if (f.fm.mode == FIND_MP_ON && !f.fm.blacklisted && !f.fm.in_wwids &&
		    !f.fm.in_config) {
			find_siblings(&s, &p, &conf);
			f.fm.npaths = s.npaths;
		}
	}
	if (claim_decide(&f, &a))
		memset(&a, 0, sizeof(a));
	/* Only a claim by path count makes paths that udev already let through change sides. */
	rc = answer(&a, a.claim && a.reason == CLR_FINDMP && a.fm_reason == FMR_MULTIPLE_PATHS ?
			       &s : NULL);
	pathvec_free(&s.pv);
	pathvec_free(&me);
	wwids_free(&w);
	if (conf_init)
		config_free(&conf);
	return rc;
}
