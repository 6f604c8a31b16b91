/* Coalescing by WWID and the grouping policies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "coalesce.h"
#include "pgpolicy.h"
#include "helpers.h"

#define W1 "36333333000001f40"
#define W2 "36333333000001f41"

/* Scan order: sda(W1,A) sdb(W2,A) sdc(none) sdd(W1,B) sde(W2,B) sdf(W1,A) */
static void build(struct pathvec *pv)
{
	struct path p[] = {
		mkpath("sda", 8, 0, W1, "A", 0, 0, 0),
		mkpath("sdb", 8, 16, W2, "A", 0, 0, 1),
		mkpath("sdc", 8, 32, "", "", 0, 1, 0),
		mkpath("sdd", 8, 48, W1, "B", 1, 0, 0),
		mkpath("sde", 8, 64, W2, "B", 1, 0, 1),
		mkpath("sdf", 8, 80, W1, "A", 2, 0, 0),
	};
	memset(pv, 0, sizeof(*pv));
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		assert_int_equal(pathvec_add(pv, &p[i]), 0);
}

static void test_coalesce_keeps_scan_order(void **state)
{
	struct pathvec pv;
	struct mpvec mv;

	(void)state;
	build(&pv);
	assert_int_equal(coalesce_paths(&pv, NULL, &mv), 0);
	assert_int_equal(mv.n, 2);
	assert_string_equal(mv.m[0].wwid, W1);   /* first seen first */
	assert_int_equal(mv.m[0].n, 3);
	assert_int_equal(mv.m[0].idx[0], 0);
	assert_int_equal(mv.m[0].idx[1], 3);
	assert_int_equal(mv.m[0].idx[2], 5);
	assert_string_equal(mv.m[1].wwid, W2);
	assert_int_equal(mv.m[1].n, 2);
	assert_int_equal(mv.m[1].idx[0], 1);
	assert_int_equal(mv.m[1].idx[1], 4);
	assert_int_equal(mv.m[1].size, 2048);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_coalesce_scope_and_empty(void **state)
{
	struct pathvec pv, empty = { 0 };
	struct mpvec mv;

	(void)state;
	build(&pv);
	assert_int_equal(coalesce_paths(&pv, W2, &mv), 0);
	assert_int_equal(mv.n, 1);
	assert_string_equal(mv.m[0].wwid, W2);
	mpvec_free(&mv);
	assert_int_equal(coalesce_paths(&pv, "nope", &mv), 0);
	assert_int_equal(mv.n, 0);
	mpvec_free(&mv);
	assert_int_equal(coalesce_paths(&empty, NULL, &mv), 0);
	assert_int_equal(mv.n, 0);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

/* A path without WWID is never coalesced, even with another path without WWID. */
static void test_no_wwid_never_coalesced(void **state)
{
	struct pathvec pv = { 0 };
	struct path a = mkpath("sda", 8, 0, "", "", 0, 0, 0), b = mkpath("sdb", 8, 16, "", "", 1, 0, 0);
	struct mpvec mv;

	(void)state;
	pathvec_add(&pv, &a);
	pathvec_add(&pv, &b);
	assert_int_equal(coalesce_paths(&pv, NULL, &mv), 0);
	assert_int_equal(mv.n, 0);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_failover(void **state)
{
	struct pathvec pv;
	struct mpvec mv;

	(void)state;
	build(&pv);
	coalesce_paths(&pv, NULL, &mv);
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_FAILOVER), 0);
	assert_int_equal(mv.m[0].npg, 3);
	for (size_t g = 0; g < 3; g++)
		assert_int_equal(mv.m[0].pg[g].n, 1);
	assert_int_equal(mv.m[0].pg[0].idx[0], 0);
	assert_int_equal(mv.m[0].pg[1].idx[0], 3);
	assert_int_equal(mv.m[0].pg[2].idx[0], 5);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_multibus_skips_unusable(void **state)
{
	struct pathvec pv;
	struct mpvec mv;

	(void)state;
	build(&pv);
	pv.p[3].state = PATH_DOWN;   /* sdd failed TUR */
	coalesce_paths(&pv, NULL, &mv);
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_MULTIBUS), 0);
	assert_int_equal(mv.m[0].npg, 1);
	assert_int_equal(mv.m[0].pg[0].n, 2);
	assert_int_equal(mv.m[0].pg[0].idx[0], 0);
	assert_int_equal(mv.m[0].pg[0].idx[1], 5);
	pv.p[5].busy = 1;
	pv.p[0].state = PATH_DOWN;
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_MULTIBUS), 0);
	assert_int_equal(mv.m[0].npg, 0);   /* nothing usable: no groups */
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_group_by_serial(void **state)
{
	struct pathvec pv;
	struct mpvec mv;

	(void)state;
	build(&pv);
	coalesce_paths(&pv, NULL, &mv);
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_GROUP_BY_SERIAL), 0);
	/* W1: sda(A) sdd(B) sdf(A) -> [sda sdf] [sdd], first-seen order */
	assert_int_equal(mv.m[0].npg, 2);
	assert_int_equal(mv.m[0].pg[0].n, 2);
	assert_int_equal(mv.m[0].pg[0].idx[0], 0);
	assert_int_equal(mv.m[0].pg[0].idx[1], 5);
	assert_int_equal(mv.m[0].pg[1].n, 1);
	assert_int_equal(mv.m[0].pg[1].idx[0], 3);
	/* regrouping frees and rebuilds */
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_MULTIBUS), 0);
	assert_int_equal(mv.m[0].npg, 1);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

/* Later serial sorting before first-seen: "B" seen first must still come first. */
static void test_group_by_serial_first_seen_not_sorted(void **state)
{
	struct pathvec pv = { 0 };
	struct path a = mkpath("sda", 8, 0, W1, "ZZZ", 0, 0, 0), b = mkpath("sdb", 8, 16, W1, "AAA", 1, 0, 0);
	struct mpvec mv;

	(void)state;
	pathvec_add(&pv, &a);
	pathvec_add(&pv, &b);
	coalesce_paths(&pv, NULL, &mv);
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_GROUP_BY_SERIAL), 0);
	assert_int_equal(mv.m[0].npg, 2);
	assert_int_equal(mv.m[0].pg[0].idx[0], 0);
	assert_int_equal(mv.m[0].pg[1].idx[0], 1);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_policy_names(void **state)
{
	(void)state;
	assert_int_equal(pgpolicy_from_name("failover"), PGP_FAILOVER);
	assert_int_equal(pgpolicy_from_name("multibus"), PGP_MULTIBUS);
	assert_int_equal(pgpolicy_from_name("group_by_serial"), PGP_GROUP_BY_SERIAL);
	assert_int_equal(pgpolicy_from_name("group_by_prio"), PGP_GROUP_BY_PRIO);
	assert_int_equal(pgpolicy_from_name("group_by_node_name"), PGP_GROUP_BY_NODE_NAME);
	assert_int_equal(pgpolicy_from_name("group_by_tur"), PGP_INVALID);
	assert_int_equal(pgpolicy_from_name(NULL), PGP_INVALID);
	assert_string_equal(pgpolicy_name(PGP_MULTIBUS), "multibus");
	assert_string_equal(pgpolicy_name(PGP_INVALID), "invalid");
}

/* Many paths, many LUs: correctness at a size where an O(n^2) bug would show. */
static void test_large(void **state)
{
	struct pathvec pv = { 0 };
	struct mpvec mv;
	const size_t luns = 5000, per = 4;

	(void)state;
	for (size_t i = 0; i < luns * per; i++) {
		char w[40], d[16];
		struct path p;

		snprintf(w, sizeof(w), "3600%012zu", (i * 7919) % luns);
		snprintf(d, sizeof(d), "sd%zu", i);
		p = mkpath(d, 8, (unsigned int)i, w, i % 2 ? "B" : "A", (int)(i % per), 0, 0);
		assert_int_equal(pathvec_add(&pv, &p), 0);
	}
	assert_int_equal(coalesce_paths(&pv, NULL, &mv), 0);
	assert_int_equal(mv.n, luns);
	for (size_t m = 0; m < mv.n; m++) {
		assert_int_equal(mv.m[m].n, per);
		for (size_t k = 1; k < per; k++)
			assert_true(mv.m[m].idx[k - 1] < mv.m[m].idx[k]);
		if (m)
			assert_true(mv.m[m - 1].idx[0] < mv.m[m].idx[0]);
	}
	mpvec_free(&mv);
	pathvec_free(&pv);
}

/* ALUA-like LU over 4 ports: optimized (50), non-optimized (10), standby ghost (1), optimized. */
static void alua_lu(struct pathvec *pv, struct mpvec *mv)
{
	static const int prio[] = { 10, 50, 1, 50 };
	static const char *const node[] = { "nodeB", "nodeA", "nodeB", "nodeA" };

	memset(pv, 0, sizeof(*pv));
	for (int i = 0; i < 4; i++) {
		char d[8];
		struct path p;

		snprintf(d, sizeof(d), "sd%c", 'a' + i);
		p = mkpath(d, 8, (unsigned int)(16 * i), W1, "", i, 0, 0);
		p.prio = prio[i];
		strlcpy_safe(p.node_name, node[i], sizeof(p.node_name));
		if (prio[i] == 1)
			p.state = PATH_GHOST;
		pathvec_add(pv, &p);
	}
	assert_int_equal(coalesce_paths(pv, NULL, mv), 0);
}

static void test_group_by_prio(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	struct multipath *mp;

	(void)state;
	alua_lu(&pv, &mv);
	mp = &mv.m[0];
	assert_int_equal(group_paths(mp, &pv, PGP_GROUP_BY_PRIO), 0);
	assert_int_equal(mp->npg, 3);
	assert_int_equal(mp->pg[0].n, 2);          /* prio 50: sdb, sdd in scan order */
	assert_int_equal(mp->pg[0].idx[0], 1);
	assert_int_equal(mp->pg[0].idx[1], 3);
	assert_int_equal(mp->pg[1].idx[0], 0);     /* prio 10 */
	assert_int_equal(mp->pg[2].idx[0], 2);     /* standby ghost last, but kept */
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_failover_ranks_by_prio_and_ghosts_last(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	struct multipath *mp;

	(void)state;
	alua_lu(&pv, &mv);
	mp = &mv.m[0];
	pv.p[2].prio = 99;   /* a ghost with a high priority still goes after active groups */
	assert_int_equal(group_paths(mp, &pv, PGP_FAILOVER), 0);
	assert_int_equal(mp->npg, 4);
	assert_int_equal(mp->pg[0].idx[0], 1);
	assert_int_equal(mp->pg[1].idx[0], 3);     /* equal prio: scan order */
	assert_int_equal(mp->pg[2].idx[0], 0);
	assert_int_equal(mp->pg[3].idx[0], 2);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_group_by_node_name(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	struct multipath *mp;

	(void)state;
	alua_lu(&pv, &mv);
	mp = &mv.m[0];
	for (size_t i = 0; i < pv.n; i++)
		pv.p[i].prio = 0;
	pv.p[2].state = PATH_UP;
	assert_int_equal(group_paths(mp, &pv, PGP_GROUP_BY_NODE_NAME), 0);
	assert_int_equal(mp->npg, 2);
	assert_int_equal(mp->pg[0].idx[0], 0);     /* nodeB seen first */
	assert_int_equal(mp->pg[0].idx[1], 2);
	assert_int_equal(mp->pg[1].idx[0], 1);
	assert_int_equal(mp->pg[1].idx[1], 3);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

/* A live map keeps a failing path in its table; a new map leaves it out. Busy never. */
static void test_include_down(void **state)
{
	struct pathvec pv;
	struct mpvec mv;

	(void)state;
	build(&pv);
	pv.p[3].state = PATH_DOWN;
	pv.p[5].busy = 1;
	coalesce_paths(&pv, NULL, &mv);
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_FAILOVER), 0);
	assert_int_equal(mv.m[0].npg, 1);
	mv.m[0].include_down = 1;
	assert_int_equal(group_paths(&mv.m[0], &pv, PGP_FAILOVER), 0);
	assert_int_equal(mv.m[0].npg, 2);
	assert_int_equal(mv.m[0].pg[0].idx[0], 0);
	assert_int_equal(mv.m[0].pg[1].idx[0], 3);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coalesce_keeps_scan_order),
		cmocka_unit_test(test_coalesce_scope_and_empty),
		cmocka_unit_test(test_no_wwid_never_coalesced),
		cmocka_unit_test(test_failover),
		cmocka_unit_test(test_multibus_skips_unusable),
		cmocka_unit_test(test_group_by_serial),
		cmocka_unit_test(test_group_by_serial_first_seen_not_sorted),
		cmocka_unit_test(test_policy_names),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_group_by_prio),
		cmocka_unit_test(test_failover_ranks_by_prio_and_ghosts_last),
		cmocka_unit_test(test_group_by_node_name),
		cmocka_unit_test(test_include_down),
	};
	return cmocka_run_group_tests_name("coalesce+pgpolicy", tests, NULL, NULL);
}
