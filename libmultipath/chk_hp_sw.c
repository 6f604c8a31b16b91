/* Pure: HP active/standby controllers (HSG80, MSA1000, EVA/HSV in active/standby mode).
 * The standby controller answers INQUIRY but fails TEST UNIT READY with NOT READY,
 * 04/02 ("initializing command required"): that path is passive, not dead. */
#include <errno.h>
#include <string.h>

#include "chkprio.h"
#include "util.h"

#define HP_ACTIVE  4
#define HP_STANDBY 2
#define HP_FAILED  0

enum path_state hp_sw_path_state(int inq_r, int tur_r, char *why, size_t whysz)
{
	if (inq_r == -EOPNOTSUPP) {
		errfmt(why, whysz, "INQUIRY VPD 0x80 not supported: not an hp_sw device");
		return PATH_DOWN;
	}
	if (inq_r) {
		errfmt(why, whysz, "INQUIRY VPD 0x80 failed: %s", strerror(-inq_r));
		return PATH_DOWN;
	}
	/* As multipath-tools: once the controller answers, any TUR failure means standby. */
	if (tur_r) {
		errfmt(why, whysz, "controller in standby (TEST UNIT READY: %s)", strerror(-tur_r));
		return PATH_GHOST;
	}
	return PATH_UP;
}

int hp_sw_prio(int tur_r, int key, int asc, int ascq)
{
	if (!tur_r)
		return HP_ACTIVE;
	if (key == 0x02 && asc == 0x04 && ascq == 0x02)
		return HP_STANDBY;
	return HP_FAILED;
}
