/* kpartx: create device maps from partition tables.
 *
 * Exit status: 0 success (also when no partition table is found, and for -d on an
 * image file that no loop device backs); 1 usage, stat, open, loop, read or
 * device-mapper access errors; 2 when some partition maps could not be created,
 * reloaded or removed (the others were processed). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "apply.h"
#include "blkdev.h"
#include "devmapper.h"
#include "dmstate.h"
#include "list.h"
#include "log.h"
#include "names.h"
#include "options.h"
#include "plan.h"
#include "ptable.h"

#define EXIT_USAGE_OR_IO 1
#define EXIT_MAPS        2

/* What the partition maps hang off. */
struct parent {
	char device[PATH_MAX];       /* the block device read (a loop device for files) */
	char file[PATH_MAX];         /* canonical image path when wholedisk is a file */
	int loop_ours;               /* the loop device auto-clears: kpartx attached it */
	struct kp_blkdev bd;         /* kept open until the end: see blkdev.h on AUTOCLEAR */
	char mapname[DMX_NAME_SIZE];
	char uuid[DMX_UUID_SIZE];
};

/* Say what failed, on what and why; the exit status to return (nothing exits here). */
static int fail_status(const char *what, const char *obj, int err)
{
	mp_err("%s: %s: %s", obj, what, strerror(err));
	return EXIT_USAGE_OR_IO;
}

static int dm_ready(void)
{
	unsigned int ver[3];
	int r = dmx_target_version("linear", ver);

	/* libdevmapper's own words, when it had no errno to give, are logged before this. */
	if (r)
		mp_err("device-mapper not available: %s", strerror(-r));
	return !r;
}

/* Resolve wholedisk to an open block device, attaching a loop device to an image file.
 * Returns 0, -1 when there is nothing to do (-d on an unattached file), or an exit code. */
static int open_device(const struct kp_opts *o, struct parent *p)
{
	struct stat st;
	int r, fd = -1;

	if (stat(o->disk, &st))
		return fail_status("stat failed", o->disk, errno);
	if (S_ISBLK(st.st_mode)) {
		snprintf(p->device, sizeof(p->device), "%s", o->disk);
	} else if (S_ISREG(st.st_mode)) {
		if (!realpath(o->disk, p->file))
			return fail_status("cannot resolve path", o->disk, errno);
		r = kp_loop_find(p->file, p->device, sizeof(p->device), &p->loop_ours);
		if (r == -ENOENT) {
			if (o->action == KP_DELETE)
				return -1;
			/* A listing never needs write access to the image. */
			r = kp_loop_attach(p->file, o->read_only || o->action == KP_LIST,
					   p->device, sizeof(p->device), &fd);
			if (r)
				return fail_status("cannot attach a loop device", p->file, -r);
			p->loop_ours = 1;
		} else if (r) {
			return fail_status("cannot look for its loop device", p->file, -r);
		}
	} else {
		mp_err("%s: not a block device or regular file", o->disk);
		return EXIT_USAGE_OR_IO;
	}
	r = fd >= 0 ? kp_blkdev_open_fd(fd, &p->bd) : kp_blkdev_open(p->device, &p->bd);
	if (r)
		return fail_status("cannot open", p->device, -r);
	return 0;
}

/* Name and UUID the partition maps derive from: the dm map's for a dm device,
 * else the device's basename and a made-up UUID from its dev_t. */
static int identify(struct parent *p)
{
	dev_t rdev = p->bd.rdev;
	struct dmx_map m;

	if (!p->file[0] && !dmx_info_by_devnum(major(rdev), minor(rdev), &m)) {
		snprintf(p->mapname, sizeof(p->mapname), "%s", m.name);
		snprintf(p->uuid, sizeof(p->uuid), "%s", m.uuid);
	} else {
		snprintf(p->mapname, sizeof(p->mapname), "%s", kp_basename(p->device));
	}
	if (!p->uuid[0] && kp_nondm_uuid(p->uuid, sizeof(p->uuid), major(rdev), minor(rdev)))
		return -ENAMETOOLONG;
	return 0;
}

static const char *delimiter(const struct kp_opts *o, const struct parent *p)
{
	return o->delim ? o->delim : kp_default_delim(p->mapname);
}

/* -a/-u/-d: plan against the maps that exist, then carry the plan out. */
static int change_maps(const struct kp_opts *o, const struct parent *p,
		       const struct kp_slices *sl)
{
	struct kp_parent kp = {
		.mapname = p->mapname, .delim = delimiter(o, p), .uuid = p->uuid,
		.major = major(p->bd.rdev), .minor = minor(p->bd.rdev),
	};
	struct dmx_maplist maps;
	struct kp_plan plan;
	unsigned int failed;
	int r;

	/* -n: no udev wait (libdevmapper still makes /dev/mapper nodes itself without udev). */
	dmx_set_udev_sync(o->sync);
	r = dmx_list(&maps);
	if (r)
		return fail_status("cannot list device-mapper maps", p->device, -r);
	if (o->action == KP_DELETE)
		r = kp_plan_delete(&kp, &maps, &plan);
	else
		r = kp_plan_add(&kp, sl, &maps, o->action == KP_UPDATE, &plan);
	dmx_maplist_free(&maps);
	if (r)
		return fail_status("cannot plan partition maps", p->device, -r);
	failed = kp_apply(&plan, o->read_only, o->verbose);
	kp_plan_free(&plan);
	/* One wait for every uevent of this run (see devmapper.h); with -n sync support is
	 * off, so this only lets libdevmapper finish its own node work. */
	if (dmx_sync())
		mp_err("waiting for udev failed");
	return failed ? EXIT_MAPS : 0;
}

/* The partition-table readers' warnings (disk.h) go to the log. */
static void table_warning(void *disk, const char *msg)
{
	const struct kp_disk *d = disk;

	mp_warn("%s: %s", d->name ? d->name : "disk", msg);
}

/* List, or read the table and change the maps. */
static int run(const struct kp_opts *o, struct parent *p)
{
	const struct kp_ptype *type;
	struct kp_slices *sl;
	struct kp_disk disk;
	int r, rc = 0;

	if (identify(p))
		return fail_status("cannot name its maps", p->device, ENAMETOOLONG);
	/* Removing partition maps of a multipath map that queues with no usable path
	 * makes the kernel sync it: that would block until a path returns. */
	if ((o->action == KP_DELETE || o->action == KP_UPDATE) && !p->file[0] &&
	    dm_map_queue_blocked(p->mapname)) {
		mp_err("%s: queues I/O and has no usable path: partition maps left as they are "
		       "(restore a path first)", p->mapname);
		return EXIT_MAPS;
	}
	if (o->action == KP_DELETE)
		return change_maps(o, p, NULL);
	sl = malloc(sizeof(*sl));
	if (!sl)
		return fail_status("cannot read partition table", p->device, ENOMEM);
	kp_blkdev_disk(&p->bd, p->device, &disk);
	disk.force_gpt = o->force_gpt;
	disk.warn = table_warning;
	disk.warn_ctx = &disk;
	r = kp_read_table(&disk, o->type, sl, &type);
	if (r)
		rc = fail_status("cannot read partition table", p->device, -r);
	else if (o->action == KP_LIST &&
		 (r = kp_print_list(stdout, p->mapname, delimiter(o, p), p->device, sl)))
		rc = fail_status("cannot list partitions", p->device, -r);
	else if (o->action != KP_LIST)
		rc = change_maps(o, p, sl);
	free(sl);
	return rc;
}

int main(int argc, char **argv)
{
	struct kp_opts o;
	struct parent p;
	char err[256], dev[PATH_MAX];
	int rc, ours;

	mp_log_init("kpartx", MP_LOG_WARN);
	if (kp_parse_opts(argc, argv, &o, err, sizeof(err))) {
		mp_err("%s", err);
		fputs(kp_usage(), stderr);
		return EXIT_USAGE_OR_IO;
	}
	memset(&p, 0, sizeof(p));
	p.bd.fd = -1;
	/* -a/-u check before a loop device is attached; -d later, since -d on an image
	 * file that no loop device backs has nothing to do. */
	if ((o.action == KP_ADD || o.action == KP_UPDATE) && !dm_ready())
		return EXIT_USAGE_OR_IO;
	rc = open_device(&o, &p);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (o.action == KP_DELETE && !dm_ready())
		rc = EXIT_USAGE_OR_IO;
	else
		rc = run(&o, &p);
	/* Closing lets an auto-clearing loop device go if no map holds it (see blkdev.h). */
	kp_blkdev_close(&p.bd);
	if (p.file[0] && p.loop_ours && o.verbose &&
	    kp_loop_find(p.file, dev, sizeof(dev), &ours) == -ENOENT)
		printf("loop deleted : %s\n", p.device);
	return rc;
}
