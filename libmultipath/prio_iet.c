/* Pure: the iet prioritizer (any iSCSI initiator, despite the name): paths whose portal is
 * the preferred IP get 20, the others 10. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "chkprio.h"
#include "util.h"

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A dotted quad at s: its length, or 0. Digits only, 1-3 per part, each <= 255. */
static size_t quad_at(const char *s, unsigned int part[4])
{
	size_t i = 0;

	for (int k = 0; k < 4; k++) {
		size_t start = i;

		part[k] = 0;
		while (digit(s[i]) && i - start < 3)
			part[k] = part[k] * 10 + (unsigned int)(s[i++] - '0');
		if (i == start || part[k] > 255 || digit(s[i]))
			return 0;
		if (k < 3 && s[i++] != '.')
			return 0;
	}
	return s[i] == '.' ? 0 : i;
}

int iet_find_ipv4(const char *s, char *ip, size_t ipsz)
{
	for (size_t i = 0; s && s[i]; i++) {
		unsigned int p[4];

		/* a number starts here: not in the middle of another number or address */
		if (!digit(s[i]) || (i && (digit(s[i - 1]) || s[i - 1] == '.')))
			continue;
		if (quad_at(s + i, p)) {
			snprintf(ip, ipsz, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
			return 0;
		}
	}
	return -ENOENT;
}

int iet_parse_args(const char *args, char *ip, size_t ipsz, char *why, size_t whysz)
{
	unsigned int p[4];
	size_t n;

	if (!args || strncmp(args, "preferredip=", 12)) {
		errfmt(why, whysz, "needs prio_args \"preferredip=A.B.C.D\"");
		return -EINVAL;
	}
	args += 12;
	n = quad_at(args, p);
	if (!n || (args[n] && args[n] != ' ' && args[n] != '\t')) {
		errfmt(why, whysz, "preferredip \"%s\" is not a dotted-quad IPv4 address", args);
		return -EINVAL;
	}
	snprintf(ip, ipsz, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	return 0;
}

int iet_prio(const char *portal_ip, const char *preferred)
{
	return portal_ip && preferred && *portal_ip && !strcmp(portal_ip, preferred) ? 20 : 10;
}
