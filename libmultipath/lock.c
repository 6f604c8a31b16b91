#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lock.h"
#include "log.h"

int run_lock(const char *dir, int timeout_s)
{
	return named_lock(dir, MP_LOCK_FILE, timeout_s);
}

int named_lock(const char *dir, const char *file, int timeout_s)
{
	char path[PATH_MAX];
	struct stat st;
	int fd, waited_ms = 0, step_ms = 2;

	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	/* The directory must be ours: a user-writable lock dir would let anyone
	 * pre-create the file and stall every run. */
	if (lstat(dir, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 0022))
		return -EPERM;
	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	/* O_NONBLOCK: never hang on a FIFO or device planted at the name (refused below). */
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		close(fd);
		return -EPERM;
	}
	while (flock(fd, LOCK_EX | LOCK_NB)) {
		struct timespec ts;

		if (errno != EWOULDBLOCK || waited_ms >= timeout_s * 1000) {
			int e = errno == EWOULDBLOCK ? ETIMEDOUT : errno;

			close(fd);
			return -e;
		}
		/* Back off up to 50 ms: fast hand-over in a burst, little spinning in a long wait. */
		ts.tv_sec = 0;
		ts.tv_nsec = step_ms * 1000000L;
		nanosleep(&ts, NULL);
		waited_ms += step_ms;
		if (step_ms < 50)
			step_ms *= 2;
	}
	mp_debug("%s: run lock taken (waited %d ms)", path, waited_ms);
	return fd;
}

void run_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
