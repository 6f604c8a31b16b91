/* The revalidator's per-round plan: reinstatement, failback policies, no_path_retry, backoff. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "config.h"
#include "revalplan.h"
#include "helpers.h"

/* failover map of 8:16 (group 1) and 8:48 (group 2) */
#define TABLE_Q "1 queue_if_no_path 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1"
#define TABLE_NOQ "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1"
/* 8:16 failed, the kernel in group 2 */
#define ST_G2 "2 0 0 0 2 2 E 0 1 0 8:16 F 1 A 0 1 0 8:48 A 0"
/* both failed */
#define ST_NONE "2 0 0 0 2 2 E 0 1 0 8:16 F 1 E 0 1 0 8:48 F 1"
/* both active, kernel in group 1 */
#define ST_G1 "2 0 0 0 2 1 A 0 1 0 8:16 A 0 E 0 1 0 8:48 A 0"

struct round {
	const char *table, *status;
	enum path_state a, b;      /* check results of 8:16 and 8:48 (UNCHECKED: not checked) */
};

/* One round; returns the messages joined with ',' in buf, and the plan's watch/due. */
static const char *plan(const struct round *r, const struct rv_policy *pol, struct rv_memory *mem,
			double now, struct rv_plan *p, char *buf, size_t size)
{
	struct mpt_table t, s;
	struct pathvec pv = { 0 };
	struct path p1 = mkpath("sdb", 8, 16, "3600a", "", 0, 0, 0);
	struct path p2 = mkpath("sdd", 8, 48, "3600a", "", 1, 0, 0);
	size_t pos = 0;

	p1.state = r->a;
	p2.state = r->b;
	pathvec_add(&pv, &p1);
	pathvec_add(&pv, &p2);
	assert_int_equal(mpt_parse_table(r->table, &t), 0);
	assert_int_equal(mpt_parse_status(r->status, &s), 0);
	assert_int_equal(rv_plan_map(&t, &s, &pv, pol, mem, now, p), 0);
	buf[0] = '\0';
	for (size_t i = 0; i < p->msgs.n; i++)
		bprintf(buf, size, &pos, "%s%s", i ? "," : "", p->msgs.msg[i]);
	reconcile_free(&p->msgs);
	mpt_free(&t);
	mpt_free(&s);
	pathvec_free(&pv);
	return buf;
}

static void test_failback(void **state)
{
	struct round back = { TABLE_Q, ST_G2, PATH_UP, PATH_UNCHECKED };
	struct round down = { TABLE_Q, ST_G2, PATH_DOWN, PATH_UNCHECKED };
	struct round healed = { TABLE_Q, "2 0 0 0 2 2 A 0 1 0 8:16 A 0 A 0 1 0 8:48 A 0", PATH_UNCHECKED, PATH_UNCHECKED };
	struct rv_policy pol = { .no_path_retry = NPR_QUEUE, .polling_interval = 5 };
	struct rv_memory mem = { 0 };
	struct rv_plan p;
	char buf[256];

	(void)state;
	pol.failback = FB_IMMEDIATE;
	assert_string_equal(plan(&back, &pol, &mem, 100, &p, buf, sizeof(buf)),
			    "reinstate_path 8:16,switch_group 1");
	assert_int_equal(p.watch, 0);   /* nothing failed is left: the revalidator may go */
	/* still dead: stays watched, nothing sent */
	assert_string_equal(plan(&down, &pol, &mem, 100, &p, buf, sizeof(buf)), "");
	assert_int_equal(p.watch, 1);

	pol.failback = FB_MANUAL;
	assert_string_equal(plan(&back, &pol, &mem, 100, &p, buf, sizeof(buf)), "reinstate_path 8:16");
	assert_int_equal(p.watch, 0);
	assert_string_equal(plan(&healed, &pol, &mem, 200, &p, buf, sizeof(buf)), "");

	/* deferred 10 s: not before, and the deadline is the plan's due time */
	pol.failback = 10;
	assert_string_equal(plan(&back, &pol, &mem, 100, &p, buf, sizeof(buf)), "reinstate_path 8:16");
	assert_int_equal(p.watch, 1);
	assert_true(p.due == 110);
	assert_string_equal(plan(&healed, &pol, &mem, 105, &p, buf, sizeof(buf)), "");
	assert_true(p.due == 110);
	assert_string_equal(plan(&healed, &pol, &mem, 110, &p, buf, sizeof(buf)), "switch_group 1");
	assert_int_equal(p.watch, 0);
	/* group 1 failing again before the deadline restarts the count */
	assert_string_equal(plan(&healed, &pol, &mem, 200, &p, buf, sizeof(buf)), "");
	assert_string_equal(plan(&down, &pol, &mem, 205, &p, buf, sizeof(buf)), "");
	assert_int_equal(mem.back, 0);
	assert_string_equal(plan(&back, &pol, &mem, 300, &p, buf, sizeof(buf)), "reinstate_path 8:16");
	assert_true(p.due == 310);

	/* followover: only when group 1 comes back through a reinstated path */
	pol.failback = FB_FOLLOWOVER;
	mem = (struct rv_memory){ 0 };
	assert_string_equal(plan(&back, &pol, &mem, 100, &p, buf, sizeof(buf)),
			    "reinstate_path 8:16,switch_group 1");
	assert_string_equal(plan(&healed, &pol, &mem, 100, &p, buf, sizeof(buf)), "");
	/* one group only: nothing to fail back to */
	pol.failback = FB_IMMEDIATE;
	{
		struct round one = { "0 0 1 1 round-robin 0 2 1 8:16 1 8:48 1",
				     "2 0 0 0 1 1 A 0 2 0 8:16 F 1 8:48 A 0", PATH_UP, PATH_UNCHECKED };

		assert_string_equal(plan(&one, &pol, &mem, 100, &p, buf, sizeof(buf)), "reinstate_path 8:16");
	}
}

static void test_no_path_retry(void **state)
{
	struct round none = { TABLE_Q, ST_NONE, PATH_DOWN, PATH_DOWN };
	struct round none_noq = { TABLE_NOQ, ST_NONE, PATH_DOWN, PATH_DOWN };
	struct round back_noq = { TABLE_NOQ, ST_NONE, PATH_DOWN, PATH_UP };
	struct round back_q = { TABLE_Q, ST_NONE, PATH_DOWN, PATH_UP };
	struct rv_policy pol = { .failback = FB_MANUAL, .no_path_retry = 3, .polling_interval = 5 };
	struct rv_memory mem = { 0 };
	struct rv_plan p;
	char buf[256];

	(void)state;
	/* 3 intervals of 5 s from the first round without a path */
	assert_string_equal(plan(&none, &pol, &mem, 1000, &p, buf, sizeof(buf)), "");
	assert_int_equal(p.watch, 1);
	assert_true(p.due == 1015);
	assert_string_equal(plan(&none, &pol, &mem, 1014.9, &p, buf, sizeof(buf)), "");
	assert_string_equal(plan(&none, &pol, &mem, 1015, &p, buf, sizeof(buf)), "fail_if_no_path");
	/* the kernel fails I/O now: nothing more to send, the paths are still watched */
	assert_string_equal(plan(&none_noq, &pol, &mem, 1020, &p, buf, sizeof(buf)), "");
	assert_int_equal(p.watch, 1);
	assert_true(p.due == 0);
	/* a path back: reinstated, and queueing as the table asks again */
	assert_string_equal(plan(&back_noq, &pol, &mem, 1030, &p, buf, sizeof(buf)),
			    "reinstate_path 8:48,queue_if_no_path");
	assert_int_equal(mem.lost, 0);
	/* back within the count: nothing about queueing */
	mem = (struct rv_memory){ 0 };
	assert_string_equal(plan(&none, &pol, &mem, 2000, &p, buf, sizeof(buf)), "");
	assert_string_equal(plan(&back_q, &pol, &mem, 2005, &p, buf, sizeof(buf)), "reinstate_path 8:48");
	/* a later loss counts from its own start */
	assert_string_equal(plan(&none, &pol, &mem, 3000, &p, buf, sizeof(buf)), "");
	assert_true(p.due == 3015);

	/* queue: never failed; fail: never queued again */
	mem = (struct rv_memory){ 0 };
	pol.no_path_retry = NPR_QUEUE;
	assert_string_equal(plan(&none, &pol, &mem, 1000, &p, buf, sizeof(buf)), "");
	assert_string_equal(plan(&none, &pol, &mem, 1000000, &p, buf, sizeof(buf)), "");
	assert_true(p.due == 0);
	pol.no_path_retry = NPR_FAIL;
	assert_string_equal(plan(&back_noq, &pol, &mem, 1000, &p, buf, sizeof(buf)), "reinstate_path 8:48");
}

static void test_delay(void **state)
{
	int pi, max;

	(void)state;
	assert_true(rv_check_delay(0, 20) == RV_MIN_DELAY);
	assert_true(rv_check_delay(1, 20) == RV_MIN_DELAY);
	assert_true(rv_check_delay(8, 20) == 1);
	assert_true(rv_check_delay(40, 20) == 5);
	assert_true(rv_check_delay(3600, 20) == 20);
	assert_true(rv_check_delay(3600, 0) == RV_MIN_DELAY);
	rv_intervals(0, 0, &pi, &max);
	assert_int_equal(pi, 5);
	assert_int_equal(max, 20);
	rv_intervals(2, 0, &pi, &max);
	assert_int_equal(max, 8);
	rv_intervals(10, 3, &pi, &max);   /* max below the interval: the interval */
	assert_int_equal(max, 10);
	rv_intervals(UNSET, UNSET, &pi, &max);
	assert_int_equal(pi, 5);
}

static struct rv_slot slot(int host, int target, double since, double next, int held, int back)
{
	struct rv_slot x = { .since = since, .next = next, .port_known = 1, .host = host,
			     .channel = 0, .target = target, .held = held, .back = back };

	return x;
}

/* One path back through a port: the port's other failed paths are due now, other ports'
 * keep their back-off, an unknown port is never pulled. */
static void test_pull_ports(void **state)
{
	struct rv_slot s[6] = {
		slot(3, 0, 0, 50, 0, 0),   /* port 3:0:0, not back */
		slot(4, 0, 0, 60, 0, 0),   /* port 4:0:0 */
		slot(3, 0, 5, 20, 0, 1),   /* port 3:0:0: back */
		slot(3, 1, 0, 70, 0, 0),   /* port 3:0:1: another target on the same host */
		slot(3, 0, 9, 12, 0, 0),   /* port 3:0:0 */
		slot(3, 0, 0, 80, 0, 0),   /* no port known */
	};
	struct rv_slot *v[6];

	(void)state;
	s[5].port_known = 0;
	for (int i = 0; i < 6; i++)
		v[i] = &s[i];
	assert_int_equal(rv_pull_ports(v, 6, 10), 0);
	assert_true(s[0].next == 10 && s[4].next == 10);
	assert_true(s[1].next == 60 && s[3].next == 70 && s[5].next == 80);
	assert_true(s[2].next == 20);            /* the one back keeps its own */
	s[0].next = 5;                           /* already due earlier: not put later */
	assert_int_equal(rv_pull_ports(v, 6, 10), 0);
	assert_true(s[0].next == 5);
	s[2].back = 0;
	s[1].next = 60;
	assert_int_equal(rv_pull_ports(v, 6, 30), 0);   /* none back: nothing moves */
	assert_true(s[1].next == 60 && s[3].next == 70);
	assert_int_equal(rv_pull_ports(v, 0, 30), 0);
}

/* One watched path per port with held paths: the one failed last; ports with none held
 * and unknown ports have none. */
static void test_port_watch(void **state)
{
	struct rv_slot s[7] = {
		slot(4, 0, 10, 0, 1, 0),
		slot(3, 0, 10, 0, 1, 0),
		slot(3, 0, 30, 0, 1, 0),   /* port 3:0:0's last failed held path */
		slot(3, 0, 40, 0, 0, 0),   /* failed later, but the kernel does not hold it */
		slot(5, 0, 10, 0, 0, 0),   /* port 5: nothing held */
		slot(4, 0, 20, 0, 1, 0),   /* port 4:0:0's */
		slot(6, 0, 90, 0, 1, 0),   /* no port known */
	};
	struct rv_slot *v[7];
	size_t idx[7];

	(void)state;
	s[6].port_known = 0;
	for (int i = 0; i < 7; i++)
		v[i] = &s[i];
	assert_int_equal(rv_port_watch(v, 7, idx), 2);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 5);
	assert_int_equal(rv_port_watch(v, 0, idx), 0);
}

/* Held slots in turn, batch at a time, wrapping; slots not held are skipped. */
static void test_watch_turn(void **state)
{
	struct rv_slot s[5] = {
		slot(3, 0, 0, 0, 1, 0), slot(3, 0, 0, 0, 0, 0), slot(3, 0, 0, 0, 1, 0),
		slot(4, 0, 0, 0, 1, 0), slot(4, 0, 0, 0, 1, 0),
	};
	struct rv_slot *v[5];
	size_t idx[5], cursor = 0;

	(void)state;
	for (int i = 0; i < 5; i++)
		v[i] = &s[i];
	assert_int_equal(rv_watch_turn(v, 5, 2, &cursor, idx), 2);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 2);
	assert_int_equal(rv_watch_turn(v, 5, 2, &cursor, idx), 2);
	assert_int_equal(idx[0], 3);
	assert_int_equal(idx[1], 4);
	assert_int_equal(rv_watch_turn(v, 5, 3, &cursor, idx), 3);   /* wraps */
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 2);
	assert_int_equal(idx[2], 3);
	cursor = 99;                                                  /* the vector shrank */
	assert_int_equal(rv_watch_turn(v, 5, 1, &cursor, idx), 1);
	assert_int_equal(idx[0], 4);
	for (int i = 0; i < 5; i++)
		s[i].held = 0;
	assert_int_equal(rv_watch_turn(v, 5, 2, &cursor, idx), 0);
	assert_int_equal(rv_watch_turn(v, 0, 2, &cursor, idx), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failback),
		cmocka_unit_test(test_no_path_retry),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_pull_ports),
		cmocka_unit_test(test_port_watch),
		cmocka_unit_test(test_watch_turn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
