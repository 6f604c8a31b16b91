/* Solaris x86 VTOC on the whole disk, in sector 1 (little-endian, 32-bit fields as
 * Solaris writes them). Empty slices are skipped without keeping their number. */
#include <errno.h>

#include "ptable.h"

#define VTOC_SANE      0x600DDEEEu
#define OFF_SANITY     12
#define OFF_VERSION    16
#define OFF_NPARTS     30
#define OFF_SLICES     72       /* { u16 tag, u16 flag, u32 start, u32 size } */

static int read_solaris(const struct kp_disk *d, struct kp_slices *out)
{
	unsigned char b[512];
	unsigned int i, nparts;
	int r;

	r = kp_read_sector(d, 1, b);
	if (r)
		return r == -ERANGE ? -ENOENT : r;
	if (kp_le32(b + OFF_SANITY) != VTOC_SANE)
		return -ENOENT;
	if (kp_le32(b + OFF_VERSION) != 1) {
		kp_warn(d, "solaris: VTOC version %u not supported", kp_le32(b + OFF_VERSION));
		return -EINVAL;
	}
	/* Version 1 labels have 8 or 16 slices; 16 x 12 bytes still fit the sector. */
	nparts = kp_le16(b + OFF_NPARTS) > 8 ? 16 : 8;
	for (i = 0; i < nparts; i++) {
		const unsigned char *s = b + OFF_SLICES + 12 * i;

		if (kp_le32(s + 8))
			kp_slice_add(out, kp_le32(s + 4), kp_le32(s + 8), 0);
	}
	return 0;
}

const struct kp_ptype kp_ptype_solaris = { .name = "solaris", .read = read_solaris };
