/* Golden output of the -l/-ll tree and its JSON form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "topology.h"
#include "helpers.h"
#include "testfiles.h"

static struct topo_path tp(const char *hctl, const char *dev, const char *devt, const char *chk, int prio)
{
	struct topo_path p;

	memset(&p, 0, sizeof(p));
	strlcpy_safe(p.hctl, hctl, sizeof(p.hctl));
	strlcpy_safe(p.dev, dev, sizeof(p.dev));
	strlcpy_safe(p.devt, devt, sizeof(p.devt));
	strlcpy_safe(p.sysfs_state, "running", sizeof(p.sysfs_state));
	p.dm_state = "active";
	p.checker_state = chk;
	p.prio = prio;
	return p;
}

/* The example of REFERENCE 1.5: a NetApp LU, 2 ALUA groups of 2 paths. */
static void netapp(struct topo_map *m)
{
	memset(m, 0, sizeof(*m));
	strcpy(m->name, "mpatha");
	strcpy(m->wwid, "3600a098038304437415d4b6a59684a52");
	strcpy(m->uuid, "mpath-3600a098038304437415d4b6a59684a52");
	strcpy(m->sysfs, "dm-0");
	strcpy(m->vendor, "NETAPP");
	strcpy(m->product, "LUN C-Mode");
	m->size = 10ULL * 1024 * 1024 * 2;
	strcpy(m->features, "3 queue_if_no_path pg_init_retries 50");
	strcpy(m->hwhandler, "1 alua");
	m->npg = 2;
	m->pg = calloc(2, sizeof(*m->pg));
	for (int g = 0; g < 2; g++) {
		strcpy(m->pg[g].selector, "service-time 0");
		m->pg[g].prio = g ? 10 : 50;
		m->pg[g].status = g ? "enabled" : "active";
		m->pg[g].n = 2;
		m->pg[g].paths = calloc(2, sizeof(struct topo_path));
	}
	m->pg[0].paths[0] = tp("1:0:0:0", "sda", "8:0", "ready", 50);
	m->pg[0].paths[1] = tp("2:0:0:0", "sdc", "8:32", "ready", 50);
	m->pg[1].paths[0] = tp("1:0:1:0", "sdb", "8:16", "ready", 10);
	m->pg[1].paths[1] = tp("2:0:1:0", "sdd", "8:48", "ready", 10);
}

static void capture_check(void (*fn)(FILE *, const struct topo_map *, size_t), const struct topo_map *m,
			  size_t n, const char *golden)
{
	char *out = NULL, *want;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	fn(f, m, n);
	fclose(f);
	want = read_golden(golden);
	assert_string_equal(out, want);
	free(want);
	free(out);
}

static void tree(FILE *f, const struct topo_map *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		topo_print_map(f, &m[i]);
}

static void test_tree_golden(void **state)
{
	struct topo_map m[2];

	(void)state;
	netapp(&m[0]);
	netapp(&m[1]);
	/* second map: named by its WWID, one failed path, read-only, no handler */
	strcpy(m[1].name, m[1].wwid);
	strcpy(m[1].sysfs, "dm-1");
	strcpy(m[1].features, "0");
	strcpy(m[1].hwhandler, "0");
	m[1].read_only = 1;
	m[1].size = 16384;
	m[1].pg[1].paths[1].dm_state = "failed";
	m[1].pg[1].paths[1].checker_state = "faulty";
	strcpy(m[1].pg[1].paths[1].sysfs_state, "offline");
	strcpy(m[1].pg[1].paths[0].hctl, "12:0:1:100");
	capture_check(tree, m, 2, "topology.txt");
	capture_check(topo_print_json, m, 1, "topology.json");
	capture_check(topo_print_json, m, 0, "topology-empty.json");
	topo_map_free(&m[0]);
	topo_map_free(&m[1]);
}

static void test_size_human(void **state)
{
	char b[16];

	(void)state;
	topo_size_human(16384, b, sizeof(b));
	assert_string_equal(b, "8.0M");
	topo_size_human(20971520, b, sizeof(b));
	assert_string_equal(b, "10G");
	topo_size_human(3, b, sizeof(b));
	assert_string_equal(b, "1.5K");
	topo_size_human(~0ULL, b, sizeof(b));
	assert_string_equal(b, "8.0Z");
}

static void test_hostile_names(void **state)
{
	struct topo_map m;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	netapp(&m);
	strcpy(m.vendor, "\"\\\n");
	topo_print_json(f, &m, 1);
	fclose(f);
	assert_non_null(strstr(out, "\"vendor\": \"\\\"\\\\\\u000a\","));
	free(out);
	topo_map_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_golden),
		cmocka_unit_test(test_size_human),
		cmocka_unit_test(test_hostile_names),
	};
	return cmocka_run_group_tests_name("topology", tests, NULL, NULL);
}
