/* bsd, sun, solaris, unixware and mac readers. */
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

static void bsd_sector1_with_c(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_bsd_part p[] = {
		{ 2048, 4096, 7 }, { 6144, 2048, 1 }, { 0, 16384, 7 }, { 0, 0, 0 }, { 9000, 100, 7 },
	};
	struct kp_slices sl;

	(void)state;
	img_bsd(im, 512, p, 5);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_bsd);
	assert_int_equal(sl.n, 4);              /* the unused 'd' takes no number */
	assert_slice(&sl, 1, 2048, 4096, 3);
	assert_slice(&sl, 2, 6144, 2048, 3);
	assert_slice(&sl, 3, 0, 16384, 0);
	assert_slice(&sl, 4, 9000, 100, 3);
	assert_int_equal(im->nwarn, 0);
	img_free(im);
}

static void bsd_offset64(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_bsd_part p[] = { { 2048, 4096, 8 }, { 8192, 4096, 8 } };
	struct kp_slices sl;

	(void)state;
	img_bsd(im, 64, p, 2);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_bsd);
	assert_slice(&sl, 1, 2048, 4096, 0);
	assert_slice(&sl, 2, 8192, 4096, 0);
	img_free(im);
}

static void bsd_needs_both_magics(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_bsd_part p[] = { { 2048, 4096, 8 } };
	struct kp_slices sl;

	(void)state;
	img_bsd(im, 512, p, 1);
	im->buf[512 + 132] ^= 1;
	assert_null(read_image_table(im, &sl, NULL, 0));
	img_free(im);
}

/* A slice straddling the end of another is skipped; nesting is one level, outermost. */
static void bsd_overlaps(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_bsd_part p[] = {
		{ 0, 16384, 7 },        /* 1: whole disk */
		{ 2048, 4096, 7 },      /* 2: inside 1 */
		{ 4096, 4096, 7 },      /* 3: straddles the end of 2: skipped */
		{ 2048, 1024, 7 },      /* 4: inside 2 and 1: contained in 1 */
		{ 2048, 4096, 7 },      /* 5: same as 2: contained */
	};
	struct kp_slices sl;

	(void)state;
	img_bsd(im, 512, p, 5);
	read_image_table(im, &sl, NULL, 0);
	assert_slice(&sl, 1, 0, 16384, 0);
	assert_slice(&sl, 2, 2048, 4096, 1);
	assert_int_equal(sl.s[2].size, 0);
	assert_slice(&sl, 4, 2048, 1024, 1);
	assert_slice(&sl, 5, 2048, 4096, 1);
	assert_int_equal(im->nwarn, 1);
	assert_non_null(strstr(im->warn, "bsd: partition 3 overlaps partition 5: skipped"));
	img_free(im);
}

/* d_npartitions beyond 16 is capped (the label has room for 16). */
static void bsd_npartitions_capped(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct img_bsd_part p[16];
	struct kp_slices sl;

	(void)state;
	for (unsigned int i = 0; i < 16; i++)
		p[i] = (struct img_bsd_part){ 100 + 100 * i, 100, 7 };
	img_bsd(im, 512, p, 16);
	im->buf[512 + 138] = 0xFF;
	im->buf[512 + 139] = 0xFF;
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 16);
	img_free(im);
}

static void sun_whole_disk_c(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	/* 4 heads x 32 sectors = 128 sectors per cylinder; 128 cylinders = 16384. */
	const struct img_sun_part p[] = {
		{ 16, 2048 }, { 32, 4096 }, { 0, 16384 }, { 0, 0 }, { 100, 2048 },
	};
	struct kp_slices sl;

	(void)state;
	img_sun(im, 4, 32, p, 5);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_sun);
	assert_int_equal(sl.n, 8);
	assert_slice(&sl, 1, 2048, 2048, 3);
	assert_slice(&sl, 2, 4096, 4096, 3);
	assert_slice(&sl, 3, 0, 16384, 0);
	assert_int_equal(sl.s[3].size, 0);
	assert_slice(&sl, 5, 12800, 2048, 3);
	img_free(im);
}

static void sun_bad_checksum(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_sun_part p[] = { { 16, 2048 } };
	struct kp_slices sl;

	(void)state;
	img_sun(im, 4, 32, p, 1);
	im->buf[448] ^= 0x10;
	assert_null(read_image_table(im, &sl, NULL, 0));
	assert_non_null(strstr(im->warn, "sun: disk label checksum mismatch"));
	img_free(im);
}

static void sun_past_end(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_sun_part p[] = { { 16, 2048 }, { 0xFFFFFFFFu, 10 } };
	struct kp_slices sl;

	(void)state;
	img_sun(im, 0xFFFF, 0xFFFF, p, 2);     /* huge cylinders: no overflow, skipped */
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(kp_slices_used(&sl), 0);
	assert_int_equal(im->nwarn, 2);
	img_free(im);
}

static void solaris_compacts(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_vtoc_part p[] = {
		{ 2, 2048, 4096 }, { 0, 0, 0 }, { 4, 8192, 1024 },
	};
	struct kp_slices sl;

	(void)state;
	img_solaris(im, 1, 8, p, 3);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_solaris);
	assert_int_equal(sl.n, 2);
	assert_slice(&sl, 1, 2048, 4096, 0);
	assert_slice(&sl, 2, 8192, 1024, 0);
	img_free(im);
}

static void solaris_16_slices(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	struct img_vtoc_part p[16];
	struct kp_slices sl;

	(void)state;
	for (unsigned int i = 0; i < 16; i++)
		p[i] = (struct img_vtoc_part){ 2, 1000 + 100 * i, 100 };
	img_solaris(im, 1, 16, p, 16);
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 16);
	img_solaris(im, 1, 8, p, 16);          /* an 8-slice label: the rest is not read */
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 8);
	img_free(im);
}

static void solaris_version(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_vtoc_part p[] = { { 2, 2048, 4096 } };
	struct kp_slices sl;

	(void)state;
	img_solaris(im, 2, 8, p, 1);
	assert_null(read_image_table(im, &sl, NULL, 0));
	assert_non_null(strstr(im->warn, "VTOC version 2 not supported"));
	img_free(im);
}

static void unixware_skips_whole_disk_and_unused(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_vtoc_part p[] = {
		{ 1, 2048, 4096 }, { 0, 6144, 1024 }, { 2, 8192, 1024 },
	};
	struct kp_slices sl;

	(void)state;
	img_unixware(im, p, 3);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_unixware);
	assert_int_equal(sl.n, 2);
	assert_slice(&sl, 1, 2048, 4096, 0);
	assert_slice(&sl, 2, 8192, 1024, 0);
	im->buf[29 * 512 + 156] ^= 1;          /* VTOC magic */
	assert_null(read_image_table(im, &sl, NULL, 0));
	img_free(im);
}

static void mac_map(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_mac_part p[] = { { 64, 1984 }, { 2048, 4096 } };
	struct kp_slices sl;

	(void)state;
	img_mac(im, 512, p, 2);
	assert_ptr_equal(read_image_table(im, &sl, NULL, 0), &kp_ptype_mac);
	assert_int_equal(sl.n, 3);
	assert_slice(&sl, 1, 1, 3, 0);          /* the map itself */
	assert_slice(&sl, 2, 64, 1984, 0);
	assert_slice(&sl, 3, 2048, 4096, 0);
	img_free(im);
}

static void mac_2k_blocks(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_mac_part p[] = { { 16, 512 } };
	struct kp_slices sl;

	(void)state;
	img_mac(im, 2048, p, 1);
	read_image_table(im, &sl, NULL, 0);
	assert_slice(&sl, 1, 4, 8, 0);
	assert_slice(&sl, 2, 64, 2048, 0);
	img_free(im);
}

static void mac_truncated_map(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_mac_part p[] = { { 64, 100 }, { 200, 100 }, { 400, 100 } };
	struct kp_slices sl;

	(void)state;
	img_mac(im, 512, p, 3);
	im->buf[3 * 512] = 0;                   /* entry 3 lost its signature */
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 2);
	assert_non_null(strstr(im->warn, "mac: map entry 3 is missing"));
	img_free(im);
}

static void mac_huge_count(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_mac_part p[] = { { 64, 100 } };
	struct kp_slices sl;

	(void)state;
	img_mac(im, 512, p, 1);
	im->buf[512 + 4] = 0x7F;                /* map_count of entry 1 */
	read_image_table(im, &sl, NULL, 0);
	assert_int_equal(sl.n, 2);
	assert_non_null(strstr(im->warn, "only 256 read"));
	assert_non_null(strstr(im->warn, "map entry 3 is missing"));
	img_free(im);
}

static void mac_odd_block_size(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_mac_part p[] = { { 64, 100 } };
	struct kp_slices sl;

	(void)state;
	img_mac(im, 512, p, 1);
	im->buf[2] = 0x03;                      /* block size 0x0300 */
	im->buf[3] = 0x00;
	assert_null(read_image_table(im, &sl, NULL, 0));
	img_free(im);
}

/* A table type is only tried when asked for (-t), and order decides otherwise. */
static void only_one_type(void **state)
{
	struct img *im = img_new(8 * MiB, 512);
	const struct img_bsd_part p[] = { { 2048, 4096, 8 } };
	struct kp_disk d;
	struct kp_slices sl;
	const struct kp_ptype *t;

	(void)state;
	img_bsd(im, 512, p, 1);
	img_dos_entry(im, 0, 0, 0x83, 8192, 100);
	img_disk(im, &d);
	assert_int_equal(kp_read_table(&d, NULL, &sl, &t), 0);
	assert_ptr_equal(t, &kp_ptype_dos);
	assert_int_equal(kp_read_table(&d, "bsd", &sl, &t), 0);
	assert_ptr_equal(t, &kp_ptype_bsd);
	assert_int_equal(kp_read_table(&d, "sun", &sl, &t), 0);
	assert_null(t);
	assert_int_equal(sl.n, 0);
	/* A dos table whose every entry is empty does not hide the label behind it. */
	memset(im->buf + 0x1BE, 0, 64);
	assert_int_equal(kp_read_table(&d, NULL, &sl, &t), 0);
	assert_ptr_equal(t, &kp_ptype_bsd);
	assert_ptr_equal(kp_ptype_find("unixware"), &kp_ptype_unixware);
	assert_null(kp_ptype_find("dasd"));
	img_free(im);
}

/* Every label, valid in a 1 MiB image, seen through disks cut at awkward sizes:
 * nothing is read past the cut (imgbuild aborts), nothing past it is mapped. */
static void truncated_images(void **state)
{
	static const size_t cuts[] = { 0, 1, 100, 511, 512, 513, 1023, 1024, 1536, 14848,
				       15360, 15872, 65536, 524288 };
	const struct img_bsd_part bp[] = { { 1000, 1000, 7 }, { 0, 2048, 7 } };
	const struct img_sun_part sp[] = { { 1, 100 }, { 0, 2048 } };
	const struct img_vtoc_part vp[] = { { 1, 1000, 500 }, { 2, 100, 1900 } };
	const struct img_mac_part mp[] = { { 64, 1000 }, { 1100, 900 } };
	const struct img_gpt_part gp[] = { { 100, 1000 }, { 1001, 1900 } };

	(void)state;
	for (int label = 0; label < 7; label++) {
		for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
			struct img *im = img_new(1 << 20, 512);
			struct kp_disk d;
			struct kp_slices sl;
			const struct kp_ptype *t;

			switch (label) {
			case 0: img_bsd(im, 512, bp, 2); break;
			case 1: img_sun(im, 1, 1, sp, 2); break;
			case 2: img_solaris(im, 1, 8, vp, 2); break;
			case 3: img_unixware(im, vp, 2); break;
			case 4: img_mac(im, 512, mp, 2); break;
			case 5: img_gpt(im, 128, gp, 2, 1); break;
			default:
				img_dos_entry(im, 0, 0, 0x83, 100, 900);
				img_dos_entry(im, 0, 1, 0x05, 1000, 1000);
				img_dos_entry(im, 1000, 0, 0x83, 1, 999);
				break;
			}
			im->size = cuts[c];    /* img_read now aborts on any read past the cut */
			img_disk(im, &d);
			assert_int_equal(kp_read_table(&d, NULL, &sl, &t), 0);
			for (unsigned int i = 0; i < sl.n; i++)
				if (sl.s[i].size)
					assert_true(sl.s[i].start + sl.s[i].size <= cuts[c] / 512);
			if (c == 0)
				assert_int_equal(im->reads, 0);
			img_free(im);
		}
	}
}

static int fail_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	(void)ctx; (void)off; (void)buf; (void)len;
	return -EIO;
}

static void io_error_is_reported(void **state)
{
	struct kp_disk d = { .name = "x", .size = 1 << 20, .ssz = 512, .read = fail_read };
	struct kp_slices sl;
	const struct kp_ptype *t;

	(void)state;
	assert_int_equal(kp_read_table(&d, NULL, &sl, &t), -EIO);
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bsd_sector1_with_c),
		cmocka_unit_test(bsd_offset64),
		cmocka_unit_test(bsd_needs_both_magics),
		cmocka_unit_test(bsd_overlaps),
		cmocka_unit_test(bsd_npartitions_capped),
		cmocka_unit_test(sun_whole_disk_c),
		cmocka_unit_test(sun_bad_checksum),
		cmocka_unit_test(sun_past_end),
		cmocka_unit_test(solaris_compacts),
		cmocka_unit_test(solaris_16_slices),
		cmocka_unit_test(solaris_version),
		cmocka_unit_test(unixware_skips_whole_disk_and_unused),
		cmocka_unit_test(mac_map),
		cmocka_unit_test(mac_2k_blocks),
		cmocka_unit_test(mac_truncated_map),
		cmocka_unit_test(mac_huge_count),
		cmocka_unit_test(mac_odd_block_size),
		cmocka_unit_test(only_one_type),
		cmocka_unit_test(truncated_images),
		cmocka_unit_test(io_error_is_reported),
	};
	return cmocka_run_group_tests_name("kpartx labels", tests, NULL, NULL);
}
