/* In-memory disk images for the kpartx tests (see imgbuild.h). */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "imgbuild.h"

static void put_le16(unsigned char *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}
static void put_le64(unsigned char *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}
static void put_be16(unsigned char *p, uint16_t v) { p[0] = v >> 8; p[1] = v; }
static void put_be32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = v >> (24 - 8 * i);
}

struct img *img_new(size_t size, unsigned int ssz)
{
	struct img *im = calloc(1, sizeof(*im));

	if (!im)
		abort();
	im->buf = calloc(1, size);
	if (!im->buf)
		abort();
	im->size = size;
	im->ssz = ssz;
	return im;
}

void img_free(struct img *im)
{
	if (im)
		free(im->buf);
	free(im);
}

static int img_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct img *im = ctx;

	/* kp_read promises never to ask past the end; a test failing here found a bug. */
	if (off > im->size || len > im->size - off)
		abort();
	memcpy(buf, im->buf + off, len);
	im->reads++;
	return 0;
}

static void img_warn(void *ctx, const char *msg)
{
	struct img *im = ctx;
	size_t used = strlen(im->warn);

	im->nwarn++;
	if (used + strlen(msg) + 2 < sizeof(im->warn)) {
		strcat(im->warn, msg);
		strcat(im->warn, "\n");
	}
}

void img_disk(struct img *im, struct kp_disk *d)
{
	memset(d, 0, sizeof(*d));
	d->name = "img";
	d->size = im->size;
	d->ssz = im->ssz;
	d->read = img_read;
	d->ctx = im;
	d->warn = img_warn;
	d->warn_ctx = im;
}

void img_dos_entry(struct img *im, uint64_t lba, int idx, uint8_t type, uint32_t start,
		   uint32_t size)
{
	unsigned char *s = im->buf + lba * im->ssz;
	unsigned char *e = s + 0x1BE + 16 * idx;

	e[4] = type;
	put_le32(e + 8, start);
	put_le32(e + 12, size);
	s[510] = 0x55;
	s[511] = 0xAA;
}

static void gpt_header(struct img *im, uint64_t lba, uint64_t alt, uint64_t entries_lba,
		       unsigned int nentries, uint32_t array_crc)
{
	unsigned char *h = im->buf + lba * im->ssz;
	uint64_t last = im->size / im->ssz - 1;

	memset(h, 0, im->ssz);
	memcpy(h, "EFI PART", 8);
	put_le32(h + 8, 0x00010000);
	put_le32(h + 12, 92);
	put_le64(h + 24, lba);
	put_le64(h + 32, alt);
	put_le64(h + 40, 34);                       /* first usable */
	put_le64(h + 48, last - 33);                /* last usable */
	memset(h + 56, 0x5A, 16);                   /* disk GUID */
	put_le64(h + 72, entries_lba);
	put_le32(h + 80, nentries);
	put_le32(h + 84, 128);
	put_le32(h + 88, array_crc);
	img_gpt_fix_crc(im, lba);
}

void img_gpt_fix_crc(struct img *im, uint64_t lba)
{
	unsigned char *h = im->buf + lba * im->ssz;

	put_le32(h + 16, 0);
	put_le32(h + 16, kp_crc32(h, 92));
}

void img_gpt(struct img *im, unsigned int nentries, const struct img_gpt_part *parts,
	     unsigned int nparts, int pmbr)
{
	uint64_t last = im->size / im->ssz - 1;
	size_t bytes = (size_t)nentries * 128;
	uint64_t alt_entries = last - (bytes + im->ssz - 1) / im->ssz;
	unsigned char *arr = calloc(1, bytes ? bytes : 1);
	uint32_t crc;

	if (!arr)
		abort();
	for (unsigned int i = 0; i < nparts && i < nentries; i++) {
		unsigned char *e = arr + 128 * i;

		if (!parts[i].first)
			continue;
		memset(e, 0xAF, 16);               /* some non-null type GUID */
		memset(e + 16, (int)(i + 1), 16);  /* unique GUID */
		put_le64(e + 32, parts[i].first);
		put_le64(e + 40, parts[i].last);
	}
	crc = kp_crc32(arr, bytes);
	memcpy(im->buf + 2 * im->ssz, arr, bytes);
	memcpy(im->buf + alt_entries * im->ssz, arr, bytes);
	gpt_header(im, 1, last, 2, nentries, crc);
	gpt_header(im, last, 1, alt_entries, nentries, crc);
	if (pmbr)
		img_dos_entry(im, 0, 0, 0xEE, 1, (uint32_t)(last > 0xFFFFFFFF ? 0xFFFFFFFF : last));
	free(arr);
}

void img_bsd(struct img *im, unsigned int off, const struct img_bsd_part *parts,
	     unsigned int nparts)
{
	unsigned char *l = im->buf + off;

	put_le32(l, 0x82564557);
	put_le32(l + 40, 512);                 /* d_secsize */
	put_le32(l + 132, 0x82564557);         /* d_magic2 */
	put_le16(l + 138, (uint16_t)nparts);
	for (unsigned int i = 0; i < nparts; i++) {
		unsigned char *p = l + 148 + 16 * i;

		put_le32(p, parts[i].size);
		put_le32(p + 4, parts[i].offset);
		p[12] = parts[i].fstype;
	}
}

void img_sun(struct img *im, uint16_t ntrks, uint16_t nsect, const struct img_sun_part *parts,
	     unsigned int nparts)
{
	unsigned char *l = im->buf;
	uint16_t csum = 0;

	memset(l, 0, 512);
	memcpy(l, "kpartx test label", 17);
	put_be16(l + 436, ntrks);
	put_be16(l + 438, nsect);
	for (unsigned int i = 0; i < nparts && i < 8; i++) {
		put_be32(l + 444 + 8 * i, parts[i].start_cyl);
		put_be32(l + 448 + 8 * i, parts[i].nsect);
	}
	put_be16(l + 508, 0xDABE);
	for (int i = 0; i < 510; i += 2)
		csum ^= (uint16_t)(l[i] << 8 | l[i + 1]);
	put_be16(l + 510, csum);
}

void img_solaris(struct img *im, uint32_t version, uint16_t nparts_field,
		 const struct img_vtoc_part *parts, unsigned int nparts)
{
	unsigned char *v = im->buf + 512;

	put_le32(v + 12, 0x600DDEEE);
	put_le32(v + 16, version);
	memcpy(v + 20, "kptest", 6);
	put_le16(v + 28, 512);
	put_le16(v + 30, nparts_field);
	for (unsigned int i = 0; i < nparts && i < 16; i++) {
		unsigned char *s = v + 72 + 12 * i;

		put_le16(s, parts[i].tag);
		put_le32(s + 4, parts[i].start);
		put_le32(s + 8, parts[i].size);
	}
}

void img_unixware(struct img *im, const struct img_vtoc_part *parts, unsigned int nparts)
{
	unsigned char *l = im->buf + 29 * 512;

	put_le32(l + 4, 0xCA5E600D);
	put_le32(l + 156, 0x600DDEEE);
	put_le16(l + 172, 16);
	/* slice 0: the whole disk */
	put_le16(l + 216, 5);
	put_le32(l + 216 + 8, (uint32_t)(im->size / 512));
	for (unsigned int i = 0; i < nparts && i < 15; i++) {
		unsigned char *s = l + 216 + 12 * (i + 1);

		put_le16(s, parts[i].tag);
		put_le32(s + 4, parts[i].start);
		put_le32(s + 8, parts[i].size);
	}
}

void img_mac(struct img *im, uint16_t bs, const struct img_mac_part *parts, unsigned int nparts)
{
	uint32_t n = nparts + 1;

	put_be16(im->buf, 0x4552);
	put_be16(im->buf + 2, bs);
	put_be32(im->buf + 4, (uint32_t)(im->size / bs));
	for (uint32_t i = 1; i <= n; i++) {
		unsigned char *e = im->buf + (size_t)i * bs;

		put_be16(e, 0x504D);
		put_be32(e + 4, n);
		if (i == 1) {
			put_be32(e + 8, 1);
			put_be32(e + 12, n);
			memcpy(e + 48, "Apple_partition_map", 19);
		} else {
			put_be32(e + 8, parts[i - 2].start);
			put_be32(e + 12, parts[i - 2].count);
			memcpy(e + 48, "Apple_UNIX_SVR2", 15);
		}
	}
}
