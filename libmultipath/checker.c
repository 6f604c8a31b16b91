/* Edge: the path checkers (registered in chktable.c). Commands go through sgio.c, the
 * kernel's view through discover.c; what a page means is decided in the pure decoders. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alua.h"
#include "checker.h"
#include "chkprio.h"
#include "discover.h"
#include "sgio.h"
#include "util.h"

#define PROBE_BUF 4096

static void fail(struct path *p, const char *what, const char *why)
{
	p->state = PATH_DOWN;
	path_why(p, 1, "%s failed: %s", what, why);
}

/* A command failed: what SG_IO said. */
static void fail_cmd(struct path *p, const char *what, int r, const struct sgio_sense *s)
{
	char why[128];

	fail(p, what, sgio_reason(r, s, why, sizeof(why)));
}

/* A passive path's reason, unless an earlier message is there. */
static void note(struct path *p, const char *who, const char *why)
{
	path_why(p, 0, "%s: %s", who, why);
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

void chk_tur(struct path *p, const struct chk_io *io)
{
	struct sgio_sense sense;
	int r = sgio_tur(io->fd, io->timeout_ms, &sense);

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
	fail_cmd(p, "TEST UNIT READY", r, &sense);
}

/* READ(10) of the first logical block through SG_IO: bounded by the command timeout. */
void chk_readsector0(struct path *p, const struct chk_io *io)
{
	unsigned char *buf = malloc(PROBE_BUF);
	struct sgio_sense sense;
	int r;

	if (!buf) {
		fail(p, "readsector0", "out of memory");
		return;
	}
	r = sgio_read_block0(io->fd, buf, PROBE_BUF, io->timeout_ms, &sense);
	free(buf);
	if (!r)
		p->state = PATH_UP;
	else if (sysfs_passive(p))
		p->state = PATH_GHOST;
	else
		fail_cmd(p, "READ of sector 0", r, &sense);
}

/* An O_DIRECT read of the first 4 KiB through the block layer, as I/O would go. */
void chk_directio(struct path *p, const struct chk_io *io)
{
	char node[DEVNAME_SIZE + 8];
	void *buf = NULL;
	int fd, e = 0;

	(void)io;
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

/* As multipath-tools' "none": no command; the sysfs state (already "running" when a
 * checker is asked) is the answer. */
void chk_none(struct path *p, const struct chk_io *io)
{
	(void)io;
	p->state = PATH_UP;
}

/* One EVPD page into buf (at most len bytes); *got the bytes received. */
static int vpd(const struct chk_io *io, int page, unsigned char *buf, size_t len, size_t *got,
	       struct sgio_sense *sense)
{
	return sgio_inquiry(io->fd, 1, page, buf, len, got, io->timeout_ms, sense);
}

/* Unlike multipath-tools, the TAS bit of the control mode page is not set at start-up:
 * this tool sends no MODE SELECT (nothing it sends changes a device). */
void chk_rdac(struct path *p, const struct chk_io *io)
{
	unsigned char buf[64];
	char err[128] = "";
	struct rdac_c9 c;
	struct sgio_sense sense;
	size_t got = 0;
	enum path_state st;
	int r = vpd(io, 0xc9, buf, sizeof(buf), &got, &sense);

	if (r) {
		fail_cmd(p, "INQUIRY VPD 0xC9", r, &sense);
		return;
	}
	if (rdac_decode_c9(buf, got, &c, err, sizeof(err))) {
		fail(p, "rdac", err);
		return;
	}
	st = rdac_path_state(&c, err, sizeof(err));
	if (st == PATH_DOWN)
		fail(p, "rdac", err);
	else if (st == PATH_GHOST)
		note(p, "rdac", err);
	p->state = st;
}

/* multipath-tools also remembers the LU's WWN (bytes 10-25) from one check to the next
 * and fails a path whose WWN changed; a one-shot run has no earlier check to compare
 * with (the WWID probe of this run identifies the LU). For the same reason a passive path
 * to an inactive snapshot is only caught on the owning SP's path. */
void chk_emc_clariion(struct path *p, const struct chk_io *io)
{
	unsigned char buf[128], *blk;
	char err[128] = "";
	struct emc_c0 c;
	struct sgio_sense sense;
	size_t got = 0;
	int r = vpd(io, 0xc0, buf, sizeof(buf), &got, &sense), read_test;

	if (r) {
		fail_cmd(p, "INQUIRY VPD 0xC0", r, &sense);
		return;
	}
	if (emc_decode_c0(buf, got, &c, err, sizeof(err))) {
		fail(p, "emc_clariion", err);
		return;
	}
	if (emc_path_state(&c, &read_test, err, sizeof(err)) == PATH_DOWN) {
		fail(p, "emc_clariion", err);
		return;
	}
	p->state = PATH_UP;
	if (!read_test)
		return;
	blk = malloc(PROBE_BUF);
	if (!blk) {
		fail(p, "emc_clariion", "out of memory");
		return;
	}
	r = sgio_read_block0(io->fd, blk, PROBE_BUF, io->timeout_ms, &sense);
	free(blk);
	if (r && emc_inactive_snapshot(sense.key, sense.asc, sense.ascq))
		fail(p, "emc_clariion", "active path to an inactive snapshot LU");
	else if (r)
		fail_cmd(p, "READ of sector 0 on the owning SP", r, &sense);
}

void chk_hp_sw(struct path *p, const struct chk_io *io)
{
	unsigned char buf[255];
	char err[128], why[160];
	struct sgio_sense sense;
	size_t got;
	int inq = vpd(io, 0x80, buf, sizeof(buf), &got, &sense);
	int tur = inq ? 0 : sgio_tur(io->fd, io->timeout_ms, &sense);
	enum path_state st = hp_sw_path_state(inq, tur, why, sizeof(why));

	sgio_reason(inq ? inq : tur, &sense, err, sizeof(err));

	if (err[0] && strlen(why) + strlen(err) + 4 < sizeof(why))
		strcat(strcat(strcat(why, " ("), err), ")");
	if (st == PATH_DOWN)
		fail(p, "hp_sw", why);
	else if (st == PATH_GHOST)
		note(p, "hp_sw", why);
	p->state = st;
}

void check_path(struct path *p, int fd, int c, int timeout_ms)
{
	const struct checker_def *d = checker_def(c);
	struct chk_io io = { .fd = fd, .timeout_ms = timeout_ms, .args = NULL,
			     .name = d ? d->name : "tur" };

	(d ? d->check : chk_tur)(p, &io);
}
