/* Path checkers and prioritizers. chktable.c is the registry (one entry per name: adding
 * one is a table row plus its function); checker.c and prioritizer.c are the edge (SG_IO
 * through sgio.c, sysfs through discover.c); the page decoders are pure (chkprio.h).
 * Checkers set p->state: UP, DOWN, or GHOST for a port that is healthy but passive
 * (ALUA standby/unavailable, NOT READY 04/0b or 04/0c, the non-owning controller of an
 * active/passive array) — such a path stays in the map, in a low-priority group. */
#ifndef MP_CHECKER_H
#define MP_CHECKER_H

#include <stddef.h>
#include "config.h"
#include "structs.h"

/* What a checker or prioritizer gets besides the path. */
struct chk_io {
	int fd;              /* the path's node, O_RDONLY|O_NONBLOCK; -1 when not open */
	int timeout_ms;      /* per SCSI command (checker_timeout) */
	const char *args;    /* prio_args, or NULL */
	const char *name;    /* the registry name of what runs (messages) */
};

/* A checker sets p->state, and p->errmsg (when empty) to why a path is down or passive. */
typedef void (*check_fn)(struct path *p, const struct chk_io *io);
/* A prioritizer returns 0 with *prio set, or -errno after giving the path its reason
 * (path_why, "prio NAME: ..."; an earlier reason, e.g. the checker's, is kept). */
typedef int (*prio_fn)(struct path *p, const struct chk_io *io, int *prio);

struct checker_def {
	const char *name;    /* the multipath.conf word */
	int id;              /* enum checker */
	check_fn check;
	const char *what;    /* one line for -v3 and the man page */
};

struct prio_def {
	const char *name;    /* the multipath.conf word */
	int id;              /* enum prio */
	int io;              /* sends commands: not run on a path that is down */
	prio_fn prio;
	const char *what;
};

extern const struct checker_def checker_table[];
extern const struct prio_def prio_table[];

const struct checker_def *checker_def(int id);          /* NULL if unknown */
const struct prio_def *prio_def(int id);
const struct checker_def *checker_by_name(const char *name);
const struct prio_def *prio_by_name(const char *name);
const char *checker_name(int checker);     /* enum checker; "tur" if unknown */
const char *prio_name(int prio);           /* enum prio; "const" if unknown */

/* Run checker c on an open path (fd may be -1 for the ones needing none); sets p->state
 * and, on failure, p->errmsg. An unknown c runs tur. */
void check_path(struct path *p, int fd, int c, int timeout_ms);
/* Compute p->prio (and p->alua_state) with prioritizer m and its prio_args (may be NULL);
 * a prioritizer that fails leaves prio 0 and says why in p->errmsg (when empty). */
void prioritize_path(struct path *p, int fd, int m, const char *args, int timeout_ms);

/* The checker functions (checker.c) and prioritizer functions (prioritizer.c). */
void chk_tur(struct path *p, const struct chk_io *io);
void chk_directio(struct path *p, const struct chk_io *io);
void chk_readsector0(struct path *p, const struct chk_io *io);
void chk_rdac(struct path *p, const struct chk_io *io);
void chk_emc_clariion(struct path *p, const struct chk_io *io);
void chk_hp_sw(struct path *p, const struct chk_io *io);
void chk_none(struct path *p, const struct chk_io *io);
int prio_const(struct path *p, const struct chk_io *io, int *prio);
int prio_alua(struct path *p, const struct chk_io *io, int *prio);
int prio_sysfs(struct path *p, const struct chk_io *io, int *prio);
int prio_rdac(struct path *p, const struct chk_io *io, int *prio);
int prio_emc(struct path *p, const struct chk_io *io, int *prio);
int prio_hp_sw(struct path *p, const struct chk_io *io, int *prio);
int prio_hds(struct path *p, const struct chk_io *io, int *prio);
int prio_ontap(struct path *p, const struct chk_io *io, int *prio);
int prio_datacore(struct path *p, const struct chk_io *io, int *prio);
int prio_iet(struct path *p, const struct chk_io *io, int *prio);
int prio_random(struct path *p, const struct chk_io *io, int *prio);
int prio_weightedpath(struct path *p, const struct chk_io *io, int *prio);
int prio_path_latency(struct path *p, const struct chk_io *io, int *prio);

#endif
