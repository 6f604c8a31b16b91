/* libdevmapper edge: the only file that talks to device-mapper.
 * libdevmapper's 1/0 results are converted here to 0 / -errno.
 *
 * udev synchronisation: every create/reload/remove joins one run-wide cookie;
 * dmx_sync() waits for udev once for all of them (a no-op without udev, e.g. in a
 * bare initramfs, or with DM_DISABLE_UDEV=1). Callers must call dmx_sync() before exit. */
#ifndef MP_DEVMAPPER_H
#define MP_DEVMAPPER_H

#include <stddef.h>

#define DMX_NAME_SIZE 128
#define DMX_UUID_SIZE 129

struct dmx_map {
	char name[DMX_NAME_SIZE];
	char uuid[DMX_UUID_SIZE];
	unsigned int major, minor;
	int open_count;
	int suspended;
	int read_only;
	unsigned int target_count;
};

struct dmx_maplist {
	struct dmx_map *m;
	size_t n;
};

/* A single-target table or status line as read back from the kernel. */
struct dmx_target {
	unsigned long long start, length;
	char type[32];
	char *params;     /* malloc'ed */
};

/* 0: do not wait for udev at all (kpartx -n); the default is to wait in dmx_sync(). */
void dmx_set_udev_sync(int enable);
/* -ENOENT if that target is not loaded, -ENODEV if device-mapper cannot be reached. */
int  dmx_target_version(const char *target, unsigned int ver[3]);
int  dmx_list(struct dmx_maplist *out);            /* every dm device with name, uuid, dev_t */
void dmx_maplist_free(struct dmx_maplist *l);
int  dmx_info(const char *name, struct dmx_map *out);   /* -ENXIO if absent */
int  dmx_info_by_devnum(unsigned int major, unsigned int minor, struct dmx_map *out);
/* Table (status=0) or status (status=1) of a map. Fills up to max targets; returns the count
 * (>=0) or -errno. Free params with dmx_target_free. */
int  dmx_get_targets(const char *name, int status, struct dmx_target *t, size_t max);
void dmx_target_free(struct dmx_target *t, size_t n);
/* Create a one-target map (name, uuid) and resume it; on failure nothing is left behind. */
int  dmx_create(const char *name, const char *uuid, unsigned long long size,
		const char *target, const char *params, int read_only);
/* Load a new one-target table into an existing map and resume it. */
int  dmx_reload(const char *name, unsigned long long size,
		const char *target, const char *params, int read_only);
int  dmx_remove(const char *name);
int  dmx_rename(const char *name, const char *newname);
int  dmx_message(const char *name, const char *msg);
int  dmx_sync(void);    /* wait for udev on everything done so far */
/* Before forking workers that change maps (workers.h): make the run's udev cookie now, so
 * every worker's tasks join the one cookie the parent's dmx_sync() waits for. */
int  dmx_share_cookie(void);
/* In such a worker, before it exits: finish libdevmapper's work of this process. */
void dmx_worker_exit(void);

#endif
