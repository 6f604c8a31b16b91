/* The log (log.h): levels, an injected sink, the default line format (escaped, one
 * line), the debug trace gate, and libdevmapper's own messages routed through it. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include <string.h>

#include "devmapper.h"
#include "log.h"
#include "logcapture.h"

struct rec_copy {
	int n;
	enum mp_log_level level[8];
	char msg[8][128];
	int line[8];
};

static void copy_sink(void *arg, const struct mp_log_rec *rec)
{
	struct rec_copy *c = arg;

	if (c->n < 8) {
		c->level[c->n] = rec->level;
		c->line[c->n] = rec->line;
		snprintf(c->msg[c->n], sizeof(c->msg[0]), "%s", rec->msg);
	}
	c->n++;
}

static int calls;
static const char *counted(void)
{
	calls++;
	return "x";
}

static void test_levels_and_sink(void **state)
{
	struct rec_copy c = { 0 };
	void *old_arg;
	mp_log_sink old;

	(void)state;
	mp_log_init("multipath", MP_LOG_WARN);
	old = mp_log_set_sink(copy_sink, &c, &old_arg);
	assert_null(old);   /* the default: stderr */
	mp_err("e %d", 1);
	mp_warn("w %s", "2");
	mp_info("i");
	mp_debug("d %s", counted());
	assert_int_equal(c.n, 2);
	assert_int_equal(c.level[0], MP_LOG_ERR);
	assert_string_equal(c.msg[0], "e 1");
	assert_int_equal(c.level[1], MP_LOG_WARN);
	assert_string_equal(c.msg[1], "w 2");
	assert_int_equal(calls, 0);          /* a trace that is off evaluates nothing */
	mp_log_set_level(MP_LOG_DEBUG);      /* -v4 */
	mp_info("i");
	mp_debug("d %s", counted());
	assert_int_equal(c.n, 4);
	assert_int_equal(calls, 1);
	assert_int_equal(c.level[3], MP_LOG_DEBUG);
	assert_string_equal(c.msg[3], "d x");
	assert_true(c.line[3] > 0);
	mp_log_set_level(MP_LOG_ERR);        /* quieter than the default: warnings go */
	mp_warn("w");
	assert_int_equal(c.n, 4);
	assert_ptr_equal(mp_log_set_sink(old, old_arg, NULL), copy_sink);
	mp_log_set_level(MP_LOG_WARN);
}

static void test_format(void **state)
{
	struct mp_log_rec r = { .level = MP_LOG_ERR, .file = "libmultipath/bindings.c",
				.line = 42, .msg = "sda: bad\n\x1b[2J\xff" };
	char out[256];

	(void)state;
	mp_log_init("kpartx", MP_LOG_WARN);
	mp_log_format(out, sizeof(out), &r);
	/* one line, nothing raw: control and non-ASCII bytes escaped */
	assert_string_equal(out, "kpartx: sda: bad\\x0a\\x1b[2J\\xff");
	r.level = MP_LOG_DEBUG;
	r.msg = "trace";
	mp_log_format(out, sizeof(out), &r);
	assert_string_equal(out, "kpartx: debug: bindings.c:42: trace");
	r.file = NULL;
	mp_log_format(out, sizeof(out), &r);
	assert_string_equal(out, "kpartx: trace");
	mp_log_init("multipath", MP_LOG_WARN);
}

/* libdevmapper's own messages reach the log at debug level, with libdevmapper's
 * file:line. A failure it gives no errno for (a name longer than device-mapper allows
 * is refused by libdevmapper itself, before any ioctl: this test needs no
 * device-mapper) returns a plain -errno, and what libdevmapper said is logged as an
 * error, since that is the only "why" there is. */
static void test_libdevmapper_routed(void **state)
{
	struct log_capture lc;
	struct rec_copy c = { 0 };
	struct dmx_map m;
	char name[300], *msgs;
	void *old_arg;
	mp_log_sink old;
	int r;

	(void)state;
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	/* at the default level: one error line, libdevmapper's reason (libdevmapper says
	 * why it cannot reach the kernel only once: this comes first) */
	old = mp_log_set_sink(copy_sink, &c, &old_arg);
	mp_log_set_level(MP_LOG_WARN);
	r = dmx_rename(name, "b");
	mp_log_set_sink(old, old_arg, NULL);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.level[0], MP_LOG_ERR);
	assert_true(!strncmp(c.msg[0], "libdevmapper: ", 14));
	if (r == -EINVAL) {
		assert_non_null(strstr(c.msg[0], "aaaaaaaa"));
		assert_non_null(strstr(c.msg[0], "too long"));
	} else {
		/* no device-mapper here: the cause (the control node), not what libdevmapper
		 * said after it */
		assert_int_equal(r, -ENODEV);
		assert_non_null(strstr(c.msg[0], "/dev/mapper/control"));
	}
	/* at -v4 the trace and libdevmapper's own debug lines */
	log_capture_start(&lc);
	r = dmx_info(name, &m);
	msgs = log_capture_stop(&lc);
	assert_true(r == -EINVAL || r == -ENODEV);
	assert_non_null(strstr(msgs, "dm info aaaa"));
	if (r == -EINVAL)
		assert_non_null(strstr(msgs, "libdevmapper: "));
	free(msgs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_and_sink),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_libdevmapper_routed),
	};
	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
