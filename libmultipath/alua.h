/* Pure: ALUA (asymmetric logical unit access) decoding and the priorities derived
 * from it. Sources: REPORT TARGET PORT GROUPS over SG_IO (prio "alua"), or the kernel's
 * scsi_dh_alua view in sysfs, device/access_state + preferred_path (prio "sysfs"). */
#ifndef MP_ALUA_H
#define MP_ALUA_H

#include <stddef.h>

enum alua_state {
	ALUA_ACTIVE_OPTIMIZED = 0x0,
	ALUA_ACTIVE_NONOPTIMIZED = 0x1,
	ALUA_STANDBY = 0x2,
	ALUA_UNAVAILABLE = 0x3,
	ALUA_LBA_DEPENDENT = 0x4,
	ALUA_OFFLINE = 0xe,
	ALUA_TRANSITIONING = 0xf,
	ALUA_UNKNOWN = -1,
};

/* Priority of a port in that state: optimized 50, non-optimized 10, LBA dependent 5,
 * standby 1, anything else 0. A port the array marks preferred gets 80 more unless it is
 * optimized anyway (so optimized ports share a group); with exclusive (prio_args
 * "exclusive_pref_bit") a preferred port always gets it, and a group of its own. */
int alua_prio(enum alua_state s, int preferred, int exclusive);
const char *alua_state_name(enum alua_state s);

/* The target port group of the port a VPD 0x83 page came through (designator type 5,
 * target-port association). 0 or -ENODATA / -EINVAL. */
int alua_tpg_from_pg83(const unsigned char *buf, size_t len, unsigned int *tpg);

/* State and preferred bit of group tpg in a REPORT TARGET PORT GROUPS response
 * (length-only or extended header). 0, -ENOENT (group absent), -EINVAL (malformed). */
int alua_parse_rtpg(const unsigned char *buf, size_t len, unsigned int tpg,
		    enum alua_state *state, int *preferred);

/* sysfs access_state text ("active/optimized", "standby", ...). ALUA_UNKNOWN if unknown. */
enum alua_state alua_state_from_sysfs(const char *s);

#endif
