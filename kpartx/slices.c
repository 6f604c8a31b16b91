/* Slice list helpers and the post-processing every reader shares. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "slice.h"

void kp_slices_init(struct kp_slices *sl)
{
	memset(sl, 0, sizeof(*sl));
}

int kp_slice_add(struct kp_slices *sl, uint64_t start, uint64_t size, unsigned int container)
{
	if (sl->n >= KP_MAX_SLICES)
		return -ENOSPC;
	sl->s[sl->n].start = start;
	sl->s[sl->n].size = size;
	sl->s[sl->n].container = container;
	sl->n++;
	return 0;
}

unsigned int kp_slices_used(const struct kp_slices *sl)
{
	unsigned int i, used = 0;

	for (i = 0; i < sl->n; i++)
		if (sl->s[i].size)
			used++;
	return used;
}

int kp_slice_nested(const struct kp_slices *sl, unsigned int i)
{
	const struct kp_slice *s = &sl->s[i], *c;

	if (!s->size || !s->container || s->container > sl->n || s->container == i + 1)
		return 0;
	c = &sl->s[s->container - 1];
	return c->size && !c->container && c->start <= s->start;
}

void kp_slices_clip(struct kp_slices *sl, const struct kp_disk *d, const char *type)
{
	uint64_t end = kp_disk_sectors(d);
	unsigned int i;

	for (i = 0; i < sl->n; i++) {
		struct kp_slice *s = &sl->s[i];

		/* Compared without start + size, which a hostile table could overflow. */
		if (s->size && (s->start >= end || s->size > end - s->start)) {
			kp_warn(d, "%s: partition %u (start %llu, %llu sectors) extends past the "
				"end of the device (%llu sectors): skipped", type, i + 1,
				(unsigned long long)s->start, (unsigned long long)s->size,
				(unsigned long long)end);
			s->size = 0;
		}
	}
	/* Second pass, once every container's fate is known. Only one level of nesting
	 * is kept: -l prints a contained slice relative to its container's map. */
	for (i = 0; i < sl->n; i++)
		if (sl->s[i].container && !kp_slice_nested(sl, i))
			sl->s[i].container = 0;
}

/* Sort order for the sweep: by start, longer first, then by slot. */
static int cmp_slot(const void *a, const void *b, void *arg)
{
	const struct kp_slices *sl = arg;
	unsigned int ia = *(const unsigned int *)a, ib = *(const unsigned int *)b;
	const struct kp_slice *x = &sl->s[ia], *y = &sl->s[ib];
	uint64_t xe = x->start + x->size, ye = y->start + y->size;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (xe != ye)
		return xe > ye ? -1 : 1;
	return ia < ib ? -1 : 1;
}

void kp_slices_nest(struct kp_slices *sl, const struct kp_disk *d, const char *type)
{
	unsigned int order[KP_MAX_SLICES], stack[KP_MAX_SLICES];
	unsigned int i, n = 0, depth = 0;

	/* Must run after kp_slices_clip, so start + size cannot overflow. */
	for (i = 0; i < sl->n; i++)
		if (sl->s[i].size)
			order[n++] = i;
	qsort_r(order, n, sizeof(order[0]), cmp_slot, sl);

	/* Sweep by start with a stack of the slices still open at that point; they are
	 * nested, innermost on top, so only the top can partially overlap the next. */
	for (i = 0; i < n; i++) {
		struct kp_slice *s = &sl->s[order[i]];
		uint64_t send = s->start + s->size;

		while (depth) {
			const struct kp_slice *t = &sl->s[stack[depth - 1]];

			if (t->start + t->size > s->start)
				break;
			depth--;
		}
		if (depth) {
			const struct kp_slice *t = &sl->s[stack[depth - 1]];

			if (send > t->start + t->size) {
				kp_warn(d, "%s: partition %u overlaps partition %u: skipped",
					type, order[i] + 1, stack[depth - 1] + 1);
				s->size = 0;
				continue;
			}
			s->container = stack[0] + 1;
		} else {
			s->container = 0;
		}
		stack[depth++] = order[i];
	}
}
