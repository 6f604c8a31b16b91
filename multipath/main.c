/* multipath: configure dm-multipath maps for SCSI LUs reached by several paths. */
#include <stdio.h>

#include "cmdline.h"
#include "configure.h"

int main(int argc, char **argv)
{
	struct options o;
	char err[256] = "";
	int r = parse_cmdline(argc, argv, &o, err, sizeof(err));

	if (r == 1) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (r) {
		fprintf(stderr, "multipath: %s\n%s", err, usage_text);
		return EXIT_USAGE;
	}
	return run_multipath(&o);
}
