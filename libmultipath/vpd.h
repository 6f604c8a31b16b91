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
 * Output buffers: a WWID longer than wwid_size - 1 bytes is never simply cut (two LUs
 * whose identifiers differ only in the cut part would merge into one map): its head is
 * kept and the rest replaced by "=" + 16 hex digits of a hash of the whole identifier
 * (vpd_fit_id). Sizes below 2 are -EINVAL. On any error the output is the empty string.
 *
 * uid.h builds on the parsed page (vpd_pg83_parse) to give sg3-utils-udev's ranking too. */
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

/* One designator of page 0x83, as the page holds it: no judgement yet. */
struct vpd_desig {
	const unsigned char *id;   /* identifier bytes, inside the caller's page */
	unsigned char len;         /* identifier length (designator byte 3) */
	unsigned char code_set;    /* 1 binary, 2 ASCII, 3 UTF-8 */
	unsigned char assoc;       /* 0 logical unit, 1 target port, 2 target device */
	unsigned char type;        /* 0 vendor specific, 1 T10, 2 EUI-64, 3 NAA, 8 SCSI name... */
	unsigned char proto;       /* protocol identifier (byte 0 high nibble) */
};

/* A page carries at most (4096 - 4) / 4 designators in the buffers we read; real
 * devices send under 20. More than this is a malformed page (-E2BIG). */
#define VPD_DESIG_MAX 256

struct vpd_pg83 {
	int scsi2;                     /* SCSI-2 style (byte 6 non-zero): no designators */
	const unsigned char *body;     /* the bytes after the 4-byte header... */
	size_t body_len;               /* ...up to the page length the header gives */
	unsigned char hdr3;            /* header byte 3: scsi_id's byte count for SCSI-2 pages */
	size_t n;
	struct vpd_desig d[VPD_DESIG_MAX];
};

/* Split a page 0x83 into its designators, in page order (pointers into buf). 0;
 * -EINVAL when it is not page 0x83, is truncated, or a designator overruns it (1-3
 * trailing zero bytes are padding); -E2BIG over VPD_DESIG_MAX designators. */
int vpd_pg83_parse(const unsigned char *buf, size_t len, struct vpd_pg83 *out);

/* What scsi_id makes of a LU (the facts behind its ID_SERIAL, ID_SERIAL_SHORT,
 * ID_WWN*, before udev's folding). */
#define VPD_SID_RAW 257
struct vpd_sid {
	char serial[VPD_SID_RAW];   /* raw ID_SERIAL source: prefix + identifier */
	char serial_short[VPD_SID_RAW];
	char wwn[17], wwn_ext[17];  /* NAA designator chosen: first 16 / next 16 hex digits */
	int desig;                  /* index of the chosen designator; -1 none */
	int from;                   /* VPD_FROM_* */
};
enum { VPD_FROM_NONE = 0, VPD_FROM_PG83, VPD_FROM_SCSI2, VPD_FROM_PG80 };

/* scsi_id's choice: page 0x83 (pg may be NULL) by its ranking, else the "S" form of
 * page 0x80 (pg80 may be NULL). vendor/model as for vpd_wwid_from_pg83. 0, -ENODATA
 * (nothing usable), -EINVAL (malformed page 0x80). */
int vpd_scsi_id(const struct vpd_pg83 *pg, const unsigned char *pg80, size_t pg80_len,
		const char *vendor, const char *model, struct vpd_sid *out);

/* udev's folding of a raw scsi_id string (ID_SERIAL): whitespace runs to '_', trimmed,
 * disallowed characters to '_'. out holds at least 256 bytes. */
void vpd_udev_fold(const char *raw, char *out);

/* scsi_id prints ID_SCSI_SERIAL, ID_WWN and ID_TARGET_PORT only when this holds:
 * non-empty, valid UTF-8, no control character (below 0x20, or 0x7f). 1 or 0. */
int vpd_text_clean(const char *s);

/* Hand an identifier out in size bytes: whole when it fits, else its head (cut on a
 * UTF-8 boundary) + "=" + 16 hex digits of a 64-bit FNV-1a hash of all of it, so that
 * identifiers differing only past the cut stay apart. 0, 1 if hashed, -ENOSPC when
 * the id does not fit and size cannot hold the hashed form (size < 18), -EINVAL for
 * size < 2. On error out is "" (when size > 0). */
int vpd_fit_id(const char *id, char *out, size_t size);

#endif
