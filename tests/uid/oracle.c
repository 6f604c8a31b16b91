/* Our identity properties (libmultipath/uid.h) against the real tools, on generated
 * pages: every designator kind alone, every pair, all of them in both orders, with and
 * without a page 0x80, and hostile texts.
 *   scsi_id ranking:  Debian's /lib/udev/scsi_id --export, talking to a test double
 *                     (sgio_double.so, LD_PRELOAD) that serves the pages over SG_IO.
 *   sg3 ranking:      sg_inq --export --inhex=FILE --raw on each page (what the rule runs
 *                     on sysfs' copies), then the ID_* lines of the installed
 *                     55-scsi-sg3_id.rules interpreted over its output; if that sets no
 *                     ID_SERIAL, scsi_id's output (60-persistent-storage.rules).
 * uid_attribute "": Debian's libmultipath.so.0 get_vpd_sgio() itself (multipath-tools'
 * own page 0x83 reading), called here on the double's descriptor (the oracle runs with
 * the double preloaded).
 * Properties compared: ID_SERIAL, ID_SERIAL_SHORT, ID_WWN_WITH_EXTENSION, ID_SCSI_SERIAL,
 * and ID_WWN for scsi_id (the sg3 rule computes it with sed). scsi_id is not asked
 * about pages over 254 bytes (its buffer; vpd.h lists that knowing difference).
 * Usage: oracle DOUBLE.so [RULES_FILE]. Exit 0 when all agree; 77 when a tool is missing. */
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "uid.h"
#include "vpd.h"
#include "vpdpage.h"

#define SCSI_ID "/lib/udev/scsi_id"
#define SG_INQ "/usr/bin/sg_inq"
#define MAXV 64

/* ---- KEY=value sets, with udev's import rules ---- */

struct kv {
	char *k[MAXV], *v[MAXV];
	int n;
};

static const char *kv_get(const struct kv *e, const char *k)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->k[i], k))
			return e->v[i];
	return NULL;
}

static void kv_set(struct kv *e, const char *k, const char *v)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->k[i], k)) {
			free(e->v[i]);
			e->v[i] = strdup(v);
			return;
		}
	if (e->n < MAXV) {
		e->k[e->n] = strdup(k);
		e->v[e->n++] = strdup(v);
	}
}

static void kv_free(struct kv *e)
{
	for (int i = 0; i < e->n; i++) {
		free(e->k[i]);
		free(e->v[i]);
	}
	e->n = 0;
}

static char *strip(char *s)
{
	size_t n;

	while (*s && strchr(" \t\n\r", *s))
		s++;
	n = strlen(s);
	while (n && strchr(" \t\n\r", s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* A program's output as udev's IMPORT{program} reads it. */
static void kv_import(struct kv *e, char *out)
{
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		char *eq = strchr(line, '='), *k, *v;
		size_t n;

		if (!eq)
			continue;
		*eq = '\0';
		k = strip(line);
		v = strip(eq + 1);
		if (!*k || !*v)
			continue;
		n = strlen(v);
		if (v[0] == '"' || v[0] == '\'') {
			if (n == 1 || v[n - 1] != v[0])
				continue;
			v[n - 1] = '\0';
			v++;
		}
		kv_set(e, k, v);
	}
}

static char *run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	char *buf = calloc(1, 65536);
	size_t n = 0, r;

	if (!p || !buf) {
		fprintf(stderr, "oracle: cannot run %s\n", cmd);
		exit(2);
	}
	while ((r = fread(buf + n, 1, 65535 - n, p)) > 0)
		n += r;
	*status = pclose(p);
	return buf;
}

/* ---- 55-scsi-sg3_id.rules' ENV lines, interpreted ---- */

static char *rules_text;

static void expand(const char *tmpl, const struct kv *e, char *out, size_t size)
{
	size_t j = 0;

	for (const char *s = tmpl; *s && j + 1 < size;) {
		if (!strncmp(s, "$env{", 5)) {
			const char *end = strchr(s, '}'), *v;
			char name[128];

			snprintf(name, sizeof(name), "%.*s", (int)(end - s - 5), s + 5);
			v = kv_get(e, name);
			if (v)
				j += (size_t)snprintf(out + j, size - j, "%s", v);
			s = end + 1;
		} else {
			out[j++] = *s++;
		}
	}
	out[j < size ? j : size - 1] = '\0';
}

/* One rule (one logical line): conditions on ENV, then ENV assignments. Rules that
 * run a PROGRAM (ID_TARGET_PORT, ID_WWN) are left out. */
static void apply_rule(char *line, struct kv *e)
{
	char *keys[32], *p = line;
	int n = 0, q = 0;

	if (strstr(line, "PROGRAM=") || strncmp(strip(line), "ENV{", 4))
		return;
	keys[n++] = p;
	for (; *p; p++) {
		if (*p == '"')
			q = !q;
		else if (*p == ',' && !q && n < 32) {
			*p = '\0';
			keys[n++] = p + 1;
		}
	}
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			char *k = strip(keys[i]), name[128], *op, *val, *end;
			const char *cur;

			if (strncmp(k, "ENV{", 4) || !(end = strchr(k, '}')))
				continue;
			snprintf(name, sizeof(name), "%.*s", (int)(end - k - 4), k + 4);
			op = end + 1;
			val = strchr(op, '"');
			if (!val)
				continue;
			val = strdup(val + 1);
			val[strcspn(val, "\"")] = '\0';
			cur = kv_get(e, name);
			if (pass == 0 && (!strncmp(op, "==", 2) || !strncmp(op, "!=", 2))) {
				int match = fnmatch(val, cur ? cur : "", 0) == 0;

				if (match != (op[0] == '=')) {
					free(val);
					return;   /* a condition fails: the rule does nothing */
				}
			} else if (pass == 1 && op[0] == '=' && op[1] == '"') {
				char buf[8192];

				expand(val, e, buf, sizeof(buf));
				kv_set(e, name, buf);
			}
			free(val);
		}
}

static void apply_rules(struct kv *e)
{
	char *text = strdup(rules_text), *save, *line;
	int on = 0;

	/* join continuation lines */
	for (char *s = text; (s = strstr(s, "\\\n"));)
		s[0] = s[1] = ' ';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "LABEL=\"compat\""))
			on = 1;
		else if (strstr(line, "LABEL=\"sg3_utils_id_end\""))
			on = 0;
		else if (on && line[0] != '#')
			apply_rule(line, e);
	}
	free(text);
}

/* ---- pages ---- */

struct desig {
	const char *what;
	int b0, b1;   /* code set (+protocol), association/type */
	const char *id;
	size_t len;
};

#define D(w, b0, b1, s) { w, b0, b1, s, sizeof(s) - 1 }
static const struct desig kinds[] = {
	D("naa6", 1, 0x03, "\x60\x05\x07\x68\x01\x80\x82\x0a\x98\x00\x00\x00\x00\x00\x01\x2c"),
	D("naa5", 1, 0x03, "\x50\x01\x40\x50\x00\xab\xcd\xef"),
	D("naa2", 1, 0x03, "\x20\x00\x00\x1b\x32\x8e\x1a\x02"),
	D("naa3", 1, 0x03, "\x33\x33\x33\x30\x00\x00\x07\xd0"),
	D("naa1", 1, 0x03, "\x10\x00\x00\x00\x00\x00\x00\x01"),
	D("naa-ascii", 2, 0x03, "6005076801808"),
	D("eui64", 1, 0x02, "\x00\x11\x22\x33\x44\x55\x66\x77"),
	D("eui64-12", 1, 0x02, "\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb"),
	D("t10", 2, 0x01, "ACME    SuperDisk       0001ABC"),
	D("t10-blanks", 2, 0x01, "  HP   \tMSA  2040  \x01 x "),
	D("t10-slash", 2, 0x01, "VEND/OR PROD\"UCT 12:34"),
	D("t10-ata", 2, 0x01, "ATA     ST1000NM0033-9ZM173                     Z1W0ABCD"),
	D("t10-bin", 1, 0x01, "\x01\x02\x03\x04"),
	D("name-naa", 3, 0x08, "naa.6005076801808200\0\0\0\0"),
	D("name-iqn", 3, 0x08, "iqn.2001-05.com.example:storage.lun1\0\0\0\0"),
	D("name-odd", 3, 0x08, "weird name"),
	D("vendor", 2, 0x00, "drive-scsi0-0-0-0"),
	D("vendor-bin", 1, 0x00, "\xde\xad\xbe\xef"),
	D("vendor-sp", 2, 0x00, " MPATH 0001 "),
	D("uuid", 1, 0x0a, "\x10\x00\x5b\x3a\xe3\xa1\xc0\xd2\x4e\x5f\x8a\x1b\x2c\x3d\x4e\x5f\x60\x71"),
	D("port-naa5", 1, 0x93, "\x50\x01\x40\x50\x00\xab\xcd\xff"),
	D("target-t10", 2, 0x21, "TARGET  T10ID"),
	D("relport", 1, 0x14, "\x00\x00\x00\x01"),
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static int write_file(const char *dir, const char *name, const void *b, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	if (fwrite(b, 1, n, f) != n) {
		fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

static const char *props[] = { "ID_SERIAL", "ID_SERIAL_SHORT", "ID_WWN_WITH_EXTENSION",
			       "ID_SCSI_SERIAL", "ID_WWN" };

static int ncases, nfail, nmpt;
static const char *dbl, *dir;
static int (*mpt_get_vpd_sgio)(int fd, int pg, int vend_id, char *str, int maxlen);

/* multipath-tools' answer for uid_attribute "": its WWID_SIZE is 128, it cuts at 127
 * characters (we hash instead: not compared then) and strips trailing blanks. */
static void compare_mpt(const char *label, const struct uid_facts *f)
{
	char theirs[256] = "", ours[4096];
	int fd, n, e;

	if (!mpt_get_vpd_sgio)
		return;
	setenv("SGD_DEV", "/dev/sgdouble", 1);
	setenv("SGD_DIR", dir, 1);
	fd = open("/dev/sgdouble", O_RDONLY);
	if (fd < 0)
		return;
	n = mpt_get_vpd_sgio(fd, 0x83, 0, theirs, 128);
	close(fd);
	e = uid_value("", f, UID_RANK_SCSI_ID, ours, sizeof(ours), NULL);
	nmpt++;
	if (n > 0) {
		size_t l = strlen(theirs);

		while (l && theirs[l - 1] == ' ')
			theirs[--l] = '\0';
		if (n >= 127)
			return;
		/* a blank T10 id gives it "1": we never name a LU by nothing (vpd.h) */
		if (!strcmp(theirs, "1") && e == -ENODATA)
			return;
	}
	if (n > 0 ? (e || strcmp(ours, theirs)) : e != -ENODATA) {
		nfail++;
		printf("FAIL %s [uid_attribute \"\"]: ours %s (%d), multipath-tools %s (%d)\n", label,
		       e ? "-" : ours, e, n > 0 ? theirs : "-", n);
	}
}

static void compare(const char *label, const char *prop, enum uid_ranking r,
		    const struct uid_facts *f, const char *want)
{
	char ours[4096];
	struct uid_choice why;
	int e = uid_value(prop, f, r, ours, sizeof(ours), &why);

	if ((want ? want : "")[0] ? (e || strcmp(ours, want)) : e != -ENODATA) {
		nfail++;
		printf("FAIL %s [%s] %s: ours %s (%d), tool %s\n", label, uid_ranking_name(r), prop,
		       e ? "-" : ours, e, want ? want : "(unset)");
	}
}

static void one_case(const char *label, const struct pg *p83, const struct pg *p80,
		     const char *vendor, const char *model)
{
	unsigned char std[96];
	char cmd[2048];
	struct kv sid = { 0 }, sg3 = { 0 };
	struct vpd_pg83 *pg = malloc(sizeof(*pg));
	struct uid_facts f = { .vendor = vendor, .model = model };
	char *out;
	int st;

	ncases++;
	memset(std, 0, sizeof(std));
	std[2] = 6;
	std[3] = 2;
	std[4] = sizeof(std) - 5;
	memset(std + 8, ' ', 28);
	memcpy(std + 8, vendor, strlen(vendor));
	memcpy(std + 16, model, strlen(model));
	memcpy(std + 32, "0001", 4);
	snprintf(cmd, sizeof(cmd), "rm -f %s/pg80 %s/pg83", dir, dir);
	if (system(cmd))
		exit(2);
	write_file(dir, "std", std, sizeof(std));
	if (p83) {
		write_file(dir, "pg83", p83->b, p83->n);
		if (vpd_pg83_parse(p83->b, p83->n, pg)) {
			printf("FAIL %s: our parser refuses the page\n", label);
			nfail++;
			free(pg);
			return;
		}
		f.pg83 = pg;
	}
	if (p80) {
		write_file(dir, "pg80", p80->b, p80->n);
		f.pg80 = p80->b;
		f.pg80_len = p80->n;
	}

	snprintf(cmd, sizeof(cmd),
		 "SGD_DEV=/dev/sgdouble SGD_DIR=%s LD_PRELOAD=%s " SCSI_ID
		 " --export --whitelisted --device=/dev/sgdouble 2>/dev/null", dir, dbl);
	out = run(cmd, &st);
	if (st == 0)
		kv_import(&sid, out);
	free(out);

	/* the sg3 rule's sysfs branch: sg_inq on inquiry, vpd_pg80, vpd_pg83 */
	for (int i = 0; i < 3; i++) {
		static const char *const files[] = { "std", "pg80", "pg83" };

		if ((i == 1 && !p80) || (i == 2 && !p83))
			continue;
		snprintf(cmd, sizeof(cmd), SG_INQ " --export --inhex=%s/%s --raw 2>/dev/null", dir,
			 files[i]);
		out = run(cmd, &st);
		kv_import(&sg3, out);
		free(out);
	}
	apply_rules(&sg3);
	if (!kv_get(&sg3, "ID_SERIAL") && kv_get(&sid, "ID_SERIAL"))
		for (int i = 0; i < sid.n; i++)   /* 60-persistent-storage: scsi_id's import */
			kv_set(&sg3, sid.k[i], sid.v[i]);

	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		/* vpd.h: scsi_id reads 254 bytes of a page and then walks past them */
		if (!p83 || p83->n <= 254)
			compare(label, props[i], UID_RANK_SCSI_ID, &f, kv_get(&sid, props[i]));
		if (strcmp(props[i], "ID_WWN"))   /* the sg3 rule's ID_WWN comes from sed */
			compare(label, props[i], UID_RANK_SG3, &f, kv_get(&sg3, props[i]));
	}
	if (p83)
		compare_mpt(label, &f);
	kv_free(&sid);
	kv_free(&sg3);
	free(pg);
}

int main(int argc, char **argv)
{
	const char *rules = argc > 2 ? argv[2] : "/lib/udev/rules.d/55-scsi-sg3_id.rules";
	char tmpl[] = "/tmp/uid-oracle.XXXXXX", label[256];
	struct pg p83, p80;
	FILE *f;
	long n;

	if (argc < 2) {
		fprintf(stderr, "usage: oracle DOUBLE.so [RULES]\n");
		return 2;
	}
	dbl = argv[1];
	if (access(SCSI_ID, X_OK) || access(SG_INQ, X_OK) || !(f = fopen(rules, "r"))) {
		fprintf(stderr, "oracle: needs %s, %s and %s (scripts/deps.sh)\n", SCSI_ID, SG_INQ, rules);
		return 77;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	rules_text = calloc(1, (size_t)n + 1);
	if (fread(rules_text, 1, (size_t)n, f) != (size_t)n)
		return 2;
	fclose(f);
	if (getenv("LD_PRELOAD") && strstr(getenv("LD_PRELOAD"), "sgio_double")) {
		void *h = dlopen("/lib/libmultipath.so.0", RTLD_NOW);

		if (h) {
			int *verbosity = dlsym(h, "libmp_verbosity");   /* its own log: quiet */

			if (verbosity)
				*verbosity = 0;
			mpt_get_vpd_sgio = (int (*)(int, int, int, char *, int))dlsym(h, "get_vpd_sgio");
		}
	}
	if (!mpt_get_vpd_sgio)
		printf("uid oracle: multipath-tools' libmultipath not usable: uid_attribute \"\" not compared\n");
	dir = mkdtemp(tmpl);
	if (!dir)
		return 2;
	pg_serial(&p80, "  SER 0001\t", 11);

	/* every kind alone, with and without a unit serial */
	for (size_t i = 0; i < NKINDS; i++) {
		pg_start(&p83, 0x83);
		pg_add(&p83, kinds[i].b0, kinds[i].b1, kinds[i].id, kinds[i].len);
		snprintf(label, sizeof(label), "%s", kinds[i].what);
		one_case(label, &p83, NULL, "ACME", "SuperDisk");
		snprintf(label, sizeof(label), "%s+pg80", kinds[i].what);
		one_case(label, &p83, &p80, "ACME", "SuperDisk");
	}
	/* every pair, in both orders */
	for (size_t i = 0; i < NKINDS; i++)
		for (size_t j = 0; j < NKINDS; j++) {
			if (i == j)
				continue;
			pg_start(&p83, 0x83);
			pg_add(&p83, kinds[i].b0, kinds[i].b1, kinds[i].id, kinds[i].len);
			pg_add(&p83, kinds[j].b0, kinds[j].b1, kinds[j].id, kinds[j].len);
			snprintf(label, sizeof(label), "%s,%s", kinds[i].what, kinds[j].what);
			one_case(label, &p83, &p80, "ACME", "SuperDisk");
		}
	/* all of them, forward and backward */
	pg_start(&p83, 0x83);
	for (size_t i = 0; i < NKINDS; i++)
		pg_add(&p83, kinds[i].b0, kinds[i].b1, kinds[i].id, kinds[i].len);
	one_case("all", &p83, &p80, "ACME", "SuperDisk");
	pg_start(&p83, 0x83);
	for (size_t i = NKINDS; i-- > 0;)
		pg_add(&p83, kinds[i].b0, kinds[i].b1, kinds[i].id, kinds[i].len);
	one_case("all-reversed", &p83, &p80, "ACME", "SuperDisk");
	/* no page 0x83; vendor/model with blanks and a slash */
	one_case("pg80-only", NULL, &p80, "HP", "MSA 2040 SAN");
	pg_serial(&p80, "A/B \"q\" x", 9);
	one_case("pg80-hostile", NULL, &p80, "V/x", "M  N");
	/* long T10 ids: over 128 characters, differing only at the end */
	{
		char t10[201];

		memset(t10, 'Q', sizeof(t10));
		memcpy(t10, "LONGVEND", 8);
		for (int k = 0; k < 2; k++) {
			t10[199] = (char)('0' + k);
			pg_start(&p83, 0x83);
			pg_add(&p83, 2, 0x01, t10, 200);
			snprintf(label, sizeof(label), "t10-200-%d", k);
			one_case(label, &p83, NULL, "LONGVEND", "LONGPROD");
		}
	}
	snprintf(label, sizeof(label), "rm -rf %s", dir);
	if (system(label))
		return 2;
	printf("uid oracle: %d cases (%d also against multipath-tools' own reading), %d disagreements\n",
	       ncases, nmpt, nfail);
	return nfail ? 1 : 0;
}
