/* Edge: one path's identity. Reads its VPD pages 0x83 and 0x80 (SG_IO when fd >= 0,
 * else the kernel's cached copies in sysfs) and gives p->wwid the value of the udev
 * property attr (NULL: ID_SERIAL) under the ranking (uid.h), p->serial (group_by_serial's
 * key), and p->uid_* (which fact gave the WWID, for -v3). */
#ifndef MP_UID_PATH_H
#define MP_UID_PATH_H

#include "devmapper.h"
#include "structs.h"
#include "uid.h"

/* A WWID must come back from its map's dm uuid "mpath-<WWID>" (DMX_UUID_SIZE, the
 * kernel's DM_UUID_LEN 129 with the NUL): a buffer of this size holds 122 characters;
 * longer identifiers are hashed to that (vpd_fit_id). */
#define UID_WWID_FIT (DMX_UUID_SIZE - (sizeof("mpath-") - 1))

/* 0, or -errno with p->wwid "" and the reason in p->errmsg (kept if already set). */
int uid_identify(struct path *p, int fd, const char *attr, enum uid_ranking r, int timeout_ms);

/* One line for -v3: "sdX: WWID <w> = <attr> from <fact> (page 0x83 designator N),
 * ranking R". attr as given to uid_identify. */
void uid_describe(const struct path *p, const char *attr, char *buf, size_t size);

/* Could the configuration give p a uid_attribute (defaults, overrides, or a device entry
 * setting one whose vendor and product match)? Spares the full selection per path when
 * none can: the built-in table sets it only for NVMe and DASD arrays. */
struct config;
int uid_attribute_possible(const struct config *c, const struct path *p);

#endif
