/* recost: how far glibc's regcomp would unroll a configuration pattern. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "recost.h"

static void test_plain(void **state)
{
	(void)state;
	assert_int_equal(recost(""), 0);
	assert_int_equal(recost("abc"), 3);
	assert_int_equal(recost("^DGC$"), 3);
	assert_int_equal(recost("LUN.*"), 4);
	assert_int_equal(recost("[[:alpha:]][]x]\\+"), 3);   /* classes, ']' member, escape */
	assert_int_equal(recost("a|bc|d"), 4);
	assert_int_equal(recost("(ab)?c"), 3);
	assert_int_equal(recost("a{x"), 3);                  /* no interval: literals */
	assert_int_equal(recost("a)b"), 3);                  /* unmatched ')': a literal */
	assert_int_equal(recost("((("), 1);                   /* unclosed groups: one atom */
}

/* Repetitions multiply when stacked or nested, and add in a sequence. */
static void test_repetition(void **state)
{
	char many[512];

	(void)state;
	assert_int_equal(recost("a+"), 2);
	assert_int_equal(recost("a++"), 4);
	assert_int_equal(recost("a{3}"), 3);
	assert_int_equal(recost("a{2,5}"), 5);
	assert_int_equal(recost("a{4,}"), 5);
	assert_int_equal(recost("a{,6}"), 6);
	assert_int_equal(recost("a{0}"), 1);
	assert_int_equal(recost("(a{10}){10}"), 100);
	assert_int_equal(recost("(ab|c+)+"), 8);
	assert_int_equal(recost("[0-9]+ [a-z]+"), 5);
	/* 200 "x+" in a row: additive */
	many[0] = '\0';
	for (int i = 0; i < 200; i++)
		strcat(many, "x+");
	assert_int_equal(recost(many), 400);
	/* the fuzzed pattern: 150 '+' on one atom */
	memset(many, '+', 150);
	many[0] = 'C';
	many[150] = '\0';
	assert_true(recost(many) > RECOST_MAX);
	assert_true(recost("((a{999}){999}){999}") > RECOST_MAX);
	assert_true(recost("((a{,60}){,60}){,60}") > RECOST_MAX);
	assert_true(recost("(a{300}){300}") > RECOST_MAX);
	assert_true(recost("a{99999999999999999999}") > RECOST_MAX);   /* saturates */
	assert_true(recost("a{256}{256}") <= RECOST_MAX);
	assert_true(recost("a{256}{257}") > RECOST_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_repetition),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
