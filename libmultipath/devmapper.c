/* libdevmapper edge. Everything device-mapper goes through here; libdevmapper's
 * 1 = success / 0 = failure is turned into 0 / -errno, and its log output goes to our
 * log, so callers print one clear message of their own with strerror(-r). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdevmapper.h>

#include "devmapper.h"
#include "log.h"
#include "util.h"

/* libdevmapper logs with syslog levels (3 = error), flags above bit 2. */
#define LOG_LEVEL_ERR 3

/* What libdevmapper said about the call under way (one thread: libdevmapper is not
 * thread-safe, workers.h forks instead), read by dm_fail() only. */
static int dm_errno;
static char dm_error[256];
static uint32_t run_cookie;          /* one udev cookie for the whole run */
static int cookie_used;

/* libdevmapper's log hook: every message goes to our log (mp_log, at debug level:
 * callers say what failed in their own words, -v4 shows libdevmapper's too), and an
 * error is also kept (with its errno) for dm_fail(). */
static void dm_log_hook(int level, const char *file, int line, int dm_errno_or_class,
			const char *fmt, ...)
{
	char msg[sizeof(dm_error)];
	va_list ap;

	level &= 7;   /* syslog levels; the upper bits are libdevmapper's flags */
	if (level > LOG_LEVEL_ERR && !mp_log_enabled(MP_LOG_DEBUG))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* the first error of a call is its cause; what follows is libdevmapper giving up */
	if (level <= LOG_LEVEL_ERR && !dm_error[0]) {
		memcpy(dm_error, msg, sizeof(dm_error));
		if (dm_errno_or_class > 0)
			dm_errno = dm_errno_or_class;
	}
	mp_log(MP_LOG_DEBUG, file, line, "libdevmapper: %s", msg);
}

static void dm_setup(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	dm_log_with_errno_init(dm_log_hook);
}

static void dm_reset(void)
{
	dm_errno = 0;
	dm_error[0] = '\0';
}

/* A libdevmapper call failed: -errno from what it reported, else dflt. An error it
 * reported without an errno is logged (MP_LOG_ERR): then it is the only "why" there is,
 * and the caller's strerror(-dflt) alone would not say it. */
static int dm_fail(int dflt)
{
	int r = dm_errno ? -dm_errno : dflt;

	if (!dm_errno && dm_error[0])
		mp_err("libdevmapper: %s", dm_error);
	dm_reset();
	return r;
}

/* Run a task: 0, or -errno from what libdevmapper reported (EIO by default). */
static int task_run(struct dm_task *dmt)
{
	dm_reset();
	if (dm_task_run(dmt))
		return 0;
	return dm_fail(-EIO);
}

/* When udev runs, it makes the /dev/mapper nodes and links: libdevmapper must not
 * race it (DM_UDEV_DISABLE_LIBRARY_FALLBACK, as other dm tools pass). Without udev
 * (a bare initramfs, DM_DISABLE_UDEV=1) libdevmapper makes them itself. Decided once,
 * before kpartx -n switches the waiting off: not waiting must not mean not leaving the
 * nodes to udev. */
static int udev_owns_nodes = -1;

static uint16_t cookie_flags(void)
{
	if (udev_owns_nodes < 0)
		udev_owns_nodes = dm_udev_get_sync_support();
	return udev_owns_nodes ? DM_UDEV_DISABLE_LIBRARY_FALLBACK : 0;
}

void dmx_set_udev_sync(int enable)
{
	cookie_flags();
	dm_udev_set_sync_support(enable);
}

/* The -v4 trace's word for a task type. */
static const char *task_name(int type)
{
	switch (type) {
	case DM_DEVICE_CREATE: return "create";
	case DM_DEVICE_RELOAD: return "reload";
	case DM_DEVICE_REMOVE: return "remove";
	case DM_DEVICE_RESUME: return "resume";
	case DM_DEVICE_RENAME: return "rename";
	case DM_DEVICE_INFO: return "info";
	case DM_DEVICE_LIST: return "list";
	case DM_DEVICE_TABLE: return "table";
	case DM_DEVICE_STATUS: return "status";
	case DM_DEVICE_TARGET_MSG: return "message";
	case DM_DEVICE_LIST_VERSIONS: return "targets";
	default: return "task";
	}
}

/* A request in *dmt: 0, -ENODEV (libdevmapper cannot reach the kernel's driver: it
 * checks when the first task is made), -ENOMEM, or -EINVAL (a name libdevmapper
 * refuses, e.g. too long). libdevmapper's reason is logged. */
static int task_new(int type, const char *name, struct dm_task **dmt)
{
	dm_setup();
	dm_reset();
	mp_debug("dm %s%s%s", task_name(type), name ? " " : "", name ? name : "");
	*dmt = dm_task_create(type);
	if (!*dmt) {
		static int no_driver;    /* libdevmapper says so the first time only */

		no_driver |= dm_error[0] != '\0';
		return dm_fail(no_driver ? -ENODEV : -ENOMEM);
	}
	if (name && !dm_task_set_name(*dmt, name)) {
		dm_task_destroy(*dmt);
		*dmt = NULL;
		return dm_fail(-EINVAL);
	}
	return 0;
}

/* Join the run-wide udev cookie so dmx_sync() waits once for every change. */
static int task_join_cookie(struct dm_task *dmt)
{
	if (!dm_task_set_cookie(dmt, &run_cookie, cookie_flags()))
		return -EIO;
	cookie_used = 1;
	return 0;
}

int dmx_share_cookie(void)
{
	dm_setup();
	cookie_flags();
	if (!run_cookie && !dm_udev_create_cookie(&run_cookie))
		return -EIO;
	/* Without udev sync the cookie stays 0 and dm_udev_wait() returns at once. */
	cookie_used = 1;
	return 0;
}

void dmx_worker_exit(void)
{
	/* Carries out this process' stacked /dev/mapper node operations (made by
	 * libdevmapper itself when udev does not run) and closes its control fd. */
	dm_lib_release();
}

int dmx_sync(void)
{
	int r = 0;

	if (cookie_used && !dm_udev_wait(run_cookie))
		r = -EIO;
	cookie_used = 0;
	run_cookie = 0;
	return r;
}

int dmx_target_version(const char *target, unsigned int ver[3])
{
	struct dm_task *dmt;
	struct dm_versions *v, *last;
	int r = task_new(DM_DEVICE_LIST_VERSIONS, NULL, &dmt);

	if (r)
		return -ENODEV;
	r = task_run(dmt);
	if (r) {
		dm_task_destroy(dmt);
		return r == -EIO ? -ENODEV : r;
	}
	r = -ENOENT;
	v = dm_task_get_versions(dmt);
	do {
		last = v;
		if (!strcmp(v->name, target)) {
			memcpy(ver, v->version, sizeof(v->version));
			r = 0;
			break;
		}
		v = (struct dm_versions *)((char *)v + v->next);
	} while (last != v);
	dm_task_destroy(dmt);
	return r;
}

static void fill_map(struct dm_task *dmt, const struct dm_info *info, struct dmx_map *out)
{
	const char *s;

	memset(out, 0, sizeof(*out));
	s = dm_task_get_name(dmt);
	if (s)
		strlcpy_safe(out->name, s, sizeof(out->name));
	s = dm_task_get_uuid(dmt);
	if (s)
		strlcpy_safe(out->uuid, s, sizeof(out->uuid));
	out->major = info->major;
	out->minor = info->minor;
	out->open_count = info->open_count;
	out->suspended = info->suspended;
	out->read_only = info->read_only;
	out->target_count = info->target_count;
}

static int info_task(struct dm_task *dmt, struct dmx_map *out)
{
	struct dm_info info;
	int r = task_run(dmt);

	if (!r && !dm_task_get_info(dmt, &info))
		r = -EIO;
	if (!r && !info.exists)
		r = -ENXIO;
	if (!r)
		fill_map(dmt, &info, out);
	dm_task_destroy(dmt);
	return r;
}

int dmx_info(const char *name, struct dmx_map *out)
{
	struct dm_task *dmt;
	int r = task_new(DM_DEVICE_INFO, name, &dmt);

	return r ? r : info_task(dmt, out);
}

int dmx_info_by_devnum(unsigned int major, unsigned int minor, struct dmx_map *out)
{
	struct dm_task *dmt;
	int r = task_new(DM_DEVICE_INFO, NULL, &dmt);

	if (r)
		return r;
	if (!dm_task_set_major(dmt, (int)major) || !dm_task_set_minor(dmt, (int)minor)) {
		dm_task_destroy(dmt);
		return -EINVAL;
	}
	return info_task(dmt, out);
}

void dmx_maplist_free(struct dmx_maplist *l)
{
	free(l->m);
	l->m = NULL;
	l->n = 0;
}

/* DM_DEVICE_LIST gives names and dev_t; this libdevmapper does not expose the UUIDs
 * the kernel also returns, so each map costs one DM_DEVICE_INFO more. */
int dmx_list(struct dmx_maplist *out)
{
	struct dm_task *dmt;
	struct dm_names *names;
	size_t n = 0, i;
	unsigned int next = 0;
	int r = task_new(DM_DEVICE_LIST, NULL, &dmt);

	out->m = NULL;
	out->n = 0;
	if (r)
		return r;
	r = task_run(dmt);
	if (r)
		goto done;
	names = dm_task_get_names(dmt);
	if (!names || !names->dev)
		goto done;
	do {   /* count first, so one allocation holds the list */
		names = (struct dm_names *)((char *)names + next);
		n++;
		next = names->next;
	} while (next);
	out->m = calloc(n, sizeof(*out->m));
	if (!out->m) {
		r = -ENOMEM;
		goto done;
	}
	names = dm_task_get_names(dmt);
	next = 0;
	for (i = 0; i < n; i++) {
		names = (struct dm_names *)((char *)names + next);
		next = names->next;
		if (dmx_info(names->name, &out->m[out->n]))
			continue;   /* removed meanwhile */
		out->n++;
	}
done:
	dm_task_destroy(dmt);
	return r;
}

void dmx_target_free(struct dmx_target *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].params);
		t[i].params = NULL;
	}
}

int dmx_get_targets(const char *name, int status, struct dmx_target *t, size_t max)
{
	struct dm_task *dmt;
	void *next = NULL;
	size_t n = 0;
	int r = task_new(status ? DM_DEVICE_STATUS : DM_DEVICE_TABLE, name, &dmt);

	if (r)
		return r;
	dm_task_no_open_count(dmt);
	r = task_run(dmt);
	if (r)
		goto out;
	do {
		uint64_t start, length;
		char *type = NULL, *params = NULL, *p;

		next = dm_get_next_target(dmt, next, &start, &length, &type, &params);
		if (!type)
			break;
		if (n == max) {
			r = -E2BIG;
			break;
		}
		p = strdup(params ? params : "");
		if (!p) {
			r = -ENOMEM;
			break;
		}
		t[n].start = start;
		t[n].length = length;
		strlcpy_safe(t[n].type, type, sizeof(t[n].type));
		t[n++].params = p;
	} while (next);
	if (r)
		dmx_target_free(t, n);
out:
	dm_task_destroy(dmt);
	return r ? r : (int)n;
}

static int load_task(int type, const char *name, const char *uuid, unsigned long long size,
		     const char *target, const char *params, int read_only)
{
	struct dm_task *dmt;
	int r = task_new(type, name, &dmt);

	if (r)
		return r;
	mp_debug("dm %s %s: 0 %llu %s %s", task_name(type), name, size, target, params);
	if ((uuid && !dm_task_set_uuid(dmt, uuid)) ||
	    !dm_task_add_target(dmt, 0, size, target, params) ||
	    (read_only && !dm_task_set_ro(dmt)) ||
	    (type == DM_DEVICE_CREATE && task_join_cookie(dmt)))
		r = dm_fail(-EIO);         /* a request libdevmapper would not make */
	else
		r = task_run(dmt);
	dm_task_destroy(dmt);
	return r;
}

int dmx_create(const char *name, const char *uuid, unsigned long long size,
	       const char *target, const char *params, int read_only)
{
	/* libdevmapper's create loads and resumes in one go, and removes the device
	 * again if the table is refused, so a failure leaves nothing behind. */
	return load_task(DM_DEVICE_CREATE, name, uuid, size, target, params, read_only);
}

static int simple_task(int type, const char *name, int cookie)
{
	struct dm_task *dmt;
	int r = task_new(type, name, &dmt);

	if (r)
		return r;
	if (cookie && task_join_cookie(dmt)) {
		dm_task_destroy(dmt);
		return dm_fail(-EIO);
	}
	r = task_run(dmt);
	dm_task_destroy(dmt);
	return r;
}

int dmx_reload(const char *name, unsigned long long size,
	       const char *target, const char *params, int read_only)
{
	int r = load_task(DM_DEVICE_RELOAD, name, NULL, size, target, params, read_only);

	if (r)
		return r;   /* the live table is untouched: the kernel only staged nothing */
	return simple_task(DM_DEVICE_RESUME, name, 1);
}

int dmx_remove(const char *name)
{
	struct dmx_map m;
	int r = dmx_info(name, &m);

	if (r)
		return r;
	if (m.open_count > 0)
		return -EBUSY;   /* never tear a map from under its users */
	return simple_task(DM_DEVICE_REMOVE, name, 1);
}

int dmx_message(const char *name, const char *msg)
{
	struct dm_task *dmt;
	int r = task_new(DM_DEVICE_TARGET_MSG, name, &dmt);

	if (r)
		return r;
	if (dm_task_set_sector(dmt, 0) && dm_task_set_message(dmt, msg))
		r = task_run(dmt);
	else
		r = dm_fail(-ENOMEM);
	dm_task_destroy(dmt);
	return r;
}

int dmx_rename(const char *name, const char *newname)
{
	struct dm_task *dmt;
	int r = task_new(DM_DEVICE_RENAME, name, &dmt);

	if (r)
		return r;
	if (dm_task_set_newname(dmt, newname) && !task_join_cookie(dmt))
		r = task_run(dmt);
	else
		r = dm_fail(-EINVAL);      /* a new name libdevmapper refuses */
	dm_task_destroy(dmt);
	return r;
}
