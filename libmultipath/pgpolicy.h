/* Pure: path grouping policies (which paths share a priority group). */
#ifndef MP_PGPOLICY_H
#define MP_PGPOLICY_H

#include "structs.h"

/* "failover" -> PGP_FAILOVER ...; PGP_INVALID for anything else. */
enum pgpolicy pgpolicy_from_name(const char *name);
const char *pgpolicy_name(enum pgpolicy p);

/* A path goes into a table only if it has a WWID, is not known down, and is not
 * held by something else (mounted, another dm device). */
int path_usable(const struct path *p);

/* Build mp->pg from mp's usable members (with mp->include_down, failing ones too) (any old groups are freed first):
 *  failover        one group per path, scan order;
 *  multibus        one group with every path;
 *  group_by_serial one group per EVPD 0x80 serial (i.e. per controller);
 *  group_by_node_name one group per target node name (FC WWNN, iSCSI target);
 *  group_by_prio   one group per path priority.
 * Paths keep scan order inside a group. Groups are then ranked: mean priority
 * first, groups of only passive (ghost) paths last, then first-seen order.
 * A multipath with no usable path ends with npg == 0. 0, -EINVAL or -ENOMEM. */
int group_paths(struct multipath *mp, const struct pathvec *pv, enum pgpolicy policy);

#endif
