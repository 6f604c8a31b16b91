/* GUID partition tables: the primary header at LBA 1, else the backup at the last
 * LBA, each with its header and entry-array CRC32 checked; a protective MBR (an 0xEE
 * entry) is required unless -g. Empty entries keep their number. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "ptable.h"

#define GPT_SIG           "EFI PART"
#define GPT_HDR_MIN       92
/* Entry arrays are 16 KiB in practice; this only stops a hostile count from making
 * us allocate and read gigabytes. */
#define GPT_ARRAY_MAX     (4u << 20)

/* Byte offsets in the on-disk header (UEFI spec, little-endian fields). */
enum gpt_hdr_off {
	GPT_OFF_SIG         = 0,    /* "EFI PART", 8 bytes */
	GPT_OFF_HDR_SIZE    = 12,
	GPT_OFF_HDR_CRC     = 16,   /* CRC32 of hdr_size bytes with this field zeroed */
	GPT_OFF_MY_LBA      = 24,
	GPT_OFF_ALT_LBA     = 32,
	GPT_OFF_ENTRIES_LBA = 72,
	GPT_OFF_NENTRIES    = 80,
	GPT_OFF_ENTRY_SIZE  = 84,
	GPT_OFF_ENTRIES_CRC = 88,
};
/* ... and in a partition entry. */
enum gpt_entry_off {
	GPT_ENT_TYPE_GUID = 0,      /* 16 bytes, all zero: unused entry */
	GPT_ENT_FIRST_LBA = 32,
	GPT_ENT_LAST_LBA  = 40,     /* inclusive */
};

struct gpt_hdr {
	uint64_t my_lba, alt_lba, entries_lba;
	uint32_t nentries, entry_size;
	unsigned char *entries;          /* malloc'ed, nentries * entry_size bytes */
};

/* Read and check the header at lba. 0 if valid (h->entries allocated); -EINVAL with
 * *why set if not; -errno on I/O errors. *sig tells whether the signature was there. */
static int read_header(const struct kp_disk *d, uint64_t lba, struct gpt_hdr *h,
		       const char **why, int *sig)
{
	unsigned char *b;
	uint32_t hsize, crc;
	uint64_t bytes;
	int r;

	memset(h, 0, sizeof(*h));
	*sig = 0;
	if (lba > UINT64_MAX / d->ssz) {
		*why = "header is past the end of the device";
		return -EINVAL;
	}
	b = malloc(d->ssz);
	if (!b)
		return -ENOMEM;
	r = kp_read(d, lba * d->ssz, b, d->ssz);
	if (r == -ERANGE) {
		*why = "header is past the end of the device";
		r = -EINVAL;
		goto out;
	}
	if (r)
		goto out;
	r = -EINVAL;
	if (memcmp(b + GPT_OFF_SIG, GPT_SIG, 8)) {
		*why = "no GPT signature";
		goto out;
	}
	*sig = 1;
	hsize = kp_le32(b + GPT_OFF_HDR_SIZE);
	if (hsize < GPT_HDR_MIN || hsize > d->ssz) {
		*why = "bad header size";
		goto out;
	}
	crc = kp_le32(b + GPT_OFF_HDR_CRC);
	memset(b + GPT_OFF_HDR_CRC, 0, 4);     /* the CRC is computed with its own field zeroed */
	if (kp_crc32(b, hsize) != crc) {
		*why = "header CRC mismatch";
		goto out;
	}
	h->my_lba = kp_le64(b + GPT_OFF_MY_LBA);
	h->alt_lba = kp_le64(b + GPT_OFF_ALT_LBA);
	h->entries_lba = kp_le64(b + GPT_OFF_ENTRIES_LBA);
	h->nentries = kp_le32(b + GPT_OFF_NENTRIES);
	h->entry_size = kp_le32(b + GPT_OFF_ENTRY_SIZE);
	crc = kp_le32(b + GPT_OFF_ENTRIES_CRC);
	if (h->my_lba != lba) {
		*why = "header does not point to itself";
		goto out;
	}
	/* The UEFI spec allows 128 * 2^n byte entries; only the first 56 bytes are used. */
	if (h->entry_size < 128 || h->entry_size > 4096 || (h->entry_size & (h->entry_size - 1))) {
		*why = "bad partition entry size";
		goto out;
	}
	bytes = (uint64_t)h->nentries * h->entry_size;
	if (bytes > GPT_ARRAY_MAX) {
		*why = "partition entry array too large";
		goto out;
	}
	if (h->entries_lba > UINT64_MAX / d->ssz) {
		*why = "partition entry array is past the end of the device";
		goto out;
	}
	h->entries = malloc(bytes ? bytes : 1);
	if (!h->entries) {
		r = -ENOMEM;
		goto out;
	}
	r = kp_read(d, h->entries_lba * d->ssz, h->entries, bytes);
	if (r == -ERANGE) {
		*why = "partition entry array is past the end of the device";
		r = -EINVAL;
	} else if (!r && kp_crc32(h->entries, bytes) != crc) {
		*why = "partition entry array CRC mismatch";
		r = -EINVAL;
	}
	if (r) {
		free(h->entries);
		h->entries = NULL;
	}
out:
	free(b);
	return r;
}

static int has_pmbr(const struct kp_disk *d)
{
	unsigned char mbr[512];

	if (kp_read(d, 0, mbr, sizeof(mbr)) || mbr[510] != 0x55 || mbr[511] != 0xAA)
		return 0;
	for (int i = 0; i < 4; i++)
		if (mbr[0x1BE + 16 * i + 4] == 0xEE)
			return 1;
	return 0;
}

static int is_null_guid(const unsigned char *g)
{
	for (int i = 0; i < 16; i++)
		if (g[i])
			return 0;
	return 1;
}

static int fill_slices(const struct kp_disk *d, const struct gpt_hdr *h, struct kp_slices *out)
{
	uint64_t mul = d->ssz / 512;
	unsigned int i, ignored = 0;

	for (i = 0; i < h->nentries; i++) {
		const unsigned char *e = h->entries + (size_t)i * h->entry_size;
		uint64_t first = kp_le64(e + GPT_ENT_FIRST_LBA), last = kp_le64(e + GPT_ENT_LAST_LBA);

		if (is_null_guid(e + GPT_ENT_TYPE_GUID))
			continue;
		if (i >= KP_MAX_SLICES) {
			ignored++;
			continue;
		}
		while (out->n < i)
			kp_slice_add(out, 0, 0, 0);   /* empty entries keep their number */
		if (last < first || last > UINT64_MAX / mul - 1) {
			kp_warn(d, "gpt: partition %u: bad LBA range %llu-%llu: skipped", i + 1,
				(unsigned long long)first, (unsigned long long)last);
			kp_slice_add(out, 0, 0, 0);
			continue;
		}
		kp_slice_add(out, first * mul, (last - first + 1) * mul, 0);
	}
	if (ignored)
		kp_warn(d, "gpt: %u partitions beyond number %d ignored", ignored, KP_MAX_SLICES);
	return 0;
}

static int read_gpt(const struct kp_disk *d, struct kp_slices *out)
{
	struct gpt_hdr prim, alt;
	const char *pwhy = "", *awhy = "";
	uint64_t last;
	int r, psig, asig;

	if (d->size / d->ssz < 3)
		return -ENOENT;
	last = d->size / d->ssz - 1;
	r = read_header(d, 1, &prim, &pwhy, &psig);
	if (r && r != -EINVAL)
		return r;
	if (!r) {
		/* The backup only matters for a warning when the primary is good. */
		r = read_header(d, prim.alt_lba, &alt, &awhy, &asig);
		if (r == -EINVAL && prim.alt_lba != last)
			r = read_header(d, last, &alt, &awhy, &asig);
		if (r == -EINVAL)
			kp_warn(d, "gpt: backup header invalid (%s), using the primary", awhy);
		else if (r) {
			free(prim.entries);
			return r;
		}
		free(alt.entries);
	} else {
		r = read_header(d, last, &alt, &awhy, &asig);
		if (r == -EINVAL) {
			if (psig || asig)
				kp_warn(d, "gpt: primary header invalid (%s) and backup header "
					"invalid (%s): GPT ignored", pwhy, awhy);
			return psig || asig ? -EINVAL : -ENOENT;
		}
		if (r)
			return r;
		kp_warn(d, "gpt: primary header invalid (%s), using the backup at LBA %llu",
			pwhy, (unsigned long long)last);
		prim = alt;
	}
	if (!has_pmbr(d)) {
		if (!d->force_gpt) {
			kp_warn(d, "gpt: valid GPT but no protective MBR: GPT ignored "
				"(use -g to force it)");
			free(prim.entries);
			return -EINVAL;
		}
		kp_warn(d, "gpt: no protective MBR; -g given, using the GPT");
	}
	r = fill_slices(d, &prim, out);
	free(prim.entries);
	return r;
}

const struct kp_ptype kp_ptype_gpt = { .name = "gpt", .read = read_gpt };
