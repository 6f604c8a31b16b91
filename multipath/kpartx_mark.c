#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kpartx_mark.h"

int kpartx_mark(const char *dir, const char *name, int skip)
{
	char path[PATH_MAX];
	int fd;

	if (!name[0] || name[0] == '.' ||
	    snprintf(path, sizeof(path), "%s/%s/%s", dir, KPARTX_MARK_SUBDIR, name) >= (int)sizeof(path))
		return -EINVAL;
	if (!skip)
		return unlink(path) && errno != ENOENT ? -errno : 0;
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/%s", dir, KPARTX_MARK_SUBDIR);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/%s/%s", dir, KPARTX_MARK_SUBDIR, name);
	/* O_NOFOLLOW: a planted symlink is not followed (the directory is root's) */
	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}
