/* GPT reader: primary/backup selection with CRC checks, protective MBR, odd headers. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "crc32.h"
#include "imgbuild.h"
#include "ptable.h"
#include "kptest.h"

#define MiB (1u << 20)
#define SECT (8 * MiB / 512)        /* sectors of the default 8 MiB image */

static const struct img_gpt_part parts3[] = {
	{ 2048, 4095 }, { 0, 0 }, { 4096, 8191 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, { 8192, 8199 },
};

static void check_parts3(const struct kp_slices *sl)
{
	assert_int_equal(sl->n, 7);                 /* up to the last used entry */
	assert_int_equal(sl->s[0].start, 2048);
	assert_int_equal(sl->s[0].size, 2048);
	assert_int_equal(sl->s[1].size, 0);
	assert_int_equal(sl->s[2].start, 4096);
	assert_int_equal(sl->s[2].size, 4096);
	assert_int_equal(sl->s[6].start, 8192);
	assert_int_equal(sl->s[6].size, 8);
}

static void crc32_known_answer(void **state)
{
	(void)state;
	assert_int_equal(kp_crc32("123456789", 9), 0xCBF43926u);
	assert_int_equal(kp_crc32("", 0), 0);
}

static void valid_gpt_with_gaps(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, parts3, 7, 1);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_gpt);
	check_parts3(&sl);
	assert_int_equal(im->nwarn, 0);
	img_free(im);
}

static void bad_primary_crc_uses_backup(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, parts3, 7, 1);
	im->buf[512 + 40] ^= 0xFF;                   /* header CRC no longer matches */
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_gpt);
	check_parts3(&sl);
	assert_int_equal(im->nwarn, 1);
	assert_non_null(strstr(im->warn, "primary header invalid (header CRC mismatch), "
			       "using the backup"));
	img_free(im);
}

static void bad_primary_array_uses_backup(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, parts3, 7, 1);
	im->buf[2 * 512 + 33] ^= 0x01;               /* primary entry array */
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_gpt);
	check_parts3(&sl);                           /* the backup's intact values */
	assert_non_null(strstr(im->warn, "partition entry array CRC mismatch"));
	img_free(im);
}

static void both_bad(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, parts3, 7, 1);
	im->buf[512 + 40] ^= 0xFF;
	im->buf[(SECT - 1) * 512 + 40] ^= 0xFF;
	assert_null(read_image_table(im, &sl, NULL, 0));             /* and the 0xEE MBR stops dos */
	assert_int_equal(sl.n, 0);
	assert_non_null(strstr(im->warn, "GPT ignored"));
	img_free(im);
}

static void bad_backup_warns(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, parts3, 7, 1);
	im->buf[(SECT - 1) * 512 + 40] ^= 0xFF;
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_gpt);
	check_parts3(&sl);
	assert_non_null(strstr(im->warn, "backup header invalid (header CRC mismatch)"));
	img_free(im);
}

static void no_protective_mbr(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, parts3, 7, 0);
	assert_null(read_image_table(im, &sl, NULL, 0));
	assert_non_null(strstr(im->warn, "use -g"));
	assert_ptr_equal(read_image_table(im, &sl, NULL, 1), &kp_ptype_gpt);
	check_parts3(&sl);
	img_free(im);
}

/* A former GPT disk repartitioned as DOS: the GPT has no 0xEE entry, dos wins. */
static void stale_gpt_under_dos(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, parts3, 7, 0);
	img_dos_entry(im, 0, 0, 0x83, 100, 200);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_dos);
	assert_int_equal(sl.s[0].start, 100);
	img_free(im);
}

static void empty_gpt_is_no_table(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, NULL, 0, 1);
	assert_null(read_image_table(im, &sl, NULL, 0));
	assert_int_equal(im->nwarn, 0);
	img_free(im);
}

/* Edit the primary header (and fix its CRC) so only the field under test is odd. */
static void edit_primary(struct img *im, unsigned int off, uint32_t v)
{
	unsigned char *p = im->buf + 512 + off;

	p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
	img_gpt_fix_crc(im, 1);
}

static void odd_headers_fall_back(void **state)
{
	static const struct { unsigned int off; uint32_t v; const char *why; } cases[] = {
		{ 12, 600, "bad header size" },
		{ 12, 20, "bad header size" },
		{ 84, 100, "bad partition entry size" },
		{ 84, 129, "bad partition entry size" },
		{ 80, 0x7FFFFFFF, "partition entry array too large" },
		{ 24, 5, "does not point to itself" },
		{ 72, 0xFFFFFFF0u, "partition entry array is past the end" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct img *im = img_new(8 * MiB, 512);
		struct kp_slices sl;

		img_gpt(im, 128, parts3, 7, 1);
		edit_primary(im, cases[i].off, cases[i].v);
		assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_gpt);
		check_parts3(&sl);
		assert_non_null(strstr(im->warn, cases[i].why));
		img_free(im);
	}
}

static void bad_lba_range_skipped(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_gpt_part p[] = { { 2048, 4095 }, { 5000, 4000 }, { 1, 0xFFFFFFFFFFFFFFF0ull } };
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, p, 3, 1);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 3);
	assert_int_equal(sl.s[1].size, 0);
	assert_int_equal(sl.s[2].size, 0);
	assert_non_null(strstr(im->warn, "partition 2: bad LBA range 5000-4000"));
	assert_non_null(strstr(im->warn, "partition 3 (start 1,"));   /* past the end */
	img_free(im);
}

static void large_sectors(void **state)
{
	struct img *im = img_new(64 * MiB, 4096);
	const struct img_gpt_part p[] = { { 256, 511 }, { 0, 0 }, { 1024, 2047 } };
	struct kp_slices sl;

	(void)state;
	img_gpt(im, 128, p, 3, 1);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_gpt);
	assert_int_equal(sl.n, 3);
	assert_int_equal(sl.s[0].start, 2048);
	assert_int_equal(sl.s[0].size, 2048);
	assert_int_equal(sl.s[2].start, 8192);
	assert_int_equal(sl.s[2].size, 8192);
	img_free(im);
}

/* More than 256 entries in use: the rest is reported, not silently dropped. */
static void entries_beyond_256(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct img_gpt_part p[300];
	struct kp_slices sl;

	(void)state;
	for (unsigned int i = 0; i < 300; i++)
		p[i] = (struct img_gpt_part){ 2048 + 8 * i, 2048 + 8 * i + 7 };
	img_gpt(im, 300, p, 300, 1);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, KP_MAX_SLICES);
	assert_non_null(strstr(im->warn, "44 partitions beyond number 256 ignored"));
	img_free(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc32_known_answer),
		cmocka_unit_test(valid_gpt_with_gaps),
		cmocka_unit_test(bad_primary_crc_uses_backup),
		cmocka_unit_test(bad_primary_array_uses_backup),
		cmocka_unit_test(both_bad),
		cmocka_unit_test(bad_backup_warns),
		cmocka_unit_test(no_protective_mbr),
		cmocka_unit_test(stale_gpt_under_dos),
		cmocka_unit_test(empty_gpt_is_no_table),
		cmocka_unit_test(odd_headers_fall_back),
		cmocka_unit_test(bad_lba_range_skipped),
		cmocka_unit_test(large_sectors),
		cmocka_unit_test(entries_beyond_256),
	};
	return cmocka_run_group_tests_name("kpartx gpt", tests, NULL, NULL);
}
