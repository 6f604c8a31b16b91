/* The pure decoders behind the vendor checkers and prioritizers, on synthetic pages:
 * each page as the array documents it, then truncated and hostile variants. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "alua.h"
#include "chkprio.h"
#include "helpers.h"

/* ---- RDAC VPD 0xC9 ---- */
static void c9(unsigned char *b, unsigned char avtcvp, unsigned char pref, unsigned char cur,
	       unsigned char why, unsigned char alt)
{
	memset(b, 0, 48);
	b[1] = 0xc9;
	b[3] = 0x2c;
	memcpy(b + 4, "vac1", 4);
	b[8] = avtcvp;
	b[9] = pref;
	b[10] = cur;
	b[11] = why;
	b[12] = alt;
}

static void test_rdac(void **state)
{
	unsigned char b[48];
	struct rdac_c9 c;
	char why[128];

	(void)state;
	/* owned, preferred: up, 2 + 4 */
	c9(b, 0x01, 0x01, 0, 0, 0);
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, why, sizeof(why)), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_UP);
	assert_int_equal(rdac_prio(&c), 6);
	assert_true(rdac_is_vac1(b, sizeof(b)));
	/* not owned, secondary: ghost, 1 */
	c9(b, 0x00, 0x02, 0, 0, 0);
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, why, sizeof(why)), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_GHOST);
	assert_string_equal(why, "volume owned by the other controller");
	assert_int_equal(rdac_prio(&c), 1);
	/* I/O shipping: up without ownership, 8 */
	c9(b, 0x20, 0x00, 0, 0, 0);
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_UP);
	assert_int_equal(rdac_prio(&c), 8);
	/* TPG data valid, this controller unavailable in service mode: down with the reason */
	c9(b, 0x11, 0x01, ALUA_UNAVAILABLE, 0x07, ALUA_ACTIVE_OPTIMIZED);
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_DOWN);
	assert_string_equal(why, "controller in service mode");
	/* the same bytes without TPGDE: the states are not looked at */
	b[8] = 0x01;
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_UP);
	/* transitioning alone: booting, down; both transitioning: a transfer, still judged */
	c9(b, 0x11, 0, ALUA_TRANSITIONING, 0, ALUA_ACTIVE_OPTIMIZED);
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_DOWN);
	c9(b, 0x11, 0, ALUA_TRANSITIONING, 0, ALUA_TRANSITIONING);
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_UP);
	/* LUN not connected (peripheral qualifier 1) */
	c9(b, 0x01, 0, 0, 0, 0);
	b[0] = 0x20;
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(rdac_path_state(&c, why, sizeof(why)), PATH_DOWN);
	assert_string_equal(why, "LUN not connected");
	/* an older identifier "vac" + other byte decodes, but is not "vac1" for detection */
	c9(b, 0x01, 0, 0, 0, 0);
	b[7] = 'e';
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, NULL, 0), 0);
	assert_false(rdac_is_vac1(b, sizeof(b)));
	/* truncated at every length: a clear error, never a read past the end */
	c9(b, 0x01, 0x01, 0, 0, 0);
	for (size_t l = 0; l < RDAC_C9_MIN; l++) {
		assert_int_equal(rdac_decode_c9(b, l, &c, why, sizeof(why)), -EPROTO);
		assert_non_null(strstr(why, "too short"));
	}
	assert_false(rdac_is_vac1(b, 7));
	assert_int_equal(rdac_decode_c9(NULL, 40, &c, why, sizeof(why)), -EPROTO);
	/* another page, another identifier */
	b[1] = 0xc8;
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, why, sizeof(why)), -EPROTO);
	assert_non_null(strstr(why, "unknown format"));
	c9(b, 0x01, 0x01, 0, 0, 0);
	memcpy(b + 4, "xyz1", 4);
	assert_int_equal(rdac_decode_c9(b, sizeof(b), &c, why, sizeof(why)), -EPROTO);
	assert_false(rdac_is_vac1(b, sizeof(b)));
}

/* ---- EMC VPD 0xC0 ---- */
static void c0(unsigned char *b, int lun_state, int def_sp, int path_sp)
{
	memset(b, 0, 128);
	b[1] = 0xc0;
	b[3] = 0x7c;
	b[4] = (unsigned char)lun_state;
	b[5] = (unsigned char)def_sp;
	b[8] = (unsigned char)path_sp;
	for (int i = 0; i < 16; i++)
		b[10 + i] = (unsigned char)(0x60 + i);
	b[27] = 0x03;    /* initiator type */
	b[28] = 0x04;    /* failover mode */
	b[30] = 0x04;    /* arraycommpath */
}

static void test_emc(void **state)
{
	unsigned char b[128];
	struct emc_c0 c;
	char why[160];
	int rt;

	(void)state;
	/* bound, owned by this SP which is the default: up, read test, prio 1 */
	c0(b, 2, 1, 1);
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, why, sizeof(why)), 0);
	assert_int_equal(c.wwn[0], 0x60);
	assert_int_equal(c.wwn[15], 0x6f);
	assert_int_equal(emc_path_state(&c, &rt, why, sizeof(why)), PATH_UP);
	assert_int_equal(rt, 1);
	assert_int_equal(emc_prio(&c), 1);
	/* bound, passive (the other SP owns it), not the default SP: up (not ghost), prio 0 */
	c0(b, 1, 0, 1);
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(emc_path_state(&c, &rt, why, sizeof(why)), PATH_UP);
	assert_int_equal(rt, 0);
	assert_int_equal(emc_prio(&c), 0);
	/* failover mode 6 is fine too; mode 1 is not */
	b[28] = 0x06;
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(emc_path_state(&c, &rt, why, sizeof(why)), PATH_UP);
	b[28] = 0x01;
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(emc_path_state(&c, &rt, why, sizeof(why)), PATH_DOWN);
	assert_string_equal(why, "path not configured for failover (initiator type 3, "
			    "failover mode 1, arraycommpath 1)");
	/* arraycommpath off */
	c0(b, 1, 0, 0);
	b[30] = 0;
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(emc_path_state(&c, &rt, why, sizeof(why)), PATH_DOWN);
	/* LU operations not normal */
	c0(b, 2, 0, 0);
	b[48] = 0x01;
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(emc_path_state(&c, &rt, why, sizeof(why)), PATH_DOWN);
	assert_non_null(strstr(why, "normal operations"));
	/* unbound / LUNZ */
	c0(b, 0, 0, 0);
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, NULL, 0), 0);
	assert_int_equal(emc_path_state(&c, &rt, why, sizeof(why)), PATH_DOWN);
	assert_string_equal(why, "LU unbound, or LUNZ");
	/* the owning SP's read failing with 05/25/01: inactive snapshot */
	assert_true(emc_inactive_snapshot(0x05, 0x25, 0x01));
	assert_false(emc_inactive_snapshot(0x02, 0x04, 0x03));
	assert_false(emc_inactive_snapshot(-1, -1, -1));
	/* truncated, wrong page, unknown revision */
	c0(b, 2, 1, 1);
	for (size_t l = 0; l < EMC_C0_MIN; l++)
		assert_int_equal(emc_decode_c0(b, l, &c, why, sizeof(why)), -EPROTO);
	assert_int_equal(emc_decode_c0(b, EMC_C0_MIN, &c, why, sizeof(why)), 0);
	b[9] = 1;
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, why, sizeof(why)), -EPROTO);
	assert_non_null(strstr(why, "revision 1"));
	b[9] = 0;
	b[1] = 0xc9;
	assert_int_equal(emc_decode_c0(b, sizeof(b), &c, why, sizeof(why)), -EPROTO);
}

/* ---- HP active/standby ---- */
static void test_hp_sw(void **state)
{
	char why[128];

	(void)state;
	assert_int_equal(hp_sw_path_state(0, 0, why, sizeof(why)), PATH_UP);
	assert_int_equal(hp_sw_path_state(0, -EIO, why, sizeof(why)), PATH_GHOST);
	assert_non_null(strstr(why, "standby"));
	assert_int_equal(hp_sw_path_state(-EIO, 0, why, sizeof(why)), PATH_DOWN);
	assert_int_equal(hp_sw_path_state(-EOPNOTSUPP, 0, why, sizeof(why)), PATH_DOWN);
	assert_non_null(strstr(why, "not an hp_sw device"));
	assert_int_equal(hp_sw_prio(0, -1, -1, -1), 4);
	assert_int_equal(hp_sw_prio(-EIO, 0x02, 0x04, 0x02), 2);
	assert_int_equal(hp_sw_prio(-EIO, 0x02, 0x04, 0x03), 0);
	assert_int_equal(hp_sw_prio(-ETIMEDOUT, -1, -1, -1), 0);
}

/* ---- Hitachi: standard INQUIRY, LDEV 44-47, controller 49 ---- */
static void hds_inq(unsigned char *b, const char *ldev, char ctrl)
{
	memset(b, ' ', 96);
	b[0] = 0;
	memcpy(b + 8, "HITACHI ", 8);
	memcpy(b + 16, "DF600F          ", 16);
	memcpy(b + 40, "0105", 4);
	memcpy(b + 44, ldev, 4);
	b[49] = (unsigned char)ctrl;
	b[50] = 'B';
}

static void test_hds(void **state)
{
	unsigned char b[96];
	char why[128];

	(void)state;
	hds_inq(b, "00C6", '0');
	assert_int_equal(hds_prio(b, sizeof(b), why, sizeof(why)), 1);   /* even, even */
	hds_inq(b, "00C6", '1');
	assert_int_equal(hds_prio(b, sizeof(b), why, sizeof(why)), 0);   /* odd ctrl, even */
	hds_inq(b, "00CB", '1');
	assert_int_equal(hds_prio(b, sizeof(b), why, sizeof(why)), 1);   /* odd, odd */
	hds_inq(b, "00cb", '2');
	assert_int_equal(hds_prio(b, sizeof(b), why, sizeof(why)), 0);   /* lower-case hex */
	hds_inq(b, "00CG", '0');
	assert_int_equal(hds_prio(b, sizeof(b), why, sizeof(why)), -EPROTO);
	hds_inq(b, "00C6", 'X');
	assert_int_equal(hds_prio(b, sizeof(b), why, sizeof(why)), -EPROTO);
	assert_non_null(strstr(why, "no LDEV/controller"));
	hds_inq(b, "00C6", '0');
	for (size_t l = 0; l < 51; l++)
		assert_int_equal(hds_prio(b, l, why, sizeof(why)), -EPROTO);
	assert_int_equal(hds_prio(b, 51, why, sizeof(why)), 1);
}

/* ---- NetApp ONTAP ---- */
static size_t gva(unsigned char *b, const char *stack)
{
	size_t n = 12 + (stack ? strlen(stack) : 0);

	memset(b, 0, 128);
	b[3] = (unsigned char)(stack ? n : 8);
	b[4] = 0x0a, b[5] = 0x98, b[6] = 0x0a, b[7] = 0x01;
	b[8] = 0x41;
	if (stack)
		memcpy(b + 12, stack, strlen(stack));
	return 128;
}

static void test_ontap(void **state)
{
	unsigned char b[128], cdb[10];
	enum ontap_proto p;
	char why[128];
	int proxy;

	(void)state;
	gva(b, "ism_sw");
	assert_int_equal(ontap_decode_gva41(b, sizeof(b), &p, why, sizeof(why)), 0);
	assert_int_equal(p, ONTAP_ISCSI_SW);
	gva(b, "iswt");
	assert_int_equal(ontap_decode_gva41(b, sizeof(b), &p, why, sizeof(why)), 0);
	assert_int_equal(p, ONTAP_ISCSI_SW);
	gva(b, "ism_sn");
	assert_int_equal(ontap_decode_gva41(b, sizeof(b), &p, why, sizeof(why)), 0);
	assert_int_equal(p, ONTAP_ISCSI_HW);
	gva(b, "fcp");
	assert_int_equal(ontap_decode_gva41(b, sizeof(b), &p, why, sizeof(why)), 0);
	assert_int_equal(p, ONTAP_UNKNOWN);
	gva(b, NULL);   /* total length 8: nothing said */
	assert_int_equal(ontap_decode_gva41(b, sizeof(b), &p, why, sizeof(why)), 0);
	assert_int_equal(p, ONTAP_UNKNOWN);
	/* truncated: the stack name cut off is not guessed */
	gva(b, "ism_sn");
	assert_int_equal(ontap_decode_gva41(b, 17, &p, why, sizeof(why)), 0);
	assert_int_equal(p, ONTAP_UNKNOWN);
	for (size_t l = 0; l < 8; l++)
		assert_int_equal(ontap_decode_gva41(b, l, &p, why, sizeof(why)), -EPROTO);
	assert_int_equal(ontap_decode_gva41(b, 8, &p, why, sizeof(why)), -EPROTO);  /* no page */
	b[8] = 0x42;
	assert_int_equal(ontap_decode_gva41(b, sizeof(b), &p, why, sizeof(why)), -EPROTO);
	gva(b, "ism_sw");
	b[5] = 0x99;
	assert_int_equal(ontap_decode_gva41(b, sizeof(b), &p, why, sizeof(why)), -EPROTO);
	assert_non_null(strstr(why, "not the NetApp format"));

	/* VPD 0xC1 proxy */
	memset(b, 0, sizeof(b));
	b[1] = 0xc1;
	memcpy(b + 8, "\x0a\x98\x0a\x00\xc1\x00", 6);
	b[19] = 0x02;
	assert_int_equal(ontap_decode_proxy_c1(b, sizeof(b), &proxy, why, sizeof(why)), 0);
	assert_int_equal(proxy, 1);
	b[19] = 0x01;
	assert_int_equal(ontap_decode_proxy_c1(b, sizeof(b), &proxy, why, sizeof(why)), 0);
	assert_int_equal(proxy, 0);
	for (size_t l = 0; l < 20; l++)
		assert_int_equal(ontap_decode_proxy_c1(b, l, &proxy, why, sizeof(why)), -EPROTO);
	b[12] = 0xc0;
	assert_int_equal(ontap_decode_proxy_c1(b, sizeof(b), &proxy, why, sizeof(why)), -EPROTO);

	assert_int_equal(ontap_prio(ONTAP_ISCSI_HW, -1), 3);
	assert_int_equal(ontap_prio(ONTAP_ISCSI_SW, 1), 2);
	assert_int_equal(ontap_prio(ONTAP_UNKNOWN, 1), 1);
	assert_int_equal(ontap_prio(ONTAP_UNKNOWN, 0), 4);
	assert_int_equal(ontap_prio(ONTAP_UNKNOWN, -1), 4);
	ontap_gva_cdb(cdb, 0x41, 128);
	assert_memory_equal(cdb, "\xc0\x00\x01\x0a\x98\x0a\x41\x80\x00\x00", 10);
	ontap_gva_cdb(cdb, 0x41, 4096);
	assert_int_equal(cdb[7], 0xff);
}

/* ---- DataCore ---- */
static void test_datacore(void **state)
{
	struct datacore_args a;
	unsigned char b[255];
	char why[128];

	(void)state;
	assert_int_equal(datacore_parse_args("preferredsds=sds1", &a, why, sizeof(why)), 0);
	assert_string_equal(a.preferredsds, "sds1");
	assert_int_equal(a.timeout_ms, 0);
	assert_int_equal(datacore_parse_args("timeout=1000 preferredsds=SDSA", &a, why,
					     sizeof(why)), 0);
	assert_int_equal(a.timeout_ms, 1000);
	assert_int_equal(datacore_parse_args("preferredsds=SDSA timeout=20000", &a, why,
					     sizeof(why)), 0);
	assert_int_equal(a.timeout_ms, 20000);
	assert_int_equal(datacore_parse_args(NULL, &a, why, sizeof(why)), -EINVAL);
	assert_int_equal(datacore_parse_args("preferredsds=x", &a, why, sizeof(why)), -EINVAL);
	assert_int_equal(datacore_parse_args("timeout=100 preferredsds=sds1", &a, why,
					     sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "500 to 20000"));
	assert_int_equal(datacore_parse_args("timeout=1000", &a, why, sizeof(why)), -EINVAL);
	assert_int_equal(datacore_parse_args("preferred=sds1", &a, why, sizeof(why)), -EINVAL);
	assert_int_equal(datacore_parse_args("preferredsds=a timeout=600 x=1", &a, why,
					     sizeof(why)), -EINVAL);

	memset(b, ' ', sizeof(b));
	memcpy(b + 112, "DC-SDS-NODE1    ", 16);
	datacore_parse_args("preferredsds=NODE1", &a, NULL, 0);
	assert_int_equal(datacore_prio(b, sizeof(b), &a, why, sizeof(why)), 1);
	datacore_parse_args("preferredsds=NODE2", &a, NULL, 0);
	assert_int_equal(datacore_prio(b, sizeof(b), &a, why, sizeof(why)), 0);
	/* a name cut short by a short answer only matches what arrived */
	datacore_parse_args("preferredsds=NODE1", &a, NULL, 0);
	assert_int_equal(datacore_prio(b, 122, &a, why, sizeof(why)), 0);
	assert_int_equal(datacore_prio(b, 124, &a, why, sizeof(why)), 1);
	assert_int_equal(datacore_prio(b, 112, &a, why, sizeof(why)), -EPROTO);
	assert_int_equal(datacore_prio(b, 0, &a, why, sizeof(why)), -EPROTO);
}

/* ---- iet ---- */
static void test_iet(void **state)
{
	char ip[16], why[128];

	(void)state;
	assert_int_equal(iet_find_ipv4("ip-10.11.12.13:3260-iscsi-iqn.2001-04.com.x:t-lun-0",
				       ip, sizeof(ip)), 0);
	assert_string_equal(ip, "10.11.12.13");
	assert_int_equal(iet_find_ipv4("192.168.1.5,3260", ip, sizeof(ip)), 0);
	assert_string_equal(ip, "192.168.1.5");
	assert_int_equal(iet_find_ipv4("ip-256.1.1.1:3260", ip, sizeof(ip)), -ENOENT);
	assert_int_equal(iet_find_ipv4("1.2.3.4.5", ip, sizeof(ip)), -ENOENT);
	assert_int_equal(iet_find_ipv4("ip-[fe80::1]:3260", ip, sizeof(ip)), -ENOENT);
	assert_int_equal(iet_find_ipv4("iqn.2001-04.com:1.2.3", ip, sizeof(ip)), -ENOENT);
	assert_int_equal(iet_find_ipv4("", ip, sizeof(ip)), -ENOENT);
	assert_int_equal(iet_find_ipv4(NULL, ip, sizeof(ip)), -ENOENT);
	assert_int_equal(iet_parse_args("preferredip=10.0.0.1", ip, sizeof(ip), why, sizeof(why)), 0);
	assert_string_equal(ip, "10.0.0.1");
	assert_int_equal(iet_parse_args("preferredip=10.0.0", ip, sizeof(ip), why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(iet_parse_args("preferredip=10.0.0.1x", ip, sizeof(ip), why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(iet_parse_args("ip=10.0.0.1", ip, sizeof(ip), why, sizeof(why)), -EINVAL);
	assert_int_equal(iet_parse_args(NULL, ip, sizeof(ip), why, sizeof(why)), -EINVAL);
	assert_int_equal(iet_prio("10.0.0.1", "10.0.0.1"), 20);
	assert_int_equal(iet_prio("10.0.0.2", "10.0.0.1"), 10);
	assert_int_equal(iet_prio("", "10.0.0.1"), 10);
	/* multipath-tools compared only a prefix; an exact match here */
	assert_int_equal(iet_prio("10.0.0.1", "10.0.0.12"), 10);
}

/* ---- weightedpath ---- */
static void test_weighted(void **state)
{
	struct weighted_ids ids = { "1:0:2:3", "sdc", "0395J1FR904324",
				    "0x200100e08ba0aea0:0x210100e08ba0aea0:0x50:0x51" };
	char why[128];
	int prio;

	(void)state;
	assert_int_equal(weighted_prio("hbtl 1:.:.:. 2 4:.:.:. 4", &ids, &prio, why, sizeof(why)), 0);
	assert_int_equal(prio, 2);
	assert_int_equal(weighted_prio("hbtl 4:.:.:. 4 1:0:2:3 9 1:.:.:. 7", &ids, &prio, why,
				       sizeof(why)), 0);
	assert_int_equal(prio, 9);   /* the first match */
	assert_int_equal(weighted_prio("devname sda 10 s.c 20", &ids, &prio, why, sizeof(why)), 0);
	assert_int_equal(prio, 20);
	assert_int_equal(weighted_prio("serial .*J1FR.*324 5", &ids, &prio, why, sizeof(why)), 0);
	assert_int_equal(prio, 5);
	assert_int_equal(weighted_prio("wwn 0x200100e08ba0aea0:0x210100e08ba0aea0:.*:.* 3", &ids,
				       &prio, why, sizeof(why)), 0);
	assert_int_equal(prio, 3);
	assert_int_equal(weighted_prio("  devname\tsdz 10  ", &ids, &prio, why, sizeof(why)), 0);
	assert_int_equal(prio, 0);   /* no match */
	assert_int_equal(weighted_prio("devname", &ids, &prio, why, sizeof(why)), 0);
	assert_int_equal(prio, 0);
	/* malformed */
	assert_int_equal(weighted_kind("wwid x 1", why, sizeof(why)), -EINVAL);
	assert_int_equal(weighted_prio("wwid x 1", &ids, &prio, why, sizeof(why)), -EINVAL);
	assert_int_equal(weighted_prio(NULL, &ids, &prio, why, sizeof(why)), -EINVAL);
	assert_int_equal(weighted_prio("devname sdc", &ids, &prio, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "needs a priority"));
	assert_int_equal(weighted_prio("devname sdc high", &ids, &prio, why, sizeof(why)), -EINVAL);
	assert_int_equal(weighted_prio("devname sd( 1", &ids, &prio, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "bad regex"));
	/* a regex whose repetition counts would blow up is refused, not run */
	assert_int_equal(weighted_prio("devname ((a{1,60}){1,60}){1,60} 1", &ids, &prio, why,
				       sizeof(why)), -EINVAL);
	/* an identity the path lacks is empty, matched as such */
	ids.wwn = NULL;
	assert_int_equal(weighted_prio("wwn ^$ 6", &ids, &prio, why, sizeof(why)), 0);
	assert_int_equal(prio, 6);
}

/* ---- path_latency ---- */
static void test_latency(void **state)
{
	double us[4];
	double base = 0;
	int io = 0;
	char why[128];

	(void)state;
	assert_int_equal(latency_parse_args("io_num=20 base_num=10", &io, &base, why, sizeof(why)), 0);
	assert_int_equal(io, 20);
	assert_true(base == 10.0);
	assert_int_equal(latency_parse_args(" base_num=1.5\tio_num=200 ", &io, &base, why,
					    sizeof(why)), 0);
	assert_int_equal(io, 200);
	assert_true(base == 1.5);
	assert_int_equal(latency_parse_args("io_num=19 base_num=10", &io, &base, why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(latency_parse_args("io_num=20 base_num=11", &io, &base, why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(latency_parse_args("io_num=20", &io, &base, why, sizeof(why)), -EINVAL);
	assert_int_equal(latency_parse_args("io_num=20x base_num=2", &io, &base, why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(latency_parse_args("20|10", &io, &base, why, sizeof(why)), -EINVAL);
	assert_int_equal(latency_parse_args(NULL, &io, &base, why, sizeof(why)), -EINVAL);

	/* base 10: 100 s is 10^8 us, so 8 steps; 1 ms is 3 steps down */
	us[0] = us[1] = 1000.0;
	assert_int_equal(latency_prio(us, 2, 10.0), 5);
	us[0] = us[1] = 0.5;   /* below 1 us counts as 1 us: the top */
	assert_int_equal(latency_prio(us, 2, 10.0), 8);
	us[0] = 2e8;
	us[1] = 2e8;
	assert_int_equal(latency_prio(us, 2, 10.0), 0);
	/* log-normal mean: 10 us and 1000 us average to 100 us */
	us[0] = 10.0;
	us[1] = 1000.0;
	assert_int_equal(latency_prio(us, 2, 10.0), 6);
	/* the default base, 4 steps per factor 10: 1 ms -> (8 - 3) * 4 = 20 */
	us[0] = us[1] = 999.0;
	assert_int_equal(latency_prio(us, 2, LATENCY_DEF_BASE), 20);
	assert_int_equal(latency_prio(us, 0, 10.0), 0);
	assert_int_equal(latency_prio(us, 2, 1.0), 0);
}

/* Every decoder on random bytes at every length: no crash, a defined result. */
static void test_hostile(void **state)
{
	unsigned char b[256];
	unsigned int seed = 12345;
	char why[64];

	(void)state;
	for (int round = 0; round < 2000; round++) {
		struct rdac_c9 r;
		struct emc_c0 e;
		struct datacore_args a = { "NODE", 0 };
		enum ontap_proto op;
		size_t len = (size_t)(rand_r(&seed) % sizeof(b));
		int px, rt, v;

		for (size_t i = 0; i < sizeof(b); i++)
			b[i] = (unsigned char)rand_r(&seed);
		if (round & 1) {
			b[1] = (unsigned char)(round & 2 ? 0xc9 : 0xc0);
			memcpy(b + 4, "vac1", 4);
			b[9] = 0;
		}
		if (!rdac_decode_c9(b, len, &r, why, sizeof(why))) {
			v = rdac_path_state(&r, why, sizeof(why));
			assert_true(v == PATH_UP || v == PATH_DOWN || v == PATH_GHOST);
			assert_in_range(rdac_prio(&r), 0, 15);
		}
		if (!emc_decode_c0(b, len, &e, why, sizeof(why))) {
			v = emc_path_state(&e, &rt, why, sizeof(why));
			assert_true(v == PATH_UP || v == PATH_DOWN);
			assert_in_range(emc_prio(&e), 0, 1);
		}
		v = hds_prio(b, len, why, sizeof(why));
		assert_true(v == -EPROTO || v == 0 || v == 1);
		v = ontap_decode_gva41(b, len, &op, why, sizeof(why));
		assert_true(v == 0 || v == -EPROTO);
		v = ontap_decode_proxy_c1(b, len, &px, why, sizeof(why));
		assert_true(v == 0 || v == -EPROTO);
		v = datacore_prio(b, len, &a, why, sizeof(why));
		assert_true(v == 0 || v == 1 || v == -EPROTO);
		rdac_is_vac1(b, len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rdac),
		cmocka_unit_test(test_emc),
		cmocka_unit_test(test_hp_sw),
		cmocka_unit_test(test_hds),
		cmocka_unit_test(test_ontap),
		cmocka_unit_test(test_datacore),
		cmocka_unit_test(test_iet),
		cmocka_unit_test(test_weighted),
		cmocka_unit_test(test_latency),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
