/* Settings written into sysfs before a map is loaded (edge: sysfs writes):
 * fast_io_fail_tmo and dev_loss_tmo on the path's remote port (FC rport, SAS end device,
 * iSCSI session), eh_deadline on its SCSI host, max_sectors_kb on the paths and then
 * the map. The order of the timeout writes is decided by tmo_plan() (pure). */
#ifndef MP_SYSFS_TUNE_H
#define MP_SYSFS_TUNE_H

#include <stddef.h>
#include "config.h"
#include "structs.h"

enum transport { TR_UNSPEC = 0, TR_FC, TR_SAS, TR_ISCSI };

/* The transport of a SCSI path and the sysfs object its timeouts live on, found from
 * <root>/class/scsi_device/H:C:T:L/device (rport-*, end_device-*, session*). */
struct path_transport {
	enum transport tr;
	char port[64];            /* "rport-3:0-1", "end_device-2:0:1", "session4"; "" */
};
/* 0 (tr TR_UNSPEC when none of those is above the device), -ENOENT (no such SCSI device). */
int sysfs_path_transport(const char *root, const struct path *p, struct path_transport *t);
/* The protocol name the overrides' protocol subsections match: "scsi:fcp", ... */
const char *transport_protocol(enum transport tr);

/* One sysfs write of a plan: attribute name and value. */
struct tmo_write { const char *attr; char value[16]; };
/* The writes for an FC remote port, in an order the kernel accepts whatever the current
 * dev_loss_tmo (cur_dev_loss, seconds; < 0 unknown): fast_io_fail_tmo must stay below
 * dev_loss_tmo at every step. Adjusts as multipath-tools does (dev_loss_tmo at most 600
 * when fast_io_fail_tmo is off; fast_io_fail_tmo below dev_loss_tmo) and says so in note.
 * Returns the number of writes (0-2). */
int tmo_plan(int fast_io_fail, int dev_loss, long long cur_dev_loss, struct tmo_write out[2],
	     char *note, size_t notesz);

/* Write the timeouts s selects (UNSET: left alone) for path p of transport t (from
 * sysfs_path_transport). What could not be written is logged as an error, adjustments
 * as -v3 detail, one line each ("sdc: rport-1:0-2: dev_loss_tmo 60: Is a directory").
 * 0 or the first -errno. */
int sysfs_tune_path(const char *root, const struct path *p, const struct path_transport *t,
		    const struct mp_settings *s);
/* max_sectors_kb of a block device (kernel name: "sdc", "dm-3"). 0 or -errno. */
int sysfs_set_max_sectors_kb(const char *root, const char *dev, int kb);

#endif
