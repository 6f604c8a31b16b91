/* Naming, the delimiter rule, slice post-processing, the -l listing, options. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "imgbuild.h"
#include "list.h"
#include "names.h"
#include "options.h"
#include "slice.h"

static void default_delimiter(void **state)
{
	(void)state;
	assert_string_equal(kp_default_delim("loop0"), "p");
	assert_string_equal(kp_default_delim("nvme0n1"), "p");
	assert_string_equal(kp_default_delim("sda"), "");
	assert_string_equal(kp_default_delim("mpatha"), "");
	/* A hex WWID ending in a letter gets none, one ending in a digit gets "p". */
	assert_string_equal(kp_default_delim("3600a0b80000f1e2d"), "");
	assert_string_equal(kp_default_delim("3600a0b80000f1e29"), "p");
	assert_string_equal(kp_default_delim(""), "");
}

static void part_names(void **state)
{
	char b[16];

	(void)state;
	assert_int_equal(kp_part_name(b, sizeof(b), "loop0", "p", 1), 0);
	assert_string_equal(b, "loop0p1");
	assert_int_equal(kp_part_name(b, sizeof(b), "sda", "", 12), 0);
	assert_string_equal(b, "sda12");
	assert_int_equal(kp_part_name(b, sizeof(b), "mpatha", "-part", 2), 0);
	assert_string_equal(b, "mpatha-part2");
	assert_int_equal(kp_part_name(b, sizeof(b), "cciss/c0d0", "p", 1), 0);
	assert_string_equal(b, "cciss!c0d0p1");
	assert_int_equal(kp_part_name(b, sizeof(b), "a", "/", 1), 0);
	assert_string_equal(b, "a!1");
	assert_int_equal(kp_part_name(b, sizeof(b), "averyveryverylongname", "p", 1),
			 -ENAMETOOLONG);
	assert_string_equal(kp_basename("/dev/mapper/mpatha"), "mpatha");
	assert_string_equal(kp_basename("sdz"), "sdz");
}

static void uuids(void **state)
{
	char b[64];

	(void)state;
	assert_int_equal(kp_part_uuid(b, sizeof(b), 3, "mpath-3600508b4000156d7"), 0);
	assert_string_equal(b, "part3-mpath-3600508b4000156d7");
	assert_int_equal(kp_nondm_uuid(b, sizeof(b), 7, 0), 0);
	assert_string_equal(b, "devnode_7:0_Wh5pYvM");
	assert_int_equal(kp_part_uuid(b, 8, 3, "mpath-x"), -ENAMETOOLONG);

	assert_int_equal(kp_part_of("part3-mpath-abc", "mpath-abc"), 3);
	assert_int_equal(kp_part_of("part300-mpath-abc", "mpath-abc"), 300);
	assert_int_equal(kp_part_of("part3-mpath-abcd", "mpath-abc"), 0);
	assert_int_equal(kp_part_of("part3-part1-mpath-abc", "mpath-abc"), 0);
	assert_int_equal(kp_part_of("part03-mpath-abc", "mpath-abc"), 0);
	assert_int_equal(kp_part_of("part0-mpath-abc", "mpath-abc"), 0);
	assert_int_equal(kp_part_of("part-mpath-abc", "mpath-abc"), 0);
	assert_int_equal(kp_part_of("part99999999999-mpath-abc", "mpath-abc"), 0);
	assert_int_equal(kp_part_of("mpath-abc", "mpath-abc"), 0);
	assert_int_equal(kp_part_of("", "mpath-abc"), 0);
}

static void clip_and_containers(void **state)
{
	struct img *im = img_new(1 << 20, 512);     /* 2048 sectors */
	struct kp_disk d;
	struct kp_slices sl;

	(void)state;
	img_disk(im, &d);
	kp_slices_init(&sl);
	kp_slice_add(&sl, 100, 50, 0);               /* 1 */
	kp_slice_add(&sl, 2000, 48, 0);              /* 2: ends exactly at the end */
	kp_slice_add(&sl, 2000, 49, 0);              /* 3: one past */
	kp_slice_add(&sl, UINT64_MAX - 1, 4, 0);     /* 4: wraps */
	kp_slice_add(&sl, 120, 10, 1);               /* 5: in 1 */
	kp_slice_add(&sl, 2010, 10, 3);              /* 6: container 3 is gone */
	kp_slice_add(&sl, 50, 10, 1);                /* 7: starts before its container */
	kp_slice_add(&sl, 130, 5, 5);                /* 8: container is contained */
	kp_slice_add(&sl, 130, 5, 99);               /* 9: no such slot */
	kp_slice_add(&sl, 130, 5, 10);               /* 10: itself */
	kp_slices_clip(&sl, &d, "test");
	assert_int_equal(sl.s[1].size, 48);
	assert_int_equal(sl.s[2].size, 0);
	assert_int_equal(sl.s[3].size, 0);
	assert_int_equal(im->nwarn, 2);
	assert_int_equal(sl.s[4].container, 1);
	for (int i = 5; i < 10; i++)
		assert_int_equal(sl.s[i].container, 0);
	assert_int_equal(kp_slices_used(&sl), 8);
	for (unsigned int i = 0; i < KP_MAX_SLICES - 10; i++)
		assert_int_equal(kp_slice_add(&sl, 1, 1, 0), 0);
	assert_int_equal(kp_slice_add(&sl, 1, 1, 0), -ENOSPC);
	img_free(im);
}

static char *list(const char *mapname, const char *delim, const char *dev,
		  const struct kp_slices *sl)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(kp_print_list(f, mapname, delim, dev, sl), 0);
	fclose(f);
	return out;
}

/* The Debian format, including contained slices listed last against the pseudo
 * dm minor of their container (its position in the creation order). */
static void listing(void **state)
{
	struct kp_slices sl;
	char *out;

	(void)state;
	kp_slices_init(&sl);
	kp_slice_add(&sl, 2048, 8192, 0);            /* p1 -> minor 0 */
	kp_slice_add(&sl, 0, 0, 0);                  /* p2 empty */
	kp_slice_add(&sl, 18432, 2, 0);              /* p3 extended -> minor 1 */
	kp_slice_add(&sl, 79872, 10240, 0);          /* p4 -> minor 2 */
	kp_slice_add(&sl, 20480, 10240, 3);          /* p5 in p3 */
	kp_slice_add(&sl, 32768, 10240, 3);          /* p6 in p3 */
	out = list("loop0", "p", "/dev/loop0", &sl);
	assert_string_equal(out,
		"loop0p1 : 0 8192 /dev/loop0 2048\n"
		"loop0p3 : 0 2 /dev/loop0 18432\n"
		"loop0p4 : 0 10240 /dev/loop0 79872\n"
		"loop0p5 : 0 10240 /dev/dm-1 2048\n"
		"loop0p6 : 0 10240 /dev/dm-1 14336\n");
	free(out);
	out = list("mpatha", "-part", "/dev/mapper/mpatha", &sl);
	assert_non_null(strstr(out, "mpatha-part4 : 0 10240 /dev/mapper/mpatha 79872\n"));
	free(out);
	{
		char longname[200];
		FILE *null = fopen("/dev/null", "w");

		memset(longname, 'x', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		assert_non_null(null);
		assert_int_equal(kp_print_list(null, longname, "p", "/dev/x", &sl), -ENAMETOOLONG);
		fclose(null);
	}
	kp_slices_init(&sl);
	out = list("sda", "", "/dev/sda", &sl);
	assert_string_equal(out, "");
	free(out);
}

static void nest_sun_style(void **state)
{
	struct img *im = img_new(1 << 20, 512);
	struct kp_disk d;
	struct kp_slices sl;
	char *out;

	(void)state;
	img_disk(im, &d);
	kp_slices_init(&sl);
	kp_slice_add(&sl, 0, 1000, 0);
	kp_slice_add(&sl, 1000, 1048, 0);
	kp_slice_add(&sl, 0, 2048, 0);               /* whole disk */
	kp_slice_add(&sl, 500, 1000, 0);             /* straddles 1 and 2 */
	kp_slices_clip(&sl, &d, "sun");
	kp_slices_nest(&sl, &d, "sun");
	assert_int_equal(sl.s[0].container, 3);
	assert_int_equal(sl.s[1].container, 3);
	assert_int_equal(sl.s[2].container, 0);
	assert_int_equal(sl.s[3].size, 0);
	assert_non_null(strstr(im->warn, "sun: partition 4 overlaps partition 1: skipped"));
	out = list("sdb", "", "/dev/sdb", &sl);
	assert_string_equal(out,
		"sdb3 : 0 2048 /dev/sdb 0\n"
		"sdb1 : 0 1000 /dev/dm-0 0\n"
		"sdb2 : 0 1048 /dev/dm-0 1000\n");
	free(out);
	img_free(im);
}

static int parse(struct kp_opts *o, char *err, ...)
{
	char *argv[16];
	int argc = 0;
	va_list ap;

	argv[argc++] = "kpartx";
	va_start(ap, err);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	return kp_parse_opts(argc, argv, o, err, 200);
}

static void options(void **state)
{
	struct kp_opts o;
	char err[200];

	(void)state;
	assert_int_equal(parse(&o, err, "/dev/sda", NULL), 0);
	assert_int_equal(o.action, KP_LIST);
	assert_int_equal(o.sync, 1);
	assert_null(o.delim);
	assert_null(o.type);
	assert_string_equal(o.disk, "/dev/sda");

	assert_int_equal(parse(&o, err, "-a", "-r", "-g", "-n", "-v", "-p", "-part", "-t", "gpt",
			       "img", NULL), 0);
	assert_int_equal(o.action, KP_ADD);
	assert_true(o.read_only && o.force_gpt && o.verbose && !o.sync);
	assert_string_equal(o.delim, "-part");
	assert_string_equal(o.type, "gpt");
	assert_string_equal(o.disk, "img");

	assert_int_equal(parse(&o, err, "-p", "", "-u", "img", NULL), 0);
	assert_string_equal(o.delim, "");
	assert_int_equal(o.action, KP_UPDATE);
	assert_int_equal(parse(&o, err, "img", "-d", NULL), 0);    /* options after the disk */
	assert_int_equal(o.action, KP_DELETE);
	assert_int_equal(parse(&o, err, "-l", "-l", "img", NULL), 0);

	assert_int_equal(parse(&o, err, "-a", "-d", "img", NULL), -EINVAL);
	assert_non_null(strstr(err, "only one of"));
	assert_int_equal(parse(&o, err, "-t", "dasd", "img", NULL), -EINVAL);
	assert_non_null(strstr(err, "unknown partition table type 'dasd'"));
	assert_int_equal(parse(&o, err, "-x", "img", NULL), -EINVAL);
	assert_non_null(strstr(err, "unknown option -x"));
	assert_int_equal(parse(&o, err, "-a", NULL), -EINVAL);
	assert_non_null(strstr(err, "no wholedisk"));
	assert_int_equal(parse(&o, err, "a", "b", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "img", "-p", NULL), -EINVAL);
	assert_non_null(strstr(err, "-p needs an argument"));
	assert_non_null(strstr(kp_usage(), "-t"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_delimiter),
		cmocka_unit_test(part_names),
		cmocka_unit_test(uuids),
		cmocka_unit_test(clip_and_containers),
		cmocka_unit_test(listing),
		cmocka_unit_test(nest_sun_style),
		cmocka_unit_test(options),
	};
	return cmocka_run_group_tests_name("kpartx core", tests, NULL, NULL);
}
