#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reconcile.h"

static const struct path *find(const struct pathvec *pv, const char *dev)
{
	unsigned int maj, min;
	int n = 0;

	if (sscanf(dev, "%u:%u%n", &maj, &min, &n) != 2 || dev[n])
		return NULL;
	/* Maps are small; pv is not indexed by dev_t, and one map's paths are few. */
	for (size_t i = 0; i < pv->n; i++)
		if (pv->p[i].major == maj && pv->p[i].minor == min)
			return &pv->p[i];
	return NULL;
}

static int add(struct reconcile_msgs *m, size_t cap, const char *verb, const char *arg)
{
	if (m->n >= cap)
		return -ENOSPC;
	snprintf(m->msg[m->n++], RECONCILE_MSG_SIZE, "%s %s", verb, arg);
	return 0;
}

int reconcile_map(const struct mpt_table *status, const struct pathvec *pv, int failback_immediate,
		  struct reconcile_msgs *out)
{
	size_t cap = mpt_path_count(status) + 1;
	int group1_usable = 0;

	out->n = 0;
	out->msg = calloc(cap, sizeof(*out->msg));
	if (!out->msg)
		return -ENOMEM;
	for (unsigned int g = 0; g < status->npg; g++)
		for (unsigned int i = 0; i < status->pg[g].npaths; i++) {
			const struct mpt_path *sp = &status->pg[g].paths[i];
			const struct path *p = find(pv, sp->dev);

			if (!p || p->state == PATH_UNCHECKED)
				continue;
			/* A standby (ghost) path is reinstated in a group on stand-by, where the
			 * hardware handler activates it on failover; not in the group in use: the
			 * kernel's ALUA handler refuses it I/O there, and it would only fail again
			 * (and again, on every run). */
			if (sp->state == 'F' && p->state != PATH_DOWN &&
			    !(p->state == PATH_GHOST && status->pg[g].state == 'A'))
				add(out, cap, "reinstate_path", sp->dev);
			else if (sp->state == 'A' && p->state == PATH_DOWN)
				add(out, cap, "fail_path", sp->dev);
			if (g == 0 && p->state == PATH_UP)
				group1_usable = 1;
		}
	if (failback_immediate && status->npg > 1 && status->pg_num != 1 && group1_usable)
		add(out, cap, "switch_group", "1");
	return 0;
}

void reconcile_free(struct reconcile_msgs *m)
{
	free(m->msg);
	m->msg = NULL;
	m->n = 0;
}
