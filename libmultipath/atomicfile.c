#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "log.h"
#include "util.h"


int af_read(const char *path, size_t max, char **data, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, alloc = 0;
	int fd, e = 0;

	*data = NULL;
	*len = 0;
	if (max > SIZE_MAX - 2)
		max = SIZE_MAX - 2;
	/* O_NONBLOCK: a FIFO (or a device) planted at the name must not hang the run,
	 * which holds the run lock; it is refused below. Regular files ignore it. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		e = errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto out;
	}
	/* Read to EOF rather than trusting st_size: the file may be growing. */
	for (;;) {
		ssize_t r;

		if (n + 1 >= alloc) {
			size_t na = alloc ? alloc * 2 : (size_t)st.st_size + 4096;
			char *nb;

			if (na > max + 2)
				na = max + 2;
			if (n + 1 >= na) {      /* already holds max + 1 bytes */
				e = EFBIG;
				goto out;
			}
			nb = realloc(buf, na);
			if (!nb) {
				e = ENOMEM;
				goto out;
			}
			buf = nb;
			alloc = na;
		}
		r = read(fd, buf + n, alloc - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			e = EFBIG;
			goto out;
		}
	}
	if (!buf && !(buf = malloc(1)))
		e = ENOMEM;
out:
	close(fd);
	if (e || !buf) {   /* !buf: only if a failing call left errno 0 */
		free(buf);
		return e ? -e : -EIO;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

const char *af_read_strerror(int e)
{
	return e == -EINVAL ? "not a regular file" : strerror(-e);
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t r = write(fd, p, len);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/* Split target into its directory ("." if none) and base name. */
static int split_path(const char *target, char *dir, size_t dsz, const char **base)
{
	const char *slash = strrchr(target, '/');

	if (!slash) {
		*base = target;
		return snprintf(dir, dsz, ".") >= (int)dsz ? -ENAMETOOLONG : 0;
	}
	*base = slash + 1;
	if (slash == target)                /* "/file" */
		return snprintf(dir, dsz, "/") >= (int)dsz ? -ENAMETOOLONG : 0;
	if ((size_t)(slash - target) >= dsz)
		return -ENAMETOOLONG;
	memcpy(dir, target, (size_t)(slash - target));
	dir[slash - target] = '\0';
	return 0;
}

/* Make sure dir, the directory of path, exists; create it 0755 (exactly, whatever
 * the umask) if missing. Messages name path: that is what is not saved. */
static int ensure_dir(const char *path, const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0755) == 0) {
		if (chmod(dir, 0755)) {
			int e = errno;

			mp_err("%s: cannot set mode 0755 on %s: %s", path, dir, strerror(e));
			return -e;
		}
		return 0;
	}
	if (errno != EEXIST) {
		int e = errno;

		mp_err("%s: cannot create directory %s: %s", path, dir, strerror(e));
		return -e;
	}
	if (stat(dir, &st)) {
		int e = errno;

		mp_err("%s: %s: %s", path, dir, strerror(e));
		return -e;
	}
	if (!S_ISDIR(st.st_mode)) {
		mp_err("%s: %s exists and is not a directory", path, dir);
		return -ENOTDIR;
	}
	return 0;
}

int af_write(const char *path, const void *data, size_t len, mode_t mode)
{
	char target[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX];
	const char *base;
	struct stat st;
	int fd, r, dfd;

	if (!path || !*path) {
		mp_err("state file: empty path");
		return -EINVAL;
	}
	if (snprintf(target, sizeof(target), "%s", path) >= (int)sizeof(target)) {
		mp_err("%s: path too long", path);
		return -ENAMETOOLONG;
	}
	if (lstat(target, &st) == 0) {
		/* Replace what a symlink points to, not the link: an admin may have moved
		 * the file (e.g. off a read-only /etc) and linked it back. */
		if (S_ISLNK(st.st_mode)) {
			if (!realpath(path, target)) {
				r = -errno;
				mp_err("%s: cannot resolve symlink: %s", path, strerror(-r));
				return r;
			}
			if (stat(target, &st)) {
				r = -errno;
				mp_err("%s: %s", target, strerror(-r));
				return r;
			}
		}
		if (S_ISDIR(st.st_mode)) {
			mp_err("%s: is a directory, not replacing it", path);
			return -EISDIR;
		}
		/* Never rename over a device or fifo (bindings_file /dev/null would be
		 * replaced by a regular file). */
		if (!S_ISREG(st.st_mode)) {
			mp_err("%s: not a regular file, not replacing it", path);
			return -EINVAL;
		}
		mode = st.st_mode & 07777;
	} else if (errno != ENOENT) {
		r = -errno;
		mp_err("%s: %s", path, strerror(-r));
		return r;
	}
	if ((r = split_path(target, dir, sizeof(dir), &base))) {
		mp_err("%s: path too long", path);
		return r;
	}
	if (!*base) {
		mp_err("%s: names a directory, not a file", path);
		return -EISDIR;
	}
	if ((r = ensure_dir(path, dir)))
		return r;
	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base) >= (int)sizeof(tmp)) {
		mp_err("%s: path too long", path);
		return -ENAMETOOLONG;
	}
	/* mkostemp opens with O_CREAT|O_EXCL: a symlink or file planted at the name
	 * makes it pick another name, it never writes through one. */
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		mp_err("%s: cannot create a temporary file in %s: %s",
			path, dir, strerror(-r));
		return r;
	}
	if ((r = write_all(fd, data, len))) {
		mp_err("%s: writing %s failed: %s; file left unchanged",
			path, tmp, strerror(-r));
		goto fail;
	}
	if (fchmod(fd, mode)) {
		r = -errno;
		mp_err("%s: chmod of %s failed: %s; file left unchanged",
			path, tmp, strerror(-r));
		goto fail;
	}
	/* Data must be on disk before the rename makes it visible: otherwise a crash
	 * can leave an empty file under the real name (delayed allocation). */
	if (fsync(fd)) {
		r = -errno;
		mp_err("%s: fsync of %s failed: %s; file left unchanged",
			path, tmp, strerror(-r));
		goto fail;
	}
	if (close(fd)) {
		fd = -1;
		r = -errno;
		mp_err("%s: closing %s failed: %s; file left unchanged",
			path, tmp, strerror(-r));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target)) {
		r = -errno;
		mp_err("%s: rename from %s failed: %s; file left unchanged",
			path, tmp, strerror(-r));
		goto fail;
	}
	/* Make the rename itself durable. Some filesystems cannot fsync a directory
	 * (EINVAL): the new file is in place then, so that is not an error. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || (fsync(dfd) && errno != EINVAL)) {
		r = -errno;
		if (dfd >= 0)
			close(dfd);
		mp_err("%s: written, but syncing directory %s failed: %s",
			path, dir, strerror(-r));
		return r;
	}
	close(dfd);
	mp_debug("%s: replaced (%zu bytes)", path, len);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return r;
}

int af_compose(const char *header, const char *orig, size_t orig_len,
	       const char *tail, size_t tail_len, char **out, size_t *outlen)
{
	const char *head = orig_len ? orig : header;
	size_t hlen = orig_len ? orig_len : (header ? strlen(header) : 0);
	int nl = hlen && head[hlen - 1] != '\n';
	char *buf = malloc(hlen + (size_t)nl + tail_len + 1);

	if (!buf)
		return -ENOMEM;
	if (hlen)
		memcpy(buf, head, hlen);
	if (nl)
		buf[hlen] = '\n';
	if (tail_len)
		memcpy(buf + hlen + nl, tail, tail_len);
	*outlen = hlen + (size_t)nl + tail_len;
	buf[*outlen] = '\0';
	*out = buf;
	return 0;
}

void af_lines_init(struct af_lines *it, const char *text, size_t len)
{
	it->p = text;
	it->end = text + len;
	it->lineno = 0;
}

int af_next_line(struct af_lines *it, const char **line, size_t *len)
{
	const char *nl;

	if (it->p >= it->end)
		return 0;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*line = it->p;
	*len = (size_t)((nl ? nl : it->end) - it->p);
	it->p = nl ? nl + 1 : it->end;
	it->lineno++;
	return 1;
}

static int is_sep(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int af_tokenize(const char *line, size_t len, struct af_token *tok, int max)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		size_t start;

		while (i < len && is_sep((unsigned char)line[i]))
			i++;
		if (i == len || line[i] == '#')
			break;
		start = i;
		while (i < len && !is_sep((unsigned char)line[i])) {
			unsigned char c = (unsigned char)line[i];

			if (c < 0x20 || c == 0x7f)
				return -EINVAL;
			i++;
		}
		if (n < max) {
			tok[n].s = line + start;
			tok[n].len = i - start;
		}
		n++;
	}
	return n;
}

int af_commit(const char *path, char *text, size_t len, mode_t mode,
	      char **orig, size_t *orig_len)
{
	int r = af_write(path, text, len, mode);

	if (r) {
		free(text);
		return r;
	}
	free(*orig);
	*orig = text;
	*orig_len = len;
	return 0;
}

int af_keep(const char *text, size_t len, char **orig, size_t *orig_len)
{
	*orig = NULL;
	*orig_len = 0;
	if (len) {
		if (!(*orig = malloc(len)))
			return -ENOMEM;
		memcpy(*orig, text, len);
	}
	*orig_len = len;
	return 0;
}
