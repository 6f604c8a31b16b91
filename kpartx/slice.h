/* Slices: what a partition reader returns. Slot i is partition number i+1; an empty
 * slot (size 0) keeps its number, so GPT entry 7 stays partition 7. Units are
 * 512-byte sectors from the start of the whole disk, as device-mapper wants them. */
#ifndef KP_SLICE_H
#define KP_SLICE_H

#include <stdint.h>

#include "disk.h"

#define KP_MAX_SLICES 256

struct kp_slice {
	uint64_t start;
	uint64_t size;             /* 0: empty slot */
	unsigned int container;    /* 1-based slot of the slice holding this one, 0: none */
};

struct kp_slices {
	struct kp_slice s[KP_MAX_SLICES];
	unsigned int n;            /* slots in use */
};

void kp_slices_init(struct kp_slices *sl);
/* Append a slot: 0, or -ENOSPC when all KP_MAX_SLICES slots are taken. */
int kp_slice_add(struct kp_slices *sl, uint64_t start, uint64_t size, unsigned int container);
/* Number of non-empty slots. */
unsigned int kp_slices_used(const struct kp_slices *sl);

/* True if slot i is a usable contained slice: non-empty, and its container is another
 * non-empty, top-level slot starting at or before it. */
int kp_slice_nested(const struct kp_slices *sl, unsigned int i);

/* Empty every slice that does not lie inside the disk (one message each), and make a
 * contained slice top-level when its container is gone or does not hold it. */
void kp_slices_clip(struct kp_slices *sl, const struct kp_disk *d, const char *type);

/* The bsd/sun convention: a slice lying inside another (the whole-disk 'c' slice) is
 * "contained" (its container is the outermost one); a slice that partially overlaps
 * an earlier-starting one is emptied with a message. O(n log n). */
void kp_slices_nest(struct kp_slices *sl, const struct kp_disk *d, const char *type);

#endif
