#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "log.h"
#include "mptable.h"
#include "remove.h"
#include "util.h"

#define TABLE_MAX (1 << 20)

/* MAJOR/MINOR from the event's environment, else "maj:min" or a node still present. */
static int removed_devt(const struct ctx *c, unsigned int *maj, unsigned int *min)
{
	const char *M = getenv("MAJOR"), *m = getenv("MINOR");
	int n = 0;
	struct stat st;

	if (M && m && !parse_uint(M, maj) && !parse_uint(m, min))
		return 0;
	if (sscanf(c->o->device, "%u:%u%n", maj, min, &n) == 2 && !c->o->device[n])
		return 0;
	if (!stat(c->o->device, &st) && S_ISBLK(st.st_mode)) {
		*maj = major(st.st_rdev);
		*min = minor(st.st_rdev);
		return 0;
	}
	return -ENODEV;
}

/* flush_on_last_del: the last path is gone, so queued I/O fails instead of waiting
 * (multipaths, overrides and defaults decide: the path's device entry is gone with it). */
static void flush_on_last_del(const struct ctx *c, const struct dmx_map *m)
{
	struct mp_settings s;
	int e;

	if (strncmp(m->uuid, UUID_PREFIX, strlen(UUID_PREFIX)))
		return;
	config_select(&c->conf, NULL, m->uuid + strlen(UUID_PREFIX), &s);
	if (!s.flush_on_last_del || c->o->dry_run)
		return;
	if ((e = dmx_message(m->name, "fail_if_no_path")))
		ctx_err("%s: flush_on_last_del: queueing not switched off: %s", m->name,
			strerror(-e));
	else if (c->o->verbosity >= V_ACTIONS)
		ctx_say(stderr, "%s: flush_on_last_del: queueing switched off", m->name);
}

/* Reload one map without dev. 1 if it held dev, 0 if not, -errno on failure. */
static int drop_from_map(const struct ctx *c, const struct dmx_map *m, const char *dev, char *buf)
{
	struct dmx_target t;
	struct mpt_table tab;
	int n = dmx_get_targets(m->name, 0, &t, 1), r = 0;

	if (n != 1 || strcmp(t.type, "multipath") || mpt_parse_table(t.params, &tab))
		goto out;   /* not a table we know how to edit */
	if (!mpt_find_path(&tab, dev))
		goto free_tab;
	r = mpt_remove_path(&tab, dev);
	if (r == -ENOTEMPTY) {
		/* Its last path: a table with no path is never loaded; the kernel has
		 * failed the path already and the map stays for when it comes back. */
		if (c->o->verbosity >= V_ACTIONS)
			ctx_say(stderr, "%s: %s was its last path, map left as it is", m->name, dev);
		flush_on_last_del(c, m);
		r = 1;
		goto free_tab;
	}
	if (!r)
		r = mpt_format(&tab, buf, TABLE_MAX);
	if (!r)
		mp_debug("%s: without path %s: %s", m->name, dev, buf);
	if (!r && !c->o->dry_run)
		r = dmx_reload(m->name, t.length, "multipath", buf, m->read_only);
	if (!r) {
		if (c->o->verbosity == V_NAMES)
			ctx_say(stdout, "%s", m->name);
		else if (c->o->verbosity >= V_ACTIONS)
			ctx_say(stdout, "%sreload: %s (removed path %s)", c->o->dry_run ? "(dry run) " : "",
			       m->name, dev);
		r = 1;
	}
free_tab:
	mpt_free(&tab);
out:
	if (n > 0)
		dmx_target_free(&t, (size_t)n);
	return r;
}

int remove_path_event(struct ctx *c)
{
	unsigned int maj, min;
	char dev[24], *buf;
	int found = 0, r = 0, err = 0;

	if (removed_devt(c, &maj, &min)) {
		ctx_err("%s: removed device: no MAJOR/MINOR in the environment and not maj:min",
			c->o->device);
		return EXIT_FAIL;
	}
	snprintf(dev, sizeof(dev), "%u:%u", maj, min);
	buf = malloc(TABLE_MAX);
	if (!buf || ctx_list_maps(c)) {
		free(buf);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < c->nby_uuid; i++) {
		r = drop_from_map(c, c->by_uuid[i], dev, buf);
		if (r < 0) {
			ctx_err("%s: removing path %s failed: %s", c->by_uuid[i]->name, dev,
				strerror(-r));
			err = err ? err : r;
		}
		found |= r > 0;
	}
	free(buf);
	if (!found && c->o->verbosity >= 3)
		ctx_say(stderr, "%s: in no multipath map", dev);
	return err ? EXIT_FAIL : 0;
}
