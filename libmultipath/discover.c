#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <sysfs/libsysfs.h>
#include <sysfs/dlist.h>

#include "alua.h"
#include "discover.h"
#include "util.h"

const char *const discover_skip_prefixes[] = {
	"cciss", "hd", "md", "dm", "sr", "scd", "ram", "raw",   /* the 2004 table */
	"loop", "fd", "nbd", "zram", "nvme", "vd", "xvd", "mmcblk", "pmem", "rbd", "nullb",
	NULL,
};

static int skipped_name(const char *name)
{
	for (const char *const *p = discover_skip_prefixes; *p; p++)
		if (!strncmp(name, *p, strlen(*p)))
			return 1;
	return 0;
}

/* Without SYSFS_PATH, libsysfs finds the mount point by reading /proc/mounts: once per
 * process is enough (every per-path attribute read asks for it). */
static char mnt_cache[PATH_MAX];
static int mnt_cache_ok;
static pthread_once_t mnt_once = PTHREAD_ONCE_INIT;

static void find_mnt(void)
{
	mnt_cache_ok = !sysfs_get_mnt_path(mnt_cache, sizeof(mnt_cache));
}

static int sysfs_mnt(char *mnt, size_t size)
{
	const char *env = getenv("SYSFS_PATH");
	struct stat st;

	if (!env || !*env) {
		pthread_once(&mnt_once, find_mnt);
		if (!mnt_cache_ok || strlcpy_safe(mnt, mnt_cache, size) >= size)
			return -ENOENT;
		return 0;
	}
	/* The override as libsysfs takes it (it would also read /proc/mounts on every call, and
	 * libsysfs 2.1.1 then reports failure): a directory, without its trailing slashes. */
	if (strlcpy_safe(mnt, env, size) >= size)
		return -ENOENT;
	for (size_t n = strlen(mnt); n > 1 && mnt[n - 1] == '/'; n--)
		mnt[n - 1] = '\0';
	if (!stat(mnt, &st) && S_ISDIR(st.st_mode))
		return 0;
	return -ENOENT;
}

/* One text attribute relative to an open sysfs directory (or an absolute path with
 * AT_FDCWD): openat + read + close, trailing newline/space removed. Used rather than
 * libsysfs' sysfs_open_attribute, which stats every file twice and walks the whole
 * absolute path (through the /sys/block symlink) for each value: at 512 paths that was
 * 60% of a dry run's system calls. libsysfs still finds the mount point, enumerates the
 * devices and their holders, resolves links and reads the binary VPD pages. */
static int attr_at(int dfd, const char *rel, char *buf, size_t size)
{
	int fd;
	ssize_t n;

	if (!size)
		return -EINVAL;
	if ((fd = openat(dfd, rel, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -EIO;
	buf[n] = '\0';
	rtrim(buf);
	return 0;
}

static int read_attr(const char *path, char *buf, size_t size)
{
	return attr_at(AT_FDCWD, path, buf, size);
}

/* "<sysfs>/block/<name>/<rel>" into path; -ENAMETOOLONG rather than a truncated path. */
static int blk_path(char *path, size_t size, const char *mnt, const char *name, const char *rel)
{
	int n = snprintf(path, size, "%s/block/%s/%s", mnt, name, rel);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int blk_attr(const char *mnt, const char *name, const char *rel, char *buf, size_t size)
{
	char path[PATH_MAX];
	int r = blk_path(path, sizeof(path), mnt, name, rel);

	return r ? r : read_attr(path, buf, size);
}

int parse_hctl(const char *s, struct path *p)
{
	int h, c, t, n = 0;
	unsigned long long l;

	if (sscanf(s, "%d:%d:%d:%llu%n", &h, &c, &t, &l, &n) != 4 || s[n] || h < 0 || c < 0 || t < 0)
		return -EINVAL;
	p->host = h;
	p->channel = c;
	p->target = t;
	p->lun = l;
	return 0;
}

static const char *base_name(const char *s)
{
	const char *b = strrchr(s, '/');

	return b ? b + 1 : s;
}

/* A holder that is a multipath map (dm uuid "mpath-...") does not make a path busy:
 * it is where the path belongs. Anything else (LVM, md, another dm target) does. */
static int held_by_other(const char *mnt, const char *name, int *in_mpath)
{
	char path[PATH_MAX], uuid[160];
	struct dlist *holders;
	char *h;
	int other = 0;

	if (blk_path(path, sizeof(path), mnt, name, "holders"))
		return 0;
	holders = sysfs_open_link_list(path);
	if (!holders)
		return 0;
	dlist_for_each_data(holders, h, char) {
		if (blk_attr(mnt, h, "dm/uuid", uuid, sizeof(uuid)) || strncmp(uuid, "mpath-", 6))
			other = 1;
		else
			*in_mpath = 1;
	}
	sysfs_close_list(holders);
	return other;
}

/* The target node behind a path, for group_by_node_name: the FC target's WWNN,
 * else the iSCSI session's target name, else the SAS address of the device. */
void read_node_name(struct path *p)
{
	char mnt[PATH_MAX], path[PATH_MAX], link[PATH_MAX];
	size_t pos = 0;
	char *s;

	p->node_name[0] = '\0';
	if (sysfs_mnt(mnt, sizeof(mnt)))
		return;
	if (!bprintf(path, sizeof(path), &pos, "%s/class/fc_transport/target%d:%d:%d/node_name", mnt,
		     p->host, p->channel, p->target) &&
	    !read_attr(path, p->node_name, sizeof(p->node_name)))
		return;
	/* iSCSI: .../hostH/sessionN/targetH:C:T/H:C:T:L; the session has iscsi_session/sessionN */
	if (!blk_path(path, sizeof(path), mnt, p->dev, "device") &&
	    !sysfs_get_link(path, link, sizeof(link)) && (s = strstr(link, "/session"))) {
		char sess[64];
		size_t n = strcspn(s + 1, "/");

		if (n < sizeof(sess)) {
			memcpy(sess, s + 1, n);
			sess[n] = '\0';
			pos = 0;
			if (!bprintf(path, sizeof(path), &pos, "%s/class/iscsi_session/%s/targetname",
				     mnt, sess) &&
			    !read_attr(path, p->node_name, sizeof(p->node_name)))
				return;
		}
	}
	blk_attr(mnt, p->dev, "device/sas_address", p->node_name, sizeof(p->node_name));
}

/* One SCSI disk's identity and state from sysfs: every value is read relative to the
 * device's directories (block/<name> and its device/), each opened once. */
static int read_path_at(int bfd, const char *mnt, const char *name, struct path *p)
{
	char link[PATH_MAX], val[64];
	unsigned int maj, min;
	ssize_t n;
	int dfd;

	n = readlinkat(bfd, "device", link, sizeof(link) - 1);
	if (n <= 0)
		return -ENODEV;   /* no SCSI device behind it */
	link[n] = '\0';
	if (parse_hctl(base_name(link), p))
		return -ENODEV;
	if (attr_at(bfd, "dev", val, sizeof(val)) || sscanf(val, "%u:%u", &maj, &min) != 2)
		return -ENODEV;
	p->major = maj;
	p->minor = min;
	if (attr_at(bfd, "size", val, sizeof(val)) || parse_ull(val, &p->size))
		p->size = 0;
	dfd = openat(bfd, "device", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* vendor/model/rev keep sysfs' text; a missing one stays empty */
	if (dfd >= 0) {
		attr_at(dfd, "vendor", p->vendor, sizeof(p->vendor));
		attr_at(dfd, "model", p->model, sizeof(p->model));
		attr_at(dfd, "rev", p->rev, sizeof(p->rev));
	}
	if (dfd < 0 || attr_at(dfd, "state", p->sysfs_state, sizeof(p->sysfs_state)))
		strlcpy_safe(p->sysfs_state, "unknown", sizeof(p->sysfs_state));
	if (dfd >= 0)
		close(dfd);
	p->busy = held_by_other(mnt, name, &p->in_mpath);
	p->alua_state = -1;
	return 0;
}

static int read_path(const char *mnt, const char *name, struct path *p)
{
	char path[PATH_MAX];
	int bfd, r;

	memset(p, 0, sizeof(*p));
	if (strlcpy_safe(p->dev, name, sizeof(p->dev)) >= sizeof(p->dev))
		return -ENAMETOOLONG;
	if (blk_path(path, sizeof(path), mnt, name, ""))
		return -ENAMETOOLONG;
	bfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (bfd < 0)
		return -ENODEV;
	r = read_path_at(bfd, mnt, name, p);
	close(bfd);
	return r;
}

int discover_path(const char *name, struct path *p)
{
	char mnt[PATH_MAX];

	if (skipped_name(name) || strchr(name, '/'))
		return -ENODEV;
	if (sysfs_mnt(mnt, sizeof(mnt)))
		return -ENOENT;
	return read_path(mnt, name, p);
}

/* Natural order for kernel names: shorter first, then bytewise (sdz < sdaa). */
static int cmp_names(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

/* /sys/block holds symlinks on today's kernels and directories on 2.6.0-era ones: both
 * count. Read with readdir, whose entry types spare the lstat per name that libsysfs' lists
 * make (at 128 disks, a third of the udev claim's system calls). The names are gathered in
 * locals and handed over whole: on -ENOMEM nothing is returned and nothing leaks. */
static int collect_names(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL, *copy;
	size_t cap = 0, cnt = 0;
	int r = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return 0;   /* as an empty list */
	while ((de = readdir(d))) {
		unsigned char type = de->d_type;
		struct stat st;

		if (de->d_name[0] == '.' || skipped_name(de->d_name))
			continue;
		if (type == DT_UNKNOWN && !fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		if (type != DT_LNK && type != DT_DIR)
			continue;
		if (cnt == cap) {
			char **nv = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof(*nv));

			if (!nv) {
				r = -ENOMEM;
				break;
			}
			v = nv;
		}
		if (!(copy = strdup(de->d_name))) {
			r = -ENOMEM;
			break;
		}
		v[cnt++] = copy;
	}
	closedir(d);
	if (r) {
		while (cnt)
			free(v[--cnt]);
		free(v);
		v = NULL;
	} else if (cnt) {
		qsort(v, cnt, sizeof(*v), cmp_names);   /* never qsort(NULL, 0): v may be NULL */
	}
	*names = v;
	*n = cnt;
	return r;
}

/* Every SCSI disk under <sysfs>/block for which keep() (NULL: all) says yes, in scan order. */
static int scan_disks(struct pathvec *pv, size_t max_paths,
		      int (*keep)(const char *mnt, const char *name, const void *arg), const void *arg)
{
	char mnt[PATH_MAX], dir[PATH_MAX + 8];
	char **names;
	size_t n, i;
	int r;

	if (sysfs_mnt(mnt, sizeof(mnt)))
		return -ENOENT;
	snprintf(dir, sizeof(dir), "%s/block", mnt);
	r = collect_names(dir, &names, &n);
	for (i = 0; i < n && !r; i++) {
		struct path p;

		if (max_paths && pv->n >= max_paths)
			break;
		if ((keep && !keep(mnt, names[i], arg)) || read_path(mnt, names[i], &p))
			continue;
		r = pathvec_add(pv, &p);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

int discover_paths(struct pathvec *pv, size_t max_paths)
{
	return scan_disks(pv, max_paths, NULL, NULL);
}

struct attr_filter {
	const char *skip;
	const char *rel;            /* attribute under block/<name>/ */
	const char *value;
};

/* One small read rules out nearly every other disk before the rest of it is read. */
static int attr_matches(const char *mnt, const char *name, const void *arg)
{
	const struct attr_filter *f = arg;
	char val[256];

	return strcmp(name, f->skip) && !blk_attr(mnt, name, f->rel, val, sizeof(val)) &&
	       !strcmp(val, f->value);
}

int discover_candidates(struct pathvec *pv, const struct path *p)
{
	char mnt[PATH_MAX], val[256];
	struct attr_filter f = { .skip = p->dev, .rel = "device/wwid", .value = val };

	if (sysfs_mnt(mnt, sizeof(mnt)))
		return -ENOENT;
	/* The kernel's own LU name (from the LU designators of VPD 0x83) when it has one, else
	 * the size. */
	if (blk_attr(mnt, p->dev, f.rel, val, sizeof(val)) || !val[0]) {
		f.rel = "size";
		snprintf(val, sizeof(val), "%llu", p->size);
	}
	return scan_disks(pv, 0, attr_matches, &f);
}

/* The block device under a sysfs device directory: "<dir>/block/<name>". */
static int block_child(const char *dir, char *name, size_t size)
{
	char path[PATH_MAX];
	struct dlist *l;
	char *s;
	int r = -ENODEV;
	int len = snprintf(path, sizeof(path), "%s/block", dir);

	if (len < 0 || (size_t)len >= sizeof(path))
		return -ENAMETOOLONG;
	l = sysfs_open_directory_list(path);
	if (!l) {
		/* pre-2.6.16 layout: "block" is a symlink to the block device */
		char link[PATH_MAX];

		if (!sysfs_get_link(path, link, sizeof(link))) {
			strlcpy_safe(name, base_name(link), size);
			return 0;
		}
		return -ENODEV;
	}
	dlist_for_each_data(l, s, char) {
		strlcpy_safe(name, s, size);
		r = 0;
		break;
	}
	sysfs_close_list(l);
	return r;
}

static int name_of_devnum(unsigned int maj, unsigned int min, char *name, size_t size)
{
	char mnt[PATH_MAX], path[PATH_MAX + 32], link[PATH_MAX];

	if (sysfs_mnt(mnt, sizeof(mnt)))
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/dev/block/%u:%u", mnt, maj, min);
	if (sysfs_get_link(path, link, sizeof(link)))
		return -ENODEV;
	strlcpy_safe(name, base_name(link), size);
	return 0;
}

int read_sysfs_vpd(const char *name, int page, unsigned char *buf, size_t size, size_t *got)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "vpd_pg%02x", page);
	return read_sysfs_dev_bin(name, rel, buf, size, got);
}

int read_sysfs_attr(const char *rel, char *buf, size_t size)
{
	char mnt[PATH_MAX], path[PATH_MAX];
	size_t pos = 0;

	if (sysfs_mnt(mnt, sizeof(mnt)) || bprintf(path, sizeof(path), &pos, "%s/%s", mnt, rel))
		return -ENOENT;
	return read_attr(path, buf, size);
}

int read_sysfs_link(const char *rel, char *link, size_t size)
{
	char mnt[PATH_MAX], path[PATH_MAX];
	size_t pos = 0;

	if (sysfs_mnt(mnt, sizeof(mnt)) || bprintf(path, sizeof(path), &pos, "%s/%s", mnt, rel) ||
	    sysfs_get_link(path, link, size))
		return -ENOENT;
	return 0;
}

int read_sysfs_dev_bin(const char *name, const char *rel, unsigned char *buf, size_t size,
		       size_t *got)
{
	char mnt[PATH_MAX], path[PATH_MAX], drel[256];
	size_t n = 0;
	ssize_t k;
	int fd;

	if (sysfs_mnt(mnt, sizeof(mnt)))
		return -ENOENT;
	if ((size_t)snprintf(drel, sizeof(drel), "device/%s", rel) >= sizeof(drel) ||
	    blk_path(path, sizeof(path), mnt, name, drel))
		return -ENAMETOOLONG;
	/* one open and a read or two: a binary attribute needs none of libsysfs' stats */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	while (n < size && (k = read(fd, buf + n, size - n)) > 0)
		n += (size_t)k;
	close(fd);
	if (!n)
		return -ENOENT;
	*got = n;
	return 0;
}

int device_in_mpath(const char *name)
{
	char mnt[PATH_MAX];
	int in_mpath = 0;

	if (sysfs_mnt(mnt, sizeof(mnt)))
		return 0;
	held_by_other(mnt, name, &in_mpath);
	return in_mpath;
}

int read_mpath_holder(const char *name, char *uuid, size_t size)
{
	char mnt[PATH_MAX], path[PATH_MAX], val[160];
	struct dlist *holders;
	char *h;
	int r = -ENOENT;

	if (sysfs_mnt(mnt, sizeof(mnt)) || blk_path(path, sizeof(path), mnt, name, "holders"))
		return -ENOENT;
	holders = sysfs_open_link_list(path);
	if (!holders)
		return -ENOENT;
	dlist_for_each_data(holders, h, char) {
		if (!blk_attr(mnt, h, "dm/uuid", val, sizeof(val)) && !strncmp(val, "mpath-", 6) &&
		    strlcpy_safe(uuid, val, size) < size) {
			r = 0;
			break;
		}
	}
	sysfs_close_list(holders);
	return r;
}

int read_sysfs_alua(const char *name, int *state, int *preferred)
{
	char mnt[PATH_MAX], val[64];

	if (sysfs_mnt(mnt, sizeof(mnt)) || blk_attr(mnt, name, "device/access_state", val, sizeof(val)))
		return -ENOENT;
	*state = alua_state_from_sysfs(val);
	if (*state == ALUA_UNKNOWN)
		return -ENOENT;
	if (preferred)
		*preferred = !blk_attr(mnt, name, "device/preferred_path", val, sizeof(val)) &&
			     val[0] == '1';
	return 0;
}

int resolve_device_arg(const char *arg, char *name, size_t size)
{
	char mnt[PATH_MAX], path[PATH_MAX * 3];
	unsigned int maj, min;
	int n = 0;
	struct stat st;

	if (!arg || !*arg || strlen(arg) >= PATH_MAX)
		return -EINVAL;
	if (sscanf(arg, "%u:%u%n", &maj, &min, &n) == 2 && !arg[n])
		return name_of_devnum(maj, min, name, size);
	if (!strncmp(arg, "/dev/", 5)) {
		if (stat(arg, &st))
			return -errno == -ENOENT ? -ENODEV : -errno;
		if (!S_ISBLK(st.st_mode))
			return -ENODEV;
		return name_of_devnum(major(st.st_rdev), minor(st.st_rdev), name, size);
	}
	if (!strncmp(arg, "/block/", 7) || !strncmp(arg, "/class/block/", 13)) {
		strlcpy_safe(name, base_name(arg), size);
		return 0;
	}
	if (!strncmp(arg, "/devices/", 9)) {
		const char *b = strstr(arg, "/block/");

		if (b && !strchr(b + 7, '/')) {
			strlcpy_safe(name, b + 7, size);
			return 0;
		}
		if (sysfs_mnt(mnt, sizeof(mnt)))
			return -ENOENT;
		snprintf(path, sizeof(path), "%s%s", mnt, arg);
		return block_child(path, name, size);
	}
	if (strchr(arg, '/'))
		return -EINVAL;
	strlcpy_safe(name, arg, size);
	return 0;
}
