/* Pure decoding of INQUIRY data: standard page, VPD 0x83 and VPD 0x80.
 *
 * The WWID must be byte for byte what udev's scsi_id exports as ID_SERIAL, so the
 * search order, the output forms and the final folding below follow scsi_id
 * (systemd src/udev/scsi_id/scsi_serial.c, scsi_id.c) and udev's
 * udev_replace_whitespace()/udev_replace_chars(). Where scsi_id would read past its
 * buffer or print an identifier that names nothing, we stop short instead; each
 * such place says so. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "vpd.h"

/* scsi_id's own limits, which shape what it prints. */
#define SID_SERIAL_MAX  256  /* MAX_SERIAL_LEN: prefix + identifier + NUL */
#define SID_FOLD_MAX    255  /* ID_SERIAL is folded from at most this many chars */
#define SID_OLD_HEX_MAX 126  /* pre-SPC-3 pages: bytes its loop bound lets through */
#define VENDOR_LEN 8
#define MODEL_LEN  16

#define CODE_SET_BINARY 1
#define CODE_SET_ASCII  2    /* UTF-8 (3) is not searched by scsi_id */

#define DESIG_VENDOR 0
#define DESIG_T10    1
#define DESIG_EUI64  2
#define DESIG_NAA    3

static size_t be16(const unsigned char *p)
{
	return ((size_t)p[0] << 8) | p[1];
}

/* C locale isspace(); scsi_id never calls setlocale(). */
static int c_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* udev's allow list for names (allow_listed_char_for_devnode). */
static int udev_allowed(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("#+-.:=@_", c));
}

/* Length of the valid UTF-8 multibyte sequence at s, else 0 (ASCII included).
 * Same acceptance as systemd's utf8_encoded_valid_unichar(): 2..4 bytes, shortest
 * form, at most U+10FFFF, no surrogates, no U+FDD0..FDEF, no U+xxFFFE/xxFFFF.
 * Stops at the first non-continuation byte, so it never reads past a NUL. */
static size_t utf8_multibyte_len(const unsigned char *s)
{
	static const uint32_t min_cp[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t cp;
	size_t n, i;

	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;  /* ASCII, stray continuation, or 5/6-byte forms (never valid) */
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min_cp[n] || cp >= 0x110000 || (cp & 0xfffff800) == 0xd800 ||
	    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
		return 0;
	return n;
}

/* In place: keep allowed chars, "\x" escapes and valid UTF-8; the rest -> '_'
 * (udev_replace_chars with no extra allow list). */
static void udev_replace_chars(char *str)
{
	unsigned char *s = (unsigned char *)str;
	size_t i = 0, n;

	while (s[i]) {
		if (udev_allowed(s[i])) {
			i++;
		} else if (s[i] == '\\' && s[i + 1] == 'x') {
			i += 2;
		} else if ((n = utf8_multibyte_len(s + i)) > 1) {
			i += n;
		} else {
			s[i++] = '_';
		}
	}
}

/* What udev makes of a raw scsi_id serial for ID_SERIAL: udev_replace_whitespace
 * over at most SID_FOLD_MAX chars (leading " \t\n\r" dropped, any later run of
 * isspace() chars -> one '_' unless it ends the string), then udev_replace_chars.
 * out must hold SID_FOLD_MAX + 1 bytes. */
static void udev_fold(const char *raw, char *out)
{
	const unsigned char *s = (const unsigned char *)raw;
	size_t i = strspn(raw, " \t\n\r"), j = 0;
	int in_space = 0;

	for (; j < SID_FOLD_MAX && i < SID_FOLD_MAX && s[i]; i++) {
		if (c_space(s[i])) {
			in_space = 1;
			continue;
		}
		if (in_space) {
			if (j + 1 >= SID_FOLD_MAX)
				break;
			out[j++] = '_';
			in_space = 0;
		}
		out[j++] = (char)s[i];
	}
	out[j] = '\0';
	udev_replace_chars(out);
}

/* Copy a folded string into the caller's buffer. When it does not fit it is cut
 * (as multipath-tools cuts at WWID_SIZE), but never inside a UTF-8 sequence. */
static void copy_out(const char *src, char *dst, size_t size)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Fold raw and hand it out. */
static void emit(const char *raw, char *dst, size_t size)
{
	char folded[SID_FOLD_MAX + 1];

	udev_fold(raw, folded);
	copy_out(folded, dst, size);
}

/* The 8 + 16 INQUIRY bytes scsi_id prefixes. Callers may pass them with the
 * trailing blanks trimmed (sysfs style): padding restores the original field,
 * which SPC requires to be space padded. NULL or overlong -> -EINVAL. */
static int vendor_model(const char *vendor, const char *model, char vm[VENDOR_LEN + MODEL_LEN])
{
	size_t lv, lm;

	if (!vendor || !model)
		return -EINVAL;
	lv = strlen(vendor);
	lm = strlen(model);
	if (lv > VENDOR_LEN || lm > MODEL_LEN)
		return -EINVAL;
	memset(vm, ' ', VENDOR_LEN + MODEL_LEN);
	memcpy(vm, vendor, lv);
	memcpy(vm + VENDOR_LEN, model, lm);
	return 0;
}

int vpd_parse_std_inquiry(const unsigned char *buf, size_t len, struct std_inquiry *out)
{
	if (!buf || !out || len < 36)
		return -EINVAL;
	/* Raw bytes, as scsi_id keeps them: an embedded NUL simply ends the string. */
	memcpy(out->vendor, buf + 8, 8);
	out->vendor[8] = '\0';
	memcpy(out->model, buf + 16, 16);
	out->model[16] = '\0';
	memcpy(out->rev, buf + 32, 4);
	out->rev[4] = '\0';
	out->peripheral_type = buf[0] & 0x1f;
	out->tpgs = (buf[5] >> 4) & 0x3;
	return 0;
}

/* Rank of a designator in scsi_id's id_search_list (lower wins, -1 = never used):
 *   0/1 NAA IEEE Registered Extended, 2/3 NAA IEEE Registered, 4/5 any other NAA,
 *   6/7 EUI-64, 8/9 T10 vendor id, 10/11 vendor specific   (even = binary, odd = ASCII).
 * Like scsi_id, the NAA type is the high nibble of the first identifier byte
 * whatever the code set. d points at the 4-byte header; d[3] bytes follow. */
static int designator_rank(const unsigned char *d, int have_vm)
{
	int code_set = d[0] & 0x0f, type = d[1] & 0x0f;
	size_t idlen = d[3], need;
	int cs, naa;

	if ((d[1] & 0x30) != 0)  /* association: only the logical unit itself */
		return -1;
	if (code_set != CODE_SET_BINARY && code_set != CODE_SET_ASCII)
		return -1;
	cs = code_set == CODE_SET_ASCII;
	/* Our own rule: an empty or blank identifier names no LU. scsi_id would print
	 * just the prefix ("3", "1", ...) and so give every such device one name. */
	if (idlen == 0)
		return -1;
	if (cs) {
		size_t i;

		for (i = 0; i < idlen && d[4 + i] && c_space(d[4 + i]); i++)
			;
		if (i == idlen || !d[4 + i])
			return -1;
	}
	/* scsi_id skips a descriptor whose text would not fit its serial buffer. */
	need = (cs ? idlen : 2 * idlen) + 2 + (type == DESIG_VENDOR ? VENDOR_LEN + MODEL_LEN : 0);
	if (need > SID_SERIAL_MAX)
		return -1;

	switch (type) {
	case DESIG_NAA:
		naa = d[4] >> 4;
		return (naa == 6 ? 0 : naa == 5 ? 2 : 4) + cs;
	case DESIG_EUI64:
		return 6 + cs;
	case DESIG_T10:
		return 8 + cs;
	case DESIG_VENDOR:
		/* scsi_id passes over it when vendor/model are unusable. */
		return have_vm ? 10 + cs : -1;
	default:  /* relative port, port group, LU group, MD5, SCSI name string, UUID... */
		return -1;
	}
}

static void hex_append(char *raw, size_t *pos, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		raw[(*pos)++] = hex[p[i] >> 4];
		raw[(*pos)++] = hex[p[i] & 0x0f];
	}
	raw[*pos] = '\0';
}

int vpd_wwid_from_pg83(const unsigned char *buf, size_t len,
		       const char *vendor, const char *model,
		       char *wwid, size_t wwid_size)
{
	char vm[VENDOR_LEN + MODEL_LEN], raw[SID_SERIAL_MAX + 1];
	const unsigned char *best = NULL;
	int have_vm, best_rank = -1;
	size_t end, off, pos = 0;

	if (wwid && wwid_size)
		*wwid = '\0';
	if (!wwid || wwid_size < 2)
		return -EINVAL;
	if (!buf || len < 4 || buf[1] != 0x83)
		return -EINVAL;
	/* Strict: a page longer than what we hold is truncated, and the designator that
	 * wins might be in the missing part; a wrong WWID merges unrelated LUs. */
	end = 4 + be16(buf + 2);
	if (end > len)
		return -EINVAL;

	/* SCSI-2 style page (old EMC Symmetrix): no descriptors, the bytes after the
	 * header are one binary WWN. scsi_id spots it by a non-zero byte 6 (reserved in
	 * SPC-2/3) and prints "3" + hex of header byte 3 bytes, at most 126 of them. */
	if (end >= 7 && buf[6] != 0) {
		size_t n = buf[3] < SID_OLD_HEX_MAX ? buf[3] : SID_OLD_HEX_MAX;

		if (!n)
			return -ENODATA;  /* our rule: a bare "3" names nothing */
		raw[pos++] = '3';
		hex_append(raw, &pos, buf + 4, n);
		emit(raw, wwid, wwid_size);
		return 0;
	}

	have_vm = vendor_model(vendor, model, vm) == 0;
	for (off = 4; off < end; off += 4 + (size_t)buf[off + 3]) {
		int rank;

		if (end - off < 4) {
			/* 1-3 trailing bytes: zero padding is harmless (scsi_id matches
			 * nothing there), anything else is a cut designator. */
			while (off < end && buf[off] == 0)
				off++;
			if (off < end)
				return -EINVAL;
			break;
		}
		if (buf[off + 3] > end - off - 4)
			return -EINVAL;  /* designator runs past the page */
		rank = designator_rank(buf + off, have_vm);
		/* Equal rank: the first one wins, as in scsi_id's scan. */
		if (rank >= 0 && (best_rank < 0 || rank < best_rank)) {
			best_rank = rank;
			best = buf + off;
		}
	}
	if (!best)
		return -ENODATA;

	raw[pos++] = "0123"[best[1] & 0x0f];
	if ((best[1] & 0x0f) == DESIG_VENDOR) {
		/* Not unique across products, hence scsi_id's vendor + model prefix. */
		memcpy(raw + pos, vm, sizeof(vm));
		pos += sizeof(vm);
	}
	if ((best[0] & 0x0f) == CODE_SET_ASCII) {
		/* Copied as a C string: scsi_id's result ends at an embedded NUL too.
		 * Fits: designator_rank() checked the length against SID_SERIAL_MAX. */
		memcpy(raw + pos, best + 4, best[3]);
		raw[pos + best[3]] = '\0';
	} else {
		hex_append(raw, &pos, best + 4, best[3]);
	}
	emit(raw, wwid, wwid_size);
	return 0;
}

/* The serial bytes of a page 0x80 (up to the first NUL, as scsi_id reads them). */
static int pg80_serial(const unsigned char *buf, size_t len, const unsigned char **ser, size_t *n)
{
	size_t plen;

	if (!buf || len < 4 || buf[1] != 0x80)
		return -EINVAL;
	plen = be16(buf + 2);
	if (4 + plen > len)
		return -EINVAL;
	*ser = buf + 4;
	*n = strnlen((const char *)buf + 4, plen);
	return 0;
}

int vpd_serial_from_pg80(const unsigned char *buf, size_t len, char *serial, size_t size)
{
	const unsigned char *ser;
	char key[SID_FOLD_MAX + 1];
	size_t n, i, j = 0;
	int r;

	if (serial && size)
		*serial = '\0';
	if (!serial || size < 2)
		return -EINVAL;
	r = pg80_serial(buf, len, &ser, &n);
	if (r)
		return r;
	/* group_by_serial's key: every blank dropped; the rest made printable the
	 * udev way so it can go into messages and map tables unescaped. */
	for (i = 0; i < n && j < SID_FOLD_MAX; i++)
		if (!c_space(ser[i]))
			key[j++] = (char)ser[i];
	key[j] = '\0';
	if (!j)
		return -ENODATA;
	udev_replace_chars(key);
	copy_out(key, serial, size);
	/* A buffer too small for even the first (multibyte) character leaves nothing:
	 * that is no key, not an empty one that would group unrelated paths together. */
	return serial[0] ? 0 : -ENOSPC;
}

int vpd_wwid_from_pg80(const unsigned char *buf, size_t len,
		       const char *vendor, const char *model,
		       char *wwid, size_t wwid_size)
{
	char raw[SID_SERIAL_MAX + 1];
	const unsigned char *ser;
	size_t n, i;
	int r;

	if (wwid && wwid_size)
		*wwid = '\0';
	if (!wwid || wwid_size < 2)
		return -EINVAL;
	r = pg80_serial(buf, len, &ser, &n);
	if (r)
		return r;
	raw[0] = 'S';
	if (vendor_model(vendor, model, raw + 1))
		return -EINVAL;
	/* scsi_id refuses a serial that would overflow its buffer: no ID_SERIAL then. */
	if (be16(buf + 2) > SID_SERIAL_MAX - 1 - VENDOR_LEN - MODEL_LEN)
		return -ENODATA;
	/* Our own rule: a blank serial would give every LU of this model the same
	 * name ("S" + vendor + model), where scsi_id happily prints it. */
	for (i = 0; i < n && c_space(ser[i]); i++)
		;
	if (i == n)
		return -ENODATA;
	memcpy(raw + 1 + VENDOR_LEN + MODEL_LEN, ser, n);
	raw[1 + VENDOR_LEN + MODEL_LEN + n] = '\0';
	emit(raw, wwid, wwid_size);
	return 0;
}
