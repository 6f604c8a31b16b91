/* BSD disklabels on the whole disk: at sector 1 (i386 convention) or at byte 64 of
 * sector 0 (where GNU parted and the alpha port put it). Unused entries (fstype 0)
 * are skipped without keeping their number; slices inside another one (the
 * whole-disk 'c' slice) are marked contained by kp_slices_nest. */
#include <errno.h>

#include "ptable.h"

#define BSD_MAGIC      0x82564557u
#define BSD_MAXPARTS   16
#define OFF_MAGIC2     132
#define OFF_NPARTS     138
#define OFF_PARTS      148
#define PART_SIZE      16        /* p_size, p_offset, p_fsize, p_fstype, p_frag, p_cpg */

static int read_bsd(const struct kp_disk *d, struct kp_slices *out)
{
	static const unsigned int where[] = { 512, 64 };
	unsigned char b[1024];
	const unsigned char *l = NULL;
	unsigned int i, nparts;
	int r;

	r = kp_read(d, 0, b, sizeof(b));
	if (r)
		return r == -ERANGE ? -ENOENT : r;
	for (i = 0; i < 2 && !l; i++)
		/* Both magics must match: one 32-bit word alone is too easy to hit by chance. */
		if (kp_le32(b + where[i]) == BSD_MAGIC &&
		    kp_le32(b + where[i] + OFF_MAGIC2) == BSD_MAGIC)
			l = b + where[i];
	if (!l)
		return -ENOENT;
	nparts = kp_le16(l + OFF_NPARTS);
	if (nparts > BSD_MAXPARTS)
		nparts = BSD_MAXPARTS;
	for (i = 0; i < nparts; i++) {
		const unsigned char *p = l + OFF_PARTS + PART_SIZE * i;

		if (p[12] == 0)            /* FS_UNUSED */
			continue;
		kp_slice_add(out, kp_le32(p + 4), kp_le32(p), 0);
	}
	return 0;
}

const struct kp_ptype kp_ptype_bsd = { .name = "bsd", .read = read_bsd, .nest = 1 };
