/* The log (log.h): levels, an injected sink, the default line format (escaped, one
 * line), the debug trace gate, and libdevmapper's own messages routed through it. */
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

/* libdevmapper's own messages reach the log (at debug level, with libdevmapper's
 * file:line), and its error is still kept for the caller's message. A name longer
 * than device-mapper allows is refused by libdevmapper itself ("too long"), or,
 * on a host without device-mapper (this test needs none), it says it cannot reach
 * the driver: either way libdevmapper logs an error. */
static void test_libdevmapper_routed(void **state)
{
	struct log_capture lc;
	struct dmx_map m;
	char name[300], *msgs;
	int r;

	(void)state;
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	log_capture_start(&lc);
	r = dmx_info(name, &m);
	msgs = log_capture_stop(&lc);
	assert_true(r < 0);
	assert_non_null(strstr(msgs, "libdevmapper: "));
	assert_true(dmx_last_error()[0]);
	assert_non_null(strstr(msgs, dmx_last_error()));
	free(msgs);
	/* below debug level nothing of it is shown, the error is still kept */
	{
		struct rec_copy c = { 0 };
		void *old_arg;
		mp_log_sink old = mp_log_set_sink(copy_sink, &c, &old_arg);

		mp_log_set_level(MP_LOG_WARN);
		assert_true(dmx_info(name, &m) < 0);
		mp_log_set_sink(old, old_arg, NULL);
		assert_int_equal(c.n, 0);
		assert_true(dmx_last_error()[0]);
	}
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
