/* find_multipaths policy: which LUs become maps, and why. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "findmp.h"

static struct findmp_facts facts(int mode, unsigned int npaths, int wwids, int conf,
				 int known, int bl)
{
	struct findmp_facts f = { mode, npaths, wwids, conf, known, bl };

	return f;
}

static void expect(struct findmp_facts f, int yes, enum findmp_reason why)
{
	enum findmp_reason r = (enum findmp_reason)-1;

	assert_int_equal(findmp_decide(&f, &r), yes);
	assert_int_equal(r, why);
}

static void test_on(void **state)
{
	(void)state;
	expect(facts(FIND_MP_ON, 1, 0, 0, 0, 0), 0, FMR_SINGLE_PATH);
	expect(facts(FIND_MP_ON, 2, 0, 0, 0, 0), 1, FMR_MULTIPLE_PATHS);
	expect(facts(FIND_MP_ON, 4, 0, 0, 0, 0), 1, FMR_MULTIPLE_PATHS);
	expect(facts(FIND_MP_ON, 1, 1, 0, 0, 0), 1, FMR_IN_WWIDS);
	expect(facts(FIND_MP_ON, 1, 0, 1, 0, 0), 1, FMR_IN_CONFIG);
	expect(facts(FIND_MP_ON, 1, 0, 0, 1, 0), 1, FMR_KNOWN_ARRAY);
	/* several reasons: the explicit one is named */
	expect(facts(FIND_MP_ON, 2, 1, 1, 1, 0), 1, FMR_IN_CONFIG);
	expect(facts(FIND_MP_ON, 2, 1, 0, 1, 0), 1, FMR_IN_WWIDS);
	expect(facts(FIND_MP_ON, 3, 0, 0, 1, 0), 1, FMR_MULTIPLE_PATHS);
}

static void test_greedy(void **state)
{
	(void)state;
	expect(facts(FIND_MP_GREEDY, 1, 0, 0, 0, 0), 1, FMR_GREEDY);
	expect(facts(FIND_MP_GREEDY, 3, 0, 0, 0, 0), 1, FMR_GREEDY);
	expect(facts(FIND_MP_GREEDY, 1, 1, 0, 0, 0), 1, FMR_IN_WWIDS);
	expect(facts(FIND_MP_GREEDY, 1, 0, 0, 0, 1), 0, FMR_BLACKLISTED);
}

static void test_strict(void **state)
{
	(void)state;
	expect(facts(FIND_MP_STRICT, 1, 0, 0, 0, 0), 0, FMR_NOT_LISTED);
	/* neither paths nor known hardware are enough under strict */
	expect(facts(FIND_MP_STRICT, 8, 0, 0, 1, 0), 0, FMR_NOT_LISTED);
	expect(facts(FIND_MP_STRICT, 1, 1, 0, 0, 0), 1, FMR_IN_WWIDS);
	expect(facts(FIND_MP_STRICT, 2, 0, 1, 0, 0), 1, FMR_IN_CONFIG);
}

static void test_blacklisted_and_no_paths(void **state)
{
	int mode;

	(void)state;
	for (mode = FIND_MP_ON; mode <= FIND_MP_STRICT; mode++) {
		/* blacklisted beats every reason to multipath */
		expect(facts(mode, 4, 1, 1, 1, 1), 0, FMR_BLACKLISTED);
		expect(facts(mode, 0, 1, 1, 1, 0), 0, FMR_NO_PATHS);
	}
}

/* Every combination against the rule as the man page states it. */
static void test_exhaustive(void **state)
{
	static const unsigned int np[] = { 0, 1, 2, 3, 100 };
	int mode, w, c, k, b;
	size_t i;

	(void)state;
	for (mode = FIND_MP_ON; mode <= FIND_MP_STRICT; mode++)
	for (i = 0; i < sizeof(np) / sizeof(np[0]); i++)
	for (w = 0; w < 2; w++) for (c = 0; c < 2; c++)
	for (k = 0; k < 2; k++) for (b = 0; b < 2; b++) {
		struct findmp_facts f = facts(mode, np[i], w, c, k, b);
		enum findmp_reason r;
		int want;

		if (b || !np[i])
			want = 0;
		else if (mode == FIND_MP_GREEDY)
			want = 1;
		else if (mode == FIND_MP_STRICT)
			want = w || c;
		else
			want = w || c || np[i] >= 2 || k;
		assert_int_equal(findmp_decide(&f, &r), want);
		assert_int_equal(findmp_decide(&f, NULL), want);
		/* the reason agrees with the verdict */
		assert_int_equal(r == FMR_IN_CONFIG || r == FMR_IN_WWIDS || r == FMR_GREEDY ||
				 r == FMR_MULTIPLE_PATHS || r == FMR_KNOWN_ARRAY, want);
	}
}

static void test_bad_mode(void **state)
{
	struct findmp_facts f = facts(7, 2, 0, 0, 0, 0);
	enum findmp_reason r = FMR_GREEDY;

	(void)state;
	assert_int_equal(findmp_decide(&f, &r), -EINVAL);
	assert_int_equal(r, FMR_GREEDY);     /* untouched */
	f.mode = -1;
	assert_int_equal(findmp_decide(&f, NULL), -EINVAL);
}

static void test_strings(void **state)
{
	int r, s;

	(void)state;
	assert_string_equal(findmp_mode_str(FIND_MP_ON), "on");
	assert_string_equal(findmp_mode_str(FIND_MP_GREEDY), "greedy");
	assert_string_equal(findmp_mode_str(FIND_MP_STRICT), "strict");
	assert_string_equal(findmp_mode_str(42), "?");
	assert_string_equal(findmp_reason_str(FMR_IN_WWIDS), "listed in the wwids file");
	/* every reason has its own text */
	for (r = FMR_BLACKLISTED; r <= FMR_NOT_LISTED; r++) {
		assert_non_null(findmp_reason_str(r));
		assert_string_not_equal(findmp_reason_str(r), "unknown reason");
		for (s = r + 1; s <= FMR_NOT_LISTED; s++)
			assert_string_not_equal(findmp_reason_str(r), findmp_reason_str(s));
	}
	assert_string_equal(findmp_reason_str((enum findmp_reason)99), "unknown reason");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_on),
		cmocka_unit_test(test_greedy),
		cmocka_unit_test(test_strict),
		cmocka_unit_test(test_blacklisted_and_no_paths),
		cmocka_unit_test(test_exhaustive),
		cmocka_unit_test(test_bad_mode),
		cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests_name("findmp", tests, NULL, NULL);
}
