/* DOS (MBR) partition tables: 4 primary entries plus the logical partitions of
 * extended partitions, found by following the chain of extended boot records (EBRs).
 * Entry start/size fields count logical blocks; slices are scaled to 512-byte units. */
#include <errno.h>
#include <string.h>

#include "ptable.h"

#define MBR_ENTRIES   0x1BE
#define MBR_SIG       510
#define TYPE_GPT      0xEE
/* Each EBR normally holds one logical partition, so a chain longer than the slice
 * table cannot be useful: stop there even if no loop was seen. */
#define MAX_EBRS      KP_MAX_SLICES

struct dos_entry {
	unsigned char type;
	uint32_t start;      /* logical blocks, relative to the MBR/EBR/extended start */
	uint32_t size;
};

static void get_entry(const unsigned char *sect, int i, struct dos_entry *e)
{
	const unsigned char *p = sect + MBR_ENTRIES + 16 * i;

	e->type = p[4];
	e->start = kp_le32(p + 8);
	e->size = kp_le32(p + 12);
}

static int has_signature(const unsigned char *sect)
{
	return sect[MBR_SIG] == 0x55 && sect[MBR_SIG + 1] == 0xAA;
}

static int is_extended(unsigned char type)
{
	return type == 0x05 || type == 0x0F || type == 0x85;
}

/* The EBRs already visited: a small open-addressing set (keys are sector + 1, so
 * that 0 means free), never more than half full since MAX_EBRS <= 256 < 512. */
struct seen {
	uint64_t key[2 * MAX_EBRS];
};

/* Returns 1 if sect was already in the set, else adds it and returns 0. */
static int seen_add(struct seen *s, uint64_t sect)
{
	uint64_t k = sect + 1;
	size_t mask = sizeof(s->key) / sizeof(s->key[0]) - 1;
	size_t h = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 40) & mask;

	while (s->key[h]) {
		if (s->key[h] == k)
			return 1;
		h = (h + 1) & mask;
	}
	s->key[h] = k;
	return 0;
}

/* Follow the EBR chain of the extended partition in primary slot "slot" starting at
 * logical block ext. Logical partitions are appended (numbered from 5). Only the first
 * two entries of an EBR are used (data, link), as every partitioning tool writes them;
 * the other two often hold garbage. */
static int read_extended(const struct kp_disk *d, struct kp_slices *out, unsigned int slot,
			 uint64_t ext)
{
	uint64_t mul = d->ssz / 512, here = ext;
	unsigned char sect[512];
	struct seen seen;
	unsigned int hops;

	memset(&seen, 0, sizeof(seen));
	for (hops = 0;; hops++) {
		uint64_t next = 0;
		int r, e, have_next = 0;

		if (hops == MAX_EBRS) {
			kp_warn(d, "dos: more than %d extended boot records: rest ignored", MAX_EBRS);
			return 0;
		}
		if (seen_add(&seen, here)) {
			kp_warn(d, "dos: extended partition chain loops back to sector %llu: stopped",
				(unsigned long long)here);
			return 0;
		}
		r = here > UINT64_MAX / d->ssz ? -ERANGE : kp_read(d, here * d->ssz, sect, 512);
		if (r == -ERANGE) {
			kp_warn(d, "dos: extended boot record at sector %llu is past the end of "
				"the device: stopped", (unsigned long long)here);
			return 0;
		}
		if (r)
			return r;
		if (!has_signature(sect)) {
			/* An empty extended partition has a blank first EBR: nothing to say. */
			if (hops)
				kp_warn(d, "dos: extended boot record at sector %llu has no "
					"signature: chain stopped", (unsigned long long)here);
			return 0;
		}
		for (e = 0; e < 2; e++) {
			struct dos_entry de;

			get_entry(sect, e, &de);
			if (!de.size)
				continue;   /* unused entry: numbers only count real partitions */
			if (is_extended(de.type)) {
				/* Links are relative to the start of the primary extended partition. */
				if (!have_next) {
					next = ext + de.start;
					have_next = 1;
				}
				continue;
			}
			if (kp_slice_add(out, (here + de.start) * mul, (uint64_t)de.size * mul,
					 slot + 1)) {
				kp_warn(d, "dos: more than %d partitions: rest ignored",
					KP_MAX_SLICES);
				return 0;
			}
		}
		if (!have_next)
			return 0;
		here = next;
	}
}

static int read_dos(const struct kp_disk *d, struct kp_slices *out)
{
	unsigned char mbr[512];
	struct dos_entry pe[4];
	uint64_t mul = d->ssz / 512;
	int i, r;

	r = kp_read(d, 0, mbr, sizeof(mbr));
	if (r)
		return r == -ERANGE ? -ENOENT : r;
	if (!has_signature(mbr))
		return -ENOENT;
	for (i = 0; i < 4; i++) {
		get_entry(mbr, i, &pe[i]);
		if (pe[i].type == TYPE_GPT)
			return -ENOENT;   /* protective or hybrid MBR: the GPT reader's job */
	}
	for (i = 0; i < 4; i++) {
		uint64_t size = (uint64_t)pe[i].size * mul;

		/* The extended partition itself is mapped as 1 KiB (one block on large-sector
		 * disks) so that a boot loader can still be written to its first sectors,
		 * without overlapping the logical partitions inside it. */
		if (pe[i].size && is_extended(pe[i].type))
			size = mul == 1 ? 2 : mul;
		kp_slice_add(out, (uint64_t)pe[i].start * mul, size, 0);
	}
	for (i = 0; i < 4; i++) {
		if (!pe[i].size || !is_extended(pe[i].type))
			continue;
		r = read_extended(d, out, i, pe[i].start);
		if (r)
			return r;
	}
	return 0;
}

const struct kp_ptype kp_ptype_dos = { .name = "dos", .read = read_dos };
