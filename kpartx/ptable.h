/* Partition table readers: one file each behind this small ops struct, tried in a
 * fixed order; the first that yields at least one usable slice wins. */
#ifndef KP_PTABLE_H
#define KP_PTABLE_H

#include "disk.h"
#include "slice.h"

struct kp_ptype {
	const char *name;
	/* Fill out (already initialised, empty) from the table on d.
	 * 0: this is the table (maybe with empty slots only); -ENOENT: no such table here;
	 * -EINVAL: one is here but unusable (the reader said why); other -errno: I/O error. */
	int (*read)(const struct kp_disk *d, struct kp_slices *out);
	int nest;   /* apply the contained-slice convention (bsd, sun) */
};

extern const struct kp_ptype kp_ptype_gpt, kp_ptype_dos, kp_ptype_bsd, kp_ptype_solaris,
	kp_ptype_unixware, kp_ptype_mac, kp_ptype_sun;

/* The reader called name, or NULL. */
const struct kp_ptype *kp_ptype_find(const char *name);
/* "gpt, dos, ..." for messages. */
const char *kp_ptype_names(void);

/* Read the partition table of d, trying only the type called only when it is not NULL.
 * Slices past the end of the disk are dropped (with a message), then nesting resolved.
 * Returns 0 with *type set and out filled, 0 with *type NULL and out->n 0 when no
 * table was found, or -errno when the disk could not be read. */
int kp_read_table(const struct kp_disk *d, const char *only, struct kp_slices *out,
		  const struct kp_ptype **type);

#endif
