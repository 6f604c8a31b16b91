/* run_in_workers: every job runs exactly once, results come back in job order whatever
 * worker ran them, a worker that dies is reported, and the inline path gives the same. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "workers.h"

static int square_job(size_t i, void *arg, struct job_result *res)
{
	(void)arg;
	res->done = (int)(i * i);
	snprintf(res->msg, sizeof(res->msg), "job %zu in pid %d", i, (int)getpid());
	return i % 5 == 3 ? -EBUSY : 0;
}

static void check_squares(const struct job_result *res, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char want[32];

		assert_int_equal(res[i].done, (int)(i * i));
		assert_int_equal(res[i].r, i % 5 == 3 ? -EBUSY : 0);
		snprintf(want, sizeof(want), "job %zu in pid ", i);
		assert_memory_equal(res[i].msg, want, strlen(want));
	}
}

static void test_results_in_order(void **state)
{
	struct job_result res[50];
	int seen_other_pid = 0;

	(void)state;
	memset(res, 0x55, sizeof(res));
	run_in_workers(50, 8, square_job, NULL, res, NULL);
	check_squares(res, 50);
	for (size_t i = 0; i < 50; i++) {
		int pid = atoi(strrchr(res[i].msg, ' ') + 1);

		if (pid != (int)getpid())
			seen_other_pid = 1;
	}
	assert_true(seen_other_pid);   /* really ran in workers */
}

static void test_inline(void **state)
{
	struct job_result res[7];

	(void)state;
	run_in_workers(7, 1, square_job, NULL, res, NULL);
	check_squares(res, 7);
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(atoi(strrchr(res[i].msg, ' ') + 1), (int)getpid());
	run_in_workers(1, 16, square_job, NULL, res, NULL);   /* one job: no fork */
	check_squares(res, 1);
	run_in_workers(0, 16, square_job, NULL, res, NULL);   /* nothing to do */
}

/* Job 4 kills its worker: its result and those of the worker's later jobs say so; the
 * other workers' jobs are unaffected. */
static int dying_job(size_t i, void *arg, struct job_result *res)
{
	(void)arg;
	if (i == 4)
		raise(SIGKILL);
	res->done = 1;
	return 0;
}

static void test_worker_dies(void **state)
{
	struct job_result res[12];

	(void)state;
	run_in_workers(12, 4, dying_job, NULL, res, NULL);
	/* worker 0 runs jobs 0, 4, 8: 0 done, 4 and 8 lost */
	assert_int_equal(res[0].r, 0);
	assert_int_equal(res[4].r, -EIO);
	assert_string_equal(res[4].msg, "worker process died");
	assert_int_equal(res[8].r, -EIO);
	for (size_t i = 0; i < 12; i++)
		if (i % 4)
			assert_int_equal(res[i].r, 0);
}

/* child_exit runs in every worker (it flushes library state there), never in the caller. */
static int exit_fd = -1;

static void note_exit(void)
{
	char c = 'x';

	assert_int_equal(write(exit_fd, &c, 1), 1);
}

static void test_child_exit(void **state)
{
	struct job_result res[9];
	int fds[2];
	char buf[16];
	ssize_t n;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	exit_fd = fds[1];
	run_in_workers(9, 3, square_job, NULL, res, note_exit);
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf));
	close(fds[0]);
	assert_int_equal(n, 3);
	check_squares(res, 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_in_order),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_worker_dies),
		cmocka_unit_test(test_child_exit),
	};
	return cmocka_run_group_tests_name("workers", tests, NULL, NULL);
}
