/* multipath_claim [device] — what 56-multipath-claim.rules runs for every SCSI disk event: the
 * same answer as "multipath -u" (multipath/claim.c), in a static binary that carries only the
 * claim's code (sysfs, configuration, wwids file; no libdevmapper, no libudev), so that a udev
 * worker pays an exec and a few file reads per event, not the loading of multipath's libraries. */
#include <stdio.h>
#include <string.h>

#include "claim_mode.h"
#include "cmdline.h"

int main(int argc, char **argv)
{
	struct options o;

	memset(&o, 0, sizeof(o));
	o.mode = MODE_CLAIM;
	o.policy = PGP_INVALID;
	/* "-u" is accepted, so that a rule written for "multipath -u %k" works unchanged */
	if (argc > 1 && !strcmp(argv[1], "-u")) {
		argc--;
		argv++;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fputs("usage: multipath_claim [-u] [device]   (else the event's DEVPATH)\n", stderr);
		return 1;
	}
	o.device = argc == 2 ? argv[1] : NULL;
	return run_claim(&o);
}
