/* Reading configuration files: /etc/multipath.conf, then every *.conf of config_dir in
 * name order (later files override earlier ones, as multipath-tools reads them).
 * A file that cannot be used is a warning and is skipped, never a reason to stop:
 * only regular files are read (a FIFO or a device would block or never end), opened
 * without blocking, at most FILE_MAX bytes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_int.h"

static int file_problem(struct config *c, const char *path, const char *what, int err_no)
{
	char msg[PATH_MAX + 160];

	if (err_no)
		snprintf(msg, sizeof(msg), "%s: %s: %s; file ignored", path, what, strerror(err_no));
	else
		snprintf(msg, sizeof(msg), "%s: %s; file ignored", path, what);
	return conf_add_diag(c, 1, msg, NULL, NULL, NULL) ? -ENOMEM : -EINVAL;
}

/* The whole file into *buf (NUL-terminated). 0, -ENOENT, or a problem already reported. */
static int read_file(struct config *c, const char *path, char **buf, size_t *lenp)
{
	size_t len = 0, cap = 0;
	struct stat st;
	char *b = NULL;
	int fd, r = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		r = errno;
		if (r == ENOENT || r == ENOTDIR)
			return -ENOENT;
		return file_problem(c, path, "cannot open", r);
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return file_problem(c, path, "not a regular file", 0);
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			size_t nc = cap ? cap * 2 : 8192;
			char *nb;

			if (nc > FILE_MAX + 1)
				nc = FILE_MAX + 1;
			if (nc == cap) {              /* FILE_MAX + 1 bytes read: too big */
				r = file_problem(c, path, "file too large (over 16 MiB)", 0);
				goto out;
			}
			nb = realloc(b, nc + 1);
			if (!nb) {
				r = -ENOMEM;
				goto out;
			}
			b = nb;
			cap = nc;
		}
		n = read(fd, b + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = file_problem(c, path, "read failed", errno);
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (!b && !(b = malloc(1))) {
		r = -ENOMEM;
		goto out;
	}
	b[len] = '\0';
	*buf = b;
	*lenp = len;
	b = NULL;
out:
	close(fd);
	free(b);
	return r;
}

int config_load_one(struct config *c, const char *path)
{
	size_t len = 0;
	char *buf = NULL, *nul;
	int r, r2 = 0;

	r = read_file(c, path, &buf, &len);
	if (r == -ENOENT)
		return 0;                     /* no file: the built-ins apply */
	if (r)
		return r;
	nul = memchr(buf, '\0', len);
	if (nul) {
		unsigned int line = 1;
		char msg[PATH_MAX + 120];

		for (const char *q = buf; q < nul; q++)
			line += *q == '\n';
		snprintf(msg, sizeof(msg), "%s:%u: NUL byte in the file; the rest of the file ignored",
			 path, line);
		r2 = conf_add_diag(c, 1, msg, NULL, NULL, NULL) ? -ENOMEM : -EINVAL;
	}
	r = conf_parse_text(c, buf, path, 0);
	free(buf);
	return r == -ENOMEM || r2 == -ENOMEM ? -ENOMEM : r ? r : r2;
}

static int conf_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 && !strcmp(d->d_name + n - 5, ".conf");
}

int config_load_file(struct config *c, const char *path)
{
	struct dirent **names = NULL;
	int r, n;

	if (!path || !*path)
		path = getenv(CONFIG_ENV);
	if (!path || !*path)
		path = DEFAULT_CONFIG_FILE;
	r = config_load_one(c, path);
	if (r == -ENOMEM || !c->config_dir || !*c->config_dir)
		return r;
	n = scandir(c->config_dir, &names, conf_name, alphasort);
	for (int i = 0; i < n; i++) {
		char file[PATH_MAX];
		int ri = -ENAMETOOLONG;

		if ((size_t)snprintf(file, sizeof(file), "%s/%s", c->config_dir, names[i]->d_name) <
		    sizeof(file))
			ri = config_load_one(c, file);
		if (ri && r != -ENOMEM)
			r = ri;
		free(names[i]);
	}
	free(names);
	return r;
}
