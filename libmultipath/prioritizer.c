/* Edge: the prioritizers (registered in chktable.c). Commands go through sgio.c, the
 * kernel's view through discover.c; the decoders and scores are pure (chkprio.h, alua.h). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alua.h"
#include "checker.h"
#include "chkprio.h"
#include "discover.h"
#include "sgio.h"
#include "util.h"

#define PROBE_BUF 4096

/* "exclusive_pref_bit" in prio_args (alua, sysfs): the preferred bit always counts. */
static int exclusive_pref(const char *args)
{
	return args && strstr(args, "exclusive_pref_bit");
}

/* The prioritizer failed: why, as the path's reason ("prio NAME: ..."; path_why keeps
 * an earlier one, e.g. the checker's). Returns r. */
static int prio_fail(struct path *p, const struct chk_io *io, int r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int prio_fail(struct path *p, const struct chk_io *io, int r, const char *fmt, ...)
{
	char why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	path_why(p, 0, "prio %s: %s", io->name ? io->name : "?", why);
	return r;
}

/* A command failed: what, and why in SG_IO's words (sgio_reason). Returns r. */
static int say(struct path *p, const struct chk_io *io, const char *what, int r,
	       const struct sgio_sense *s)
{
	char reason[128];

	return prio_fail(p, io, r, "%s failed: %s", what, sgio_reason(r, s, reason, sizeof(reason)));
}

int prio_const(struct path *p, const struct chk_io *io, int *prio)
{
	(void)p, (void)io;
	*prio = 1;
	return 0;
}

/* ALUA over SG_IO: the port's group from VPD 0x83, its state from REPORT TARGET PORT GROUPS. */
int prio_alua(struct path *p, const struct chk_io *io, int *prio)
{
	unsigned char *pg = NULL, *rtpg, cached[1024];
	struct sgio_sense sense;
	size_t len = 0, got = 0;
	unsigned int tpg;
	enum alua_state s;
	int pref, r;

	/* The port's group is configuration, not state: the kernel's copy of VPD 0x83 (read
	 * at scan and on "inquiry data changed") spares a command; only its state is asked. */
	if (read_sysfs_vpd(p->dev, 0x83, cached, sizeof(cached), &len) ||
	    alua_tpg_from_pg83(cached, len, &tpg)) {
		r = sgio_vpd_page(io->fd, 0x83, &pg, &len, io->timeout_ms, &sense);
		if (r)
			return say(p, io, "INQUIRY VPD 0x83", r, &sense);
		r = alua_tpg_from_pg83(pg, len, &tpg);
		free(pg);
	} else {
		r = 0;
	}
	if (r)
		return prio_fail(p, io, r, "VPD 0x83 names no target port group");
	rtpg = malloc(PROBE_BUF);
	if (!rtpg)
		return -ENOMEM;
	r = sgio_rtpg(io->fd, rtpg, PROBE_BUF, &got, io->timeout_ms, &sense);
	if (r) {
		free(rtpg);
		return say(p, io, "REPORT TARGET PORT GROUPS", r, &sense);
	}
	r = alua_parse_rtpg(rtpg, got, tpg, &s, &pref);
	free(rtpg);
	if (r)
		return prio_fail(p, io, r, "REPORT TARGET PORT GROUPS failed: group %u %s", tpg,
				 r == -ENOENT ? "not reported" : "malformed answer");
	p->alua_state = s;
	p->alua_preferred = pref;
	*prio = alua_prio(s, pref, exclusive_pref(io->args));
	return 0;
}

int prio_sysfs(struct path *p, const struct chk_io *io, int *prio)
{
	int s, pref, r = read_sysfs_alua(p->dev, &s, &pref);

	if (r)
		return prio_fail(p, io, r, "no device/access_state in sysfs (no ALUA handler attached)");
	p->alua_state = s;
	p->alua_preferred = pref;
	*prio = alua_prio((enum alua_state)s, pref, exclusive_pref(io->args));
	return 0;
}

/* One EVPD page into buf; on failure the path's reason says which page and what went wrong. */
static int ask_vpd(struct path *p, const struct chk_io *io, int page, unsigned char *buf,
		   size_t len, size_t *got)
{
	struct sgio_sense sense;
	char what[24];
	int r = sgio_inquiry(io->fd, 1, page, buf, len, got, io->timeout_ms, &sense);

	snprintf(what, sizeof(what), "INQUIRY VPD 0x%02X", page);
	return r ? say(p, io, what, r, &sense) : 0;
}

int prio_rdac(struct path *p, const struct chk_io *io, int *prio)
{
	unsigned char buf[64];
	char why[128];
	struct rdac_c9 c;
	size_t got = 0;
	int r;

	if ((r = ask_vpd(p, io, 0xc9, buf, sizeof(buf), &got)))
		return r;
	if ((r = rdac_decode_c9(buf, got, &c, why, sizeof(why))))
		return prio_fail(p, io, r, "%s", why);
	*prio = rdac_prio(&c);
	return 0;
}

int prio_emc(struct path *p, const struct chk_io *io, int *prio)
{
	unsigned char buf[128];
	char why[128];
	struct emc_c0 c;
	size_t got = 0;
	int r;

	if ((r = ask_vpd(p, io, 0xc0, buf, sizeof(buf), &got)))
		return r;
	if ((r = emc_decode_c0(buf, got, &c, why, sizeof(why))))
		return prio_fail(p, io, r, "%s", why);
	*prio = emc_prio(&c);
	return 0;
}

int prio_hp_sw(struct path *p, const struct chk_io *io, int *prio)
{
	struct sgio_sense s;
	int r = sgio_tur(io->fd, io->timeout_ms, &s);

	(void)p;
	*prio = hp_sw_prio(r, s.key, s.asc, s.ascq);
	return 0;
}

/* The standard INQUIRY with the vendor bytes (the kernel's cached copy has only 36+). */
static int std_inquiry(struct path *p, const struct chk_io *io, int timeout_ms,
		       unsigned char *buf, size_t len, size_t *got)
{
	struct sgio_sense sense;
	int r = sgio_inquiry(io->fd, 0, 0, buf, len, got, timeout_ms, &sense);

	return r ? say(p, io, "INQUIRY", r, &sense) : 0;
}

int prio_hds(struct path *p, const struct chk_io *io, int *prio)
{
	unsigned char buf[255];
	char why[128];
	size_t got = 0;
	int r = std_inquiry(p, io, io->timeout_ms, buf, sizeof(buf), &got);

	if (r)
		return r;
	if ((r = hds_prio(buf, got, why, sizeof(why))) < 0)
		return prio_fail(p, io, r, "%s", why);
	*prio = r;
	return 0;
}

int prio_datacore(struct path *p, const struct chk_io *io, int *prio)
{
	struct datacore_args a;
	unsigned char buf[255];
	char why[128];
	size_t got = 0;
	int r = datacore_parse_args(io->args, &a, why, sizeof(why));

	if (r)
		return prio_fail(p, io, r, "%s", why);
	r = std_inquiry(p, io, a.timeout_ms ? a.timeout_ms : io->timeout_ms, buf, sizeof(buf),
			&got);
	if (r)
		return r;
	if ((r = datacore_prio(buf, got, &a, why, sizeof(why))) < 0)
		return prio_fail(p, io, r, "%s", why);
	*prio = r;
	return 0;
}

int prio_ontap(struct path *p, const struct chk_io *io, int *prio)
{
	unsigned char cdb[10], buf[256];
	struct sgio_sense sense;
	enum ontap_proto proto = ONTAP_UNKNOWN;
	size_t got = 0;
	int proxy = -1, r;

	/* GET VENDOR ATTRIBUTES page 0x41, allocation length 128 as NetApp's own tool asks */
	ontap_gva_cdb(cdb, 0x41, 128);
	r = sgio_vendor_in(io->fd, cdb, sizeof(cdb), buf, 128, &got, io->timeout_ms, &sense);
	if (r)   /* as multipath-tools: no answer to the vendor command is prio 0 */
		return say(p, io, "GET VENDOR ATTRIBUTES (0xc0) page 0x41", r, &sense);
	if (ontap_decode_gva41(buf, got, &proto, NULL, 0) < 0)
		proto = ONTAP_UNKNOWN;
	if (proto == ONTAP_UNKNOWN &&
	    !sgio_inquiry(io->fd, 1, 0xc1, buf, sizeof(buf), &got, io->timeout_ms, NULL))
		ontap_decode_proxy_c1(buf, got, &proxy, NULL, 0);
	*prio = ontap_prio(proto, proxy);
	return 0;
}

/* The iSCSI portal a path goes through: the session's connection in sysfs (no udev
 * needed), else a /dev/disk/by-path name pointing at the device. */
static int iscsi_portal(const struct path *p, char *ip, size_t ipsz)
{
	char rel[DEVNAME_SIZE + 32], link[512], addr[128];
	const char *s;
	DIR *d;
	struct dirent *e;

	snprintf(rel, sizeof(rel), "block/%s/device", p->dev);
	if (!read_sysfs_link(rel, link, sizeof(link)) && (s = strstr(link, "/session"))) {
		unsigned int sid;

		if (sscanf(s, "/session%u", &sid) == 1) {
			char crel[96];

			snprintf(crel, sizeof(crel),
				 "class/iscsi_connection/connection%u:0/persistent_address", sid);
			if (!read_sysfs_attr(crel, addr, sizeof(addr)) &&
			    !iet_find_ipv4(addr, ip, ipsz))
				return 0;
		}
	}
	d = opendir("/dev/disk/by-path");
	if (!d)
		return -ENOENT;
	while ((e = readdir(d))) {
		char path[600], target[512];
		ssize_t n;
		const char *b;

		if (e->d_name[0] == '.' || !strstr(e->d_name, "-iscsi-"))
			continue;
		snprintf(path, sizeof(path), "/dev/disk/by-path/%s", e->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		b = strrchr(target, '/');
		if (strcmp(b ? b + 1 : target, p->dev))
			continue;
		if (!iet_find_ipv4(e->d_name, ip, ipsz)) {
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return -ENOENT;
}

int prio_iet(struct path *p, const struct chk_io *io, int *prio)
{
	char want[16], ip[16] = "", why[128];
	int r = iet_parse_args(io->args, want, sizeof(want), why, sizeof(why));

	if (r)
		return prio_fail(p, io, r, "%s", why);
	iscsi_portal(p, ip, sizeof(ip));
	*prio = iet_prio(ip, want);
	return 0;
}

int prio_random(struct path *p, const struct chk_io *io, int *prio)
{
	struct timespec ts;
	unsigned int seed;

	(void)io;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	seed = (unsigned int)ts.tv_nsec ^ (p->major << 20) ^ p->minor;
	*prio = 1 + (int)(10.0 * (rand_r(&seed) / (RAND_MAX + 1.0)));
	return 0;
}

/* "host_wwnn:host_wwpn:target_wwnn:target_wwpn" of an FC path (iSCSI: the target name as
 * the target node); "" for what the transport does not have. */
static void path_wwn(const struct path *p, char *buf, size_t size)
{
	char v[4][224] = { "", "", "", "" }, rel[96];
	static const char *const attr[2] = { "node_name", "port_name" };

	for (int i = 0; i < 2; i++) {
		snprintf(rel, sizeof(rel), "class/fc_host/host%d/%s", p->host, attr[i]);
		read_sysfs_attr(rel, v[i], sizeof(v[i]));
		snprintf(rel, sizeof(rel), "class/fc_transport/target%d:%d:%d/%s", p->host,
			 p->channel, p->target, attr[i]);
		read_sysfs_attr(rel, v[2 + i], sizeof(v[2 + i]));
	}
	if (!v[2][0] && p->node_name[0])
		strlcpy_safe(v[2], p->node_name, sizeof(v[2]));
	snprintf(buf, size, "%s:%s:%s:%s", v[0], v[1], v[2], v[3]);
}

int prio_weightedpath(struct path *p, const struct chk_io *io, int *prio)
{
	char hbtl[64], wwn[1024] = "", why[128];
	struct weighted_ids ids = { .hbtl = hbtl, .devname = p->dev, .serial = p->serial,
				    .wwn = wwn };
	int r;

	if (weighted_kind(io->args, NULL, 0) == 3)
		path_wwn(p, wwn, sizeof(wwn));
	snprintf(hbtl, sizeof(hbtl), "%d:%d:%d:%llu", p->host, p->channel, p->target, p->lun);
	r = weighted_prio(io->args, &ids, prio, why, sizeof(why));
	return r ? prio_fail(p, io, r, "%s", why) : 0;
}

static double elapsed_us(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e6 + (double)(b->tv_nsec - a->tv_nsec) / 1e3;
}

/* io_num READs of block 0 over SG_IO, each bounded by the checker timeout, and the whole
 * measurement by that timeout too: a path that slow ends it early (the reads so far
 * count). The first failing read fails the prioritizer (the path is down). */
int prio_path_latency(struct path *p, const struct chk_io *io, int *prio)
{
	int io_num = LATENCY_DEF_IO_NUM, n = 0, r = 0;
	double base = LATENCY_DEF_BASE, *us, budget;
	unsigned char *buf;
	struct sgio_sense sense;
	struct timespec t0, a, b;

	/* as multipath-tools: malformed args fall back to the defaults (and it says so) */
	latency_parse_args(io->args, &io_num, &base, NULL, 0);
	us = calloc((size_t)io_num, sizeof(*us));
	buf = malloc(PROBE_BUF);
	if (!us || !buf) {
		free(us);
		free(buf);
		return -ENOMEM;
	}
	budget = (io->timeout_ms > 0 ? io->timeout_ms : SGIO_DEFAULT_TIMEOUT_MS) * 1e3;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (n < io_num) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		r = sgio_read_block0(io->fd, buf, PROBE_BUF, io->timeout_ms, &sense);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (r)
			break;
		us[n++] = elapsed_us(&a, &b);
		if (elapsed_us(&t0, &b) > budget)
			break;
	}
	if (!r)
		*prio = latency_prio(us, (size_t)n, base);
	else
		say(p, io, "READ of sector 0", r, &sense);
	free(us);
	free(buf);
	return r;
}

void prioritize_path(struct path *p, int fd, int m, const char *args, int timeout_ms)
{
	const struct prio_def *d = prio_def(m);
	struct chk_io io = { .fd = fd, .timeout_ms = timeout_ms, .args = args };
	int prio = 0, r;

	p->prio = 0;
	p->alua_state = ALUA_UNKNOWN;
	if (!d)
		d = prio_def(PRIO_CONST);
	io.name = d->name;
	r = d->io && fd < 0 ? -EBADF : d->prio(p, &io, &prio);
	/* A path whose priority cannot be read ranks below any that can. A prioritizer
	 * that gave no reason (out of memory, no descriptor) has its errno said. */
	p->prio = r ? 0 : prio;
	if (r)
		prio_fail(p, &io, r, "%s", strerror(-r));
}
