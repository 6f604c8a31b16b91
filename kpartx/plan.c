/* Planning -a/-u/-d. Maps are found by UUID, so a renamed partition map is still
 * recognised as ours and a same-named map of someone else's is never touched.
 * Each lookup is an index or a binary search: O((slices + maps) log maps). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "plan.h"

/* Our maps, by partition number. Numbers beyond the slice table can only be
 * removed, so they are just listed. */
struct ours {
	const struct dmx_map *by_part[KP_MAX_SLICES + 1];
	const struct dmx_map **extra;
	unsigned int *extra_part;
	size_t nextra;
};

static int find_ours(const struct kp_parent *p, const struct dmx_maplist *maps, struct ours *o)
{
	memset(o, 0, sizeof(*o));
	o->extra = calloc(maps->n ? maps->n : 1, sizeof(*o->extra));
	o->extra_part = calloc(maps->n ? maps->n : 1, sizeof(*o->extra_part));
	if (!o->extra || !o->extra_part) {
		free(o->extra);
		free(o->extra_part);
		return -ENOMEM;
	}
	for (size_t i = 0; i < maps->n; i++) {
		unsigned int n = kp_part_of(maps->m[i].uuid, p->uuid);

		if (!n)
			continue;
		if (n <= KP_MAX_SLICES) {
			o->by_part[n] = &maps->m[i];
		} else {
			o->extra[o->nextra] = &maps->m[i];
			o->extra_part[o->nextra++] = n;
		}
	}
	return 0;
}

static void free_ours(struct ours *o)
{
	free(o->extra);
	free(o->extra_part);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(const struct dmx_map *const *)a)->name,
		      (*(const struct dmx_map *const *)b)->name);
}

static const struct dmx_map *find_name(const struct dmx_map **sorted, size_t n, const char *name)
{
	struct dmx_map key;
	const struct dmx_map *kp = &key, **hit;

	snprintf(key.name, sizeof(key.name), "%s", name);
	hit = bsearch(&kp, sorted, n, sizeof(*sorted), cmp_name);
	return hit ? *hit : NULL;
}

static struct kp_op *new_op(struct kp_plan *plan, enum kp_op_kind kind, unsigned int part,
			    const char *name)
{
	struct kp_op *op = &plan->ops[plan->n++];

	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->part = part;
	snprintf(op->name, sizeof(op->name), "%s", name);
	return op;
}

/* At most one op per slice and one per existing map. */
static int plan_alloc(struct kp_plan *plan, size_t n)
{
	plan->n = 0;
	plan->ops = calloc(n ? n : 1, sizeof(*plan->ops));
	return plan->ops ? 0 : -ENOMEM;
}

static int plan_slice(const struct kp_parent *p, const struct kp_slice *s, unsigned int part,
		      const struct ours *o, const struct dmx_map **sorted, size_t nmaps,
		      struct kp_plan *plan)
{
	const struct dmx_map *mine = o->by_part[part], *holder;
	char name[DMX_NAME_SIZE], uuid[DMX_UUID_SIZE];
	struct kp_op *op;

	if (kp_part_name(name, sizeof(name), p->mapname, p->delim, part) ||
	    kp_part_uuid(uuid, sizeof(uuid), part, p->uuid))
		return -ENAMETOOLONG;
	if (mine) {
		op = new_op(plan, KP_OP_RELOAD, part, mine->name);
	} else if ((holder = find_name(sorted, nmaps, name))) {
		op = new_op(plan, KP_OP_CONFLICT, part, name);
		snprintf(op->uuid, sizeof(op->uuid), "%s", holder->uuid);
		return 0;
	} else {
		op = new_op(plan, KP_OP_CREATE, part, name);
		snprintf(op->uuid, sizeof(op->uuid), "%s", uuid);
	}
	op->size = s->size;
	snprintf(op->params, sizeof(op->params), "%u:%u %llu", p->major, p->minor,
		 (unsigned long long)s->start);
	return 0;
}

int kp_plan_add(const struct kp_parent *p, const struct kp_slices *sl,
		const struct dmx_maplist *maps, int update, struct kp_plan *plan)
{
	const struct dmx_map **sorted;
	struct ours o;
	size_t i;
	int r;

	r = find_ours(p, maps, &o);
	if (r)
		return r;
	sorted = calloc(maps->n ? maps->n : 1, sizeof(*sorted));
	if (!sorted || plan_alloc(plan, sl->n + maps->n)) {
		free(sorted);
		free_ours(&o);
		return -ENOMEM;
	}
	for (i = 0; i < maps->n; i++)
		sorted[i] = &maps->m[i];
	qsort(sorted, maps->n, sizeof(*sorted), cmp_name);

	/* Top-level slices first, then contained ones: the order Debian's kpartx uses,
	 * so dm minors come out the same as its -l listing predicts. */
	for (int pass = 0; pass < 2 && !r; pass++)
		for (i = 0; i < sl->n && !r; i++)
			if (sl->s[i].size && (pass == 1) == kp_slice_nested(sl, (unsigned int)i))
				r = plan_slice(p, &sl->s[i], (unsigned int)i + 1, &o, sorted,
					       maps->n, plan);
	if (!r && update) {
		for (i = 0; i < o.nextra; i++)
			new_op(plan, KP_OP_REMOVE, o.extra_part[i], o.extra[i]->name);
		for (i = KP_MAX_SLICES; i >= 1; i--)
			if (o.by_part[i] && (i > sl->n || !sl->s[i - 1].size))
				new_op(plan, KP_OP_REMOVE, (unsigned int)i, o.by_part[i]->name);
	}
	free(sorted);
	free_ours(&o);
	if (r)
		kp_plan_free(plan);
	return r;
}

int kp_plan_delete(const struct kp_parent *p, const struct dmx_maplist *maps,
		   struct kp_plan *plan)
{
	struct ours o;
	size_t i;
	int r;

	r = find_ours(p, maps, &o);
	if (r)
		return r;
	if (plan_alloc(plan, maps->n)) {
		free_ours(&o);
		return -ENOMEM;
	}
	for (i = 0; i < o.nextra; i++)
		new_op(plan, KP_OP_REMOVE, o.extra_part[i], o.extra[i]->name);
	for (i = KP_MAX_SLICES; i >= 1; i--)
		if (o.by_part[i])
			new_op(plan, KP_OP_REMOVE, (unsigned int)i, o.by_part[i]->name);
	free_ours(&o);
	return 0;
}

void kp_plan_free(struct kp_plan *plan)
{
	free(plan->ops);
	plan->ops = NULL;
	plan->n = 0;
}
