/* Edge (files only): which ranking this host's udev rules give ID_SERIAL (uid.h).
 * Asked once per run, the same way at boot and later:
 *   1. ROOT/etc/multipath/uid_ranking, "scsi_id" or "sg3_utils": the initramfs hook
 *      records there what the running system's rules give, so that a map never
 *      changes name between the initramfs and the running system;
 *   2. else sg3-utils-udev's 55-scsi-sg3_id.rules, as udev finds it: the first of
 *      /etc/udev/rules.d, /run/udev/rules.d, /lib/udev/rules.d, /usr/lib/udev/rules.d
 *      holding that name wins; a copy that is empty or a link to /dev/null masks it.
 *      The rule counts when it sets ID_SERIAL from SCSI_IDENT_* values;
 *   3. else scsi_id's (systemd's 60-persistent-storage.rules).
 * root "" or NULL is /; tests pass a directory. */
#ifndef MP_UID_RANK_H
#define MP_UID_RANK_H

#include <stddef.h>
#include "uid.h"

#define UID_RANKING_FILE "/etc/multipath/uid_ranking"
#define UID_SG3_RULE "55-scsi-sg3_id.rules"

/* Always gives a ranking; why says where it came from ("recorded in ...", "rule ...",
 * "no 55-scsi-sg3_id.rules"). A recorded file with another content is reported in why
 * and ignored. Returns 0, or 1 when the recorded file was unusable. */
int uid_ranking_detect(const char *root, enum uid_ranking *r, char *why, size_t whysize);

/* The same without step 1: what the rules alone give (the initramfs hook records it). */
enum uid_ranking uid_ranking_from_rules(const char *root, char *why, size_t whysize);

/* This host's answer (root /), found once per process and kept: every path of a run,
 * whichever command asks (configure, list, claim), is identified under one ranking.
 * why (may be NULL) gets the reason; bad (may be NULL) is 1 when a recorded file was
 * unusable. Thread-safe. */
enum uid_ranking uid_ranking_host(const char **why, int *bad);

#endif
