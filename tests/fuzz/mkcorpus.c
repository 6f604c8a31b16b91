/* mkcorpus FIXTURES OUTDIR: write the fuzz seed corpora, OUTDIR/<target>/<seed>.
 * `make fuzz-corpus` runs it into tests/fuzz/corpus/, where the result is committed.
 *
 * Seeds come from the unit tests' own material: the INQUIRY fixtures in
 * FIXTURES/vpd (tests/fixtures), the ALUA pages and dm table/status lines of
 * tests/unit, and disk labels built with tests/kpartx/imgbuild (the layouts of the
 * kpartx unit and golden tests, shrunk to small disks). Every kpartx seed is read
 * back here with the readers, so a seed that stopped parsing is caught at once.
 * Each seed follows its target's input format (the comment atop tests/fuzz/fuzz_*.c). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "imgbuild.h"
#include "ptable.h"

static const char *outdir;
static int failed;

static void put(const char *target, const char *name, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, target);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s", outdir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void put_str(const char *target, const char *name, const char *s)
{
	put(target, name, s, strlen(s));
}

/* FIXTURES/sub/name, at most 64 KiB of it. */
static unsigned char *slurp_in(const char *dir, const char *sub, const char *name, size_t *len)
{
	char path[512];
	unsigned char *buf = malloc(65536);
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	f = fopen(path, "rb");
	if (!f || !buf) {
		perror(path);
		exit(1);
	}
	*len = fread(buf, 1, 65536, f);
	fclose(f);
	return buf;
}

static unsigned char *slurp(const char *dir, const char *name, size_t *len)
{
	return slurp_in(dir, "vpd", name, len);
}

/* ---- vpd: [cut][vendor 8][model 16][flags] page ---- */

static void vpd_seed(const char *name, const unsigned char *pg, size_t len, unsigned char cut,
		     const char *vendor, const char *model, unsigned char flags)
{
	unsigned char buf[26 + 1024];

	memset(buf, 0, 26);
	buf[0] = cut;
	strncpy((char *)buf + 1, vendor, 8);
	strncpy((char *)buf + 9, model, 16);
	buf[25] = flags;
	if (len > 1024)
		len = 1024;
	memcpy(buf + 26, pg, len);
	put("vpd", name, buf, 26 + len);
}

static void vpd(const char *fixtures)
{
	static const struct {
		const char *file;
		const char *vendor, *model;
	} fx[] = {
		{ "scsi_debug_std.bin", "Linux", "scsi_debug" },
		{ "scsi_debug_pg83.bin", "Linux", "scsi_debug" },
		{ "scsi_debug_uuid_pg83.bin", "Linux", "scsi_debug" },
		{ "scsi_debug_pg80.bin", "Linux", "scsi_debug" },
		{ "qemu_std.bin", "QEMU", "QEMU HARDDISK" },
		{ "qemu_wwn_pg83.bin", "QEMU", "QEMU HARDDISK" },
		{ "qemu_pg83.bin", "QEMU", "QEMU HARDDISK" },
		{ "qemu_pg80.bin", "QEMU", "QEMU HARDDISK" },
		{ "prespc3_pg83.bin", "EMC", "SYMMETRIX" },
	};
	/* Hostile text in a T10 designator (control chars, "%n", bytes that are not
	 * UTF-8, one valid 2-byte sequence) and in a page 0x80 serial. */
	static const unsigned char t10[] = {
		0x00, 0x83, 0x00, 0x1c, 0x02, 0x01, 0x00, 0x18,
		'E', 'V', 'I', 'L', ' ', '%', 'n', '%', 's', 0x1b, '[', '2', 'J', 0xff, 0xc3,
		0xa9, 0xc0, 0xaf, '\\', 'x', '4', '1', ' ', '\t', '\n', 'Z',
	};
	static const unsigned char ser[] = {
		0x00, 0x80, 0x00, 0x0c, ' ', 'S', '%', 'n', 0x07, 0xe2, 0x82, 0xac, 0xed, 0xa0,
		0x80, ' ',
	};
	static const unsigned char vendor_spec[] = {   /* vendor specific (type 0), ASCII */
		0x00, 0x83, 0x00, 0x0c, 0x02, 0x00, 0x00, 0x08, 'd', 'r', 'i', 'v', 'e', '-', '0', '1',
	};

	for (size_t i = 0; i < sizeof(fx) / sizeof(fx[0]); i++) {
		size_t len;
		unsigned char *pg = slurp(fixtures, fx[i].file, &len);

		vpd_seed(fx[i].file, pg, len, 129, fx[i].vendor, fx[i].model, 0);
		free(pg);
	}
	vpd_seed("hostile_t10", t10, sizeof(t10), 129, "EV\033L", "%n%n%n", 0);
	vpd_seed("hostile_t10_cut", t10, sizeof(t10), 12, "EVIL", "MODEL", 0);
	vpd_seed("hostile_pg80", ser, sizeof(ser), 7, "V\tX", "M\xff", 0);
	vpd_seed("vendor_specific", vendor_spec, sizeof(vendor_spec), 40, "QEMU", "QEMU HARDDISK", 0);
	vpd_seed("vendor_null", vendor_spec, sizeof(vendor_spec), 40, "QEMU", "X", 1);
	vpd_seed("vendor_overlong", vendor_spec, sizeof(vendor_spec), 40, "ABCDEFGH", "X", 4);
}

/* ---- alua: [tpg be16] page (tests/unit/test_alua.c) ---- */

static void alua(const char *fixtures)
{
	static const unsigned char pg83[] = {
		0x01, 0x02,
		0x00, 0x83, 0x00, 0x1c,
		0x01, 0x03, 0x00, 0x08, 0x33, 0x33, 0x33, 0x30, 0x00, 0x00, 0x07, 0xd0,
		0x61, 0x94, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
		0x61, 0x95, 0x00, 0x04, 0x00, 0x00, 0x01, 0x02,
	};
	static const unsigned char rtpg[] = {
		0x01, 0x02,
		0x00, 0x00, 0x00, 0x1c,
		0x80, 0x0f, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
		0x02, 0x0f, 0x01, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x00, 0x00, 0x03,
	};
	static const unsigned char rtpg_ext[] = {
		0x00, 0x07,
		0x00, 0x00, 0x00, 0x10, 0x10, 0x05, 0x00, 0x00,
		0x01, 0x0f, 0x00, 0x07, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	};
	unsigned char buf[2 + 1024];
	size_t len;
	unsigned char *pg = slurp(fixtures, "scsi_debug_pg83.bin", &len);

	put("alua", "pg83", pg83, sizeof(pg83));
	put("alua", "rtpg", rtpg, sizeof(rtpg));
	put("alua", "rtpg_ext", rtpg_ext, sizeof(rtpg_ext));
	buf[0] = 0x01;
	buf[1] = 0x00;
	if (len > 1024)
		len = 1024;
	memcpy(buf + 2, pg, len);
	put("alua", "scsi_debug_pg83", buf, 2 + len);
	free(pg);
}

/* ---- mptable: params text (tests/unit/test_mptable.c) ---- */

static void mptable(void)
{
	static const char *const seeds[] = {
		"0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:48 1",
		"1 queue_if_no_path 1 alua 1 1 service-time 0 2 2 8:16 1 1 8:48 1 1",
		"3 queue_if_no_path pg_init_retries 50 1 alua 2 1 round-robin 0 1 1 8:0 1 "
		"round-robin 0 1 1 8:16 1",
		"1 queue_if_no_path 1 alua 2 2 service-time 0 2 2 8:0 1 1 8:32 1 1 "
		"service-time 0 2 2 8:16 1 1 8:48 1 1",
		"0 0 3 3 round-robin 0 1 1 8:0 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:32 1",
		"0 0 0 0",
		"2 0 0 0 1 1 E 0 2 2 8:0 A 0 0 1 8:16 A 0 0 4",
		"2 0 0 0 2 1 A 0 1 0 8:16 A 0 E 0 1 0 8:48 F 3",
		"0 0 1 1 round-robin 0 1 1 8:16 1 extra",
		"0 0 4294967295 1 x",
		"2 pg_init_retries 50",
	};
	char name[32];

	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		snprintf(name, sizeof(name), "seed%02zu", i);
		put_str("mptable", name, seeds[i]);
	}
}

/* ---- bindings / wwids: file text ---- */

static void statefiles(void)
{
	put_str("bindings", "typical",
		"# Multipath bindings, Version : 1.0\n# alias wwid\n#\n"
		"mpatha 3600508b4000156d700012000000b0000\n"
		"mpathb 360001fe1000bdad0000903507109004b\n"
		"mpathz 1Linux_scsi_debug_2000\n"
		"mpathaa SQEMU_QEMU_HARDDISK_MPATH0001\n");
	put_str("bindings", "messy",
		"  mpatha\t3600a # trailing comment\n"
		"mpathb 3600a\n"                     /* WWID already bound */
		"mpatha 3600b\n"                     /* alias already bound */
		"bad/alias 3600c\n..\t3600d\n"
		"three fields here\nlonely\n"
		"ctl\x01 3600e\n"
		"mpathc 3600f");                     /* no final newline */
	put("bindings", "nul", "mpatha 36\0x\nmpathb 3601\n", 26);
	put_str("wwids", "typical",
		"# Multipath wwids, Version : 1.0\n#\n# Valid WWIDs:\n"
		"/3600508b4000156d700012000000b0000/\n"
		"/1Linux_scsi_debug_2000/\n"
		"/SQEMU_QEMU_HARDDISK_MPATH0001/\n");
	put_str("wwids", "messy",
		"/3600a/ # comment\n/3600a/\n3600b\n/36/00c/\n/ 3600d/\n//\n"
		"/3600e/ extra\n\t/3600f/\n/3600g/");
	put("wwids", "nul", "/36\0x/\n/3601/\n", 14);
}

/* ---- config: the multipath.conf fixtures, good and bad, and the real-world corpus
 * (config/realworld, seeds named realworld-*), as they are ---- */

static void config_dir(const char *fixtures, const char *sub, const char *prefix)
{
	char path[512], name[512];
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", fixtures, sub);
	if (!(d = opendir(path))) {
		perror(path);
		exit(1);
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name), len;
		unsigned char *buf;

		if (n < 6 || strcmp(e->d_name + n - 5, ".conf"))
			continue;
		buf = slurp_in(fixtures, sub, e->d_name, &len);
		snprintf(name, sizeof(name), "%s%s", prefix, e->d_name);
		put("config", name, buf, len);
		free(buf);
	}
	closedir(d);
}

static void config(const char *fixtures)
{
	config_dir(fixtures, "config", "");
	config_dir(fixtures, "config/realworld", "realworld-");
}

/* ---- kpartx: [flags][gap le24][head le16] image ---- */

/* Check the image as a whole, then write it with its longest run of zero sectors
 * left out as the gap. expect: the reader that must find slices, NULL for none. */
static void disk_seed(const char *name, struct img *im, int force_gpt, const char *expect)
{
	size_t ns = im->size / 512, best = 0, best_at = 0, run = 0, i, head, tail;
	unsigned char *buf;
	struct kp_disk d;
	struct kp_slices sl;
	const struct kp_ptype *type;
	unsigned int shift = 0;

	img_disk(im, &d);
	d.force_gpt = force_gpt;
	if (kp_read_table(&d, NULL, &sl, &type) ||
	    (expect ? !type || strcmp(type->name, expect) : type != NULL)) {
		fprintf(stderr, "mkcorpus: kpartx seed %s: read as %s, want %s\n", name,
			type ? type->name : "nothing", expect ? expect : "nothing");
		failed = 1;
	}
	for (i = 0; i < ns; i++) {
		const unsigned char *s = im->buf + i * 512;
		int zero = s[0] == 0 && !memcmp(s, s + 1, 511);

		run = zero ? run + 1 : 0;
		if (run > best) {
			best = run;
			best_at = i + 1 - run;
		}
	}
	if (best > 0xffffff)
		best = 0xffffff;
	if (best_at > 0xffff) {   /* head must fit 16 bits: no gap then */
		best = 0;
		best_at = 0;
	}
	head = best_at * 512;
	tail = im->size - head - best * 512;
	buf = malloc(6 + head + tail);
	if (!buf)
		exit(1);
	while ((512u << shift) < im->ssz)
		shift++;
	buf[0] = (unsigned char)(shift | (force_gpt ? 4 : 0));
	buf[1] = (unsigned char)best;
	buf[2] = (unsigned char)(best >> 8);
	buf[3] = (unsigned char)(best >> 16);
	buf[4] = (unsigned char)best_at;
	buf[5] = (unsigned char)(best_at >> 8);
	memcpy(buf + 6, im->buf, head);
	memcpy(buf + 6 + head, im->buf + head + best * 512, tail);
	put("kpartx", name, buf, 6 + head + tail);
	free(buf);
	img_free(im);
}

static void kpartx(void)
{
	struct img *im;

	im = img_new(64 << 10, 512);                       /* 128 sectors */
	img_dos_entry(im, 0, 0, 0x83, 8, 32);
	img_dos_entry(im, 0, 1, 0x82, 40, 16);
	disk_seed("dos", im, 0, "dos");

	/* Logical partitions are 1-2 sectors so the EBRs sit close: small seeds. */
	im = img_new(64 << 10, 512);                       /* primary, extended with 3 logicals */
	img_dos_entry(im, 0, 0, 0x83, 2, 1);
	img_dos_entry(im, 0, 1, 0x05, 4, 100);
	img_dos_entry(im, 4, 0, 0x83, 1, 2);
	img_dos_entry(im, 4, 1, 0x05, 3, 3);
	img_dos_entry(im, 7, 0, 0x83, 1, 1);
	img_dos_entry(im, 7, 1, 0x05, 6, 3);
	img_dos_entry(im, 10, 0, 0x83, 1, 2);
	disk_seed("dos-ext", im, 0, "dos");

	im = img_new(64 << 10, 512);                       /* EBR chain loops back */
	img_dos_entry(im, 0, 0, 0x83, 1, 1);
	img_dos_entry(im, 0, 1, 0x0f, 3, 100);
	img_dos_entry(im, 3, 0, 0x83, 1, 1);
	img_dos_entry(im, 3, 1, 0x05, 2, 2);
	img_dos_entry(im, 5, 0, 0x83, 1, 1);
	img_dos_entry(im, 5, 1, 0x05, 0, 2);
	disk_seed("dos-loop", im, 0, "dos");

	im = img_new(64 << 10, 512);                       /* past the end, 32-bit wrap */
	img_dos_entry(im, 0, 0, 0x83, 8, 16);
	img_dos_entry(im, 0, 1, 0x83, 32, 1000);
	img_dos_entry(im, 0, 2, 0x83, 200, 10);
	img_dos_entry(im, 0, 3, 0x83, 0xFFFFFF00u, 0x200);
	disk_seed("dos-past-end", im, 0, "dos");

	im = img_new(256 << 10, 4096);                     /* 4 KiB blocks: entries in blocks */
	img_dos_entry(im, 0, 0, 0x83, 2, 20);
	img_dos_entry(im, 0, 1, 0x05, 1, 1);
	img_dos_entry(im, 1, 0, 0x83, 1, 0);               /* an empty extended partition */
	disk_seed("dos-4k", im, 0, "dos");

	{
		const struct img_gpt_part p[] = { { 40, 99 }, { 0, 0 }, { 100, 199 } };

		im = img_new(1 << 20, 512);
		img_gpt(im, 4, p, 3, 1);
		disk_seed("gpt", im, 0, "gpt");

		im = img_new(1 << 20, 512);
		img_gpt(im, 4, p, 3, 1);
		im->buf[512 + 60] ^= 1;                    /* primary header CRC: use the backup */
		disk_seed("gpt-bad-primary", im, 0, "gpt");

		im = img_new(1 << 20, 512);
		img_gpt(im, 4, p, 3, 1);
		im->buf[2 * 512 + 40] ^= 1;                /* both entry arrays corrupt */
		im->buf[(2048 - 2) * 512 + 40] ^= 1;
		disk_seed("gpt-both-bad", im, 0, NULL);

		im = img_new(1 << 20, 512);
		img_gpt(im, 4, p, 3, 0);
		disk_seed("gpt-nopmbr-g", im, 1, "gpt");
	}
	{
		const struct img_gpt_part p[] = { { 6, 20 }, { 21, 40 } };

		im = img_new(256 << 10, 4096);
		img_gpt(im, 4, p, 2, 1);
		disk_seed("gpt-4k", im, 0, "gpt");
	}
	{
		const struct img_bsd_part p[] = {
			{ 16, 32, 7 }, { 48, 16, 1 }, { 0, 128, 7 }, { 64, 20, 7 },
		};

		im = img_new(64 << 10, 512);
		img_bsd(im, 512, p, 4);
		disk_seed("bsd-c", im, 0, "bsd");

		im = img_new(64 << 10, 512);
		img_bsd(im, 64, p, 2);
		disk_seed("bsd-64", im, 0, "bsd");
	}
	{
		const struct img_sun_part p[] = { { 1, 16 }, { 0, 128 }, { 3, 24 } };

		im = img_new(64 << 10, 512);
		img_sun(im, 2, 8, p, 3);
		disk_seed("sun", im, 0, "sun");
	}
	{
		const struct img_vtoc_part p[] = {
			{ 2, 40, 20 }, { 3, 60, 10 }, { 0, 0, 0 }, { 4, 70, 30 },
		};

		im = img_new(64 << 10, 512);
		img_solaris(im, 1, 8, p, 4);
		disk_seed("solaris", im, 0, "solaris");

		im = img_new(64 << 10, 512);
		img_unixware(im, p, 4);
		disk_seed("unixware", im, 0, "unixware");
	}
	{
		const struct img_mac_part p[] = { { 8, 20 }, { 30, 40 } };

		im = img_new(64 << 10, 512);
		img_mac(im, 512, p, 2);
		disk_seed("mac", im, 0, "mac");

		im = img_new(256 << 10, 2048);
		img_mac(im, 2048, p, 2);
		disk_seed("mac-2k", im, 0, "mac");
	}
	im = img_new(4096, 512);
	disk_seed("empty", im, 0, NULL);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mkcorpus FIXTURES OUTDIR\n");
		return 2;
	}
	outdir = argv[2];
	mkdir(outdir, 0755);
	vpd(argv[1]);
	alua(argv[1]);
	mptable();
	statefiles();
	config(argv[1]);
	kpartx();
	return failed;
}
