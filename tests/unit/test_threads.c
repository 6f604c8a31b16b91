/* run_in_threads (threads.h): every job runs exactly once, with threads and inline when
 * no thread can start (pthread_create is interposed here to fail on demand). */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "threads.h"

static int create_fails;        /* pthread_create fails from its n-th call on, 0: never */
static int create_calls;

int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg)
{
	static int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

	if (create_fails && ++create_calls >= create_fails)
		return EAGAIN;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "pthread_create");
	return real(t, a, fn, arg);
}

#define NJOBS 1000

struct tally {
	int count[NJOBS];
	pthread_t who[NJOBS];
};

static void job(size_t i, void *arg)
{
	struct tally *t = arg;

	__atomic_add_fetch(&t->count[i], 1, __ATOMIC_RELAXED);
	t->who[i] = pthread_self();
}

static struct tally *run(size_t n, size_t threads, size_t *started)
{
	struct tally *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	*started = run_in_threads(n, threads, job, t);
	for (size_t i = 0; i < NJOBS; i++)
		if (t->count[i] != (i < n))
			fail_msg("job %zu ran %d times (n %zu, %zu threads)", i, t->count[i], n, threads);
	return t;
}

static void test_all_jobs_once(void **state)
{
	size_t started;

	(void)state;
	create_fails = 0;
	free(run(NJOBS, 8, &started));
	assert_int_equal(started, 8);
	free(run(3, 64, &started));           /* no more threads than jobs */
	assert_int_equal(started, 3);
	free(run(0, 8, &started));
	assert_int_equal(started, 0);
}

static void test_inline(void **state)
{
	struct tally *t;
	size_t started;

	(void)state;
	/* one job, or one thread wanted: the caller runs it */
	create_fails = 0;
	t = run(1, 8, &started);
	assert_int_equal(started, 0);
	assert_true(pthread_equal(t->who[0], pthread_self()));
	free(t);
	t = run(NJOBS, 1, &started);
	assert_int_equal(started, 0);
	free(t);
	/* no thread can start: every job still runs, in the caller */
	create_fails = 1;
	create_calls = 0;
	t = run(NJOBS, 8, &started);
	assert_int_equal(started, 0);
	assert_int_equal(create_calls, 8);
	for (size_t i = 0; i < NJOBS; i++)
		assert_true(pthread_equal(t->who[i], pthread_self()));
	free(t);
	/* only some start: they share all the jobs */
	create_fails = 3;
	create_calls = 0;
	free(run(NJOBS, 8, &started));
	assert_int_equal(started, 2);
	create_fails = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_jobs_once),
		cmocka_unit_test(test_inline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
