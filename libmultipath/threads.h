/* Independent jobs in a few threads: each thread takes the next index until none is left.
 * For work whose cost is waiting on a device (SG_IO commands to many paths): N paths cost
 * a few command latencies, not N. Jobs must not depend on one another and must be
 * thread-safe (the log is: one write per record). For library state that is not
 * thread-safe (libdevmapper), see workers.h. */
#ifndef MP_THREADS_H
#define MP_THREADS_H

#include <stddef.h>

/* Threads only hold a few KiB of buffers: a small stack each. */
#define THREADS_STACK_SIZE (128 * 1024)

typedef void (*thread_job_fn)(size_t i, void *arg);

/* Runs job(i, arg) once for every i in 0..n-1, in up to max_threads threads, and returns
 * when all are done. Inline (in the caller) when one thread would do or when no thread
 * can be started; a thread that cannot be started leaves its share to the others.
 * Returns the number of threads started (0: everything ran inline). */
size_t run_in_threads(size_t n, size_t max_threads, thread_job_fn job, void *arg);

#endif
