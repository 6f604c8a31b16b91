/* multipath's command line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "cmdline.h"
#include "helpers.h"

static int parse(struct options *o, char *err, ...)
{
	char *argv[16] = { "multipath" };
	int argc = 1;
	va_list ap;
	char *a;

	va_start(ap, err);
	while ((a = va_arg(ap, char *)) && argc < 15)
		argv[argc++] = a;
	va_end(ap);
	return parse_cmdline(argc, argv, o, err, 128);
}

static void test_defaults(void **state)
{
	struct options o;
	char err[128];

	(void)state;
	assert_int_equal(parse(&o, err, NULL), 0);
	assert_int_equal(o.verbosity, V_ACTIONS);
	assert_int_equal(o.sections, 0);
	assert_int_equal(o.dry_run, 0);
	assert_int_equal(o.policy, PGP_INVALID);
	assert_null(o.device);
}

static void test_verbosity_forms(void **state)
{
	struct options o;
	char err[128];

	(void)state;
	assert_int_equal(parse(&o, err, "-v", NULL), 0);
	assert_int_equal(o.sections, 1);
	assert_int_equal(parse(&o, err, "-v", "0", NULL), 0);
	assert_int_equal(o.verbosity, V_SILENT);
	assert_int_equal(parse(&o, err, "-v", "3", NULL), 0);
	assert_int_equal(o.verbosity, V_DETAIL);
	assert_int_equal(o.sections, 1);
	assert_int_equal(parse(&o, err, "-v1", NULL), 0);
	assert_int_equal(o.verbosity, V_NAMES);
	/* "-v sdb": sdb is the device, not a level */
	assert_int_equal(parse(&o, err, "-v", "sdb", NULL), 0);
	assert_int_equal(o.sections, 1);
	assert_string_equal(o.device, "sdb");
	/* -v4: the detail of -v3 plus the debug trace */
	assert_int_equal(parse(&o, err, "-v", "4", NULL), 0);
	assert_int_equal(o.verbosity, V_DETAIL);
	assert_int_equal(o.sections, 1);
	assert_int_equal(o.debug, 1);
	assert_int_equal(options_log_level(&o), MP_LOG_DEBUG);
	assert_int_equal(parse(&o, err, "-v4", NULL), 0);
	assert_int_equal(o.debug, 1);
	assert_int_equal(parse(&o, err, "-v3", NULL), 0);
	assert_int_equal(o.debug, 0);
	assert_int_equal(options_log_level(&o), MP_LOG_INFO);
	assert_int_equal(parse(&o, err, "-q", NULL), 0);
	assert_int_equal(options_log_level(&o), MP_LOG_WARN);   /* errors, warnings: always */
	assert_int_equal(parse(&o, err, "-v", "5", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-v", "9", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-q", NULL), 0);
	assert_int_equal(o.verbosity, V_SILENT);
	assert_int_equal(parse(&o, err, "-v", "-q", NULL), -EINVAL);
	assert_string_equal(err, "-v and -q are mutually exclusive");
}

static void test_policy_and_max(void **state)
{
	struct options o;
	char err[128];

	(void)state;
	assert_int_equal(parse(&o, err, "-p", "multibus", "-d", "-m", "64", "/dev/sdc", NULL), 0);
	assert_int_equal(o.policy, PGP_MULTIBUS);
	assert_int_equal(o.dry_run, 1);
	assert_int_equal(o.max_paths, 64);
	assert_string_equal(o.device, "/dev/sdc");
	assert_int_equal(parse(&o, err, "-p", "roundabout", NULL), -EINVAL);
	assert_string_equal(err, "unknown policy 'roundabout'");
	assert_int_equal(parse(&o, err, "-p", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-m", "1", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-m", "x", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-m", NULL), -EINVAL);
}

static void test_unknown_and_extra(void **state)
{
	struct options o;
	char err[128];

	(void)state;
	assert_int_equal(parse(&o, err, "-x", NULL), -EINVAL);
	assert_string_equal(err, "unknown switch: -x");
	assert_int_equal(parse(&o, err, "sda", "sdb", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-h", NULL), 1);
}

/* "--" ends the options: event input after it is a device, never a switch (the
 * hotplug handler's DEVPATH='--config=/tmp/x/sda' must not pick a config file). */
static void test_end_of_options(void **state)
{
	struct options o;
	char err[128];

	(void)state;
	assert_int_equal(parse(&o, err, "-v0", "--", "--config=/tmp/x/sda", NULL), 0);
	assert_null(o.config_file);
	assert_string_equal(o.device, "--config=/tmp/x/sda");
	assert_int_equal(o.verbosity, V_SILENT);
	assert_int_equal(parse(&o, err, "--", "-F", NULL), 0);
	assert_int_equal(o.mode, MODE_CONFIGURE);
	assert_string_equal(o.device, "-F");
	assert_int_equal(parse(&o, err, "--", "-h", NULL), 0);
	assert_string_equal(o.device, "-h");
	assert_int_equal(parse(&o, err, "-d", "--", NULL), 0);
	assert_null(o.device);
	assert_int_equal(o.dry_run, 1);
	/* a second "--" is an operand: one device only */
	assert_int_equal(parse(&o, err, "--", "--", NULL), 0);
	assert_string_equal(o.device, "--");
	assert_int_equal(parse(&o, err, "--", "sda", "sdb", NULL), -EINVAL);
	assert_string_equal(err, "only one device may be given ('sda' and 'sdb')");
	assert_int_equal(parse(&o, err, "sda", "--", "sdb", NULL), -EINVAL);
	/* options still apply before it; checks still run after it */
	assert_int_equal(parse(&o, err, "-f", "mpatha", "--", "sda", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-v", "--", "8:0", NULL), 0);
	assert_int_equal(o.sections, 1);
	assert_string_equal(o.device, "8:0");
}

static void test_modes(void **state)
{
	struct options o;
	char err[128];

	(void)state;
	assert_int_equal(parse(&o, err, "-l", NULL), 0);
	assert_int_equal(o.mode, MODE_LIST);
	assert_int_equal(parse(&o, err, "-ll", "-j", "sdb", NULL), 0);
	assert_int_equal(o.mode, MODE_LIST_LONG);
	assert_int_equal(o.json, 1);
	assert_string_equal(o.device, "sdb");
	assert_int_equal(parse(&o, err, "-f", "mpatha", NULL), 0);
	assert_int_equal(o.mode, MODE_FLUSH_ONE);
	assert_string_equal(o.flush_map, "mpatha");
	assert_int_equal(parse(&o, err, "-F", NULL), 0);
	assert_int_equal(o.mode, MODE_FLUSH_ALL);
	assert_int_equal(parse(&o, err, "-t", NULL), 0);
	assert_int_equal(o.mode, MODE_DUMP_CONFIG);
	assert_int_equal(parse(&o, err, "-B", "--config", "/tmp/x.conf", NULL), 0);
	assert_int_equal(o.bindings_ro, 1);
	assert_string_equal(o.config_file, "/tmp/x.conf");
	assert_int_equal(parse(&o, err, "--config=/tmp/y.conf", NULL), 0);
	assert_string_equal(o.config_file, "/tmp/y.conf");
	assert_int_equal(parse(&o, err, "-p", "group_by_prio", NULL), 0);
	assert_int_equal(o.policy, PGP_GROUP_BY_PRIO);
	/* conflicts and missing arguments */
	assert_int_equal(parse(&o, err, "-l", "-F", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-f", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-j", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-F", "sdb", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "--config", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "--config=", NULL), -EINVAL);
	/* -u: udev's claim question, with or without a device (else the event's DEVPATH) */
	assert_int_equal(parse(&o, err, "-u", "sdb", NULL), 0);
	assert_int_equal(o.mode, MODE_CLAIM);
	assert_string_equal(o.device, "sdb");
	assert_int_equal(parse(&o, err, "-u", NULL), 0);
	assert_int_equal(o.mode, MODE_CLAIM);
	assert_null(o.device);
	assert_int_equal(parse(&o, err, "-u", "-l", NULL), -EINVAL);
	/* --check-config [FILE]: the file alone, or the usual one and its conf.d */
	assert_int_equal(parse(&o, err, "--check-config", NULL), 0);
	assert_int_equal(o.mode, MODE_CHECK_CONFIG);
	assert_null(o.config_file);
	assert_int_equal(o.check_one, 0);
	assert_int_equal(parse(&o, err, "--check-config", "/tmp/new.conf", NULL), 0);
	assert_string_equal(o.config_file, "/tmp/new.conf");
	assert_int_equal(o.check_one, 1);
	assert_int_equal(parse(&o, err, "--check-config=/tmp/n.conf", "-v3", NULL), 0);
	assert_string_equal(o.config_file, "/tmp/n.conf");
	assert_int_equal(o.verbosity, 3);
	assert_int_equal(parse(&o, err, "--config", "/tmp/c.conf", "--check-config", NULL), 0);
	assert_string_equal(o.config_file, "/tmp/c.conf");
	assert_int_equal(o.check_one, 0);
	assert_int_equal(parse(&o, err, "--check-config=", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-t", "--check-config", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "--check-config", "-l", NULL), -EINVAL);
	/* the ranking query the initramfs hook makes */
	assert_int_equal(parse(&o, err, "--uid-ranking", NULL), 0);
	assert_int_equal(o.mode, MODE_UID_RANKING);
	assert_string_equal(o.uid_root, "");
	assert_int_equal(parse(&o, err, "--uid-ranking=/stage", "-v3", NULL), 0);
	assert_string_equal(o.uid_root, "/stage");
	assert_int_equal(o.verbosity, V_DETAIL);
	assert_int_equal(parse(&o, err, "--uid-ranking", "-t", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "--uid-ranking", "sdb", NULL), -EINVAL);
	/* the revalidator: alone, no device */
	assert_int_equal(parse(&o, err, "--revalidate", "-v", "3", NULL), 0);
	assert_int_equal(o.mode, MODE_REVALIDATE);
	assert_int_equal(parse(&o, err, "--revalidate", "sdb", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-l", "--revalidate", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "--revalidate", "-F", NULL), -EINVAL);
	/* the hotplug runner's run: configuring only */
	assert_int_equal(parse(&o, err, "-v0", "--no-udev-wait", NULL), 0);
	assert_int_equal(o.mode, MODE_CONFIGURE);
	assert_int_equal(o.no_udev_wait, 1);
	assert_int_equal(parse(&o, err, "-v0", NULL), 0);
	assert_int_equal(o.no_udev_wait, 0);
	assert_int_equal(parse(&o, err, "--no-udev-wait", "-F", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "-l", "--no-udev-wait", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "--revalidate", "--no-udev-wait", NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_verbosity_forms),
		cmocka_unit_test(test_policy_and_max),
		cmocka_unit_test(test_unknown_and_extra),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_end_of_options),
	};
	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
