/* ALUA decoding: TPG from VPD 0x83, REPORT TARGET PORT GROUPS, priorities. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "alua.h"
#include "helpers.h"

/* 0x83 page: an NAA LU designator, a relative target port (type 4), and a TPG (type 5). */
static const unsigned char pg83[] = {
	0x00, 0x83, 0x00, 0x1c,
	0x01, 0x03, 0x00, 0x08, 0x33, 0x33, 0x33, 0x30, 0x00, 0x00, 0x07, 0xd0,
	0x61, 0x94, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
	0x61, 0x95, 0x00, 0x04, 0x00, 0x00, 0x01, 0x02,
};

static void test_tpg(void **state)
{
	unsigned int tpg = 0;
	unsigned char bad[sizeof(pg83)];

	(void)state;
	assert_int_equal(alua_tpg_from_pg83(pg83, sizeof(pg83), &tpg), 0);
	assert_int_equal(tpg, 0x102);
	/* no TPG designator */
	assert_int_equal(alua_tpg_from_pg83(pg83, 24, &tpg), -ENODATA);
	/* a designator overrunning the page */
	memcpy(bad, pg83, sizeof(bad));
	bad[19] = 0x40;
	assert_int_equal(alua_tpg_from_pg83(bad, sizeof(bad), &tpg), -EINVAL);
	assert_int_equal(alua_tpg_from_pg83(pg83, 3, &tpg), -EINVAL);
	bad[1] = 0x80;
	assert_int_equal(alua_tpg_from_pg83(bad, sizeof(bad), &tpg), -EINVAL);
}

static void test_rtpg(void **state)
{
	/* two groups: 0x100 active/optimized preferred (1 port), 0x102 standby (2 ports) */
	static const unsigned char r[] = {
		0x00, 0x00, 0x00, 0x1c,
		0x80, 0x0f, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
		0x02, 0x0f, 0x01, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x00, 0x00, 0x03,
	};
	/* the same first group in the extended format */
	static const unsigned char x[] = {
		0x00, 0x00, 0x00, 0x10, 0x10, 0x05, 0x00, 0x00,
		0x01, 0x0f, 0x00, 0x07, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	};
	enum alua_state s;
	int pref;

	(void)state;
	assert_int_equal(alua_parse_rtpg(r, sizeof(r), 0x100, &s, &pref), 0);
	assert_int_equal(s, ALUA_ACTIVE_OPTIMIZED);
	assert_int_equal(pref, 1);
	assert_int_equal(alua_parse_rtpg(r, sizeof(r), 0x102, &s, &pref), 0);
	assert_int_equal(s, ALUA_STANDBY);
	assert_int_equal(pref, 0);
	assert_int_equal(alua_parse_rtpg(r, sizeof(r), 7, &s, &pref), -ENOENT);
	assert_int_equal(alua_parse_rtpg(r, 20, 0x102, &s, &pref), -ENOENT);   /* cut: not reached */
	assert_int_equal(alua_parse_rtpg(r, 2, 0x100, &s, &pref), -EINVAL);
	assert_int_equal(alua_parse_rtpg(x, sizeof(x), 7, &s, &pref), 0);
	assert_int_equal(s, ALUA_ACTIVE_NONOPTIMIZED);
	{
		unsigned char over[sizeof(r)];

		memcpy(over, r, sizeof(r));
		over[11] = 0xff;   /* port count runs past the data */
		assert_int_equal(alua_parse_rtpg(over, sizeof(over), 0x102, &s, &pref), -EINVAL);
	}
}

static void test_prio_and_names(void **state)
{
	(void)state;
	assert_int_equal(alua_prio(ALUA_ACTIVE_OPTIMIZED, 0, 0), 50);
	assert_int_equal(alua_prio(ALUA_ACTIVE_NONOPTIMIZED, 0, 0), 10);
	assert_int_equal(alua_prio(ALUA_STANDBY, 0, 0), 1);
	assert_int_equal(alua_prio(ALUA_UNAVAILABLE, 0, 0), 0);
	assert_int_equal(alua_prio(ALUA_ACTIVE_NONOPTIMIZED, 1, 0), 90);
	assert_int_equal(alua_prio(ALUA_UNKNOWN, 0, 0), 0);
	/* preferred: no bonus for an optimized port unless exclusive_pref_bit */
	assert_int_equal(alua_prio(ALUA_ACTIVE_OPTIMIZED, 1, 0), 50);
	assert_int_equal(alua_prio(ALUA_ACTIVE_OPTIMIZED, 1, 1), 130);
	assert_int_equal(alua_prio(ALUA_STANDBY, 1, 0), 81);
	assert_int_equal(alua_state_from_sysfs("active/optimized"), ALUA_ACTIVE_OPTIMIZED);
	assert_int_equal(alua_state_from_sysfs("standby"), ALUA_STANDBY);
	assert_int_equal(alua_state_from_sysfs("bogus"), ALUA_UNKNOWN);
	assert_int_equal(alua_state_from_sysfs(NULL), ALUA_UNKNOWN);
	assert_string_equal(alua_state_name(ALUA_TRANSITIONING), "transitioning");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tpg),
		cmocka_unit_test(test_rtpg),
		cmocka_unit_test(test_prio_and_names),
	};
	return cmocka_run_group_tests_name("alua", tests, NULL, NULL);
}
