/* Golden output: the original three-section -v layout, and escaping of device strings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "coalesce.h"
#include "mptable.h"
#include "pgpolicy.h"
#include "print.h"
#include "helpers.h"
#include "testfiles.h"

/* The 2004 paper's topology, trimmed: two HSV110 LUs over 4 paths, one HSG80 LU. */
static void paper_topology(struct pathvec *pv)
{
	static const struct { const char *dev; int h, t, l; const char *wwid, *model, *vendor; } d[] = {
		{ "sda", 0, 1, 1, "600508b4000156d700012000000b0000", "HSV110 (C)COMPAQ", "COMPAQ" },
		{ "sdb", 0, 1, 2, "600508b4000156c30001200000210000", "HSV110 (C)COMPAQ", "COMPAQ" },
		{ "sde", 0, 3, 1, "60001fe1000bdad0000903507109004b", "HSG80", "DEC" },
		{ "sdk", 1, 1, 1, "600508b4000156d700012000000b0000", "HSV110 (C)COMPAQ", "COMPAQ" },
		{ "sdl", 1, 1, 2, "600508b4000156c30001200000210000", "HSV110 (C)COMPAQ", "COMPAQ" },
	};
	memset(pv, 0, sizeof(*pv));
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		struct path p = mkpath(d[i].dev, 8, (unsigned int)(16 * i), d[i].wwid, "", d[i].h, d[i].t, d[i].l);

		strlcpy_safe(p.model, d[i].model, sizeof(p.model));
		strlcpy_safe(p.vendor, d[i].vendor, sizeof(p.vendor));
		p.size = 27262976;
		pathvec_add(pv, &p);
	}
}

static void test_verbose_golden(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	char *out = NULL, params[512], *want;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	paper_topology(&pv);
	assert_int_equal(coalesce_paths(&pv, NULL, &mv), 0);
	print_paths_and_multipaths(f, &pv, &mv, 0);
	for (size_t m = 0; m < mv.n; m++) {
		assert_int_equal(group_paths(&mv.m[m], &pv, PGP_MULTIBUS), 0);
		struct mpt_table t;

		assert_int_equal(mpt_build(&mv.m[m], &pv, NULL, &t, NULL), 0);
		assert_int_equal(mpt_format(&t, params, sizeof(params)), 0);
		mpt_free(&t);
		print_map_line(f, mv.m[m].wwid, mv.m[m].size, params);
	}
	fclose(f);
	want = read_golden("verbose_2004.txt");
	assert_string_equal(out, want);
	free(want);
	free(out);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

static void test_escape(void **state)
{
	char out[64];

	(void)state;
	print_escaped(out, sizeof(out), "ok text");
	assert_string_equal(out, "ok text");
	print_escaped(out, sizeof(out), "a\033[2Jb\\%n\xff");
	assert_string_equal(out, "a\\x1b[2Jb\\x5c%n\\xff");
	print_escaped(out, 6, "abc\001def");   /* never splits an escape, always terminated */
	assert_string_equal(out, "abc");
	print_escaped(out, 1, "abc");
	assert_string_equal(out, "");
}

/* A hostile model string cannot break the line format or act as a format string. */
static void test_hostile_strings_in_lines(void **state)
{
	struct path p = mkpath("sdz", 65, 144, "3600a", "", 2, 0, 7);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	strlcpy_safe(p.vendor, "%s%s%n", sizeof(p.vendor));
	strlcpy_safe(p.model, "X\nFAKE 1 2 3", sizeof(p.model));
	print_path_line(f, &p);
	print_member_line(f, &p);
	fclose(f);
	assert_string_equal(out, "3600a (2 0 0 7) /dev/sdz [%s%s%n X\\x0aFAKE 1 2 3]\n"
				 " \\_(2 0 0 7) /dev/sdz [%s%s%n X\\x0aFAKE 1 2 3]\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verbose_golden),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_hostile_strings_in_lines),
	};
	return cmocka_run_group_tests_name("print", tests, NULL, NULL);
}
