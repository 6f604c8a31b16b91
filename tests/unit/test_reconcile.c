/* Re-validation of a map whose table is right: fail/reinstate/switch_group messages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "reconcile.h"
#include "helpers.h"

static void paths(struct pathvec *pv, enum path_state a, enum path_state b)
{
	struct path p1 = mkpath("sdb", 8, 16, "3600a", "", 0, 0, 0);
	struct path p2 = mkpath("sdd", 8, 48, "3600a", "", 1, 0, 0);

	p1.state = a;
	p2.state = b;
	memset(pv, 0, sizeof(*pv));
	pathvec_add(pv, &p1);
	pathvec_add(pv, &p2);
}

static void run(const char *status, enum path_state a, enum path_state b, int fb,
		const char *const *want, size_t nwant)
{
	struct mpt_table t;
	struct pathvec pv;
	struct reconcile_msgs m;

	paths(&pv, a, b);
	assert_int_equal(mpt_parse_status(status, &t), 0);
	assert_int_equal(reconcile_map(&t, &pv, fb, &m), 0);
	assert_int_equal(m.n, nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_string_equal(m.msg[i], want[i]);
	reconcile_free(&m);
	mpt_free(&t);
	pathvec_free(&pv);
}

static void test_reconcile(void **state)
{
	/* failover map, kernel in group 2 after 8:16 failed */
	const char *st = "2 0 0 0 2 2 E 0 1 0 8:16 F 1 A 0 1 0 8:48 A 0";
	const char *const back[] = { "reinstate_path 8:16", "switch_group 1" };
	const char *const only_reinstate[] = { "reinstate_path 8:16" };
	const char *const fail[] = { "fail_path 8:48" };

	(void)state;
	run(st, PATH_UP, PATH_UP, 1, back, 2);
	run(st, PATH_UP, PATH_UP, 0, only_reinstate, 1);   /* failback manual: stay */
	run(st, PATH_GHOST, PATH_UP, 0, only_reinstate, 1);  /* standby is not dead */
	run(st, PATH_DOWN, PATH_UP, 1, NULL, 0);           /* still dead: nothing to do */
	run(st, PATH_DOWN, PATH_DOWN, 1, fail, 1);
	run(st, PATH_UNCHECKED, PATH_UNCHECKED, 1, NULL, 0);   /* -l: no checks, no messages */
	/* multibus, one group in use: a failed standby path there stays failed (it would only
	 * fail again), an active one comes back */
	run("2 0 0 0 1 1 A 0 2 0 8:16 F 1 8:48 A 0", PATH_GHOST, PATH_UP, 1, NULL, 0);
	run("2 0 0 0 1 1 A 0 2 0 8:16 F 1 8:48 A 0", PATH_UP, PATH_UP, 1, only_reinstate, 1);
	/* an unknown dev_t in the map is left alone */
	run("2 0 0 0 1 1 A 0 1 0 9:9 F 1", PATH_UP, PATH_UP, 1, NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reconcile),
	};
	return cmocka_run_group_tests_name("reconcile", tests, NULL, NULL);
}
