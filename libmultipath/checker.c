#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alua.h"
#include "checker.h"
#include "discover.h"
#include "sgio.h"
#include "util.h"

#define PROBE_BUF 4096

const char *checker_name(int c)
{
	switch (c) {
	case CHK_DIRECTIO:
		return "directio";
	case CHK_READSECTOR0:
		return "readsector0";
	default:
		return "tur";
	}
}

const char *prio_name(int m)
{
	switch (m) {
	case PRIO_ALUA:
		return "alua";
	case PRIO_SYSFS:
		return "sysfs";
	default:
		return "const";
	}
}

static void fail(struct path *p, const char *what, const char *why)
{
	p->state = PATH_DOWN;
	snprintf(p->errmsg, sizeof(p->errmsg), "%s: %s failed: %s", p->dev, what, why);
}

/* The kernel's ALUA handler refuses I/O to standby/unavailable ports itself (no
 * sense reaches us); its sysfs view tells such a port from a dead one. */
static int sysfs_passive(const struct path *p)
{
	int s;

	if (read_sysfs_alua(p->dev, &s, NULL))
		return 0;
	return s == ALUA_STANDBY || s == ALUA_UNAVAILABLE || s == ALUA_TRANSITIONING;
}

static void check_tur(struct path *p, int fd, int timeout_ms)
{
	struct sgio_sense sense;
	char err[128] = "";
	int r = sgio_tur_ex(fd, timeout_ms, &sense, err, sizeof(err));

	if (!r) {
		/* Some targets (scsi_debug among them) answer TUR on a standby port; the
		 * kernel's ALUA handler still refuses it I/O. */
		p->state = sysfs_passive(p) ? PATH_GHOST : PATH_UP;
		return;
	}
	if (sgio_alua_state(&sense) != SGIO_ALUA_NONE || sysfs_passive(p)) {
		p->state = PATH_GHOST;
		return;
	}
	fail(p, "TEST UNIT READY", err[0] ? err : strerror(-r));
}

/* READ(10) of the first logical block through SG_IO: bounded by the command timeout. */
static void check_readsector0(struct path *p, int fd, int timeout_ms)
{
	unsigned char *buf = malloc(PROBE_BUF);
	char err[128] = "";
	int r;

	if (!buf) {
		fail(p, "readsector0", "out of memory");
		return;
	}
	r = sgio_read_block0(fd, buf, PROBE_BUF, timeout_ms, err, sizeof(err));
	free(buf);
	if (!r)
		p->state = PATH_UP;
	else if (sysfs_passive(p))
		p->state = PATH_GHOST;
	else
		fail(p, "READ of sector 0", err[0] ? err : strerror(-r));
}

/* An O_DIRECT read of the first 4 KiB through the block layer, as I/O would go. */
static void check_directio(struct path *p)
{
	char node[DEVNAME_SIZE + 8];
	void *buf = NULL;
	int fd, e = 0;

	snprintf(node, sizeof(node), "/dev/%s", p->dev);
	if (posix_memalign(&buf, PROBE_BUF, PROBE_BUF)) {
		fail(p, "directio", "out of memory");
		return;
	}
	fd = open(node, O_RDONLY | O_DIRECT | O_CLOEXEC);
	if (fd < 0 || pread(fd, buf, PROBE_BUF, 0) != PROBE_BUF)
		e = errno ? errno : EIO;
	if (fd >= 0)
		close(fd);
	free(buf);
	if (!e)
		p->state = PATH_UP;
	else if (sysfs_passive(p))
		p->state = PATH_GHOST;
	else
		fail(p, "direct read of sector 0", strerror(e));
}

void check_path(struct path *p, int fd, int c, int timeout_ms)
{
	switch (c) {
	case CHK_DIRECTIO:
		check_directio(p);
		break;
	case CHK_READSECTOR0:
		check_readsector0(p, fd, timeout_ms);
		break;
	default:
		check_tur(p, fd, timeout_ms);
	}
}

/* ALUA over SG_IO: the port's group from VPD 0x83, its state from REPORT TARGET PORT GROUPS. */
static int prio_alua(struct path *p, int fd, int timeout_ms)
{
	unsigned char *pg = NULL, *rtpg;
	size_t len = 0, got = 0;
	unsigned int tpg;
	enum alua_state s;
	int pref, r;

	r = sgio_vpd_page(fd, 0x83, &pg, &len, timeout_ms, NULL, 0);
	if (!r)
		r = alua_tpg_from_pg83(pg, len, &tpg);
	free(pg);
	if (r)
		return r;
	rtpg = malloc(PROBE_BUF);
	if (!rtpg)
		return -ENOMEM;
	r = sgio_rtpg(fd, rtpg, PROBE_BUF, &got, timeout_ms, NULL, 0);
	if (!r)
		r = alua_parse_rtpg(rtpg, got, tpg, &s, &pref);
	free(rtpg);
	if (r)
		return r;
	p->alua_state = s;
	p->alua_preferred = pref;
	p->prio = alua_prio(s, pref);
	return 0;
}

static int prio_sysfs(struct path *p)
{
	enum alua_state s;
	int pref, r = read_sysfs_alua(p->dev, &s, &pref);

	if (r)
		return r;
	p->alua_state = s;
	p->alua_preferred = pref;
	p->prio = alua_prio(s, pref);
	return 0;
}

void prioritize_path(struct path *p, int fd, int m, int timeout_ms)
{
	int r = 0;

	p->prio = 0;
	p->alua_state = ALUA_UNKNOWN;
	if (m == PRIO_ALUA)
		r = fd >= 0 ? prio_alua(p, fd, timeout_ms) : -EBADF;
	else if (m == PRIO_SYSFS)
		r = prio_sysfs(p);
	else
		p->prio = 1;   /* const: every path alike */
	/* A path whose priority cannot be read ranks below any that can. */
	if (r)
		p->prio = 0;
}
