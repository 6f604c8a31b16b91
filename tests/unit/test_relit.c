/* The literal prefilter of the configuration's regexes (relit.h): where it answers, it answers
 * exactly as regexec does, for every pattern of the built-in table and blacklist and for
 * hand-made edge cases, against every subject of a list built from those patterns. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "relit.h"

static int rx(const char *pattern, const char *s)
{
	regex_t re;
	int m;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	m = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

static int lit(const char *pattern, const char *s)
{
	return relit_match(pattern, s, strlen(s));
}

static void test_verdicts(void **state)
{
	(void)state;
	/* plain words: decided */
	assert_int_equal(lit("NETAPP", "NETAPP"), RELIT_YES);
	assert_int_equal(lit("NETAPP", "XNETAPPY"), RELIT_YES);   /* searched, not anchored */
	assert_int_equal(lit("NETAPP", "NetApp"), RELIT_NO);      /* case counts */
	assert_int_equal(lit("^DGC", "DGCX"), RELIT_YES);
	assert_int_equal(lit("^DGC", "XDGC"), RELIT_NO);
	assert_int_equal(lit("LUNZ$", "XLUNZ"), RELIT_YES);
	assert_int_equal(lit("LUNZ$", "LUNZX"), RELIT_NO);
	assert_int_equal(lit("^ATA$", "ATA"), RELIT_YES);
	assert_int_equal(lit("^ATA$", "ATAX"), RELIT_NO);
	assert_int_equal(lit("(COMPAQ|HP)", "HP"), RELIT_YES);
	assert_int_equal(lit("(COMPAQ|HP)", "HPE"), RELIT_YES);
	assert_int_equal(lit("^(COMPAQ|HP)$", "HPE"), RELIT_NO);
	assert_int_equal(lit(".*", ""), RELIT_YES);
	assert_int_equal(lit("^.*$", "anything"), RELIT_YES);
	assert_int_equal(lit("^$", ""), RELIT_YES);
	assert_int_equal(lit("^$", "x"), RELIT_NO);
	/* words every match holds: a subject without them is no match, else only the regex can tell */
	assert_int_equal(lit("(MSA|HSV)1[01]0", "VV"), RELIT_NO);
	assert_int_equal(lit("(MSA|HSV)1[01]0", "HSV110"), RELIT_UNKNOWN);
	assert_int_equal(lit("^HSV1[01]1", "xHSV111"), RELIT_NO);
	assert_int_equal(lit("MSA [12]0[456]0", "MSA 1040"), RELIT_UNKNOWN);
	assert_int_equal(lit("abc*", "ab"), RELIT_UNKNOWN);       /* c is optional */
	assert_int_equal(lit("abc*", "b"), RELIT_NO);
	/* not of the forms: only the regex can tell */
	assert_int_equal(lit("ab|cd", "cd"), RELIT_UNKNOWN);
	assert_int_equal(lit("(ab|cd)|ef", "ef"), RELIT_UNKNOWN);
	assert_int_equal(lit("(ab|cd)*", ""), RELIT_UNKNOWN);
	assert_int_equal(lit("(ab|(cd|ef))", "ef"), RELIT_UNKNOWN);
	assert_int_equal(lit("(|ab)", ""), RELIT_UNKNOWN);
	assert_int_equal(lit("a?", ""), RELIT_UNKNOWN);
	assert_int_equal(lit("[|]x", "|x"), RELIT_UNKNOWN);
	assert_int_equal(lit("\\.x", ".x"), RELIT_UNKNOWN);
	/* plain: never needs a regex */
	assert_true(relit_plain("NETAPP"));
	assert_true(relit_plain("^(LIO-ORG|SUSE)$"));
	assert_true(relit_plain(".*"));
	assert_false(relit_plain(""));
	assert_false(relit_plain("^HSV1[01]1"));
	assert_false(relit_plain("a{2}"));
}

/* patterns and subjects */
struct set { const char **v; size_t n, cap; };

static void add(struct set *s, const char *v)
{
	if (!v)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		assert_non_null(s->v);
	}
	s->v[s->n++] = v;
}

/* Subjects from a pattern: its words, alone and with text around them. */
static void subjects_of(struct set *subj, struct set *own, const char *pattern)
{
	static const char *const around[][2] = { { "", "" }, { "X", "" }, { "", "X" }, { "X", "X" },
						  { "", "0" }, { "", "10" }, { "", " 2" } };
	char word[128], buf[160];
	const char *p = pattern;

	while (*p) {
		size_t n = strcspn(p, "\\^$.[]()|*+?{}");

		if (n && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			for (size_t i = 0; i < sizeof(around) / sizeof(around[0]); i++) {
				char *d;

				snprintf(buf, sizeof(buf), "%s%s%s", around[i][0], word, around[i][1]);
				assert_non_null(d = strdup(buf));
				add(own, d);
				add(subj, d);
			}
		}
		p += n + (p[n] != '\0');
	}
}

static void test_agrees_with_regexec(void **state)
{
	static const char *const extra[] = {
		"NETAPP", "^DGC", "LUNZ$", "^ATA$", "(COMPAQ|HP)", "^(COMPAQ|HP)$", ".*", "^.*$",
		"^$", "abc*", "ab+", "x{2}y", "(ab|cd)e", "^(ab|cd)", "(ab|cd)$", "a.c", "^[0-9]",
		"SUN$|X", "(MSA|HSV)1[01]0", "MSA [12]0[456]0 (SAN|SAS)", "^(EF3015|S2A|SFA)",
	};
	static const char *const fixed[] = { "", " ", "a", "ab", "abc", "abcc", "ac", "cde", "xx",
					     "xxy", "HP", "HPE", "COMPAQ", "SUN", "SUNX", "X" };
	struct set pat = { 0 }, subj = { 0 }, own = { 0 };
	struct config c;
	size_t i, j, decided = 0;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	for (i = 0; i < c.nhw; i++) {
		add(&pat, c.hw[i].vendor);
		add(&pat, c.hw[i].product);
		add(&pat, c.hw[i].revision);
		add(&pat, c.hw[i].product_blacklist);
	}
	for (i = 0; i < c.blacklist.n; i++) {
		const struct blentry *b = &c.blacklist.e[i];
		const char *f[] = { b->devnode, b->wwid, b->vendor, b->product };

		for (j = 0; j < 4; j++)
			if (f[j])
				add(&pat, f[j] + (f[j][0] == '!'));
	}
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		add(&pat, extra[i]);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add(&subj, fixed[i]);
	for (i = 0; i < pat.n; i++)
		subjects_of(&subj, &own, pat.v[i]);
	assert_true(pat.n > 250);
	/* the built-in patterns are not checked when the table is read: here they are */
	for (i = 0; i < pat.n; i++) {
		regex_t re;

		if (regcomp(&re, pat.v[i], REG_EXTENDED | REG_NOSUB))
			fail_msg("built-in pattern '%s' does not compile", pat.v[i]);
		regfree(&re);
	}
	for (i = 0; i < pat.n; i++)
		for (j = 0; j < subj.n; j++) {
			int m = lit(pat.v[i], subj.v[j]);

			if (m == RELIT_UNKNOWN)
				continue;
			decided++;
			if (m != rx(pat.v[i], subj.v[j]))
				fail_msg("'%s' on '%s': prefilter %d, regexec %d", pat.v[i],
					 subj.v[j], m, !m);
		}
	/* most pairs are decided without a regex (that is the point) */
	assert_true(decided > pat.n * subj.n * 9 / 10);
	for (i = 0; i < own.n; i++)
		free((char *)own.v[i]);
	free(own.v);
	free(subj.v);
	free(pat.v);
	config_free(&c);
}

/* config_relit and config_rematch trim the subject as sysfs strings need */
static void test_trimmed_subjects(void **state)
{
	(void)state;
	assert_int_equal(config_relit("^ATA$", "  ATA \n"), RELIT_YES);
	assert_int_equal(config_relit("^ATA$", "ATA X"), RELIT_NO);
	assert_int_equal(config_relit(NULL, "x"), RELIT_YES);
	assert_int_equal(config_relit("x", NULL), RELIT_NO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_agrees_with_regexec),
		cmocka_unit_test(test_trimmed_subjects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
