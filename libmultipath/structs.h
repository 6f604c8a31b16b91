/* Core data model shared by every module: paths, priority groups, multipaths.
 * Error convention across libmultipath: functions return 0 or -errno. */
#ifndef MP_STRUCTS_H
#define MP_STRUCTS_H

#include <stddef.h>
#include <sys/types.h>

#define WWID_SIZE     129   /* 128 chars + NUL, as udev/multipath-tools bound it */
#define SERIAL_SIZE   65
#define DEVNAME_SIZE  32
#define VENDOR_SIZE   9     /* 8 + NUL */
#define MODEL_SIZE    17    /* 16 + NUL */
#define REV_SIZE      5     /* 4 + NUL */
#define SYSFS_STATE_SIZE 16
#define ERRMSG_SIZE   160
#define NODE_NAME_SIZE 224   /* iSCSI names run to 223 bytes */

enum path_state {
	PATH_UNCHECKED = 0, /* no TUR sent (yet) */
	PATH_UP,            /* TUR good */
	PATH_DOWN,          /* TUR failed, or sysfs state not "running" */
	PATH_GHOST,         /* healthy but passive: ALUA standby/unavailable, NOT READY 04/0b-0c
			     * by design. Kept in the map, in a low-priority group. */
};

/* Field order is for the cache: what coalescing, grouping and table building read for
 * every path (dev_t, state, usability, priority, the WWID's first bytes) shares the first
 * 64-byte line; the serial follows the WWID; what only messages and listings use comes last.
 * At a million paths this halves the cache lines a run touches per path. */
struct path {
	unsigned int major, minor;
	enum path_state state;
	int busy;                        /* held open by something that is not a multipath map */
	int in_mpath;                    /* holders/ shows a multipath map: it is one of our paths */
	int prio;                        /* from the map's prioritizer; 0 when none ran */
	int alua_state;                  /* enum alua_state, -1 unknown */
	int alua_preferred;
	unsigned long long size;         /* 512-byte sectors */
	char wwid[WWID_SIZE];            /* "" = unknown: never coalesced */
	char serial[SERIAL_SIZE];        /* EVPD 0x80, spaces stripped */
	char dev[DEVNAME_SIZE];          /* kernel name, e.g. "sdc" */
	int host, channel, target;
	unsigned long long lun;
	char vendor[VENDOR_SIZE];        /* as sysfs/INQUIRY give it, space padded trimmed at end */
	char model[MODEL_SIZE];
	char rev[REV_SIZE];
	char sysfs_state[SYSFS_STATE_SIZE]; /* "running", "offline", ... */
	char errmsg[ERRMSG_SIZE];        /* why the WWID or state could not be had (path_why) */
	char node_name[NODE_NAME_SIZE];  /* target node: FC WWNN, iSCSI target name, SAS address */
	/* What probing ran on this path and why (chksel.h); all 0 until a checker ran. */
	unsigned char checker, prio_method;   /* enum checker / enum prio actually used */
	unsigned char checker_from, prio_from; /* enum sel_origin */
	unsigned char timeout_from;           /* enum tmo_origin */
	signed char tpgs;                     /* standard INQUIRY TPGS field; -1 unknown */
	unsigned short checker_timeout;       /* seconds, for the checker's and prio's commands */
	short uid_desig;                 /* page 0x83 designator that gave the WWID, -1 none */
	unsigned char uid_src;           /* enum uid_source (uid.h): which fact */
	unsigned char uid_flags;         /* UID_F_* */
	/* where the configured checker / prio / checker_timeout came from (the config's
	 * origin text, "FILE:LINE, devices V/P", "default"...); NULL when not configured */
	const char *checker_src, *prio_src, *timeout_src;
};
#define UID_F_SG3      1   /* sg3-utils-udev's ranking (else scsi_id's) */
#define UID_F_FALLBACK 2   /* its rule set nothing: scsi_id's value */
#define UID_F_HASHED   4   /* too long: head + hash (vpd_fit_id) */
#define UID_F_ATTR     8   /* a uid_attribute other than ID_SERIAL */

/* A path vector; multipaths and groups refer to paths by index into it. */
struct pathvec {
	struct path *p;
	size_t n, alloc;
};

struct pathgroup {
	size_t *idx;      /* indices into the pathvec */
	size_t n;
};

enum pgpolicy {
	PGP_FAILOVER = 0,
	PGP_MULTIBUS,
	PGP_GROUP_BY_SERIAL,
	PGP_GROUP_BY_PRIO,
	PGP_GROUP_BY_NODE_NAME,
	PGP_INVALID = -1,
};

struct multipath {
	char wwid[WWID_SIZE];
	unsigned long long size;    /* from the first path, 512-byte sectors */
	size_t *idx;                /* member paths in scan order (indices into pathvec) */
	size_t n;
	struct pathgroup *pg;
	size_t npg;
	int include_down;           /* a live map: present-but-failing paths stay in the table
				     * (failed by message); only new maps leave them out */
};

struct mpvec {
	struct multipath *m;
	size_t n;
};

/* Why a path is down, passive or has no WWID: per-path data, shown next to the path
 * (-v3) and as "... (left out)" once probing is done, in path order, so that the worker
 * threads' findings never interleave. The one place p->errmsg is written: "dev: " and the
 * text, kept (first cause wins) unless replace; the -v4 trace gets it as it is set. */
void path_why(struct path *p, int replace, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int pathvec_add(struct pathvec *pv, const struct path *p);   /* copies; 0 or -ENOMEM */
void pathvec_free(struct pathvec *pv);
void mpvec_free(struct mpvec *mv);
void multipath_free_groups(struct multipath *mp);

#endif
