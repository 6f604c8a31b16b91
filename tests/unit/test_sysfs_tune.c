/* sysfs_tune: remote port timeouts, eh_deadline and max_sectors_kb written into a sysfs
 * fixture tree (scsi_debug has no FC remote ports), and the write order of tmo_plan. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"
#include "logcapture.h"
#include "sysfs_tune.h"

/* A path's device, its host and transport objects, as the kernel lays them out. */
struct tree { char root[64]; };

static void mkdirs(const char *path)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	mkdir(buf, 0755);
}

static void put(const struct tree *t, const char *rel, const char *value)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(value, f);
	fclose(f);
}

static char *get(const struct tree *t, const char *rel, char *buf, size_t size)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	f = fopen(path, "r");
	assert_non_null(f);
	if (!fgets(buf, (int)size, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/* H:C:T:L under a transport object (port "" for none); its class link and the
 * transport's class directory with the given attributes. */
static void add_device(const struct tree *t, int h, const char *port, const char *cls,
		       const char *const *attrs)
{
	char dev[512], dir[1024], link[1100], target[600];
	char hctl[32];

	snprintf(hctl, sizeof(hctl), "%d:0:0:1", h);
	snprintf(dev, sizeof(dev), "devices/pci0000:00/0000:00:0%d.0/host%d/%s%starget%d:0:0/%s",
		 h, h, port, *port ? "/" : "", h, hctl);
	snprintf(dir, sizeof(dir), "%s/%s", t->root, dev);
	mkdirs(dir);
	snprintf(dir, sizeof(dir), "%s/class/scsi_device/%s", t->root, hctl);
	mkdirs(dir);
	snprintf(link, sizeof(link), "%s/device", dir);
	snprintf(target, sizeof(target), "../../../%s", dev);
	assert_int_equal(symlink(target, link), 0);
	snprintf(dir, sizeof(dir), "%s/class/scsi_host/host%d", t->root, h);
	mkdirs(dir);
	snprintf(dir, sizeof(dir), "class/scsi_host/host%d/eh_deadline", h);
	put(t, dir, "off\n");
	if (!cls)
		return;
	snprintf(dir, sizeof(dir), "%s/class/%s/%s", t->root, cls, port);
	mkdirs(dir);
	for (; *attrs; attrs += 2) {
		snprintf(dir, sizeof(dir), "class/%s/%s/%s", cls, port, attrs[0]);
		put(t, dir, attrs[1]);
	}
}

static int setup(void **state)
{
	static const char *const fc[] = { "dev_loss_tmo", "30\n", "fast_io_fail_tmo", "off\n", NULL };
	static const char *const sas[] = { "I_T_nexus_loss_timeout", "2000\n", NULL };
	static const char *const iscsi[] = { "recovery_tmo", "120\n", NULL };
	struct tree *t = calloc(1, sizeof(*t));

	snprintf(t->root, sizeof(t->root), "/tmp/test_sysfs_tune_XXXXXX");
	assert_non_null(mkdtemp(t->root));
	add_device(t, 1, "rport-1:0-2", "fc_remote_ports", fc);
	add_device(t, 2, "end_device-2:0:1", "sas_end_device", sas);
	add_device(t, 3, "session4", "iscsi_session", iscsi);
	add_device(t, 4, "", NULL, NULL);                 /* scsi_debug: no transport object */
	mkdirs(strcat(strcpy((char[PATH_MAX]){ 0 }, t->root), "/block/sdc/queue"));
	put(t, "block/sdc/queue/max_sectors_kb", "1280\n");
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", t->root);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static struct path path_on(int host)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	snprintf(p.dev, sizeof(p.dev), "sd%c", 'a' + host);
	p.host = host;
	p.lun = 1;
	return p;
}

static struct mp_settings tmo(int fast, int dev_loss, int eh)
{
	struct config c;
	struct mp_settings s;

	memset(&c, 0, sizeof(c));
	config_select(NULL, NULL, NULL, &s);
	s.fast_io_fail_tmo = fast;
	s.dev_loss_tmo = dev_loss;
	s.eh_deadline = eh;
	return s;
}

static void tune(const struct tree *t, int host, const struct mp_settings *s, int want,
		 const char *want_msg)
{
	struct path p = path_on(host);
	struct path_transport tr;
	char log[512], expect[512] = "";

	assert_int_equal(sysfs_path_transport(t->root, &p, &tr), 0);
	assert_int_equal(LOG_CAPTURED(log, sysfs_tune_path(t->root, &p, &tr, s)), want);
	/* what failed (or was adjusted), on which path and port, and why */
	if (*want_msg)
		snprintf(expect, sizeof(expect), "%s: %s\n", p.dev, want_msg);
	if (strcmp(log, expect))
		fail_msg("log <<%s>>, expected <<%s>>", log, expect);
}

static void test_transport(void **state)
{
	const struct tree *t = *state;
	static const struct { int host; enum transport tr; const char *port, *proto; } cases[] = {
		{ 1, TR_FC, "rport-1:0-2", "scsi:fcp" },
		{ 2, TR_SAS, "end_device-2:0:1", "scsi:sas" },
		{ 3, TR_ISCSI, "session4", "scsi:iscsi" },
		{ 4, TR_UNSPEC, "", "scsi:unspec" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct path p = path_on(cases[i].host);
		struct path_transport tr;

		assert_int_equal(sysfs_path_transport(t->root, &p, &tr), 0);
		assert_int_equal(tr.tr, cases[i].tr);
		assert_string_equal(tr.port, cases[i].port);
		assert_string_equal(transport_protocol(tr.tr), cases[i].proto);
	}
	{
		struct path p = path_on(9);
		struct path_transport tr;

		assert_int_equal(sysfs_path_transport(t->root, &p, &tr), -ENOENT);
	}
}

static void test_fc(void **state)
{
	const struct tree *t = *state;
	struct mp_settings s;
	char buf[32];

	/* fast_io_fail_tmo (the 0.9.4 default, 5) and dev_loss_tmo infinity */
	s = tmo(5, TMO_INFINITY, UNSET);
	tune(t, 1, &s, 0, "");
	assert_string_equal(get(t, "class/fc_remote_ports/rport-1:0-2/fast_io_fail_tmo", buf, sizeof(buf)), "5");
	assert_string_equal(get(t, "class/fc_remote_ports/rport-1:0-2/dev_loss_tmo", buf, sizeof(buf)), "4294967295");
	assert_string_equal(get(t, "class/scsi_host/host1/eh_deadline", buf, sizeof(buf)), "off");
	/* off, and a dev_loss_tmo the kernel caps while fast_io_fail_tmo is off */
	s = tmo(TMO_OFF, 900, 30);
	tune(t, 1, &s, 0, "rport-1:0-2: dev_loss_tmo limited to 600: fast_io_fail_tmo is off");
	{
		/* an adjustment is -v3 detail: not shown at the default level */
		struct path p = path_on(1);
		struct path_transport tr;
		struct log_capture lc;
		char *m;

		assert_int_equal(sysfs_path_transport(t->root, &p, &tr), 0);
		log_capture_start(&lc);
		mp_log_set_level(MP_LOG_WARN);
		assert_int_equal(sysfs_tune_path(t->root, &p, &tr, &s), 0);
		m = log_capture_stop(&lc);
		assert_string_equal(m, "");
		free(m);
	}
	assert_string_equal(get(t, "class/fc_remote_ports/rport-1:0-2/fast_io_fail_tmo", buf, sizeof(buf)), "off");
	assert_string_equal(get(t, "class/fc_remote_ports/rport-1:0-2/dev_loss_tmo", buf, sizeof(buf)), "600");
	assert_string_equal(get(t, "class/scsi_host/host1/eh_deadline", buf, sizeof(buf)), "30");
	/* eh_deadline off; unset timeouts are left alone */
	s = tmo(UNSET, UNSET, TMO_OFF);
	tune(t, 1, &s, 0, "");
	assert_string_equal(get(t, "class/scsi_host/host1/eh_deadline", buf, sizeof(buf)), "off");
	assert_string_equal(get(t, "class/fc_remote_ports/rport-1:0-2/dev_loss_tmo", buf, sizeof(buf)), "600");
	/* a write that fails is reported, the others are still done (an attribute the
	 * kernel would refuse: here a directory, which fails even for root) */
	{
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/class/fc_remote_ports/rport-1:0-2/dev_loss_tmo", t->root);
		assert_int_equal(unlink(path), 0);
		assert_int_equal(mkdir(path, 0755), 0);
		s = tmo(10, 60, UNSET);
		tune(t, 1, &s, -EISDIR, "rport-1:0-2: dev_loss_tmo 60: Is a directory");
		assert_string_equal(get(t, "class/fc_remote_ports/rport-1:0-2/fast_io_fail_tmo", buf, sizeof(buf)), "10");
	}
}

static void test_sas_iscsi_none(void **state)
{
	const struct tree *t = *state;
	struct mp_settings s;
	char buf[32];

	s = tmo(5, 300, UNSET);
	tune(t, 2, &s, 0, "");
	assert_string_equal(get(t, "class/sas_end_device/end_device-2:0:1/I_T_nexus_loss_timeout", buf, sizeof(buf)), "300");
	tune(t, 3, &s, 0, "");
	assert_string_equal(get(t, "class/iscsi_session/session4/recovery_tmo", buf, sizeof(buf)), "5");
	s = tmo(TMO_OFF, UNSET, UNSET);
	tune(t, 3, &s, 0, "session4: fast_io_fail_tmo off cannot be set on iSCSI");
	assert_string_equal(get(t, "class/iscsi_session/session4/recovery_tmo", buf, sizeof(buf)), "5");
	/* no transport object: only eh_deadline applies */
	s = tmo(5, 60, 15);
	tune(t, 4, &s, 0, "");
	assert_string_equal(get(t, "class/scsi_host/host4/eh_deadline", buf, sizeof(buf)), "15");
}

static void test_plan_order(void **state)
{
	struct tmo_write w[2];
	char note[128];

	(void)state;
	/* raising dev_loss_tmo: first, so fast_io_fail_tmo stays below it */
	assert_int_equal(tmo_plan(40, 60, 30, w, note, sizeof(note)), 2);
	assert_string_equal(w[0].attr, "dev_loss_tmo");
	assert_string_equal(w[0].value, "60");
	assert_string_equal(w[1].attr, "fast_io_fail_tmo");
	assert_string_equal(w[1].value, "40");
	assert_string_equal(note, "");
	/* lowering it: after fast_io_fail_tmo */
	assert_int_equal(tmo_plan(5, 10, 30, w, note, sizeof(note)), 2);
	assert_string_equal(w[0].attr, "fast_io_fail_tmo");
	assert_string_equal(w[1].attr, "dev_loss_tmo");
	/* fast_io_fail_tmo must be below dev_loss_tmo */
	assert_int_equal(tmo_plan(30, 20, 30, w, note, sizeof(note)), 2);
	assert_string_equal(w[0].value, "19");
	assert_string_equal(w[1].value, "20");
	assert_non_null(strstr(note, "fast_io_fail_tmo lowered"));
	/* infinity, unknown current value */
	assert_int_equal(tmo_plan(5, TMO_INFINITY, -1, w, note, sizeof(note)), 2);
	assert_string_equal(w[0].attr, "dev_loss_tmo");
	assert_string_equal(w[0].value, "4294967295");
	/* one or none */
	assert_int_equal(tmo_plan(UNSET, 45, 30, w, note, sizeof(note)), 1);
	assert_string_equal(w[0].attr, "dev_loss_tmo");
	assert_int_equal(tmo_plan(TMO_OFF, UNSET, 30, w, note, sizeof(note)), 1);
	assert_string_equal(w[0].value, "off");
	assert_int_equal(tmo_plan(UNSET, UNSET, 30, w, note, sizeof(note)), 0);
}

static void test_max_sectors(void **state)
{
	const struct tree *t = *state;
	char buf[32];

	assert_int_equal(sysfs_set_max_sectors_kb(t->root, "sdc", 256), 0);
	assert_string_equal(get(t, "block/sdc/queue/max_sectors_kb", buf, sizeof(buf)), "256");
	assert_int_equal(sysfs_set_max_sectors_kb(t->root, "sdz", 256), -ENOENT);
	assert_int_equal(sysfs_set_max_sectors_kb(t->root, "../sdc", 256), -EINVAL);
	assert_int_equal(sysfs_set_max_sectors_kb(t->root, "", 256), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transport),
		cmocka_unit_test(test_fc),
		cmocka_unit_test(test_sas_iscsi_none),
		cmocka_unit_test(test_plan_order),
		cmocka_unit_test(test_max_sectors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
