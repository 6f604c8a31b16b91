#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "flush.h"
#include "dmstate.h"

/* kpartx names its maps' uuids "part<N>-<parent uuid>". */
static int is_partition_of(const struct dmx_map *part, const struct dmx_map *parent)
{
	const char *s = part->uuid;

	if (strncmp(s, "part", 4))
		return 0;
	s += 4;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	return *s == '-' && !strcmp(s + 1, parent->uuid);
}

/* 0 removed; -EBUSY in use (nothing removed); other -errno. */
static int flush_map(struct ctx *c, const struct dmx_map *m)
{
	size_t nparts = 0;
	int r;

	/* Queued write-back nobody waits for does not show in the open count. */
	if (dm_map_queue_blocked(m->name)) {
		ctx_err("%s: queues I/O and has no usable path: not flushed (restore a path and "
			"re-run multipath, or 'dmsetup message %s 0 fail_if_no_path' first)",
			m->name, m->name);
		return -EBUSY;
	}

	for (size_t i = 0; i < c->maps.n; i++) {
		const struct dmx_map *p = &c->maps.m[i];

		if (!is_partition_of(p, m))
			continue;
		if (p->open_count > 0) {
			ctx_err("%s: partition map %s is in use", m->name, p->name);
			return -EBUSY;
		}
		nparts++;
	}
	/* Each partition map holds the map open once; any other opener is a user. */
	if ((size_t)m->open_count > nparts) {
		ctx_err("%s: in use (open count %d), not flushed", m->name, m->open_count);
		return -EBUSY;
	}
	for (size_t i = 0; i < c->maps.n; i++) {
		const struct dmx_map *p = &c->maps.m[i];

		if (!is_partition_of(p, m))
			continue;
		if ((r = dmx_remove(p->name))) {
			ctx_err("%s: removing partition map %s failed: %s", m->name, p->name,
				r == -EBUSY ? "in use" : strerror(-r));
			return r;
		}
		if (c->o->verbosity >= V_ACTIONS)
			ctx_say(stdout, "remove: %s", p->name);
	}
	r = dmx_remove(m->name);
	if (r) {
		ctx_err("%s: remove failed: %s", m->name,
			r == -EBUSY ? "in use" : dmx_last_error()[0] ? dmx_last_error() : strerror(-r));
		return r;
	}
	if (c->o->verbosity == V_NAMES)
		ctx_say(stdout, "%s", m->name);
	else if (c->o->verbosity >= V_ACTIONS)
		ctx_say(stdout, "remove: %s", m->name);
	return 0;
}

int run_flush(const struct options *o)
{
	struct ctx c;
	int rc = ctx_setup(&c, o, 1, 1);

	if (rc)
		goto out;
	if (ctx_list_maps(&c)) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (o->mode == MODE_FLUSH_ONE) {
		const struct dmx_map *m = ctx_map_by_name(&c, o->flush_map);

		if (!m)
			m = ctx_map_of_wwid(&c, o->flush_map);
		if (!m || strncmp(m->uuid, UUID_PREFIX, strlen(UUID_PREFIX))) {
			ctx_err("%s: not a multipath map", o->flush_map);
			rc = EXIT_FAIL;
		} else if (flush_map(&c, m)) {
			rc = EXIT_FAIL;
		}
		goto out;
	}
	for (size_t i = 0; i < c.nby_uuid; i++)
		if (flush_map(&c, c.by_uuid[i]))
			rc = EXIT_FAIL;
out:
	ctx_teardown(&c);
	return rc;
}
