/* The keyword set of multipath-tools 0.9.4's multipath.conf(5): every keyword in every
 * section where that page allows it is accepted without a problem, is kept (a field or
 * a note), survives the dump, and the ones this tool acts on select as documented. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "config_helpers.h"
#include "log.h"
#include "pgpolicy.h"
#include "util.h"

struct kv { const char *k, *v; };

/* multipath.conf(5) 0.9.4, "defaults section", with a valid value each. */
static const struct kv defaults_kw[] = {
	{ "verbosity", "2" }, { "polling_interval", "10" }, { "max_polling_interval", "40" },
	{ "reassign_maps", "no" }, { "multipath_dir", "/lib/multipath" },
	{ "path_selector", "\"queue-length 0\"" }, { "path_grouping_policy", "multibus" },
	{ "pg_timeout", "10" }, { "uid_attrs", "\"sd:ID_SERIAL dasd:ID_UID\"" },
	{ "uid_attribute", "ID_SERIAL" },
	{ "getuid_callout", "\"/lib/udev/scsi_id --whitelisted --device=/dev/%n\"" },
	{ "prio", "alua" }, { "prio_args", "\"exclusive_pref_bit\"" }, { "features", "\"0\"" },
	{ "path_checker", "directio" }, { "alias_prefix", "san" }, { "failback", "15" },
	{ "rr_min_io", "100" }, { "rr_min_io_rq", "10" }, { "max_fds", "max" },
	{ "rr_weight", "priorities" }, { "no_path_retry", "12" }, { "queue_without_daemon", "no" },
	{ "checker_timeout", "30" }, { "allow_usb_devices", "no" }, { "flush_on_last_del", "yes" },
	{ "user_friendly_names", "yes" }, { "fast_io_fail_tmo", "off" }, { "dev_loss_tmo", "infinity" },
	{ "eh_deadline", "60" }, { "bindings_file", "/etc/multipath/bindings" },
	{ "wwids_file", "/etc/multipath/wwids" }, { "prkeys_file", "/etc/multipath/prkeys" },
	{ "log_checker_err", "once" }, { "reservation_key", "file" }, { "all_tg_pt", "yes" },
	{ "retain_attached_hw_handler", "no" }, { "detect_prio", "no" }, { "detect_checker", "no" },
	{ "force_sync", "yes" }, { "strict_timing", "no" }, { "deferred_remove", "yes" },
	{ "partition_delimiter", "\"-part\"" }, { "config_dir", "/etc/multipath/conf.d" },
	{ "san_path_err_threshold", "5" }, { "san_path_err_forget_rate", "no" },
	{ "san_path_err_recovery_time", "60" }, { "marginal_path_double_failed_time", "no" },
	{ "marginal_path_err_sample_time", "120" }, { "marginal_path_err_rate_threshold", "10" },
	{ "marginal_path_err_recheck_gap_time", "no" }, { "delay_watch_checks", "no" },
	{ "delay_wait_checks", "no" }, { "marginal_pathgroups", "fpin" },
	{ "find_multipaths", "strict" }, { "find_multipaths_timeout", "-10" },
	{ "uxsock_timeout", "4000" }, { "retrigger_tries", "3" }, { "retrigger_delay", "10" },
	{ "missing_uev_wait_timeout", "30" }, { "skip_kpartx", "yes" },
	{ "disable_changed_wwids", "no" }, { "remove_retries", "3" }, { "max_sectors_kb", "512" },
	{ "ghost_delay", "no" }, { "enable_foreign", "\"NONE\"" }, { "recheck_wwid", "no" },
	/* older spellings real files still carry */
	{ "checker", "tur" }, { "udev_dir", "/dev" }, { "mode", "644" }, { "uid", "0" },
	{ "gid", "disk" },
};

/* "device subsection" */
static const struct kv device_kw[] = {
	{ "vendor", "\"ACME\"" }, { "product", "\"Road\"" }, { "revision", "\"1\\.\"" },
	{ "product_blacklist", "\"LUNZ\"" }, { "alias_prefix", "acme" }, { "vpd_vendor", "hp3par" },
	{ "hardware_handler", "\"1 alua\"" }, { "path_grouping_policy", "group_by_prio" },
	{ "uid_attribute", "ID_WWN" }, { "path_selector", "\"round-robin 0\"" },
	{ "path_checker", "rdac" }, { "prio", "rdac" }, { "prio_args", "\"\"" },
	{ "features", "\"2 pg_init_retries 50\"" }, { "failback", "immediate" },
	{ "rr_weight", "uniform" }, { "no_path_retry", "queue" }, { "rr_min_io", "1" },
	{ "rr_min_io_rq", "3" }, { "fast_io_fail_tmo", "10" }, { "dev_loss_tmo", "120" },
	{ "eh_deadline", "off" }, { "flush_on_last_del", "no" }, { "user_friendly_names", "no" },
	{ "retain_attached_hw_handler", "yes" }, { "detect_prio", "yes" },
	{ "detect_checker", "yes" }, { "deferred_remove", "no" }, { "san_path_err_threshold", "no" },
	{ "san_path_err_forget_rate", "no" }, { "san_path_err_recovery_time", "no" },
	{ "marginal_path_err_sample_time", "no" }, { "marginal_path_err_rate_threshold", "no" },
	{ "marginal_path_err_recheck_gap_time", "no" },
	{ "marginal_path_double_failed_time", "no" }, { "delay_watch_checks", "no" },
	{ "delay_wait_checks", "no" }, { "skip_kpartx", "no" }, { "max_sectors_kb", "256" },
	{ "ghost_delay", "5" }, { "all_tg_pt", "no" },
	{ "getuid_callout", "\"/sbin/scsi_id -g -u -s /block/%n\"" },
};

/* "overrides section" */
static const struct kv overrides_kw[] = {
	{ "path_grouping_policy", "failover" }, { "uid_attribute", "ID_SERIAL" },
	{ "path_selector", "\"service-time 0\"" }, { "path_checker", "tur" },
	{ "alias_prefix", "ov" }, { "features", "\"1 queue_if_no_path\"" }, { "prio", "const" },
	{ "prio_args", "\"\"" }, { "failback", "manual" }, { "rr_weight", "uniform" },
	{ "no_path_retry", "fail" }, { "rr_min_io", "1000" }, { "rr_min_io_rq", "1" },
	{ "flush_on_last_del", "no" }, { "fast_io_fail_tmo", "5" }, { "dev_loss_tmo", "60" },
	{ "eh_deadline", "off" }, { "user_friendly_names", "no" },
	{ "retain_attached_hw_handler", "yes" }, { "detect_prio", "yes" },
	{ "detect_checker", "yes" }, { "deferred_remove", "no" }, { "san_path_err_threshold", "no" },
	{ "san_path_err_forget_rate", "no" }, { "san_path_err_recovery_time", "no" },
	{ "marginal_path_err_sample_time", "no" }, { "marginal_path_err_rate_threshold", "no" },
	{ "marginal_path_err_recheck_gap_time", "no" },
	{ "marginal_path_double_failed_time", "no" }, { "delay_watch_checks", "no" },
	{ "delay_wait_checks", "no" }, { "skip_kpartx", "no" }, { "max_sectors_kb", "128" },
	{ "ghost_delay", "no" }, { "all_tg_pt", "no" },
};

/* "protocol subsection" of overrides */
static const struct kv protocol_kw[] = {
	{ "type", "scsi:fcp" }, { "fast_io_fail_tmo", "3" }, { "dev_loss_tmo", "30" },
	{ "eh_deadline", "20" },
};

/* "multipath subsection" */
static const struct kv multipath_kw[] = {
	{ "wwid", "3600a098038304437415d4b6a59684a52" }, { "alias", "db" },
	{ "path_grouping_policy", "group_by_serial" }, { "path_selector", "\"queue-length 0\"" },
	{ "prio", "const" }, { "prio_args", "\"\"" }, { "failback", "followover" },
	{ "rr_weight", "priorities" }, { "no_path_retry", "7" }, { "rr_min_io", "9" },
	{ "rr_min_io_rq", "4" }, { "flush_on_last_del", "yes" }, { "features", "\"0\"" },
	{ "reservation_key", "0x123abc" }, { "user_friendly_names", "yes" },
	{ "deferred_remove", "no" }, { "san_path_err_threshold", "no" },
	{ "san_path_err_forget_rate", "no" }, { "san_path_err_recovery_time", "no" },
	{ "marginal_path_err_sample_time", "no" }, { "marginal_path_err_rate_threshold", "no" },
	{ "marginal_path_err_recheck_gap_time", "no" },
	{ "marginal_path_double_failed_time", "no" }, { "delay_watch_checks", "no" },
	{ "delay_wait_checks", "no" }, { "skip_kpartx", "yes" }, { "max_sectors_kb", "64" },
	{ "ghost_delay", "no" },
};

/* "blacklist and blacklist_exceptions sections" */
static const struct kv blacklist_kw[] = {
	{ "devnode", "\"!^(sd[a-z]|dasd[a-z]|nvme[0-9])\"" }, { "wwid", "\"^3600508b1\"" },
	{ "property", "\"(SCSI_IDENT_|ID_WWN)\"" }, { "protocol", "\"scsi:ata\"" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void put_kvs(FILE *f, const char *indent, const struct kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s %s\n", indent, kv[i].k, kv[i].v);
}

static char *full_text(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	fprintf(f, "defaults {\n");
	put_kvs(f, "\t", defaults_kw, N(defaults_kw));
	fprintf(f, "}\nblacklist {\n");
	put_kvs(f, "\t", blacklist_kw, N(blacklist_kw));
	fprintf(f, "\tdevice {\n\t\tvendor \"SGI\"\n\t\tproduct \"Universal Xport\"\n\t}\n}\n");
	fprintf(f, "blacklist_exceptions {\n");
	put_kvs(f, "\t", blacklist_kw, N(blacklist_kw));
	fprintf(f, "\tdevice {\n\t\tvendor \"ACME\"\n\t\tproduct \"Keep\"\n\t}\n}\n");
	fprintf(f, "devices {\n\tdevice {\n");
	put_kvs(f, "\t\t", device_kw, N(device_kw));
	fprintf(f, "\t}\n}\noverrides {\n");
	put_kvs(f, "\t", overrides_kw, N(overrides_kw));
	fprintf(f, "\tprotocol {\n");
	put_kvs(f, "\t\t", protocol_kw, N(protocol_kw));
	fprintf(f, "\t}\n}\nmultipaths {\n\tmultipath {\n");
	put_kvs(f, "\t\t", multipath_kw, N(multipath_kw));
	fprintf(f, "\t}\n}\n");
	fclose(f);
	return text;
}

static void test_every_keyword_accepted(void **state)
{
	struct config c, c2;
	char *text = full_text(), *d, *d2;
	int r;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	r = config_parse_string(&c, text, "all.conf");
	if (r)
		fail_msg("%s", warning_since(&c, 0));
	assert_int_equal(c.nwarn, 0);
	/* every keyword is kept: the dump reads back to the same dump */
	d = dump_str(&c);
	assert_int_equal(config_init_builtin(&c2), 0);
	r = config_parse_string(&c2, d, "dump");
	if (r)
		fail_msg("dump: %s", warning_since(&c2, 0));
	d2 = dump_str(&c2);
	/* a fixed point, origin comments aside */
	strip_comments(d);
	strip_comments(d2);
	assert_string_equal(d, d2);
	/* the daemon-only keywords appear in the dump with their values */
	assert_non_null(strstr(d, "\tmax_fds \"max\"\n"));
	assert_non_null(strstr(d, "\tmarginal_pathgroups \"fpin\"\n"));
	assert_non_null(strstr(d, "\t\tvpd_vendor \"hp3par\"\n"));
	assert_non_null(strstr(d, "\t\treservation_key \"0x123abc\"\n"));
	assert_non_null(strstr(d, "\tfind_multipaths strict\n"));
	assert_non_null(strstr(d, "\tdev_loss_tmo infinity\n"));
	assert_non_null(strstr(d, "\t\ttype \"scsi:fcp\"\n"));
	/* the device entry's product_blacklist, as the blacklist rule it amounts to */
	assert_non_null(strstr(d, "\tdevice {\n\t\tvendor \"ACME\"\n\t\tproduct \"LUNZ\"\n\t}\n"));
	/* multipath-tools' values for the daemon's keywords not given; find_multipaths as it
	 * prints it */
	assert_non_null(strstr(d, "\tuxsock_timeout \"4000\"\n"));
	assert_non_null(strstr(d, "\tdisable_changed_wwids \"ignored\"\n"));
	assert_null(strstr(d, "udev_dir"));
	assert_non_null(strstr(d, "overrides {\n\tpath_grouping_policy failover\n"));
	free(d);
	free(d2);
	free(text);
	config_free(&c);
	config_free(&c2);
}

/* What the settings say, once selected. */
static void test_values(void **state)
{
	struct config c;
	struct mp_settings s;
	struct path p;
	char *text = full_text();

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, text, "all.conf"), 0);
	memset(&p, 0, sizeof(p));
	strcpy(p.vendor, "ACME");
	strcpy(p.model, "Road");
	strcpy(p.rev, "1.0");
	/* defaults-only values */
	assert_int_equal(c.polling_interval, 10);
	assert_int_equal(c.max_polling_interval, 40);
	assert_int_equal(c.verbosity, 2);
	assert_int_equal(c.find_multipaths, FIND_MP_STRICT);
	assert_string_equal(c.partition_delimiter, "-part");
	assert_string_equal(c.uid_attrs, "sd:ID_SERIAL dasd:ID_UID");
	/* an LU of the device entry without a multipaths entry: overrides, then device */
	config_select(&c, &p, "36001405aa", &s);
	assert_int_equal(s.pgpolicy, PGP_FAILOVER);            /* overrides */
	assert_string_equal(s.uid_attribute, "ID_SERIAL");     /* overrides */
	assert_string_equal(s.hwhandler, "1 alua");            /* device (not in overrides) */
	assert_int_equal(s.checker, CHK_TUR);                  /* overrides */
	assert_string_equal(s.alias_prefix, "ov");
	assert_int_equal(s.fast_io_fail_tmo, 5);
	assert_int_equal(s.dev_loss_tmo, 60);
	assert_int_equal(s.eh_deadline, TMO_OFF);
	assert_int_equal(s.max_sectors_kb, 128);
	assert_int_equal(s.checker_timeout, 30);               /* defaults only */
	assert_int_equal(s.retain_hwhandler, 1);
	assert_int_equal(s.all_tg_pt, 0);
	config_select_protocol(&c, "scsi:fcp", &s);
	assert_int_equal(s.fast_io_fail_tmo, 3);
	assert_int_equal(s.dev_loss_tmo, 30);
	assert_int_equal(s.eh_deadline, 20);
	/* the multipaths entry beats overrides */
	config_select(&c, &p, "3600a098038304437415d4b6a59684a52", &s);
	assert_int_equal(s.pgpolicy, PGP_GROUP_BY_SERIAL);
	assert_int_equal(s.failback, FB_FOLLOWOVER);
	assert_int_equal(s.rr_min_io, 9);
	assert_int_equal(s.rr_min_io_rq, 4);
	assert_int_equal(s.user_friendly_names, 1);
	assert_int_equal(s.skip_kpartx, 1);
	assert_int_equal(s.flush_on_last_del, 1);
	assert_int_equal(s.max_sectors_kb, 64);
	assert_string_equal(s.prio_args, "");
	/* product_blacklist: that vendor's LUNZ is blacklisted */
	assert_int_equal(config_blacklisted(&c, "sdb", "", "ACME", "LUNZ"), 1);
	assert_int_equal(config_blacklisted(&c, "sdb", "", "OTHER", "LUNZ"), 0);
	free(text);
	config_free(&c);
}

/* Values per type: numbers, words, off/infinity/no, and what each refuses. */
static void test_value_types(void **state)
{
	static const struct { const char *k, *v; int ok; } cases[] = {
		{ "fast_io_fail_tmo", "0", 1 }, { "fast_io_fail_tmo", "off", 1 },
		{ "fast_io_fail_tmo", "infinity", 0 }, { "dev_loss_tmo", "infinity", 1 },
		{ "dev_loss_tmo", "4294967295", 1 }, { "dev_loss_tmo", "4294967296", 0 },
		{ "dev_loss_tmo", "off", 0 }, { "eh_deadline", "off", 1 }, { "eh_deadline", "x", 0 },
		{ "max_sectors_kb", "4096", 1 }, { "max_sectors_kb", "-1", 0 },
		{ "rr_min_io_rq", "0", 1 }, { "rr_min_io", "1e3", 0 },
		{ "checker_timeout", "60", 1 }, { "detect_prio", "1", 1 }, { "detect_prio", "2", 0 },
		{ "failback", "0", 0 }, { "failback", "30", 1 }, { "prio", "ana", 1 },
		{ "prio", "weightedpath", 1 }, { "path_checker", "cciss_tur", 1 },
		{ "path_checker", "none", 1 }, { "find_multipaths_timeout", "-10", 1 },
		{ "find_multipaths_timeout", "--1", 0 }, { "max_fds", "8192", 1 },
		{ "marginal_pathgroups", "on", 1 }, { "log_checker_err", "always", 1 },
		{ "partition_delimiter", "\"\"", 1 }, { "prio_args", "\"\"", 1 },
		{ "uid_attribute", "\"\"", 1 }, { "verbosity", "6", 1 }, { "verbosity", "7", 0 },
		{ "san_path_err_threshold", "no", 1 }, { "san_path_err_threshold", "yes", 0 },
	};

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		struct config c;
		char text[256];
		int r;

		snprintf(text, sizeof(text), "defaults {\n %s %s\n}\n", cases[i].k, cases[i].v);
		assert_int_equal(config_init_builtin(&c), 0);
		r = config_parse_string(&c, text, "v.conf");
		if ((r == 0) != cases[i].ok)
			fail_msg("%s %s: %d, expected %s", cases[i].k, cases[i].v, r,
				 cases[i].ok ? "accepted" : "a warning");
		config_free(&c);
	}
}

/* A log sink writing each record as the default sink shows it (escaped, prefixed). */
static void line_sink(void *arg, const struct mp_log_rec *rec)
{
	char line[4096];

	mp_log_format(line, sizeof(line), rec);
	fprintf(arg, "%s\n", line);
}

/* What config_log_diag shows at level max (malloc'ed). */
static char *diag_text(const struct config *c, int notes)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	void *old_arg;
	mp_log_sink old;

	assert_non_null(f);
	mp_log_init("multipath", notes ? MP_LOG_INFO : MP_LOG_WARN);
	old = mp_log_set_sink(line_sink, f, &old_arg);
	config_log_diag(c);
	mp_log_set_sink(old, old_arg, NULL);
	fclose(f);
	return out;
}

/* Keywords this tool does not act on are accepted with a note, which -v3 prints with
 * the line; no note for the ones it acts on. */
static void test_notes(void **state)
{
	struct config c;
	char *out;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "defaults {\n max_fds 8192\n queue_without_daemon no\n"
					     " no_path_retry 5\n}\ndevices {\n device {\n  vendor X\n"
					     "  product Y\n  san_path_err_threshold 3\n }\n}\n",
					     "n.conf"), 0);
	assert_int_equal(c.nwarn, 0);
	out = diag_text(&c, 1);
	assert_non_null(strstr(out, "multipath: note: n.conf:2: max_fds 8192: "));
	assert_non_null(strstr(out, "multipath: note: n.conf:3: queue_without_daemon no: used by multipathd"));
	assert_non_null(strstr(out, "multipath: note: n.conf:10: san_path_err_threshold 3: used by multipathd"));
	assert_null(strstr(out, "n.conf:4"));
	assert_null(strstr(out, "hwtable.conf"));          /* the built-in table's notes are not news */
	free(out);
	/* values that act otherwise than their words say */
	assert_int_equal(config_parse_string(&c, "defaults {\n failback 30\n find_multipaths no\n"
					     " polling_interval 10\n}\n", "v.conf"), 0);
	out = diag_text(&c, 1);
	assert_null(strstr(out, "v.conf:2"));          /* deferred failback: the revalidator's */
	assert_non_null(strstr(out, "note: v.conf:3: find_multipaths no: acts as greedy"));
	assert_null(strstr(out, "v.conf:4"));          /* polling_interval: the revalidator's */
	free(out);
	/* without notes: nothing to say about a clean config */
	out = diag_text(&c, 0);
	assert_string_equal(out, "");
	free(out);
	config_free(&c);
}

/* Messages reach the terminal escaped exactly once. */
static void test_diag_escaping(void **state)
{
	struct config c;
	char *out;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "defaults {\n bogus\x1b[2J 1\n}\n", "e.conf"),
			 -EINVAL);
	out = diag_text(&c, 0);
	assert_string_equal(out, "multipath: warning: e.conf:2: unknown keyword 'bogus\\x1b[2J' in "
				 "defaults; line ignored\n");
	free(out);
	config_free(&c);
}

/* -t prints no control bytes, whatever the input: values holding them are refused. */
static void test_dump_no_control_bytes(void **state)
{
	struct config c;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "blacklist {\n devnode \"^sd\x1b]0;x\x07\"\n"
					     " wwid \"ok\"\n}\n", "c.conf"), -EINVAL);
	f = open_memstream(&out, &len);
	config_dump(f, &c);
	fclose(f);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)out[i] < 0x20 && out[i] != '\n' && out[i] != '\t')
			fail_msg("control byte 0x%02x at %zu", out[i], i);
	assert_non_null(strstr(out, "\twwid \"ok\"\n"));
	free(out);
	config_free(&c);
}

/* The regex guard counts every bounded repetition form, {,n} included. */
static void test_regex_guard(void **state)
{
	static const char *const bad[] = {
		"((a{,60}){,60}){,60}", "((a{255}){255}){255}", "((a{2,255}){2,255}){2,255}",
		"((a{255,}){255,}){255,}",
	};
	static const char *const good[] = { "a{,8}", "^HSV1[01]1", "x{2,4}y{3}", "\\{,60}" };
	char why[128];
	regex_t re;

	(void)state;
	for (size_t i = 0; i < N(bad); i++)
		if (config_regcomp(&re, bad[i], why, sizeof(why)) != -EINVAL)
			fail_msg("%s accepted", bad[i]);
	for (size_t i = 0; i < N(good); i++) {
		assert_int_equal(config_regcomp(&re, good[i], why, sizeof(why)), 0);
		regfree(&re);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_keyword_accepted),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_value_types),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_diag_escaping),
		cmocka_unit_test(test_dump_no_control_bytes),
		cmocka_unit_test(test_regex_guard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
