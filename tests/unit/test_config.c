/* multipath.conf: parsing, every problem reported as a warning (the rest applied),
 * precedence, blacklist, dump round trip, robustness against damaged input. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"
#include "checker.h"
#include "config_helpers.h"
#include "logcapture.h"
#include "pgpolicy.h"
#include "util.h"

#define ONTAP_WWID "3600a098038304437415d4b6a59684a52"
/* Rules of the built-in blacklist (libmultipath/blacklist.conf) */
#define BUILTIN_BL 15
#define BUILTIN_EX 1

static const char *fixture(const char *name, char *buf, size_t size)
{
	const char *dir = getenv("FIXTURES");

	snprintf(buf, size, "%s/config/%s", dir ? dir : "tests/fixtures", name);
	return buf;
}

static char *read_fixture(const char *name)
{
	char path[512];
	FILE *f = fopen(fixture(name, path, sizeof(path)), "r");
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	int ch;

	assert_non_null(f);
	m = open_memstream(&buf, &len);
	assert_non_null(m);
	while ((ch = fgetc(f)) != EOF)
		fputc(ch, m);
	fclose(m);
	fclose(f);
	return buf;
}

static struct path hwpath(const char *vendor, const char *model, const char *rev)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	strlcpy_safe(p.dev, "sdx", sizeof(p.dev));
	strlcpy_safe(p.vendor, vendor, sizeof(p.vendor));
	strlcpy_safe(p.model, model, sizeof(p.model));
	strlcpy_safe(p.rev, rev, sizeof(p.rev));
	return p;
}

/* Entries of the built-in table (hwtable.conf). */
static size_t builtin_count(void)
{
	struct config b;
	size_t n;

	assert_int_equal(config_init_builtin(&b), 0);
	n = b.nhw;
	config_free(&b);
	return n;
}

static void load_builtin(struct config *c, const char *file)
{
	char path[512];
	size_t n0;
	int r;

	assert_int_equal(config_init_builtin(c), 0);
	if (!file)
		return;
	n0 = c->ndiag;
	r = config_load_one(c, fixture(file, path, sizeof(path)));
	if (r)
		print_message("%s\n", warning_since(c, n0));
	assert_int_equal(r, 0);
	assert_string_equal(warning_since(c, n0), "");
}

/* ------------------------------------------------------------------ good input */

static void test_builtin_defaults(void **state)
{
	struct config c;
	struct mp_settings s;
	struct path p = hwpath("Linux", "scsi_debug", "0191");

	(void)state;
	load_builtin(&c, NULL);
	config_select(&c, &p, "36001405aaaa", &s);
	assert_int_equal(s.pgpolicy, PGP_FAILOVER);
	/* multipath-tools 0.9.4's defaults */
	assert_string_equal(s.selector, "service-time 0");
	assert_string_equal(s.features, "0");
	assert_string_equal(s.hwhandler, "0");
	assert_int_equal(s.checker, CHK_TUR);
	assert_int_equal(s.prio, PRIO_CONST);
	assert_int_equal(s.failback, FB_MANUAL);
	assert_int_equal(s.no_path_retry, NPR_FAIL);
	assert_int_equal(s.rr_weight, RRW_UNIFORM);
	assert_int_equal(s.rr_min_io, 1000);
	assert_int_equal(s.rr_min_io_rq, 1);
	assert_int_equal(s.detect_prio, 1);
	assert_int_equal(s.detect_checker, 1);
	assert_int_equal(s.checker_timeout, UNSET);    /* the device's own timeout */
	assert_int_equal(s.fast_io_fail_tmo, 5);
	assert_int_equal(s.dev_loss_tmo, UNSET);       /* left as the kernel has it */
	assert_int_equal(s.eh_deadline, UNSET);
	assert_int_equal(s.max_sectors_kb, UNSET);
	assert_int_equal(s.user_friendly_names, 0);
	assert_string_equal(s.alias_prefix, "mpath");
	assert_int_equal(s.skip_kpartx, 0);
	assert_int_equal(s.flush_on_last_del, 0);
	assert_int_equal(s.all_tg_pt, 0);
	assert_int_equal(s.retain_hwhandler, 1);
	assert_null(s.prio_args);
	assert_null(s.uid_attribute);
	assert_string_equal(s.origin[S_PGPOLICY], "default");
	assert_null(s.origin[S_DEV_LOSS_TMO]);
	/* deliberately not 0.9.4's "strict" (README: find_multipaths) */
	assert_int_equal(c.find_multipaths, FIND_MP_ON);
	assert_int_equal(c.polling_interval, 5);
	assert_int_equal(c.max_polling_interval, UNSET);
	assert_string_equal(c.config_dir, "/etc/multipath/conf.d");
	assert_null(c.partition_delimiter);
	assert_int_equal(c.nwarn, 0);
	assert_string_equal(c.bindings_file, DEFAULT_BINDINGS_FILE);
	assert_string_equal(c.wwids_file, DEFAULT_WWIDS_FILE);
	/* multipath-tools 0.9.4's built-in blacklist: non-disk kernel names, the arrays'
	 * management LUs; and its property exception */
	assert_int_equal(c.blacklist.n, BUILTIN_BL);
	assert_string_equal(c.blacklist.e[0].devnode, "!^(sd[a-z]|dasd[a-z]|nvme[0-9])");
	assert_int_equal(c.exceptions.n, BUILTIN_EX);
	assert_string_equal(c.exceptions.e[0].property, "(SCSI_IDENT_|ID_WWN)");
	assert_int_equal(c.nmp, 0);
	assert_int_equal(config_blacklisted(&c, "sda", "36001405aaaa", "Linux", "scsi_debug"), 0);
	assert_int_equal(config_blacklisted(&c, "sdaa", "", NULL, NULL), 0);
	assert_int_equal(config_blacklisted(&c, "loop0", "", NULL, NULL), 1);
	assert_int_equal(config_blacklisted(&c, "sdb", "", "DGC", "LUNZ"), 1);
	assert_int_equal(config_blacklisted(&c, "sdb", "", "NETAPP", "Universal Xport"), 1);
	assert_int_equal(config_blacklisted(&c, "sdb", "", "NETAPP", "INF-01-00"), 0);
	assert_null(config_find_hw(&c, &p));
	/* NULL path / wwid: only the defaults */
	config_select(&c, NULL, NULL, &s);
	assert_int_equal(s.pgpolicy, PGP_FAILOVER);
	assert_null(config_find_mp(&c, ""));
	assert_null(config_find_mp(&c, NULL));
	assert_null(config_find_hw(&c, NULL));
	config_free(&c);
}

static void test_good_empty(void **state)
{
	struct config c, b;
	char *d1, *d2;

	(void)state;
	load_builtin(&c, "good_empty.conf");
	load_builtin(&b, NULL);
	d1 = dump_str(&c);
	d2 = dump_str(&b);
	assert_string_equal(d1, d2);
	free(d1);
	free(d2);
	config_free(&c);
	config_free(&b);
}

static void test_good_full(void **state)
{
	struct config c;
	const struct hwentry *h;
	const struct mpentry *m;
	const struct blentry *e;

	(void)state;
	load_builtin(&c, "good_full.conf");
	/* defaults */
	assert_int_equal(c.defaults.pgpolicy, PGP_MULTIBUS);
	assert_string_equal(c.defaults.selector, "service-time 0");
	assert_string_equal(c.defaults.features, "1 queue_if_no_path");
	assert_string_equal(c.defaults.hwhandler, "0");
	assert_int_equal(c.defaults.checker, CHK_DIRECTIO);
	assert_int_equal(c.defaults.prio, PRIO_ALUA);
	assert_int_equal(c.defaults.failback, FB_IMMEDIATE);
	assert_int_equal(c.defaults.no_path_retry, 12);
	assert_int_equal(c.defaults.rr_weight, RRW_PRIORITIES);
	assert_int_equal(c.defaults.user_friendly_names, 1);
	assert_string_equal(c.defaults.alias_prefix, "san");
	assert_int_equal(c.find_multipaths, FIND_MP_GREEDY);
	assert_string_equal(c.bindings_file, "/var/lib/multipath/bindings");
	assert_string_equal(c.wwids_file, "/var/lib/multipath/wwids");

	/* blacklist: after the built-in rules, devnode, devnode, wwid, device (one line),
	 * device (vendor only) */
	assert_int_equal(c.blacklist.n, BUILTIN_BL + 5);
	e = c.blacklist.e + BUILTIN_BL;
	assert_string_equal(e[0].devnode, "^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]*");
	assert_string_equal(e[1].devnode, "^hd[a-z]");
	assert_string_equal(e[2].wwid, "^3600508b1001c0000000000000000000[0-9]$");
	assert_string_equal(e[3].vendor, "^ATA$");
	assert_string_equal(e[3].product, ".*");
	assert_string_equal(e[4].vendor, "^QEMU$");
	assert_null(e[4].product);
	assert_non_null(strstr(e[3].source, "good_full.conf:27"));
	assert_int_equal(c.exceptions.n, BUILTIN_EX + 3);
	assert_string_equal(c.exceptions.e[BUILTIN_EX].wwid, "3600508b1001c00000000000000000005");
	assert_string_equal(c.exceptions.e[BUILTIN_EX + 2].product, "^QEMU HARDDISK$");

	/* devices: three config-file entries, then the built-in table */
	assert_int_equal(c.nhw, builtin_count() + 3);
	h = &c.hw[0];
	assert_int_equal(h->builtin, 0);
	assert_non_null(strstr(h->source, "good_full.conf:43"));
	assert_string_equal(h->vendor, "^ACME$");
	assert_string_equal(h->product, "^Roadrunner");
	assert_string_equal(h->revision, "^2\\.");
	assert_int_equal(h->s.pgpolicy, PGP_GROUP_BY_SERIAL);
	assert_string_equal(h->s.selector, "queue-length 0");          /* bare, multi-word */
	assert_string_equal(h->s.features, "2 pg_init_retries 50");
	assert_string_equal(h->s.hwhandler, "1 alua");
	assert_int_equal(h->s.checker, CHK_READSECTOR0);
	assert_int_equal(h->s.prio, PRIO_SYSFS);
	assert_int_equal(h->s.failback, FB_MANUAL);
	assert_int_equal(h->s.no_path_retry, NPR_QUEUE);
	assert_int_equal(h->s.rr_weight, RRW_UNIFORM);
	/* compiled on first use: a path of another vendor compiles nothing of it */
	assert_int_equal(h->compiled, 0);
	assert_false(config_hw_field_matches(h, 0, "OTHER"));
	assert_true(config_hw_field_matches(h, 0, "  ACME "));
	assert_true(config_hw_field_matches(h, 1, "Roadrunner 2"));
	assert_true(config_hw_field_matches(h, 2, "2.1"));
	assert_false(config_hw_field_matches(h, 2, "3.1"));
	assert_int_equal(h->compiled, 4);   /* "^ACME$" and "^Roadrunner" are plain: never compiled */
	h = &c.hw[1];
	assert_string_equal(h->product, "^Coyote \"2.5\" SSD$");
	assert_int_equal(h->s.pgpolicy, PGP_GROUP_BY_NODE_NAME);
	assert_null(h->revision);
	assert_int_equal(h->s.checker, UNSET);
	assert_null(h->s.selector);
	assert_non_null(strstr(h->source, "good_full.conf:57"));
	assert_int_equal(c.hw[2].s.no_path_retry, 30);
	assert_int_equal(c.hw[3].builtin, 1);

	/* multipaths, kept sorted by wwid */
	assert_int_equal(c.nmp, 3);
	m = config_find_mp(&c, ONTAP_WWID);
	assert_non_null(m);
	assert_string_equal(m->alias, "database");
	assert_int_equal(m->s.pgpolicy, PGP_GROUP_BY_PRIO);
	assert_string_equal(m->s.selector, "historical-service-time 2 10 2");
	assert_string_equal(m->s.features, "0");
	assert_int_equal(m->s.prio, PRIO_CONST);
	assert_int_equal(m->s.failback, FB_MANUAL);
	assert_int_equal(m->s.no_path_retry, NPR_FAIL);
	assert_int_equal(m->s.rr_weight, RRW_UNIFORM);
	assert_null(m->s.hwhandler);
	m = config_find_mp(&c, "36001405aaaaaaaaaaaaaaaaaaaaaaaaa");
	assert_non_null(m);
	assert_null(m->alias);
	m = config_find_mp(&c, "36001405bbbbbbbbbbbbbbbbbbbbbbbbb");
	assert_non_null(m);
	assert_string_equal(m->alias, "logs#1");                        /* '#' inside quotes */
	assert_null(config_find_mp(&c, "36001405cccc"));
	config_free(&c);
}

/* The whole 0.9.4 keyword set, as a file: no problem, nothing but notes. */
static void test_good_094(void **state)
{
	struct config c;

	(void)state;
	load_builtin(&c, "good_094.conf");
	assert_int_equal(c.nwarn, 0);
	assert_true(c.ndiag > 20);                   /* the daemon-only keywords' notes */
	assert_int_equal(c.nproto, 1);
	assert_int_equal(c.overrides.max_sectors_kb, 128);
	config_free(&c);
}

/* Parse into a fresh built-in config; 0 expected. */
static void parse_ok(struct config *c, const char *text)
{
	int r;

	assert_int_equal(config_init_builtin(c), 0);
	r = config_parse_string(c, text, "t.conf");
	if (r)
		print_message("unexpected error: %s\n", warning_since(c, 0));
	assert_int_equal(r, 0);
}

/* Whether any map could group by node name: built-ins never; a defaults, device or
 * multipaths entry that names the policy does. */
static void test_may_select_policy(void **state)
{
	struct config c;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_false(config_may_select_policy(&c, PGP_GROUP_BY_NODE_NAME));
	assert_true(config_may_select_policy(&c, PGP_FAILOVER));   /* the built-in default */
	config_free(&c);
	parse_ok(&c, "multipaths {\n multipath { wwid 36001405aa\n path_grouping_policy group_by_node_name }\n}\n");
	assert_true(config_may_select_policy(&c, PGP_GROUP_BY_NODE_NAME));
	config_free(&c);
	parse_ok(&c, "devices {\n device { vendor X\n product Y\n path_grouping_policy group_by_node_name }\n}\n");
	assert_true(config_may_select_policy(&c, PGP_GROUP_BY_NODE_NAME));
	config_free(&c);
	parse_ok(&c, "defaults {\n path_grouping_policy group_by_node_name\n}\n");
	assert_true(config_may_select_policy(&c, PGP_GROUP_BY_NODE_NAME));
	config_free(&c);
}

static void test_syntax_variants(void **state)
{
	struct config c;
	char *d;

	(void)state;
	/* brace after blank and comment lines; CRLF */
	parse_ok(&c, "defaults\r\n\r\n# why not\r\n{\r\n\tprio alua\r\n failback immediate\r\n}\r\n");
	assert_int_equal(c.defaults.prio, PRIO_ALUA);
	assert_int_equal(c.defaults.failback, FB_IMMEDIATE);
	config_free(&c);
	/* one keyword per line: more text is a warning, the first value still counts */
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "defaults {\n prio alua failback immediate\n}\n",
					     "x.conf"), -EINVAL);
	assert_string_equal(warning_since(&c, 0), "x.conf:2: extra text after the value of 'prio' ignored");
	assert_int_equal(c.defaults.prio, PRIO_ALUA);
	assert_int_equal(c.defaults.failback, UNSET);
	assert_int_equal(c.nwarn, 1);
	config_free(&c);
	/* a repeated keyword: the later value wins; two defaults sections merge */
	parse_ok(&c, "defaults {\n no_path_retry 3\n no_path_retry queue\n}\n"
		     "defaults { rr_weight priorities }");
	assert_int_equal(c.defaults.no_path_retry, NPR_QUEUE);
	assert_int_equal(c.defaults.rr_weight, RRW_PRIORITIES);
	config_free(&c);
	/* whitespace normalised in multi-word values; bare counts; "0" is fail */
	parse_ok(&c, "defaults {\n features   \"2   pg_init_retries\t50\"\n"
		     " path_selector round-robin   0   ! comment\n hardware_handler 1 rdac\n"
		     " no_path_retry 0\n}");
	assert_string_equal(c.defaults.features, "2 pg_init_retries 50");
	assert_string_equal(c.defaults.selector, "round-robin 0");
	assert_string_equal(c.defaults.hwhandler, "1 rdac");
	assert_int_equal(c.defaults.no_path_retry, NPR_FAIL);
	config_free(&c);
	/* a closing brace right after a multi-word value ends the block */
	parse_ok(&c, "defaults { features 1 queue_if_no_path }\nmultipaths { multipath { wwid 3600 } }");
	assert_string_equal(c.defaults.features, "1 queue_if_no_path");
	assert_non_null(config_find_mp(&c, "3600"));
	config_free(&c);
	/* every features word the kernel knows */
	parse_ok(&c, "defaults { features \"6 queue_if_no_path retain_attached_hw_handler "
		     "pg_init_delay_msecs 0 queue_mode bio\" }");
	assert_string_equal(c.defaults.features,
			    "6 queue_if_no_path retain_attached_hw_handler pg_init_delay_msecs 0 queue_mode bio");
	config_free(&c);
	/* find_multipaths spellings: off/no end where multipath-tools' daemon takes them,
	 * greedy; the dump keeps the word as written */
	{
		static const struct { const char *w; int v; } fm[] = {
			{ "on", FIND_MP_ON }, { "yes", FIND_MP_ON }, { "smart", FIND_MP_ON },
			{ "greedy", FIND_MP_GREEDY }, { "strict", FIND_MP_STRICT },
			{ "off", FIND_MP_GREEDY }, { "no", FIND_MP_GREEDY },
		};
		for (size_t i = 0; i < sizeof(fm) / sizeof(fm[0]); i++) {
			char text[128];

			snprintf(text, sizeof(text), "defaults {\n find_multipaths %s\n}\n", fm[i].w);
			parse_ok(&c, text);
			assert_int_equal(c.find_multipaths, fm[i].v);
			/* printed as multipath-tools prints it: yes as on, no as off */
			assert_string_equal(c.find_multipaths_word, !strcmp(fm[i].w, "yes") ? "on" :
					    !strcmp(fm[i].w, "no") ? "off" : fm[i].w);
			d = dump_str(&c);
			snprintf(text, sizeof(text), "\tfind_multipaths %s\n", c.find_multipaths_word);
			assert_non_null(strstr(d, text));
			free(d);
			config_free(&c);
		}
	}
	/* empty text, whitespace only, no trailing newline */
	parse_ok(&c, "");
	config_free(&c);
	parse_ok(&c, " \t\n\n  ");
	config_free(&c);
	parse_ok(&c, "defaults { }");
	config_free(&c);
	/* parsing into a zero-initialised config also works */
	memset(&c, 0, sizeof(c));
	assert_int_equal(config_parse_string(&c, "defaults { prio sysfs }\n", "z"), 0);
	assert_int_equal(c.defaults.prio, PRIO_SYSFS);
	config_free(&c);
}

/* ------------------------------------------------------------------ errors */

/* The parse reports "name:line: ..." containing what as its first problem (-EINVAL),
 * the problem is also in c.diag, and the config stays usable: its dump parses again
 * without a problem. */
static void expect_error(const char *text, unsigned int line, const char *what)
{
	struct config c, c2;
	char prefix[32], *d;
	const char *err;
	size_t n0;
	int r;

	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "multipaths { multipath {\nwwid 36001405ffff\nalias taken } }",
					     "first.conf"), 0);
	n0 = c.ndiag;
	r = config_parse_string(&c, text, "t.conf");
	err = warning_since(&c, n0);
	snprintf(prefix, sizeof(prefix), "t.conf:%u: ", line);
	if (r != -EINVAL || strncmp(err, prefix, strlen(prefix)) || !strstr(err, what))
		fail_msg("input <<%s>>\n expected %s...%s, got %d <<%s>>", text, prefix, what, r, err);
	assert_true(c.nwarn >= 1);
	assert_true(c.ndiag >= c.nwarn);
	d = dump_str(&c);
	assert_int_equal(config_init_builtin(&c2), 0);
	if (config_parse_string(&c2, d, "dump"))
		fail_msg("dump after <<%s>> does not parse: %s", text, warning_since(&c2, 0));
	free(d);
	config_free(&c2);
	config_free(&c);
}

static void test_errors_inline(void **state)
{
	static const struct { const char *text; unsigned int line; const char *what; } cases[] = {
		/* structure */
		{ "\n\nfoo {\n}\n", 3, "unknown section 'foo'" },
		{ "defaults {\n bogus 1\n}\n", 2, "unknown keyword 'bogus' in defaults" },
		{ "defaults {\n wwid 3600\n}\n", 2, "'wwid' is not allowed in defaults" },
		{ "multipaths {\n multipath {\n  wwid 3600\n  hardware_handler \"1 alua\"\n }\n}\n", 4,
		  "'hardware_handler' is not allowed in multipath" },
		{ "multipaths {\n multipath {\n  wwid 3600\n  path_checker tur\n }\n}\n", 4,
		  "'path_checker' is not allowed in multipath" },
		{ "blacklist {\n vendor ACME\n}\n", 2, "'vendor' is not allowed in blacklist" },
		{ "devices {\n path_checker tur\n}\n", 2, "'path_checker' is not allowed in devices" },
		{ "devices {\n device {\n  device {\n", 3, "'device' is not allowed in device" },
		{ "defaults {\n devices {\n }\n}\n", 2, "'devices' is not allowed in defaults" },
		{ "path_checker tur\n", 1, "'path_checker' is not allowed in the top level" },
		{ "defaults path_checker tur\n", 1, "expected '{' after 'defaults'" },
		{ "defaults\n\n", 2, "expected '{' after 'defaults'" },
		{ "defaults {\n {\n}\n", 2, "unexpected '{'" },
		{ "{\n", 1, "unexpected '{'" },
		{ "defaults {\n}\n}\n", 3, "unexpected '}'" },
		{ "defaults {\n prio alua\n", 2, "missing '}': defaults opened at line 1" },
		{ "devices {\n device {\n  vendor X\n  product Y\n }\n", 5, "missing '}': devices opened at line 1" },
		{ "devices {\n device {\n  vendor X product Y\n }\n}\n", 3, "extra text after the value of 'vendor'" },
		{ "defaults {\n prio alua # ok\n failback manual x\n}\n", 3, "extra text after the value of 'failback'" },
		{ "overide {\n no_path_retry 5\n}\n", 1, "unknown section 'overide'; lines 1-3 ignored" },
		{ "defaults {\n bogus {\n  x y\n }\n}\n", 2, "unknown section 'bogus'; lines 2-4 ignored" },
		{ "overrides {\n protocol {\n  dev_loss_tmo 5\n }\n}\n", 2, "protocol entry without type" },
		{ "overrides {\n protocol {\n  type scsi:fcp\n  no_path_retry 5\n }\n}\n", 4,
		  "'no_path_retry' is not allowed in protocol" },
		{ "overrides {\n wwid 3600\n}\n", 2, "'wwid' is not allowed in overrides" },
		{ "overrides {\n hardware_handler \"1 alua\"\n}\n", 2, "'hardware_handler' is not allowed in overrides" },
		{ "devices {\n device {\n  family x\n }\n}\n", 3, "unknown keyword 'family' in device" },
		{ "defaults {\n checker_timeout x\n}\n", 2, "bad checker_timeout 'x': expected a number" },
		{ "defaults {\n fast_io_fail_tmo never\n}\n", 2, "expected a number of seconds or off" },
		{ "defaults {\n dev_loss_tmo -1\n}\n", 2, "expected a number of seconds or infinity" },
		{ "defaults {\n verbosity 7\n}\n", 2, "expected a number 0-6" },
		{ "defaults {\n max_fds lots\n}\n", 2, "expected a number or max" },
		{ "defaults {\n san_path_err_threshold maybe\n}\n", 2, "expected a number or no" },
		{ "defaults {\n log_checker_err sometimes\n}\n", 2, "expected always or once" },
		{ "defaults {\n marginal_pathgroups x\n}\n", 2, "expected off, on, fpin" },
		{ "defaults {\n \"prio\" alua\n}\n", 2, "expected a keyword, found \"prio\"" },
		{ "defaults {\n prio\n alua\n}\n", 2, "'prio' needs a value on the same line" },
		{ "defaults {\n prio }\n", 2, "'prio' needs a value" },
		{ "defaults {\n alias_prefix \"abc\n}\n", 2, "unterminated quote" },
		{ "defaults {\n alias_prefix \"abc", 2, "unterminated quote" },
		/* entries */
		{ "devices {\n device {\n  product X\n }\n}\n", 2, "device entry without vendor" },
		{ "devices {\n device {\n  vendor X\n }\n}\n", 2, "device entry without product" },
		{ "multipaths {\n\n multipath {\n  alias a\n }\n}\n", 3, "multipath entry without wwid" },
		{ "blacklist {\n device {\n }\n}\n", 2, "blacklist device entry without vendor or product" },
		{ "blacklist_exceptions {\n device { }\n}\n", 2,
		  "blacklist_exceptions device entry without vendor or product" },
		{ "multipaths {\n multipath { wwid 3601\n alias a }\n multipath { wwid 3602\n alias a }\n}\n", 4,
		  "alias 'a' is already used by another wwid; alias ignored" },
		{ "multipaths {\n multipath { wwid 3601\n alias taken }\n}\n", 2,
		  "alias 'taken' is already used by another wwid" },
		/* regexes */
		{ "devices {\n device {\n  vendor \"^(ACME\"\n  product X\n }\n}\n", 3, "bad vendor '^(ACME'" },
		{ "devices {\n device {\n  vendor X\n  product \"[a-\"\n }\n}\n", 4, "bad product" },
		{ "devices {\n device {\n  vendor X\n  product Y\n  revision \"*+(\"\n }\n}\n", 5, "bad revision" },
		{ "blacklist {\n devnode \"sd[\"\n}\n", 2, "bad devnode" },
		{ "blacklist_exceptions {\n wwid \"(\"\n}\n", 2, "bad wwid" },
		{ "blacklist {\n device { vendor \"a{1,2\" }\n}\n", 2, "bad vendor" },
		{ "blacklist {\n wwid \"((a{999}){999}){999}\"\n}\n", 2, "repetition counts too large" },
		/* stacked '+': glibc copies the sub-expression per '+' (found by fuzz_config) */
		{ "blacklist {\n wwid \"NVC+++++++++++++++++++++++++++++++++++++++++++++++++\"\n}\n", 2,
		  "repetition counts too large" },
		{ "blacklist {\n devnode \"\"\n}\n", 2, "empty value" },
		/* values */
		{ "defaults {\n path_grouping_policy group_by_tur\n}\n", 2,
		  "expected failover, multibus, group_by_serial, group_by_prio or group_by_node_name" },
		{ "defaults {\n path_selector \"least-pending 0\"\n}\n", 2, "unknown path selector" },
		{ "defaults {\n path_selector \"round-robin\"\n}\n", 2, "followed by its argument count" },
		{ "defaults {\n path_selector \"round-robin x\"\n}\n", 2, "followed by its argument count" },
		{ "defaults {\n path_selector \"round-robin 1\"\n}\n", 2, "argument count 1 but 0 argument(s)" },
		{ "defaults {\n path_selector \"service-time 1 5\"\n}\n", 2, "service-time takes at most 0" },
		{ "defaults {\n path_selector \"historical-service-time 1 x\"\n}\n", 2, "is not a number" },
		{ "defaults {\n features \"1\"\n}\n", 2, "count 1 but 0 word(s) follow" },
		{ "defaults {\n features \"x queue_if_no_path\"\n}\n", 2, "must start with the word count" },
		{ "defaults {\n features \"1 no_partitions\"\n}\n", 2, "unknown feature 'no_partitions'" },
		{ "defaults {\n features \"2 pg_init_retries 0\"\n}\n", 2, "pg_init_retries needs a number 1-50" },
		{ "defaults {\n features \"1 pg_init_retries\"\n}\n", 2, "pg_init_retries needs a number" },
		{ "defaults {\n features \"2 pg_init_delay_msecs 60001\"\n}\n", 2, "pg_init_delay_msecs needs" },
		{ "defaults {\n features \"2 queue_mode fast\"\n}\n", 2, "queue_mode needs bio, rq or mq" },
		{ "defaults {\n hardware_handler \"1 foo\"\n}\n", 2, "unknown hardware handler 'foo'" },
		{ "defaults {\n hardware_handler \"2 alua\"\n}\n", 2, "count 2 but 1 word(s) follow" },
		{ "defaults {\n hardware_handler alua\n}\n", 2, "must start with the word count" },
		{ "defaults {\n path_checker tur2\n}\n", 2,
		  "bad path_checker 'tur2': expected tur, directio, readsector0" },
		{ "defaults {\n prio rdac2\n}\n", 2, "expected const, alua, sysfs" },
		{ "defaults {\n failback 3x\n}\n", 2, "expected manual, immediate or followover" },
		{ "defaults {\n no_path_retry -1\n}\n", 2, "expected fail, queue or a positive number" },
		{ "defaults {\n no_path_retry 99999999999\n}\n", 2, "expected fail, queue or a positive number" },
		{ "defaults {\n rr_weight heavy\n}\n", 2, "expected uniform or priorities" },
		{ "defaults {\n user_friendly_names maybe\n}\n", 2, "expected no, yes" },
		{ "defaults {\n find_multipaths sometimes\n}\n", 2, "bad find_multipaths" },
		{ "defaults {\n bindings_file bindings\n}\n", 2, "expected an absolute path" },
		{ "defaults {\n wwids_file \"/etc/multi path/wwids\"\n}\n", 2, "expected an absolute path" },
		{ "defaults {\n alias_prefix \"a/b\"\n}\n", 2, "bad alias_prefix" },
		{ "defaults {\n alias_prefix \"\"\n}\n", 2, "empty value" },
		{ "multipaths {\n multipath {\n  wwid 3600\n  alias \"..\"\n }\n}\n", 4, "bad alias" },
		{ "multipaths {\n multipath {\n  wwid \"36 00\"\n }\n}\n", 3, "bad wwid" },
		{ "multipaths {\n multipath {\n  wwid 3600\n  alias \"a\tb\"\n }\n}\n", 4, "bad alias" },
		/* messages keep the text as it was: the printer escapes it, once */
		{ "defaults {\n prio \"\x01\xff\"\n}\n", 2, "bad prio '\x01\xff': control character" },
		{ "\x7f\x80garbage\n", 1, "unknown section '\x7f\x80garbage'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_error(cases[i].text, cases[i].line, cases[i].what);
}

/* Problems reach the user through the log (config_log_diag): each says the file and line
 * (on what), the keyword and value (what), and what was expected (why); a file that
 * cannot be read says so and why. */
static void test_problems_logged(void **state)
{
	char log[2048];
	struct config c;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "defaults {\n failback soon\n}\n", "m.conf"),
			 -EINVAL);
	assert_int_equal(config_load_one(&c, "/"), -EINVAL);
	assert_int_equal(config_load_one(&c, "/proc/self/mem"), -EINVAL);   /* read: EIO */
	(void)LOG_CAPTURED(log, (config_log_diag(&c), 0));
	assert_non_null(strstr(log, "warning: m.conf:2: bad failback 'soon': expected manual, "
				    "immediate or followover; line ignored\n"));
	assert_non_null(strstr(log, "warning: /: not a regular file; file ignored\n"));
	assert_non_null(strstr(log, "warning: /proc/self/mem: read failed: Input/output error; "
				    "file ignored\n"));
	config_free(&c);
}

/* Checker and prioritizer names come from chktable.c's registry only: every registry
 * name is accepted (and dumped back as written), and a bad one lists them all. */
static void test_registry_names(void **state)
{
	struct config c;
	char text[128], *d;

	(void)state;
	for (const struct checker_def *k = checker_table; k->name; k++) {
		snprintf(text, sizeof(text), "defaults {\n path_checker %s\n}\n", k->name);
		parse_ok(&c, text);
		assert_int_equal(c.defaults.checker, k->id);
		d = dump_str(&c);
		snprintf(text, sizeof(text), "\tpath_checker %s\n", k->name);
		if (!strstr(d, text))
			fail_msg("dump lacks <<%s>>", text);
		free(d);
		config_free(&c);
	}
	for (const struct prio_def *k = prio_table; k->name; k++) {
		snprintf(text, sizeof(text), "defaults {\n prio %s\n}\n", k->name);
		parse_ok(&c, text);
		assert_int_equal(c.defaults.prio, k->id);
		config_free(&c);
	}
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "defaults {\n path_checker x\n prio y\n}\n", "t.conf"), -EINVAL);
	assert_int_equal(c.nwarn, 2);
	for (const struct checker_def *k = checker_table; k->name; k++) {
		snprintf(text, sizeof(text), "%s%s", k[1].name ? " " : " or ", k->name);
		if (!strstr(c.diag[c.ndiag - 2].msg, k->name) || (!k[1].name && !strstr(c.diag[c.ndiag - 2].msg, text)))
			fail_msg("<<%s>> lacks %s", c.diag[c.ndiag - 2].msg, text);
	}
	for (const struct prio_def *k = prio_table; k->name; k++) {
		snprintf(text, sizeof(text), "%s%s", k[1].name ? " " : " or ", k->name);
		if (!strstr(c.diag[c.ndiag - 1].msg, k->name) || (!k[1].name && !strstr(c.diag[c.ndiag - 1].msg, text)))
			fail_msg("<<%s>> lacks %s", c.diag[c.ndiag - 1].msg, text);
	}
	assert_non_null(strstr(c.diag[c.ndiag - 2].msg, "t.conf:2: bad path_checker 'x': expected tur, "));
	assert_non_null(strstr(c.diag[c.ndiag - 1].msg, "t.conf:3: bad prio 'y': expected const, "));
	config_free(&c);
}

static void test_errors_long_values(void **state)
{
	char *text = malloc(200000), *p = text;
	char wwid[WWID_SIZE + 8];

	(void)state;
	/* an over-long token */
	p += sprintf(p, "defaults {\n alias_prefix ");
	memset(p, 'a', 5000);
	strcpy(p + 5000, "\n}\n");
	expect_error(text, 2, "value too long");
	/* an over-long multi-word value */
	p = text + sprintf(text, "defaults {\n features 1");
	for (int i = 0; i < 2100; i++)
		p += sprintf(p, " x");
	strcpy(p, "\n}\n");
	expect_error(text, 2, "value of 'features' too long");
	/* a wwid longer than WWID_SIZE - 1 */
	memset(wwid, '3', WWID_SIZE);
	wwid[WWID_SIZE] = '\0';
	snprintf(text, 200000, "multipaths {\n multipath {\n  wwid %s\n }\n}\n", wwid);
	expect_error(text, 3, "a WWID is 1-128 characters");
	/* deep nesting of braces and sections */
	p = text;
	for (int i = 0; i < 20000; i++)
		*p++ = '{';
	*p = '\0';
	expect_error(text, 1, "unexpected '{'");
	p = text;
	for (int i = 0; i < 10000; i++)
		p += sprintf(p, "devices { device { ");
	expect_error(text, 1, "section 'devices' is not allowed in device");
	free(text);
}

static void test_errors_fixtures(void **state)
{
	static const struct { const char *file; unsigned int line; const char *what; size_t nwarn; } cases[] = {
		{ "bad_unknown_section.conf", 3, "unknown section 'defualts'", 1 },
		{ "bad_unknown_keyword.conf", 3, "unknown keyword 'path_checkr' in defaults", 1 },
		{ "bad_wrong_section.conf", 3, "'alias' is not allowed in defaults", 1 },
		{ "bad_regex.conf", 3, "bad vendor '^(ACME'", 2 },
		{ "bad_value.conf", 4, "bad path_checker 'emc_clarion'", 1 },
		{ "bad_unclosed.conf", 7, "missing '}': multipaths opened at line 4 is not closed", 1 },
		{ "bad_extra_brace.conf", 4, "unexpected '}'", 1 },
		{ "bad_device_no_product.conf", 6, "device entry without product", 1 },
		{ "bad_multipath_no_wwid.conf", 5, "multipath entry without wwid", 1 },
		{ "bad_quote.conf", 4, "unterminated quote", 2 },
		{ "bad_features_count.conf", 2, "count 2 but 1 word(s) follow", 1 },
		{ "bad_selector.conf", 2, "followed by its argument count", 1 },
		{ "bad_nested.conf", 2, "'devices' is not allowed in devices", 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config c;
		char path[512], prefix[600];
		const char *err;
		int r;

		assert_int_equal(config_init_builtin(&c), 0);
		fixture(cases[i].file, path, sizeof(path));
		r = config_load_one(&c, path);
		err = warning_since(&c, 0);
		snprintf(prefix, sizeof(prefix), "%s:%u: ", path, cases[i].line);
		if (r != -EINVAL || strncmp(err, prefix, strlen(prefix)) || !strstr(err, cases[i].what))
			fail_msg("%s: expected %s...%s, got %d <<%s>>", cases[i].file, prefix,
				 cases[i].what, r, err);
		assert_int_equal(c.nwarn, cases[i].nwarn);
		config_free(&c);
	}
}

static void test_load_file(void **state)
{
	struct config c;
	char tmpl[] = "/tmp/test_config_XXXXXX", path[512];
	size_t n0;
	const char bin[] = "defaults {\n failback immediate\n\0 prio alua\n}\n";
	int fd;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	/* missing file: the built-ins apply */
	assert_int_equal(config_load_one(&c, "/nonexistent/multipath.conf"), 0);
	assert_int_equal(config_load_one(&c, "/etc/passwd/multipath.conf"), 0);
	assert_int_equal(c.nhw, builtin_count());
	assert_int_equal(c.nwarn, 0);
	/* a directory is not read: a warning, nothing else */
	n0 = c.ndiag;
	assert_int_equal(config_load_one(&c, "/"), -EINVAL);
	assert_string_equal(warning_since(&c, n0), "/: not a regular file; file ignored");
	/* NUL bytes are reported with their line; what comes before them is used */
	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bin, sizeof(bin) - 1), (ssize_t)sizeof(bin) - 1);
	close(fd);
	n0 = c.ndiag;
	assert_int_equal(config_load_one(&c, tmpl), -EINVAL);
	snprintf(path, sizeof(path), "%s:3: NUL byte in the file", tmpl);
	assert_non_null(strstr(warning_since(&c, n0), path));
	assert_int_equal(c.defaults.failback, FB_IMMEDIATE);
	assert_int_equal(c.defaults.prio, UNSET);
	/* no path: $MULTIPATH_CONF names the file */
	fixture("good_precedence.conf", path, sizeof(path));
	setenv(CONFIG_ENV, path, 1);
	c.config_dir[0] = '\0';                      /* not the host's conf.d */
	assert_int_equal(config_load_file(&c, NULL), 0);
	unsetenv(CONFIG_ENV);
	assert_int_equal(c.defaults.checker, CHK_DIRECTIO);
	unlink(tmpl);
	config_free(&c);
}

/* A FIFO (or any non-regular file) is never read: it could block forever. */
static void test_load_fifo(void **state)
{
	char dir[] = "/tmp/test_config_fifo_XXXXXX", path[64];
	struct config c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/multipath.conf", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_load_one(&c, path), -EINVAL);
	assert_non_null(strstr(warning_since(&c, 0), "not a regular file; file ignored"));
	assert_int_equal(c.nwarn, 1);
	config_free(&c);
	unlink(path);
	rmdir(dir);
}

/* The size limit is 16 MiB exactly: one byte more is refused (a warning). */
static void test_load_size_limit(void **state)
{
	char tmpl[] = "/tmp/test_config_big_XXXXXX";
	const size_t max = 16u << 20;
	char *buf = malloc(max + 1);
	struct config c;
	int fd;

	(void)state;
	assert_non_null(buf);
	memset(buf, ' ', max + 1);
	memcpy(buf, "defaults {\nprio alua\n}\n", 23);
	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, max), (ssize_t)max);
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_load_one(&c, tmpl), 0);
	assert_int_equal(c.defaults.prio, PRIO_ALUA);
	config_free(&c);
	assert_int_equal(write(fd, buf, 1), 1);
	close(fd);
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_load_one(&c, tmpl), -EINVAL);
	assert_non_null(strstr(warning_since(&c, 0), "file too large (over 16 MiB); file ignored"));
	assert_int_equal(c.defaults.prio, UNSET);
	config_free(&c);
	unlink(tmpl);
	free(buf);
}

/* config_dir: every *.conf in name order after the main file, later files winning;
 * other names are not read; a problem in one file does not stop the others. */
static void test_config_dir(void **state)
{
	char dir[] = "/tmp/test_config_dir_XXXXXX", sub[64], main_conf[96], f[160];
	static const struct { const char *name, *text; } files[] = {
		{ "10-a.conf", "defaults {\n no_path_retry 10\n prio alua\n}\n" },
		{ "20-b.conf", "defaults {\n no_path_retry 20\n bogus 1\n}\n" },
		{ "30-c.conf.disabled", "defaults {\n no_path_retry 30\n}\n" },
		{ ".hidden.conf", "defaults {\n no_path_retry 40\n}\n" },
	};
	struct config c;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/conf.d", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(main_conf, sizeof(main_conf), "%s/multipath.conf", dir);
	fp = fopen(main_conf, "w");
	assert_non_null(fp);
	fprintf(fp, "defaults {\n config_dir \"%s\"\n no_path_retry 5\n failback immediate\n}\n", sub);
	fclose(fp);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(f, sizeof(f), "%s/%s", sub, files[i].name);
		fp = fopen(f, "w");
		assert_non_null(fp);
		fputs(files[i].text, fp);
		fclose(fp);
	}
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_load_file(&c, main_conf), -EINVAL);
	snprintf(f, sizeof(f), "%s/20-b.conf:3: unknown keyword 'bogus'", sub);
	assert_non_null(strstr(warning_since(&c, 0), f));
	assert_int_equal(c.defaults.no_path_retry, 20);
	assert_int_equal(c.defaults.prio, PRIO_ALUA);
	assert_int_equal(c.defaults.failback, FB_IMMEDIATE);
	snprintf(f, sizeof(f), "%s/20-b.conf:2, defaults", sub);
	assert_string_equal(c.defaults.origin[S_NO_PATH_RETRY], f);
	assert_int_equal(c.nwarn, 1);
	config_free(&c);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(f, sizeof(f), "%s/%s", sub, files[i].name);
		unlink(f);
	}
	rmdir(sub);
	unlink(main_conf);
	rmdir(dir);
}

/* Problems never stop the parse: everything good in the text is applied, every
 * problem is reported (in order), and the broken entries alone are dropped. */
static void test_warnings_not_refusals(void **state)
{
	static const char text[] =
		"defaults {\n"                                   /* 1 */
		" polling_interval 10\n"
		" bogus 1\n"                                     /* 3 unknown keyword */
		" no_path_retry banana\n"                        /* 4 bad value */
		" failback immediate\n"
		"}\n"
		"blacklist {\n"
		" devnode \"^(ram|loop)\"\n"
		" wwid \"((a{,60}){,60}){,60}\"\n"               /* 9 regex guard */
		"}\n"
		"devices {\n"
		" device {\n"                                    /* 12 no vendor */
		"  product \"X\"\n"
		" }\n"
		" device {\n"
		"  vendor \"ACME\"\n"
		"  product \"Y\"\n"
		"  no_path_retry queue\n"
		" }\n"
		"}\n"
		"overide {\n"                                    /* 21 misspelt section */
		" no_path_retry 3\n"
		"}\n"
		"multipaths {\n"
		" multipath {\n"
		"  wwid 3600a\n"
		"  alias db\n";                                  /* 27: no closing braces */
	static const char *const expect[] = {
		"t.conf:3: unknown keyword 'bogus' in defaults; line ignored",
		"t.conf:4: bad no_path_retry 'banana'",
		"t.conf:9: bad wwid '((a{,60}){,60}){,60}': repetition counts too large",
		"t.conf:12: device entry without vendor; entry ignored",
		"t.conf:21: unknown section 'overide'; lines 21-23 ignored",
		"t.conf:27: missing '}': multipath opened at line 25 is not closed",
		"t.conf:27: missing '}': multipaths opened at line 24 is not closed",
	};
	struct config c;
	struct mp_settings s;
	struct path acme = hwpath("ACME", "Y", "");
	size_t w = 0;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, text, "t.conf"), -EINVAL);
	assert_int_equal(c.nwarn, sizeof(expect) / sizeof(expect[0]));
	for (size_t i = 0; i < c.ndiag; i++) {
		if (!c.diag[i].warning)
			continue;
		if (strncmp(c.diag[i].msg, expect[w], strlen(expect[w])))
			fail_msg("warning %zu: <<%s>>, expected <<%s...>>", w, c.diag[i].msg, expect[w]);
		w++;
	}
	/* what was good is there */
	assert_int_equal(c.polling_interval, 10);
	assert_int_equal(c.defaults.failback, FB_IMMEDIATE);
	assert_int_equal(c.defaults.no_path_retry, UNSET);
	assert_int_equal(c.blacklist.n, BUILTIN_BL + 1);
	assert_string_equal(c.blacklist.e[BUILTIN_BL].devnode, "^(ram|loop)");
	assert_int_equal(c.nhw, builtin_count() + 1);
	config_select(&c, &acme, "3600a", &s);
	assert_int_equal(s.no_path_retry, NPR_QUEUE);
	assert_int_equal(s.failback, FB_IMMEDIATE);
	assert_non_null(config_find_mp(&c, "3600a"));
	assert_string_equal(config_find_mp(&c, "3600a")->alias, "db");
	config_free(&c);
}

/* multipaths entries for one WWID merge, later settings winning (multipath-tools). */
static void test_mp_merge(void **state)
{
	struct config c;
	const struct mpentry *m;

	(void)state;
	load_builtin(&c, "good_dup_wwid.conf");
	assert_int_equal(c.nmp, 2);
	m = config_find_mp(&c, "36001405aa");
	assert_non_null(m);
	assert_string_equal(m->alias, "again");
	config_free(&c);
	parse_ok(&c, "multipaths {\n multipath {\n wwid 3601\n alias a\n no_path_retry 5\n }\n}\n");
	assert_int_equal(config_parse_string(&c, "multipaths {\n multipath {\n wwid 3601\n"
					     " rr_weight priorities\n no_path_retry queue\n }\n}\n",
					     "later.conf"), 0);
	m = config_find_mp(&c, "3601");
	assert_int_equal(c.nmp, 1);
	assert_string_equal(m->alias, "a");
	assert_int_equal(m->s.no_path_retry, NPR_QUEUE);
	assert_int_equal(m->s.rr_weight, RRW_PRIORITIES);
	assert_string_equal(m->s.origin[S_NO_PATH_RETRY], "later.conf:5, multipaths 3601");
	config_free(&c);
}

/* ------------------------------------------------------------------ precedence */

static void test_precedence(void **state)
{
	struct config c;
	struct mp_settings s;
	struct path netapp = hwpath("NETAPP", "LUN C-Mode", "9800");
	struct path other = hwpath("Linux", "scsi_debug", "0191");
	const struct hwentry *h;

	(void)state;
	load_builtin(&c, "good_precedence.conf");
	config_select(&c, &netapp, ONTAP_WWID, &s);
	assert_int_equal(s.no_path_retry, NPR_QUEUE);               /* multipaths */
	assert_string_equal(s.features, "2 pg_init_retries 10");    /* later config-file device */
	assert_int_equal(s.pgpolicy, PGP_GROUP_BY_PRIO);            /* built-in NETAPP */
	assert_int_equal(s.prio, PRIO_ONTAP);                       /* built-in NETAPP */
	assert_int_equal(s.failback, FB_IMMEDIATE);                 /* built-in NETAPP */
	assert_int_equal(s.checker, CHK_DIRECTIO);                  /* defaults */
	assert_int_equal(s.rr_weight, RRW_PRIORITIES);              /* defaults */
	assert_string_equal(s.hwhandler, "0");                      /* built-in default */

	/* another LU of the array: the later of two matching config entries wins */
	config_select(&c, &netapp, "3600a0980383044374155555555555555", &s);
	assert_int_equal(s.no_path_retry, 8);
	assert_int_equal(s.prio, PRIO_ONTAP);
	h = config_find_hw(&c, &netapp);
	assert_non_null(h);
	assert_int_equal(h->builtin, 0);
	assert_non_null(strstr(h->source, "good_precedence.conf:16"));
	assert_int_equal(h->s.no_path_retry, 8);

	/* an array the table does not know: defaults, then built-in defaults */
	config_select(&c, &other, "36001405aaaa", &s);
	assert_int_equal(s.no_path_retry, 5);
	assert_int_equal(s.failback, FB_IMMEDIATE);
	assert_int_equal(s.pgpolicy, PGP_FAILOVER);
	assert_string_equal(s.features, "0");
	assert_null(config_find_hw(&c, &other));
	/* the multipaths entry applies whatever the hardware */
	config_select(&c, &other, ONTAP_WWID, &s);
	assert_int_equal(s.no_path_retry, NPR_QUEUE);
	config_free(&c);

	/* without the config file, the built-in NETAPP entry decides */
	load_builtin(&c, NULL);
	config_select(&c, &netapp, ONTAP_WWID, &s);
	assert_int_equal(s.no_path_retry, NPR_QUEUE);
	assert_string_equal(s.features, "2 pg_init_retries 50");
	assert_int_equal(s.checker, CHK_TUR);
	assert_int_equal(s.rr_weight, RRW_UNIFORM);
	config_free(&c);
}

/* A config-file entry beats a built-in one even where the built-in comes later, and a
 * copy of a built-in entry (as `multipath -t` prints it) is that entry, not an override. */
static void test_user_entries(void **state)
{
	struct config c;
	struct mp_settings s;
	struct path hp = hwpath("HP", "OPEN-", "");
	struct path acme2 = hwpath("ACME", "Roadrunner", "2.10");
	struct path acme3 = hwpath("ACME", "Roadrunner", "3.0");

	(void)state;
	parse_ok(&c, "devices {\n device { vendor HP\n product OPEN-\n path_grouping_policy failover }\n"
		     " device { vendor \"^ACME$\"\n product \"^Roadrunner$\"\n revision \"^2\\.\"\n prio alua }\n"
		     " device { vendor 3PARdata\n product VV\n path_grouping_policy group_by_prio\n"
		     "  hardware_handler \"1 alua\"\n prio alua\n failback immediate\n no_path_retry 18\n"
		     "  fast_io_fail_tmo 10\n dev_loss_tmo infinity\n vpd_vendor hp3par }\n}\n");
	assert_int_equal(c.nhw, builtin_count() + 2);                   /* the 3PAR copy was dropped */
	config_select(&c, &hp, "360060e80", &s);
	assert_int_equal(s.pgpolicy, PGP_FAILOVER);
	assert_int_equal(config_find_hw(&c, &hp)->builtin, 0);
	/* revision regex */
	config_select(&c, &acme2, "36001", &s);
	assert_int_equal(s.prio, PRIO_ALUA);
	config_select(&c, &acme3, "36001", &s);
	assert_int_equal(s.prio, PRIO_CONST);
	assert_null(config_find_hw(&c, &acme3));
	config_free(&c);
}

/* Every setting is resolved with its origin: FILE:LINE and the entry, built-in entry,
 * or default; -v3 prints them so. */
static void test_origins(void **state)
{
	struct config c;
	struct mp_settings s;
	struct path netapp = hwpath("NETAPP", "LUN C-Mode", "9800");
	char *text = NULL;
	size_t len = 0;
	FILE *m;

	(void)state;
	load_builtin(&c, "good_precedence.conf");
	config_select(&c, &netapp, ONTAP_WWID, &s);
	assert_non_null(strstr(s.origin[S_NO_PATH_RETRY], "good_precedence.conf:27, multipaths " ONTAP_WWID));
	assert_non_null(strstr(s.origin[S_FEATURES], "good_precedence.conf:20, devices NETAPP/LUN"));
	assert_string_equal(s.origin[S_PGPOLICY], "builtin devices NETAPP/LUN");
	assert_non_null(strstr(s.origin[S_CHECKER], "good_precedence.conf:3, defaults"));
	assert_string_equal(s.origin[S_HWHANDLER], "default");
	assert_string_equal(s.origin[S_DEV_LOSS_TMO], "builtin devices NETAPP/LUN");  /* infinity */
	/* overrides beat devices, not multipaths */
	assert_int_equal(config_parse_string(&c, "overrides {\n no_path_retry 3\n features \"0\"\n"
					     " dev_loss_tmo 30\n protocol {\n  type scsi:fcp\n"
					     "  dev_loss_tmo 60\n }\n}\n", "ov.conf"), 0);
	config_select(&c, &netapp, ONTAP_WWID, &s);
	assert_int_equal(s.no_path_retry, NPR_QUEUE);
	assert_string_equal(s.features, "0");
	assert_string_equal(s.origin[S_FEATURES], "ov.conf:3, overrides");
	assert_int_equal(s.dev_loss_tmo, 30);
	config_select_protocol(&c, "scsi:iscsi", &s);
	assert_int_equal(s.dev_loss_tmo, 30);
	config_select_protocol(&c, "scsi:fcp", &s);
	assert_int_equal(s.dev_loss_tmo, 60);
	assert_string_equal(s.origin[S_DEV_LOSS_TMO], "ov.conf:7, overrides protocol scsi:fcp");
	/* the -v3 lines */
	m = open_memstream(&text, &len);
	assert_non_null(m);
	config_print_settings(m, "mpatha", &s);
	fclose(m);
	assert_non_null(strstr(text, "mpatha: no_path_retry queue (" ));
	assert_true(!strncmp(text, "mpatha: path_grouping_policy group_by_prio (builtin devices NETAPP/LUN)\n", 72));
	assert_non_null(strstr(text, "\nmpatha: hardware_handler \"0\" (default)\n") ||
			strstr(text, "\nmpatha: hardware_handler 0 (default)\n"));
	assert_non_null(strstr(text, "\nmpatha: dev_loss_tmo 60 (ov.conf:7, overrides protocol scsi:fcp)\n"));
	assert_null(strstr(text, "eh_deadline"));
	free(text);
	config_free(&c);
}

/* ------------------------------------------------------------------ blacklist */

static void test_blacklist(void **state)
{
	struct config c;

	(void)state;
	parse_ok(&c, "blacklist {\n devnode \"^sd[a-c]$\"\n wwid \"^36001405dead\"\n"
		     " device { vendor \"^ATA$\" }\n device { product \"^VIRTUAL-DISK$\" }\n}\n"
		     "blacklist_exceptions {\n devnode \"^sdb$\"\n wwid \"^36001405deadbeef$\"\n"
		     " device { vendor \"^ATA$\"\n product \"^Keep\" }\n}\n");
	/* devnode rules, with and without /dev/ */
	assert_int_equal(config_blacklisted(&c, "sda", "", NULL, NULL), 1);
	assert_int_equal(config_blacklisted(&c, "/dev/sda", "", NULL, NULL), 1);
	assert_int_equal(config_blacklisted(&c, "sdb", "", NULL, NULL), 0);        /* excepted */
	assert_int_equal(config_blacklisted(&c, "sdd", "", NULL, NULL), 0);
	assert_int_equal(config_blacklisted(&c, "sdaa", "", NULL, NULL), 0);
	/* wwid rules only once the wwid is known */
	assert_int_equal(config_blacklisted(&c, "sdd", "36001405dead0001", NULL, NULL), 1);
	assert_int_equal(config_blacklisted(&c, "sdd", "36001405deadbeef", NULL, NULL), 0);
	assert_int_equal(config_blacklisted(&c, "sdd", NULL, NULL, NULL), 0);
	/* device rules; the sysfs strings may carry padding */
	assert_int_equal(config_blacklisted(&c, "sdd", "", "ATA", "Samsung SSD"), 1);
	assert_int_equal(config_blacklisted(&c, "sdd", "", "ATA     ", "Samsung SSD     "), 1);
	assert_int_equal(config_blacklisted(&c, "sdd", "", "ATA", "Keeper"), 0);
	assert_int_equal(config_blacklisted(&c, "sdd", "", "QEMU", "VIRTUAL-DISK"), 1);
	assert_int_equal(config_blacklisted(&c, "sdd", "", "QEMU", "QEMU HARDDISK"), 0);
	/* an exception only lifts its own kind of rule */
	assert_int_equal(config_blacklisted(&c, "sdb", "36001405dead0001", NULL, NULL), 1);
	assert_int_equal(config_blacklisted(&c, "sda", "36001405deadbeef", NULL, NULL), 1);
	assert_int_equal(config_blacklisted(&c, "sdb", "", "ATA", "Samsung"), 1);
	/* nothing known: nothing to match */
	assert_int_equal(config_blacklisted(&c, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(config_blacklisted(&c, "", "", "", ""), 0);
	config_free(&c);

	/* the common "blacklist everything, except these LUs" idiom */
	parse_ok(&c, "blacklist { wwid \".*\" }\nblacklist_exceptions { wwid \"^3600a098\" }\n");
	assert_int_equal(config_blacklisted(&c, "sdc", "3600a0980383044", "NETAPP", "LUN"), 0);
	assert_int_equal(config_blacklisted(&c, "sdc", "36001405aaaa", "LIO-ORG", "disk"), 1);
	assert_int_equal(config_blacklisted(&c, "sdc", "", "LIO-ORG", "disk"), 0);
	config_free(&c);
}

/* ------------------------------------------------------------------ dump */

static void assert_same_settings(const struct mp_settings *a, const struct mp_settings *b)
{
	assert_int_equal(a->pgpolicy, b->pgpolicy);
	assert_int_equal(a->checker, b->checker);
	assert_int_equal(a->prio, b->prio);
	assert_int_equal(a->failback, b->failback);
	assert_int_equal(a->no_path_retry, b->no_path_retry);
	assert_int_equal(a->rr_weight, b->rr_weight);
	assert_true(a->selector == b->selector || !strcmp(a->selector, b->selector));
	assert_true(a->features == b->features || !strcmp(a->features, b->features));
	assert_true(a->hwhandler == b->hwhandler || !strcmp(a->hwhandler, b->hwhandler));
}

static void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_true(a == b);
	else
		assert_string_equal(a, b);
}

/* Same entries, same values, same selections. */
static void assert_equivalent(const struct config *a, const struct config *b)
{
	static const char *const ids[][3] = {
		{ "NETAPP", "LUN C-Mode", "" }, { "HP", "OPEN-", "" }, { "HP", "OPEN-V", "" },
		{ "ACME", "Roadrunner", "2.1" }, { "ACME", "Coyote \"2.5\" SSD", "" },
		{ "Linux", "scsi_debug", "" }, { "PURE", "FlashArray", "8888" },
	};
	static const char *const wwids[] = { ONTAP_WWID, "36001405bbbbbbbbbbbbbbbbbbbbbbbbb", "3600" };

	assert_int_equal(a->nhw, b->nhw);
	for (size_t i = 0; i < a->nhw; i++) {
		assert_int_equal(a->hw[i].builtin, b->hw[i].builtin);
		assert_same_str(a->hw[i].vendor, b->hw[i].vendor);
		assert_same_str(a->hw[i].product, b->hw[i].product);
		assert_same_str(a->hw[i].revision, b->hw[i].revision);
		assert_same_settings(&a->hw[i].s, &b->hw[i].s);
	}
	assert_int_equal(a->nmp, b->nmp);
	for (size_t i = 0; i < a->nmp; i++) {
		assert_string_equal(a->mp[i].wwid, b->mp[i].wwid);
		assert_same_str(a->mp[i].alias, b->mp[i].alias);
		assert_same_settings(&a->mp[i].s, &b->mp[i].s);
	}
	assert_int_equal(a->blacklist.n, b->blacklist.n);
	assert_int_equal(a->exceptions.n, b->exceptions.n);
	for (size_t i = 0; i < a->blacklist.n; i++) {
		assert_same_str(a->blacklist.e[i].devnode, b->blacklist.e[i].devnode);
		assert_same_str(a->blacklist.e[i].wwid, b->blacklist.e[i].wwid);
		assert_same_str(a->blacklist.e[i].vendor, b->blacklist.e[i].vendor);
		assert_same_str(a->blacklist.e[i].product, b->blacklist.e[i].product);
	}
	assert_int_equal(a->defaults.user_friendly_names, b->defaults.user_friendly_names);
	assert_int_equal(a->find_multipaths, b->find_multipaths);
	assert_same_str(a->defaults.alias_prefix, b->defaults.alias_prefix);
	assert_string_equal(a->bindings_file, b->bindings_file);
	assert_string_equal(a->wwids_file, b->wwids_file);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		for (size_t w = 0; w < sizeof(wwids) / sizeof(wwids[0]); w++) {
			struct path p = hwpath(ids[i][0], ids[i][1], ids[i][2]);
			struct mp_settings sa, sb;

			config_select(a, &p, wwids[w], &sa);
			config_select(b, &p, wwids[w], &sb);
			assert_same_settings(&sa, &sb);
		}
}

static void test_dump_roundtrip(void **state)
{
	struct config c, c2, c3;
	char *d1, *d2, *d3;

	(void)state;
	load_builtin(&c, "good_full.conf");
	d1 = dump_str(&c);
	assert_int_equal(config_init_builtin(&c2), 0);
	if (config_parse_string(&c2, d1, "dump1"))
		fail_msg("%s", warning_since(&c2, 0));
	assert_equivalent(&c, &c2);
	d2 = dump_str(&c2);
	assert_int_equal(config_init_builtin(&c3), 0);
	assert_int_equal(config_parse_string(&c3, d2, "dump2"), 0);
	d3 = dump_str(&c3);
	strip_comments(d1);
	strip_comments(d2);
	strip_comments(d3);
	assert_string_equal(d1, d2);
	assert_string_equal(d2, d3);
	/* the quote inside a quoted value survives */
	assert_non_null(strstr(d1, "product \"^Coyote \"\"2.5\"\" SSD$\""));
	free(d1);
	free(d2);
	free(d3);
	config_free(&c);
	config_free(&c2);
	config_free(&c3);
}

/* A source file name with a newline must not break the dump's comment lines. */
static void test_dump_odd_source(void **state)
{
	struct config c, c2;
	char *d;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "devices { device { vendor X\nproduct Y } }",
					     "evil\nname"), 0);
	d = dump_str(&c);
	assert_int_equal(config_init_builtin(&c2), 0);
	assert_int_equal(config_parse_string(&c2, d, "dump"), 0);
	assert_int_equal(c2.nhw, c.nhw);
	free(d);
	config_free(&c);
	config_free(&c2);
}

/* ------------------------------------------------------------------ robustness */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

/* One damaged variant of seed into out (NUL-terminated, NULs replaced). */
static size_t mutate(const char *seed, const char *seed2, char *out, size_t size)
{
	size_t len = strlen(seed), n, i, at;
	static const char junk[] = "{}\"#!\n \t\\x\x01\xff\x80{{}}\"\"";

	n = len < size - 1 ? len : size - 1;
	memcpy(out, seed, n);
	switch (rnd() % 7) {
	case 0:                                   /* truncate */
		n = n ? rnd() % n : 0;
		break;
	case 1:                                   /* flip bytes */
		for (i = 0; n && i < 1 + rnd() % 8; i++)
			out[rnd() % n] = (char)(rnd() & 0xff);
		break;
	case 2:                                   /* insert syntax characters */
		for (i = 0; i < 1 + rnd() % 6 && n + 1 < size; i++) {
			at = n ? rnd() % n : 0;
			memmove(out + at + 1, out + at, n - at);
			out[at] = junk[rnd() % (sizeof(junk) - 1)];
			n++;
		}
		break;
	case 3:                                   /* delete a range */
		if (n) {
			at = rnd() % n;
			i = rnd() % (n - at + 1);
			memmove(out + at, out + at + i, n - at - i);
			n -= i;
		}
		break;
	case 4: {                                 /* splice two seeds */
		size_t l2 = strlen(seed2), a = n ? rnd() % n : 0, b = l2 ? rnd() % l2 : 0;

		if (a + (l2 - b) < size) {
			memcpy(out + a, seed2 + b, l2 - b);
			n = a + (l2 - b);
		}
		break;
	}
	case 5:                                   /* pure garbage */
		n = rnd() % (size < 512 ? size - 1 : 511);
		for (i = 0; i < n; i++)
			out[i] = (char)(rnd() & 0xff);
		break;
	default:                                  /* duplicate a chunk */
		if (n) {
			at = rnd() % n;
			i = rnd() % (n - at + 1);
			if (n + i < size) {
				memmove(out + at + i, out + at, n - at);
				n += i;
			}
		}
		break;
	}
	for (i = 0; i < n; i++)
		if (!out[i])
			out[i] = ' ';
	out[n] = '\0';
	return n;
}

static void test_fuzz(void **state)
{
	static const char *const files[] = {
		"good_full.conf", "good_precedence.conf", "good_empty.conf", "bad_regex.conf",
		"bad_quote.conf", "good_dup_wwid.conf", "bad_unclosed.conf", "bad_nested.conf",
	};
	enum { NSEEDS = sizeof(files) / sizeof(files[0]) + 1, ROUNDS = 4000 };
	char *seeds[NSEEDS], *buf = malloc(65536);
	struct config full;
	int ok = 0, bad = 0;

	(void)state;
	for (size_t i = 0; i < NSEEDS - 1; i++)
		seeds[i] = read_fixture(files[i]);
	load_builtin(&full, "good_full.conf");
	seeds[NSEEDS - 1] = dump_str(&full);        /* a dump with every kind of entry */
	config_free(&full);
	for (int round = 0; round < ROUNDS; round++) {
		struct config c, c2;
		int r;

		mutate(seeds[rnd() % NSEEDS], seeds[rnd() % NSEEDS], buf, 65536);
		memset(&c, 0, sizeof(c));
		r = config_parse_string(&c, buf, "fuzz");
		if (r) {
			bad++;
			assert_int_equal(r, -EINVAL);
			assert_true(!strncmp(warning_since(&c, 0), "fuzz:", 5));
			assert_true(c.nwarn > 0);
		}
		{
			/* whatever was kept dumps to something that parses again, cleanly */
			struct path p = hwpath("NETAPP", "LUN", "");
			struct mp_settings s;
			char *d = dump_str(&c);

			ok += !r;
			config_select(&c, &p, ONTAP_WWID, &s);
			assert_non_null(s.selector);
			config_blacklisted(&c, "sda", ONTAP_WWID, "NETAPP", "LUN");
			memset(&c2, 0, sizeof(c2));
			r = config_parse_string(&c2, d, "fuzz-dump");
			if (r)
				fail_msg("dump of an accepted input does not parse: %s\n%s",
					 warning_since(&c2, 0), d);
			config_free(&c2);
			free(d);
		}
		config_free(&c);
	}
	print_message("fuzz: %d clean, %d with problems\n", ok, bad);
	assert_true(ok > 50 && bad > 50);
	for (size_t i = 0; i < NSEEDS; i++)
		free(seeds[i]);
	free(buf);
}

/* Many multipaths entries: parsing, duplicate checks and look-ups stay O(n log n). */
static void test_many_entries(void **state)
{
	enum { N = 20000 };
	char *text = malloc((size_t)N * 80 + 64), *p = text;
	struct config c;

	(void)state;
	p += sprintf(p, "multipaths {\n");
	for (int i = N; i > 0; i--)
		p += sprintf(p, " multipath {\n  wwid 3600000000000%08d\n  alias m%d\n }\n", i, i);
	sprintf(p, "}\n");
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, text, "big"), 0);
	assert_int_equal(c.nmp, N);
	for (int i = 1; i <= N; i += 997) {
		char wwid[40], alias[16];

		snprintf(wwid, sizeof(wwid), "3600000000000%08d", i);
		snprintf(alias, sizeof(alias), "m%d", i);
		assert_non_null(config_find_mp(&c, wwid));
		assert_string_equal(config_find_mp(&c, wwid)->alias, alias);
	}
	config_free(&c);
	/* a run of identical wwids merges into one entry, without a quadratic scan */
	p = text + sprintf(text, "multipaths {\n");
	for (int i = 0; i < N; i++)
		p += sprintf(p, " multipath { wwid 36001405dup }\n");
	sprintf(p, "}\n");
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, text, "big"), 0);
	assert_int_equal(c.nmp, 1);
	config_free(&c);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_defaults),
		cmocka_unit_test(test_good_empty),
		cmocka_unit_test(test_good_full),
		cmocka_unit_test(test_good_094),
		cmocka_unit_test(test_syntax_variants),
		cmocka_unit_test(test_may_select_policy),
		cmocka_unit_test(test_errors_inline),
		cmocka_unit_test(test_errors_long_values),
		cmocka_unit_test(test_errors_fixtures),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_fifo),
		cmocka_unit_test(test_load_size_limit),
		cmocka_unit_test(test_config_dir),
		cmocka_unit_test(test_warnings_not_refusals),
		cmocka_unit_test(test_mp_merge),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_user_entries),
		cmocka_unit_test(test_origins),
		cmocka_unit_test(test_blacklist),
		cmocka_unit_test(test_dump_roundtrip),
		cmocka_unit_test(test_dump_odd_source),
		cmocka_unit_test(test_registry_names),
		cmocka_unit_test(test_problems_logged),
		cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_many_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
