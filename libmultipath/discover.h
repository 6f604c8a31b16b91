/* sysfs edge (libsysfs): enumerate SCSI disks. libsysfs honours SYSFS_PATH, so the
 * walk can be unit-tested on a captured tree. Reads attributes only; no device I/O. */
#ifndef MP_DISCOVER_H
#define MP_DISCOVER_H

#include "structs.h"

/* Kernel-name prefixes never considered (the original's list plus today's virtual disks). */
extern const char *const discover_skip_prefixes[];

/* Fill pv with every block device that is a SCSI disk: name, dev_t, size,
 * H:C:T:L, vendor/model/rev, sysfs state, and whether it is already held by
 * something (holders/). Scan order: natural name order (sda..sdz, sdaa..).
 * max_paths bounds the scan (0 = none). 0, -ENOENT (no sysfs) or -ENOMEM. */
int discover_paths(struct pathvec *pv, size_t max_paths);

/* One block device by kernel name, as discover_paths reads it: 0, -ENODEV if it is not a
 * SCSI disk (a partition, a skipped name, no SCSI device behind it), -ENOENT (no sysfs). Reads
 * state, H:C:T:L, vendor... with no device I/O (the revalidator and the claim use it). */
int discover_path(const char *name, struct path *p);

/* The SCSI disks that may be other paths of p's LU, appended to pv: those whose kernel LU name
 * (device/wwid) is p's, or when p has none, whose size is p's. Found with one small read per
 * disk; the caller compares WWIDs. 0, -ENOENT or -ENOMEM. */
int discover_candidates(struct pathvec *pv, const struct path *p);

/* p->node_name for group_by_node_name (FC WWNN, iSCSI target name, SAS address; "" when
 * none): read only for paths whose map groups by it. Needs p->dev and H:C:T. */
void read_node_name(struct path *p);

/* Turn a user/hotplug device argument into a kernel name: "/devices/.../H:C:T:L",
 * "/devices/.../block/sdX", "/block/sdX", "/dev/sdX" (or any node/symlink to one),
 * "sdX", "maj:min". 0, -ENODEV if it names no block device, -EINVAL if malformed. */
int resolve_device_arg(const char *arg, char *name, size_t size);

/* Is block device name held by a multipath map (holders/ with a dm uuid "mpath-")? */
int device_in_mpath(const char *name);

/* The dm uuid ("mpath-<WWID>") of the multipath map holding block device name.
 * 0, -ENOENT when none does (or the uuid does not fit size). */
int read_mpath_holder(const char *name, char *uuid, size_t size);

/* The kernel's cached copy of a VPD page (device/vpd_pgXX), read without device I/O:
 * how an unreachable path is still identified. 0, -ENOENT. */
int read_sysfs_vpd(const char *name, int page, unsigned char *buf, size_t size, size_t *got);

/* Other cached device facts, same rules: device/<rel> of block device name, binary
 * (e.g. "inquiry": the standard INQUIRY the kernel keeps). 0, -ENOENT. */
int read_sysfs_dev_bin(const char *name, const char *rel, unsigned char *buf, size_t size,
		       size_t *got);
/* "<sysfs>/<rel>" as text (trailing blanks removed) / as a resolved link. 0, -ENOENT. */
int read_sysfs_attr(const char *rel, char *buf, size_t size);
int read_sysfs_link(const char *rel, char *link, size_t size);

/* The kernel ALUA handler's view of a path: device/access_state and preferred_path.
 * 0, or -ENOENT when no handler exposes them. state is an enum alua_state; preferred may
 * be NULL (not read: the checker asks this of every path and needs only the state). */
struct path;
int read_sysfs_alua(const char *name, int *state, int *preferred);

/* For a pure test: parse "H:C:T:L" into the path. 0 or -EINVAL. */
int parse_hctl(const char *s, struct path *p);

#endif
