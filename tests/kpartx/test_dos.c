/* DOS reader: primaries, extended chains, hostile chains, large sectors. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "imgbuild.h"
#include "ptable.h"
#include "kptest.h"

#define MiB (1u << 20)

static void primaries_keep_their_numbers(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x83, 2048, 4096);
	img_dos_entry(im, 0, 2, 0x82, 6144, 1024);     /* slot 2 empty: p2 missing */
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_dos);
	assert_int_equal(sl.n, 4);
	assert_slice(&sl, 1, 2048, 4096, 0);
	assert_int_equal(sl.s[1].size, 0);
	assert_slice(&sl, 3, 6144, 1024, 0);
	assert_int_equal(sl.s[3].size, 0);
	assert_int_equal(im->nwarn, 0);
	img_free(im);
}

/* p2 extended (0x0f) holding two logicals; p3 after it. */
static void extended_chain(void **state)
{
	struct img *im = img_new(16 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x83, 2048, 2048);
	img_dos_entry(im, 0, 1, 0x0f, 4096, 16384);
	img_dos_entry(im, 0, 2, 0x83, 20480, 2048);
	img_dos_entry(im, 4096, 0, 0x83, 2048, 4096);        /* p5 at 6144 */
	img_dos_entry(im, 4096, 1, 0x05, 6144, 8192);        /* next EBR at 4096+6144 */
	img_dos_entry(im, 10240, 0, 0x82, 2048, 2048);       /* p6 at 12288 */
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_dos);
	assert_int_equal(sl.n, 6);
	assert_slice(&sl, 1, 2048, 2048, 0);
	assert_slice(&sl, 2, 4096, 2, 0);          /* the container: 1 KiB for boot loaders */
	assert_slice(&sl, 3, 20480, 2048, 0);
	assert_int_equal(sl.s[3].size, 0);
	assert_slice(&sl, 5, 6144, 4096, 2);
	assert_slice(&sl, 6, 12288, 2048, 2);
	assert_int_equal(im->nwarn, 0);
	img_free(im);
}

/* An EBR whose data entry is empty (a deleted first logical) does not use a number. */
static void empty_ebr_entry_takes_no_number(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x85, 2048, 8192);
	img_dos_entry(im, 2048, 1, 0x05, 2048, 4096);        /* data entry 0 left empty */
	img_dos_entry(im, 4096, 0, 0x83, 63, 1000);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 5);
	assert_slice(&sl, 5, 4159, 1000, 1);
	img_free(im);
}

static void protective_mbr_defers_to_gpt(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x83, 2048, 4096);
	img_dos_entry(im, 0, 1, 0xEE, 1, 100);     /* hybrid MBR, no valid GPT behind it */
	assert_null(read_image_table(im, &sl, NULL, 0));
	assert_int_equal(sl.n, 0);
	img_free(im);
}

static void no_signature(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x83, 2048, 4096);
	im->buf[511] = 0;
	assert_null(read_image_table(im, &sl, "dos", 0));
	img_free(im);
}

static void cyclic_chain_stops(void **state)
{
	struct img *im = img_new(16 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x05, 2048, 20480);
	img_dos_entry(im, 2048, 0, 0x83, 63, 900);
	img_dos_entry(im, 2048, 1, 0x05, 1024, 1024);
	img_dos_entry(im, 3072, 0, 0x83, 63, 900);
	img_dos_entry(im, 3072, 1, 0x05, 0, 1024);            /* back to the first EBR */
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 6);                            /* p1-p4, p5, p6: no repeats */
	assert_slice(&sl, 5, 2111, 900, 1);
	assert_slice(&sl, 6, 3135, 900, 1);
	assert_int_equal(im->nwarn, 1);
	assert_non_null(strstr(im->warn, "loops back to sector 2048"));
	img_free(im);
}

/* An EBR pointing to itself. */
static void self_loop(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x05, 2048, 2048);
	img_dos_entry(im, 2048, 1, 0x05, 0, 2048);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(kp_slices_used(&sl), 1);
	assert_non_null(strstr(im->warn, "loops back"));
	img_free(im);
}

/* A chain of 300 distinct EBRs holding nothing: the hop limit ends it. */
static void hop_limit(void **state)
{
	struct img *im = img_new(16 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x05, 2048, 30000);
	for (uint32_t i = 0; i < 300; i++)
		img_dos_entry(im, 2048 + 10 * i, 1, 0x05, 10 * (i + 1), 10);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 4);
	assert_non_null(strstr(im->warn, "more than 256 extended boot records"));
	img_free(im);
}

/* 300 logical partitions: the slice table is full at 256. */
static void too_many_logicals(void **state)
{
	struct img *im = img_new(16 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x05, 2048, 30000);
	for (uint32_t i = 0; i < 300; i++) {
		img_dos_entry(im, 2048 + 100 * i, 0, 0x83, 1, 50);
		img_dos_entry(im, 2048 + 100 * i, 1, 0x05, 100 * (i + 1), 100);
	}
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, KP_MAX_SLICES);
	assert_non_null(strstr(im->warn, "more than 256"));
	img_free(im);
}

static void broken_link_mid_chain(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x05, 2048, 8192);
	img_dos_entry(im, 2048, 0, 0x83, 63, 100);
	img_dos_entry(im, 2048, 1, 0x05, 1000, 100);          /* 3048: no EBR there */
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 5);
	assert_non_null(strstr(im->warn, "sector 3048 has no signature"));
	img_free(im);
}

/* An extended partition without logicals has a blank EBR: quiet. */
static void empty_extended_is_quiet(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x05, 2048, 8192);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 4);
	assert_slice(&sl, 1, 2048, 2, 0);
	assert_int_equal(im->nwarn, 0);
	img_free(im);
}

static void ebr_past_end(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x83, 2048, 100);
	img_dos_entry(im, 0, 1, 0x05, 0xFFFFFFF0u, 8);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(kp_slices_used(&sl), 1);
	assert_non_null(strstr(im->warn, "past the end"));
	img_free(im);
}

/* Slices that run off the disk, including a 32-bit start near the wrap. */
static void slices_past_the_end(void **state)
{
	struct img *im = img_new(8 * MiB, 512);        /* 16384 sectors */
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x83, 2048, 14336);    /* ends exactly at the end: kept */
	img_dos_entry(im, 0, 1, 0x83, 8192, 8193);
	img_dos_entry(im, 0, 2, 0x83, 16384, 1);
	img_dos_entry(im, 0, 3, 0x83, 0xFFFFFFFFu, 0xFFFFFFFFu);
	read_image_table(im, &sl, NULL, 0);
	assert_slice(&sl, 1, 2048, 14336, 0);
	assert_int_equal(sl.s[1].size, 0);
	assert_int_equal(sl.s[2].size, 0);
	assert_int_equal(sl.s[3].size, 0);
	assert_int_equal(im->nwarn, 3);
	assert_non_null(strstr(im->warn, "partition 2 (start 8192, 8193 sectors) extends past"));
	img_free(im);
}

/* 4096-byte sectors: every field counts 4 KiB blocks; the container is one block. */
static void large_sectors(void **state)
{
	struct img *im = img_new(64 * MiB, 4096);
	struct kp_slices sl;

	(void)state;
	img_dos_entry(im, 0, 0, 0x83, 256, 1024);
	img_dos_entry(im, 0, 1, 0x05, 2048, 4096);
	img_dos_entry(im, 2048, 0, 0x83, 256, 512);
	read_image_table(im, &sl, NULL, 0);
	assert_slice(&sl, 1, 2048, 8192, 0);
	assert_slice(&sl, 2, 16384, 8, 0);
	assert_slice(&sl, 5, (2048 + 256) * 8, 512 * 8, 2);
	img_free(im);
}

static void tiny_disk(void **state)
{
	struct img *im = img_new(100, 512);
	struct kp_slices sl;

	(void)state;
	assert_null(read_image_table(im, &sl, NULL, 0));
	assert_int_equal(im->reads, 0);
	img_free(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(primaries_keep_their_numbers),
		cmocka_unit_test(extended_chain),
		cmocka_unit_test(empty_ebr_entry_takes_no_number),
		cmocka_unit_test(protective_mbr_defers_to_gpt),
		cmocka_unit_test(no_signature),
		cmocka_unit_test(cyclic_chain_stops),
		cmocka_unit_test(self_loop),
		cmocka_unit_test(hop_limit),
		cmocka_unit_test(too_many_logicals),
		cmocka_unit_test(broken_link_mid_chain),
		cmocka_unit_test(empty_extended_is_quiet),
		cmocka_unit_test(ebr_past_end),
		cmocka_unit_test(slices_past_the_end),
		cmocka_unit_test(large_sectors),
		cmocka_unit_test(tiny_disk),
	};
	return cmocka_run_group_tests_name("kpartx dos", tests, NULL, NULL);
}
