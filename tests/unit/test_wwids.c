/* The wwids file: parse (junk-tolerant), contains, add, append-style save. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "testfiles.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "structs.h"
#include "wwids.h"
#include "logcapture.h"

/* What the last save logged (its failures are log records). */
static char err[1024];
#define wsave(w) LOG_CAPTURED(err, wwids_save(w))


static void parse_len(struct wwids *w, const char *text, size_t len, char **msgs)
{
	struct log_capture lc;

	log_capture_start(&lc);
	wwids_init(w);
	assert_int_equal(wwids_parse(w, text, len, "wwids"), 0);
	*msgs = log_capture_stop(&lc);
}

static void parse(struct wwids *w, const char *text, char **msgs)
{
	parse_len(w, text, strlen(text), msgs);
}

static void test_parse_good(void **state)
{
	static const char text[] =
		"# Multipath wwids, Version : 1.0\n"
		"# NOTE: comment\n"
		"#\n"
		"# Valid WWIDs:\n"
		"/3600a0b800011111/\n"
		"\n"
		"  /1ACME_DISK#7/   # trailing comment\r\n"
		"/3600a0b800022222/";              /* no final newline */
	struct wwids w;
	char *msgs;

	(void)state;
	parse(&w, text, &msgs);
	assert_string_equal(msgs, "");
	free(msgs);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.nfile, 3);
	assert_true(wwids_contains(&w, "3600a0b800011111"));
	assert_true(wwids_contains(&w, "1ACME_DISK#7"));
	assert_true(wwids_contains(&w, "3600a0b800022222"));
	assert_false(wwids_contains(&w, "3600a0b8000"));
	assert_false(wwids_contains(&w, "/3600a0b800011111/"));
	assert_false(wwids_dirty(&w));
	wwids_free(&w);

	parse(&w, "", &msgs);
	assert_int_equal(w.n, 0);
	assert_false(wwids_contains(&w, ""));
	free(msgs);
	wwids_free(&w);
}

static void test_parse_junk(void **state)
{
	char text[1024], longw[200], *msgs;
	struct wwids w;
	size_t len;

	(void)state;
	memset(longw, '3', 129);
	longw[129] = '\0';
	len = (size_t)snprintf(text, sizeof(text),
		"/3600a/\n"              /* 1 good */
		"3600b\n"                /* 2 no slashes */
		"/3600c\n"               /* 3 unterminated (a torn last write) */
		"//\n"                   /* 4 empty */
		"/36/00d/\n"             /* 5 slash inside */
		"/3600e/ /3600f/\n"      /* 6 two fields */
		"/%s/\n"                 /* 7 too long */
		"/3600g/x\n"             /* 8 garbage after the closing slash */
		"/3600h\x02/\n"          /* 9 control character */
		"/\n"                    /* 10 */
		"/3600i/\n"              /* 11 good */
		"/3600j/\n",             /* 12 gets a NUL */
		longw);
	text[len - 3] = '\0';
	parse_len(&w, text, len, &msgs);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.nbad, 10);
	assert_true(wwids_contains(&w, "3600a"));
	assert_true(wwids_contains(&w, "3600i"));
	assert_false(wwids_contains(&w, "3600e"));
	assert_false(wwids_contains(&w, "3600c"));
	assert_non_null(strstr(msgs, "wwids:2: not of the form /wwid/, line ignored\n"));
	assert_non_null(strstr(msgs, "wwids:3: not of the form /wwid/"));
	assert_non_null(strstr(msgs, "wwids:4: empty WWID or '/' inside it"));
	assert_non_null(strstr(msgs, "wwids:5: empty WWID or '/' inside it"));
	assert_non_null(strstr(msgs, "wwids:6: extra fields"));
	assert_non_null(strstr(msgs, "wwids:7: WWID too long"));
	assert_non_null(strstr(msgs, "wwids:8: not of the form /wwid/"));
	assert_non_null(strstr(msgs, "wwids:9: contains a NUL byte or control character"));
	assert_non_null(strstr(msgs, "wwids:10: not of the form"));
	assert_non_null(strstr(msgs, "wwids:12: contains a NUL byte"));
	assert_null(strstr(msgs, "wwids:1:"));
	assert_null(strstr(msgs, "wwids:11:"));
	free(msgs);
	wwids_free(&w);

	/* the warnings are log records: below the log level, nothing is shown */
	mp_log_set_level(MP_LOG_ERR);
	wwids_init(&w);
	assert_int_equal(wwids_parse(&w, "junk\n/ok/\n", 10, "x"), 0);
	mp_log_set_level(MP_LOG_WARN);
	assert_int_equal(w.nbad, 1);
	assert_int_equal(w.n, 1);
	wwids_free(&w);
}

static void test_parse_repeated(void **state)
{
	struct wwids w;
	char *msgs;

	(void)state;
	parse(&w, "/3600a/\n/3600b/\n/3600a/\n", &msgs);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.ndup, 1);
	assert_non_null(strstr(msgs, "wwids:3: WWID 3600a listed again, line ignored"));
	free(msgs);
	wwids_free(&w);
}

static void test_add(void **state)
{
	char longw[WWID_SIZE + 1];
	struct wwids w;

	(void)state;
	wwids_init(&w);
	assert_int_equal(wwids_add(&w, "3600a"), 0);
	assert_int_equal(wwids_add(&w, "3600a"), 1);
	assert_int_equal(wwids_add(&w, "3600b"), 0);
	assert_int_equal(wwids_add(&w, ""), -EINVAL);
	assert_int_equal(wwids_add(&w, "36/00"), -EINVAL);
	assert_int_equal(wwids_add(&w, "36 00"), -EINVAL);
	assert_int_equal(wwids_add(&w, "#3600"), -EINVAL);
	assert_int_equal(wwids_add(&w, "3600\n"), -EINVAL);
	memset(longw, '3', WWID_SIZE);
	longw[WWID_SIZE] = '\0';
	assert_int_equal(wwids_add(&w, longw), -EINVAL);
	longw[WWID_SIZE - 1] = '\0';                         /* 128 chars: the limit */
	assert_int_equal(wwids_add(&w, longw), 0);
	assert_int_equal(w.n, 3);
	assert_true(wwids_contains(&w, "3600b"));
	assert_true(wwids_dirty(&w));
	wwids_free(&w);
}

static void test_format(void **state)
{
	struct wwids w;
	char *out, *msgs;
	size_t len;

	(void)state;
	wwids_init(&w);
	wwids_add(&w, "3600a");
	wwids_add(&w, "3600b");
	assert_int_equal(wwids_format(&w, &out, &len), 0);
	assert_int_equal(strncmp(out, "# Multipath wwids, Version : 1.0\n", 33), 0);
	assert_non_null(strstr(out, "\n/3600a/\n/3600b/\n"));
	assert_int_equal(len, strlen(wwids_header) + 16);
	wwids_free(&w);
	/* reads back the same, without a warning */
	parse(&w, out, &msgs);
	assert_string_equal(msgs, "");
	assert_int_equal(w.n, 2);
	free(msgs);
	free(out);

	/* append: existing bytes kept, a present WWID not repeated */
	wwids_add(&w, "3600a");
	wwids_add(&w, "3600c");
	assert_int_equal(wwids_format(&w, &out, &len), 0);
	assert_int_equal(strncmp(out, wwids_header, strlen(wwids_header)), 0);
	assert_non_null(strstr(out, "\n/3600a/\n/3600b/\n/3600c/\n"));
	assert_null(strstr(strstr(out, "/3600b/"), "/3600a/"));
	free(out);
	wwids_free(&w);

	/* junk and a missing final newline */
	parse(&w, "# mine\n/3600a/\nbroken", &msgs);
	free(msgs);
	wwids_add(&w, "3600z");
	assert_int_equal(wwids_format(&w, &out, &len), 0);
	assert_string_equal(out, "# mine\n/3600a/\nbroken\n/3600z/\n");
	free(out);
	wwids_free(&w);
}

static char *read_text(const char *p)
{
	char *d;
	size_t n;

	assert_int_equal(af_read(p, AF_MAX_SIZE, &d, &n), 0);
	return d;
}

static void test_load_save(void **state)
{
	char p[PATH_MAX], *d;
	struct wwids w;
	struct stat st, st2;

	snprintf(p, sizeof(p), "%s/multipath/wwids", (char *)*state);
	assert_int_equal(wwids_load(&w, p), 0);
	assert_int_equal(w.n, 0);
	assert_int_equal(wsave(&w), 0);     /* nothing to write */
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(wwids_add(&w, "3600a"), 0);
	assert_int_equal(wsave(&w), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	/* unchanged: not rewritten */
	assert_int_equal(wwids_add(&w, "3600a"), 1);
	assert_int_equal(wsave(&w), 0);
	assert_int_equal(stat(p, &st2), 0);
	assert_int_equal(st.st_ino, st2.st_ino);
	assert_int_equal(wwids_add(&w, "3600b"), 0);
	assert_int_equal(wsave(&w), 0);
	wwids_free(&w);

	d = read_text(p);
	assert_int_equal(strncmp(d, wwids_header, strlen(wwids_header)), 0);
	assert_string_equal(d + strlen(wwids_header), "/3600a/\n/3600b/\n");
	free(d);

	assert_int_equal(wwids_load(&w, p), 0);
	assert_int_equal(w.n, 2);
	assert_true(wwids_contains(&w, "3600b"));
	wwids_free(&w);

	/* errors */
	assert_int_equal(wwids_load(&w, (char *)*state), -EISDIR);
	wwids_free(&w);
	wwids_init(&w);
	wwids_add(&w, "3600a");
	assert_int_equal(wsave(&w), -EINVAL);
	assert_non_null(strstr(err, "not loaded from a file"));
	wwids_free(&w);
	snprintf(p, sizeof(p), "%s/multipath/wwids/sub", (char *)*state);
	assert_int_equal(wwids_load(&w, p), -ENOTDIR);
	wwids_free(&w);
	wwids_init(&w);
	w.path = strdup(p);
	wwids_add(&w, "3600a");
	assert_int_equal(wsave(&w), -ENOTDIR);
	assert_non_null(strstr(err, "wwids/sub"));
	assert_true(wwids_dirty(&w));
	wwids_free(&w);
}

/* A wwids file that exists but cannot be read is never rewritten (before: replaced
 * by the header and this run's WWIDs). */
static void test_unreadable_file(void **state)
{
	char p[PATH_MAX];
	struct file_id before, after;
	struct wwids w;

	snprintf(p, sizeof(p), "%s/wwids", (char *)*state);
	make_oversize(p, "/3600aaaa/\n", AF_MAX_SIZE);
	file_id(p, &before);
	assert_int_equal(wwids_load(&w, p), -EFBIG);
	assert_int_equal(w.load_error, -EFBIG);
	assert_int_equal(wwids_add(&w, "3600bbbb"), 0);
	assert_int_equal(wsave(&w), 0);
	wwids_free(&w);
	file_id(p, &after);
	assert_int_equal(after.size, before.size);
	assert_int_equal(after.ino, before.ino);
	assert_string_equal(after.head, "/3600aaaa/\n");

	snprintf(p, sizeof(p), "%s/fifo", (char *)*state);
	assert_int_equal(mkfifo(p, 0600), 0);
	alarm(10);
	assert_int_equal(wwids_load(&w, p), -EINVAL);
	alarm(0);
	assert_int_equal(wwids_add(&w, "3600bbbb"), 0);
	assert_int_equal(wsave(&w), 0);
	wwids_free(&w);
	assert_int_equal(access(p, F_OK), 0);
}

/* Thousands of WWIDs: parse, look up, add more; all hashed. */
static void test_thousands(void **state)
{
	const int n = 30000;
	size_t cap = (size_t)n * 24, pos = 0;
	char *text = malloc(cap), wwid[32];
	struct wwids w;
	int i;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		pos += (size_t)snprintf(text + pos, cap - pos, "/3600%08d/\n", i * 2);
	wwids_init(&w);
	assert_int_equal(wwids_parse(&w, text, pos, "big"), 0);
	assert_int_equal(w.n, n);
	for (i = 0; i < 2 * n; i++) {
		snprintf(wwid, sizeof(wwid), "3600%08d", i);
		assert_int_equal(wwids_contains(&w, wwid), i % 2 == 0);
	}
	for (i = 0; i < 2 * n; i++) {
		snprintf(wwid, sizeof(wwid), "3600%08d", i);
		assert_int_equal(wwids_add(&w, wwid), i % 2 == 0 ? 1 : 0);
	}
	assert_int_equal(w.n, 2 * n);
	assert_int_equal(w.nfile, n);
	free(text);
	wwids_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_junk),
		cmocka_unit_test(test_parse_repeated),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_format),
		cmocka_unit_test_setup_teardown(test_load_save, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_unreadable_file, setup_dir, teardown_dir),
		cmocka_unit_test(test_thousands),
	};

	return cmocka_run_group_tests_name("wwids", tests, NULL, NULL);
}
