/* multipath: configure dm-multipath maps for SCSI LUs reached by several paths. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim_mode.h"
#include "cmdline.h"
#include "config.h"
#include "configure.h"
#include "context.h"
#include "devmapper.h"
#include "flush.h"
#include "list_maps.h"
#include "log.h"
#include "uid_rank.h"
#include "revalidate.h"

static int dump_config(const struct options *o)
{
	struct ctx c;
	int rc = ctx_setup(&c, o, 0, 0);

	if (!rc)
		config_dump(stdout, &c.conf);
	ctx_teardown(&c);
	return rc;
}

/* --check-config: every problem with FILE:LINE on stderr; 1 if there is any. Needs no
 * root, no device-mapper and no devices. */
static int check_config(const struct options *o)
{
	const char *path = o->config_file;
	struct config c;
	int r;

	if (!path || !*path)
		path = getenv(CONFIG_ENV);
	if (!path || !*path)
		path = DEFAULT_CONFIG_FILE;
	if (config_init_builtin(&c)) {
		mp_err("out of memory");
		return EXIT_FAIL;
	}
	r = o->check_one ? config_load_one(&c, path) : config_load_file(&c, path);
	config_log_diag(&c);
	if (r == -ENOMEM)
		mp_err("out of memory while reading the configuration");
	if (c.nwarn && o->verbosity >= V_NAMES)
		mp_warn("%zu problem%s in the configuration", c.nwarn, c.nwarn == 1 ? "" : "s");
	r = c.nwarn || r ? 1 : 0;
	config_free(&c);
	return r;
}

/* The ranking this system's runs use; the initramfs hook records it (uid_rank.h). */
static int print_uid_ranking(const struct options *o)
{
	char why[8192];
	enum uid_ranking r;
	const char *root = strcmp(o->uid_root, "/") ? o->uid_root : "";

	uid_ranking_detect(root, &r, why, sizeof(why));
	printf("%s\n", uid_ranking_name(r));
	if (o->verbosity >= V_DETAIL)
		ctx_say(stderr, "%s", why);
	return 0;
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
	mp_log_init("multipath", options_log_level(&o));
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
	case MODE_CHECK_CONFIG:
		return check_config(&o);
	case MODE_UID_RANKING:
		return print_uid_ranking(&o);
	case MODE_REVALIDATE:
		return run_revalidate(&o);
	default:
		/* --no-udev-wait: as kpartx -n, the cookie carries only its flags (the nodes
		 * stay udev's), and nothing waits for udev at the end. */
		if (o.no_udev_wait)
			dmx_set_udev_sync(0);
		return run_multipath(&o);
	}
}
