#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>

#include "threads.h"

struct run {
	size_t n, next;
	thread_job_fn job;
	void *arg;
	pthread_mutex_t lock;
};

static void *take_jobs(void *arg)
{
	struct run *r = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&r->lock);
		i = r->next++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->n)
			return NULL;
		r->job(i, r->arg);
	}
}

size_t run_in_threads(size_t n, size_t max_threads, thread_job_fn job, void *arg)
{
	struct run r = { .n = n, .next = 0, .job = job, .arg = arg };
	size_t nt = max_threads < n ? max_threads : n, started = 0;
	pthread_attr_t attr;
	pthread_t *tid = nt > 1 ? calloc(nt, sizeof(*tid)) : NULL;

	pthread_mutex_init(&r.lock, NULL);
	if (tid) {
		/* One malloc arena rather than one per thread keeps a 64-thread run's
		 * start-up and footprint small. */
		mallopt(M_ARENA_MAX, 1);
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, THREADS_STACK_SIZE);
		for (size_t i = 0; i < nt; i++)
			if (!pthread_create(&tid[started], &attr, take_jobs, &r))
				started++;
		pthread_attr_destroy(&attr);
	}
	if (!started)
		take_jobs(&r);          /* one job, one thread wanted, or none could start */
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&r.lock);
	free(tid);
	return started;
}
