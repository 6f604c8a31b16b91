/* Pure: which checker and prioritizer a path gets, with which command timeout, and why.
 * As multipath-tools 0.9.4 decides it:
 *  - detect_checker (default yes): an RDAC array (VPD 0xC9 "vac1") gets rdac, else an
 *    ALUA-capable one (TPGS in the standard INQUIRY) gets tur; otherwise the configured one.
 *  - detect_prio (default yes): an ALUA-capable path gets sysfs when the kernel's ALUA
 *    handler shows device/access_state (unless it is an RDAC array with implicit ALUA),
 *    else alua; otherwise the configured one, with its prio_args.
 *  - checker_timeout: the configured seconds, else the device's sysfs timeout, else 30.
 *  - prio ana (NVMe only) on a SCSI path: const, and the origin says so. */
#ifndef MP_CHKSEL_H
#define MP_CHKSEL_H

#include <stddef.h>
#include "config.h"
#include "structs.h"

enum sel_origin { SEL_NONE = 0, SEL_CONFIG, SEL_DETECT, SEL_ANA_SCSI };
enum tmo_origin { TMO_NONE = 0, TMO_CONFIG, TMO_SYSFS, TMO_DEFAULT };

#define CHECKER_DEFAULT_TIMEOUT 30   /* seconds, multipath-tools' DEF_TIMEOUT */

/* What the device says, gathered by probe.c only when a decision needs it. */
struct sel_facts {
	int tpgs;            /* 0 none, 1 implicit, 2 explicit, 3 both; -1 unknown */
	int rdac;            /* VPD 0xC9 identifies an RDAC array */
	int access_state;    /* the kernel shows device/access_state */
	int sysfs_timeout;   /* device/timeout in seconds; 0 unknown */
};

/* Facts a decision will look at, for these settings. */
#define SEL_NEED_TPGS    0x1
#define SEL_NEED_RDAC    0x2   /* detect_checker: the rdac test comes first */
int sel_needs(const struct mp_settings *s);
/* The rdac test detect_prio makes, once TPGS is known (implicit ALUA only). */
int sel_prio_needs_rdac(const struct mp_settings *s, int tpgs);

/* yes/no of detect_prio / detect_checker: 1, 0, or UNSET (default yes). */
int detect_enabled(int v);
/* Does a VPD page 0x00 (supported pages) list page? 1/0; -1 for a malformed one. */
int vpd_page_listed(const unsigned char *pg0, size_t len, int page);
/* TPGS field of a standard INQUIRY (byte 5 bits 4-5), or -1 if too short. */
int inquiry_tpgs(const unsigned char *inq, size_t len);

/* Fill p->checker, p->prio_method, their origins, p->checker_timeout and p->tpgs; *args
 * gets the prio_args the prioritizer is to use (NULL for a detected one). */
void select_checker_prio(const struct mp_settings *s, const struct sel_facts *f,
			 struct path *p, const char **args);

/* "checker tur (detect_checker, TPGS=1), timeout 30 s (sysfs device/timeout); prio sysfs
 * (detect_prio, TPGS=1, access_state) = 50" for -v3; "" when nothing was selected. */
void describe_selection(const struct path *p, char *buf, size_t size);

#endif
