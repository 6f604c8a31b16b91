#include <errno.h>
#include <string.h>

#include "alua.h"

static const struct { enum alua_state s; const char *name; int prio; } states[] = {
	{ ALUA_ACTIVE_OPTIMIZED, "active/optimized", 50 },
	{ ALUA_ACTIVE_NONOPTIMIZED, "active/non-optimized", 10 },
	{ ALUA_LBA_DEPENDENT, "lba-dependent", 5 },
	{ ALUA_STANDBY, "standby", 1 },
	{ ALUA_UNAVAILABLE, "unavailable", 0 },
	{ ALUA_OFFLINE, "offline", 0 },
	{ ALUA_TRANSITIONING, "transitioning", 0 },
};
#define NSTATES (sizeof(states) / sizeof(states[0]))
#define PREFERRED_BONUS 80

int alua_prio(enum alua_state s, int preferred, int exclusive)
{
	int bonus = preferred && (s != ALUA_ACTIVE_OPTIMIZED || exclusive) ? PREFERRED_BONUS : 0;

	for (size_t i = 0; i < NSTATES; i++)
		if (states[i].s == s)
			return states[i].prio + bonus;
	return bonus;
}

const char *alua_state_name(enum alua_state s)
{
	for (size_t i = 0; i < NSTATES; i++)
		if (states[i].s == s)
			return states[i].name;
	return "unknown";
}

enum alua_state alua_state_from_sysfs(const char *s)
{
	for (size_t i = 0; i < NSTATES; i++)
		if (s && !strcmp(s, states[i].name))
			return states[i].s;
	return ALUA_UNKNOWN;
}

int alua_tpg_from_pg83(const unsigned char *buf, size_t len, unsigned int *tpg)
{
	size_t end, off;

	if (len < 4 || buf[1] != 0x83)
		return -EINVAL;
	end = 4 + (((size_t)buf[2] << 8) | buf[3]);
	if (end > len)
		end = len;   /* a short read: look at what arrived, never beyond */
	for (off = 4; off + 4 <= end;) {
		const unsigned char *d = buf + off;
		size_t dlen = d[3];

		if (off + 4 + dlen > end)
			return -EINVAL;
		/* type 5 = target port group, association 1 = target port */
		if ((d[1] & 0x0f) == 5 && (d[1] & 0x30) == 0x10 && dlen >= 4) {
			*tpg = ((unsigned int)d[6] << 8) | d[7];
			return 0;
		}
		off += 4 + dlen;
	}
	return -ENODATA;
}

int alua_parse_rtpg(const unsigned char *buf, size_t len, unsigned int tpg,
		    enum alua_state *state, int *preferred)
{
	size_t off = 4, end;

	if (len < 4)
		return -EINVAL;
	end = 4 + (((size_t)buf[0] << 24) | ((size_t)buf[1] << 16) | ((size_t)buf[2] << 8) | buf[3]);
	/* Extended header (format type 1 in byte 4): 8 bytes before the descriptors. */
	if (len >= 8 && (buf[4] & 0x70) == 0x10)
		off = 8;
	if (end > len)
		end = len;
	while (off + 8 <= end) {
		const unsigned char *d = buf + off;
		unsigned int id = ((unsigned int)d[2] << 8) | d[3];
		size_t dlen = 8 + 4 * (size_t)d[7];

		if (off + dlen > end)
			return -EINVAL;
		if (id == tpg) {
			*state = (enum alua_state)(d[0] & 0x0f);
			*preferred = !!(d[0] & 0x80);
			return 0;
		}
		off += dlen;
	}
	return -ENOENT;
}
