/* libFuzzer target: the INQUIRY decoders of libmultipath/vpd.h.
 *
 * Input: a 26-byte header, then the page (standard INQUIRY, VPD 0x83 or 0x80: every
 * decoder sees the same bytes, each rejects what is not its page).
 *   [0]      output buffer size for the second, cut call (0..255)
 *   [1..8]   vendor (up to its first NUL), [9..24] model (likewise)
 *   [25]     bit 0: vendor NULL, bit 1: model NULL, bit 2: vendor one char too long
 * Also uid.h (run_uid) on the same bytes. Invariants checked: an error leaves "",
 * success gives a non-empty string of udev's allowed characters (plus "\x" escapes and valid UTF-8 sequences), a smaller output
 * buffer gives the whole result when it fits, else a head of it (cut on a sequence
 * boundary) + "=" + 16 hex digits (a WWID is never simply cut), or -ENOSPC when not
 * even that fits; a serial is cut, or -ENOSPC when its first character does not fit;
 * nothing is read or written
 * outside the buffers (the page and outputs are exactly sized). */
#include <errno.h>

#include "fuzz.h"
#include "structs.h"
#include "uid.h"
#include "vpd.h"

#define HDR 26

static int allowed_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("#+-.:=@_\\", c)) || c >= 0x80;   /* "=" also a hashed tail's */
}

static void check_id(const char *s, int r)
{
	if (r) {
		FZ_CHECK(r == -EINVAL || r == -ENODATA);
		FZ_CHECK(s[0] == '\0');
		return;
	}
	FZ_CHECK(s[0] != '\0');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		FZ_CHECK(allowed_byte(*p));   /* no blank, no control character */
	FZ_CHECK(fz_utf8_valid(s));
}

typedef int (*wwid_fn)(const unsigned char *, size_t, const char *, const char *, char *,
		       size_t);

/* Call fn with a full-size and with a cut output buffer; both exactly allocated. */
static void run_wwid(wwid_fn fn, const unsigned char *pg, size_t len, const char *vendor,
		     const char *model, size_t cut)
{
	char *full = malloc(WWID_SIZE), *part = malloc(cut ? cut : 1);
	int r, r2;

	if (!full || !part)
		abort();
	memset(full, 'Z', WWID_SIZE);
	r = fn(pg, len, vendor, model, full, WWID_SIZE);
	check_id(full, r);
	FZ_CHECK(strlen(full) < WWID_SIZE);

	part[0] = 'Z';
	r2 = fn(pg, len, vendor, model, part, cut);
	if (cut < 2) {
		FZ_CHECK(r2 == -EINVAL);
		FZ_CHECK(cut == 0 ? part[0] == 'Z' : part[0] == '\0');
	} else {
		size_t lf = strlen(full), lp = strlen(part);

		if (cut > WWID_SIZE) {
			/* more room than full had: the same, or what full hashed, longer */
			FZ_CHECK(r2 == r);
			check_id(part, r2);
			if (!r && strcmp(part, full)) {
				FZ_CHECK(lf == WWID_SIZE - 1 && full[lf - 17] == '=' && lp > lf - 17);
				FZ_CHECK(!strncmp(part, full, lf - 17));
			}
		} else if (r2 == -ENOSPC) {
			FZ_CHECK(r == 0 && lf >= cut && cut < 18 && part[0] == '\0');
		} else if (r == 0 && lf >= cut) {
			/* hashed: head of the result, "=", 16 hex digits, exactly cut - 1 bytes
			 * short by at most a partial UTF-8 sequence (3 bytes) */
			FZ_CHECK(r2 == 0 && lp < cut && lp + 3 >= cut - 1 && lp >= 17);
			FZ_CHECK(part[lp - 17] == '=');
			for (size_t i = lp - 16; i < lp; i++)
				FZ_CHECK(strchr("0123456789abcdef", part[i]) != NULL);
			part[lp - 17] = '\0';
			check_id(part[0] ? part : "x", 0);
			FZ_CHECK(fz_prefix(full, part));
		} else {
			/* fits whole (or the same error) */
			FZ_CHECK(r2 == r);
			check_id(part, r2);
			FZ_CHECK(r2 || !strcmp(part, full));
		}
	}
	free(full);
	free(part);
}

static void run_serial(const unsigned char *pg, size_t len, size_t cut)
{
	char *full = malloc(SERIAL_SIZE), *part = malloc(cut ? cut : 1);
	int r, r2;

	if (!full || !part)
		abort();
	r = vpd_serial_from_pg80(pg, len, full, SERIAL_SIZE);
	check_id(full, r);
	r2 = vpd_serial_from_pg80(pg, len, part, cut);
	if (cut < 2) {
		FZ_CHECK(r2 == -EINVAL);
	} else if (r2 == -ENOSPC) {
		/* no room for even the first character, a multibyte one: no key at all */
		unsigned char c = (unsigned char)full[0];

		FZ_CHECK(r == 0 && part[0] == '\0' && c >= 0xc0);
		FZ_CHECK(cut - 1 < (c >= 0xf0 ? 4u : c >= 0xe0 ? 3u : 2u));
	} else {
		FZ_CHECK(r2 == r);
		check_id(part, r2);
		FZ_CHECK(strlen(part) < cut);
		FZ_CHECK(cut <= SERIAL_SIZE ? fz_prefix(full, part) : fz_prefix(part, full));
	}
	free(full);
	free(part);
}

/* uid.h on the same bytes, as page 0x83 and as page 0x80 at once, every property under
 * both rankings: success is a non-empty string within the buffer; a scsi_id-ranked
 * ID_SERIAL is the one vpd_wwid_from_pg83/pg80 give. */
static void run_uid(const unsigned char *pg, size_t len, const char *v, const char *m, size_t cut)
{
	static const char *const attrs[] = { NULL, "ID_SERIAL_SHORT", "ID_WWN",
					     "ID_WWN_WITH_EXTENSION", "ID_SCSI_SERIAL",
					     "SCSI_IDENT_LUN_NAME", "SCSI_VENDOR", "ID_PATH" };
	struct vpd_pg83 *p83 = malloc(sizeof(*p83));
	struct uid_facts f = { .vendor = v, .model = m };
	char *out = malloc(cut ? cut : 1), full[WWID_SIZE];
	int is83;

	if (!p83 || !out)
		abort();
	is83 = vpd_pg83_parse(pg, len, p83) == 0;
	if (is83)
		f.pg83 = p83;
	if (len >= 4 && pg[1] == 0x80) {
		f.pg80 = pg;
		f.pg80_len = len;
	}
	for (int r = 0; r < 2; r++)
		for (size_t a = 0; a < sizeof(attrs) / sizeof(attrs[0]); a++) {
			struct uid_choice why;
			int e = uid_value(attrs[a], &f, r, out, cut, &why);

			if (e >= 0) {
				FZ_CHECK(cut >= 2 && out[0] && strlen(out) < cut);
				FZ_CHECK(why.ranking == (enum uid_ranking)r);
			} else if (cut) {
				FZ_CHECK(out[0] == '\0');
			}
		}
	/* scsi_id's ID_SERIAL is vpd.c's WWID for a page 0x83 with a usable designator */
	if (is83 && v && m && strlen(v) <= 8 && strlen(m) <= 16 &&
	    uid_value(NULL, &(struct uid_facts){ .pg83 = p83, .vendor = v, .model = m },
		      UID_RANK_SCSI_ID, full, sizeof(full), NULL) >= 0) {
		char w[WWID_SIZE];

		FZ_CHECK(vpd_wwid_from_pg83(pg, len, v, m, w, sizeof(w)) == 0);
		FZ_CHECK(!strcmp(w, full));
	}
	free(out);
	free(p83);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char vendor[10], model[17];
	const char *v = vendor, *m = model;
	struct std_inquiry inq;
	unsigned char *pg;
	size_t len, cut;
	int r;

	if (size < HDR)
		return 0;
	cut = data[0];
	memcpy(vendor, data + 1, 8);
	vendor[8] = '\0';
	memcpy(model, data + 9, 16);
	model[16] = '\0';
	if (data[25] & 4) {
		size_t n = strlen(vendor);

		vendor[n] = 'X';    /* 9 chars when the field had no NUL: overlong */
		vendor[n + 1] = '\0';
	}
	if (data[25] & 1)
		v = NULL;
	if (data[25] & 2)
		m = NULL;
	len = size - HDR;
	/* Its own exactly sized buffer (malloc(0) may return NULL: keep one byte). */
	pg = malloc(len ? len : 1);
	if (!pg)
		abort();
	memcpy(pg, data + HDR, len);

	r = vpd_parse_std_inquiry(pg, len, &inq);
	FZ_CHECK(len < 36 ? r == -EINVAL : r == 0);
	if (!r) {
		FZ_CHECK(strlen(inq.vendor) <= 8 && strlen(inq.model) <= 16 && strlen(inq.rev) <= 4);
		FZ_CHECK(inq.peripheral_type >= 0 && inq.peripheral_type <= 0x1f);
		FZ_CHECK(inq.tpgs >= 0 && inq.tpgs <= 3);
	}
	run_wwid(vpd_wwid_from_pg83, pg, len, v, m, cut);
	run_wwid(vpd_wwid_from_pg80, pg, len, v, m, cut);
	run_serial(pg, len, cut);
	run_uid(pg, len, v, m, cut);
	free(pg);
	return 0;
}
