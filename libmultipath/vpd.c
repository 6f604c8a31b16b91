/* Pure decoding of INQUIRY data: standard page, VPD 0x83 and VPD 0x80.
 *
 * The WWID must be byte for byte what udev's scsi_id exports as ID_SERIAL, so the
 * search order, the output forms and the final folding below follow scsi_id
 * (systemd src/udev/scsi_id/scsi_serial.c, scsi_id.c) and udev's
 * udev_replace_whitespace()/udev_replace_chars(). Where scsi_id would read past its
 * buffer or print an identifier that names nothing, we stop short instead; each
 * such place says so. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
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

int vpd_text_clean(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	if (!s || !*s)
		return 0;
	while (*s) {
		if (*s < 0x20 || *s == 0x7f)
			return 0;
		if (*s < 0x80) {
			s++;
			continue;
		}
		n = utf8_multibyte_len(s);
		if (n < 2)
			return 0;
		s += n;
	}
	return 1;
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
void vpd_udev_fold(const char *raw, char *out)
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

/* n, backed off so that it does not end inside a UTF-8 sequence of s. */
static size_t utf8_cut(const char *s, size_t n)
{
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* Copy a string into the caller's buffer, cut when it does not fit (on a UTF-8
 * boundary): only for keys that are not identities (the serial). */
static void copy_out(const char *src, char *dst, size_t size)
{
	size_t n = strlen(src);

	if (n >= size)
		n = utf8_cut(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* "=" + 16 hex digits. The separator is one that libdevmapper passes as it is and udev
 * keeps in a link name: with "~" (mangled to "\x7e") the dm uuid of a 122-character
 * WWID grew past 128 characters and the map could not be made. */
#define HASH_TAIL 17

int vpd_fit_id(const char *id, char *out, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ULL;   /* FNV-1a 64 */
	size_t n = strlen(id), head;

	if (out && size)
		*out = '\0';
	if (!out || size < 2)
		return -EINVAL;
	if (n < size) {
		memcpy(out, id, n + 1);
		return 0;
	}
	if (size < HASH_TAIL + 1)
		return -ENOSPC;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)id[i];
		h *= 0x100000001b3ULL;
	}
	head = utf8_cut(id, size - 1 - HASH_TAIL);
	memcpy(out, id, head);
	snprintf(out + head, size - head, "=%016llx", (unsigned long long)h);
	return 1;
}

/* Fold raw and hand it out. */
static int emit(const char *raw, char *dst, size_t size)
{
	char folded[SID_FOLD_MAX + 1];
	int r;

	vpd_udev_fold(raw, folded);
	r = vpd_fit_id(folded, dst, size);
	return r < 0 ? r : 0;
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
 * whatever the code set. */
static int designator_rank(const struct vpd_desig *d, int have_vm)
{
	size_t need;
	int cs, naa;

	if (d->assoc != 0)  /* association: only the logical unit itself */
		return -1;
	if (d->code_set != CODE_SET_BINARY && d->code_set != CODE_SET_ASCII)
		return -1;
	cs = d->code_set == CODE_SET_ASCII;
	/* Our own rule: an empty or blank identifier names no LU. scsi_id would print
	 * just the prefix ("3", "1", ...) and so give every such device one name. */
	if (d->len == 0)
		return -1;
	if (cs) {
		size_t i;

		for (i = 0; i < d->len && d->id[i] && c_space(d->id[i]); i++)
			;
		if (i == d->len || !d->id[i])
			return -1;
	}
	/* scsi_id skips a descriptor whose text would not fit its serial buffer. */
	need = (cs ? d->len : 2u * d->len) + 2 + (d->type == DESIG_VENDOR ? VENDOR_LEN + MODEL_LEN : 0);
	if (need > SID_SERIAL_MAX)
		return -1;

	switch (d->type) {
	case DESIG_NAA:
		naa = d->id[0] >> 4;
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

int vpd_pg83_parse(const unsigned char *buf, size_t len, struct vpd_pg83 *out)
{
	size_t end, off;

	if (!out)
		return -EINVAL;
	memset(out, 0, offsetof(struct vpd_pg83, d));
	if (!buf || len < 4 || buf[1] != 0x83)
		return -EINVAL;
	/* Strict: a page longer than what we hold is truncated, and the designator that
	 * wins might be in the missing part; a wrong WWID merges unrelated LUs. */
	end = 4 + be16(buf + 2);
	if (end > len)
		return -EINVAL;
	out->body = buf + 4;
	out->body_len = end - 4;
	out->hdr3 = buf[3];
	/* SCSI-2 style page (old EMC Symmetrix): no descriptors, the bytes after the
	 * header are one binary WWN. scsi_id and sg_inq both spot it by a non-zero
	 * byte 6 (reserved in SPC-2/3). */
	if (end >= 7 && buf[6] != 0) {
		out->scsi2 = 1;
		return 0;
	}
	for (off = 4; off < end; off += 4 + (size_t)buf[off + 3]) {
		struct vpd_desig *d;

		if (end - off < 4) {
			/* 1-3 trailing bytes: zero padding is harmless (no tool matches
			 * anything there), anything else is a cut designator. */
			while (off < end && buf[off] == 0)
				off++;
			if (off < end)
				return -EINVAL;
			break;
		}
		if (buf[off + 3] > end - off - 4)
			return -EINVAL;  /* designator runs past the page */
		if (out->n == VPD_DESIG_MAX)
			return -E2BIG;
		d = &out->d[out->n++];
		d->proto = buf[off] >> 4;
		d->code_set = buf[off] & 0x0f;
		d->assoc = (buf[off + 1] >> 4) & 0x3;
		d->type = buf[off + 1] & 0x0f;
		d->len = buf[off + 3];
		d->id = buf + off + 4;
	}
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

/* scsi_id's page 0x80 form: "S" + vendor + model + raw serial. */
static int sid_from_pg80(const unsigned char *buf, size_t len, const char *vendor,
			 const char *model, struct vpd_sid *out)
{
	const unsigned char *ser;
	size_t n, i, pre = 1 + VENDOR_LEN + MODEL_LEN;
	int r = pg80_serial(buf, len, &ser, &n);

	if (r)
		return r;
	out->serial[0] = 'S';
	if (vendor_model(vendor, model, out->serial + 1))
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
	memcpy(out->serial + pre, ser, n);
	out->serial[pre + n] = '\0';
	memcpy(out->serial_short, ser, n);
	out->serial_short[n] = '\0';
	out->from = VPD_FROM_PG80;
	return 0;
}

/* scsi_id's choice within page 0x83. 0 or -ENODATA. */
static int sid_from_pg83(const struct vpd_pg83 *pg, const char *vendor, const char *model,
			 struct vpd_sid *out)
{
	char vm[VENDOR_LEN + MODEL_LEN];
	const struct vpd_desig *best = NULL;
	int have_vm, best_rank = -1;
	size_t pos = 0, s;

	if (pg->scsi2) {
		/* scsi_id prints "3" + hex of header byte 3 bytes, at most 126 of them. */
		size_t n = pg->hdr3 < SID_OLD_HEX_MAX ? pg->hdr3 : SID_OLD_HEX_MAX;

		if (n > pg->body_len)
			n = pg->body_len;
		if (!n)
			return -ENODATA;  /* our rule: a bare "3" names nothing */
		out->serial[pos++] = '3';
		hex_append(out->serial, &pos, pg->body, n);
		strcpy(out->serial_short, out->serial);   /* scsi_id keeps the "3" here */
		out->from = VPD_FROM_SCSI2;
		return 0;
	}
	have_vm = vendor_model(vendor, model, vm) == 0;
	for (size_t i = 0; i < pg->n; i++) {
		int rank = designator_rank(&pg->d[i], have_vm);

		/* Equal rank: the first one wins, as in scsi_id's scan. */
		if (rank >= 0 && (best_rank < 0 || rank < best_rank)) {
			best_rank = rank;
			best = &pg->d[i];
			out->desig = (int)i;
		}
	}
	if (!best) {
		out->desig = -1;
		return -ENODATA;
	}
	out->serial[pos++] = "0123"[best->type];
	if (best->type == DESIG_VENDOR) {
		/* Not unique across products, hence scsi_id's vendor + model prefix. */
		memcpy(out->serial + pos, vm, sizeof(vm));
		pos += sizeof(vm);
	}
	s = pos;
	if (best->code_set == CODE_SET_ASCII) {
		/* Copied as a C string: scsi_id's result ends at an embedded NUL too.
		 * Fits: designator_rank() checked the length against SID_SERIAL_MAX. */
		memcpy(out->serial + pos, best->id, best->len);
		out->serial[pos + best->len] = '\0';
	} else {
		hex_append(out->serial, &pos, best->id, best->len);
	}
	strcpy(out->serial_short, out->serial + s);
	if (best->type == DESIG_NAA) {
		snprintf(out->wwn, sizeof(out->wwn), "%.16s", out->serial + s);
		if (strlen(out->serial + s) > 16)
			snprintf(out->wwn_ext, sizeof(out->wwn_ext), "%.16s", out->serial + s + 16);
	}
	out->from = VPD_FROM_PG83;
	return 0;
}

int vpd_scsi_id(const struct vpd_pg83 *pg, const unsigned char *pg80, size_t pg80_len,
		const char *vendor, const char *model, struct vpd_sid *out)
{
	int r = -ENODATA;

	memset(out, 0, sizeof(*out));
	out->desig = -1;
	if (pg)
		r = sid_from_pg83(pg, vendor, model, out);
	if (r == -ENODATA && pg80)
		r = sid_from_pg80(pg80, pg80_len, vendor, model, out);
	if (r) {
		memset(out, 0, sizeof(*out));
		out->desig = -1;
	}
	return r;
}

int vpd_wwid_from_pg83(const unsigned char *buf, size_t len,
		       const char *vendor, const char *model,
		       char *wwid, size_t wwid_size)
{
	struct vpd_pg83 *pg;
	struct vpd_sid sid;
	int r;

	if (wwid && wwid_size)
		*wwid = '\0';
	if (!wwid || wwid_size < 2)
		return -EINVAL;
	pg = malloc(sizeof(*pg));
	if (!pg)
		return -ENOMEM;
	r = vpd_pg83_parse(buf, len, pg);
	if (r == -E2BIG)
		r = -EINVAL;
	if (!r)
		r = vpd_scsi_id(pg, NULL, 0, vendor, model, &sid);
	free(pg);
	return r ? r : emit(sid.serial, wwid, wwid_size);
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
	struct vpd_sid sid;
	int r;

	if (wwid && wwid_size)
		*wwid = '\0';
	if (!wwid || wwid_size < 2)
		return -EINVAL;
	memset(&sid, 0, sizeof(sid));
	r = sid_from_pg80(buf, len, vendor, model, &sid);
	return r ? r : emit(sid.serial, wwid, wwid_size);
}
