/* Pure: udev's identity properties from VPD facts, under scsi_id's or sg3-utils-udev's
 * ranking (uid.h). scsi_id's half is vpd.c; this file holds what sg_inq --export and
 * 55-scsi-sg3_id.rules make of the same pages, and the property lookup. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uid.h"

#define VENDOR_LEN 8
#define MODEL_LEN  16
#define SG3_SERIAL_MAX 251   /* sg_inq copies a page 0x80 into 252 bytes, NUL included */
#define SG3_VENDOR_MAX 128   /* longer vendor specific designators are not exported */

static const char *const rank_names[] = { "scsi_id", "sg3_utils" };

const char *uid_ranking_name(enum uid_ranking r)
{
	return (unsigned int)r < 2 ? rank_names[r] : NULL;
}

int uid_ranking_parse(const char *s, enum uid_ranking *r)
{
	size_t b, n;

	if (!s || !r)
		return -EINVAL;
	b = strspn(s, " \t\r\n");
	n = strlen(s + b);
	while (n && strchr(" \t\r\n", s[b + n - 1]))
		n--;
	for (int i = 0; i < 2; i++)
		if (strlen(rank_names[i]) == n && !strncmp(s + b, rank_names[i], n)) {
			*r = (enum uid_ranking)i;
			return 0;
		}
	return -EINVAL;
}

static const char *const src_names[UID_SRC_COUNT] = {
	[UID_SRC_NONE] = "none",
	[UID_SRC_NAA_REGEXT] = "NAA IEEE Registered Extended",
	[UID_SRC_NAA_REG] = "NAA IEEE Registered",
	[UID_SRC_NAA_EXT] = "NAA IEEE Extended",
	[UID_SRC_NAA_LOCAL] = "NAA locally assigned",
	[UID_SRC_NAA_OTHER] = "NAA",
	[UID_SRC_EUI64] = "EUI-64",
	[UID_SRC_NAME] = "SCSI name string",
	[UID_SRC_T10] = "T10 vendor id",
	[UID_SRC_ATA] = "T10 vendor id of an ATA disk",
	[UID_SRC_VENDOR] = "vendor specific",
	[UID_SRC_SERIAL] = "unit serial number (page 0x80)",
	[UID_SRC_SCSI2] = "SCSI-2 style page 0x83",
};

const char *uid_source_name(enum uid_source s)
{
	return (unsigned int)s < UID_SRC_COUNT ? src_names[s] : "?";
}

/* ---- sg_inq --export, as the rule imports it ---- */

/* Exported names, in the order the rule's ID_SERIAL lines consult them. */
enum sg3_key {
	K_ATA, K_NAA_REGEXT, K_NAA_REG, K_NAA_EXT, K_EUI64, K_NAME, K_T10, K_NAA_LOCAL,
	K_LUN_VENDOR, K_SERIAL, K_VENDOR, K_MODEL, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"SCSI_IDENT_LUN_ATA", "SCSI_IDENT_LUN_NAA_REGEXT", "SCSI_IDENT_LUN_NAA_REG",
	"SCSI_IDENT_LUN_NAA_EXT", "SCSI_IDENT_LUN_EUI64", "SCSI_IDENT_LUN_NAME",
	"SCSI_IDENT_LUN_T10", "SCSI_IDENT_LUN_NAA_LOCAL", "SCSI_IDENT_LUN_VENDOR",
	"SCSI_IDENT_SERIAL", "SCSI_VENDOR", "SCSI_MODEL",
};

/* The ID_SERIAL lines of 55-scsi-sg3_id.rules after the ATA one: key, prefix, source. */
static const struct { enum sg3_key k; char prefix; enum uid_source src; } sg3_order[] = {
	{ K_NAA_REGEXT, '3', UID_SRC_NAA_REGEXT },
	{ K_NAA_REG, '3', UID_SRC_NAA_REG },
	{ K_NAA_EXT, '3', UID_SRC_NAA_EXT },
	{ K_EUI64, '2', UID_SRC_EUI64 },
	{ K_NAME, '8', UID_SRC_NAME },
	{ K_T10, '1', UID_SRC_T10 },
	{ K_NAA_LOCAL, '3', UID_SRC_NAA_LOCAL },
	{ K_LUN_VENDOR, '0', UID_SRC_VENDOR },
	{ K_SERIAL, 'S', UID_SRC_SERIAL },
};

struct sg3_env {
	char *v[K_COUNT];      /* malloc'ed, as udev stored it; NULL = unset */
	int desig[K_COUNT];    /* designator that set it, -1 page 0x80 / INQUIRY */
	int nomem;
};

static void env_free(struct sg3_env *e)
{
	for (int k = 0; k < K_COUNT; k++)
		free(e->v[k]);
}

/* udev's import of one "KEY=value" line (systemd 252 get_property_from_string): the
 * value ends at the line end, is trimmed of " \t\n\r", an empty one is ignored (the
 * earlier value stays), and one pair of matching quotes is removed; a value that opens
 * a quote it does not close is ignored. Takes val (malloc'ed) over. */
static void env_set(struct sg3_env *e, enum sg3_key k, char *val, int desig)
{
	char *s, *end;
	size_t n;

	if (!val) {
		e->nomem = 1;
		return;
	}
	val[strcspn(val, "\n")] = '\0';
	s = val + strspn(val, " \t\r");
	n = strlen(s);
	while (n && strchr(" \t\r", s[n - 1]))
		n--;
	s[n] = '\0';
	if (n && (s[0] == '"' || s[0] == '\'')) {
		if (n == 1 || s[n - 1] != s[0])
			n = 0;
		else {
			s[n - 1] = '\0';
			s++;
			n -= 2;
		}
	}
	if (!n) {
		free(val);
		return;
	}
	end = malloc(n + 1);
	if (!end) {
		e->nomem = 1;
		free(val);
		return;
	}
	memcpy(end, s, n + 1);
	free(val);
	free(e->v[k]);
	e->v[k] = end;
	e->desig[k] = desig;
}

static int sg3_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int sg3_print(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* sg_inq's text encoding (encode_whitespaces in sg3-utils 1.46), as observed: leading
 * blanks dropped, then leading control bytes; trailing blanks and NULs dropped; each
 * run of blanks -> one '_' (none right after a '_'); a NUL is skipped, a second one in
 * a row ends the text; other unprintable bytes -> '.'; a text with no printable byte
 * and no '_' is empty. out holds n + 1 bytes. Returns the length. */
static size_t sg3_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i = 0, end = n, k = 0;
	int valid = 0, nul = 0;

	while (i < n && sg3_blank(in[i]))
		i++;
	while (i < n && in[i] < 0x20)
		i++;
	while (end > i && (sg3_blank(in[end - 1]) || !in[end - 1]))
		end--;
	for (; i < end; i++) {
		unsigned char c = in[i];

		if (sg3_blank(c)) {
			if (k && out[k - 1] != '_') {
				out[k++] = '_';
				valid = 1;
			}
			nul = 0;
		} else if (!c) {
			if (nul)
				break;
			nul = 1;
		} else if (!sg3_print(c)) {
			out[k++] = '.';
			nul = 0;
		} else {
			out[k++] = (char)c;
			valid = 1;
			nul = 0;
		}
	}
	if (!valid)
		k = 0;
	out[k] = '\0';
	return k;
}

static int udev_safe(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("#+-.:=@_", c));
}

/* Encoded text with bytes outside udev's set as "\xNN"; NULL when out of memory. */
static char *sg3_text(const unsigned char *in, size_t n, size_t *enc_len)
{
	char *enc = malloc(n + 1), *out;
	size_t k, j = 0;

	if (!enc)
		return NULL;
	k = sg3_encode(in, n, enc);
	if (enc_len)
		*enc_len = k;
	out = malloc(4 * k + 1);
	if (out) {
		for (size_t i = 0; i < k; i++) {
			unsigned char c = (unsigned char)enc[i];

			if (udev_safe(c))
				out[j++] = (char)c;
			else
				j += (size_t)sprintf(out + j, "\\x%02x", c);
		}
		out[j] = '\0';
	}
	free(enc);
	return out;
}

static char *hex(const unsigned char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *out = malloc(2 * n + 1);

	if (out) {
		for (size_t i = 0; i < n; i++) {
			out[2 * i] = digits[p[i] >> 4];
			out[2 * i + 1] = digits[p[i] & 0x0f];
		}
		out[2 * n] = '\0';
	}
	return out;
}

static enum sg3_key naa_key(unsigned char first)
{
	switch (first >> 4) {
	case 6: return K_NAA_REGEXT;
	case 5: return K_NAA_REG;
	case 2: return K_NAA_EXT;
	default: return K_NAA_LOCAL;
	}
}

/* One logical-unit designator as sg_inq exports it. */
static void export_desig(struct sg3_env *e, const struct vpd_desig *d, int i)
{
	int text = d->code_set == 2 || d->code_set == 3;
	size_t k;
	char *s;

	switch (d->type) {
	case 0:   /* vendor specific */
		if (!d->len || d->len > SG3_VENDOR_MAX)
			break;
		env_set(e, K_LUN_VENDOR, text ? sg3_text(d->id, d->len, NULL) : hex(d->id, d->len), i);
		break;
	case 1:   /* T10 vendor id; an ATA disk's ("ATA" + blanks) also as the ATA id */
		if (!text) {
			env_set(e, K_T10, hex(d->id, d->len), i);
			break;
		}
		env_set(e, K_T10, sg3_text(d->id, d->len, NULL), i);
		s = malloc((size_t)d->len + 1);
		if (!s) {
			e->nomem = 1;
			break;
		}
		k = sg3_encode(d->id, d->len, s);
		if (k >= 4 && !memcmp(s, "ATA_", 4)) {
			memmove(s, s + 4, k - 3);
			env_set(e, K_ATA, s, i);
		} else {
			free(s);
		}
		break;
	case 2:   /* EUI-64 */
		if (d->code_set == 1)
			env_set(e, K_EUI64, hex(d->id, d->len), i);
		break;
	case 3:   /* NAA */
		if (d->code_set == 1 && d->len)
			env_set(e, naa_key(d->id[0]), hex(d->id, d->len), i);
		break;
	case 8:   /* SCSI name string: printed raw, up to a NUL */
		if (d->code_set == 3) {
			k = strnlen((const char *)d->id, d->len);
			s = malloc(k + 1);
			if (s) {
				memcpy(s, d->id, k);
				s[k] = '\0';
			}
			env_set(e, K_NAME, s, i);
		}
		break;
	default:
		break;
	}
}

/* A field of the standard INQUIRY, as sysfs gave it (maybe trimmed): padded back. */
static void export_inquiry_field(struct sg3_env *e, enum sg3_key k, const char *f, size_t width)
{
	unsigned char field[MODEL_LEN];
	char out[MODEL_LEN + 1];
	size_t n = f ? strnlen(f, width) : 0;

	memset(field, ' ', width);
	if (n)
		memcpy(field, f, n);
	if (sg3_encode(field, width, out))
		env_set(e, k, strdup(out), -1);
}

static int sg3_export(const struct uid_facts *f, struct sg3_env *e)
{
	memset(e, 0, sizeof(*e));
	export_inquiry_field(e, K_VENDOR, f->vendor, VENDOR_LEN);
	export_inquiry_field(e, K_MODEL, f->model, MODEL_LEN);
	if (f->pg80) {
		size_t n;

		if (f->pg80_len < 4 || f->pg80[1] != 0x80)
			return -EINVAL;
		n = ((size_t)f->pg80[2] << 8 | f->pg80[3]);
		if (n > f->pg80_len - 4)
			n = f->pg80_len - 4;
		if (n > SG3_SERIAL_MAX)
			n = SG3_SERIAL_MAX;
		if (n)
			env_set(e, K_SERIAL, sg3_text(f->pg80 + 4, n, NULL), -1);
	}
	if (f->pg83 && f->pg83->scsi2) {
		/* sg_inq takes the whole body as one binary NAA designator */
		if (f->pg83->body_len)
			env_set(e, naa_key(f->pg83->body[0]), hex(f->pg83->body, f->pg83->body_len), -1);
	} else if (f->pg83) {
		for (size_t i = 0; i < f->pg83->n; i++) {
			const struct vpd_desig *d = &f->pg83->d[i];

			if (d->assoc == 3)
				break;   /* sg_inq stops at an invalid association */
			if (d->assoc == 0)
				export_desig(e, d, (int)i);
		}
	}
	return e->nomem ? -ENOMEM : 0;
}

/* ---- The properties ---- */

struct props {
	char *serial, *serial_short, *wwn, *wwn_ext, *scsi_serial;   /* malloc'ed or NULL */
	enum uid_source src;
	int desig, fallback;
};

static void props_free(struct props *p)
{
	free(p->serial);
	free(p->serial_short);
	free(p->wwn);
	free(p->wwn_ext);
	free(p->scsi_serial);
}

static char *cat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 1);

	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, b, lb + 1);
	}
	return s;
}

static void set_prop(char **slot, char *val, int *nomem)
{
	if (!val)
		*nomem = 1;
	free(*slot);
	*slot = val;
}

static enum uid_source sid_source(const struct vpd_sid *sid, const struct vpd_pg83 *pg)
{
	const struct vpd_desig *d;

	if (sid->from == VPD_FROM_PG80)
		return UID_SRC_SERIAL;
	if (sid->from == VPD_FROM_SCSI2)
		return UID_SRC_SCSI2;
	if (sid->from != VPD_FROM_PG83 || sid->desig < 0)
		return UID_SRC_NONE;
	d = &pg->d[sid->desig];
	switch (d->type) {
	case 0: return UID_SRC_VENDOR;
	case 1: return UID_SRC_T10;
	case 2: return UID_SRC_EUI64;
	default:
		switch (d->len ? d->id[0] >> 4 : 0) {
		case 6: return UID_SRC_NAA_REGEXT;
		case 5: return UID_SRC_NAA_REG;
		default: return UID_SRC_NAA_OTHER;
		}
	}
}

/* page 0x80's raw serial (byte 3 bytes, up to a NUL): scsi_id's ID_SCSI_SERIAL, which it
 * prints unfolded when it used page 0x83 (udev then trims it). */
static char *raw_pg80(const struct uid_facts *f)
{
	size_t n;
	char *s;

	if (!f->pg80 || f->pg80_len < 4 || f->pg80[1] != 0x80)
		return NULL;
	n = f->pg80[3];
	if (n > f->pg80_len - 4)
		n = f->pg80_len - 4;
	n = strnlen((const char *)f->pg80 + 4, n);
	s = malloc(n + 1);
	if (s) {
		memcpy(s, f->pg80 + 4, n);
		s[n] = '\0';
	}
	return s;
}

/* What scsi_id --export gives: 0, -ENODATA (it prints nothing), -errno. */
static int scsi_id_props(const struct uid_facts *f, struct props *p)
{
	char folded[256];
	struct vpd_sid sid;
	int r = vpd_scsi_id(f->pg83, f->pg80, f->pg80_len, f->vendor, f->model, &sid);
	int nomem = 0;

	if (r)
		return r;
	vpd_udev_fold(sid.serial, folded);
	set_prop(&p->serial, strdup(folded), &nomem);
	vpd_udev_fold(sid.serial_short, folded);
	set_prop(&p->serial_short, strdup(folded), &nomem);
	if (sid.wwn[0]) {
		char w[40];

		snprintf(w, sizeof(w), "0x%s", sid.wwn);
		set_prop(&p->wwn, strdup(w), &nomem);
		snprintf(w, sizeof(w), "0x%s%s", sid.wwn, sid.wwn_ext);
		set_prop(&p->wwn_ext, strdup(w), &nomem);
	}
	if (sid.from != VPD_FROM_PG80 && f->pg80) {
		struct sg3_env tmp = { 0 };   /* udev's import trims it */
		char *raw = raw_pg80(f);

		if (raw && vpd_text_clean(raw)) {
			env_set(&tmp, K_SERIAL, raw, -1);
			if (tmp.v[K_SERIAL])
				set_prop(&p->scsi_serial, tmp.v[K_SERIAL], &nomem);
		} else {
			nomem |= !raw;
			free(raw);
		}
	}
	p->src = sid_source(&sid, f->pg83);
	p->desig = sid.desig;
	return nomem ? -ENOMEM : 0;
}

/* 55-scsi-sg3_id.rules' compat lines over the exported values. */
static int sg3_props(const struct uid_facts *f, struct props *p, struct sg3_env *e)
{
	static const enum sg3_key naa_order[] = { K_NAA_REGEXT, K_NAA_REG, K_NAA_EXT, K_NAA_LOCAL };
	int nomem = 0, r = sg3_export(f, e);

	if (r)
		return r;
	for (size_t i = 0; i < sizeof(naa_order) / sizeof(naa_order[0]); i++)
		if (e->v[naa_order[i]]) {
			char w[19];

			set_prop(&p->wwn_ext, cat("0x", e->v[naa_order[i]]), &nomem);
			snprintf(w, sizeof(w), "0x%.16s", e->v[naa_order[i]]);
			set_prop(&p->wwn, strdup(w), &nomem);
			break;
		}
	if (e->v[K_ATA]) {
		set_prop(&p->serial, strdup(e->v[K_ATA]), &nomem);
		p->src = UID_SRC_ATA;
		p->desig = e->desig[K_ATA];
	}
	if (e->v[K_VENDOR] && !strcmp(e->v[K_VENDOR], "ATA") && e->v[K_LUN_VENDOR])
		set_prop(&p->serial_short, strdup(e->v[K_LUN_VENDOR]), &nomem);
	for (size_t i = 0; i < sizeof(sg3_order) / sizeof(sg3_order[0]) && !p->serial; i++) {
		enum sg3_key k = sg3_order[i].k;
		char pre[2] = { sg3_order[i].prefix, '\0' };
		char *s, *t;

		if (!e->v[k])
			continue;
		if (k == K_LUN_VENDOR || k == K_SERIAL) {
			/* "0"/"S" + $env{SCSI_VENDOR}_$env{SCSI_MODEL}_ + value */
			const char *v = e->v[K_VENDOR] ? e->v[K_VENDOR] : "";
			const char *m = e->v[K_MODEL] ? e->v[K_MODEL] : "";
			size_t n = 1 + strlen(v) + 1 + strlen(m) + 1 + strlen(e->v[k]) + 1;

			s = malloc(n);
			if (s)
				snprintf(s, n, "%s%s_%s_%s", pre, v, m, e->v[k]);
		} else {
			s = cat(pre, e->v[k]);
		}
		t = strdup(e->v[k]);
		set_prop(&p->serial, s, &nomem);
		set_prop(&p->serial_short, t, &nomem);
		p->src = sg3_order[i].src;
		p->desig = e->desig[k];
	}
	if (e->v[K_SERIAL])
		set_prop(&p->scsi_serial, strdup(e->v[K_SERIAL]), &nomem);
	if (!p->serial) {
		/* 60-persistent-storage.rules runs scsi_id when ID_SERIAL is still unset;
		 * what it prints replaces what the sg3 rule set. */
		struct props sid = { .desig = -1 };

		r = scsi_id_props(f, &sid);
		if (!r) {
			set_prop(&p->serial, sid.serial, &nomem);
			set_prop(&p->serial_short, sid.serial_short, &nomem);
			if (sid.wwn) {
				set_prop(&p->wwn, sid.wwn, &nomem);
				set_prop(&p->wwn_ext, sid.wwn_ext, &nomem);
			} else {
				free(sid.wwn_ext);
			}
			if (sid.scsi_serial)
				set_prop(&p->scsi_serial, sid.scsi_serial, &nomem);
			p->src = sid.src;
			p->desig = sid.desig;
			p->fallback = 1;
		} else if (r != -ENODATA) {
			return r;
		}
	}
	return nomem ? -ENOMEM : 0;
}

/* ---- uid_attribute "": multipath-tools' own reading of page 0x83 ---- */

/* Its priority of a designator (0.9.4 parse_vpd_pg83): higher wins, the first of equals;
 * -1 none. *bad: a designator it calls invalid (skipped, but noted). */
static int mpt_prio(const struct vpd_desig *d)
{
	static const struct { unsigned char naa, prio, len; } naa[] = {
		{ 6, 8, 16 }, { 5, 7, 8 }, { 2, 6, 8 }, { 3, 1, 8 },
	};

	if (d->assoc != 0)
		return -1;
	switch (d->type) {
	case 3:
		for (size_t i = 0; i < sizeof(naa) / sizeof(naa[0]); i++)
			if (d->len && d->id[0] >> 4 == naa[i].naa)
				return d->len == naa[i].len ? naa[i].prio : -1;
		return -1;
	case 2:
		return d->len == 8 || d->len == 12 || d->len == 16 ? 4 : -1;
	case 8:
		return d->len >= 4 && (!memcmp(d->id, "eui.", 4) || !memcmp(d->id, "naa.", 4) ||
				       !memcmp(d->id, "iqn.", 4)) ? 3 : -1;
	case 1:
		return d->len >= 8 ? 2 : -1;
	default:
		return -1;
	}
}

/* Its WWID text: type digit + hex (NAA, EUI-64, whatever the code set), "2"/"3"/"8" +
 * the rest of a name string (lowercased for eui./naa.), "1" + a T10 id with each run of
 * spaces one '_' (a trailing run dropped); up to a NUL; trailing blanks stripped. */
static char *mpt_text(const struct vpd_desig *d)
{
	size_t n = d->len > 128 ? 128 : d->len, j = 1;   /* it caps at WWID_SIZE bytes */
	char *s = malloc(2 * n + 2);

	if (!s)
		return NULL;
	if (d->type == 2 || d->type == 3) {
		char *h = hex(d->id, n);

		if (!h) {
			free(s);
			return NULL;
		}
		s[0] = (char)('0' + d->type);
		strcpy(s + 1, h);
		free(h);
	} else if (d->type == 8) {
		s[0] = !memcmp(d->id, "eui.", 4) ? '2' : !memcmp(d->id, "naa.", 4) ? '3' : '8';
		memcpy(s + 1, d->id + 4, n - 4);
		s[n - 3] = '\0';
		if (s[0] != '8')
			for (char *c = s; *c; c++)
				*c = (char)tolower((unsigned char)*c);
	} else {
		s[0] = '1';
		for (size_t i = 0; i < n; i++) {
			if (d->id[i] != ' ') {
				s[j++] = (char)d->id[i];
				continue;
			}
			while (i + 1 < n && d->id[i + 1] == ' ')
				i++;
			if (i + 1 < n)
				s[j++] = '_';
		}
		s[j] = '\0';
	}
	for (j = strlen(s); j && s[j - 1] == ' '; j--)
		s[j - 1] = '\0';
	return s;
}

static int mpt_props(const struct uid_facts *f, struct props *p)
{
	int best = -1, prio = 0;

	if (!f->pg83 || f->pg83->scsi2)
		return -ENODATA;
	for (size_t i = 0; i < f->pg83->n; i++) {
		int np = mpt_prio(&f->pg83->d[i]);

		if (np > prio) {
			prio = np;
			best = (int)i;
		}
	}
	if (best < 0)
		return -ENODATA;
	p->serial = mpt_text(&f->pg83->d[best]);
	if (!p->serial)
		return -ENOMEM;
	if (!p->serial[0] || !p->serial[1]) {
		free(p->serial);
		p->serial = NULL;
		return -ENODATA;
	}
	p->desig = best;
	switch (f->pg83->d[best].type) {
	case 1: p->src = UID_SRC_T10; break;
	case 2: p->src = UID_SRC_EUI64; break;
	case 8: p->src = UID_SRC_NAME; break;
	default:
		p->src = prio == 8 ? UID_SRC_NAA_REGEXT : prio == 7 ? UID_SRC_NAA_REG :
			 prio == 6 ? UID_SRC_NAA_EXT : UID_SRC_NAA_LOCAL;
	}
	return 0;
}

int uid_value(const char *attr, const struct uid_facts *f, enum uid_ranking r,
	      char *out, size_t size, struct uid_choice *why)
{
	struct props p = { .desig = -1 };
	struct sg3_env e = { 0 };
	const char *val = NULL;
	int e_r;

	if (out && size)
		*out = '\0';
	if (why) {
		memset(why, 0, sizeof(*why));
		why->ranking = r;
		why->desig = -1;
	}
	if (!f || !out || size < 2 || (r != UID_RANK_SCSI_ID && r != UID_RANK_SG3))
		return -EINVAL;
	if (attr && !*attr) {
		/* uid_attribute "": multipath-tools reads page 0x83 itself, its own way */
		e_r = mpt_props(f, &p);
		attr = "ID_SERIAL";
	} else {
		if (!attr)
			attr = "ID_SERIAL";
		e_r = r == UID_RANK_SG3 ? sg3_props(f, &p, &e) : scsi_id_props(f, &p);
	}
	if (e_r && e_r != -ENODATA)
		goto out;
	e_r = -ENOTSUP;
	if (!strcmp(attr, "ID_SERIAL"))
		val = p.serial;
	else if (!strcmp(attr, "ID_SERIAL_SHORT"))
		val = p.serial_short;
	else if (!strcmp(attr, "ID_WWN"))
		val = p.wwn;
	else if (!strcmp(attr, "ID_WWN_WITH_EXTENSION"))
		val = p.wwn_ext;
	else if (!strcmp(attr, "ID_SCSI_SERIAL"))
		val = p.scsi_serial;
	else if (r == UID_RANK_SG3) {
		int k;

		for (k = 0; k < K_COUNT && strcmp(attr, key_names[k]); k++)
			;
		if (k == K_COUNT)
			goto out;
		val = e.v[k];
		p.src = UID_SRC_NONE;
		p.desig = e.desig[k];
	} else {
		goto out;
	}
	e_r = -ENODATA;
	if (!val)
		goto out;
	e_r = vpd_fit_id(val, out, size);
	if (e_r >= 0 && why) {
		why->src = p.src;
		why->desig = p.desig;
		why->fallback = p.fallback;
		why->hashed = e_r == 1;
	}
out:
	props_free(&p);
	env_free(&e);
	return e_r;
}

const char *uid_attrs_lookup(const char *uid_attrs, const char *dev, char *out, size_t size)
{
	const char *s = uid_attrs;

	if (!s || !dev || !out || !size)
		return NULL;
	while (*(s += strspn(s, " \t\r\n"))) {
		size_t n = strcspn(s, " \t\r\n");
		const char *col = NULL;

		for (size_t i = 0; i < n; i++)
			if (s[i] == ':')
				col = s + i;
		if (col && !strncmp(dev, s, (size_t)(col - s))) {
			size_t an = n - (size_t)(col + 1 - s);

			if (an >= size)
				return NULL;
			memcpy(out, col + 1, an);
			out[an] = '\0';
			return out;
		}
		s += n;
	}
	return NULL;
}
