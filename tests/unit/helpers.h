/* Small builders shared by the unit tests. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "structs.h"
#include "pgpolicy.h"
#include "util.h"

static inline struct path mkpath(const char *dev, unsigned int maj, unsigned int min,
				 const char *wwid, const char *serial, int h, int t, int l)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	strlcpy_safe(p.dev, dev, sizeof(p.dev));
	p.major = maj;
	p.minor = min;
	strlcpy_safe(p.wwid, wwid, sizeof(p.wwid));
	strlcpy_safe(p.serial, serial, sizeof(p.serial));
	p.host = h;
	p.target = t;
	p.lun = (unsigned long long)l;
	p.size = 2048;
	p.state = PATH_UP;
	strlcpy_safe(p.vendor, "Linux", sizeof(p.vendor));
	strlcpy_safe(p.model, "scsi_debug", sizeof(p.model));
	strlcpy_safe(p.sysfs_state, "running", sizeof(p.sysfs_state));
	return p;
}

#endif
