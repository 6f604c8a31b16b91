/* The reader's view of a disk: a size, a logical block size and a "read this byte
 * range" callback. Partition readers see nothing else, so unit tests feed them
 * memory buffers and only blkdev.c knows about file descriptors. */
#ifndef KP_DISK_H
#define KP_DISK_H

#include <stddef.h>
#include <stdint.h>

struct kp_disk {
	const char *name;       /* for messages, e.g. "/dev/loop0" */
	uint64_t size;          /* bytes */
	unsigned int ssz;       /* logical block size in bytes: 512, 1024, 2048, 4096, ... */
	int force_gpt;          /* -g: accept a GPT without a protective MBR */
	/* Read exactly len bytes at byte offset off: 0 or -errno. Never called past size. */
	int (*read)(void *ctx, uint64_t off, void *buf, size_t len);
	void *ctx;
	/* Where warnings go (one line, no newline); NULL: stderr as "kpartx: NAME: MSG". */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
};

/* Read a byte range; -ERANGE if it does not lie inside the disk, else what ->read says. */
int kp_read(const struct kp_disk *d, uint64_t off, void *buf, size_t len);
/* Read 512-byte sector "sect" (the unit every table except dos/gpt/mac counts in). */
int kp_read_sector(const struct kp_disk *d, uint64_t sect, unsigned char buf[512]);
/* The disk size in 512-byte sectors, the unit of device-mapper tables. */
uint64_t kp_disk_sectors(const struct kp_disk *d);

void kp_warn(const struct kp_disk *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Unaligned little/big-endian loads from on-disk structures. */
static inline uint16_t kp_le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t kp_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t kp_le64(const unsigned char *p)
{
	return (uint64_t)kp_le32(p) | (uint64_t)kp_le32(p + 4) << 32;
}
static inline uint16_t kp_be16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t kp_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

#endif
