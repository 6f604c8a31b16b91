#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "pgpolicy.h"
#include "util.h"

const char usage_text[] =
	"usage: multipath [-v|-v N] [-q] [-d] [-p failover|multibus|group_by_serial] [-m max] [device]\n"
	"  -v          verbose: all paths, the coalesced multipaths, then the device maps\n"
	"  -v N        0 silent, 1 map names, 2 one line per created/reloaded map (default),\n"
	"              3 the verbose sections with per-path detail\n"
	"  -q          quiet, same as -v 0\n"
	"  -d          dry run: discover and print, change nothing\n"
	"  -p policy   path grouping: failover (default), multibus, group_by_serial\n"
	"  -m max      scan at most max paths (at least 2)\n"
	"  device      limit the run to this device's LU: /dev/sdX, sdX, maj:min,\n"
	"              or a sysfs devpath (/block/sdX, /devices/...)\n";

/* Hand-parsed like the original (no getopt): "-v" may or may not take a level. */
int parse_cmdline(int argc, char **argv, struct options *o, char *err, size_t errsz)
{
	int seen_v = 0, seen_q = 0;

	memset(o, 0, sizeof(*o));
	o->verbosity = V_ACTIONS;
	o->policy = PGP_INVALID;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		unsigned int n;

		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return 1;
		if (!strcmp(a, "-v")) {
			seen_v = 1;
			if (i + 1 < argc && !parse_uint(argv[i + 1], &n)) {
				if (n > V_DETAIL) {
					snprintf(err, errsz, "verbosity must be 0 to 3, not %u", n);
					return -EINVAL;
				}
				o->verbosity = (int)n;
				o->sections = n == V_DETAIL;
				i++;
			} else {
				o->verbosity = V_ACTIONS;
				o->sections = 1;
			}
		} else if (!strncmp(a, "-v", 2) && !parse_uint(a + 2, &n) && n <= V_DETAIL) {
			seen_v = 1;   /* -v0 .. -v3, as later versions wrote it */
			o->verbosity = (int)n;
			o->sections = n == V_DETAIL;
		} else if (!strcmp(a, "-q")) {
			seen_q = 1;
			o->verbosity = V_SILENT;
		} else if (!strcmp(a, "-d")) {
			o->dry_run = 1;
		} else if (!strcmp(a, "-p")) {
			if (i + 1 >= argc) {
				snprintf(err, errsz, "-p needs a policy");
				return -EINVAL;
			}
			o->policy = pgpolicy_from_name(argv[++i]);
			if (o->policy == PGP_INVALID) {
				snprintf(err, errsz, "unknown policy '%s'", argv[i]);
				return -EINVAL;
			}
		} else if (!strcmp(a, "-m")) {
			if (i + 1 >= argc || parse_uint(argv[i + 1], &n) || n < 2) {
				snprintf(err, errsz, "-m needs a number of at least 2");
				return -EINVAL;
			}
			o->max_paths = n;
			i++;
		} else if (a[0] == '-' && a[1]) {
			snprintf(err, errsz, "unknown switch: %s", a);
			return -EINVAL;
		} else if (o->device) {
			snprintf(err, errsz, "only one device may be given ('%s' and '%s')", o->device, a);
			return -EINVAL;
		} else {
			o->device = a;
		}
	}
	if (seen_v && seen_q) {
		snprintf(err, errsz, "-v and -q are mutually exclusive");
		return -EINVAL;
	}
	return 0;
}
