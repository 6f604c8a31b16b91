#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "log.h"
#include "flush.h"
#include "dmstate.h"
#include "util.h"
#include "workers.h"

/* A map to flush and the kpartx partition maps on top of it (removed first). */
struct flush_job {
	const struct dmx_map *map;
	const struct dmx_map **parts;
	size_t nparts;
};

/* kpartx names its maps' uuids "part<N>-<parent uuid>": the parent's uuid, or NULL. */
static const char *partition_parent_uuid(const struct dmx_map *part)
{
	const char *s = part->uuid;

	if (strncmp(s, "part", 4))
		return NULL;
	s += 4;
	if (*s < '0' || *s > '9')
		return NULL;
	while (*s >= '0' && *s <= '9')
		s++;
	return *s == '-' ? s + 1 : NULL;
}

static int cmp_job_uuid(const void *key, const void *elem)
{
	return strcmp(key, ((const struct flush_job *)elem)->map->uuid);
}

/* Hand every partition map to its parent's job: one pass over the maps, a binary search
 * each (jobs are sorted by uuid), no maps x maps scan. */
static int attach_partitions(const struct ctx *c, struct flush_job *jobs, size_t njobs,
			     const struct dmx_map **pool)
{
	struct flush_job **owner = calloc(c->maps.n ? c->maps.n : 1, sizeof(*owner));
	size_t used = 0;

	if (!owner)
		return -ENOMEM;
	for (size_t i = 0; i < c->maps.n; i++) {
		const char *pu = partition_parent_uuid(&c->maps.m[i]);

		if (pu && (owner[i] = bsearch(pu, jobs, njobs, sizeof(*jobs), cmp_job_uuid)))
			owner[i]->nparts++;
	}
	for (size_t j = 0; j < njobs; j++) {
		jobs[j].parts = pool + used;
		used += jobs[j].nparts;
		jobs[j].nparts = 0;
	}
	for (size_t i = 0; i < c->maps.n; i++)
		if (owner[i])
			owner[i]->parts[owner[i]->nparts++] = &c->maps.m[i];
	free(owner);
	return 0;
}

/* One map: its checks, then its partition maps, then itself. Runs in a worker process;
 * what happened comes back in res (done = partition maps removed). */
static int flush_one(size_t i, void *arg, struct job_result *res)
{
	const struct flush_job *j = (const struct flush_job *)arg + i;
	const struct dmx_map *m = j->map;
	int r;

	mp_debug("%s: open count %d, %zu partition maps", m->name, m->open_count, j->nparts);
	/* Queued write-back nobody waits for does not show in the open count. */
	if (dm_map_queue_blocked(m->name)) {
		snprintf(res->msg, sizeof(res->msg), "%s: queues I/O and has no usable path: not "
			 "flushed (restore a path and re-run multipath, or 'dmsetup message %s 0 "
			 "fail_if_no_path' first)", m->name, m->name);
		return -EBUSY;
	}
	for (size_t k = 0; k < j->nparts; k++)
		if (j->parts[k]->open_count > 0) {
			snprintf(res->msg, sizeof(res->msg), "%s: partition map %s is in use",
				 m->name, j->parts[k]->name);
			return -EBUSY;
		}
	/* Each partition map holds the map open once; any other opener is a user. */
	if ((size_t)m->open_count > j->nparts) {
		snprintf(res->msg, sizeof(res->msg), "%s: in use (open count %d), not flushed",
			 m->name, m->open_count);
		return -EBUSY;
	}
	for (size_t k = 0; k < j->nparts; k++) {
		if ((r = dmx_remove(j->parts[k]->name))) {
			snprintf(res->msg, sizeof(res->msg), "%s: removing partition map %s failed: %s",
				 m->name, j->parts[k]->name, r == -EBUSY ? "in use" : strerror(-r));
			return r;
		}
		res->done++;
	}
	if ((r = dmx_remove(m->name)))
		snprintf(res->msg, sizeof(res->msg), "%s: remove failed: %s", m->name,
			 r == -EBUSY ? "in use" : strerror(-r));
	return r;
}

static void report(const struct ctx *c, const struct flush_job *j, const struct job_result *res)
{
	if (c->o->verbosity >= V_ACTIONS)
		for (int k = 0; k < res->done && (size_t)k < j->nparts; k++)
			ctx_say(stdout, "remove: %s", j->parts[k]->name);
	if (res->r)
		ctx_err("%s", res->msg);
	else if (c->o->verbosity == V_NAMES)
		ctx_say(stdout, "%s", j->map->name);
	else if (c->o->verbosity >= V_ACTIONS)
		ctx_say(stdout, "remove: %s", j->map->name);
}

/* Removing a map waits in the kernel (RCU grace periods, queue teardown): independent maps
 * are removed side by side in worker processes, and udev is waited for once at the end. */
static int flush_maps(struct ctx *c, const struct dmx_map *const *maps, size_t n)
{
	struct flush_job *jobs = calloc(n ? n : 1, sizeof(*jobs));
	const struct dmx_map **pool = calloc(c->maps.n ? c->maps.n : 1, sizeof(*pool));
	struct job_result *res = calloc(n ? n : 1, sizeof(*res));
	int rc = 0;

	if (!jobs || !pool || !res) {
		ctx_err("out of memory");
		rc = EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		jobs[i].map = maps[i];
	if (attach_partitions(c, jobs, n, pool)) {
		ctx_err("out of memory");
		rc = EXIT_FAIL;
		goto out;
	}
	if (n > 1 && dmx_share_cookie())
		ctx_err("cannot make a udev cookie: device nodes may go late");
	run_in_workers(n, WORKERS_MAX, flush_one, jobs, res, dmx_worker_exit);
	for (size_t i = 0; i < n; i++) {
		report(c, &jobs[i], &res[i]);
		if (res[i].r)
			rc = EXIT_FAIL;
	}
out:
	free(res);
	free(pool);
	free(jobs);
	return rc;
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
		} else {
			rc = flush_maps(&c, &m, 1);
		}
		goto out;
	}
	/* by_uuid is sorted by uuid: attach_partitions' binary search relies on it. */
	rc = flush_maps(&c, c.by_uuid, c.nby_uuid);
out:
	ctx_teardown(&c);
	return rc;
}
