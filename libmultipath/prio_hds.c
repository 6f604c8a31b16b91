/* Pure: Hitachi modular arrays (DF600 family: AMS other than AMS 2000, Thunder). The
 * standard INQUIRY carries, in vendor-specific bytes, the LDEV number (44-47, ASCII hex)
 * and the controller (49, ASCII digit). Each LDEV is served best by the controller of the
 * same parity, which spreads the LDEVs statically over both controllers. */
#include <ctype.h>
#include <errno.h>

#include "chkprio.h"
#include "util.h"

#define HDS_MIN 51

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)toupper(c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int hds_prio(const unsigned char *inq, size_t len, char *why, size_t whysz)
{
	int ldev, ctrl;

	if (!inq || len < HDS_MIN) {
		errfmt(why, whysz, "INQUIRY too short for the LDEV and controller (%zu bytes, need %d)",
		       inq ? len : 0, HDS_MIN);
		return -EPROTO;
	}
	ldev = hex_digit(inq[47]);
	ctrl = inq[49] >= '0' && inq[49] <= '9' ? inq[49] - '0' : -1;
	if (ldev < 0 || ctrl < 0) {
		errfmt(why, whysz, "INQUIRY has no LDEV/controller (bytes 47 0x%02x, 49 0x%02x)",
		       inq[47], inq[49]);
		return -EPROTO;
	}
	return (ldev & 1) == (ctrl & 1);
}
