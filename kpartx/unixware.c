/* UnixWare disklabels on the whole disk, in sector 29 (little-endian). Slice 0 is the
 * whole disk and is not mapped; unused slices (label 0) are skipped without keeping
 * their number. */
#include <errno.h>

#include "ptable.h"

#define UW_DISKMAGIC   0xCA5E600Du
#define UW_VTOCMAGIC   0x600DDEEEu
#define UW_SECTOR      29
#define OFF_DMAGIC     4
#define OFF_VMAGIC     156
#define OFF_SLICES     216      /* 16 x { u16 label, u16 flags, u32 start, u32 size } */
#define UW_NSLICES     16

static int read_unixware(const struct kp_disk *d, struct kp_slices *out)
{
	unsigned char b[512];
	int i, r;

	r = kp_read_sector(d, UW_SECTOR, b);
	if (r)
		return r == -ERANGE ? -ENOENT : r;
	if (kp_le32(b + OFF_DMAGIC) != UW_DISKMAGIC || kp_le32(b + OFF_VMAGIC) != UW_VTOCMAGIC)
		return -ENOENT;
	for (i = 1; i < UW_NSLICES; i++) {
		const unsigned char *s = b + OFF_SLICES + 12 * i;

		if (kp_le16(s))
			kp_slice_add(out, kp_le32(s + 4), kp_le32(s + 8), 0);
	}
	return 0;
}

const struct kp_ptype kp_ptype_unixware = { .name = "unixware", .read = read_unixware };
