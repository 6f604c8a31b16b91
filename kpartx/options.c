/* Command line parsing (pure: argv in, struct out). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "ptable.h"

const char *kp_usage(void)
{
	return "usage: kpartx [-a|-d|-u|-l] [-r] [-p delim] [-g] [-s|-n] [-v] [-t type] wholedisk\n"
	       "\t-a  add partition maps\n"
	       "\t-d  delete the partition maps of wholedisk (and detach its loop device)\n"
	       "\t-u  update: add or reload maps, delete those of vanished partitions\n"
	       "\t-l  list the maps -a would create (the default)\n"
	       "\t-r  create read-only maps\n"
	       "\t-p  delimiter between disk name and partition number\n"
	       "\t    (default: \"p\" if the disk name ends in a digit, else none)\n"
	       "\t-g  use a GPT even without a valid protective MBR\n"
	       "\t-s  wait for udev to settle the new maps (the default)\n"
	       "\t-n  do not wait for udev\n"
	       "\t-v  verbose\n"
	       "\t-t  read only this partition table type:\n"
	       "\t    gpt, dos, bsd, solaris, unixware, mac, sun\n";
}

int kp_parse_opts(int argc, char **argv, struct kp_opts *o, char *err, unsigned int errlen)
{
	int c, have_action = 0;
	enum kp_action a;

	memset(o, 0, sizeof(*o));
	o->action = KP_LIST;
	o->sync = 1;
	err[0] = '\0';
	optind = 0;       /* full reset of glibc's getopt state */
	opterr = 0;
	while ((c = getopt(argc, argv, "adulrp:gsnvt:")) != -1) {
		switch (c) {
		case 'a': case 'd': case 'u': case 'l':
			a = c == 'a' ? KP_ADD : c == 'd' ? KP_DELETE : c == 'u' ? KP_UPDATE : KP_LIST;
			if (have_action && a != o->action) {
				snprintf(err, errlen, "only one of -a, -d, -u, -l may be given");
				return -EINVAL;
			}
			o->action = a;
			have_action = 1;
			break;
		case 'r': o->read_only = 1; break;
		case 'p': o->delim = optarg; break;
		case 'g': o->force_gpt = 1; break;
		case 's': o->sync = 1; break;
		case 'n': o->sync = 0; break;
		case 'v': o->verbose = 1; break;
		case 't':
			if (!kp_ptype_find(optarg)) {
				snprintf(err, errlen, "unknown partition table type '%s' (known: %s)",
					 optarg, kp_ptype_names());
				return -EINVAL;
			}
			o->type = optarg;
			break;
		default:
			if (optopt == 'p' || optopt == 't')
				snprintf(err, errlen, "option -%c needs an argument", optopt);
			else
				snprintf(err, errlen, "unknown option -%c", optopt);
			return -EINVAL;
		}
	}
	if (argc - optind != 1) {
		snprintf(err, errlen, argc == optind ? "no wholedisk given"
			 : "exactly one wholedisk expected");
		return -EINVAL;
	}
	o->disk = argv[optind];
	return 0;
}
