/* sysfs discovery through libsysfs, on a tree generated in a temp dir (SYSFS_PATH),
 * shaped like today's kernels: /sys/block/<name> symlinks into /sys/devices. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "alua.h"
#include "discover.h"
#include "helpers.h"
#include "uid_path.h"
#include "vpdpage.h"

static char root[256];

static void put(const char *rel, const char *content)
{
	char path[1024], *s;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (s = path + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static void link_to(const char *target, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(symlink(target, path), 0);
}

/* One SCSI disk at devices/host<h>/<hctl>/block/<name>. */
static void scsi_disk(const char *name, const char *hctl, int h, const char *devt,
		      const char *size, const char *state)
{
	char d[256], rel[512], tgt[512];

	snprintf(d, sizeof(d), "devices/pci0000:00/host%d/target%d:0:0/%s", h, h, hctl);
	snprintf(rel, sizeof(rel), "%s/vendor", d);
	put(rel, "Linux   \n");
	snprintf(rel, sizeof(rel), "%s/model", d);
	put(rel, "scsi_debug      \n");
	snprintf(rel, sizeof(rel), "%s/rev", d);
	put(rel, "0191\n");
	snprintf(rel, sizeof(rel), "%s/state", d);
	put(rel, state);
	snprintf(rel, sizeof(rel), "%s/block/%s/dev", d, name);
	put(rel, devt);
	snprintf(rel, sizeof(rel), "%s/block/%s/size", d, name);
	put(rel, size);
	snprintf(rel, sizeof(rel), "%s/block/%s/holders/.keep", d, name);
	put(rel, "");
	snprintf(rel, sizeof(rel), "%s/block/%s/device", d, name);
	snprintf(tgt, sizeof(tgt), "../../../%s", hctl);   /* as the kernel makes it */
	link_to(tgt, rel);
	snprintf(tgt, sizeof(tgt), "../%s/block/%s", d, name);
	snprintf(rel, sizeof(rel), "block/%s", name);
	link_to(tgt, rel);
	snprintf(tgt, sizeof(tgt), "../../%s/block/%s", d, name);
	snprintf(rel, sizeof(rel), "dev/block/%s", devt);
	rel[strlen(rel) - 1] = '\0';   /* drop the newline of devt */
	link_to(tgt, rel);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/mp-sysfs-XXXXXX");
	assert_non_null(mkdtemp(root));
	put("block/.keep", "");
	put("dev/block/.keep", "");
	scsi_disk("sdb", "1:0:0:0", 1, "8:16\n", "16384\n", "running\n");
	scsi_disk("sda", "0:0:0:0", 0, "8:0\n", "16384\n", "running\n");
	scsi_disk("sdaa", "0:0:1:3", 0, "65:160\n", "2048\n", "offline\n");
	scsi_disk("sdc", "0:0:0:1", 0, "8:32\n", "4096\n", "running\n");
	/* sdc is held by a multipath map, sdb by something else */
	put("devices/virtual/block/dm-0/dm/uuid", "mpath-3600a\n");
	put("devices/virtual/block/dm-1/dm/uuid", "LVM-abcdef\n");
	link_to("../devices/virtual/block/dm-0", "block/dm-0");
	link_to("../devices/virtual/block/dm-1", "block/dm-1");
	link_to("../../../../../../virtual/block/dm-0",
		"devices/pci0000:00/host0/target0:0:0/0:0:0:1/block/sdc/holders/dm-0");
	link_to("../../../../../../virtual/block/dm-1",
		"devices/pci0000:00/host1/target1:0:0/1:0:0:0/block/sdb/holders/dm-1");
	/* not SCSI disks: skipped by prefix or for lack of an H:C:T:L device */
	put("devices/virtual/block/loop0/dev", "7:0\n");
	link_to("../devices/virtual/block/loop0", "block/loop0");
	put("devices/platform/foo/block/xda/dev", "250:0\n");
	link_to("../devices/platform/foo/block/xda", "block/xda");
	setenv("SYSFS_PATH", root, 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) ? -1 : 0;
}

static void test_discover(void **state)
{
	struct pathvec pv = { 0 };

	(void)state;
	assert_int_equal(discover_paths(&pv, 0), 0);
	assert_int_equal(pv.n, 4);
	/* natural order: sda sdb sdc sdaa */
	assert_string_equal(pv.p[0].dev, "sda");
	assert_string_equal(pv.p[1].dev, "sdb");
	assert_string_equal(pv.p[2].dev, "sdc");
	assert_string_equal(pv.p[3].dev, "sdaa");
	assert_int_equal(pv.p[1].host, 1);
	assert_int_equal(pv.p[1].major, 8);
	assert_int_equal(pv.p[1].minor, 16);
	assert_int_equal(pv.p[1].size, 16384);
	assert_string_equal(pv.p[1].vendor, "Linux");
	assert_string_equal(pv.p[1].model, "scsi_debug");
	assert_string_equal(pv.p[1].rev, "0191");
	assert_int_equal(pv.p[2].lun, 1);
	assert_int_equal(pv.p[3].target, 1);
	assert_int_equal(pv.p[3].lun, 3);
	assert_int_equal(pv.p[3].major, 65);
	assert_string_equal(pv.p[3].sysfs_state, "offline");
	assert_int_equal(pv.p[0].busy, 0);
	assert_int_equal(pv.p[1].busy, 1);      /* LVM holds it */
	assert_int_equal(pv.p[2].busy, 0);
	assert_int_equal(pv.p[2].in_mpath, 1);  /* our map holds it */
	pathvec_free(&pv);
	assert_int_equal(discover_paths(&pv, 2), 0);   /* -m bound */
	assert_int_equal(pv.n, 2);
	pathvec_free(&pv);
}

static void test_resolve(void **state)
{
	char name[32];

	(void)state;
	assert_int_equal(resolve_device_arg("sdb", name, sizeof(name)), 0);
	assert_string_equal(name, "sdb");
	assert_int_equal(resolve_device_arg("/block/sdc", name, sizeof(name)), 0);
	assert_string_equal(name, "sdc");
	assert_int_equal(resolve_device_arg("8:16", name, sizeof(name)), 0);
	assert_string_equal(name, "sdb");
	assert_int_equal(resolve_device_arg("65:160", name, sizeof(name)), 0);
	assert_string_equal(name, "sdaa");
	assert_int_equal(resolve_device_arg("/devices/pci0000:00/host1/target1:0:0/1:0:0:0", name,
					    sizeof(name)), 0);
	assert_string_equal(name, "sdb");
	assert_int_equal(resolve_device_arg("/devices/pci0000:00/host0/target0:0:0/0:0:0:0/block/sda",
					    name, sizeof(name)), 0);
	assert_string_equal(name, "sda");
	assert_int_equal(resolve_device_arg("9:9", name, sizeof(name)), -ENODEV);
	assert_int_equal(resolve_device_arg("/devices/nothing/here", name, sizeof(name)), -ENODEV);
	assert_int_equal(resolve_device_arg("/dev/null", name, sizeof(name)), -ENODEV);
	assert_int_equal(resolve_device_arg("/dev/does-not-exist", name, sizeof(name)), -ENODEV);
	assert_int_equal(resolve_device_arg("a/b", name, sizeof(name)), -EINVAL);
	assert_int_equal(resolve_device_arg("", name, sizeof(name)), -EINVAL);
}

static void test_parse_hctl(void **state)
{
	struct path p;

	(void)state;
	assert_int_equal(parse_hctl("2:0:5:1", &p), 0);
	assert_int_equal(p.host, 2);
	assert_int_equal(p.target, 5);
	assert_int_equal(p.lun, 1);
	assert_int_equal(parse_hctl("block", &p), -EINVAL);
	assert_int_equal(parse_hctl("1:2:3", &p), -EINVAL);
	assert_int_equal(parse_hctl("1:2:3:4x", &p), -EINVAL);
	assert_int_equal(parse_hctl("-1:2:3:4", &p), -EINVAL);
}

/* group_by_node_name's key: FC target WWNN first, else the SAS address; read on demand. */
static void test_node_name(void **state)
{
	struct pathvec pv = { 0 };

	(void)state;
	put("class/fc_transport/target1:0:0/node_name", "0x500a098188a1b2c3\n");
	put("devices/pci0000:00/host0/target0:0:0/0:0:0:0/sas_address", "0x5000c5001234abcd\n");
	assert_int_equal(discover_paths(&pv, 0), 0);
	assert_int_equal(pv.n, 4);
	/* discovery itself does not read them */
	assert_string_equal(pv.p[0].node_name, "");
	assert_string_equal(pv.p[1].node_name, "");
	read_node_name(&pv.p[0]);
	assert_string_equal(pv.p[0].node_name, "0x5000c5001234abcd");
	read_node_name(&pv.p[1]);
	assert_string_equal(pv.p[1].node_name, "0x500a098188a1b2c3");
	read_node_name(&pv.p[2]);   /* neither: empty, not stale */
	assert_string_equal(pv.p[2].node_name, "");
	pathvec_free(&pv);
}

/* The kernel ALUA handler's view; preferred_path only when asked for. */
static void test_sysfs_alua(void **state)
{
	int st = -1, pref = -1;

	(void)state;
	put("devices/pci0000:00/host0/target0:0:0/0:0:0:0/access_state", "standby\n");
	put("devices/pci0000:00/host0/target0:0:0/0:0:0:0/preferred_path", "1\n");
	assert_int_equal(read_sysfs_alua("sda", &st, &pref), 0);
	assert_int_equal(st, ALUA_STANDBY);
	assert_int_equal(pref, 1);
	st = -1;
	assert_int_equal(read_sysfs_alua("sda", &st, NULL), 0);
	assert_int_equal(st, ALUA_STANDBY);
	assert_int_equal(read_sysfs_alua("sdb", &st, NULL), -ENOENT);   /* no handler */
}

/* The cached device facts the checker selection reads: the standard INQUIRY (binary),
 * the command timeout (text), a device's link. */
static void test_dev_facts(void **state)
{
	unsigned char inq[64];
	char val[32], link[512];
	size_t got = 0;

	(void)state;
	put("devices/pci0000:00/host1/target1:0:0/1:0:0:0/inquiry",
	    "\x7f\x01\x05\x02\x1f\x10\x01\x01Linux   ");
	put("devices/pci0000:00/host1/target1:0:0/1:0:0:0/timeout", "45\n");
	assert_int_equal(read_sysfs_dev_bin("sdb", "inquiry", inq, sizeof(inq), &got), 0);
	assert_int_equal(got, 16);
	assert_int_equal(inq[5], 0x10);
	assert_int_equal(read_sysfs_dev_bin("sdb", "inquiry", inq, 4, &got), 0);
	assert_int_equal(got, 4);   /* never past the buffer */
	assert_int_equal(read_sysfs_dev_bin("sda", "inquiry", inq, sizeof(inq), &got), -ENOENT);
	assert_int_equal(read_sysfs_attr("block/sdb/device/timeout", val, sizeof(val)), 0);
	assert_string_equal(val, "45");
	assert_int_equal(read_sysfs_attr("block/sdb/device/nothing", val, sizeof(val)), -ENOENT);
	assert_int_equal(read_sysfs_link("block/sdb/device", link, sizeof(link)), 0);
	assert_non_null(strstr(link, "/host1/target1:0:0/1:0:0:0"));
	assert_int_equal(read_sysfs_link("block/sdq/device", link, sizeof(link)), -ENOENT);
}

static void test_no_sysfs(void **state)
{
	struct pathvec pv = { 0 };

	(void)state;
	setenv("SYSFS_PATH", "/nonexistent/sysfs", 1);
	assert_int_not_equal(discover_paths(&pv, 0), 0);
	assert_int_equal(pv.n, 0);
	setenv("SYSFS_PATH", root, 1);
}

/* A sysfs without block devices: nothing found, no error (before, the empty name
 * list reached qsort as NULL: UBSan's nonnull check fails it under make check-asan). */
static void test_empty_sysfs(void **state)
{
	struct pathvec pv = { 0 };
	char empty[sizeof(root) + 16], cmd[sizeof(empty) + 16];

	(void)state;
	snprintf(empty, sizeof(empty), "%s/empty", root);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/block", empty);
	assert_int_equal(system(cmd), 0);
	setenv("SYSFS_PATH", empty, 1);
	assert_int_equal(discover_paths(&pv, 0), 0);
	assert_int_equal(pv.n, 0);
	pathvec_free(&pv);
	setenv("SYSFS_PATH", root, 1);
}

/* The map holding a path, by its holders' dm uuid: only a multipath map counts. */
static void test_mpath_holder(void **state)
{
	char uuid[160];

	(void)state;
	assert_int_equal(read_mpath_holder("sdc", uuid, sizeof(uuid)), 0);
	assert_string_equal(uuid, "mpath-3600a");
	assert_int_equal(read_mpath_holder("sdb", uuid, sizeof(uuid)), -ENOENT);   /* LVM */
	assert_int_equal(read_mpath_holder("sda", uuid, sizeof(uuid)), -ENOENT);   /* none */
	assert_int_equal(read_mpath_holder("sdc", uuid, 8), -ENOENT);              /* no room */
}

static void put_bin(const char *rel, const void *b, size_t n)
{
	char path[1024];
	FILE *f;

	put(rel, "");
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	fclose(f);
}

/* A path identified from sysfs' VPD copies: under both rankings, and an identifier too
 * long for a dm uuid hashed to the 122 characters "mpath-<WWID>" holds. */
static void test_identify_from_sysfs(void **state)
{
	static const char t10[] = "Linux   scsi_debug      2000";
	static const unsigned char naa3[8] = { 0x33, 0x33, 0x33, 0x30, 0x00, 0x00, 0x07, 0xd0 };
	const char *d = "devices/pci0000:00/host0/target0:0:0/0:0:0:0";
	struct path p = mkpath("sda", 8, 0, "", "", 0, 0, 0);
	char rel[600], id[200];
	struct pg pg;

	(void)state;
	snprintf(rel, sizeof(rel), "%s/vpd_pg83", d);
	pg_start(&pg, 0x83);
	pg_add(&pg, 2, 0x01, t10, strlen(t10));
	pg_add(&pg, 1, 0x03, naa3, sizeof(naa3));
	put_bin(rel, pg.b, pg.n);
	assert_int_equal(uid_identify(&p, -1, NULL, UID_RANK_SCSI_ID, 0), 0);
	assert_string_equal(p.wwid, "333333330000007d0");
	assert_int_equal(p.uid_src, UID_SRC_NAA_OTHER);
	assert_int_equal(uid_identify(&p, -1, NULL, UID_RANK_SG3, 0), 0);
	assert_string_equal(p.wwid, "1Linux_scsi_debug_2000");
	assert_int_equal(p.uid_src, UID_SRC_T10);
	assert_int_equal(p.uid_desig, 0);
	assert_true(p.uid_flags & UID_F_SG3);

	memset(id, 'Q', sizeof(id));
	memcpy(id, "LONGVEND", 8);
	for (size_t n = 121; n <= 123; n++) {   /* "1" + n characters */
		pg_start(&pg, 0x83);
		pg_add(&pg, 2, 0x01, id, n);
		put_bin(rel, pg.b, pg.n);
		assert_int_equal(uid_identify(&p, -1, NULL, UID_RANK_SCSI_ID, 0), 0);
		assert_int_equal(strlen(p.wwid), 122);
		assert_int_equal(p.wwid[122 - 17] == '=', n + 1 > 122);
		assert_int_equal(!!(p.uid_flags & UID_F_HASHED), n + 1 > 122);
	}
	/* a malformed page names nothing, and says so */
	pg.b[3] += 5;
	put_bin(rel, pg.b, pg.n);
	p.errmsg[0] = '\0';
	assert_int_equal(uid_identify(&p, -1, NULL, UID_RANK_SG3, 0), -EINVAL);
	assert_string_equal(p.wwid, "");
	assert_non_null(strstr(p.errmsg, "malformed"));
	snprintf(rel, sizeof(rel), "%s/%s/vpd_pg83", root, d);
	unlink(rel);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_discover),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_parse_hctl),
		cmocka_unit_test(test_node_name),
		cmocka_unit_test(test_sysfs_alua),
		cmocka_unit_test(test_dev_facts),
		cmocka_unit_test(test_no_sysfs),
		cmocka_unit_test(test_empty_sysfs),
		cmocka_unit_test(test_mpath_holder),
		cmocka_unit_test(test_identify_from_sysfs),
	};
	return cmocka_run_group_tests_name("discover", tests, setup, teardown);
}
