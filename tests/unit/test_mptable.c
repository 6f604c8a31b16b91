/* dm-multipath table text: build, parse (table and status), semantic compare, actions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "action.h"
#include "coalesce.h"
#include "config.h"
#include "mptable.h"
#include "mpwant.h"
#include "pgpolicy.h"
#include "helpers.h"
#include "logcapture.h"

static void two_path_mp(struct pathvec *pv, struct mpvec *mv, enum pgpolicy pol)
{
	struct path a = mkpath("sdb", 8, 16, "3600a", "A", 0, 0, 0);
	struct path b = mkpath("sdd", 8, 48, "3600a", "B", 1, 0, 0);

	memset(pv, 0, sizeof(*pv));
	pathvec_add(pv, &a);
	pathvec_add(pv, &b);
	assert_int_equal(coalesce_paths(pv, NULL, mv), 0);
	assert_int_equal(group_paths(&mv->m[0], pv, pol), 0);
}

/* mpt_build, then the text that would be loaded. */
static int build_text(const struct multipath *mp, const struct pathvec *pv,
		      const struct mpt_conf *c, char *buf, size_t size)
{
	struct mpt_table t;
	int r = mpt_build(mp, pv, c, &t, NULL);

	if (!r)
		r = mpt_format(&t, buf, size);
	mpt_free(&t);
	return r;
}

static void test_build_failover(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	char buf[256];

	(void)state;
	two_path_mp(&pv, &mv, PGP_FAILOVER);
	assert_int_equal(build_text(&mv.m[0], &pv, NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1");
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_build_multibus_and_conf(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	char buf[256];
	struct mpt_conf c = { .hwhandler = "1 alua", .selector = "service-time 0",
			      .path_args = "2 1 1" };

	(void)state;
	assert_int_equal(mpt_features_parse("1 queue_if_no_path", &c.features), 0);
	two_path_mp(&pv, &mv, PGP_MULTIBUS);
	assert_int_equal(build_text(&mv.m[0], &pv, NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0 0 1 1 round-robin 0 2 1 8:16 1 8:48 1");
	assert_int_equal(build_text(&mv.m[0], &pv, &c, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1 queue_if_no_path 1 alua 1 1 service-time 0 2 2 8:16 1 1 8:48 1 1");
	/* too small a buffer is an error, not a truncated table */
	assert_int_equal(build_text(&mv.m[0], &pv, NULL, buf, 20), -ENOSPC);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_build_no_groups(void **state)
{
	struct multipath mp = { 0 };
	struct pathvec pv = { 0 };
	char buf[64];

	(void)state;
	assert_int_equal(build_text(&mp, &pv, NULL, buf, sizeof(buf)), -EINVAL);
}

static void test_parse_table(void **state)
{
	struct mpt_table t;

	(void)state;
	assert_int_equal(mpt_parse_table("3 queue_if_no_path pg_init_retries 50 1 alua 2 1 "
					 "service-time 0 2 2 8:0 1 1 8:32 1 1 "
					 "service-time 0 2 2 8:16 1 1 8:48 1 1", &t), 0);
	assert_int_equal(t.features.no_path, MPT_NP_QUEUE);
	assert_true(mpt_feature_given(&t.features, MPT_PG_INIT_RETRIES));
	assert_int_equal(t.features.pg_init_retries, 50);
	assert_false(mpt_feature_given(&t.features, MPT_RETAIN_HW_HANDLER));
	assert_string_equal(t.hwhandler.name, "alua");
	assert_int_equal(t.hwhandler.args.n, 0);
	assert_int_equal(t.npg, 2);
	assert_int_equal(t.pg_num, 1);
	assert_string_equal(t.pg[1].selector, "service-time");
	assert_int_equal(t.pg[1].npaths, 2);
	assert_string_equal(t.pg[1].paths[1].dev, "8:48");
	assert_int_equal(t.pg[1].paths[1].args.n, 2);
	assert_int_equal(mpt_path_count(&t), 4);
	assert_non_null(mpt_find_path(&t, "8:32"));
	assert_null(mpt_find_path(&t, "8:33"));
	mpt_free(&t);
}

static void test_parse_status(void **state)
{
	struct mpt_table t;

	(void)state;
	/* from the kernel's dm-service-time documentation */
	assert_int_equal(mpt_parse_status("2 0 0 0 1 1 E 0 2 2 8:0 A 0 0 1 8:16 A 0 0 4", &t), 0);
	assert_int_equal(t.npg, 1);
	assert_int_equal(t.pg[0].state, 'E');
	assert_int_equal(t.pg[0].paths[0].state, 'A');
	assert_int_equal(t.pg[0].paths[1].args.n, 2);
	assert_string_equal(t.pg[0].paths[1].args.w[1], "4");
	mpt_free(&t);
	assert_int_equal(mpt_parse_status("2 0 0 0 2 1 A 0 1 0 8:16 A 0 E 0 1 0 8:48 F 3", &t), 0);
	assert_int_equal(t.pg[1].paths[0].state, 'F');
	assert_int_equal(t.pg[1].paths[0].fail_count, 3);
	mpt_free(&t);
	assert_int_equal(mpt_parse_status("2 0 0 0 1 1 X 0 1 0 8:16 A 0", &t), -EINVAL);
	assert_int_equal(mpt_parse_status("2 0 0 0 1 1 A 0 1 0 8:16 Q 0", &t), -EINVAL);
}

static void test_parse_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"0",
		"0 0 1",
		"0 0 2 1 round-robin 0 1 1 8:16 1",            /* PG count mismatch */
		"0 0 1 1 round-robin 0 2 1 8:16 1",            /* path count mismatch */
		"0 0 1 1 round-robin 0 1 1 8:16 1 extra",      /* trailing garbage */
		"5 a b 0 1 1 round-robin 0 1 0 8:16",          /* feature count overrun */
		"0 0 1 2 round-robin 0 1 0 8:16",              /* initial PG > #PGs */
		"0 0 1 1 round-robin 0 0 0",                   /* empty group */
		"0 0 4294967295 1 x",                          /* hostile count */
		"0 0 1 1 round-robin 4294967295 1 0 8:16",
		"0 0 1 1 round-robin 0 4294967295 0 8:16",
		"-1 0 0 0",
		"0 0 99999999999999999999 1",
	};
	struct mpt_table t;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = mpt_parse_table(bad[i], &t);

		if (r != -EINVAL && r != -ERANGE)
			fail_msg("accepted malformed table '%s' (r=%d)", bad[i], r);
	}
	assert_int_equal(mpt_parse_table("0 0 0 0", &t), 0);   /* no groups at all is valid */
	mpt_free(&t);
}

/* What we load vs what `dmsetup table` echoes back. */
static void test_same_semantic(void **state)
{
	struct mpt_table want, live;
	static const struct { const char *want, *live; int same; } cases[] = {
		{ "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1",
		  "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1", 1 },
		/* kernel kept an attached handler */
		{ "0 0 1 1 round-robin 0 2 1 8:16 1 8:48 1",
		  "0 1 alua 1 1 round-robin 0 2 1 8:16 1 8:48 1", 1 },
		/* service-time echoes 2 per-path args */
		{ "0 0 1 1 service-time 0 2 1 8:16 1 8:48 1",
		  "0 0 1 1 service-time 0 2 2 8:16 1 1 8:48 1 1", 1 },
		{ "0 1 alua 1 1 round-robin 0 2 1 8:16 1 8:48 1",
		  "0 0 1 1 round-robin 0 2 1 8:16 1 8:48 1", 0 },
		{ "0 0 1 1 round-robin 0 2 1 8:16 1 8:48 1",
		  "0 0 1 1 round-robin 0 1 1 8:16 1", 0 },
		{ "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1",
		  "0 0 2 1 round-robin 0 1 1 8:48 1 round-robin 0 1 1 8:16 1", 0 },
		{ "1 queue_if_no_path 0 1 1 round-robin 0 1 1 8:16 1",
		  "0 0 1 1 round-robin 0 1 1 8:16 1", 0 },
		{ "0 0 1 1 round-robin 0 1 1 8:16 1",
		  "0 0 1 1 queue-length 0 1 1 8:16 1", 0 },
		/* a repeat_count above 1 is kept by the kernel as 1 (rr_min_io_rq, rr_weight
		 * priorities): no difference, no reload on every run */
		{ "0 0 1 1 round-robin 0 1 1 8:16 2",
		  "0 0 1 1 round-robin 0 1 1 8:16 1", 1 },
		{ "0 0 1 1 service-time 0 2 1 8:16 100 8:48 100",
		  "0 0 1 1 service-time 0 2 2 8:16 1 1 8:48 1 1", 1 },
		{ "0 0 1 1 round-robin 0 1 1 8:16 1",
		  "0 0 1 1 round-robin 0 1 1 8:16 2", 0 },
		{ "0 0 1 1 round-robin 0 1 2 8:16 2 7",
		  "0 0 1 1 round-robin 0 1 2 8:16 1 8", 0 },
		/* the kernel moved to group 2 (failover, switch_group): same table */
		{ "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1",
		  "0 0 2 2 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1", 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(mpt_parse_table(cases[i].want, &want), 0);
		assert_int_equal(mpt_parse_table(cases[i].live, &live), 0);
		if (mpt_same(&want, &live) != cases[i].same)
			fail_msg("case %zu: expected same=%d", i, cases[i].same);
		mpt_free(&want);
		mpt_free(&live);
	}
}

static void test_select_action(void **state)
{
	struct mpt_table t1;

	(void)state;
	assert_int_equal(mpt_parse_table("0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1",
					 &t1), 0);
	assert_int_equal(select_action(&t1, NULL), ACT_CREATE);
	assert_int_equal(select_action(&t1, "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1"),
			 ACT_NONE);
	assert_int_equal(select_action(&t1, "0 0 1 1 round-robin 0 1 1 8:16 1"), ACT_RELOAD);
	assert_int_equal(select_action(&t1, "garbage"), ACT_RELOAD);
	assert_string_equal(action_name(ACT_RELOAD), "reload");
	mpt_free(&t1);
}

/* Round trip: everything we build parses back to the same thing. */
static void test_roundtrip(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	char buf[256];
	struct mpt_table a, b;

	(void)state;
	for (int pol = PGP_FAILOVER; pol <= PGP_GROUP_BY_SERIAL; pol++) {
		two_path_mp(&pv, &mv, (enum pgpolicy)pol);
		assert_int_equal(build_text(&mv.m[0], &pv, NULL, buf, sizeof(buf)), 0);
		assert_int_equal(mpt_parse_table(buf, &a), 0);
		assert_int_equal(mpt_parse_table(buf, &b), 0);
		assert_int_equal(a.npg, mv.m[0].npg);
		assert_true(mpt_same(&a, &b));
		mpt_free(&a);
		mpt_free(&b);
		mpvec_free(&mv);
		pathvec_free(&pv);
	}
}

static void test_format_and_remove(void **state)
{
	const char *in = "1 queue_if_no_path 1 alua 2 2 service-time 0 2 2 8:0 1 1 8:32 1 1 "
			 "round-robin 0 1 1 8:16 1";
	struct mpt_table t;
	char buf[256];

	(void)state;
	assert_int_equal(mpt_parse_table(in, &t), 0);
	assert_int_equal(mpt_format(&t, buf, sizeof(buf)), 0);
	assert_string_equal(buf, in);
	assert_int_equal(mpt_remove_path(&t, "8:32"), 0);
	assert_int_equal(mpt_format(&t, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1 queue_if_no_path 1 alua 2 2 service-time 0 1 2 8:0 1 1 "
				 "round-robin 0 1 1 8:16 1");
	/* removing the only path of the initial group drops the group; PG 1 becomes initial */
	assert_int_equal(mpt_remove_path(&t, "8:16"), 0);
	assert_int_equal(t.npg, 1);
	assert_int_equal(t.pg_num, 1);
	assert_int_equal(mpt_remove_path(&t, "8:99"), -ENOENT);
	assert_int_equal(mpt_remove_path(&t, "8:0"), -ENOTEMPTY);   /* never an empty table */
	assert_int_equal(mpt_format(&t, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1 queue_if_no_path 1 alua 1 1 service-time 0 1 2 8:0 1 1");
	assert_int_equal(mpt_format(&t, buf, 10), -ENOSPC);
	mpt_free(&t);
	/* initial group after the removed one shifts down */
	assert_int_equal(mpt_parse_table("0 0 3 3 round-robin 0 1 1 8:0 1 round-robin 0 1 1 8:16 1 "
					 "round-robin 0 1 1 8:32 1", &t), 0);
	assert_int_equal(mpt_remove_path(&t, "8:0"), 0);
	assert_int_equal(t.pg_num, 2);
	mpt_free(&t);
}

static void test_features_npr(void **state)
{
	char b[128];

	(void)state;
	assert_int_equal(mpt_features_npr("0", -2, b, sizeof(b)), 0);
	assert_string_equal(b, "1 queue_if_no_path");
	assert_int_equal(mpt_features_npr("0", 12, b, sizeof(b)), 0);
	assert_string_equal(b, "1 queue_if_no_path");
	assert_int_equal(mpt_features_npr("3 queue_if_no_path pg_init_retries 50", -1, b, sizeof(b)), 0);
	assert_string_equal(b, "2 pg_init_retries 50");
	assert_int_equal(mpt_features_npr("2 pg_init_retries 50", -2, b, sizeof(b)), 0);
	assert_string_equal(b, "3 queue_if_no_path pg_init_retries 50");
	assert_int_equal(mpt_features_npr("1 queue_if_no_path", 0, b, sizeof(b)), 0);
	assert_string_equal(b, "1 queue_if_no_path");
	assert_int_equal(mpt_features_npr("1 queue_if_no_path", -1, b, sizeof(b)), 0);
	assert_string_equal(b, "0");
	assert_int_equal(mpt_features_npr("2 queue_if_no_path", -1, b, sizeof(b)), -EINVAL);
	assert_int_equal(mpt_features_npr("0 extra", -1, b, sizeof(b)), -EINVAL);
	assert_int_equal(mpt_features_npr("0", -2, b, 4), -ENOSPC);
	/* after a word this code does not know, queue_if_no_path is still the feature:
	 * fail removes it, queue keeps one, first (fuzz_mptable regress-queue-after-unknown) */
	assert_int_equal(mpt_features_npr("3 newfeat queue_if_no_path other", -1, b, sizeof(b)), 0);
	assert_string_equal(b, "2 newfeat other");
	assert_int_equal(mpt_features_npr("2 newfeat queue_if_no_path", -2, b, sizeof(b)), 0);
	assert_string_equal(b, "2 queue_if_no_path newfeat");
	assert_int_equal(mpt_features_npr("2 newfeat queue_if_no_path", 0, b, sizeof(b)), 0);
	assert_string_equal(b, "2 queue_if_no_path newfeat");
}

/* Typed features: parsed once, queueing set by no_path_retry, written back in the order
 * given, queue_if_no_path first. */
static void test_features_typed(void **state)
{
	struct mpt_features f;
	char b[128];

	(void)state;
	assert_int_equal(mpt_features_parse("5 pg_init_delay_msecs 0 queue_if_no_path queue_mode bio", &f), 0);
	assert_int_equal(f.no_path, MPT_NP_QUEUE);
	assert_true(mpt_feature_given(&f, MPT_PG_INIT_DELAY_MSECS));
	assert_int_equal(f.pg_init_delay_msecs, 0);
	assert_false(mpt_feature_given(&f, MPT_PG_INIT_RETRIES));
	assert_true(mpt_feature_given(&f, MPT_QUEUE_MODE));
	assert_int_equal(f.queue_mode, MPT_QM_BIO);
	assert_int_equal(mpt_features_format(&f, b, sizeof(b)), 0);
	assert_string_equal(b, "5 queue_if_no_path pg_init_delay_msecs 0 queue_mode bio");
	/* no_path_retry N: queue (the table says queue_if_no_path), N counted elsewhere */
	mpt_features_no_path(&f, 12);
	assert_int_equal(f.no_path, MPT_NP_RETRY);
	assert_int_equal(f.retries, 12);
	assert_int_equal(mpt_features_format(&f, b, sizeof(b)), 0);
	assert_string_equal(b, "5 queue_if_no_path pg_init_delay_msecs 0 queue_mode bio");
	mpt_features_no_path(&f, NPR_FAIL);
	assert_int_equal(f.no_path, MPT_NP_FAIL);
	mpt_features_no_path(&f, NPR_QUEUE);
	assert_int_equal(f.no_path, MPT_NP_QUEUE);
	mpt_features_no_path(&f, UNSET);   /* unset: the features decide */
	assert_int_equal(f.no_path, MPT_NP_QUEUE);
	/* given twice: one place, the last value (as the kernel takes it) */
	assert_int_equal(mpt_features_npr("5 pg_init_retries 50 retain_attached_hw_handler pg_init_retries 10",
					  NPR_FAIL, b, sizeof(b)), 0);
	assert_string_equal(b, "3 pg_init_retries 10 retain_attached_hw_handler");
	/* words this code does not know are kept, last */
	assert_int_equal(mpt_features_parse("4 retain_attached_hw_handler future_thing 7 x", &f), 0);
	assert_int_equal(f.nother, 3);
	assert_int_equal(mpt_features_format(&f, b, sizeof(b)), 0);
	assert_string_equal(b, "4 retain_attached_hw_handler future_thing 7 x");
	/* malformed */
	assert_int_equal(mpt_features_parse("1 pg_init_retries", &f), -EINVAL);
	assert_int_equal(mpt_features_parse("2 pg_init_retries x", &f), -EINVAL);
	assert_int_equal(mpt_features_parse("2 queue_mode fast", &f), -EINVAL);
	assert_int_equal(mpt_features_parse("1 queue_mode", &f), -EINVAL);
	assert_int_equal(mpt_features_parse("3 queue_if_no_path", &f), -EINVAL);
	assert_int_equal(mpt_features_parse("0 queue_if_no_path", &f), -EINVAL);
	assert_int_equal(mpt_features_parse("", &f), -EINVAL);
}

/* Feature combinations: what we want against what the kernel shows. */
static void test_same_features(void **state)
{
	static const struct { const char *want; int npr; const char *live; int same; } cases[] = {
		/* queue_if_no_path and no_path_retry N both queue */
		{ "0", 12, "1 queue_if_no_path", 1 },
		{ "1 queue_if_no_path", UNSET, "1 queue_if_no_path", 1 },
		{ "1 queue_if_no_path", NPR_QUEUE, "1 queue_if_no_path", 1 },
		{ "1 queue_if_no_path", NPR_FAIL, "0", 1 },
		/* the revalidator turned queueing off (fail_if_no_path): a run puts it back */
		{ "0", 12, "0", 0 },
		{ "0", NPR_QUEUE, "0", 0 },
		{ "0", NPR_FAIL, "1 queue_if_no_path", 0 },
		/* order is not a difference */
		{ "4 pg_init_delay_msecs 100 pg_init_retries 5", NPR_FAIL,
		  "4 pg_init_retries 5 pg_init_delay_msecs 100", 1 },
		{ "3 pg_init_retries 50 queue_if_no_path", UNSET, "3 queue_if_no_path pg_init_retries 50", 1 },
		{ "2 pg_init_retries 5", NPR_FAIL, "2 pg_init_retries 6", 0 },
		{ "2 pg_init_retries 5", NPR_FAIL, "0", 0 },
		/* echoed differently: rq/mq are the default (not echoed); bio implies retain;
		 * pg_init_retries 0 is off; a given pg_init_delay_msecs is echoed, 2000 too */
		{ "2 queue_mode mq", NPR_FAIL, "0", 1 },
		{ "2 queue_mode rq", NPR_FAIL, "0", 1 },
		{ "2 queue_mode bio", NPR_FAIL, "3 retain_attached_hw_handler queue_mode bio", 1 },
		{ "3 retain_attached_hw_handler queue_mode bio", NPR_FAIL, "2 queue_mode bio", 1 },
		{ "2 queue_mode bio", NPR_FAIL, "0", 0 },
		{ "0", NPR_FAIL, "2 queue_mode bio", 0 },
		{ "2 pg_init_retries 0", NPR_FAIL, "0", 1 },
		{ "2 pg_init_delay_msecs 2000", NPR_FAIL, "2 pg_init_delay_msecs 2000", 1 },
		{ "2 pg_init_delay_msecs 2000", NPR_FAIL, "0", 0 },
		{ "2 pg_init_delay_msecs 100", NPR_FAIL, "2 pg_init_delay_msecs 200", 0 },
		{ "1 retain_attached_hw_handler", NPR_FAIL, "1 retain_attached_hw_handler", 1 },
		{ "1 retain_attached_hw_handler", NPR_FAIL, "0", 0 },
		{ "0", NPR_FAIL, "1 retain_attached_hw_handler", 0 },
		/* a newer kernel's feature we do not know: equal only if the same */
		{ "1 future_thing", NPR_FAIL, "1 future_thing", 1 },
		{ "0", NPR_FAIL, "1 future_thing", 0 },
	};
	struct mpt_features w, l;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(mpt_features_parse(cases[i].want, &w), 0);
		mpt_features_no_path(&w, cases[i].npr);
		assert_int_equal(mpt_features_parse(cases[i].live, &l), 0);
		if (mpt_features_same(&w, &l) != cases[i].same)
			fail_msg("case %zu ('%s' npr %d vs '%s'): expected same=%d", i, cases[i].want,
				 cases[i].npr, cases[i].live, cases[i].same);
	}
}

/* A table we build against the kernel's echo of it: handler args are not echoed, the
 * attached handler is, per-path args come back at the selector's width, the initial PG
 * field says the current group. */
static void test_want_vs_echo(void **state)
{
	static const struct { const char *hw, *feat; int npr; const char *live; int same; } cases[] = {
		{ "1 alua", "0", NPR_FAIL,
		  "0 1 alua 2 1 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1", 1 },
		{ "1 alua", "2 pg_init_retries 50", 12,
		  "3 queue_if_no_path pg_init_retries 50 1 alua 2 2 service-time 0 1 2 8:16 1 1 "
		  "service-time 0 1 2 8:48 1 1", 1 },
		/* handler args: never echoed */
		{ "3 emc 1 0", "0", NPR_FAIL,
		  "0 1 emc 2 1 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1", 1 },
		{ "2 alua 1", "0", NPR_FAIL,
		  "0 1 emc 2 1 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1", 0 },
		/* a text table that shows handler args: compared */
		{ "3 emc 1 0", "0", NPR_FAIL,
		  "0 3 emc 1 1 2 1 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1", 0 },
		{ "1 rdac", "0", NPR_FAIL,
		  "0 0 2 1 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1", 0 },
		/* none asked, one attached by the kernel: kept */
		{ "0", "0", NPR_FAIL,
		  "0 1 alua 2 2 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1", 1 },
		{ "0", "2 queue_mode mq", NPR_QUEUE,
		  "1 queue_if_no_path 0 2 1 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1", 1 },
	};
	struct pathvec pv;
	struct mpvec mv;

	(void)state;
	two_path_mp(&pv, &mv, PGP_FAILOVER);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mpt_conf c = { .hwhandler = cases[i].hw, .selector = "service-time 0" };
		struct mpt_table want;

		assert_int_equal(mpt_features_parse(cases[i].feat, &c.features), 0);
		mpt_features_no_path(&c.features, cases[i].npr);
		assert_int_equal(mpt_build(&mv.m[0], &pv, &c, &want, NULL), 0);
		if (select_action(&want, cases[i].live) != (cases[i].same ? ACT_NONE : ACT_RELOAD))
			fail_msg("case %zu: expected %s", i, cases[i].same ? "none" : "reload");
		mpt_free(&want);
	}
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_build_bad_conf(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	struct mpt_table t;
	const char *bad = NULL;
	struct mpt_conf c = mpt_conf_default;

	(void)state;
	two_path_mp(&pv, &mv, PGP_FAILOVER);
	c.hwhandler = "2 alua";
	assert_int_equal(mpt_build(&mv.m[0], &pv, &c, &t, &bad), -EINVAL);
	assert_string_equal(bad, "hardware_handler");
	mpt_free(&t);
	c = mpt_conf_default;
	c.selector = "service-time";
	assert_int_equal(mpt_build(&mv.m[0], &pv, &c, &t, &bad), -EINVAL);
	assert_string_equal(bad, "path_selector");
	mpt_free(&t);
	c = mpt_conf_default;
	c.path_args = "2 1";
	assert_int_equal(mpt_build(&mv.m[0], &pv, &c, &t, &bad), -EINVAL);
	assert_string_equal(bad, "path_args");
	mpt_free(&t);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

/* Per map and run: the config's features are parsed once (mpw_build) and the live
 * table's once (select_action); nothing is formatted to be parsed back. */
static void test_one_parse_each(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	struct mpt_table want;
	struct mp_settings s;
	struct log_capture lc;
	char *log;
	int n = 0;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.selector = (char *)"service-time 0";
	s.features = (char *)"2 pg_init_retries 50";
	s.hwhandler = (char *)"1 alua";
	s.no_path_retry = 12;
	s.rr_min_io_rq = 1;
	two_path_mp(&pv, &mv, PGP_FAILOVER);
	log_capture_start(&lc);
	assert_int_equal(mpw_build(&mv.m[0], &pv, &s, &want, NULL), 0);
	assert_int_equal(select_action(&want, "3 queue_if_no_path pg_init_retries 50 1 alua 2 1 "
				       "service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:48 1 1"),
			 ACT_NONE);
	log = log_capture_stop(&lc);
	for (const char *p = log; (p = strstr(p, "mpt: features of a table parsed")); p++)
		n++;
	assert_int_equal(n, 1);   /* the live table's */
	n = 0;
	for (const char *p = log; (p = strstr(p, "mpt: features of a text parsed")); p++)
		n++;
	assert_int_equal(n, 1);   /* the config's */
	free(log);
	mpt_free(&want);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_weight_by_prio(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	char buf[256];
	struct mpt_conf c = mpt_conf_default;

	(void)state;
	two_path_mp(&pv, &mv, PGP_MULTIBUS);
	pv.p[0].prio = 50;
	pv.p[1].prio = 0;
	c.weight_by_prio = 1;
	assert_int_equal(build_text(&mv.m[0], &pv, &c, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0 0 1 1 round-robin 0 2 1 8:16 50 8:48 1");
	mpvec_free(&mv);
	pathvec_free(&pv);
}

/* rr_min_io_rq: the per-path repeat count, times the path's prio with rr_weight
 * priorities, capped at what the kernel reads (32 bits). */
static void test_repeat_count(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	char buf[256];
	struct mpt_conf c = mpt_conf_default;

	(void)state;
	two_path_mp(&pv, &mv, PGP_MULTIBUS);
	pv.p[0].prio = 50;
	pv.p[1].prio = 0;
	c.repeat = 100;
	assert_int_equal(build_text(&mv.m[0], &pv, &c, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0 0 1 1 round-robin 0 2 1 8:16 100 8:48 100");
	c.weight_by_prio = 1;
	assert_int_equal(build_text(&mv.m[0], &pv, &c, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0 0 1 1 round-robin 0 2 1 8:16 5000 8:48 100");
	c.repeat = 2147483647;
	assert_int_equal(build_text(&mv.m[0], &pv, &c, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0 0 1 1 round-robin 0 2 1 8:16 4294967295 8:48 2147483647");
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_queueing_without_paths(void **state)
{
	struct mpt_table q, nq, all_failed, one_active;

	(void)state;
	assert_int_equal(mpt_parse_table("1 queue_if_no_path 0 1 1 round-robin 0 2 1 8:0 1 8:16 1", &q), 0);
	assert_int_equal(mpt_parse_table("0 0 1 1 round-robin 0 2 1 8:0 1 8:16 1", &nq), 0);
	assert_int_equal(mpt_parse_status("2 1 0 0 1 1 A 0 2 0 8:0 F 1 8:16 F 2", &all_failed), 0);
	assert_int_equal(mpt_parse_status("2 0 0 0 1 1 A 0 2 0 8:0 F 1 8:16 A 0", &one_active), 0);
	assert_int_equal(mpt_queueing_without_paths(&q, &all_failed), 1);
	assert_int_equal(mpt_queueing_without_paths(&q, &one_active), 0);
	assert_int_equal(mpt_queueing_without_paths(&nq, &all_failed), 0);
	mpt_free(&q);
	mpt_free(&nq);
	mpt_free(&all_failed);
	mpt_free(&one_active);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_failover),
		cmocka_unit_test(test_build_multibus_and_conf),
		cmocka_unit_test(test_build_no_groups),
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_status),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_same_semantic),
		cmocka_unit_test(test_select_action),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_format_and_remove),
		cmocka_unit_test(test_features_npr),
		cmocka_unit_test(test_weight_by_prio),
		cmocka_unit_test(test_repeat_count),
		cmocka_unit_test(test_queueing_without_paths),
		cmocka_unit_test(test_features_typed),
		cmocka_unit_test(test_same_features),
		cmocka_unit_test(test_want_vs_echo),
		cmocka_unit_test(test_build_bad_conf),
		cmocka_unit_test(test_one_parse_each),
	};
	return cmocka_run_group_tests_name("mptable", tests, NULL, NULL);
}
