/* benchrun: time one command inside the benchmark VM.
 *
 *   benchrun [-t SECONDS] [-o FILE] CMD [ARGS...]
 *
 * Runs CMD with stdout and stderr appended to FILE (default /dev/null), kills its whole
 * process group after SECONDS (default 600), and prints one line:
 *
 *   <elapsed ns> <peak RSS KiB> <status> <user us> <sys us>
 *
 * status is CMD's exit code, 128+signal if it died of a signal, or 124 if it timed out.
 * Peak RSS and CPU times come from wait4()'s rusage, i.e. the process itself (and any
 * children it waited for), not a sample. Exit status: 0 once the line is printed, 2 when the
 * command could not be run at all. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long tv_us(struct timeval tv)
{
	return tv.tv_sec * 1000000LL + tv.tv_usec;
}

static void usage(void)
{
	fputs("usage: benchrun [-t SECONDS] [-o FILE] CMD [ARGS...]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null";
	long timeout_s = 600;
	struct timespec limit;
	struct rusage ru;
	sigset_t chld;
	long long t0, t1;
	int opt, st = 0, rc, timed_out = 0;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+t:o:")) != -1) {
		switch (opt) {
		case 't': {
			char *end;

			timeout_s = strtol(optarg, &end, 10);
			if (*end || timeout_s <= 0)
				usage();
			break;
		}
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();

	/* SIGCHLD blocked so sigtimedwait() can wait for the child with a deadline, without
	 * polling (polling would steal CPU from the command being timed). */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "benchrun: fork failed: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

		sigprocmask(SIG_UNBLOCK, &chld, NULL);
		setpgid(0, 0);   /* its own group: a timeout kills helpers it started too */
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0) {
			fprintf(stderr, "benchrun: %s: cannot open for output: %s\n", out, strerror(errno));
			_exit(127);
		}
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "benchrun: %s: exec failed: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);   /* both sides set it: no race with the kill below */

	limit.tv_sec = timeout_s;
	limit.tv_nsec = 0;
	for (;;) {
		long long left;

		rc = wait4(pid, &st, WNOHANG, &ru);
		if (rc == pid)
			break;
		if (rc < 0 && errno != EINTR) {
			fprintf(stderr, "benchrun: wait4 failed: %s\n", strerror(errno));
			return 2;
		}
		left = t0 + timeout_s * 1000000000LL - now_ns();
		if (left <= 0) {
			timed_out = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			if (wait4(pid, &st, 0, &ru) < 0) {
				fprintf(stderr, "benchrun: wait4 failed: %s\n", strerror(errno));
				return 2;
			}
			break;
		}
		limit.tv_sec = left / 1000000000LL;
		limit.tv_nsec = left % 1000000000LL;
		sigtimedwait(&chld, NULL, &limit);   /* a SIGCHLD or the deadline; then look again */
	}
	t1 = now_ns();

	if (timed_out)
		rc = 124;
	else if (WIFEXITED(st))
		rc = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		rc = 128 + WTERMSIG(st);
	else
		rc = 255;
	printf("%lld %ld %d %lld %lld\n", t1 - t0, ru.ru_maxrss, rc, tv_us(ru.ru_utime),
	       tv_us(ru.ru_stime));
	return 0;
}
