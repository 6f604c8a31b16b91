/* Sun disklabels: a 512-byte label in sector 0 (big-endian, XOR checksum), 8 slices
 * addressed by cylinder. Slice 3 ('c') conventionally covers the whole disk, so the
 * others are marked contained by kp_slices_nest. */
#include <errno.h>

#include "ptable.h"

#define SUN_MAGIC     0xDABE
#define SUN_NPARTS    8
#define OFF_NTRKS     436
#define OFF_NSECT     438
#define OFF_PARTS     444       /* 8 x { start_cylinder, num_sectors } */
#define OFF_MAGIC     508

static int read_sun(const struct kp_disk *d, struct kp_slices *out)
{
	unsigned char b[512];
	uint16_t csum = 0;
	uint64_t cyl;
	int i, r;

	r = kp_read(d, 0, b, sizeof(b));
	if (r)
		return r == -ERANGE ? -ENOENT : r;
	if (kp_be16(b + OFF_MAGIC) != SUN_MAGIC)
		return -ENOENT;
	for (i = 0; i < 512; i += 2)
		csum ^= kp_be16(b + i);
	if (csum) {
		kp_warn(d, "sun: disk label checksum mismatch: label ignored");
		return -EINVAL;
	}
	cyl = (uint64_t)kp_be16(b + OFF_NTRKS) * kp_be16(b + OFF_NSECT);
	for (i = 0; i < SUN_NPARTS; i++) {
		const unsigned char *p = b + OFF_PARTS + 8 * i;

		kp_slice_add(out, kp_be32(p) * cyl, kp_be32(p + 4), 0);
	}
	return 0;
}

const struct kp_ptype kp_ptype_sun = { .name = "sun", .read = read_sun, .nest = 1 };
