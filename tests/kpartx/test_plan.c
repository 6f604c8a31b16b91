/* Planning -a/-u/-d against existing maps: UUIDs decide what is ours. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "plan.h"

#define PARENT_UUID "mpath-3600a0b800011"

static const struct kp_parent parent = {
	.mapname = "3600a0b800011", .delim = "-part", .uuid = PARENT_UUID,
	.major = 253, .minor = 0,
};

static struct dmx_map maps_arr[16];
static struct dmx_maplist maps = { maps_arr, 0 };

static void add_map(const char *name, const char *uuid)
{
	struct dmx_map *m = &maps_arr[maps.n++];

	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	snprintf(m->uuid, sizeof(m->uuid), "%s", uuid);
}

static int setup(void **state)
{
	(void)state;
	maps.n = 0;
	add_map("3600a0b800011", PARENT_UUID);
	add_map("other", "mpath-3600a0b800099");
	add_map("3600a0b800099-part1", "part1-mpath-3600a0b800099");
	return 0;
}

static void three_slices(struct kp_slices *sl)
{
	kp_slices_init(sl);
	kp_slice_add(sl, 2048, 4096, 0);             /* 1 */
	kp_slice_add(sl, 6144, 2, 0);                /* 2: extended */
	kp_slice_add(sl, 0, 0, 0);                   /* 3 */
	kp_slice_add(sl, 0, 0, 0);                   /* 4 */
	kp_slice_add(sl, 8192, 1024, 2);             /* 5: logical */
}

static void assert_op(const struct kp_op *op, enum kp_op_kind kind, unsigned int part,
		      const char *name)
{
	assert_int_equal(op->kind, kind);
	assert_int_equal(op->part, part);
	assert_string_equal(op->name, name);
}

static void add_fresh(void **state)
{
	struct kp_slices sl;
	struct kp_plan plan;

	(void)state;
	three_slices(&sl);
	assert_int_equal(kp_plan_add(&parent, &sl, &maps, 0, &plan), 0);
	assert_int_equal(plan.n, 3);
	assert_op(&plan.ops[0], KP_OP_CREATE, 1, "3600a0b800011-part1");
	assert_string_equal(plan.ops[0].uuid, "part1-" PARENT_UUID);
	assert_string_equal(plan.ops[0].params, "253:0 2048");
	assert_int_equal(plan.ops[0].size, 4096);
	assert_op(&plan.ops[1], KP_OP_CREATE, 2, "3600a0b800011-part2");
	assert_op(&plan.ops[2], KP_OP_CREATE, 5, "3600a0b800011-part5");   /* contained last */
	assert_string_equal(plan.ops[2].params, "253:0 8192");   /* on the parent itself */
	kp_plan_free(&plan);
}

/* Our map for partition 1 was renamed: it is reloaded under its new name. A map of
 * someone else holds the name we would give partition 2: refused, not touched. */
static void add_with_renamed_and_squatter(void **state)
{
	struct kp_slices sl;
	struct kp_plan plan;

	(void)state;
	add_map("data", "part1-" PARENT_UUID);
	add_map("3600a0b800011-part2", "LVM-xyz");
	three_slices(&sl);
	assert_int_equal(kp_plan_add(&parent, &sl, &maps, 0, &plan), 0);
	assert_int_equal(plan.n, 3);
	assert_op(&plan.ops[0], KP_OP_RELOAD, 1, "data");
	assert_string_equal(plan.ops[0].params, "253:0 2048");
	assert_op(&plan.ops[1], KP_OP_CONFLICT, 2, "3600a0b800011-part2");
	assert_string_equal(plan.ops[1].uuid, "LVM-xyz");
	assert_op(&plan.ops[2], KP_OP_CREATE, 5, "3600a0b800011-part5");
	kp_plan_free(&plan);
}

/* -u: partitions 3 and 7 are gone, 300 never existed in a 256-slot table. */
static void update_removes_vanished(void **state)
{
	struct kp_slices sl;
	struct kp_plan plan;

	(void)state;
	add_map("3600a0b800011-part3", "part3-" PARENT_UUID);
	add_map("3600a0b800011-part7", "part7-" PARENT_UUID);
	add_map("3600a0b800011-part5", "part5-" PARENT_UUID);
	add_map("x300", "part300-" PARENT_UUID);
	three_slices(&sl);
	assert_int_equal(kp_plan_add(&parent, &sl, &maps, 0, &plan), 0);
	assert_int_equal(plan.n, 3);                 /* -a never removes */
	kp_plan_free(&plan);
	assert_int_equal(kp_plan_add(&parent, &sl, &maps, 1, &plan), 0);
	assert_int_equal(plan.n, 6);
	assert_op(&plan.ops[2], KP_OP_RELOAD, 5, "3600a0b800011-part5");
	assert_op(&plan.ops[3], KP_OP_REMOVE, 300, "x300");
	assert_op(&plan.ops[4], KP_OP_REMOVE, 7, "3600a0b800011-part7");
	assert_op(&plan.ops[5], KP_OP_REMOVE, 3, "3600a0b800011-part3");
	kp_plan_free(&plan);
}

/* -u on a disk without partitions removes all of ours and nothing else. */
static void update_empty_table(void **state)
{
	struct kp_slices sl;
	struct kp_plan plan;

	(void)state;
	add_map("3600a0b800011-part1", "part1-" PARENT_UUID);
	kp_slices_init(&sl);
	assert_int_equal(kp_plan_add(&parent, &sl, &maps, 1, &plan), 0);
	assert_int_equal(plan.n, 1);
	assert_op(&plan.ops[0], KP_OP_REMOVE, 1, "3600a0b800011-part1");
	kp_plan_free(&plan);
}

static void delete_only_ours(void **state)
{
	struct kp_plan plan;

	(void)state;
	add_map("renamed", "part2-" PARENT_UUID);
	add_map("3600a0b800011-part1", "part1-" PARENT_UUID);
	add_map("3600a0b800011-part3", "");                 /* same name pattern, not ours */
	add_map("nested", "part1-part2-" PARENT_UUID);       /* a partition of a partition */
	assert_int_equal(kp_plan_delete(&parent, &maps, &plan), 0);
	assert_int_equal(plan.n, 2);
	assert_op(&plan.ops[0], KP_OP_REMOVE, 2, "renamed");
	assert_op(&plan.ops[1], KP_OP_REMOVE, 1, "3600a0b800011-part1");
	kp_plan_free(&plan);
}

static void name_too_long(void **state)
{
	struct kp_parent p = parent;
	char longname[200];
	struct kp_slices sl;
	struct kp_plan plan;

	(void)state;
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	p.mapname = longname;
	three_slices(&sl);
	assert_int_equal(kp_plan_add(&p, &sl, &maps, 0, &plan), -ENAMETOOLONG);
	assert_null(plan.ops);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(add_fresh, setup),
		cmocka_unit_test_setup(add_with_renamed_and_squatter, setup),
		cmocka_unit_test_setup(update_removes_vanished, setup),
		cmocka_unit_test_setup(update_empty_table, setup),
		cmocka_unit_test_setup(delete_only_ours, setup),
		cmocka_unit_test_setup(name_too_long, setup),
	};
	return cmocka_run_group_tests_name("kpartx plan", tests, NULL, NULL);
}
