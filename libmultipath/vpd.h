/* Pure decoding of SCSI INQUIRY data: standard page, VPD 0x83 (device identification)
 * and VPD 0x80 (unit serial number). No I/O here; buffers in, strings out.
 *
 * The WWID is the string udev's scsi_id reports as ID_SERIAL for the same LU, so our
 * maps coexist with every other tool's naming:
 *   NAA (type 3)      -> "3" + lowercase hex
 *   EUI-64 (type 2)   -> "2" + lowercase hex
 *   T10 vendor (1)    -> "1" + text
 *   vendor specific(0)-> "0" + vendor(8) + model(16) + identifier
 *   no usable 0x83    -> "S" + vendor(8) + model(16) + 0x80 serial   (vpd_wwid_from_pg80)
 * then whitespace folded the udev way (trim both ends, each run -> one '_') and
 * characters outside udev's allowed set replaced by '_'.
 * Only designators with association = logical unit count. */
#ifndef MP_VPD_H
#define MP_VPD_H

#include <stddef.h>

struct std_inquiry {
	char vendor[9];    /* bytes 8..15, NUL terminated, trailing spaces kept as the device sent them */
	char model[17];    /* bytes 16..31 */
	char rev[5];       /* bytes 32..35 */
	int peripheral_type;  /* byte 0 & 0x1f */
	int tpgs;          /* byte 5 bits 4..5 (ALUA support) */
};

/* Parse a standard INQUIRY response. 0, or -EINVAL if len < 36. */
int vpd_parse_std_inquiry(const unsigned char *buf, size_t len, struct std_inquiry *out);

/* Decode VPD page 0x83 into the scsi_id-compatible WWID. vendor/model are the
 * standard INQUIRY strings (needed for the vendor-specific form). Returns 0,
 * -ENODATA if the page holds no usable LU designator, -EINVAL if the page is
 * malformed or truncated (never reads past len). */
int vpd_wwid_from_pg83(const unsigned char *buf, size_t len,
		       const char *vendor, const char *model,
		       char *wwid, size_t wwid_size);

/* Unit serial from VPD page 0x80, spaces stripped (the group_by_serial key).
 * 0, -ENODATA for an empty serial, -EINVAL if malformed. */
int vpd_serial_from_pg80(const unsigned char *buf, size_t len, char *serial, size_t size);

/* scsi_id's fallback WWID when 0x83 gives nothing: "S" + vendor + model + raw serial,
 * folded like the others. 0, or -ENODATA/-EINVAL. */
int vpd_wwid_from_pg80(const unsigned char *buf, size_t len,
		       const char *vendor, const char *model,
		       char *wwid, size_t wwid_size);

#endif
