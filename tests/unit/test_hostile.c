/* Hostile device strings: vendor/model/serial/VPD text with control characters, '%',
 * very long or non-UTF-8 bytes. They reach the user only escaped (print.h,
 * topology.h), never act as a format string, never overflow a buffer; the VPD
 * decoders turn them into udev-safe identifiers within the caller's buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "print.h"
#include "topology.h"
#include "vpd.h"
#include "helpers.h"

/* Every byte 0x01..0xff once, then the usual suspects. */
static char all_bytes[256];
static const char evil[] = "\x1b[2J\x1b]0;pwned\x07%n%s%x%%\\\r\n\t\x7f\xff\xfe\xc0\xaf"
			   "\xed\xa0\x80\xc2\x9b" "31m\x9b" "0m";

static int setup(void **state)
{
	(void)state;
	for (int i = 1; i < 256; i++)
		all_bytes[i - 1] = (char)i;
	return 0;
}

/* Only printable ASCII and newlines; returns the number of newlines. */
static size_t assert_printable(const char *s)
{
	size_t nl = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			nl++;
		else if (c < 0x20 || c > 0x7e)
			fail_msg("unescaped byte 0x%02x in output", c);
	}
	return nl;
}

/* Undo print_escaped: "\xHH" -> the byte. */
static void unescape(const char *s, char *out)
{
	while (*s) {
		if (s[0] == '\\') {
			unsigned int v;

			assert_int_equal(s[1], 'x');
			assert_int_equal(sscanf(s + 2, "%2x", &v), 1);
			*out++ = (char)v;
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

/* ---- print_escaped ---- */

static void escape_is_lossless_and_printable(void **state)
{
	char out[4 * 256], back[256];

	(void)state;
	print_escaped(out, sizeof(out), all_bytes);
	assert_int_equal(assert_printable(out), 0);   /* even '\n' is escaped */
	assert_int_equal(strlen(out), 95 - 1 + 4 * (255 - 95 + 1));   /* '\\' escaped too */
	unescape(out, back);
	assert_string_equal(back, all_bytes);

	print_escaped(out, sizeof(out), evil);
	assert_string_equal(out, "\\x1b[2J\\x1b]0;pwned\\x07%n%s%x%%\\x5c\\x0d\\x0a\\x09\\x7f"
				 "\\xff\\xfe\\xc0\\xaf\\xed\\xa0\\x80\\xc2\\x9b31m\\x9b0m");
}

/* Every buffer size: terminated, within bounds, a prefix of the full escaping that
 * never ends inside an escape. */
static void escape_bounds(void **state)
{
	char full[4 * sizeof(evil)], buf[4 * sizeof(evil) + 16];

	(void)state;
	print_escaped(full, sizeof(full), evil);
	for (size_t size = 0; size <= strlen(full) + 1; size++) {
		size_t n;

		memset(buf, 0xAA, sizeof(buf));
		print_escaped(buf, size, evil);
		for (size_t i = size; i < sizeof(buf); i++)
			assert_int_equal((unsigned char)buf[i], 0xAA);
		if (!size)
			continue;
		n = strlen(buf);
		assert_true(n < size);
		assert_memory_equal(buf, full, n);
		/* cut on a unit boundary: what follows in full starts a unit ... */
		assert_true(full[n] == '\0' || n == 0 || buf[n - 1] != '\\');
		for (size_t i = 0; i < n; i++)
			if (buf[i] == '\\')
				assert_true(i + 3 < n);    /* ... and no escape is cut short */
		/* as much as fits: at most one unit (4 chars) of room left unused */
		assert_true(n + 4 >= size - 1 || full[n] == '\0');
	}
}

static void escape_long_strings(void **state)
{
	char in[1001], *out = malloc(4001), small[100];

	(void)state;
	assert_non_null(out);
	memset(in, 0x1b, 1000);
	in[1000] = '\0';
	print_escaped(out, 4001, in);
	assert_int_equal(strlen(out), 4000);
	print_escaped(out, 4000, in);              /* one byte short: the last escape goes */
	assert_int_equal(strlen(out), 3996);
	print_escaped(small, sizeof(small), in);
	assert_int_equal(strlen(small), 96);
	memset(in, '%', 1000);
	print_escaped(out, 4001, in);
	assert_int_equal(strlen(out), 1000);
	assert_int_equal(strspn(out, "%"), 1000);
	free(out);
}

/* ---- path lines ---- */

static struct path hostile_path(const char *dev, unsigned int minor)
{
	struct path p = mkpath(dev, 8, minor, "", "", 1, 0, 0);

	/* Fill every device-supplied field to its very last byte. */
	memcpy(p.vendor, "\x1b[31m%n!", 8);
	memcpy(p.model, "%s%s%s%s\xff\xfe\r\n%n\x07Z", 16);
	memset(p.serial, 0x9b, SERIAL_SIZE - 1);
	memset(p.wwid, 0, sizeof(p.wwid));
	for (size_t i = 0; i < WWID_SIZE - 1; i++)      /* C1 CSI as valid UTF-8: U+009B */
		p.wwid[i] = i % 2 ? (char)0x9b : (char)0xc2;
	memset(p.sysfs_state, '\n', SYSFS_STATE_SIZE - 1);
	snprintf(p.errmsg, sizeof(p.errmsg), "%s: INQUIRY failed: %s", dev, evil);
	return p;
}

static void path_lines(void **state)
{
	struct path p = hostile_path("sdq", 16);
	char *out = NULL, w[4 * WWID_SIZE], back[WWID_SIZE];
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	assert_non_null(f);
	print_path_line(f, &p);
	print_member_line(f, &p);
	print_path_detail(f, &p);
	fclose(f);
	/* 4 lines: path, member, detail, error message; nothing injected a line break */
	assert_int_equal(assert_printable(out), 4);
	assert_non_null(strstr(out, "[\\x1b[31m%n! %s%s%s%s\\xff\\xfe\\x0d\\x0a%n\\x07Z]"));
	assert_non_null(strstr(out, "sysfs=\\x0a\\x0a"));
	assert_non_null(strstr(out, "serial=\\x9b\\x9b"));
	/* the whole 128-byte WWID, escaped, leads the path line */
	assert_int_equal(strcspn(out, " "), 4 * (WWID_SIZE - 1));
	memcpy(w, out, 4 * (WWID_SIZE - 1));
	w[4 * (WWID_SIZE - 1)] = '\0';
	unescape(w, back);
	assert_string_equal(back, p.wwid);
	free(out);
}

/* A map name far longer than any real one is cut, not overflowed. */
static void map_line_long_name(void **state)
{
	char name[1001], *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	memset(name, 0xff, 1000);
	name[1000] = '\0';
	print_map_line(f, name, 2048, "0 0 1 1 round-robin 0 1 1 8:16 1");
	fclose(f);
	assert_int_equal(assert_printable(out), 1);
	/* n[4 * WWID_SIZE]: 128 escapes fit with the NUL */
	assert_int_equal(strcspn(out, ":"), 4 * 128);
	assert_non_null(strstr(out, ":0 2048 multipath 0 0 1 1 round-robin"));
	free(out);
}

static void paths_and_multipaths(void **state)
{
	struct pathvec pv;
	struct mpvec mv;
	struct multipath m;
	size_t idx[2] = { 0, 1 };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct path a = hostile_path("sdq", 16), b = hostile_path("sdr", 32);

	(void)state;
	memset(&pv, 0, sizeof(pv));
	assert_int_equal(pathvec_add(&pv, &a), 0);
	assert_int_equal(pathvec_add(&pv, &b), 0);
	memset(&m, 0, sizeof(m));
	memcpy(m.wwid, a.wwid, sizeof(m.wwid));
	m.idx = idx;
	m.n = 2;
	mv.m = &m;
	mv.n = 1;
	print_paths_and_multipaths(f, &pv, &mv, 1);
	fclose(f);
	/* 2 x (path, detail, error), blank, wwid, 2 members, blank */
	assert_int_equal(assert_printable(out), 11);
	free(out);
	pathvec_free(&pv);
}

/* ---- topology (-ll) ---- */

static void hostile_map(struct topo_map *m, struct topo_path *tp)
{
	memset(m, 0, sizeof(*m));
	memset(tp, 0, 2 * sizeof(*tp));
	memset(m->name, 0x1b, sizeof(m->name) - 1);
	memset(m->wwid, '"', sizeof(m->wwid) - 1);
	memcpy(m->vendor, "%n\xff\\\"\n\t", 8);
	memcpy(m->product, "\xc2\x9b" "2J%s%s\r\x7f\x80\x81\x82\x83\x84\x85", 16);
	snprintf(m->uuid, sizeof(m->uuid), "mpath-%s", evil);
	strcpy(m->sysfs, "dm-3");
	strcpy(m->features, "0");
	strcpy(m->hwhandler, "0");
	m->size = 2048;
	m->pg = calloc(1, sizeof(*m->pg));
	assert_non_null(m->pg);
	m->npg = 1;
	strcpy(m->pg[0].selector, "round-robin 0");
	m->pg[0].status = "active";
	m->pg[0].paths = tp;
	m->pg[0].n = 2;
	for (int i = 0; i < 2; i++) {
		snprintf(tp[i].dev, sizeof(tp[i].dev), "sd%c", 'b' + i);
		snprintf(tp[i].devt, sizeof(tp[i].devt), "8:%d", 16 * (i + 1));
		strcpy(tp[i].hctl, "1:0:0:0");
		tp[i].dm_state = "active";
		tp[i].checker_state = "ready";
		memcpy(tp[i].sysfs_state, "\x1b[8m%n\"\\\xff\x01zz", 12);
	}
}

static void topology_text(void **state)
{
	struct topo_map m;
	struct topo_path tp[2];
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	hostile_map(&m, tp);
	topo_print_map(f, &m);
	fclose(f);
	/* name line, size line, group line, 2 path lines */
	assert_int_equal(assert_printable(out), 5);
	assert_non_null(strstr(out, "%n\\xff\\x5c\"\\x0a\\x09,\\xc2\\x9b2J%s%s\\x0d\\x7f\\x80"));
	assert_non_null(strstr(out, "\\x1b[8m%n\"\\x5c\\xff\\x01zz"));
	free(out);
	free(m.pg);
}

/* A small JSON syntax check: enough to show hostile strings cannot break out. */
static const char *json_value(const char *s);

static const char *json_ws(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

static const char *json_string(const char *s)
{
	if (*s++ != '"')
		return NULL;
	while (*s != '"') {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c > 0x7e)      /* hostile input: nothing printable above ASCII */
			return NULL;
		if (c == '\\') {
			s++;
			if (*s == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
						return NULL;
				s += 5;
				continue;
			}
			if (!*s || !strchr("\"\\/bfnrt", *s))
				return NULL;
		}
		s++;
	}
	return s + 1;
}

static const char *json_value(const char *s)
{
	s = json_ws(s);
	if (*s == '"')
		return json_string(s);
	if (*s == '{' || *s == '[') {
		char close = *s == '{' ? '}' : ']';

		s = json_ws(s + 1);
		if (*s == close)
			return s + 1;
		for (;;) {
			if (close == '}') {
				s = json_string(json_ws(s));
				if (!s || *(s = json_ws(s)) != ':')
					return NULL;
				s++;
			}
			if (!(s = json_value(s)))
				return NULL;
			s = json_ws(s);
			if (*s == close)
				return s + 1;
			if (*s++ != ',')
				return NULL;
		}
	}
	if (*s == '-' || (*s >= '0' && *s <= '9')) {
		s++;
		while (*s >= '0' && *s <= '9')
			s++;
		return s;
	}
	return NULL;
}

static void topology_json(void **state)
{
	struct topo_map m[2];
	struct topo_path tp[2][2];
	char *out = NULL;
	const char *end;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	hostile_map(&m[0], tp[0]);
	hostile_map(&m[1], tp[1]);
	topo_print_json(f, m, 2);
	fclose(f);
	assert_printable(out);
	end = json_value(out);
	if (!end)
		fail_msg("not JSON:\n%s", out);
	assert_string_equal(json_ws(end), "");
	assert_non_null(strstr(out, "\"vendor\": \"%n\\ufffd\\\\\\\"\\u000a\\u0009\""));
	free(out);
	free(m[0].pg);
	free(m[1].pg);
}

/* ---- VPD text fields ---- */

/* A page 0x83 with one logical-unit designator: code set cs, type, identifier id. */
static size_t pg83(unsigned char *buf, int cs, int type, const void *id, size_t len)
{
	buf[0] = 0;
	buf[1] = 0x83;
	buf[2] = (unsigned char)((4 + len) >> 8);
	buf[3] = (unsigned char)(4 + len);
	buf[4] = (unsigned char)cs;
	buf[5] = (unsigned char)type;
	buf[6] = 0;
	buf[7] = (unsigned char)len;
	memcpy(buf + 8, id, len);
	return 8 + len;
}

static size_t pg80(unsigned char *buf, const void *serial, size_t len)
{
	buf[0] = 0;
	buf[1] = 0x80;
	buf[2] = (unsigned char)(len >> 8);
	buf[3] = (unsigned char)len;
	memcpy(buf + 4, serial, len);
	return 4 + len;
}

/* What every decoder output must be: udev's safe set, "\x", valid UTF-8; no blank,
 * no control character, no '%'; the bytes after the terminator inside the caller's
 * buffer may be anything, but nothing past size was written (canary). */
static void assert_safe_id(const char *buf, size_t size)
{
	size_t n = strnlen(buf, size);

	assert_true(n < size);
	assert_int_equal((unsigned char)buf[size], 0xAA);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		assert_true(c > 0x20 && c != 0x7f && c != '%');
	}
}

static void vpd_t10_hostile(void **state)
{
	unsigned char page[300];
	char wwid[WWID_SIZE + 1];
	size_t len = pg83(page, 2, 1, evil, strlen(evil));

	(void)state;
	memset(wwid, 0xAA, sizeof(wwid));
	assert_int_equal(vpd_wwid_from_pg83(page, len, "V", "M", wwid, WWID_SIZE), 0);
	assert_safe_id(wwid, WWID_SIZE);
	/* controls, '%', '\\' (not starting "\x") -> '_'; a run of blanks -> one '_';
	 * invalid UTF-8 (overlong, surrogate, stray bytes) byte by byte -> '_'; a valid
	 * sequence stays, even U+009B (a C1 control): printing must escape WWIDs too */
	assert_string_equal(wwid, "1__2J__0_pwned__n_s_x____________\xc2\x9b" "31m_0m");
}

/* scsi_id's limit: an identifier over its buffer is not used; one longer than the
 * caller's size keeps a head cut on a UTF-8 boundary, then "=" and a hash of it all. */
static void vpd_t10_long(void **state)
{
	unsigned char page[300], id[250], big[255];
	char wwid[WWID_SIZE + 1];
	size_t len;

	(void)state;
	for (size_t i = 0; i < sizeof(id); i += 2) {      /* "é" x 125 */
		id[i] = 0xc3;
		id[i + 1] = 0xa9;
	}
	len = pg83(page, 2, 1, id, sizeof(id));
	memset(wwid, 0xAA, sizeof(wwid));
	assert_int_equal(vpd_wwid_from_pg83(page, len, "V", "M", wwid, WWID_SIZE), 0);
	assert_safe_id(wwid, WWID_SIZE);
	/* room for 111 head bytes: "1" + 55 x "é" (the 56th would straddle), "=", hash */
	assert_int_equal(strlen(wwid), 111 + 17);
	assert_int_equal((unsigned char)wwid[109], 0xc3);
	assert_int_equal((unsigned char)wwid[110], 0xa9);
	assert_int_equal(wwid[111], '=');
	/* 255 bytes: with prefix and NUL over scsi_id's 256-byte buffer, not used */
	memset(big, 'A', sizeof(big));
	len = pg83(page, 2, 1, big, sizeof(big));
	assert_int_equal(vpd_wwid_from_pg83(page, len, "V", "M", wwid, WWID_SIZE), -ENODATA);
	assert_string_equal(wwid, "");
}

static void vpd_vendor_specific_hostile(void **state)
{
	unsigned char page[64];
	char wwid[WWID_SIZE + 1];
	size_t len = pg83(page, 2, 0, "id%n\x1b", 5);

	(void)state;
	memset(wwid, 0xAA, sizeof(wwid));
	/* vendor/model text (sysfs) goes into the vendor-specific form: escaped the same */
	assert_int_equal(vpd_wwid_from_pg83(page, len, "%n\x1b", "\xff%s  \t", wwid, WWID_SIZE), 0);
	assert_safe_id(wwid, WWID_SIZE);
	assert_string_equal(wwid, "0_n____s_id_n_");
	/* over 8/16 bytes: not the INQUIRY fields, the vendor-specific form is refused */
	assert_int_equal(vpd_wwid_from_pg83(page, len, "123456789", "M", wwid, WWID_SIZE),
			 -ENODATA);
	assert_string_equal(wwid, "");
}

static void vpd_serial_hostile(void **state)
{
	unsigned char page[1100], big[1000];
	char serial[SERIAL_SIZE + 1], wwid[WWID_SIZE + 1];
	size_t len = pg80(page, evil, strlen(evil));

	(void)state;
	memset(serial, 0xAA, sizeof(serial));
	assert_int_equal(vpd_serial_from_pg80(page, len, serial, SERIAL_SIZE), 0);
	assert_safe_id(serial, SERIAL_SIZE);
	/* whitespace dropped (the group_by_serial key), the rest made safe */
	assert_string_equal(serial, "__2J__0_pwned__n_s_x___________\xc2\x9b" "31m_0m");
	memset(wwid, 0xAA, sizeof(wwid));
	assert_int_equal(vpd_wwid_from_pg80(page, len, "V%", "M\n", wwid, WWID_SIZE), 0);
	assert_safe_id(wwid, WWID_SIZE);

	/* 1000 bytes of serial: the key is cut to the buffer, the WWID form refused */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)("S\x1b%n"[i % 4]);
	len = pg80(page, big, sizeof(big));
	memset(serial, 0xAA, sizeof(serial));
	assert_int_equal(vpd_serial_from_pg80(page, len, serial, SERIAL_SIZE), 0);
	assert_safe_id(serial, SERIAL_SIZE);
	assert_int_equal(strlen(serial), SERIAL_SIZE - 1);
	memset(wwid, 0xAA, sizeof(wwid));
	assert_int_equal(vpd_wwid_from_pg80(page, len, "V", "M", wwid, WWID_SIZE), -ENODATA);
	assert_string_equal(wwid, "");
	assert_int_equal((unsigned char)wwid[WWID_SIZE], 0xAA);
}

/* Standard INQUIRY text is kept raw (the WWID forms need the exact bytes): bounded
 * and terminated whatever the bytes; printing escapes it. */
static void std_inquiry_hostile(void **state)
{
	unsigned char inq[36];
	struct std_inquiry si;
	struct path p = mkpath("sdz", 65, 16, "3600a", "", 0, 0, 0);
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	memset(inq, 0xff, sizeof(inq));
	memcpy(inq + 8, "%n%n\x1b[2J", 8);
	memcpy(inq + 16, "\r\n%s%s%s%s%s%s%s", 16);
	assert_int_equal(vpd_parse_std_inquiry(inq, sizeof(inq), &si), 0);
	assert_int_equal(strlen(si.vendor), 8);
	assert_int_equal(strlen(si.model), 16);
	assert_int_equal(strlen(si.rev), 4);
	strlcpy_safe(p.vendor, si.vendor, sizeof(p.vendor));
	strlcpy_safe(p.model, si.model, sizeof(p.model));
	f = open_memstream(&out, &len);
	print_path_line(f, &p);
	fclose(f);
	assert_string_equal(out, "3600a (0 0 0 0) /dev/sdz [%n%n\\x1b[2J \\x0d\\x0a%s%s%s%s%s%s%s]\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_is_lossless_and_printable),
		cmocka_unit_test(escape_bounds),
		cmocka_unit_test(escape_long_strings),
		cmocka_unit_test(path_lines),
		cmocka_unit_test(map_line_long_name),
		cmocka_unit_test(paths_and_multipaths),
		cmocka_unit_test(topology_text),
		cmocka_unit_test(topology_json),
		cmocka_unit_test(vpd_t10_hostile),
		cmocka_unit_test(vpd_t10_long),
		cmocka_unit_test(vpd_vendor_specific_hostile),
		cmocka_unit_test(vpd_serial_hostile),
		cmocka_unit_test(std_inquiry_hostile),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
