/* Pure: RDAC (LSI/Engenio, NetApp E-Series and rebrands) volume access control page,
 * INQUIRY VPD 0xC9. Layout (as the kernel's scsi_dh_rdac and multipath-tools read it):
 *   0     peripheral qualifier / device type
 *   1     page code 0xC9
 *   4-7   page identifier "vac1" (older firmware: "vac" + another byte)
 *   8     bit 0 CVP (this controller owns the volume), bit 4 TPGDE (bytes 10-13 valid),
 *         bit 5 I/O shipping mode, bit 7 AVT mode
 *   9     low nibble: path preference (1 preferred, 2 secondary)
 *   10/11 ALUA state / vendor reason of this controller's ports
 *   12/13 the same for the alternate controller */
#include <errno.h>
#include <string.h>

#include "alua.h"
#include "chkprio.h"
#include "util.h"

int rdac_decode_c9(const unsigned char *buf, size_t len, struct rdac_c9 *out,
		   char *why, size_t whysz)
{
	if (!buf || len < RDAC_C9_MIN) {
		errfmt(why, whysz, "VPD 0xC9 too short (%zu bytes, need %d)", buf ? len : 0,
		       RDAC_C9_MIN);
		return -EPROTO;
	}
	if (buf[1] != 0xc9 || memcmp(buf + 4, "vac", 3)) {
		errfmt(why, whysz, "VPD 0xC9 in an unknown format (page 0x%02x, id %02x %02x %02x)",
		       buf[1], buf[4], buf[5], buf[6]);
		return -EPROTO;
	}
	memset(out, 0, sizeof(*out));
	/* multipath-tools' test: qualifier 0 or 4 and a direct-access device */
	out->lun_connected = !(buf[0] & 0x7f);
	out->owned = buf[8] & 0x01;
	out->tpg_valid = !!(buf[8] & 0x10);
	out->ioship = !!(buf[8] & 0x20);
	out->avt = !!(buf[8] & 0x80);
	out->preference = (buf[9] & 0x0f) == 1 ? 1 : (buf[9] & 0x0f) == 2 ? 2 : 0;
	out->state_cur = buf[10] & 0x0f;
	out->unavail_reason = buf[11];
	out->state_alt = buf[12] & 0x0f;
	return 0;
}

int rdac_is_vac1(const unsigned char *buf, size_t len)
{
	return buf && len >= 8 && buf[1] == 0xc9 && !memcmp(buf + 4, "vac1", 4);
}

static const char *unavailable_reason(int v)
{
	switch (v) {
	case 0x2:
		return "controller not responding";
	case 0x3:
		return "controller held in reset";
	case 0x4:
	case 0x5:
		return "controller firmware download";
	case 0x6:
		return "controller quiesced by the administrator";
	case 0x7:
		return "controller in service mode";
	default:
		return "controller unavailable";
	}
}

enum path_state rdac_path_state(const struct rdac_c9 *c, char *why, size_t whysz)
{
	if (!c->lun_connected) {
		errfmt(why, whysz, "LUN not connected");
		return PATH_DOWN;
	}
	if (c->tpg_valid) {
		if (c->state_cur == ALUA_UNAVAILABLE) {
			errfmt(why, whysz, "%s", unavailable_reason(c->unavail_reason));
			return PATH_DOWN;
		}
		/* Both transitioning: a mode select / STPG in progress. This one alone: it boots. */
		if (c->state_cur == ALUA_TRANSITIONING && c->state_alt != ALUA_TRANSITIONING) {
			errfmt(why, whysz, "controller in its start-up sequence");
			return PATH_DOWN;
		}
	}
	if (c->owned || c->ioship)
		return PATH_UP;
	errfmt(why, whysz, "volume owned by the other controller");
	return PATH_GHOST;
}

int rdac_prio(const struct rdac_c9 *c)
{
	int p = 0;

	if (c->owned)
		p |= 0x02;
	if (c->preference == 1)
		p |= 0x04;
	else if (c->preference == 2)
		p |= 0x01;
	if (c->ioship)
		p |= 0x08;
	return p;
}
