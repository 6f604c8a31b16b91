/* Regressions found by fuzzing libmultipath/vpd.h (tests/fuzz/fuzz_vpd.c); each test
 * names the corpus seed that reproduces it there. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "vpd.h"
#include "helpers.h"

/* Seed tests/fuzz/corpus/vpd/regress-serial-cut-empty: a serial that starts with a
 * multibyte UTF-8 character, asked for in a buffer too small to hold that character.
 * The cut backs off to the sequence boundary, leaving "", and vpd_serial_from_pg80
 * returned 0: a success with an empty key, which vpd.h rules out ("-ENODATA for an
 * empty serial"); group_by_serial would then put such paths together under "".
 * Whatever the error, success must mean a non-empty serial. */
static void serial_cut_to_nothing(void **state)
{
	static const unsigned char pg[] = { 0x00, 0x80, 0x00, 0x04, 0xe2, 0x82, 0xac, 'I' };  /* "€I" */
	char serial[8];

	(void)state;
	for (size_t size = 2; size <= 4; size++) {
		int r;

		memset(serial, 'Z', sizeof(serial));
		r = vpd_serial_from_pg80(pg, sizeof(pg), serial, size);
		if (r == 0 && serial[0] == '\0')
			fail_msg("size %zu: success with an empty serial", size);
		if (r)
			assert_string_equal(serial, "");
	}
	assert_int_equal(vpd_serial_from_pg80(pg, sizeof(pg), serial, 5), 0);
	assert_string_equal(serial, "\xe2\x82\xac" "I");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(serial_cut_to_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
