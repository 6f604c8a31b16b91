/* Partition map names and DM UUIDs. */
#ifndef KP_NAMES_H
#define KP_NAMES_H

#include <stddef.h>

/* The delimiter used without -p: "p" when the parent name ends in a digit (loop0p1,
 * so that partition 1 of loop0 is not "loop01"), else "" (sda1, mpatha1). */
const char *kp_default_delim(const char *mapname);
/* The last path component of path ("/dev/sda" -> "sda"). */
const char *kp_basename(const char *path);
/* "<mapname><delim><n>" with every '/' turned into '!' (device-mapper names cannot hold
 * '/'): 0, or -ENAMETOOLONG if it does not fit size bytes. */
int kp_part_name(char *buf, size_t size, const char *mapname, const char *delim, unsigned int n);
/* "part<n>-<parent_uuid>": 0 or -ENAMETOOLONG. */
int kp_part_uuid(char *buf, size_t size, unsigned int n, const char *parent_uuid);
/* The made-up parent UUID of a disk that is not a dm device, as Debian's kpartx makes
 * it: "devnode_<major>:<minor>_Wh5pYvM". 0 or -ENAMETOOLONG. */
int kp_nondm_uuid(char *buf, size_t size, unsigned int major, unsigned int minor);
/* N if uuid is exactly "part<N>-<parent_uuid>" (N >= 1, no leading zero), else 0. */
unsigned int kp_part_of(const char *uuid, const char *parent_uuid);

#endif
