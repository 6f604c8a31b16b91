/* Partition map names and DM UUIDs (pure string functions). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "names.h"

const char *kp_default_delim(const char *mapname)
{
	size_t len = strlen(mapname);

	return len && isdigit((unsigned char)mapname[len - 1]) ? "p" : "";
}

const char *kp_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int fits(int len, size_t size)
{
	return len >= 0 && (size_t)len < size ? 0 : -ENAMETOOLONG;
}

int kp_part_name(char *buf, size_t size, const char *mapname, const char *delim, unsigned int n)
{
	int r = fits(snprintf(buf, size, "%s%s%u", mapname, delim, n), size);

	for (char *p = buf; !r && *p; p++)
		if (*p == '/')
			*p = '!';
	return r;
}

int kp_part_uuid(char *buf, size_t size, unsigned int n, const char *parent_uuid)
{
	return fits(snprintf(buf, size, "part%u-%s", n, parent_uuid), size);
}

int kp_nondm_uuid(char *buf, size_t size, unsigned int major, unsigned int minor)
{
	return fits(snprintf(buf, size, "devnode_%u:%u_Wh5pYvM", major, minor), size);
}

unsigned int kp_part_of(const char *uuid, const char *parent_uuid)
{
	unsigned long n = 0;
	const char *p;

	if (strncmp(uuid, "part", 4) || !isdigit((unsigned char)uuid[4]) || uuid[4] == '0')
		return 0;
	for (p = uuid + 4; isdigit((unsigned char)*p); p++) {
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > UINT_MAX)
			return 0;
	}
	if (*p != '-' || strcmp(p + 1, parent_uuid))
		return 0;
	return (unsigned int)n;
}
