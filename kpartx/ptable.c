/* The reader table and the "first with slices wins" loop. */
#include <errno.h>
#include <string.h>

#include "ptable.h"

/* kpartx's historical order; gpt first so that dos can defer to it on 0xEE. */
static const struct kp_ptype *const readers[] = {
	&kp_ptype_gpt, &kp_ptype_dos, &kp_ptype_bsd, &kp_ptype_solaris,
	&kp_ptype_unixware, &kp_ptype_mac, &kp_ptype_sun,
};
#define NREADERS (sizeof(readers) / sizeof(readers[0]))

const struct kp_ptype *kp_ptype_find(const char *name)
{
	for (size_t i = 0; i < NREADERS; i++)
		if (!strcmp(readers[i]->name, name))
			return readers[i];
	return NULL;
}

const char *kp_ptype_names(void)
{
	return "gpt, dos, bsd, solaris, unixware, mac, sun";
}

int kp_read_table(const struct kp_disk *d, const char *only, struct kp_slices *out,
		  const struct kp_ptype **type)
{
	*type = NULL;
	for (size_t i = 0; i < NREADERS; i++) {
		const struct kp_ptype *t = readers[i];
		int r;

		if (only && strcmp(only, t->name))
			continue;
		kp_slices_init(out);
		r = t->read(d, out);
		/* -ERANGE: the disk is too small to hold this kind of table at all. */
		if (r == -ENOENT || r == -EINVAL || r == -ERANGE)
			continue;
		if (r < 0) {
			kp_slices_init(out);
			return r;
		}
		kp_slices_clip(out, d, t->name);
		if (t->nest)
			kp_slices_nest(out, d, t->name);
		if (kp_slices_used(out)) {
			*type = t;
			return 0;
		}
	}
	kp_slices_init(out);
	return 0;
}
