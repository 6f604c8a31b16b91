#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "workers.h"

/* One record per finished job; smaller than PIPE_BUF, so each write is atomic even with
 * every worker writing to the same pipe. */
struct record {
	size_t i;
	struct job_result res;
};

_Static_assert(sizeof(struct record) <= PIPE_BUF, "result records must be written atomically");

static void run_one(size_t i, job_fn job, void *arg, struct job_result *res)
{
	memset(res, 0, sizeof(*res));
	res->r = job(i, arg, res);
}

/* Worker w takes jobs w, w + n, w + 2n, ...: jobs of one kind cost about the same. */
static void worker(unsigned w, unsigned n, size_t njobs, job_fn job, void *arg, int fd,
		   void (*child_exit)(void))
{
	for (size_t i = w; i < njobs; i += n) {
		struct record rec = { .i = i };
		ssize_t k;

		run_one(i, job, arg, &rec.res);
		do
			k = write(fd, &rec, sizeof(rec));
		while (k < 0 && errno == EINTR);
		if (k != (ssize_t)sizeof(rec))
			break;
	}
	if (child_exit)
		child_exit();
	_exit(0);   /* no atexit handlers, no flushing of the parent's stdio buffers */
}

void run_in_workers(size_t njobs, unsigned max_workers, job_fn job, void *arg,
		   struct job_result *res, void (*child_exit)(void))
{
	unsigned n = max_workers ? max_workers : 1, started = 0;
	pid_t pids[WORKERS_MAX];
	struct record rec;
	int fds[2];
	ssize_t k;

	if (n > WORKERS_MAX)
		n = WORKERS_MAX;
	if (n > njobs)
		n = (unsigned)njobs;
	if (n <= 1 || pipe(fds)) {
		for (size_t i = 0; i < njobs; i++)
			run_one(i, job, arg, &res[i]);
		return;
	}
	for (size_t i = 0; i < njobs; i++) {
		memset(&res[i], 0, sizeof(res[i]));
		res[i].r = -EIO;
		strlcpy_safe(res[i].msg, "worker process died", sizeof(res[i].msg));
	}
	/* Buffered output would otherwise be written once more by every worker. */
	fflush(stdout);
	fflush(stderr);
	for (unsigned w = 0; w < n; w++) {
		pid_t pid = fork();

		if (pid == 0) {
			close(fds[0]);
			worker(w, n, njobs, job, arg, fds[1], child_exit);
		}
		if (pid < 0)
			break;
		pids[started++] = pid;
	}
	close(fds[1]);
	while ((k = read(fds[0], &rec, sizeof(rec))) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k != (ssize_t)sizeof(rec) || rec.i >= njobs)
			break;
		res[rec.i] = rec.res;
	}
	close(fds[0]);
	for (unsigned w = 0; w < started; w++)
		while (waitpid(pids[w], NULL, 0) < 0 && errno == EINTR)
			;
	/* Workers that could not be forked: their share runs here. */
	for (unsigned w = started; w < n; w++)
		for (size_t i = w; i < njobs; i += n)
			run_one(i, job, arg, &res[i]);
}
