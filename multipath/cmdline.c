#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "pgpolicy.h"
#include "util.h"

const char usage_text[] =
	"usage: multipath [-v|-v N] [-q] [-d] [-B] [-p policy] [-m max] [--config file]\n"
	"                 [--no-udev-wait] [--] [device]\n"
	"       multipath -l|-ll [-j] [-v N] [device]\n"
	"       multipath -f map | -F\n"
	"       multipath -t\n"
	"       multipath -u [device]\n"
	"       multipath --check-config [file]\n"
	"       multipath --uid-ranking[=ROOT]\n"
	"       multipath --revalidate [-v N]\n"
	"  -v          verbose: all paths, the coalesced multipaths, then the device maps\n"
	"  -v N        0 silent, 1 map names, 2 one line per created/reloaded map (default),\n"
	"              3 the verbose sections with per-path detail, 4 that plus a debug trace\n"
	"  -q          quiet, same as -v 0\n"
	"  -d          dry run: discover and print, change nothing\n"
	"  -p policy   path grouping: failover (default), multibus, group_by_serial,\n"
	"              group_by_prio, group_by_node_name (overrides the configuration)\n"
	"  -B          treat the bindings file as read-only (initramfs)\n"
	"  --config f  read f instead of /etc/multipath.conf (also $MULTIPATH_CONF)\n"
	"  -l, -ll     list the multipath maps: -l from sysfs and device-mapper only,\n"
	"              -ll also runs the path checkers and prioritizers; -j as JSON\n"
	"  -f map      flush (remove) one unused multipath map and its unused partition maps\n"
	"  -F          flush every unused multipath map\n"
	"  -t          print the effective configuration, built-in hardware table included\n"
	"  -u          for a udev rule: print DM_MULTIPATH_DEVICE_PATH=1 if the device (else\n"
	"              the event's DEVPATH) is or will be a path of a multipath map, else =0\n"
	"  --check-config [file]  report every problem in the configuration (file, else\n"
	"              /etc/multipath.conf and its conf.d) with FILE:LINE; exit 1 if any\n"
	"  -m max      scan at most max paths (at least 2)\n"
	"  --no-udev-wait  return once the maps are loaded, before udev has made their nodes\n"
	"              and links (the hotplug runner: nobody waits for it, and its next run\n"
	"              must not wait behind udev's queue)\n"
	"  --uid-ranking[=ROOT]  print whose ID_SERIAL names LUs here, scsi_id or sg3_utils\n"
	"              (the initramfs hook records it); -v 3 also says why\n"
	"  --revalidate  check failed paths until none is left (started by the kernel's\n"
	"              path-failed events through the hotplug glue; see multipath(8))\n"
	"  device      limit the run to this device's LU: /dev/sdX, sdX, maj:min,\n"
	"              or a sysfs devpath (/block/sdX, /devices/...)\n"
	"  --          end of options: the next argument is the device, whatever it looks like\n";

/* -v N: 4 is the detail of 3 plus the debug trace. */
static void set_verbosity(struct options *o, unsigned int n)
{
	o->debug = n == V_DEBUG;
	o->verbosity = o->debug ? V_DETAIL : (int)n;
	o->sections = o->verbosity == V_DETAIL;
}

static int set_device(struct options *o, const char *a, char *err, size_t errsz)
{
	if (o->device) {
		snprintf(err, errsz, "only one device may be given ('%s' and '%s')", o->device, a);
		return -EINVAL;
	}
	o->device = a;
	return 0;
}

/* Hand-parsed like the original (no getopt): "-v" may or may not take a level. */
int parse_cmdline(int argc, char **argv, struct options *o, char *err, size_t errsz)
{
	int seen_v = 0, seen_q = 0;

	memset(o, 0, sizeof(*o));
	o->verbosity = V_ACTIONS;
	o->policy = PGP_INVALID;
	for (int i = 1, operands = 0; i < argc; i++) {
		const char *a = argv[i];
		unsigned int n;

		/* "--" ends the options: what follows is the device, even if it starts with
		 * '-' (the hotplug handler passes event input there, never as an option). */
		if (operands || !strcmp(a, "--")) {
			if (operands++ && set_device(o, a, err, errsz))
				return -EINVAL;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return 1;
		if (!strcmp(a, "-v")) {
			seen_v = 1;
			if (i + 1 < argc && !parse_uint(argv[i + 1], &n)) {
				if (n > V_DEBUG) {
					snprintf(err, errsz, "verbosity must be 0 to 4, not %u", n);
					return -EINVAL;
				}
				set_verbosity(o, n);
				i++;
			} else {
				o->verbosity = V_ACTIONS;
				o->sections = 1;
				o->debug = 0;
			}
		} else if (!strncmp(a, "-v", 2) && !parse_uint(a + 2, &n) && n <= V_DEBUG) {
			seen_v = 1;   /* -v0 .. -v4, as later versions wrote it */
			set_verbosity(o, n);
		} else if (!strcmp(a, "-q")) {
			seen_q = 1;
			o->verbosity = V_SILENT;
		} else if (!strcmp(a, "-d")) {
			o->dry_run = 1;
		} else if (!strcmp(a, "-l") || !strcmp(a, "-ll")) {
			if (o->mode != MODE_CONFIGURE) {
				snprintf(err, errsz, "%s: only one of -l, -ll, -f, -F, -t", a);
				return -EINVAL;
			}
			o->mode = a[2] ? MODE_LIST_LONG : MODE_LIST;
		} else if (!strcmp(a, "-j")) {
			o->json = 1;
		} else if (!strcmp(a, "-B")) {
			o->bindings_ro = 1;
		} else if (!strcmp(a, "-F") || !strcmp(a, "-t")) {
			if (o->mode != MODE_CONFIGURE) {
				snprintf(err, errsz, "%s: only one of -l, -ll, -f, -F, -t", a);
				return -EINVAL;
			}
			o->mode = a[1] == 'F' ? MODE_FLUSH_ALL : MODE_DUMP_CONFIG;
		} else if (!strcmp(a, "-u")) {
			if (o->mode != MODE_CONFIGURE) {
				snprintf(err, errsz, "-u: only one of -l, -ll, -f, -F, -t, -u");
				return -EINVAL;
			}
			o->mode = MODE_CLAIM;
		} else if (!strcmp(a, "-f")) {
			if (o->mode != MODE_CONFIGURE || i + 1 >= argc) {
				snprintf(err, errsz, "-f needs a map name, and excludes -l, -ll, -F, -t");
				return -EINVAL;
			}
			o->mode = MODE_FLUSH_ONE;
			o->flush_map = argv[++i];
		} else if (!strcmp(a, "--config") || !strncmp(a, "--config=", 9)) {
			if (a[8] == '=')
				o->config_file = a + 9;
			else if (i + 1 < argc)
				o->config_file = argv[++i];
			if (!o->config_file || !*o->config_file) {
				snprintf(err, errsz, "--config needs a file name");
				return -EINVAL;
			}
		} else if (!strcmp(a, "--check-config") || !strncmp(a, "--check-config=", 15)) {
			if (o->mode != MODE_CONFIGURE) {
				snprintf(err, errsz, "%s: only one of -l, -ll, -f, -F, -t, --check-config, --uid-ranking, --revalidate", a);
				return -EINVAL;
			}
			o->mode = MODE_CHECK_CONFIG;
			if (a[14] == '=' || (i + 1 < argc && argv[i + 1][0] != '-')) {
				o->config_file = a[14] == '=' ? a + 15 : argv[++i];
				o->check_one = 1;
			}
			if (o->config_file && !*o->config_file) {
				snprintf(err, errsz, "--check-config= needs a file name");
				return -EINVAL;
			}
		} else if (!strcmp(a, "--uid-ranking") || !strncmp(a, "--uid-ranking=", 14)) {
			if (o->mode != MODE_CONFIGURE) {
				snprintf(err, errsz, "%s: only one of -l, -ll, -f, -F, -t, --check-config, --uid-ranking, --revalidate", a);
				return -EINVAL;
			}
			o->mode = MODE_UID_RANKING;
			o->uid_root = a[13] == '=' ? a + 14 : "";
		} else if (!strcmp(a, "--revalidate")) {
			if (o->mode != MODE_CONFIGURE) {
				snprintf(err, errsz, "%s: only one of -l, -ll, -f, -F, -t, --check-config, --uid-ranking, --revalidate", a);
				return -EINVAL;
			}
			o->mode = MODE_REVALIDATE;
		} else if (!strcmp(a, "--no-udev-wait")) {
			o->no_udev_wait = 1;
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
		} else if (set_device(o, a, err, errsz)) {
			return -EINVAL;
		}
	}
	if (seen_v && seen_q) {
		snprintf(err, errsz, "-v and -q are mutually exclusive");
		return -EINVAL;
	}
	if (o->no_udev_wait && o->mode != MODE_CONFIGURE) {
		snprintf(err, errsz, "--no-udev-wait goes with a configuring run only");
		return -EINVAL;
	}
	if (o->json && o->mode != MODE_LIST && o->mode != MODE_LIST_LONG) {
		snprintf(err, errsz, "-j goes with -l or -ll");
		return -EINVAL;
	}
	if (o->device && (o->mode == MODE_FLUSH_ONE || o->mode == MODE_FLUSH_ALL ||
			  o->mode == MODE_DUMP_CONFIG || o->mode == MODE_CHECK_CONFIG ||
			  o->mode == MODE_UID_RANKING || o->mode == MODE_REVALIDATE)) {
		snprintf(err, errsz, "a device argument does not go with -f, -F, -t, --check-config, "
			 "--uid-ranking or --revalidate");
		return -EINVAL;
	}
	return 0;
}

enum mp_log_level options_log_level(const struct options *o)
{
	if (o->debug)
		return MP_LOG_DEBUG;
	return o->verbosity >= V_DETAIL ? MP_LOG_INFO : MP_LOG_WARN;
}
