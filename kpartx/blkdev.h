/* The only file that opens, reads and ioctls devices: whole-disk access for the
 * readers, and loop devices for image files. */
#ifndef KP_BLKDEV_H
#define KP_BLKDEV_H

#include <stddef.h>
#include <sys/types.h>

#include "disk.h"

struct kp_blkdev {
	int fd;
	dev_t rdev;
	uint64_t size;        /* BLKGETSIZE64 */
	unsigned int ssz;     /* BLKSSZGET */
};

/* Open a block device read-only and get its size and logical block size.
 * 0, or -errno (-ENOTBLK if path is not a block device). */
int kp_blkdev_open(const char *path, struct kp_blkdev *bd);
/* The same on an already open descriptor, which bd then owns. */
int kp_blkdev_open_fd(int fd, struct kp_blkdev *bd);
void kp_blkdev_close(struct kp_blkdev *bd);
/* Make d read bd (pread); name is used in messages. */
void kp_blkdev_disk(struct kp_blkdev *bd, const char *name, struct kp_disk *d);

/* Loop devices kpartx attaches have LO_FLAGS_AUTOCLEAR set: the kernel detaches them
 * when the last opener goes, i.e. when kpartx is done with a loop device no map uses
 * (-l, nothing to map) or when -d removed the last partition map. That flag is also
 * how kpartx recognises them later: -d never detaches a loop device set up by others. */

/* The loop device (offset 0, no size limit) backed by file, into dev[size]; *ours is
 * set if it is an auto-clearing one. 0, -ENOENT if there is none, or -errno. */
int kp_loop_find(const char *file, char *dev, size_t size, int *ours);
/* Attach file (a canonical path) to a free loop device, auto-clearing. read_only:
 * attach read-only; otherwise read-write, or read-only if the file cannot be opened
 * for writing. Returns 0 with *fd open on the loop device: closing it (with no other
 * user) detaches the device again. Or -errno. */
int kp_loop_attach(const char *file, int read_only, char *dev, size_t size, int *fd);

#endif
