#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "log.h"
#include "discover.h"
#include "list_maps.h"
#include "mptable.h"
#include "topology.h"
#include "util.h"

static const char *pg_status(char s)
{
	return s == 'A' ? "active" : s == 'D' ? "disabled" : "enabled";
}

static const char *checker_state(const struct path *p, int long_list)
{
	if (!p || !long_list)
		return "undef";
	switch (p->state) {
	case PATH_UP:
		return "ready";
	case PATH_GHOST:
		return "ghost";
	case PATH_DOWN:
		return "faulty";
	default:
		return "undef";
	}
}

static void fill_path(const struct ctx *c, struct topo_path *tp, const struct mpt_path *tabp,
		      const struct mpt_path *stp, int long_list)
{
	unsigned int maj, min;
	const struct path *p = NULL;

	memset(tp, 0, sizeof(*tp));
	strlcpy_safe(tp->devt, tabp->dev, sizeof(tp->devt));
	if (sscanf(tabp->dev, "%u:%u", &maj, &min) == 2)
		p = ctx_path_by_devt(c, maj, min);
	if (p) {
		strlcpy_safe(tp->dev, p->dev, sizeof(tp->dev));
		snprintf(tp->hctl, sizeof(tp->hctl), "%d:%d:%d:%llu", p->host, p->channel, p->target, p->lun);
		strlcpy_safe(tp->sysfs_state, p->sysfs_state, sizeof(tp->sysfs_state));
		tp->prio = long_list ? p->prio : 0;
	} else {
		/* in the table but gone from sysfs (removed, not yet dropped) */
		snprintf(tp->dev, sizeof(tp->dev), "#%s", tabp->dev);
		strlcpy_safe(tp->hctl, "#:#:#:#", sizeof(tp->hctl));
		strlcpy_safe(tp->sysfs_state, "gone", sizeof(tp->sysfs_state));
	}
	tp->dm_state = stp && stp->state == 'F' ? "failed" : "active";
	tp->checker_state = checker_state(p, long_list);
}

/* "[prefix ]<count> words..." */
static void words(char *buf, size_t size, const char *prefix, const struct mpt_words *w)
{
	size_t pos = 0;

	if (prefix)
		bprintf(buf, size, &pos, "%s ", prefix);
	bprintf(buf, size, &pos, "%u", w->n);
	for (unsigned int i = 0; i < w->n; i++)
		bprintf(buf, size, &pos, " %s", w->w[i]);
}

/* One map's topology from its table and status. 0, or -errno if it cannot be read.
 * On failure what tm holds is freed by the caller (topo_map_free). */
ANALYZER_FP_LEAK_BEGIN   /* tm->pg[g].paths = calloc(...) */
static int build_map(const struct ctx *c, const struct dmx_map *m, struct topo_map *tm, int long_list)
{
	struct dmx_target t, st;
	struct mpt_table tab, sta;
	int r = -EINVAL;

	memset(tm, 0, sizeof(*tm));
	if (dmx_get_targets(m->name, 0, &t, 1) != 1)
		return -EIO;
	if (dmx_get_targets(m->name, 1, &st, 1) != 1) {
		dmx_target_free(&t, 1);
		return -EIO;
	}
	mp_debug("%s: table %s %s", m->name, t.type, t.params);
	if (strcmp(t.type, "multipath") || mpt_parse_table(t.params, &tab))
		goto out;
	if (mpt_parse_status(st.params, &sta) || sta.npg != tab.npg) {
		mpt_free(&tab);
		goto out;
	}
	strlcpy_safe(tm->name, m->name, sizeof(tm->name));
	strlcpy_safe(tm->uuid, m->uuid, sizeof(tm->uuid));
	strlcpy_safe(tm->wwid, m->uuid + strlen(UUID_PREFIX), sizeof(tm->wwid));
	snprintf(tm->sysfs, sizeof(tm->sysfs), "dm-%u", m->minor);
	tm->size = t.length;
	tm->read_only = m->read_only;
	mpt_features_format(&tab.features, tm->features, sizeof(tm->features));
	mpt_format_hwhandler(&tab.hwhandler, tm->hwhandler, sizeof(tm->hwhandler));
	tm->pg = calloc(tab.npg ? tab.npg : 1, sizeof(*tm->pg));
	r = tm->pg ? 0 : -ENOMEM;
	for (unsigned int g = 0; g < tab.npg && !r; g++) {
		struct topo_pg *pg = &tm->pg[g];
		long long sum = 0;

		tm->npg++;
		words(pg->selector, sizeof(pg->selector), tab.pg[g].selector, &tab.pg[g].sel_args);
		pg->status = pg_status(sta.pg[g].state);
		pg->paths = calloc(tab.pg[g].npaths, sizeof(*pg->paths));
		if (!pg->paths) {
			r = -ENOMEM;
			break;
		}
		for (unsigned int i = 0; i < tab.pg[g].npaths; i++) {
			const struct mpt_path *sp = i < sta.pg[g].npaths ? &sta.pg[g].paths[i] : NULL;

			fill_path(c, &pg->paths[i], &tab.pg[g].paths[i], sp, long_list);
			sum += pg->paths[i].prio;
			pg->n++;
			if (!tm->vendor[0]) {
				unsigned int maj, min;
				const struct path *p = sscanf(tab.pg[g].paths[i].dev, "%u:%u", &maj, &min) == 2
							       ? ctx_path_by_devt(c, maj, min) : NULL;

				if (p) {
					strlcpy_safe(tm->vendor, p->vendor, sizeof(tm->vendor));
					strlcpy_safe(tm->product, p->model, sizeof(tm->product));
				}
			}
		}
		pg->prio = pg->n ? (int)(sum / (long long)pg->n) : 0;
	}
	mpt_free(&sta);
	mpt_free(&tab);
out:
	dmx_target_free(&t, 1);
	dmx_target_free(&st, 1);
	return r;
}
ANALYZER_FP_LEAK_END

/* With a device argument, only the map holding that device (or named so). */
static int selected(const struct ctx *c, const struct dmx_map *m, const struct topo_map *tm)
{
	char name[DEVNAME_SIZE];

	if (!c->o->device)
		return 1;
	if (!strcmp(c->o->device, m->name) || !strcmp(c->o->device, tm->wwid))
		return 1;
	if (resolve_device_arg(c->o->device, name, sizeof(name)))
		return 0;
	for (size_t g = 0; g < tm->npg; g++)
		for (size_t i = 0; i < tm->pg[g].n; i++)
			if (!strcmp(tm->pg[g].paths[i].dev, name))
				return 1;
	return 0;
}

int run_list(const struct options *o)
{
	struct ctx c;
	struct topo_map *maps = NULL;
	size_t n = 0;
	int long_list = o->mode == MODE_LIST_LONG;
	int rc = ctx_setup(&c, o, 1, 0);

	if (rc)
		goto out;
	if (ctx_list_maps(&c) || (rc = ctx_discover(&c, long_list, NULL))) {
		rc = rc ? rc : EXIT_FAIL;
		goto out;
	}
	maps = calloc(c.nby_uuid ? c.nby_uuid : 1, sizeof(*maps));
	if (!maps) {
		rc = EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < c.maps.n; i++) {   /* in name order */
		const struct dmx_map *m = c.by_name[i];
		int r;

		if (strncmp(m->uuid, UUID_PREFIX, strlen(UUID_PREFIX)))
			continue;
		r = build_map(&c, m, &maps[n], long_list);
		if (r) {
			topo_map_free(&maps[n]);
			if (r != -EINVAL)   /* not a multipath table: not ours to list */
				ctx_err("%s: cannot read its table/status: %s", m->name, strerror(-r));
			continue;
		}
		if (selected(&c, m, &maps[n]))
			n++;
		else
			topo_map_free(&maps[n]);
	}
	if (o->json)
		topo_print_json(stdout, maps, n);
	else
		for (size_t i = 0; i < n; i++)
			topo_print_map(stdout, &maps[i]);
	if (o->device && !n) {
		ctx_err("%s: in no multipath map", o->device);
		rc = EXIT_FAIL;
	}
out:
	for (size_t i = 0; i < n; i++)
		topo_map_free(&maps[i]);
	free(maps);
	ctx_teardown(&c);
	return rc;
}
