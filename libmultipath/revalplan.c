#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "revalplan.h"

#define DEFAULT_POLLING_INTERVAL 5

/* Was dev reinstated by one of the messages? */
static int reinstated(const struct reconcile_msgs *m, const char *dev)
{
	static const char verb[] = "reinstate_path ";

	for (size_t i = 0; i < m->n; i++)
		if (!strncmp(m->msg[i], verb, sizeof(verb) - 1) && !strcmp(m->msg[i] + sizeof(verb) - 1, dev))
			return 1;
	return 0;
}

static void add(struct reconcile_msgs *m, const char *text)
{
	snprintf(m->msg[m->n++], RECONCILE_MSG_SIZE, "%s", text);
}

static void due_at(struct rv_plan *out, double t)
{
	out->watch = 1;
	if (!out->due || t < out->due)
		out->due = t;
}

/* Failback: group 1 (the best, as the table was built) has an active path while the kernel
 * uses another. */
static void plan_failback(const struct mpt_table *status, const struct rv_policy *pol,
			  int g1_active_before, int g1_active_after, struct rv_memory *mem, double now,
			  struct rv_plan *out)
{
	if (status->npg < 2 || status->pg_num == 1 || !g1_active_after) {
		mem->back = 0;
		return;
	}
	if (pol->failback == FB_IMMEDIATE ||
	    (pol->failback == FB_FOLLOWOVER && !g1_active_before)) {
		add(&out->msgs, "switch_group 1");
		mem->back = 0;
	} else if (pol->failback > 0) {
		if (!mem->back) {
			mem->back = 1;
			mem->back_at = now;
		}
		if (now >= mem->back_at + pol->failback) {
			add(&out->msgs, "switch_group 1");
			mem->back = 0;
		} else {
			due_at(out, mem->back_at + pol->failback);
		}
	}
}

/* no_path_retry N: queue for N polling intervals with no active path, then fail I/O; queue
 * again once a path is back. */
static void plan_npr(const struct mpt_table *table, const struct rv_policy *pol, int active_after,
		     struct rv_memory *mem, double now, struct rv_plan *out)
{
	double deadline;

	if (pol->no_path_retry <= 0) {
		mem->lost = 0;
		return;
	}
	if (active_after) {
		mem->lost = 0;
		if (!mpt_queues(table))
			add(&out->msgs, "queue_if_no_path");
		return;
	}
	if (!mem->lost) {
		mem->lost = 1;
		mem->lost_at = now;
	}
	deadline = mem->lost_at + (double)pol->no_path_retry * pol->polling_interval;
	if (!mpt_queues(table))
		return;   /* failing I/O already */
	if (now >= deadline)
		add(&out->msgs, "fail_if_no_path");
	else
		due_at(out, deadline);
}

int rv_plan_map(const struct mpt_table *table, const struct mpt_table *status,
		const struct pathvec *checked, const struct rv_policy *pol,
		struct rv_memory *mem, double now, struct rv_plan *out)
{
	struct reconcile_msgs path_msgs;
	int active_after = 0, g1_before = 0, g1_after = 0, failed_left = 0;
	int r = reconcile_map(status, checked, 0, &path_msgs);

	memset(out, 0, sizeof(*out));
	if (r)
		return r;
	/* room for the path messages, a switch_group and a queueing change */
	out->msgs.msg = calloc(path_msgs.n + 2, sizeof(*out->msgs.msg));
	if (!out->msgs.msg) {
		reconcile_free(&path_msgs);
		return -ENOMEM;
	}
	for (size_t i = 0; i < path_msgs.n; i++)
		add(&out->msgs, path_msgs.msg[i]);
	for (unsigned int g = 0; g < status->npg; g++)
		for (unsigned int i = 0; i < status->pg[g].npaths; i++) {
			const struct mpt_path *p = &status->pg[g].paths[i];
			int was = p->state == 'A';
			int is = was || reinstated(&path_msgs, p->dev);

			failed_left |= !is;
			active_after |= is;
			if (g == 0) {
				g1_before |= was;
				g1_after |= is;
			}
		}
	reconcile_free(&path_msgs);
	plan_failback(status, pol, g1_before, g1_after, mem, now, out);
	plan_npr(table, pol, active_after, mem, now, out);
	if (failed_left)
		out->watch = 1;
	return 0;
}

double rv_check_delay(double down_for, double max_interval)
{
	double d = down_for / RV_BACKOFF_DIV;

	if (max_interval < RV_MIN_DELAY)
		max_interval = RV_MIN_DELAY;
	if (d < RV_MIN_DELAY)
		d = RV_MIN_DELAY;
	return d > max_interval ? max_interval : d;
}

void rv_intervals(int polling_interval, int max_polling_interval, int *pi, int *max_pi)
{
	*pi = polling_interval > 0 ? polling_interval : DEFAULT_POLLING_INTERVAL;
	*max_pi = max_polling_interval > 0 ? max_polling_interval : 4 * *pi;
	if (*max_pi < *pi)
		*max_pi = *pi;
}

static int port_cmp(const struct rv_slot *a, const struct rv_slot *b)
{
	if (a->host != b->host)
		return a->host < b->host ? -1 : 1;
	if (a->channel != b->channel)
		return a->channel < b->channel ? -1 : 1;
	return a->target < b->target ? -1 : a->target > b->target;
}

/* qsort_r over indices into the caller's vector: by port, then index (deterministic). */
static int idx_cmp(const void *x, const void *y, void *arg)
{
	struct rv_slot *const *v = arg;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = port_cmp(v[i], v[j]);

	return c ? c : (i > j) - (i < j);
}

/* The indices of the slots with a known port, sorted by port: *out (free it), or -ENOMEM. */
static long by_port(struct rv_slot *const *v, size_t n, size_t **out)
{
	size_t *ix = malloc((n ? n : 1) * sizeof(*ix)), k = 0;

	if (!ix)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (v[i]->port_known)
			ix[k++] = i;
	qsort_r(ix, k, sizeof(*ix), idx_cmp, (void *)v);
	*out = ix;
	return (long)k;
}

int rv_pull_ports(struct rv_slot *const *v, size_t n, double now)
{
	size_t *ix;
	long k = by_port(v, n, &ix);

	if (k < 0)
		return (int)k;
	for (size_t a = 0, b; a < (size_t)k; a = b) {
		int any_back = 0;

		for (b = a; b < (size_t)k && !port_cmp(v[ix[a]], v[ix[b]]); b++)
			any_back |= v[ix[b]]->back;
		for (size_t i = a; any_back && i < b; i++)
			if (!v[ix[i]]->back && v[ix[i]]->next > now)
				v[ix[i]]->next = now;
	}
	free(ix);
	return 0;
}

static int idx_asc(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;

	return (i > j) - (i < j);
}

long rv_port_watch(struct rv_slot *const *v, size_t n, size_t *idx)
{
	size_t *ix, m = 0;
	long k = by_port(v, n, &ix);

	if (k < 0)
		return k;
	for (size_t a = 0, b; a < (size_t)k; a = b) {
		long best = -1;

		for (b = a; b < (size_t)k && !port_cmp(v[ix[a]], v[ix[b]]); b++)
			if (v[ix[b]]->held && (best < 0 || v[ix[b]]->since > v[ix[best]]->since))
				best = (long)b;
		if (best >= 0)
			idx[m++] = ix[best];
	}
	free(ix);
	qsort(idx, m, sizeof(*idx), idx_asc);
	return (long)m;
}

size_t rv_watch_turn(struct rv_slot *const *v, size_t n, size_t batch, size_t *cursor, size_t *idx)
{
	size_t k = 0, start;

	if (!n)
		return 0;
	start = *cursor % n;
	for (size_t step = 0; step < n && k < batch; step++) {
		size_t i = (start + step) % n;

		if (v[i]->held) {
			idx[k++] = i;
			*cursor = i + 1;
		}
	}
	return k;
}
