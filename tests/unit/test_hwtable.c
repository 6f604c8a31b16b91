/* The built-in hardware table (multipath-tools 0.9.4's arrays): every entry valid and
 * reachable, vendor facts for current arrays, generic-before-specific order, the deliberate
 * omission, unknown devices. tests/peer compares the whole table with Debian's multipath -t. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "conf_int.h"
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

	assert_true(c->nhw >= 120);
	for (size_t i = 0; i < c->nhw; i++) {
		const struct hwentry *h = &c->hw[i];

		assert_int_equal(h->builtin, 1);
		assert_string_equal(h->source, "builtin");
		assert_non_null(h->family);
		assert_non_null(h->vendor);
		assert_non_null(h->product);
	}
}

/* Every pattern of the table compiles (a bad one would match nothing: matching compiles
 * them only when needed), and a look-up for a disk no entry names compiles none: plain
 * words and the words every match must hold rule the entries out. */
static void test_table_regexes(void **state)
{
	struct config c;
	struct path p = hwpath("Linux", "scsi_debug");
	size_t i, compiled = 0;

	(void)state;
	assert_int_equal(config_init_builtin(&c), 0);
	assert_null(config_find_hw(&c, &p));
	assert_false(config_known_array(&c, &p));
	assert_false(config_blacklisted(&c, "sda", "", "Linux", "scsi_debug"));
	for (i = 0; i < c.nhw; i++)
		compiled += c.hw[i].compiled != 0;
	assert_int_equal(compiled, 0);
	for (i = 0; i < c.nhw; i++) {
		const struct hwentry *h = &c.hw[i];
		int want = (h->vendor ? 1 : 0) | (h->product ? 2 : 0) | (h->revision ? 4 : 0) |
			   (h->product_blacklist ? 8 : 0);

		for (int f = 0; f < 4; f++)
			assert_int_equal(conf_hw_compile_field((struct hwentry *)h, f), 0);
		assert_int_equal(h->compiled, want);
	}
	config_free(&c);
}

/* One vendor/product per table entry, in table order (a string each regex matches: its first
 * alternative, ".*" as "X"): each must be decided by its own entry, so no entry is shadowed by
 * a later one. NULL: an NVMe entry whose model string is longer than the 16 characters of a
 * SCSI INQUIRY product, so no SCSI path can match it. */
static const char *const samples[][2] = {
	{ "NVMe", "X" }, { "APPLE", "Xserve RAID" }, { "3PARdata", "VV" }, { "NVME", "HPE Alletra" },
	{ "DEC", "HSG80" }, { "HP", "A6189A" }, { "COMPAQ", "MSA100" }, { "COMPAQ", "MSA VOLUME" },
	{ "COMPAQ", "HSV101" }, { "HP", "MSA2012fc" }, { "HP", "MSA2012sa" },
	{ "HP", "MSA 1040 SAN" }, { "HP", "HSVX700" }, { "HP", "P2000 G3 FC" },
	{ "LEFTHAND", "P4000" }, { "Nimble", "Server" }, { "SGI", "TP9100" }, { "SGI", "TP9300" },
	{ "SGI", "IS" }, { "SGI", "DD4A-" }, { "DDN", "SAN DataDirector" }, { "DDN", "EF3010" },
	{ "DDN", "EF3015" }, { "NEXENTA", "COMSTAR" }, { "TEGILE", "ZEBI-FC" },
	{ "EMC", "SYMMETRIX" }, { "NVME", "EMC PowerMax" }, { "DGC", "RAID" }, { "EMC", "Invista" },
	{ "XtremIO", "XtremApp" }, { "COMPELNT", "Compellent Vol" }, { "DELL", "MD3" },
	{ "DellEMC", "PowerStore" }, { NULL, NULL }, { "DellEMC", "ME" },
	{ "FSC", "CentricStor" }, { "FUJITSU", "ETERNUS_DXH" }, { "EUROLOGC", "FC2502" },
	{ "FUJITSU", "E2000" }, { "FUJITSU", "E6000" }, { "FUJITSU", "ETERNUS_AHB" },
	{ "HITACHI", "OPEN-" }, { "HITACHI", "DF" }, { "HITACHI", "DF600F" },
	{ "IBM", "ProFibre 4000R" }, { "IBM", "1722-600" }, { "IBM", "1724" }, { "IBM", "1726" },
	{ "IBM", "1742" }, { "IBM", "1746" }, { "IBM", "1813" }, { "IBM", "1814" }, { "IBM", "1815" },
	{ "IBM", "1818" }, { "IBM", "3526" }, { "IBM", "3542" }, { "IBM", "2105" },
	{ "IBM", "1750500" }, { "IBM", "2107900" }, { "IBM", "2145" }, { "NVME", "IBM 2145" },
	{ "IBM", "S/390 DASD ECKD" }, { "IBM", "S/390 DASD FBA" }, { "IBM", "IPR" },
	{ "IBM", "1820N00" }, { "XIV", "NEXTRA" }, { "TMS", "RamSan" }, { "NVMe", "FlashSystem" },
	{ "IBM", "DCS9900" }, { "AIX", "VDASD" }, { "IBM", "3303 NVDISK" }, { "AIX", "NVDISK" },
	{ "LENOVO", "DE_Series" }, { "NETAPP", "LUN" }, { "NETAPP", "INF-01-00" },
	{ "SolidFir", "SSD SAN" }, { NULL, NULL }, { "NEC", "DISK ARRAY" },
	{ "Pillar", "Axiom" }, { "Oracle", "Oracle FS" }, { "STK", "BladeCtlr" },
	{ "STK", "OPENstorage" }, { "STK", "FLEXLINE 380" }, { "SUN", "StorEdge 3" },
	{ "SUN", "STK6580_6780" }, { "SUN", "CSM100_R" }, { "SUN", "LCSM100_I" },
	{ "SUN", "SUN_6180" }, { "SUN", "ArrayStorage" }, { "SUN", "Sun Storage" },
	{ "PIVOT3", "RAIGE VOLUME" }, { "NexGen", "TierStore" }, { "Intel", "Multi-Flex" },
	{ "LIO-ORG", "X" }, { "DataCore", "SANmelody" }, { "DataCore", "Virtual Disk" },
	{ "PURE", "FlashArray" }, { NULL, NULL }, { "HUAWEI", "XSG1" },
	{ "NVMe", "Huawei-XSG1" }, { "KOVE", "XPD" }, { "NFINIDAT", "InfiniBox" }, { "KMNRIO", "K2" },
	{ "NEXSAN", "NXS-B0" }, { "NEXSAN", "SATAB" }, { "Nexsan", "NestOS" },
	{ "VIOLIN", "SAN ARRAY" }, { "VIOLIN", "SAN ARRAY ALUA" }, { "VIOLIN", "CONCERTO ARRAY" },
	{ "XIOTECH", "ISE" }, { "XIOTECH", "IGLU DISK" }, { "XIOTECH", "Magnitude" },
	{ "Vexata", "VX" }, { "Promise", "VTrak" }, { "Promise", "Vess" }, { "IFT", "X" },
	{ "DotHill", "SANnet" }, { "DotHill", "R/Evo" }, { "DotHill", "DH" },
	{ "AStor", "NeoSapphire" }, { "INSPUR", "MCS" }, { "MacroSAN", "LU" },
};

static void test_every_entry_reachable(void **state)
{
	const struct config *c = *state;

	assert_int_equal(sizeof(samples) / sizeof(samples[0]), c->nhw);
	for (size_t i = 0; i < c->nhw; i++) {
		long d;

		if (!samples[i][0])
			continue;
		d = decide(c, samples[i][0], samples[i][1]);

		if (d != (long)i)
			fail_msg("%s/%s: decided by entry %ld (%s), expected %zu (%s)", samples[i][0],
				 samples[i][1], d, d >= 0 ? c->hw[d].family : "none", i, c->hw[i].family);
	}
}

/* find_multipaths on maps a single path of a known array, and a catch-all entry (a vendor's
 * defaults for any product: LIO-ORG, Infortrend, NVMe) does not make one. */
static void test_known_array(void **state)
{
	const struct config *c = *state;
	struct path p;

	p = hwpath("NETAPP", "LUN C-Mode");
	assert_true(config_known_array(c, &p));
	p = hwpath("PURE", "FlashArray");
	assert_true(config_known_array(c, &p));
	p = hwpath("LIO-ORG", "block0");
	assert_non_null(config_find_hw(c, &p));              /* its settings still apply */
	assert_false(config_known_array(c, &p));
	p = hwpath("IFT", "DS 1000");
	assert_non_null(config_find_hw(c, &p));
	assert_false(config_known_array(c, &p));
	p = hwpath("ATA", "Samsung SSD 870");
	assert_false(config_known_array(c, &p));
	assert_false(config_known_array(NULL, &p));
}

static void test_modern_arrays(void **state)
{
	const struct config *c = *state;
	struct mp_settings s;
	struct path p;

	p = hwpath("NETAPP", "LUN C-Mode");                    /* ONTAP */
	config_select(c, &p, "3600a098038304437415d4b6a59684a52", &s);
	assert_int_equal(s.pgpolicy, PGP_GROUP_BY_PRIO);
	assert_int_equal(s.prio, PRIO_ONTAP);
	assert_string_equal(s.features, "2 pg_init_retries 50");
	assert_int_equal(s.no_path_retry, NPR_QUEUE);
	assert_int_equal(s.failback, FB_IMMEDIATE);

	p = hwpath("NETAPP", "INF-01-00");                     /* E-Series: RDAC */
	config_select(c, &p, "360080e5", &s);
	assert_string_equal(s.hwhandler, "1 rdac");
	assert_int_equal(s.checker, CHK_RDAC);
	assert_int_equal(s.prio, PRIO_RDAC);
	assert_int_equal(s.no_path_retry, 30);
	p = hwpath("IBM", "1818      FAStT");
	config_select(c, &p, "3600a0b8", &s);
	assert_string_equal(s.hwhandler, "1 rdac");

	p = hwpath("PURE", "FlashArray");
	config_select(c, &p, "3624a9370", &s);
	assert_string_equal(s.hwhandler, "1 alua");
	assert_int_equal(s.prio, PRIO_ALUA);
	assert_int_equal(s.failback, FB_IMMEDIATE);

	p = hwpath("3PARdata", "VV");
	config_select(c, &p, "360002ac", &s);
	assert_int_equal(s.no_path_retry, 18);
	assert_int_equal(s.prio, PRIO_ALUA);

	p = hwpath("EMC", "SYMMETRIX");
	config_select(c, &p, "360000970", &s);
	assert_int_equal(s.pgpolicy, PGP_MULTIBUS);
	assert_int_equal(s.no_path_retry, 6);

	p = hwpath("DGC", "RAID 5");                           /* CLARiiON / VNX / Unity */
	config_select(c, &p, "36006016", &s);
	assert_int_equal(s.no_path_retry, 60);
	assert_string_equal(s.hwhandler, "1 emc");
	assert_int_equal(s.checker, CHK_EMC_CLARIION);
	assert_int_equal(s.prio, PRIO_EMC);

	p = hwpath("DellEMC", "PowerStore");
	config_select(c, &p, "368ccf098", &s);
	assert_int_equal(s.no_path_retry, 3);

	p = hwpath("NFINIDAT", "InfiniBox");
	config_select(c, &p, "36742b0f", &s);
	assert_int_equal(s.rr_weight, RRW_PRIORITIES);
	assert_int_equal(s.failback, 30);                      /* deferred failback */
	assert_string_equal(s.selector, "round-robin 0");

	p = hwpath("IBM", "2145");
	config_select(c, &p, "360050768", &s);
	assert_int_equal(s.pgpolicy, PGP_GROUP_BY_PRIO);
	assert_int_equal(s.no_path_retry, NPR_QUEUE);

	p = hwpath("HUAWEI", "XSG1");
	config_select(c, &p, "36a8ffba", &s);
	assert_int_equal(s.no_path_retry, 15);

	p = hwpath("DEC", "HSG80");
	config_select(c, &p, "3600508b4", &s);
	assert_int_equal(s.checker, CHK_HP_SW);
	assert_int_equal(s.prio, PRIO_HP_SW);
	assert_string_equal(s.hwhandler, "1 hp_sw");

	/* rebadged and renamed products */
	assert_true(decide(c, "HPE", "OPEN-V") == decide(c, "HITACHI", "OPEN-V"));
	assert_true(decide(c, "LSI", "INF-01-00") == decide(c, "NETAPP", "INF-01-00"));
	assert_true(decide(c, "XIV", "NEXTRA") == decide(c, "IBM", "2810XIV"));
	assert_true(decide(c, "TMS", "RamSan") == decide(c, "IBM", "FlashSystem"));
}

/* Generic entries first: a specific entry after a generic one decides for what both match. */
static void test_generic_then_specific(void **state)
{
	const struct config *c = *state;
	long generic = decide(c, "HITACHI", "DF500"), specific = decide(c, "HITACHI", "DF600F");

	assert_true(generic >= 0 && specific >= 0);
	assert_true(generic < specific);
	assert_non_null(strstr(c->hw[decide(c, "HP", "OPEN-V")].family, "VSP"));
	generic = decide(c, "NVMe", "Some Drive");
	specific = decide(c, "NVME", "HPE Alletra");
	assert_true(generic >= 0 && specific >= 0);
	assert_true(generic < specific);
}

/* Left out on purpose (README, "Built-in hardware table"): the Smart Array's local RAID
 * volume is not a multipath array, and find_multipaths on would map every lone one. */
static void test_left_out(void **state)
{
	const struct config *c = *state;

	assert_int_equal(decide(c, "HP", "LOGICAL VOLUME"), -1);
	assert_int_equal(decide(c, "COMPAQ", "LOGICAL VOLUME"), -1);
}

/* Not arrays: find_multipaths must not take a lone path of these for a known array. */
static void test_unknown_devices(void **state)
{
	static const char *const ids[][2] = {
		{ "Linux", "scsi_debug" }, { "QEMU", "QEMU HARDDISK" }, { "ATA", "Samsung SSD 870" },
		{ "VMware", "Virtual disk" }, { "SEAGATE", "ST4000NM0023" }, { "DGC", "LUNZ" },
		{ "netapp", "lun" }, { "HP", "LOGICAL VOLUME" }, { "", "" },
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
	char *d1 = NULL, *d2 = NULL;
	size_t l1, l2;
	FILE *m;

	m = open_memstream(&d1, &l1);
	config_dump(m, c);
	fclose(m);
	assert_int_equal(config_init_builtin(&c2), 0);
	assert_int_equal(config_parse_string(&c2, d1, "dump"), 0);
	assert_int_equal(c2.nhw, c->nhw);
	for (size_t i = 0; i < c2.nhw; i++)
		assert_int_equal(c2.hw[i].builtin, 1);
	assert_int_equal(c2.defaults.pgpolicy, PGP_FAILOVER);    /* defaults now set explicitly */
	m = open_memstream(&d2, &l2);
	config_dump(m, &c2);
	fclose(m);
	assert_string_equal(d1, d2);
	for (size_t i = 0; i < c->nhw; i++) {
		struct path p;
		struct mp_settings a, b;

		if (!samples[i][0])
			continue;
		p = hwpath(samples[i][0], samples[i][1]);
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
		cmocka_unit_test(test_table_regexes),
		cmocka_unit_test(test_every_entry_reachable),
		cmocka_unit_test(test_modern_arrays),
		cmocka_unit_test(test_known_array),
		cmocka_unit_test(test_generic_then_specific),
		cmocka_unit_test(test_left_out),
		cmocka_unit_test(test_unknown_devices),
		cmocka_unit_test(test_full_arrays),
		cmocka_unit_test(test_builtin_roundtrip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
