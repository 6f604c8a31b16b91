/* In-memory disk images for the kpartx tests: a buffer, a kp_disk reading it (with
 * warnings captured), and writers for each label type. The writers follow the
 * on-disk formats independently of the readers' code; the golden tests check both
 * against Debian's kpartx. All numbers are in the label's own units. */
#ifndef KP_IMGBUILD_H
#define KP_IMGBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "disk.h"

struct img {
	unsigned char *buf;
	size_t size;
	unsigned int ssz;
	unsigned int reads;          /* read callbacks made */
	unsigned int nwarn;          /* warnings received */
	char warn[4096];             /* all warnings, one per line */
};

struct img *img_new(size_t size, unsigned int ssz);
void img_free(struct img *im);
/* A kp_disk over the image; warnings go to im->warn. */
void img_disk(struct img *im, struct kp_disk *d);

/* DOS: entry idx (0-3) of the MBR/EBR at logical block lba; also sets 0x55AA. */
void img_dos_entry(struct img *im, uint64_t lba, int idx, uint8_t type, uint32_t start,
		   uint32_t size);

/* GPT with nentries 128-byte entries; parts[i].first == 0 leaves entry i empty.
 * Writes the protective MBR if pmbr, the primary (LBA 1, entries at LBA 2) and the
 * backup (last LBA, entries just before it). */
struct img_gpt_part {
	uint64_t first, last;
};
void img_gpt(struct img *im, unsigned int nentries, const struct img_gpt_part *parts,
	     unsigned int nparts, int pmbr);
/* Recompute the header CRC of the GPT header at lba (after a test edited it). */
void img_gpt_fix_crc(struct img *im, uint64_t lba);

/* BSD disklabel at byte off (512: sector 1, or 64 in sector 0). fstype 0 = unused. */
struct img_bsd_part {
	uint32_t offset, size;
	uint8_t fstype;
};
void img_bsd(struct img *im, unsigned int off, const struct img_bsd_part *parts,
	     unsigned int nparts);

/* Sun label: ntrks x nsect sectors per cylinder; parts in cylinders/sectors. */
struct img_sun_part {
	uint32_t start_cyl, nsect;
};
void img_sun(struct img *im, uint16_t ntrks, uint16_t nsect, const struct img_sun_part *parts,
	     unsigned int nparts);

/* Solaris x86 VTOC (sector 1) / UnixWare label (sector 29): slices by start/size.
 * For UnixWare, slice 0 is the whole disk and parts fill slices 1..; label 0 = unused. */
struct img_vtoc_part {
	uint16_t tag;
	uint32_t start, size;
};
void img_solaris(struct img *im, uint32_t version, uint16_t nparts_field,
		 const struct img_vtoc_part *parts, unsigned int nparts);
void img_unixware(struct img *im, const struct img_vtoc_part *parts, unsigned int nparts);

/* Apple partition map with block size bs; entry 1 is the map itself (blocks 1..n). */
struct img_mac_part {
	uint32_t start, count;
};
void img_mac(struct img *im, uint16_t bs, const struct img_mac_part *parts, unsigned int nparts);

#endif
