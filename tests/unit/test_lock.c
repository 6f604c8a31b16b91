/* The run lock: waits its turn, times out, and refuses planted files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "testfiles.h"
#include "lock.h"

static void path_in(char *buf, size_t size, void *dir, const char *name)
{
	snprintf(buf, size, "%s/%s", (char *)dir, name);
}

static void test_lock_and_timeout(void **state)
{
	char dir[512];
	int fd, fd2;

	path_in(dir, sizeof(dir), *state, "run");
	fd = run_lock(dir, 5);
	assert_true(fd >= 0);
	/* held (flock is per open file: a second open contends) -> timeout */
	fd2 = run_lock(dir, 0);
	assert_int_equal(fd2, -ETIMEDOUT);
	run_unlock(fd);
	fd2 = run_lock(dir, 0);
	assert_true(fd2 >= 0);
	run_unlock(fd2);
}

static void test_symlink_planted(void **state)
{
	char dir[512], lock[600], target[600];

	path_in(dir, sizeof(dir), *state, "run");
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(lock, sizeof(lock), "%s/%s", dir, MP_LOCK_FILE);
	snprintf(target, sizeof(target), "%s/victim", (char *)*state);
	assert_int_equal(symlink(target, lock), 0);
	assert_int_equal(run_lock(dir, 0), -ELOOP);
	assert_int_equal(access(target, F_OK), -1);   /* nothing created through the link */
}

/* A FIFO planted at the lock file's name: refused at once, never waited on. */
static void test_fifo_planted(void **state)
{
	char dir[512], lock[600];

	path_in(dir, sizeof(dir), *state, "run");
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(lock, sizeof(lock), "%s/%s", dir, MP_LOCK_FILE);
	assert_int_equal(mkfifo(lock, 0600), 0);
	alarm(10);
	assert_int_equal(run_lock(dir, 0), -EPERM);
	alarm(0);
}

static void test_unsafe_dir(void **state)
{
	char dir[512], lock[600];

	path_in(dir, sizeof(dir), *state, "open");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(chmod(dir, 0777), 0);   /* anyone could plant the lock file */
	assert_int_equal(run_lock(dir, 0), -EPERM);
	/* a lock "file" that is a directory */
	path_in(dir, sizeof(dir), *state, "run2");
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(lock, sizeof(lock), "%s/%s", dir, MP_LOCK_FILE);
	assert_int_equal(mkdir(lock, 0700), 0);
	assert_true(run_lock(dir, 0) < 0);
	/* a directory that is a symlink */
	path_in(dir, sizeof(dir), *state, "link");
	assert_int_equal(symlink("/tmp", dir), 0);
	assert_int_equal(run_lock(dir, 0), -EPERM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lock_and_timeout, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_symlink_planted, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_fifo_planted, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_unsafe_dir, setup_dir, teardown_dir),
	};
	return cmocka_run_group_tests_name("lock", tests, NULL, NULL);
}
