/* multipath -u DEVICE: the udev claim (libmultipath/claim.h has the policy). */
#ifndef MP_CLAIM_MODE_H
#define MP_CLAIM_MODE_H

#include "cmdline.h"

/* Prints the udev properties (DM_MULTIPATH_DEVICE_PATH=0|1, ...); 0, or EXIT_FAIL when
 * stdout fails. A device that cannot be looked at is answered "0", never an error. */
int run_claim(const struct options *o);

#endif
