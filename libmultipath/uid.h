/* Pure: the udev property that names a LU (ID_SERIAL by default, the config's
 * uid_attribute otherwise), computed from the VPD facts the way this host's udev rules
 * would compute it, with no udev database (a bare initramfs has none).
 *
 * Two rankings exist on Debian/Ubuntu hosts, and multipath-tools uses whichever set
 * ID_SERIAL first:
 *   UID_RANK_SCSI_ID  systemd's 60-persistent-storage.rules runs scsi_id (vpd.h).
 *   UID_RANK_SG3      sg3-utils-udev's 55-scsi-sg3_id.rules runs first: sg_inq exports
 *                     SCSI_IDENT_LUN_* per designator and the rule picks, in order,
 *                       (ATA T10 id "ATA_<rest>" -> "<rest>", no prefix)
 *                       NAA registered extended "3", NAA registered "3", NAA extended "3",
 *                       EUI-64 "2", SCSI name string "8", T10 vendor id "1",
 *                       NAA locally assigned (any other NAA) "3",
 *                       vendor specific "0" + VENDOR_MODEL_id, unit serial "S" + VENDOR_MODEL_serial;
 *                     when none of them is there, 60-persistent-storage still runs scsi_id.
 * The sg3 forms follow sg_inq --export (sg3-utils 1.46): text fields have blanks
 * trimmed and runs of them turned into one '_', other unprintable bytes into '.',
 * and (except SCSI_VENDOR/SCSI_MODEL, the ATA id and the SCSI name string) bytes
 * outside udev's set into "\xNN"; binary designators are lowercase hex. udev's import
 * then trims each value, drops an empty one and strips one pair of quotes.
 * The rule facts are from /lib/udev/rules.d/55-scsi-sg3_id.rules as Debian 12 ships it.
 *
 * Knowing differences (all where the tools' output names nothing reliably):
 *   - a malformed page 0x83 is not used at all (sg_inq exports the designators before
 *     the damage); see vpd.h for scsi_id's;
 *   - an identifier longer than the output buffer is hashed, never cut (vpd_fit_id);
 *   - ATA disks without sg3-utils-udev get ID_SERIAL from ata_id (ATA IDENTIFY), which
 *     is not VPD: not computed here (their VPD identity is used);
 *   - a SCSI name string holding a line break ends there: sg_inq prints it raw, and udev
 *     would read what follows as more properties of the device's choosing. */
#ifndef MP_UID_H
#define MP_UID_H

#include <stddef.h>
#include "vpd.h"

enum uid_ranking { UID_RANK_SCSI_ID = 0, UID_RANK_SG3 = 1 };

/* "scsi_id" / "sg3_utils"; NULL for an unknown value. */
const char *uid_ranking_name(enum uid_ranking r);
/* The name back (leading/trailing blanks ignored). 0 or -EINVAL. */
int uid_ranking_parse(const char *s, enum uid_ranking *r);

/* What decides a LU's identity. Any of them may be missing (NULL). */
struct uid_facts {
	const struct vpd_pg83 *pg83;    /* parsed page 0x83 */
	const unsigned char *pg80;      /* raw page 0x80 */
	size_t pg80_len;
	const char *vendor, *model;     /* INQUIRY vendor / product (sysfs text: trailing
					 * blanks may be trimmed, they are restored) */
};

/* Which fact gave a value. */
enum uid_source {
	UID_SRC_NONE = 0,
	UID_SRC_NAA_REGEXT,   /* NAA 6 */
	UID_SRC_NAA_REG,      /* NAA 5 */
	UID_SRC_NAA_EXT,      /* NAA 2 */
	UID_SRC_NAA_LOCAL,    /* NAA 3 (sg3: any NAA type but 2/5/6) */
	UID_SRC_NAA_OTHER,    /* scsi_id: an NAA type other than 5/6 */
	UID_SRC_EUI64,
	UID_SRC_NAME,         /* SCSI name string */
	UID_SRC_T10,
	UID_SRC_ATA,          /* T10 vendor id starting "ATA " (sg3 only) */
	UID_SRC_VENDOR,       /* vendor specific designator */
	UID_SRC_SERIAL,       /* unit serial number, page 0x80 */
	UID_SRC_SCSI2,        /* SCSI-2 style page 0x83 */
	UID_SRC_COUNT
};

struct uid_choice {
	enum uid_ranking ranking;
	enum uid_source src;
	int desig;            /* index into pg83->d; -1 when not a designator */
	int fallback;         /* UID_RANK_SG3: its rule set nothing, scsi_id's value */
	int hashed;           /* too long for the buffer: head + hash (vpd_fit_id) */
};

/* "NAA IEEE Registered", "T10 vendor id", "unit serial number (page 0x80)", ... */
const char *uid_source_name(enum uid_source s);

/* The value udev would give the property attr (NULL = ID_SERIAL) under ranking r
 * ("" = multipath-tools' own reading of page 0x83, its uid_attribute "", whatever r): ID_SERIAL, ID_SERIAL_SHORT, ID_WWN, ID_WWN_WITH_EXTENSION, ID_SCSI_SERIAL, and
 * under UID_RANK_SG3 also sg_inq's own SCSI_VENDOR, SCSI_MODEL, SCSI_IDENT_SERIAL and
 * SCSI_IDENT_LUN_* names. why (may be NULL) says which fact gave it.
 * 0 (1 when hashed to fit, see vpd_fit_id); -ENODATA when udev would set nothing;
 * -ENOTSUP for a property not computable from VPD facts; -EINVAL for bad arguments or a
 * malformed page 0x80; -ENOSPC when size is too small even for a hashed id.
 * On error out is "". */
int uid_value(const char *attr, const struct uid_facts *f, enum uid_ranking r,
	      char *out, size_t size, struct uid_choice *why);

/* multipath.conf's uid_attrs ("sd:ID_SERIAL dasd:ID_UID", blank separated): the
 * attribute of the first record whose prefix (before its last ':') starts the kernel
 * name dev, as multipath-tools reads it (it wins over every uid_attribute). Copied
 * into out; NULL when none matches, uid_attrs is NULL, or out is too small. */
const char *uid_attrs_lookup(const char *uid_attrs, const char *dev, char *out, size_t size);

#endif
