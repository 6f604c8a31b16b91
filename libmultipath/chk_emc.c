/* Pure: EMC CLARiiON / VNX / Unity "SP unit report", INQUIRY VPD 0xC0. Bytes used (as the
 * kernel's scsi_dh_emc and multipath-tools read them):
 *   1 page code 0xC0, 9 page revision (0 is the format known)
 *   4 LU state: 0 unbound (or LUNZ), 1 bound, 2 bound and owned by the SP answering
 *   5 the LU's default SP, 8 the SP this path goes through
 *   10-25 the LU's WWN
 *   27 effective initiator type (3), 28 bits 0-2 failover mode (4 or 6),
 *   30 bit 2 arraycommpath, 48 LU operations (0: normal) */
#include <errno.h>
#include <string.h>

#include "chkprio.h"
#include "util.h"

int emc_decode_c0(const unsigned char *buf, size_t len, struct emc_c0 *out,
		  char *why, size_t whysz)
{
	if (!buf || len < EMC_C0_MIN) {
		errfmt(why, whysz, "VPD 0xC0 too short (%zu bytes, need %d)", buf ? len : 0,
		       EMC_C0_MIN);
		return -EPROTO;
	}
	if (buf[1] != 0xc0 || buf[9] != 0x00) {
		errfmt(why, whysz, "VPD 0xC0 in an unknown format (page 0x%02x, revision %u)",
		       buf[1], buf[9]);
		return -EPROTO;
	}
	memset(out, 0, sizeof(*out));
	out->lun_state = buf[4];
	out->default_sp = buf[5];
	out->path_sp = buf[8];
	memcpy(out->wwn, buf + 10, sizeof(out->wwn));
	out->initiator_type = buf[27];
	out->failover_mode = buf[28] & 0x07;
	out->arraycommpath = !!(buf[30] & 0x04);
	out->lun_operations = buf[48];
	return 0;
}

enum path_state emc_path_state(const struct emc_c0 *c, int *read_test, char *why, size_t whysz)
{
	*read_test = 0;
	if (c->initiator_type != 0x03 || (c->failover_mode != 4 && c->failover_mode != 6) ||
	    !c->arraycommpath) {
		errfmt(why, whysz, "path not configured for failover (initiator type %d, "
		       "failover mode %d, arraycommpath %d)", c->initiator_type, c->failover_mode,
		       c->arraycommpath);
		return PATH_DOWN;
	}
	/* multipath-tools calls this "shaky"; a one-shot run can only leave it out */
	if (c->lun_operations) {
		errfmt(why, whysz, "LU not available for normal operations (0x%02x)",
		       c->lun_operations);
		return PATH_DOWN;
	}
	if (c->lun_state == 0) {
		errfmt(why, whysz, "LU unbound, or LUNZ");
		return PATH_DOWN;
	}
	/* The owning SP's path is read once to catch an inactive snapshot; a passive path is
	 * up (not a ghost: the array moves the LU on I/O). */
	*read_test = c->lun_state == 2;
	return PATH_UP;
}

int emc_prio(const struct emc_c0 *c)
{
	/* Note this prefers the default SP even when the other one owns the LU now. */
	return c->default_sp == c->path_sp;
}

int emc_inactive_snapshot(int key, int asc, int ascq)
{
	return key == 0x05 && asc == 0x25 && ascq == 0x01;
}
