/* Edge: one path's identity from its VPD pages (uid_path.h). Device I/O only through
 * sgio.c and discover.c (sysfs); the decisions are uid.c's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "devmapper.h"
#include "discover.h"
#include "sgio.h"
#include "uid_path.h"
#include "vpd.h"

#define VPD_BUF 4096
_Static_assert(UID_WWID_FIT <= WWID_SIZE, "a WWID that fits the dm uuid fits struct path");

/* A page over SG_IO, else the kernel's cached copy. *pg is malloc'ed (free it).
 * 0, or -errno with what SG_IO reported in *sense when the device was asked. */
static int fetch(const struct path *p, int fd, int page, int timeout_ms, unsigned char **pg,
		 size_t *len, struct sgio_sense *sense)
{
	unsigned char *buf;
	int r = fd >= 0 ? sgio_vpd_page(fd, page, pg, len, timeout_ms, sense) : -EIO;

	if (!r)
		return 0;
	buf = malloc(VPD_BUF);
	if (!buf)
		return -ENOMEM;
	if (!read_sysfs_vpd(p->dev, page, buf, VPD_BUF, len)) {
		*pg = buf;
		return 0;
	}
	free(buf);
	*pg = NULL;
	return r == -EIO && fd < 0 ? -ENOENT : r;
}

static void set_err(struct path *p, const char *what, const char *why)
{
	path_why(p, 0, "%s failed: %s", what, why);
}

int uid_identify(struct path *p, int fd, const char *attr, enum uid_ranking rank, int timeout_ms)
{
	char vendor[9], model[17], err[96];
	struct sgio_sense sense;
	unsigned char *pg83 = NULL, *pg80 = NULL;
	struct vpd_pg83 *parsed = malloc(sizeof(*parsed));
	struct uid_facts f = { .vendor = vendor, .model = model };
	struct uid_choice why = { .desig = -1 };
	size_t len83 = 0, len80 = 0;
	int r, r83;

	p->uid_src = 0;
	p->uid_flags = 0;
	p->uid_desig = -1;
	if (!parsed) {
		p->wwid[0] = '\0';
		set_err(p, "WWID", strerror(ENOMEM));
		return -ENOMEM;
	}
	/* scsi_id builds the vendor-specific and page-0x80 forms from the fixed-width
	 * INQUIRY fields; sysfs shows the same bytes, we only trimmed them. */
	snprintf(vendor, sizeof(vendor), "%-8.8s", p->vendor);
	snprintf(model, sizeof(model), "%-16.16s", p->model);

	r83 = fetch(p, fd, 0x83, timeout_ms, &pg83, &len83, &sense);
	if (!r83) {
		r83 = vpd_pg83_parse(pg83, len83, parsed);
		if (!r83)
			f.pg83 = parsed;
		else
			set_err(p, "VPD 0x83 decode", "malformed page");
	} else if (fd >= 0) {
		set_err(p, "INQUIRY VPD 0x83", sgio_reason(r83, &sense, err, sizeof(err)));
	}
	/* The serial is group_by_serial's key, and the identity of last resort. */
	if (!fetch(p, fd, 0x80, timeout_ms, &pg80, &len80, NULL)) {
		vpd_serial_from_pg80(pg80, len80, p->serial, sizeof(p->serial));
		f.pg80 = pg80;
		f.pg80_len = len80;
	}
	/* A page 0x83 we cannot read or trust names nothing: no guess from the rest
	 * (another path of the LU may read it, and the two would not coalesce). */
	if (!pg83)
		r = r83 ? r83 : -EIO;
	else if (!f.pg83)
		r = -EINVAL;
	else
		r = uid_value(attr, &f, rank, p->wwid, UID_WWID_FIT, &why);
	if (r >= 0) {
		p->uid_src = (unsigned char)why.src;
		p->uid_desig = (short)why.desig;
		p->uid_flags = (unsigned char)((rank == UID_RANK_SG3 ? UID_F_SG3 : 0) |
					       (why.fallback ? UID_F_FALLBACK : 0) |
					       (why.hashed ? UID_F_HASHED : 0) |
					       (attr && *attr && strcmp(attr, "ID_SERIAL") ? UID_F_ATTR : 0));
		r = 0;
	} else {
		p->wwid[0] = '\0';
		if (r == -ENOTSUP)
			set_err(p, "WWID", "this uid_attribute cannot be computed without udev");
		else
			set_err(p, "WWID", r == -ENODATA ? "no identifier in VPD 0x83 or 0x80" :
				r == -EINVAL ? "malformed VPD page" :
				r == -ENOENT ? "no VPD page 0x83 in sysfs" : strerror(-r));
	}
	free(pg83);
	free(pg80);
	free(parsed);
	return r;
}

void uid_describe(const struct path *p, const char *attr, char *buf, size_t size)
{
	const char *rank = uid_ranking_name(p->uid_flags & UID_F_SG3 ? UID_RANK_SG3 : UID_RANK_SCSI_ID);
	char desig[48] = "";

	if (p->uid_desig >= 0)
		snprintf(desig, sizeof(desig), " (page 0x83 designator %d)", p->uid_desig);
	snprintf(buf, size, "%s: WWID %s = %s from %s%s, ranking %s%s%s", p->dev, p->wwid,
		 attr && *attr ? attr : p->uid_flags & UID_F_ATTR ? "uid_attribute" : "ID_SERIAL",
		 uid_source_name((enum uid_source)p->uid_src),
		 desig, rank, p->uid_flags & UID_F_FALLBACK ? " (its rule set nothing: scsi_id's)" : "",
		 p->uid_flags & UID_F_HASHED ? ", too long: tail hashed" : "");
}

int uid_attribute_possible(const struct config *c, const struct path *p)
{
	if (c->defaults.uid_attribute || c->overrides.uid_attribute)
		return 1;
	for (size_t i = 0; i < c->nhw; i++) {
		const struct hwentry *e = &c->hw[i];

		if (e->s.uid_attribute && config_hw_field_matches(e, 0, p->vendor) &&
		    config_hw_field_matches(e, 1, p->model))
			return 1;
	}
	return 0;
}
