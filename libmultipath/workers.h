/* Independent jobs in forked worker processes.
 *
 * For work whose cost is waiting in the kernel (removing a dm device waits for RCU grace
 * periods and for the queue to drain) and whose library is not thread-safe (libdevmapper
 * keeps its pending /dev/mapper node operations in one global list): each worker is a
 * fork()ed copy of the caller with its own library state, so N jobs overlap their waits.
 * Jobs must not depend on one another. Results come back over a pipe, in job order, so
 * the caller prints them deterministically. */
#ifndef MP_WORKERS_H
#define MP_WORKERS_H

#include <stddef.h>

#define WORKERS_MAX 16          /* more workers overlap no more waits on 2-8 CPU hosts */

struct job_result {
	int r;                  /* the job's return: 0 or -errno */
	int done;               /* job-specific progress count (e.g. partitions removed) */
	char msg[512];          /* the job's message for the caller to print, or "" */
};

/* job(i, arg, res): fills res (res->r is also set from its return value). */
typedef int (*job_fn)(size_t i, void *arg, struct job_result *res);

/* Runs jobs 0..njobs-1 in up to max_workers processes (inline when one would do, or when
 * fork fails) and fills res[0..njobs-1]. A worker that dies leaves -EIO ("worker process
 * died") in the results of its unfinished jobs. child_exit, if set, runs in each worker
 * before it exits (to flush library state). */
void run_in_workers(size_t njobs, unsigned max_workers, job_fn job, void *arg,
		   struct job_result *res, void (*child_exit)(void));

#endif
