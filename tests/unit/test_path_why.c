/* p->errmsg, a path's "why" (structs.h path_why): per-path data shown next to the path,
 * written in one place. The first cause is kept unless replaced, the device leads, and
 * the -v4 trace gets each as it is set. A checker on a node that is not SCSI fills it
 * with what failed, on which path and why. */
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "checker.h"
#include "logcapture.h"
#include "structs.h"

static void test_first_cause_kept(void **state)
{
	struct path p;
	char log[512];

	(void)state;
	memset(&p, 0, sizeof(p));
	strcpy(p.dev, "sdq");
	(void)LOG_CAPTURED(log, (path_why(&p, 0, "INQUIRY VPD 0x83 failed: %s", "timeout"), 0));
	assert_string_equal(p.errmsg, "sdq: INQUIRY VPD 0x83 failed: timeout");
	assert_string_equal(log, "sdq: INQUIRY VPD 0x83 failed: timeout\n");
	path_why(&p, 0, "prio alua: %s", "later");              /* kept: the first cause */
	assert_string_equal(p.errmsg, "sdq: INQUIRY VPD 0x83 failed: timeout");
	path_why(&p, 1, "device state is %s", "offline");       /* replaced */
	assert_string_equal(p.errmsg, "sdq: device state is offline");
	/* a long reason is cut at the field, never past it */
	memset(log, 'x', 400);
	log[400] = '\0';
	path_why(&p, 1, "%s", log);
	assert_int_equal(strlen(p.errmsg), sizeof(p.errmsg) - 1);
}

static void test_checker_says_why(void **state)
{
	struct path p;
	char log[1024];
	int fd = open("/dev/null", O_RDONLY);

	(void)state;
	assert_true(fd >= 0);
	memset(&p, 0, sizeof(p));
	strcpy(p.dev, "sdq");                      /* no such disk in sysfs: not passive */
	(void)LOG_CAPTURED(log, (check_path(&p, fd, CHK_TUR, 1000), 0));
	close(fd);
	assert_int_equal(p.state, PATH_DOWN);
	assert_true(!strncmp(p.errmsg, "sdq: TEST UNIT READY failed: SG_IO ", 35));
	assert_non_null(strstr(log, p.errmsg));
}

/* A prioritizer that fails says so on the path: which prioritizer, and why; the
 * checker's earlier reason is kept. */
static void test_prioritizer_says_why(void **state)
{
	struct path p;
	char log[1024];

	(void)state;
	memset(&p, 0, sizeof(p));
	strcpy(p.dev, "sdq");
	(void)LOG_CAPTURED(log, (prioritize_path(&p, -1, PRIO_WEIGHTEDPATH, "bogus 1", 0), 0));
	assert_int_equal(p.prio, 0);
	assert_string_equal(p.errmsg, "sdq: prio weightedpath: prio_args must start with hbtl, "
			    "devname, serial or wwn");
	assert_non_null(strstr(log, p.errmsg));
	p.errmsg[0] = '\0';
	prioritize_path(&p, -1, PRIO_ALUA, NULL, 0);             /* needs a descriptor */
	assert_string_equal(p.errmsg, "sdq: prio alua: Bad file descriptor");
	path_why(&p, 1, "TEST UNIT READY failed: timeout");
	prioritize_path(&p, -1, PRIO_RDAC, NULL, 0);
	assert_string_equal(p.errmsg, "sdq: TEST UNIT READY failed: timeout");
	prioritize_path(&p, -1, PRIO_CONST, NULL, 0);
	assert_int_equal(p.prio, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_cause_kept),
		cmocka_unit_test(test_checker_says_why),
		cmocka_unit_test(test_prioritizer_says_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
