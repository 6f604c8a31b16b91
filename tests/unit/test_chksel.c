/* The checker/prioritizer registry, the selection (detect_checker, detect_prio,
 * checker_timeout, prio_args) with its origins, and the prioritizers that need no device. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "checker.h"
#include "chksel.h"
#include "config.h"
#include "helpers.h"

/* Every enum value has exactly one row, every row a function and a unique name. */
static void test_table(void **state)
{
	(void)state;
	for (int c = 0; c < CHK_COUNT; c++) {
		const struct checker_def *d = checker_def(c);

		assert_non_null(d);
		assert_non_null(d->check);
		assert_non_null(d->what);
		assert_ptr_equal(checker_by_name(d->name), d);
		assert_string_equal(checker_name(c), d->name);
	}
	for (int m = 0; m < PRIO_COUNT; m++) {
		const struct prio_def *d = prio_def(m);

		assert_non_null(d);
		assert_non_null(d->prio);
		assert_ptr_equal(prio_by_name(d->name), d);
		assert_string_equal(prio_name(m), d->name);
	}
	assert_int_equal(checker_by_name("rdac")->id, CHK_RDAC);
	assert_int_equal(checker_by_name("emc_clariion")->id, CHK_EMC_CLARIION);
	assert_int_equal(prio_by_name("emc")->id, PRIO_EMC);
	assert_int_equal(prio_by_name("weightedpath")->id, PRIO_WEIGHTEDPATH);
	assert_null(checker_by_name("emc"));
	assert_null(prio_by_name("weighted"));
	assert_null(checker_by_name(NULL));
	assert_null(checker_def(CHK_COUNT));
	assert_null(prio_def(-1));
	assert_string_equal(checker_name(99), "tur");
	assert_string_equal(prio_name(99), "const");
	/* the ones that ask the device are not run on a dead path */
	assert_true(prio_def(PRIO_ALUA)->io);
	assert_true(prio_def(PRIO_PATH_LATENCY)->io);
	assert_false(prio_def(PRIO_CONST)->io);
	assert_false(prio_def(PRIO_WEIGHTEDPATH)->io);
}

static struct mp_settings settings(int chk, int prio, const char *args, int dp, int dc, int tmo)
{
	struct mp_settings s;

	memset(&s, 0, sizeof(s));
	s.checker = chk;
	s.prio = prio;
	s.prio_args = (char *)args;
	s.detect_prio = dp;
	s.detect_checker = dc;
	s.checker_timeout = tmo;
	return s;
}

static void test_select(void **state)
{
	struct path p = mkpath("sdb", 8, 16, "3600a", "S1", 1, 0, 0);
	struct sel_facts none = { .tpgs = 0 }, alua = { .tpgs = 1, .access_state = 1 };
	struct sel_facts rdac = { .tpgs = 1, .rdac = 1, .access_state = 1, .sysfs_timeout = 60 };
	struct mp_settings s;
	const char *args;

	(void)state;
	/* defaults (UNSET): detection on; ALUA with the kernel's handler: tur + sysfs */
	s = settings(CHK_DIRECTIO, PRIO_CONST, "x", UNSET, UNSET, UNSET);
	assert_int_equal(sel_needs(&s), SEL_NEED_TPGS | SEL_NEED_RDAC);
	select_checker_prio(&s, &alua, &p, &args);
	assert_int_equal(p.checker, CHK_TUR);
	assert_int_equal(p.checker_from, SEL_DETECT);
	assert_int_equal(p.prio_method, PRIO_SYSFS);
	assert_int_equal(p.prio_from, SEL_DETECT);
	assert_null(args);   /* a detected prioritizer takes no prio_args */
	assert_int_equal(p.checker_timeout, CHECKER_DEFAULT_TIMEOUT);
	assert_int_equal(p.timeout_from, TMO_DEFAULT);
	/* no handler attached: alua over SG_IO */
	alua.access_state = 0;
	select_checker_prio(&s, &alua, &p, &args);
	assert_int_equal(p.prio_method, PRIO_ALUA);
	/* an RDAC array: rdac checker; implicit ALUA there keeps alua, not sysfs */
	select_checker_prio(&s, &rdac, &p, &args);
	assert_int_equal(p.checker, CHK_RDAC);
	assert_int_equal(p.prio_method, PRIO_ALUA);
	assert_int_equal(p.checker_timeout, 60);
	assert_int_equal(p.timeout_from, TMO_SYSFS);
	rdac.tpgs = 2;   /* explicit-only: sysfs whatever the array */
	select_checker_prio(&s, &rdac, &p, &args);
	assert_int_equal(p.prio_method, PRIO_SYSFS);
	assert_true(sel_prio_needs_rdac(&s, 1));
	assert_false(sel_prio_needs_rdac(&s, 2));
	assert_false(sel_prio_needs_rdac(&s, 0));
	/* no ALUA: the configured ones, with their args */
	select_checker_prio(&s, &none, &p, &args);
	assert_int_equal(p.checker, CHK_DIRECTIO);
	assert_int_equal(p.checker_from, SEL_CONFIG);
	assert_int_equal(p.prio_method, PRIO_CONST);
	assert_int_equal(p.prio_from, SEL_CONFIG);
	assert_string_equal(args, "x");
	/* an RDAC array without TPGS: rdac checker still */
	rdac.tpgs = 0;
	select_checker_prio(&s, &rdac, &p, &args);
	assert_int_equal(p.checker, CHK_RDAC);
	assert_int_equal(p.prio_method, PRIO_CONST);
	/* detection off: the configured ones even on ALUA */
	s = settings(CHK_HP_SW, PRIO_WEIGHTEDPATH, "devname sdb 5", 0, 0, 7);
	assert_int_equal(sel_needs(&s), 0);
	alua.access_state = 1;
	select_checker_prio(&s, &alua, &p, &args);
	assert_int_equal(p.checker, CHK_HP_SW);
	assert_int_equal(p.prio_method, PRIO_WEIGHTEDPATH);
	assert_string_equal(args, "devname sdb 5");
	assert_int_equal(p.checker_timeout, 7);
	assert_int_equal(p.timeout_from, TMO_CONFIG);
	/* ana on a SCSI path: const, and why */
	s = settings(CHK_TUR, PRIO_ANA, NULL, 1, 1, 0);
	select_checker_prio(&s, &none, &p, &args);
	assert_int_equal(p.prio_method, PRIO_CONST);
	assert_int_equal(p.prio_from, SEL_ANA_SCSI);
	/* unknown TPGS (-1) detects nothing */
	none.tpgs = -1;
	select_checker_prio(&s, &none, &p, &args);
	assert_int_equal(p.checker_from, SEL_CONFIG);
	assert_int_equal(p.tpgs, -1);
}

static void test_describe(void **state)
{
	struct path p = mkpath("sdb", 8, 16, "3600a", "S1", 1, 0, 0);
	struct sel_facts alua = { .tpgs = 1, .access_state = 1, .sysfs_timeout = 30 };
	struct mp_settings s = settings(CHK_TUR, PRIO_CONST, NULL, UNSET, UNSET, UNSET);
	const char *args;
	char buf[256];

	(void)state;
	describe_selection(&p, buf, sizeof(buf));
	assert_string_equal(buf, "");
	select_checker_prio(&s, &alua, &p, &args);
	p.prio = 50;
	describe_selection(&p, buf, sizeof(buf));
	assert_string_equal(buf, "checker tur (detect_checker, TPGS=1), timeout 30 s (sysfs "
			    "device/timeout); prio sysfs (detect_prio, TPGS=1, access_state in "
			    "sysfs) = 50");
	s = settings(CHK_EMC_CLARIION, PRIO_ANA, NULL, 0, 0, 12);
	select_checker_prio(&s, &alua, &p, &args);
	p.prio = 1;
	describe_selection(&p, buf, sizeof(buf));
	assert_string_equal(buf, "checker emc_clariion (configuration), timeout 12 s "
			    "(configuration); prio const (ana from the configuration is NVMe-only, "
			    "not for SCSI paths: const) = 1");
	/* with the configuration's origins */
	s.origin[S_CHECKER] = "/etc/multipath.conf:7, devices DGC/.*";
	s.origin[S_PRIO] = "built-in devices NVME/.*";
	s.origin[S_CHECKER_TIMEOUT] = "/etc/multipath.conf:2, defaults";
	select_checker_prio(&s, &alua, &p, &args);
	describe_selection(&p, buf, sizeof(buf));
	assert_string_equal(buf, "checker emc_clariion (/etc/multipath.conf:7, devices DGC/.*), "
			    "timeout 12 s (/etc/multipath.conf:2, defaults); prio const (ana from "
			    "built-in devices NVME/.* is NVMe-only, not for SCSI paths: const) = 1");
	s = settings(CHK_TUR, PRIO_CONST, NULL, 0, 0, UNSET);
	s.origin[S_CHECKER] = s.origin[S_PRIO] = "default";
	select_checker_prio(&s, &alua, &p, &args);
	describe_selection(&p, buf, sizeof(buf));
	assert_string_equal(buf, "checker tur (default), timeout 30 s (sysfs device/timeout); "
			    "prio const (default) = 1");
	alua.rdac = 1;
	alua.tpgs = 0;
	s = settings(CHK_TUR, PRIO_RDAC, NULL, UNSET, UNSET, 0);
	select_checker_prio(&s, &alua, &p, &args);
	describe_selection(&p, buf, sizeof(buf));
	assert_non_null(strstr(buf, "checker rdac (detect_checker, VPD 0xC9 vac1)"));
	/* truncation is safe */
	describe_selection(&p, buf, 10);
	assert_int_equal(strlen(buf), 9);
}

static void test_facts(void **state)
{
	static const unsigned char pg0[] = { 0, 0, 0, 4, 0x00, 0x80, 0x83, 0xc9, 0xee };
	unsigned char inq[8] = { 0, 0, 5, 2, 31, 0x10, 0, 0 };

	(void)state;
	assert_int_equal(vpd_page_listed(pg0, sizeof(pg0), 0xc9), 1);
	assert_int_equal(vpd_page_listed(pg0, sizeof(pg0), 0xee), 0);   /* past the page length */
	assert_int_equal(vpd_page_listed(pg0, 7, 0xc9), 0);             /* cut short */
	assert_int_equal(vpd_page_listed(pg0, 3, 0x80), -1);
	assert_int_equal(vpd_page_listed(NULL, 9, 0x80), -1);
	assert_int_equal(inquiry_tpgs(inq, sizeof(inq)), 1);
	inq[5] = 0x30;
	assert_int_equal(inquiry_tpgs(inq, sizeof(inq)), 3);
	inq[5] = 0x0f;
	assert_int_equal(inquiry_tpgs(inq, sizeof(inq)), 0);
	assert_int_equal(inquiry_tpgs(inq, 5), -1);
	assert_true(detect_enabled(UNSET));
	assert_true(detect_enabled(1));
	assert_false(detect_enabled(0));
}

/* Prioritizers and checkers that send nothing, through the dispatch. */
static void test_no_io(void **state)
{
	struct path p = mkpath("sdc", 8, 32, "3600a", "0395J1FR904324", 1, 0, 2);

	(void)state;
	setenv("SYSFS_PATH", "/nonexistent", 1);
	prioritize_path(&p, -1, PRIO_CONST, NULL, 1000);
	assert_int_equal(p.prio, 1);
	prioritize_path(&p, -1, PRIO_ANA, NULL, 1000);
	assert_int_equal(p.prio, 1);
	prioritize_path(&p, -1, PRIO_WEIGHTEDPATH, "hbtl 1:0:0:2 7", 1000);
	assert_int_equal(p.prio, 7);
	prioritize_path(&p, -1, PRIO_WEIGHTEDPATH, "serial ^0395 3", 1000);
	assert_int_equal(p.prio, 3);
	for (int i = 0; i < 50; i++) {
		prioritize_path(&p, -1, PRIO_RANDOM, NULL, 1000);
		assert_in_range(p.prio, 1, 10);
	}
	/* no portal known: not the preferred IP */
	prioritize_path(&p, -1, PRIO_IET, "preferredip=10.0.0.1", 1000);
	assert_int_equal(p.prio, 10);
	assert_string_equal(p.errmsg, "");
	/* a malformed prio_args: prio 0 and the reason */
	prioritize_path(&p, -1, PRIO_WEIGHTEDPATH, "bogus 1", 1000);
	assert_int_equal(p.prio, 0);
	assert_string_equal(p.errmsg, "sdc: prio weightedpath: prio_args must start with hbtl, "
			    "devname, serial or wwn");
	/* a prioritizer that needs the device, without one: prio 0, said why */
	p.errmsg[0] = '\0';
	prioritize_path(&p, -1, PRIO_RDAC, NULL, 1000);
	assert_int_equal(p.prio, 0);
	assert_non_null(strstr(p.errmsg, "prio rdac"));
	/* checker none: up without a command */
	p.state = PATH_DOWN;
	check_path(&p, -1, CHK_NONE, 1000);
	assert_int_equal(p.state, PATH_UP);
	/* an SG_IO checker without a device: down, with the reason */
	p.errmsg[0] = '\0';
	check_path(&p, -1, CHK_RDAC, 1000);
	assert_int_equal(p.state, PATH_DOWN);
	assert_non_null(strstr(p.errmsg, "INQUIRY VPD 0xC9"));
	unsetenv("SYSFS_PATH");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_facts),
		cmocka_unit_test(test_no_io),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
