/* Pure: what the revalidator (multipath --revalidate) does to one map in one round, from the
 * map's live table and status, the checker results of its failed paths, the map's policies
 * and what it remembers of earlier rounds. No I/O, no clock: the caller passes "now".
 *
 *   - a failed path that checks good            -> reinstate_path (reconcile_map decides)
 *   - failback immediate / deferred N / followover, another group in use while group 1 has
 *     an active path                             -> switch_group 1 (now / after N s / only
 *     when group 1 came back through a path reinstated in this round); manual: never
 *   - no_path_retry N: no active path for N polling intervals -> fail_if_no_path; a path
 *     back while queueing is off                 -> queue_if_no_path (the table's setting) */
#ifndef MP_REVALPLAN_H
#define MP_REVALPLAN_H

#include "mptable.h"
#include "reconcile.h"
#include "structs.h"

#define RV_MIN_DELAY 0.25      /* seconds: the first re-check of a failed path */
#define RV_BACKOFF_DIV 8       /* a failed path is checked every 1/8 of its time down */
#define RV_WATCH_BATCH 32      /* held paths' sysfs states read per RV_MIN_DELAY, besides
				* one per port: at most 128 small reads a second */

struct rv_policy {
	int failback;          /* FB_MANUAL, FB_IMMEDIATE, FB_FOLLOWOVER or N > 0 seconds */
	int no_path_retry;     /* N > 0, NPR_FAIL, NPR_QUEUE (or 0: as the table says) */
	int polling_interval;  /* seconds; no_path_retry counts these */
};

/* Per map, kept by the caller across rounds; all zero for a map seen the first time. */
struct rv_memory {
	int lost;              /* no active path since lost_at */
	double lost_at;
	int back;              /* deferred failback: group 1 usable, another in use, since back_at */
	double back_at;
};

struct rv_plan {
	struct reconcile_msgs msgs;   /* the messages, in the order to send them */
	int watch;             /* the map still needs the revalidator: a failed path left, or a
				* failback / no_path_retry deadline pending */
	double due;            /* the next deadline (0: none); path re-checks are not counted */
};

/* table/status: the map's parsed live table and status; checked: the paths just checked
 * (others unchecked are left alone). 0 or -ENOMEM. Free out with reconcile_free(&out->msgs). */
int rv_plan_map(const struct mpt_table *table, const struct mpt_table *status,
		const struct pathvec *checked, const struct rv_policy *pol,
		struct rv_memory *mem, double now, struct rv_plan *out);

/* Seconds until a path that has been failed for down_for seconds is checked again: a
 * eighth of its time down (RV_BACKOFF_DIV), at least RV_MIN_DELAY, at most max_interval. So a
 * path that comes back is reinstated within about an eighth of its outage (and max_interval),
 * and a long outage costs a check every max_interval. */
double rv_check_delay(double down_for, double max_interval);

/* --- which failed paths to check when ---
 * Each failed path has its own back-off (rv_check_delay). Two things bring a check forward:
 *   - a remote port comes back for all its LUs at once (a switch reboot, a cable, a fabric):
 *     once one path through a port is back, every failed path through that port (SCSI
 *     host:channel:target) is checked at once, whatever its own back-off says;
 *   - while the kernel itself holds a device down (sysfs state offline, blocked,
 *     transport-offline...), a check could only fail: instead one such path per port has its
 *     sysfs state read every RV_MIN_DELAY (no device I/O), and seeing it running again counts
 *     as that port being back; so does RV_WATCH_BATCH more of them, in turn (rv_watch_turn).
 * So a fabric return costs one round of checks, and a long outage one small read per port
 * and RV_WATCH_BATCH more per RV_MIN_DELAY, plus each path's backed-off check. */
struct rv_slot {
	double since;          /* first seen failed */
	double next;           /* its next check */
	int port_known;        /* host/channel/target are set (the device was found) */
	int host, channel, target;
	int held;              /* its last check found the device not running in sysfs */
	int back;              /* the caller's: it checked good, or was seen running again */
};

/* Every slot not back that shares a port with a slot that is back gets next = now.
 * v: n pointers (the caller's order is kept). 0 or -ENOMEM. */
int rv_pull_ports(struct rv_slot *const *v, size_t n, double now);

/* The slots whose sysfs state to watch: of each port's held slots, the one failed last
 * (the likeliest to be the first back). Their indices into v go to idx (room for n), in
 * ascending order; returns how many. -ENOMEM. */
long rv_port_watch(struct rv_slot *const *v, size_t n, size_t *idx);

/* Up to batch held slots besides the port watch, in turn: from *cursor on (wrapping), which
 * moves past the last one taken. Every held path is so read at least every n/batch ticks:
 * a port whose paths come back one by one (each device rescanned in turn) is seen at the
 * first of them, not at the one the port watch reads. Indices into idx (room for batch). */
size_t rv_watch_turn(struct rv_slot *const *v, size_t n, size_t batch, size_t *cursor, size_t *idx);

/* The polling intervals in effect: polling_interval (default 5 s) and max_polling_interval
 * (default 4 x polling_interval, never below it), from the configured values (<= 0: unset). */
void rv_intervals(int polling_interval, int max_polling_interval, int *pi, int *max_pi);

#endif
