/* Identity under both rankings (uid.h), the ranking's detection (uid_rank.h),
 * uid_attrs, live maps keeping their WWID (livewwid.h), and no coalescing on a cut
 * identifier. Expected values were checked against the real tools by tests/uid/oracle.c
 * (scsi_id through an SG_IO double, sg_inq + 55-scsi-sg3_id.rules). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "coalesce.h"
#include "config.h"
#include "helpers.h"
#include "livewwid.h"
#include "uid.h"
#include "uid_path.h"
#include "uid_rank.h"
#include "vpd.h"
#include "vpdpage.h"

static const unsigned char naa6[16] = { 0x60, 0x05, 0x07, 0x68, 0x01, 0x80, 0x82, 0x0a,
					0x98, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x2c };
static const unsigned char naa5[8] = { 0x50, 0x01, 0x40, 0x50, 0x00, 0xab, 0xcd, 0xef };
static const unsigned char naa3[8] = { 0x33, 0x33, 0x33, 0x30, 0x00, 0x00, 0x07, 0xd0 };
static const unsigned char eui[8] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
static const char t10[] = "Linux   scsi_debug      2000";

/* ID_SERIAL of a page (and optional serial page) under ranking r; "" on error. */
static int serial_of(const struct pg *p83, const struct pg *p80, enum uid_ranking r, char *out,
		     size_t size, struct uid_choice *why)
{
	struct vpd_pg83 *pg = malloc(sizeof(*pg));
	struct uid_facts f = { .vendor = "Linux", .model = "scsi_debug" };
	int e;

	assert_non_null(pg);
	if (p83) {
		assert_int_equal(vpd_pg83_parse(p83->b, p83->n, pg), 0);
		f.pg83 = pg;
	}
	if (p80) {
		f.pg80 = p80->b;
		f.pg80_len = p80->n;
	}
	e = uid_value(NULL, &f, r, out, size, why);
	free(pg);
	return e;
}

/* The case: scsi_debug's page (T10 + NAA locally assigned). */
static void scsi_debug_both_rankings(void **state)
{
	struct pg p;
	struct uid_choice why;
	char w[WWID_SIZE];

	(void)state;
	pg_start(&p, 0x83);
	pg_add(&p, 2, 0x01, t10, strlen(t10));
	pg_add(&p, 1, 0x03, naa3, sizeof(naa3));
	assert_int_equal(serial_of(&p, NULL, UID_RANK_SCSI_ID, w, sizeof(w), &why), 0);
	assert_string_equal(w, "333333330000007d0");
	assert_int_equal(why.src, UID_SRC_NAA_OTHER);
	assert_int_equal(why.desig, 1);
	assert_int_equal(serial_of(&p, NULL, UID_RANK_SG3, w, sizeof(w), &why), 0);
	assert_string_equal(w, "1Linux_scsi_debug_2000");
	assert_int_equal(why.src, UID_SRC_T10);
	assert_int_equal(why.desig, 0);
	assert_int_equal(why.fallback, 0);
}

/* sg3's order: NAA 6/5/2, EUI-64, name, T10, NAA local, vendor, serial. */
static void sg3_order(void **state)
{
	static const struct {
		int b0, b1;
		const void *id;
		size_t len;
		const char *want;
	} d[] = {
		{ 2, 0x00, "drive-0", 7, "0Linux_scsi_debug_drive-0" },
		{ 1, 0x03, naa3, sizeof(naa3), "333333330000007d0" },
		{ 2, 0x01, t10, sizeof(t10) - 1, "1Linux_scsi_debug_2000" },
		{ 3, 0x08, "iqn.2001-05.com.example:x\0\0\0", 28, "8iqn.2001-05.com.example:x" },
		{ 1, 0x02, eui, sizeof(eui), "20011223344556677" },
		{ 1, 0x03, naa5, sizeof(naa5), "35001405000abcdef" },
		{ 1, 0x03, naa6, sizeof(naa6), "3600507680180820a980000000000012c" },
	};
	struct pg p, s80;
	char w[WWID_SIZE];

	(void)state;
	pg_serial(&s80, "  SN 1 ", strlen("  SN 1 "));
	pg_start(&p, 0x83);
	assert_int_equal(serial_of(&p, &s80, UID_RANK_SG3, w, sizeof(w), NULL), 0);
	assert_string_equal(w, "SLinux_scsi_debug_SN_1");
	/* adding each better designator in turn changes the answer to it */
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		pg_add(&p, d[i].b0, d[i].b1, d[i].id, d[i].len);
		assert_int_equal(serial_of(&p, &s80, UID_RANK_SG3, w, sizeof(w), NULL), 0);
		assert_string_equal(w, d[i].want);
	}
	/* scsi_id on the same page: NAA 6 too, but it never uses a name string */
	assert_int_equal(serial_of(&p, &s80, UID_RANK_SCSI_ID, w, sizeof(w), NULL), 0);
	assert_string_equal(w, "3600507680180820a980000000000012c");
}

/* An ATA disk behind SAT: the rule's ATA line comes before every NAA one. */
static void sg3_ata(void **state)
{
	static const char ata[] = "ATA     ST1000NM0033-9ZM173                     Z1W0ABCD";
	struct pg p;
	struct uid_choice why;
	char w[WWID_SIZE];

	(void)state;
	pg_start(&p, 0x83);
	pg_add(&p, 1, 0x03, naa5, sizeof(naa5));
	pg_add(&p, 2, 0x01, ata, strlen(ata));
	assert_int_equal(serial_of(&p, NULL, UID_RANK_SG3, w, sizeof(w), &why), 0);
	assert_string_equal(w, "ST1000NM0033-9ZM173_Z1W0ABCD");
	assert_int_equal(why.src, UID_SRC_ATA);
	assert_int_equal(serial_of(&p, NULL, UID_RANK_SCSI_ID, w, sizeof(w), NULL), 0);
	assert_string_equal(w, "35001405000abcdef");
}

/* Nothing the sg3 rule takes (an ASCII NAA): 60-persistent-storage's scsi_id answers. */
static void sg3_falls_back_to_scsi_id(void **state)
{
	struct pg p;
	struct uid_choice why;
	char w[WWID_SIZE];

	(void)state;
	pg_start(&p, 0x83);
	pg_add(&p, 2, 0x03, "6005076801808", 13);
	assert_int_equal(serial_of(&p, NULL, UID_RANK_SG3, w, sizeof(w), &why), 0);
	assert_string_equal(w, "36005076801808");
	assert_int_equal(why.fallback, 1);
	/* and nothing at all */
	pg_start(&p, 0x83);
	pg_add(&p, 1, 0x0a, "\x10\x00\x5b\x3a\xe3\xa1\xc0\xd2\x4e\x5f"
			    "\x8a\x1b\x2c\x3d\x4e\x5f\x60\x71", 18);   /* a UUID */
	assert_int_equal(serial_of(&p, NULL, UID_RANK_SG3, w, sizeof(w), NULL), -ENODATA);
	assert_string_equal(w, "");
}

static void other_properties(void **state)
{
	struct vpd_pg83 pg;
	struct pg p, s80;
	struct uid_facts f = { .vendor = "Linux", .model = "scsi_debug" };
	char w[WWID_SIZE];

	(void)state;
	pg_start(&p, 0x83);
	pg_add(&p, 2, 0x01, t10, strlen(t10));
	pg_add(&p, 1, 0x03, naa6, sizeof(naa6));
	pg_serial(&s80, "2000", strlen("2000"));
	assert_int_equal(vpd_pg83_parse(p.b, p.n, &pg), 0);
	f.pg83 = &pg;
	f.pg80 = s80.b;
	f.pg80_len = s80.n;
	for (int r = 0; r < 2; r++) {
		assert_int_equal(uid_value("ID_WWN", &f, r, w, sizeof(w), NULL), 0);
		assert_string_equal(w, "0x600507680180820a");
		assert_int_equal(uid_value("ID_WWN_WITH_EXTENSION", &f, r, w, sizeof(w), NULL), 0);
		assert_string_equal(w, "0x600507680180820a980000000000012c");
		assert_int_equal(uid_value("ID_SERIAL_SHORT", &f, r, w, sizeof(w), NULL), 0);
		assert_string_equal(w, "600507680180820a980000000000012c");
		assert_int_equal(uid_value("ID_SCSI_SERIAL", &f, r, w, sizeof(w), NULL), 0);
		assert_string_equal(w, "2000");
		assert_int_equal(uid_value("ID_PATH", &f, r, w, sizeof(w), NULL), -ENOTSUP);
		assert_string_equal(w, "");
	}
	assert_int_equal(uid_value("SCSI_IDENT_LUN_T10", &f, UID_RANK_SG3, w, sizeof(w), NULL), 0);
	assert_string_equal(w, "Linux_scsi_debug_2000");
	assert_int_equal(uid_value("SCSI_IDENT_LUN_T10", &f, UID_RANK_SCSI_ID, w, sizeof(w), NULL),
			 -ENOTSUP);
	assert_int_equal(uid_value("SCSI_IDENT_LUN_EUI64", &f, UID_RANK_SG3, w, sizeof(w), NULL),
			 -ENODATA);
	assert_int_equal(uid_value(NULL, &f, 7, w, sizeof(w), NULL), -EINVAL);
}

/* Issue 14: two LUs whose text identifiers differ only after 127 characters. */
static void long_ids_never_merge(void **state)
{
	char id[201], w[2][WWID_SIZE];
	struct pathvec pv = { 0 };
	struct mpvec mv = { 0 };
	struct pg p;

	(void)state;
	memset(id, 'Q', sizeof(id));
	memcpy(id, "LONGVEND", 8);
	for (int k = 0; k < 2; k++) {
		id[199] = (char)('0' + k);
		pg_start(&p, 0x83);
		pg_add(&p, 2, 0x01, id, 200);
		for (int r = 0; r < 2; r++) {
			char again[WWID_SIZE];

			assert_int_equal(serial_of(&p, NULL, r, w[k], sizeof(w[k]), NULL), 1);
			assert_int_equal(strlen(w[k]), WWID_SIZE - 1);
			assert_int_equal(w[k][WWID_SIZE - 18], '=');
			/* the same LU always gets the same WWID */
			assert_int_equal(serial_of(&p, NULL, r, again, sizeof(again), NULL), 1);
			assert_string_equal(again, w[k]);
		}
	}
	assert_memory_equal(w[0], w[1], WWID_SIZE - 18);
	assert_string_not_equal(w[0], w[1]);
	/* and coalescing keeps them apart */
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 2; i++) {
			char dev[8];
			struct path pa;

			snprintf(dev, sizeof(dev), "sd%c", 'a' + 2 * k + i);
			pa = mkpath(dev, 8, (unsigned int)(16 * (2 * k + i)), w[k], "", i, 0, k);
			assert_int_equal(pathvec_add(&pv, &pa), 0);
		}
	assert_int_equal(coalesce_paths(&pv, NULL, &mv), 0);
	assert_int_equal(mv.n, 2);
	mpvec_free(&mv);
	pathvec_free(&pv);
}

/* uid_attribute "": multipath-tools reads page 0x83 itself, with its own priorities
 * (checked against its libmultipath by tests/uid/oracle.c). */
static void own_reading(void **state)
{
	struct pg p;
	struct uid_choice why;
	struct vpd_pg83 pg;
	struct uid_facts f = { .pg83 = &pg, .vendor = "Linux", .model = "scsi_debug" };
	char w[WWID_SIZE];

	(void)state;
	/* scsi_debug: the T10 id (its priority 2) beats the NAA locally assigned (1) */
	pg_start(&p, 0x83);
	pg_add(&p, 2, 0x01, t10, strlen(t10));
	pg_add(&p, 1, 0x03, naa3, sizeof(naa3));
	assert_int_equal(vpd_pg83_parse(p.b, p.n, &pg), 0);
	assert_int_equal(uid_value("", &f, UID_RANK_SG3, w, sizeof(w), &why), 0);
	assert_string_equal(w, "1Linux_scsi_debug_2000");
	assert_int_equal(why.src, UID_SRC_T10);
	/* a SCSI name string "naa." counts as an NAA, lowercased; EUI-64 beats it */
	pg_add(&p, 3, 0x08, "naa.60050768018082\0\0", 20);
	assert_int_equal(vpd_pg83_parse(p.b, p.n, &pg), 0);
	assert_int_equal(uid_value("", &f, UID_RANK_SCSI_ID, w, sizeof(w), &why), 0);
	assert_string_equal(w, "360050768018082");
	assert_int_equal(why.src, UID_SRC_NAME);
	pg_add(&p, 1, 0x02, eui, sizeof(eui));
	assert_int_equal(vpd_pg83_parse(p.b, p.n, &pg), 0);
	assert_int_equal(uid_value("", &f, UID_RANK_SCSI_ID, w, sizeof(w), NULL), 0);
	assert_string_equal(w, "20011223344556677");
	/* an NAA 5 of the wrong length is not used; one of 8 bytes wins */
	pg_add(&p, 1, 0x03, naa6, 8);
	assert_int_equal(vpd_pg83_parse(p.b, p.n, &pg), 0);
	assert_int_equal(uid_value("", &f, UID_RANK_SCSI_ID, w, sizeof(w), NULL), 0);
	assert_string_equal(w, "20011223344556677");
	pg_add(&p, 1, 0x03, naa5, sizeof(naa5));
	assert_int_equal(vpd_pg83_parse(p.b, p.n, &pg), 0);
	assert_int_equal(uid_value("", &f, UID_RANK_SCSI_ID, w, sizeof(w), NULL), 0);
	assert_string_equal(w, "35001405000abcdef");
	/* no page 0x80 fallback, no vendor specific: nothing */
	pg_start(&p, 0x83);
	pg_add(&p, 2, 0x00, "drive-0", 7);
	assert_int_equal(vpd_pg83_parse(p.b, p.n, &pg), 0);
	assert_int_equal(uid_value("", &f, UID_RANK_SCSI_ID, w, sizeof(w), NULL), -ENODATA);
}

static void ranking_names(void **state)
{
	enum uid_ranking r;

	(void)state;
	assert_string_equal(uid_ranking_name(UID_RANK_SCSI_ID), "scsi_id");
	assert_string_equal(uid_ranking_name(UID_RANK_SG3), "sg3_utils");
	assert_null(uid_ranking_name((enum uid_ranking)5));
	assert_int_equal(uid_ranking_parse(" sg3_utils\n", &r), 0);
	assert_int_equal(r, UID_RANK_SG3);
	assert_int_equal(uid_ranking_parse("scsi_id", &r), 0);
	assert_int_equal(r, UID_RANK_SCSI_ID);
	assert_int_equal(uid_ranking_parse("sg3", &r), -EINVAL);
	assert_int_equal(uid_ranking_parse("", &r), -EINVAL);
}

/* ---- detection under a scratch root ---- */

static char root[64];

static void put(const char *rel, const char *text)
{
	char path[256], cmd[300];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	assert_int_equal(system(cmd), 0);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void clear_root(void)
{
	char cmd[sizeof(root) * 4 + 64];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'/etc '%s'/lib '%s'/run '%s'/usr", root, root, root, root);
	assert_int_equal(system(cmd), 0);
}

static const char sg3_line[] =
	"ENV{ID_SERIAL}!=\"?*\", ENV{SCSI_IDENT_LUN_T10}==\"?*\", ENV{ID_BUS}=\"scsi\", "
	"ENV{ID_SERIAL}=\"1$env{SCSI_IDENT_LUN_T10}\"\n";

static void detect(void **state)
{
	char why[512], path[256];
	enum uid_ranking r;

	(void)state;
	clear_root();
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 0);
	assert_int_equal(r, UID_RANK_SCSI_ID);
	assert_non_null(strstr(why, "no 55-scsi-sg3_id.rules"));

	put("/lib/udev/rules.d/55-scsi-sg3_id.rules", sg3_line);
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 0);
	assert_int_equal(r, UID_RANK_SG3);
	assert_non_null(strstr(why, "/lib/udev/rules.d/55-scsi-sg3_id.rules sets ID_SERIAL"));

	/* a commented-out line sets nothing */
	put("/usr/lib/udev/rules.d/55-scsi-sg3_id.rules", sg3_line);
	put("/etc/udev/rules.d/55-scsi-sg3_id.rules",
	    "# local copy\n#ENV{ID_SERIAL}=\"1$env{SCSI_IDENT_LUN_T10}\"\n");
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 0);
	assert_int_equal(r, UID_RANK_SCSI_ID);
	assert_non_null(strstr(why, "/etc/udev/rules.d/55-scsi-sg3_id.rules does not set"));
	/* an empty file, or a link to /dev/null, of the same name masks it */
	put("/etc/udev/rules.d/55-scsi-sg3_id.rules", "");
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 0);
	assert_int_equal(r, UID_RANK_SCSI_ID);
	snprintf(path, sizeof(path), "%s/etc/udev/rules.d/55-scsi-sg3_id.rules", root);
	unlink(path);
	assert_int_equal(symlink("/dev/null", path), 0);
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 0);
	assert_int_equal(r, UID_RANK_SCSI_ID);
	assert_non_null(strstr(why, "masks it"));
	/* /run before /lib */
	unlink(path);
	put("/run/udev/rules.d/55-scsi-sg3_id.rules", sg3_line);
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 0);
	assert_int_equal(r, UID_RANK_SG3);
	assert_non_null(strstr(why, "/run/udev"));

	/* what the initramfs hook recorded wins over the rules found there */
	put("/etc/multipath/uid_ranking", "scsi_id\n");
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 0);
	assert_int_equal(r, UID_RANK_SCSI_ID);
	assert_non_null(strstr(why, "recorded in"));
	assert_int_equal(uid_ranking_from_rules(root, why, sizeof(why)), UID_RANK_SG3);
	/* a broken record is said and ignored */
	put("/etc/multipath/uid_ranking", "udev\n");
	assert_int_equal(uid_ranking_detect(root, &r, why, sizeof(why)), 1);
	assert_int_equal(r, UID_RANK_SG3);
	assert_non_null(strstr(why, "unusable, ignored"));
	clear_root();
}

static void attrs_lookup(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(uid_attrs_lookup("sd:ID_SERIAL dasd:ID_UID", "sdb", out, sizeof(out)),
			    "ID_SERIAL");
	assert_string_equal(uid_attrs_lookup("  dasd:ID_UID\tsd:ID_WWN ", "dasda", out, sizeof(out)),
			    "ID_UID");
	assert_string_equal(uid_attrs_lookup("dasd:ID_UID sd:ID_WWN", "sdq", out, sizeof(out)), "ID_WWN");
	assert_null(uid_attrs_lookup("dasd:ID_UID", "sdb", out, sizeof(out)));
	assert_null(uid_attrs_lookup("bogus sd", "sdb", out, sizeof(out)));
	assert_null(uid_attrs_lookup(NULL, "sdb", out, sizeof(out)));
	assert_null(uid_attrs_lookup("sd:ID_SERIAL", "sdb", out, 4));
	/* the first matching record wins, as multipath-tools reads them */
	assert_string_equal(uid_attrs_lookup("s:A sd:B", "sdb", out, sizeof(out)), "A");
}

/* Which paths need their settings selected to learn their uid_attribute. */
static void attribute_possible(void **state)
{
	struct path sd = mkpath("sda", 8, 0, "", "", 0, 0, 0), nvme = sd;
	struct config c;

	(void)state;
	strlcpy_safe(nvme.vendor, "NVMe", sizeof(nvme.vendor));
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(uid_attribute_possible(&c, &sd), 0);     /* no entry for Linux sets one */
	assert_int_equal(uid_attribute_possible(&c, &nvme), 1);   /* Generic NVMe: ID_WWN */
	config_free(&c);
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "devices {\n device {\n vendor Linux\n"
					     " product scsi_debug\n uid_attribute ID_WWN\n }\n}\n",
					     "t"), 0);
	assert_int_equal(uid_attribute_possible(&c, &sd), 1);
	strlcpy_safe(sd.model, "other", sizeof(sd.model));
	assert_int_equal(uid_attribute_possible(&c, &sd), 0);
	config_free(&c);
	assert_int_equal(config_init_builtin(&c), 0);
	assert_int_equal(config_parse_string(&c, "defaults {\n uid_attribute \"\"\n}\n", "t"), 0);
	assert_int_equal(uid_attribute_possible(&c, &sd), 1);
	config_free(&c);
}

static void keep_live(void **state)
{
	struct pathvec pv = { 0 };
	const char *live[5] = { "old1", "old1", NULL, NULL, "same" };
	struct wwid_keep *k;
	struct path p;

	(void)state;
	p = mkpath("sda", 8, 0, "new1", "", 0, 0, 0);
	assert_int_equal(pathvec_add(&pv, &p), 0);
	p = mkpath("sdb", 8, 16, "new1", "", 1, 0, 0);
	assert_int_equal(pathvec_add(&pv, &p), 0);
	p = mkpath("sdc", 8, 32, "new1", "", 2, 0, 0);    /* the LU's path no map holds yet */
	assert_int_equal(pathvec_add(&pv, &p), 0);
	p = mkpath("sdd", 8, 48, "other", "", 0, 0, 1);
	assert_int_equal(pathvec_add(&pv, &p), 0);
	p = mkpath("sde", 8, 64, "same", "", 0, 0, 2);
	assert_int_equal(pathvec_add(&pv, &p), 0);
	assert_int_equal(wwid_keep_live(&pv, live, &k), 1);
	assert_string_equal(k[0].computed, "new1");
	assert_string_equal(k[0].live, "old1");
	assert_int_equal(k[0].npaths, 3);
	assert_string_equal(pv.p[0].wwid, "old1");
	assert_string_equal(pv.p[1].wwid, "old1");
	assert_string_equal(pv.p[2].wwid, "old1");
	assert_string_equal(pv.p[3].wwid, "other");
	assert_string_equal(pv.p[4].wwid, "same");
	free(k);
	/* nothing differs: nothing to say */
	assert_int_equal(wwid_keep_live(&pv, live, &k), 0);
	free(k);
	pathvec_free(&pv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scsi_debug_both_rankings),
		cmocka_unit_test(sg3_order),
		cmocka_unit_test(sg3_ata),
		cmocka_unit_test(sg3_falls_back_to_scsi_id),
		cmocka_unit_test(other_properties),
		cmocka_unit_test(long_ids_never_merge),
		cmocka_unit_test(own_reading),
		cmocka_unit_test(ranking_names),
		cmocka_unit_test(detect),
		cmocka_unit_test(attrs_lookup),
		cmocka_unit_test(attribute_possible),
		cmocka_unit_test(keep_live),
	};
	char tmpl[] = "/tmp/test_uid.XXXXXX";
	int r;

	if (!mkdtemp(tmpl))
		return 1;
	snprintf(root, sizeof(root), "%s", tmpl);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(root);
	return r;
}
