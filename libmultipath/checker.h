/* Path checkers and prioritizers (edge: SG_IO through sgio.c, sysfs through discover.c).
 * Checkers set p->state: UP, DOWN, or GHOST for a port that is healthy but passive
 * (ALUA standby/unavailable, NOT READY 04/0b or 04/0c) — such a path stays in the map. */
#ifndef MP_CHECKER_H
#define MP_CHECKER_H

#include "config.h"
#include "structs.h"

const char *checker_name(int checker);     /* enum checker */
const char *prio_name(int prio);           /* enum prio */

/* Run checker c on an open path; sets p->state and, on failure, p->errmsg. */
void check_path(struct path *p, int fd, int c, int timeout_ms);
/* Compute p->prio (and p->alua_state) with prioritizer m; fd may be -1 for sysfs/const. */
void prioritize_path(struct path *p, int fd, int m, int timeout_ms);

#endif
