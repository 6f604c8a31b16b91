/* skip_kpartx: the hotplug handler makes partition maps (kpartx) on a new multipath map
 * unless the map's settings say skip_kpartx yes. The handler runs in a udev worker or as
 * the kernel's helper and must not parse the configuration, so the run that loads the map
 * leaves a mark for it: <dir>/skip_kpartx/<map name> exists iff the map skips kpartx. */
#ifndef MP_KPARTX_MARK_H
#define MP_KPARTX_MARK_H

#define KPARTX_MARK_SUBDIR "skip_kpartx"

/* Create (skip) or remove (!skip) the mark of map name under dir, before its table is
 * loaded. 0 or -errno (a missing mark to remove is not an error). */
int kpartx_mark(const char *dir, const char *name, int skip);

#endif
