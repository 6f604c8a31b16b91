/* multipath: configure dm-multipath maps for SCSI LUs reached by several paths. */
#include <stdio.h>

#include "claim_mode.h"
#include "cmdline.h"
#include "config.h"
#include "configure.h"
#include "context.h"
#include "flush.h"
#include "list_maps.h"

static int dump_config(const struct options *o)
{
	struct ctx c;
	int rc = ctx_setup(&c, o, 0, 0);

	if (!rc)
		config_dump(stdout, &c.conf);
	ctx_teardown(&c);
	return rc;
}

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
	switch (o.mode) {
	case MODE_LIST:
	case MODE_LIST_LONG:
		return run_list(&o);
	case MODE_FLUSH_ONE:
	case MODE_FLUSH_ALL:
		return run_flush(&o);
	case MODE_DUMP_CONFIG:
		return dump_config(&o);
	case MODE_CLAIM:
		return run_claim(&o);
	default:
		return run_multipath(&o);
	}
}
