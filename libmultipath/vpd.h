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
 * Only designators with association = logical unit count.
 *
 * Search order (scsi_id's): NAA IEEE Registered Extended (6), NAA IEEE Registered (5),
 * any other NAA, EUI-64, T10, vendor specific; within one type binary before ASCII;
 * equal rank -> first in the page. Priority, not position, decides (QEMU puts its
 * vendor specific designator before the NAA one). SCSI name strings, UUIDs, port and
 * group designators and the UTF-8 code set are never used. A page whose byte 6 is
 * non-zero is SCSI-2 style (old EMC): "3" + hex of the bytes after the header.
 *
 * Where we knowingly differ from scsi_id (its output there names nothing, or it
 * reads past its buffer):
 *   - zero-length or blank identifiers are skipped, not printed as a bare "3"/"1";
 *   - vpd_wwid_from_pg80 refuses a blank serial (scsi_id prints "S"+vendor+model);
 *   - a page longer than 254 bytes is used whole (scsi_id reads only 254 bytes and
 *     walks past them), and a truncated or overrunning page is -EINVAL as a whole;
 *   - vendor/model shorter than 8/16 chars are space padded (sysfs-trimmed input).
 * Output buffers: the WWID is cut to wwid_size - 1 bytes (never inside a UTF-8
 * sequence; ID_SERIAL can be 255 chars); sizes below 2 are -EINVAL. On any error
 * the output is the empty string. */
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

/* Parse a standard INQUIRY response. 0, or -EINVAL if len < 36. Strings are the raw
 * bytes (an embedded NUL ends them early, as in scsi_id). */
int vpd_parse_std_inquiry(const unsigned char *buf, size_t len, struct std_inquiry *out);

/* Decode VPD page 0x83 into the scsi_id-compatible WWID. vendor/model are the
 * standard INQUIRY strings (needed for the vendor-specific form; NULL or overlong
 * ones make vendor specific designators unusable, as in scsi_id). Returns 0,
 * -ENODATA if the page holds no usable LU designator, -EINVAL if the page is
 * malformed or truncated (never reads past len). */
int vpd_wwid_from_pg83(const unsigned char *buf, size_t len,
		       const char *vendor, const char *model,
		       char *wwid, size_t wwid_size);

/* Unit serial from VPD page 0x80 (up to its first NUL), every whitespace char
 * stripped (the group_by_serial key), other characters made safe the udev way.
 * 0, -ENODATA for an empty serial, -ENOSPC if size cannot hold its first character,
 * -EINVAL if malformed. */
int vpd_serial_from_pg80(const unsigned char *buf, size_t len, char *serial, size_t size);

/* scsi_id's fallback WWID when 0x83 gives nothing: "S" + vendor + model + raw serial,
 * folded like the others. 0; -ENODATA for a blank serial or one over 231 bytes
 * (scsi_id gives up on those too); -EINVAL for a malformed page or NULL/overlong
 * vendor or model. */
int vpd_wwid_from_pg80(const unsigned char *buf, size_t len,
		       const char *vendor, const char *model,
		       char *wwid, size_t wwid_size);

#endif
