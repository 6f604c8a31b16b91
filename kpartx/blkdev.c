/* Device access edge: open/pread/ioctl on the whole disk, loop attach/find/detach. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blkdev.h"

int kp_blkdev_open(const char *path, struct kp_blkdev *bd)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		bd->fd = -1;
		return -errno;
	}
	return kp_blkdev_open_fd(fd, bd);
}

int kp_blkdev_open_fd(int fd, struct kp_blkdev *bd)
{
	struct stat st;
	int ssz;

	bd->fd = fd;
	if (fstat(bd->fd, &st)) {
		int r = -errno;

		kp_blkdev_close(bd);
		return r;
	}
	if (!S_ISBLK(st.st_mode)) {
		kp_blkdev_close(bd);
		return -ENOTBLK;
	}
	bd->rdev = st.st_rdev;
	if (ioctl(bd->fd, BLKGETSIZE64, &bd->size) || ioctl(bd->fd, BLKSSZGET, &ssz)) {
		int r = -errno;

		kp_blkdev_close(bd);
		return r;
	}
	/* Readers scale by ssz / 512; anything else is not a real block device. */
	if (ssz < 512 || ssz > 65536 || ssz % 512) {
		kp_blkdev_close(bd);
		return -EINVAL;
	}
	bd->ssz = (unsigned int)ssz;
	return 0;
}

void kp_blkdev_close(struct kp_blkdev *bd)
{
	if (bd->fd >= 0)
		close(bd->fd);
	bd->fd = -1;
}

static int pread_all(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct kp_blkdev *bd = ctx;
	char *p = buf;

	while (len) {
		ssize_t n = pread(bd->fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;     /* the device shrank under us */
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

void kp_blkdev_disk(struct kp_blkdev *bd, const char *name, struct kp_disk *d)
{
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->size = bd->size;
	d->ssz = bd->ssz;
	d->read = pread_all;
	d->ctx = bd;
}

static int loop_status(const char *dev, struct loop_info64 *info)
{
	int fd = open(dev, O_RDONLY | O_CLOEXEC), r = 0;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, LOOP_GET_STATUS64, info))
		r = -errno;
	close(fd);
	return r;
}

int kp_loop_find(const char *file, char *dev, size_t size, int *ours)
{
	struct stat st;
	struct dirent *de;
	DIR *dir;
	int found = 0;

	if (stat(file, &st))
		return -errno;
	/* Attached loop devices are the /sys/block/loopN that have a "loop" directory. */
	dir = opendir("/sys/block");
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		char path[300], node[300];
		struct loop_info64 info;
		struct stat lst;
		int mine;

		if (strncmp(de->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/loop", de->d_name);
		if (stat(path, &lst))
			continue;
		snprintf(node, sizeof(node), "/dev/%s", de->d_name);
		if (loop_status(node, &info))
			continue;
		if (info.lo_device != st.st_dev || info.lo_inode != st.st_ino ||
		    info.lo_offset || info.lo_sizelimit)
			continue;
		mine = !!(info.lo_flags & LO_FLAGS_AUTOCLEAR);
		/* Prefer one of ours if the file is attached more than once. */
		if (!found || (mine && !*ours)) {
			if (snprintf(dev, size, "%s", node) >= (int)size)
				continue;
			*ours = mine;
			found = 1;
		}
	}
	closedir(dir);
	return found ? 0 : -ENOENT;
}

/* One attempt: bind file to loop device number n; on success *fd is the open device. */
static int attach_one(int n, const char *file, int read_only, char *dev, size_t size, int *fd)
{
	struct loop_info64 info;
	int lfd, ffd, r = 0;

	if (snprintf(dev, size, "/dev/loop%d", n) >= (int)size)
		return -ENAMETOOLONG;
	ffd = open(file, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (ffd < 0 && !read_only && (errno == EROFS || errno == EACCES || errno == EPERM))
		ffd = open(file, O_RDONLY | O_CLOEXEC);
	if (ffd < 0)
		return -errno;
	lfd = open(dev, O_RDWR | O_CLOEXEC);
	if (lfd < 0) {
		r = -errno;
		close(ffd);
		return r;
	}
	if (ioctl(lfd, LOOP_SET_FD, ffd)) {
		r = -errno;
		goto out;
	}
	memset(&info, 0, sizeof(info));
	snprintf((char *)info.lo_file_name, LO_NAME_SIZE, "%s", file);
	info.lo_flags = LO_FLAGS_AUTOCLEAR;
	if (ioctl(lfd, LOOP_SET_STATUS64, &info)) {
		r = -errno;
		ioctl(lfd, LOOP_CLR_FD, 0);
	}
out:
	close(ffd);
	if (r)
		close(lfd);
	else
		*fd = lfd;   /* kept open: with AUTOCLEAR, closing it now would detach */
	return r;
}

int kp_loop_attach(const char *file, int read_only, char *dev, size_t size, int *fd)
{
	int ctl, r = -EBUSY;

	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0)
		return -errno;
	/* Another process may grab the free device between GET_FREE and SET_FD (EBUSY):
	 * ask again a few times. */
	for (int tries = 0; tries < 10 && r == -EBUSY; tries++) {
		int n = ioctl(ctl, LOOP_CTL_GET_FREE);

		if (n < 0) {
			r = -errno;
			break;
		}
		r = attach_one(n, file, read_only, dev, size, fd);
	}
	close(ctl);
	return r;
}
