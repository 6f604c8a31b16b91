/* The built-in hardware table: every entry valid and reachable, the 2004 whitelist with
 * its original policies, current arrays, generic-before-specific order, unknown devices. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "pgpolicy.h"
#include "util.h"

static struct path hwpath(const char *vendor, const char *model)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	strlcpy_safe(p.dev, "sdx", sizeof(p.dev));
	strlcpy_safe(p.vendor, vendor, sizeof(p.vendor));
	strlcpy_safe(p.model, model, sizeof(p.model));
	return p;
}

static int setup(void **state)
{
	struct config *c = malloc(sizeof(*c));

	if (!c || config_init_builtin(c))
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	config_free(*state);
	free(*state);
	return 0;
}

/* The table entry that decides for vendor/product, as an index; -1 for none. */
static long decide(const struct config *c, const char *vendor, const char *product)
{
	struct path p = hwpath(vendor, product);
	const struct hwentry *h = config_find_hw(c, &p);

	return h ? (long)(h - c->hw) : -1;
}

static void test_table_valid(void **state)
{
	const struct config *c = *state;

	assert_true(c->nhw >= 17 + 30);
	for (size_t i = 0; i < c->nhw; i++) {
		const struct hwentry *h = &c->hw[i];

		assert_int_equal(h->builtin, 1);
		assert_string_equal(h->source, "builtin");
		assert_non_null(h->family);
		assert_non_null(h->vendor);
		assert_non_null(h->product);
		assert_int_equal(h->compiled, h->revision ? 7 : 3);
		/* every entry sets at least the grouping policy */
		assert_int_not_equal(h->s.pgpolicy, UNSET);
	}
}

/* One real INQUIRY vendor/product per table entry, in table order: each must be
 * decided by its own entry, so no entry is shadowed by a later one. */
static const char *const samples[][2] = {
	{ "3PARdata", "VV" },
	{ "HP", "MSA VOLUME" },
	{ "HP", "HSV300" },
	{ "HP", "MSA2212fc" },
	{ "HP", "MSA2312fc" },
	{ "HPE", "MSA 2060 FC" },
	{ "HP", "P2000 G3 FC" },
	{ "HP", "HSVX700" },
	{ "LEFTHAND", "iSCSIDisk" },
	{ "Nimble", "Server" },
	{ "HITACHI", "OPEN-V" },
	{ "HITACHI", "DF600F" },
	{ "EMC", "SYMMETRIX" },
	{ "DGC", "VRAID" },
	{ "EMC", "Invista" },
	{ "XtremIO", "XtremApp" },
	{ "DellEMC", "PowerStore" },
	{ "DellEMC", "ME5" },
	{ "COMPELNT", "Compellent Vol" },
	{ "EQLOGIC", "100E-00" },
	{ "DELL", "MD36xxf" },
	{ "DDN", "SFA14KX" },
	{ "FUJITSU", "ETERNUS_DXM" },
	{ "FUJITSU", "ETERNUS_AHB" },
	{ "IBM", "1814      FAStT" },
	{ "IBM", "2105800" },
	{ "IBM", "1750500" },
	{ "IBM", "2107900" },
	{ "IBM", "2145" },
	{ "IBM", "2810XIV" },
	{ "IBM", "FlashSystem" },
	{ "LENOVO", "DE_Series" },
	{ "NETAPP", "LUN C-Mode" },
	{ "NETAPP", "INF-01-00" },
	{ "SolidFir", "SSD SAN" },
	{ "NEC", "DISK ARRAY" },
	{ "SUN", "ZFS Storage 7420" },
	{ "SUN", "LCSM100_F" },
	{ "Pillar", "Axiom 600" },
	{ "DataCore", "Virtual Disk" },
	{ "PURE", "FlashArray" },
	{ "HUAWEI", "S5500T" },
	{ "HUAWEI", "XSG1" },
	{ "NFINIDAT", "InfiniBox" },
	{ "KMNRIO", "K2" },
	{ "VIOLIN", "SAN ARRAY" },
	{ "VIOLIN", "SAN ARRAY ALUA" },
	{ "VIOLIN", "CONCERTO ARRAY" },
	{ "NEXENTA", "COMSTAR" },
	{ "TrueNAS", "iSCSI Disk" },
	{ "SYNOLOGY", "iSCSI Storage" },
	{ "TEGILE", "INTELLIFLASH" },
	{ "APPLE", "Xserve RAID" },
	{ "IFT", "DS 3016RE" },
	{ "DotHill", "DH3000" },
	/* the 2004 whitelist */
	{ "COMPAQ", "HSV110 (C)COMPAQ" },
	{ "COMPAQ", "MSA1000" },
	{ "COMPAQ", "MSA1000 VOLUME" },
	{ "DEC", "HSG80" },
	{ "HP", "HSV100" },
	{ "HP", "A6189A" },
	{ "HP", "OPEN-" },
	{ "DDN", "SAN DataDirector" },
	{ "FSC", "CentricStor" },
	{ "HITACHI", "DF400" },
	{ "HITACHI", "DF500" },
	{ "HITACHI", "DF600" },
	{ "IBM", "ProFibre 4000R" },
	{ "SGI", "TP9100" },
	{ "SGI", "TP9300" },
	{ "SGI", "TP9400" },
	{ "SGI", "TP9500" },
};

static void test_every_entry_reachable(void **state)
{
	const struct config *c = *state;

	assert_int_equal(sizeof(samples) / sizeof(samples[0]), c->nhw);
	for (size_t i = 0; i < c->nhw; i++) {
		long d = decide(c, samples[i][0], samples[i][1]);

		if (d != (long)i)
			fail_msg("%s/%s: decided by entry %ld (%s), expected %zu (%s)", samples[i][0],
				 samples[i][1], d, d >= 0 ? c->hw[d].family : "none", i, c->hw[i].family);
	}
}

static void test_original_whitelist(void **state)
{
	static const struct { const char *v, *p; int pol; } orig[] = {
		{ "COMPAQ", "HSV110 (C)COMPAQ", PGP_GROUP_BY_SERIAL },
		{ "COMPAQ", "MSA1000", PGP_GROUP_BY_SERIAL },
		{ "COMPAQ", "MSA1000 VOLUME", PGP_GROUP_BY_SERIAL },
		{ "DEC", "HSG80", PGP_GROUP_BY_SERIAL },
		{ "HP", "HSV100", PGP_GROUP_BY_SERIAL },
		{ "HP", "A6189A", PGP_MULTIBUS },
		{ "HP", "OPEN-", PGP_MULTIBUS },
		{ "DDN", "SAN DataDirector", PGP_MULTIBUS },
		{ "FSC", "CentricStor", PGP_MULTIBUS },
		{ "HITACHI", "DF400", PGP_MULTIBUS },
		{ "HITACHI", "DF500", PGP_MULTIBUS },
		{ "HITACHI", "DF600", PGP_MULTIBUS },
		{ "IBM", "ProFibre 4000R", PGP_MULTIBUS },
		{ "SGI", "TP9100", PGP_MULTIBUS },
		{ "SGI", "TP9300", PGP_MULTIBUS },
		{ "SGI", "TP9400", PGP_MULTIBUS },
		{ "SGI", "TP9500", PGP_MULTIBUS },
	};
	const struct config *c = *state;

	for (size_t i = 0; i < sizeof(orig) / sizeof(orig[0]); i++) {
		/* as sysfs gives them (trimmed) and as INQUIRY gives them (space padded) */
		for (int padded = 0; padded < 2; padded++) {
			char v[VENDOR_SIZE], p[MODEL_SIZE];
			struct path path;
			struct mp_settings s;
			long d;

			snprintf(v, sizeof(v), padded ? "%-8s" : "%s", orig[i].v);
			snprintf(p, sizeof(p), padded ? "%-16s" : "%s", orig[i].p);
			path = hwpath(v, p);
			config_select(c, &path, "3600508b4000156d700012000000b0000", &s);
			assert_int_equal(s.pgpolicy, orig[i].pol);
			/* nothing else was set in 2004: the 2004 map table */
			assert_string_equal(s.selector, "round-robin 0");
			assert_string_equal(s.features, "0");
			assert_string_equal(s.hwhandler, "0");
			d = decide(c, v, p);
			assert_true(d >= 0);
			assert_non_null(strstr(c->hw[d].family, "2004 whitelist"));
		}
	}
}

static void test_modern_arrays(void **state)
{
	const struct config *c = *state;
	struct mp_settings s;
	struct path p;

	p = hwpath("NETAPP", "LUN C-Mode");
	config_select(c, &p, "3600a098038304437415d4b6a59684a52", &s);
	assert_int_equal(s.pgpolicy, PGP_GROUP_BY_PRIO);
	assert_int_equal(s.prio, PRIO_ALUA);
	assert_string_equal(s.features, "2 pg_init_retries 50");
	assert_string_equal(s.selector, "service-time 0");
	assert_int_equal(s.no_path_retry, NPR_QUEUE);
	assert_int_equal(s.failback, FB_IMMEDIATE);

	p = hwpath("NETAPP", "INF-01-00");             /* E-Series: RDAC */
	config_select(c, &p, "360080e5", &s);
	assert_string_equal(s.hwhandler, "1 rdac");
	assert_int_equal(s.prio, PRIO_SYSFS);
	assert_int_equal(s.no_path_retry, 30);
	p = hwpath("IBM", "1818      FAStT");
	config_select(c, &p, "3600a0b8", &s);
	assert_string_equal(s.hwhandler, "1 rdac");

	p = hwpath("PURE", "FlashArray");
	config_select(c, &p, "3624a9370", &s);
	assert_string_equal(s.hwhandler, "1 alua");
	assert_int_equal(s.no_path_retry, NPR_FAIL);
	assert_string_equal(s.selector, "service-time 0");

	p = hwpath("3PARdata", "VV");
	config_select(c, &p, "360002ac", &s);
	assert_int_equal(s.no_path_retry, 18);
	assert_int_equal(s.prio, PRIO_ALUA);

	p = hwpath("EMC", "SYMMETRIX");
	config_select(c, &p, "360000970", &s);
	assert_int_equal(s.pgpolicy, PGP_MULTIBUS);
	assert_int_equal(s.no_path_retry, 6);

	p = hwpath("DGC", "RAID 5");
	config_select(c, &p, "36006016", &s);
	assert_int_equal(s.no_path_retry, 60);
	assert_string_equal(s.hwhandler, "1 alua");

	p = hwpath("DellEMC", "PowerStore");
	config_select(c, &p, "368ccf098", &s);
	assert_string_equal(s.selector, "queue-length 0");
	assert_int_equal(s.no_path_retry, 3);

	p = hwpath("NFINIDAT", "InfiniBox");
	config_select(c, &p, "36742b0f", &s);
	assert_int_equal(s.rr_weight, RRW_PRIORITIES);

	p = hwpath("IBM", "2145");
	config_select(c, &p, "360050768", &s);
	assert_int_equal(s.pgpolicy, PGP_GROUP_BY_PRIO);
	assert_int_equal(s.no_path_retry, NPR_QUEUE);

	p = hwpath("HUAWEI", "XSG1");
	config_select(c, &p, "36a8ffba", &s);
	assert_int_equal(s.no_path_retry, 15);

	/* rebadged and renamed products */
	assert_true(decide(c, "HPE", "OPEN-V") == decide(c, "HITACHI", "OPEN-V"));
	assert_true(decide(c, "LSI", "INF-01-00") == decide(c, "NETAPP", "INF-01-00"));
	assert_true(decide(c, "SILK", "KDP") == decide(c, "KMNRIO", "K2"));
	assert_true(decide(c, "COMPAQ", "HSV111 (C)COMPAQ") == decide(c, "HP", "HSV300"));
	assert_true(decide(c, "XIV", "NEXTRA") == decide(c, "IBM", "2810XIV"));
}

/* Generic entries first: the exact 2004 "OPEN-" beats the generic "^OPEN-" family. */
static void test_generic_then_specific(void **state)
{
	const struct config *c = *state;
	long generic = decide(c, "HP", "OPEN-V"), exact = decide(c, "HP", "OPEN-");

	assert_true(generic >= 0 && exact >= 0);
	assert_true(generic < exact);
	assert_non_null(strstr(c->hw[generic].family, "VSP"));
	assert_non_null(strstr(c->hw[exact].family, "2004 whitelist"));
	assert_true(decide(c, "HITACHI", "DF600F") != decide(c, "HITACHI", "DF600"));
}

/* Not arrays: find_multipaths must not take a lone path of these for a known array. */
static void test_unknown_devices(void **state)
{
	static const char *const ids[][2] = {
		{ "Linux", "scsi_debug" }, { "QEMU", "QEMU HARDDISK" }, { "ATA", "Samsung SSD 870" },
		{ "VMware", "Virtual disk" }, { "LIO-ORG", "disk0" }, { "SEAGATE", "ST4000NM0023" },
		{ "DGC", "LUNZ" }, { "netapp", "lun" }, { "NETAPPX", "LUN" }, { "HP", "LOGICAL VOLUME" },
		{ "", "" },
	};
	const struct config *c = *state;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (decide(c, ids[i][0], ids[i][1]) != -1)
			fail_msg("%s/%s matched %s", ids[i][0], ids[i][1],
				 c->hw[decide(c, ids[i][0], ids[i][1])].family);
}

/* sysfs arrays filled to the last byte (no NUL) are not read past. */
static void test_full_arrays(void **state)
{
	const struct config *c = *state;
	struct path p;
	struct mp_settings s;

	memset(&p, 'A', sizeof(p));
	assert_int_equal(decide(c, "AAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA"), -1);
	assert_null(config_find_hw(c, &p));
	config_select(c, &p, "3600", &s);
	assert_int_equal(s.pgpolicy, PGP_FAILOVER);
}

/* The dump of the built-in table reads back as the same table: every entry is
 * recognised as built-in, none becomes a config-file override. */
static void test_builtin_roundtrip(void **state)
{
	const struct config *c = *state;
	struct config c2;
	char *d1 = NULL, *d2 = NULL, err[256];
	size_t l1, l2;
	FILE *m;

	m = open_memstream(&d1, &l1);
	config_dump(m, c);
	fclose(m);
	assert_int_equal(config_init_builtin(&c2), 0);
	assert_int_equal(config_parse_string(&c2, d1, "dump", err, sizeof(err)), 0);
	assert_int_equal(c2.nhw, c->nhw);
	for (size_t i = 0; i < c2.nhw; i++)
		assert_int_equal(c2.hw[i].builtin, 1);
	assert_int_equal(c2.defaults.pgpolicy, PGP_FAILOVER);    /* defaults now set explicitly */
	m = open_memstream(&d2, &l2);
	config_dump(m, &c2);
	fclose(m);
	assert_string_equal(d1, d2);
	for (size_t i = 0; i < c->nhw; i++) {
		struct path p = hwpath(samples[i][0], samples[i][1]);
		struct mp_settings a, b;

		config_select(c, &p, "3600", &a);
		config_select(&c2, &p, "3600", &b);
		assert_int_equal(a.pgpolicy, b.pgpolicy);
		assert_int_equal(a.no_path_retry, b.no_path_retry);
		assert_int_equal(a.prio, b.prio);
		assert_string_equal(a.features, b.features);
		assert_string_equal(a.hwhandler, b.hwhandler);
		assert_string_equal(a.selector, b.selector);
	}
	free(d1);
	free(d2);
	config_free(&c2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_valid),
		cmocka_unit_test(test_every_entry_reachable),
		cmocka_unit_test(test_original_whitelist),
		cmocka_unit_test(test_modern_arrays),
		cmocka_unit_test(test_generic_then_specific),
		cmocka_unit_test(test_unknown_devices),
		cmocka_unit_test(test_full_arrays),
		cmocka_unit_test(test_builtin_roundtrip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
