/* Apple Partition Map: a driver descriptor in block 0 gives the block size; the map
 * entries follow in blocks 1..map_count, one per block. Every entry is a slice,
 * including the map itself and free space, as the kernel numbers them. */
#include <errno.h>

#include "ptable.h"

#define DDR_MAGIC     0x4552     /* "ER" */
#define PM_MAGIC      0x504D     /* "PM" */

static int read_entry(const struct kp_disk *d, unsigned int bs, uint32_t blk,
		      unsigned char e[512])
{
	return kp_read(d, (uint64_t)blk * bs, e, 512);
}

static int read_mac(const struct kp_disk *d, struct kp_slices *out)
{
	unsigned char b[512];
	unsigned int bs, mul;
	uint32_t count, blk;
	int r;

	r = kp_read(d, 0, b, sizeof(b));
	if (r)
		return r == -ERANGE ? -ENOENT : r;
	if (kp_be16(b) != DDR_MAGIC)
		return -ENOENT;
	bs = kp_be16(b + 2);
	r = bs >= 512 && !(bs & (bs - 1)) ? read_entry(d, bs, 1, b) : -ENOENT;
	if (r)
		return r == -ERANGE ? -ENOENT : r;
	if (kp_be16(b) != PM_MAGIC)
		return -ENOENT;
	mul = bs / 512;
	count = kp_be32(b + 4);
	if (count > KP_MAX_SLICES) {
		kp_warn(d, "mac: map claims %u entries, only %d read", count, KP_MAX_SLICES);
		count = KP_MAX_SLICES;
	}
	for (blk = 1; blk <= count; blk++) {
		if (blk > 1) {
			r = read_entry(d, bs, blk, b);
			if (r == -ERANGE || (!r && kp_be16(b) != PM_MAGIC)) {
				kp_warn(d, "mac: map entry %u is missing: map truncated", blk);
				break;
			}
			if (r)
				return r;
		}
		kp_slice_add(out, (uint64_t)kp_be32(b + 8) * mul, (uint64_t)kp_be32(b + 12) * mul, 0);
	}
	return 0;
}

const struct kp_ptype kp_ptype_mac = { .name = "mac", .read = read_mac };
