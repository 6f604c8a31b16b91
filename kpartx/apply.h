/* Carrying out a kp_plan through libmultipath's device-mapper edge. */
#ifndef KP_APPLY_H
#define KP_APPLY_H

#include "plan.h"

/* Runs every op; prints "add map ..." / "del devmap : ..." with verbose and one
 * message per failure. Returns the number of ops that failed (CONFLICTs count). */
unsigned int kp_apply(const struct kp_plan *plan, int read_only, int verbose);

#endif
