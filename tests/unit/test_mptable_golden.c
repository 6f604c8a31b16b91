/* The table text we load, for a representative set of wanted maps: path shapes and
 * grouping policies crossed with features / no_path_retry, hardware handlers,
 * selectors, rr_min_io / rr_min_io_rq and rr_weight. tests/fixtures/golden/mptable_want.txt
 * was captured from the text-based builder (before tables became structures); every
 * line must stay byte-identical. Each table is also compared with live tables made from
 * its text: the same (none), in another group (none), one path fewer (reload).
 * MPT_GOLDEN_OUT=FILE writes what this build produces to FILE (to add cases: review the
 * new lines, never the old ones). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "action.h"
#include "coalesce.h"
#include "mptable.h"
#include "mpwant.h"
#include "pgpolicy.h"
#include "util.h"
#include "helpers.h"
#include "testfiles.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct shape {
	const char *name;
	enum pgpolicy pol;
	unsigned int npaths;
	int prio[4];
	const char *serial[4];
};

static const struct shape shapes[] = {
	{ "failover2", PGP_FAILOVER, 2, { 50, 10 }, { "A", "B" } },
	{ "multibus2", PGP_MULTIBUS, 2, { 50, 0 }, { "A", "B" } },
	{ "prio4", PGP_GROUP_BY_PRIO, 4, { 50, 50, 10, 10 }, { "A", "B", "A", "B" } },
	{ "serial4", PGP_GROUP_BY_SERIAL, 4, { 1, 1, 1, 1 }, { "A", "B", "A", "B" } },
	{ "single", PGP_FAILOVER, 1, { 1 }, { "A" } },
};

/* Every features string the config accepts the words of, in orders the kernel does not
 * use too, crossed with each no_path_retry. */
static const char *const features[] = {
	"0",
	"1 queue_if_no_path",
	"2 pg_init_retries 50",
	"3 queue_if_no_path pg_init_retries 50",
	"3 pg_init_retries 50 queue_if_no_path",
	"1 retain_attached_hw_handler",
	"2 queue_mode bio",
	"2 queue_mode rq",
	"2 queue_mode mq",
	"4 pg_init_delay_msecs 100 pg_init_retries 5",
	"4 pg_init_retries 5 pg_init_delay_msecs 0",
	"8 queue_if_no_path retain_attached_hw_handler pg_init_retries 50 pg_init_delay_msecs 2000 queue_mode bio",
	"6 retain_attached_hw_handler queue_mode mq queue_if_no_path pg_init_retries 1",
	"3 queue_mode bio retain_attached_hw_handler",
};
static const int nprs[] = { NPR_FAIL, NPR_QUEUE, 12, 0 };

/* Handlers, selectors, repeat counts and weights, on top of the defaults. */
struct row {
	const char *hw, *sel, *feat;
	int rr_min_io, rr_min_io_rq, rr_weight;
};
static const struct row rows[] = {
	{ "0", "service-time 0", "0", 1000, 1, RRW_UNIFORM },
	{ "1 alua", "service-time 0", "0", 1000, 1, RRW_UNIFORM },
	{ "1 emc", "round-robin 0", "2 pg_init_retries 50", 1000, 1, RRW_UNIFORM },
	{ "1 rdac", "queue-length 0", "0", 1000, 1, RRW_UNIFORM },
	{ "2 alua 1", "service-time 0", "0", 1000, 1, RRW_UNIFORM },
	{ "3 emc 1 0", "round-robin 0", "0", 1000, 1, RRW_UNIFORM },
	{ "1 hp_sw", "historical-service-time 2 10 20", "0", 1000, 1, RRW_UNIFORM },
	{ "0", "service-time 0", "0", 1000, 100, RRW_UNIFORM },
	{ "0", "service-time 0", "0", 1000, 100, RRW_PRIORITIES },
	{ "0", "round-robin 0", "0", 1000, UNSET, RRW_PRIORITIES },
	{ "0", "round-robin 0", "0", 1000, 0, RRW_UNIFORM },
	{ "0", "round-robin 0", "2 queue_mode bio", 1000, 1, RRW_UNIFORM },
	{ "0", "round-robin 0", "2 queue_mode bio", 7, 1, RRW_PRIORITIES },
	{ "0", "round-robin 0", "2 queue_mode bio", UNSET, 1, RRW_UNIFORM },
	{ "0", "service-time 0", "0", 1000, 2147483647, RRW_PRIORITIES },
	{ "1 alua", "service-time 0", "3 queue_if_no_path pg_init_retries 50", 1000, 1, RRW_UNIFORM },
};

static struct mp_settings base(void)
{
	struct mp_settings s;

	memset(&s, 0, sizeof(s));
	s.selector = (char *)"service-time 0";
	s.features = (char *)"0";
	s.hwhandler = (char *)"0";
	s.no_path_retry = NPR_FAIL;
	s.rr_weight = RRW_UNIFORM;
	s.rr_min_io = 1000;
	s.rr_min_io_rq = 1;
	return s;
}

/* One map of shape sh, grouped; mv holds it. */
static void make(const struct shape *sh, struct pathvec *pv, struct mpvec *mv)
{
	static const char *const devs[] = { "sdb", "sdc", "sdd", "sde" };

	memset(pv, 0, sizeof(*pv));
	for (unsigned int i = 0; i < sh->npaths; i++) {
		struct path p = mkpath(devs[i], i == 0 && sh->npaths == 1 ? 65 : 8, 16 * (i + 1),
				       "3600a", sh->serial[i], (int)i, 0, 0);

		p.prio = sh->prio[i];
		pathvec_add(pv, &p);
	}
	assert_int_equal(coalesce_paths(pv, NULL, mv), 0);
	assert_int_equal(group_paths(&mv->m[0], pv, sh->pol), 0);
}

/* The decisions against live tables made from our own text: loaded as it is, nothing
 * to do; the kernel in another group, nothing to do; a path missing, reload. */
static void decisions(const struct mpt_table *want, const char *text)
{
	struct mpt_table live;
	char t[1024];

	if (select_action(want, text) != ACT_NONE)
		fail_msg("'%s' against itself: not 'none'", text);
	assert_int_equal(mpt_parse_table(text, &live), 0);
	live.pg_num = live.npg;
	assert_int_equal(mpt_format(&live, t, sizeof(t)), 0);
	if (select_action(want, t) != ACT_NONE)
		fail_msg("'%s' in its last group: not 'none'", text);
	if (mpt_path_count(&live) > 1) {
		assert_int_equal(mpt_remove_path(&live, live.pg[0].paths[0].dev), 0);
		assert_int_equal(mpt_format(&live, t, sizeof(t)), 0);
		if (select_action(want, t) != ACT_RELOAD)
			fail_msg("'%s' without a path: not 'reload'", text);
	}
	mpt_free(&live);
}

static void line(char *out, size_t size, size_t *pos, const char *label,
		 const struct shape *sh, const struct mp_settings *s)
{
	struct pathvec pv;
	struct mpvec mv;
	char t[1024];
	int r;

	make(sh, &pv, &mv);
	struct mpt_table want;

	r = mpw_build(&mv.m[0], &pv, s, &want, NULL);
	if (!r)
		r = mpt_format(&want, t, sizeof(t));
	if (!r)
		decisions(&want, t);
	mpt_free(&want);
	if (r)
		snprintf(t, sizeof(t), "error %d", r);
	assert_int_equal(bprintf(out, size, pos, "%s %s|%s\n", sh->name, label, t), 0);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_want_golden(void **state)
{
	size_t size = 1 << 20, pos = 0;
	char *out = malloc(size), label[256];
	char *want, *a, *b;
	const char *dump = getenv("MPT_GOLDEN_OUT");
	unsigned int n = 1;

	(void)state;
	assert_non_null(out);
	out[0] = '\0';
	for (size_t f = 0; f < ARRAY_SIZE(features); f++)
		for (size_t k = 0; k < ARRAY_SIZE(nprs); k++)
			for (size_t sh = 0; sh < ARRAY_SIZE(shapes); sh += 2) {
				struct mp_settings s = base();

				s.features = (char *)features[f];
				s.no_path_retry = nprs[k];
				snprintf(label, sizeof(label), "features='%s' npr=%d", features[f], nprs[k]);
				line(out, size, &pos, label, &shapes[sh], &s);
			}
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		for (size_t sh = 0; sh < ARRAY_SIZE(shapes); sh++) {
			struct mp_settings s = base();

			s.hwhandler = (char *)rows[i].hw;
			s.selector = (char *)rows[i].sel;
			s.features = (char *)rows[i].feat;
			s.rr_min_io = rows[i].rr_min_io;
			s.rr_min_io_rq = rows[i].rr_min_io_rq;
			s.rr_weight = rows[i].rr_weight;
			snprintf(label, sizeof(label), "hw='%s' sel='%s' features='%s' rr_min_io=%d "
				 "rr_min_io_rq=%d rr_weight=%d", rows[i].hw, rows[i].sel, rows[i].feat,
				 rows[i].rr_min_io, rows[i].rr_min_io_rq, rows[i].rr_weight);
			line(out, size, &pos, label, &shapes[sh], &s);
		}
	if (dump) {
		FILE *f = fopen(dump, "w");

		assert_non_null(f);
		fputs(out, f);
		fclose(f);
	}
	want = read_golden("mptable_want.txt");
	/* the first line that differs, by number */
	for (a = out, b = want; *a && *a == *b; a++, b++)
		n += *a == '\n';
	if (*a || *b)
		fail_msg("line %u differs from the golden file", n);
	free(want);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_want_golden),
	};
	return cmocka_run_group_tests_name("mptable_golden", tests, NULL, NULL);
}
