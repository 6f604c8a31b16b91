/* Timeouts and queue limits written into sysfs before a map is loaded (sysfs_tune.h).
 * The values the kernel takes: a number of seconds, "off" (fast_io_fail_tmo,
 * eh_deadline), and for dev_loss_tmo "infinity" as 2^32-1 (the kernel's unsigned int). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "sysfs_tune.h"
#include "util.h"

#define DEV_LOSS_MAX_NO_FAST_IO_FAIL 600   /* the kernel's limit while fast_io_fail is off */

const char *transport_protocol(enum transport tr)
{
	switch (tr) {
	case TR_FC: return "scsi:fcp";
	case TR_SAS: return "scsi:sas";
	case TR_ISCSI: return "scsi:iscsi";
	default: return "scsi:unspec";
	}
}

int sysfs_path_transport(const char *root, const struct path *p, struct path_transport *t)
{
	char link[PATH_MAX], real[PATH_MAX], *save = NULL;

	memset(t, 0, sizeof(*t));
	snprintf(link, sizeof(link), "%s/class/scsi_device/%d:%d:%d:%llu/device", root, p->host,
		 p->channel, p->target, p->lun);
	if (!realpath(link, real))
		return -errno;
	/* the nearest transport object above the device */
	for (char *c = strtok_r(real, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		enum transport tr = !strncmp(c, "rport-", 6) ? TR_FC :
				    !strncmp(c, "end_device-", 11) ? TR_SAS :
				    !strncmp(c, "session", 7) ? TR_ISCSI : TR_UNSPEC;

		if (tr == TR_UNSPEC)
			continue;
		t->tr = tr;
		strlcpy_safe(t->port, c, sizeof(t->port));
	}
	return 0;
}

static void tmo_value(char *buf, size_t size, int v)
{
	if (v == TMO_OFF)
		snprintf(buf, size, "off");
	else if (v == TMO_INFINITY)
		snprintf(buf, size, "%u", UINT_MAX);
	else
		snprintf(buf, size, "%d", v);
}

int tmo_plan(int fast_io_fail, int dev_loss, long long cur_dev_loss, struct tmo_write out[2],
	     char *note, size_t notesz)
{
	long long dl = dev_loss == TMO_INFINITY ? (long long)UINT_MAX : dev_loss;
	int n = 0, dev_loss_first;

	if (notesz)
		note[0] = '\0';
	if (dev_loss != UNSET && fast_io_fail == TMO_OFF && dl > DEV_LOSS_MAX_NO_FAST_IO_FAIL) {
		snprintf(note, notesz, "dev_loss_tmo limited to %d: fast_io_fail_tmo is off",
			 DEV_LOSS_MAX_NO_FAST_IO_FAIL);
		dl = dev_loss = DEV_LOSS_MAX_NO_FAST_IO_FAIL;
	}
	if (dev_loss != UNSET && fast_io_fail != UNSET && fast_io_fail != TMO_OFF &&
	    fast_io_fail >= dl) {
		fast_io_fail = dl > 0 ? (int)(dl - 1) : TMO_OFF;
		snprintf(note, notesz, "fast_io_fail_tmo lowered to %s: it must stay below dev_loss_tmo",
			 dl > 0 ? "dev_loss_tmo - 1" : "off");
	}
	/* Raising dev_loss_tmo first keeps the new fast_io_fail_tmo below it; lowering it
	 * comes after fast_io_fail_tmo is lowered. */
	dev_loss_first = dev_loss != UNSET && (cur_dev_loss < 0 || dl > cur_dev_loss);
	if (dev_loss != UNSET && dev_loss_first) {
		out[n].attr = "dev_loss_tmo";
		tmo_value(out[n++].value, sizeof(out[0].value), dev_loss);
	}
	if (fast_io_fail != UNSET) {
		out[n].attr = "fast_io_fail_tmo";
		tmo_value(out[n++].value, sizeof(out[0].value), fast_io_fail);
	}
	if (dev_loss != UNSET && !dev_loss_first) {
		out[n].attr = "dev_loss_tmo";
		tmo_value(out[n++].value, sizeof(out[0].value), dev_loss);
	}
	return n;
}

static int write_attr(const char *dir, const char *attr, const char *value)
{
	char path[PATH_MAX];
	size_t len = strlen(value);
	ssize_t w;
	int fd, r = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	w = write(fd, value, len);
	if (w < 0)
		r = -errno;
	else if ((size_t)w != len)
		r = -EIO;
	close(fd);
	return r;
}

static long long read_ll(const char *dir, const char *attr)
{
	char path[PATH_MAX], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtoll(buf, NULL, 10);
}

/* One item about path p: a write that failed (e: an error, the first one kept) or an
 * adjustment (e 0: -v3 detail). */
static void say(const struct path *p, int *first, int e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(const struct path *p, int *first, int e, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (e)
		mp_err("%s: %s", p->dev, what);
	else
		mp_info("%s: %s", p->dev, what);
	if (e && !*first)
		*first = e;
}

int sysfs_tune_path(const char *root, const struct path *p, const struct path_transport *tp,
		    const struct mp_settings *s)
{
	struct path_transport t = *tp;
	char dir[PATH_MAX], note[128], v[16];
	int first = 0, e;

	if (t.tr == TR_FC) {
		struct tmo_write w[2];
		int n;

		snprintf(dir, sizeof(dir), "%s/class/fc_remote_ports/%s", root, t.port);
		n = tmo_plan(s->fast_io_fail_tmo, s->dev_loss_tmo, read_ll(dir, "dev_loss_tmo"), w,
			     note, sizeof(note));
		if (note[0])
			say(p, &first, 0, "%s: %s", t.port, note);
		for (int i = 0; i < n; i++)
			if ((e = write_attr(dir, w[i].attr, w[i].value)))
				say(p, &first, e, "%s: %s %s: %s", t.port, w[i].attr,
				    w[i].value, strerror(-e));
	} else if (t.tr == TR_SAS && s->dev_loss_tmo != UNSET) {
		snprintf(dir, sizeof(dir), "%s/class/sas_end_device/%s", root, t.port);
		tmo_value(v, sizeof(v), s->dev_loss_tmo);
		if ((e = write_attr(dir, "I_T_nexus_loss_timeout", v)))
			say(p, &first, e, "%s: I_T_nexus_loss_timeout %s: %s", t.port, v,
			    strerror(-e));
	} else if (t.tr == TR_ISCSI && s->fast_io_fail_tmo != UNSET) {
		/* iSCSI's counterpart is the session's recovery timeout; it cannot be off */
		if (s->fast_io_fail_tmo == TMO_OFF || s->fast_io_fail_tmo == 0) {
			say(p, &first, 0, "%s: fast_io_fail_tmo %s cannot be set on iSCSI",
			    t.port, s->fast_io_fail_tmo ? "off" : "0");
		} else {
			snprintf(dir, sizeof(dir), "%s/class/iscsi_session/%s", root, t.port);
			tmo_value(v, sizeof(v), s->fast_io_fail_tmo);
			if ((e = write_attr(dir, "recovery_tmo", v)))
				say(p, &first, e, "%s: recovery_tmo %s: %s", t.port, v,
				    strerror(-e));
		}
	}
	if (s->eh_deadline != UNSET) {
		snprintf(dir, sizeof(dir), "%s/class/scsi_host/host%d", root, p->host);
		tmo_value(v, sizeof(v), s->eh_deadline);
		if ((e = write_attr(dir, "eh_deadline", v)))
			say(p, &first, e, "host%d: eh_deadline %s: %s", p->host, v,
			    strerror(-e));
	}
	return first;
}

int sysfs_set_max_sectors_kb(const char *root, const char *dev, int kb)
{
	char dir[PATH_MAX], v[16];

	if (!dev || !*dev || strchr(dev, '/') || kb < 0)
		return -EINVAL;
	snprintf(dir, sizeof(dir), "%s/block/%s/queue", root, dev);
	snprintf(v, sizeof(v), "%d", kb);
	if (read_ll(dir, "max_sectors_kb") == kb)
		return 0;                          /* already so: no write */
	return write_attr(dir, "max_sectors_kb", v);
}
