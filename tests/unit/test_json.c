/* JSON strings for -j: UTF-8 kept, everything else escaped, and the result read back
 * by a real JSON parser (python3's json module, strict: it rejects raw control
 * characters and invalid UTF-8) as the expected text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "topology.h"

static char *put(const char *s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	json_put_string(f, s);
	fclose(f);
	return out;
}

static void check(const char *in, const char *want)
{
	char *got = put(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_utf8_seq(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(utf8_seq("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_seq("\xc3\xa9", 2, &cp), 2);            /* é */
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_seq("\xe2\x82\xac", 3, &cp), 3);        /* € */
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_seq("\xf0\x9f\x92\xbe", 4, &cp), 4);    /* U+1F4BE */
	assert_int_equal(cp, 0x1f4be);
	assert_int_equal(utf8_seq("\xf4\x8f\xbf\xbf", 4, &cp), 4);    /* U+10FFFF */
	/* not well-formed */
	assert_int_equal(utf8_seq("\x80", 1, &cp), 0);                /* stray continuation */
	assert_int_equal(utf8_seq("\xc0\xaf", 2, &cp), 0);            /* overlong '/' */
	assert_int_equal(utf8_seq("\xe0\x80\xaf", 3, &cp), 0);        /* overlong */
	assert_int_equal(utf8_seq("\xed\xa0\x80", 3, &cp), 0);        /* surrogate D800 */
	assert_int_equal(utf8_seq("\xf4\x90\x80\x80", 4, &cp), 0);    /* above U+10FFFF */
	assert_int_equal(utf8_seq("\xf8\x88\x80\x80\x80", 5, &cp), 0);
	assert_int_equal(utf8_seq("\xff", 1, &cp), 0);
	assert_int_equal(utf8_seq("\xe2\x82", 2, &cp), 0);            /* truncated */
	assert_int_equal(utf8_seq("\xe2\x82\xac", 2, &cp), 0);        /* n cuts it */
	assert_int_equal(utf8_seq("\xc3" "A", 2, &cp), 0);
	assert_int_equal(utf8_seq("", 0, &cp), 0);
}

static void test_strings(void **state)
{
	(void)state;
	check("", "\"\"");
	check("3600a0b8", "\"3600a0b8\"");
	/* UTF-8 as it is, not \u00XX per byte */
	check("WWID-\xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xbe", "\"WWID-\xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xbe\"");
	check("a\"b\\c/", "\"a\\\"b\\\\c/\"");
	/* control characters: C0, DEL, C1 (here CSI, U+009B), line/paragraph separators */
	check("\x01\n\t\x1b[2J\x7f", "\"\\u0001\\u000a\\u0009\\u001b[2J\\u007f\"");
	check("\xc2\x9b" "31m", "\"\\u009b31m\"");
	check("\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\"");
	/* invalid bytes: one U+FFFD each, the valid text around them kept */
	check("\xff" "A\xc3", "\"\\ufffdA\\ufffd\"");
	check("\xed\xa0\x80x", "\"\\ufffd\\ufffd\\ufffdx\"");
	check("\xc0\xaf\xc3\xa9", "\"\\ufffd\\ufffd\xc3\xa9\"");
}

/* Run python3's strict JSON parser over text; *out gets what it prints. */
static int py_parse(const char *text, const char *prog, char *out, size_t size)
{
	char path[] = "/tmp/mp-json-XXXXXX", cmd[4096];
	int fd = mkstemp(path), rc;
	size_t n;
	FILE *p;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	snprintf(cmd, sizeof(cmd), "python3 -c '%s' %s 2>&1", prog, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	rc = pclose(p);
	unlink(path);
	return rc;
}

/* Every string a parser reads back equals the input where the input is valid UTF-8
 * without controls, and the whole -j document parses. */
static void test_real_parser(void **state)
{
	static const char *const in[] = {
		"3600a0b8", "WWID-\xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xbe", "a\"b\\c/",
		"\x01\n\t\x1b[2J\x7f", "\xc2\x9b" "31m", "\xe2\x80\xa8", "\xff" "A\xc3",
		"\xed\xa0\x80x", "%n%s",
	};
	/* What each reads back as, in Python's ascii() notation. */
	static const char *const want =
		"'3600a0b8'\n'WWID-\\xe9\\u20ac\\U0001f4be'\n'a\"b\\\\c/'\n"
		"'\\x01\\n\\t\\x1b[2J\\x7f'\n'\\x9b31m'\n'\\u2028'\n'\\ufffdA\\ufffd'\n"
		"'\\ufffd\\ufffd\\ufffdx'\n'%n%s'\n";
	char *doc = NULL, out[4096];
	size_t len = 0;
	FILE *f = open_memstream(&doc, &len);

	(void)state;
	fputc('[', f);
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		fputs(i ? ", " : "", f);
		json_put_string(f, in[i]);
	}
	fputs("]\n", f);
	fclose(f);
	if (py_parse(doc, "import json,sys\n"
		     "for s in json.load(open(sys.argv[1], \"rb\")): print(ascii(s))",
		     out, sizeof(out)))
		fail_msg("python3 rejects %s: %s", doc, out);
	assert_string_equal(out, want);
	free(doc);
}

/* The whole -j document with non-ASCII and hostile fields parses, and the WWID
 * reads back as the same UTF-8 text. */
static void test_topology_document(void **state)
{
	struct topo_map m;
	struct topo_path tp;
	struct topo_pg pg;
	char *doc = NULL, out[4096];
	size_t len = 0;
	FILE *f = open_memstream(&doc, &len);

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&tp, 0, sizeof(tp));
	memset(&pg, 0, sizeof(pg));
	strcpy(m.name, "mpath\xc3\xa9");
	strcpy(m.wwid, "2\xe6\x97\xa5\xe6\x9c\xac-LU\x01\xff");
	snprintf(m.uuid, sizeof(m.uuid), "mpath-%s", m.wwid);
	strcpy(m.vendor, "V\"\\");
	strcpy(m.product, "\xc2\x9b" "2J");
	strcpy(m.sysfs, "dm-0");
	strcpy(m.features, "0");
	strcpy(m.hwhandler, "0");
	m.size = 2048;
	strcpy(pg.selector, "service-time 0");
	pg.status = "active";
	pg.paths = &tp;
	pg.n = 1;
	m.pg = &pg;
	m.npg = 1;
	strcpy(tp.dev, "sda");
	strcpy(tp.devt, "8:0");
	strcpy(tp.hctl, "0:0:0:0");
	tp.dm_state = "active";
	tp.checker_state = "ready";
	strcpy(tp.sysfs_state, "running\n");
	topo_print_json(f, &m, 1);
	fclose(f);
	if (py_parse(doc, "import json,sys\n"
		     "d = json.load(open(sys.argv[1], \"rb\"))\n"
		     "m = d[\"maps\"][0]\n"
		     "print(ascii([m[\"name\"], m[\"wwid\"], m[\"uuid\"], m[\"vendor\"], m[\"product\"],"
		     " m[\"path_groups\"][0][\"paths\"][0][\"sysfs_state\"]]))",
		     out, sizeof(out)))
		fail_msg("python3 rejects:\n%s\n%s", doc, out);
	assert_string_equal(out, "['mpath\\xe9', '2\\u65e5\\u672c-LU\\x01\\ufffd', "
				 "'mpath-2\\u65e5\\u672c-LU\\x01\\ufffd', 'V\"\\\\', '\\x9b2J', "
				 "'running\\n']\n");
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_seq),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_real_parser),
		cmocka_unit_test(test_topology_document),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
