/* skip_kpartx marks for the hotplug handler (multipath/kpartx_mark.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "kpartx_mark.h"

static int exists(const char *dir, const char *name)
{
	char p[512];
	struct stat st;

	snprintf(p, sizeof(p), "%s/" KPARTX_MARK_SUBDIR "/%s", dir, name);
	return !lstat(p, &st) && S_ISREG(st.st_mode);
}

static void test_mark_and_clear(void **state)
{
	char dir[64] = "/tmp/kpmarkXXXXXX", sub[128], cmd[160];

	(void)state;
	assert_non_null(mkdtemp(dir));
	strcat(dir, "/run");                    /* the run directory itself may not exist yet */
	assert_int_equal(kpartx_mark(dir, "mpatha", 0), 0);   /* nothing to remove */
	assert_false(exists(dir, "mpatha"));
	assert_int_equal(kpartx_mark(dir, "mpatha", 1), 0);
	assert_true(exists(dir, "mpatha"));
	assert_int_equal(kpartx_mark(dir, "mpatha", 1), 0);   /* again: still one mark */
	assert_false(exists(dir, "mpathb"));
	assert_int_equal(kpartx_mark(dir, "mpatha", 0), 0);
	assert_false(exists(dir, "mpatha"));
	/* no name that escapes the directory */
	assert_int_equal(kpartx_mark(dir, "..", 1), -EINVAL);
	assert_int_equal(kpartx_mark(dir, "", 1), -EINVAL);
	/* a symlink planted as a mark is not followed */
	snprintf(sub, sizeof(sub), "%s/" KPARTX_MARK_SUBDIR "/evil", dir);
	assert_int_equal(symlink("/tmp/kpmark-target-never", sub), 0);
	assert_int_equal(kpartx_mark(dir, "evil", 1), -ELOOP);
	assert_int_equal(access("/tmp/kpmark-target-never", F_OK), -1);
	snprintf(cmd, sizeof(cmd), "rm -rf '%.*s'", (int)(strlen(dir) - 4), dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mark_and_clear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
