/* Friendly names, the bindings file and name allocation (plus the strmap under it). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "testfiles.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "bindings.h"
#include "strmap.h"
#include "logcapture.h"

/* What the last save logged (its failures are log records). */
static char err[1024];
#define bsave(b) LOG_CAPTURED(err, bindings_save(b))


/* Parse text, collecting the warnings in *msgs (caller frees). */
static void parse(struct bindings *b, const char *text, char **msgs)
{
	struct log_capture lc;

	log_capture_start(&lc);
	bindings_init(b);
	assert_int_equal(bindings_parse(b, text, strlen(text), "bindings"), 0);
	*msgs = log_capture_stop(&lc);
}

static void test_strmap(void **state)
{
	struct strmap m = { 0 };
	static char keys[20000][12];
	size_t i, v;

	(void)state;
	assert_int_equal(strmap_get(&m, "x", &v), -ENOENT);
	for (i = 0; i < 20000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		assert_int_equal(strmap_put(&m, keys[i], i), 0);
	}
	assert_int_equal(m.n, 20000);
	assert_true(m.cap >= 40000);          /* load factor at most 1/2 */
	for (i = 0; i < 20000; i++) {
		assert_int_equal(strmap_get(&m, keys[i], &v), 0);
		assert_int_equal(v, i);
	}
	/* a present key keeps its value */
	assert_int_equal(strmap_put(&m, "k7", 99), -EEXIST);
	assert_int_equal(strmap_get(&m, "k7", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(strmap_get(&m, "k20000", &v), -ENOENT);
	assert_int_equal(strmap_get(&m, "", &v), -ENOENT);
	/* reserve makes room ahead, never shrinks */
	v = m.cap;
	assert_int_equal(strmap_reserve(&m, 100), 0);
	assert_int_equal(m.cap, v);
	assert_int_equal(strmap_reserve(&m, 100000), 0);
	assert_true(m.cap >= 200000);
	assert_int_equal(strmap_get(&m, "k19999", &v), 0);
	assert_int_equal(v, 19999);
	/* put_get: one probe that inserts, or tells the value already there */
	assert_int_equal(strmap_put_get(&m, "k42", 7, &v), -EEXIST);
	assert_int_equal(v, 42);
	assert_int_equal(strmap_put_get(&m, "new", 123, &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(strmap_get(&m, "new", &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(m.n, 20001);
	strmap_free(&m);
	assert_int_equal(m.cap, 0);
}

static void fmt_is(const char *prefix, uint64_t id, const char *want)
{
	char buf[ALIAS_SIZE];
	uint64_t back = 0;

	assert_int_equal(alias_format(prefix, id, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
	assert_int_equal(alias_parse(prefix, buf, &back), 0);
	assert_int_equal(back, id);
}

static void test_alias_format(void **state)
{
	char buf[16];

	(void)state;
	fmt_is("mpath", 1, "mpatha");
	fmt_is("mpath", 2, "mpathb");
	fmt_is("mpath", 26, "mpathz");
	fmt_is("mpath", 27, "mpathaa");
	fmt_is("mpath", 52, "mpathaz");
	fmt_is("mpath", 53, "mpathba");
	fmt_is("mpath", 702, "mpathzz");
	fmt_is("mpath", 703, "mpathaaa");
	fmt_is("mpath", 18278, "mpathzzz");
	fmt_is("mpath", 18279, "mpathaaaa");
	fmt_is("mpath", ALIAS_MAX_ID, "mpathzzzzzzz");
	fmt_is("", 1, "a");
	fmt_is("disk_", 28, "disk_ab");
	assert_int_equal(alias_format("mpath", 0, buf, sizeof(buf)), -ERANGE);
	assert_int_equal(alias_format("mpath", ALIAS_MAX_ID + 1, buf, sizeof(buf)), -ERANGE);
	/* room for "mpathaa" + NUL exactly, not one byte less */
	assert_int_equal(alias_format("mpath", 27, buf, 8), 0);
	assert_int_equal(alias_format("mpath", 27, buf, 7), -ENOSPC);
	assert_int_equal(alias_format("mp ath", 1, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(alias_format("mp/ath", 1, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(alias_format("#mpath", 1, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(alias_format("mp\tath", 1, buf, sizeof(buf)), -EINVAL);
}

static void test_alias_parse(void **state)
{
	char buf[ALIAS_SIZE];
	uint64_t id, back;

	(void)state;
	/* every 1- to 3-letter name and a sample of longer ones round-trip */
	for (id = 1; id <= 18278 + 1000; id++) {
		assert_int_equal(alias_format("mpath", id, buf, sizeof(buf)), 0);
		assert_int_equal(alias_parse("mpath", buf, &back), 0);
		assert_int_equal(back, id);
	}
	for (id = ALIAS_MAX_ID; id > ALIAS_MAX_ID - 1000; id--) {
		assert_int_equal(alias_format("mpath", id, buf, sizeof(buf)), 0);
		assert_int_equal(strlen(buf), 5 + 7);
		assert_int_equal(alias_parse("mpath", buf, &back), 0);
		assert_int_equal(back, id);
	}
	assert_int_equal(alias_parse("mpath", "mpath", &id), -EINVAL);
	assert_int_equal(alias_parse("mpath", "mpathA", &id), -EINVAL);
	assert_int_equal(alias_parse("mpath", "mpath1", &id), -EINVAL);
	assert_int_equal(alias_parse("mpath", "mpatha-1", &id), -EINVAL);
	assert_int_equal(alias_parse("mpath", "mpathaaaaaaaa", &id), -EINVAL);  /* 8 letters */
	assert_int_equal(alias_parse("mpath", "mpatzz", &id), -EINVAL);
	assert_int_equal(alias_parse("mpath", "data", &id), -EINVAL);
	assert_int_equal(alias_parse("mpath", "", &id), -EINVAL);
	assert_int_equal(alias_parse("", "b", &id), 0);
	assert_int_equal(id, 2);
}

static void test_parse_good(void **state)
{
	static const char text[] =
		"# Multipath bindings, Version : 1.0\n"
		"# comment\n"
		"\n"
		"mpatha 3600a0b800011111\n"
		"   mpathb\t3600a0b800022222   # trailing comment\r\n"
		"oradata 1ACME_DISK#7\n"
		"mpathaa 3600a0b800033333";          /* no final newline */
	struct bindings b;
	char *msgs;

	(void)state;
	parse(&b, text, &msgs);
	assert_string_equal(msgs, "");
	free(msgs);
	assert_int_equal(b.n, 4);
	assert_int_equal(b.nfile, 4);
	assert_int_equal(b.nbad + b.ndup, 0);
	assert_string_equal(bindings_alias_of(&b, "3600a0b800011111"), "mpatha");
	assert_string_equal(bindings_alias_of(&b, "3600a0b800022222"), "mpathb");
	assert_string_equal(bindings_alias_of(&b, "1ACME_DISK#7"), "oradata");
	assert_string_equal(bindings_alias_of(&b, "3600a0b800033333"), "mpathaa");
	assert_string_equal(bindings_wwid_of(&b, "mpathb"), "3600a0b800022222");
	assert_null(bindings_alias_of(&b, "3600a0b8000"));
	assert_null(bindings_wwid_of(&b, "mpathc"));
	assert_int_equal(b.b[1].line, 5);
	assert_false(bindings_dirty(&b));
	bindings_free(&b);

	/* empty input */
	parse(&b, "", &msgs);
	assert_int_equal(b.n, 0);
	assert_null(bindings_alias_of(&b, "x"));
	free(msgs);
	bindings_free(&b);
}

static void test_parse_bad_lines(void **state)
{
	char text[1024], longw[200], *msgs;
	struct bindings b;
	size_t len;

	(void)state;
	memset(longw, '3', 129);
	longw[129] = '\0';
	len = (size_t)snprintf(text, sizeof(text),
		"# header\n"
		"mpatha 3600a\n"                      /* 2 good */
		"mpathb\n"                            /* 3 no wwid */
		"mpathc 3600c extra\n"                /* 4 extra field */
		"mpathd 3600d\x01\n"                  /* 5 control character */
		"mp/x 3600e\n"                        /* 6 '/' in alias */
		".. 3600f\n"                          /* 7 */
		"mpathg %s\n"                         /* 8 WWID of 129 chars */
		"mpathh 3600h\n"                      /* 9 good */
		"mpathi 3600i\n",                     /* 10: a NUL goes in here */
		longw);
	text[len - 5] = '\0';                     /* "mpathi 36\0" */
	{
		struct log_capture lc;

		log_capture_start(&lc);
		bindings_init(&b);
		assert_int_equal(bindings_parse(&b, text, len, "/etc/mp/bindings"), 0);
		msgs = log_capture_stop(&lc);
	}
	assert_int_equal(b.n, 2);
	assert_int_equal(b.nbad, 7);
	assert_string_equal(bindings_wwid_of(&b, "mpatha"), "3600a");
	assert_string_equal(bindings_wwid_of(&b, "mpathh"), "3600h");
	assert_non_null(strstr(msgs, "/etc/mp/bindings:3: no WWID after the alias, line ignored\n"));
	assert_non_null(strstr(msgs, "/etc/mp/bindings:4: extra fields"));
	assert_non_null(strstr(msgs, "/etc/mp/bindings:5: contains a NUL byte or control character"));
	assert_non_null(strstr(msgs, "/etc/mp/bindings:6: invalid alias"));
	assert_non_null(strstr(msgs, "/etc/mp/bindings:7: invalid alias"));
	assert_non_null(strstr(msgs, "/etc/mp/bindings:8: WWID too long"));
	assert_non_null(strstr(msgs, "/etc/mp/bindings:10: contains a NUL byte"));
	assert_null(strstr(msgs, ":2:"));
	assert_null(strstr(msgs, ":9:"));
	free(msgs);
	/* the file's bytes are kept as they were, NUL included */
	assert_int_equal(b.orig_len, len);
	assert_memory_equal(b.orig, text, len);
	bindings_free(&b);

	/* the warnings are log records: below the log level, nothing is shown */
	mp_log_set_level(MP_LOG_ERR);
	bindings_init(&b);
	assert_int_equal(bindings_parse(&b, "junk\nmpatha 1 2\n", 16, "x"), 0);
	mp_log_set_level(MP_LOG_WARN);
	assert_int_equal(b.nbad, 2);
	bindings_free(&b);
}

static void test_parse_duplicates(void **state)
{
	static const char text[] =
		"mpatha 3600a\n"
		"mpathb 3600b\n"
		"mpatha 3600c\n"       /* alias again: first wins */
		"mpathc 3600b\n"       /* wwid again: first wins */
		"mpathb 3600b\n"       /* the very same line again */
		"mpathd 3600d\n";
	struct bindings b;
	char *msgs;

	(void)state;
	parse(&b, text, &msgs);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.ndup, 3);
	assert_string_equal(bindings_wwid_of(&b, "mpatha"), "3600a");
	assert_string_equal(bindings_alias_of(&b, "3600b"), "mpathb");
	assert_null(bindings_alias_of(&b, "3600c"));
	assert_null(bindings_wwid_of(&b, "mpathc"));
	assert_string_equal(bindings_alias_of(&b, "3600d"), "mpathd");
	assert_non_null(strstr(msgs, "bindings:3: alias mpatha already bound to 3600a at line 1, line ignored"));
	assert_non_null(strstr(msgs, "bindings:4: WWID 3600b already bound to mpathb at line 2, line ignored"));
	assert_non_null(strstr(msgs, "bindings:5: alias mpathb already bound"));
	free(msgs);
	bindings_free(&b);
}

static const char *get(struct bindings *b, const char *wwid)
{
	const char *a = NULL;

	assert_int_equal(bindings_get_alias(b, "mpath", wwid, NULL, NULL, &a), 0);
	assert_non_null(a);
	return a;
}

static void test_alloc_sequence(void **state)
{
	struct bindings b;
	char wwid[32], want[16];
	int i;

	(void)state;
	bindings_init(&b);
	for (i = 1; i <= 30; i++) {
		snprintf(wwid, sizeof(wwid), "3600%d", i);
		alias_format("mpath", (uint64_t)i, want, sizeof(want));
		assert_string_equal(get(&b, wwid), want);
	}
	assert_string_equal(bindings_alias_of(&b, "360026"), "mpathz");
	assert_string_equal(bindings_alias_of(&b, "360027"), "mpathaa");
	/* a bound WWID keeps its name, nothing new is bound */
	assert_string_equal(get(&b, "360027"), "mpathaa");
	assert_int_equal(b.n, 30);
	assert_true(bindings_dirty(&b));
	bindings_free(&b);
}

static void test_alloc_gaps(void **state)
{
	struct bindings b;
	char *msgs;

	(void)state;
	parse(&b, "mpatha 3600a\nmpathc 3600c\n", &msgs);
	free(msgs);
	assert_string_equal(get(&b, "3600x"), "mpathb");
	assert_string_equal(get(&b, "3600y"), "mpathd");
	assert_string_equal(get(&b, "3600c"), "mpathc");
	bindings_free(&b);

	/* mpatha..mpathz bound: the next is mpathaa; names with another prefix, custom
	 * names and over-long letter runs do not count */
	{
		char text[2048];
		size_t pos = 0;
		int i;

		for (i = 26; i >= 1; i--) {     /* any order in the file */
			char a[16];

			alias_format("mpath", (uint64_t)i, a, sizeof(a));
			pos += (size_t)snprintf(text + pos, sizeof(text) - pos, "%s 36%02d\n", a, i);
		}
		snprintf(text + pos, sizeof(text) - pos,
			 "mpathab 3700\nfooaa 3701\nmpathaaaaaaaa 3702\nmpathAA 3703\n");
		parse(&b, text, &msgs);
		free(msgs);
	}
	assert_int_equal(b.n, 30);
	assert_string_equal(get(&b, "3800"), "mpathaa");
	assert_string_equal(get(&b, "3801"), "mpathac");
	/* a WWID bound to a custom name keeps it */
	assert_string_equal(get(&b, "3701"), "fooaa");
	bindings_free(&b);
}

/* in_use: the names "owned" by WWIDs outside the bindings (e.g. existing maps). */
struct owners {
	const char *alias[8], *wwid[8];
	int n, calls;
};

static int owned_by_other(const char *alias, const char *wwid, void *ctx)
{
	struct owners *o = ctx;
	int i;

	o->calls++;
	for (i = 0; i < o->n; i++)
		if (!strcmp(o->alias[i], alias))
			return strcmp(o->wwid[i], wwid) != 0;
	return 0;
}

static void test_alloc_in_use(void **state)
{
	struct owners o = { { "mpatha", "mpathc" }, { "3600X", "3600Y" }, 2, 0 };
	struct bindings b;
	const char *a;

	(void)state;
	bindings_init(&b);
	/* mpatha is a map of 3600X: skipped for others */
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600P", owned_by_other, &o, &a), 0);
	assert_string_equal(a, "mpathb");
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600Q", owned_by_other, &o, &a), 0);
	assert_string_equal(a, "mpathd");
	/* ... but offered to its owner, though the frontier moved past it */
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600X", owned_by_other, &o, &a), 0);
	assert_string_equal(a, "mpatha");
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600Y", owned_by_other, &o, &a), 0);
	assert_string_equal(a, "mpathc");
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600R", owned_by_other, &o, &a), 0);
	assert_string_equal(a, "mpathe");
	assert_int_equal(b.ntaken, 0);
	/* a name bound meanwhile (bindings_add) is not offered again */
	o.n = 1;
	o.alias[0] = "mpathf";
	o.wwid[0] = "3600Z";
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600S", owned_by_other, &o, &a), 0);
	assert_string_equal(a, "mpathg");
	assert_int_equal(bindings_add(&b, "mpathf", "3600T"), 0);
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600Z", owned_by_other, &o, &a), 0);
	assert_string_equal(a, "mpathh");
	bindings_free(&b);
}

/* Random bindings, foreign owners and requests against a brute-force oracle:
 * the lowest id whose name is neither bound nor owned by another WWID. */
static void test_alloc_oracle(void **state)
{
	unsigned int seed;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		struct bindings b;
		struct owners o = { .n = 0 };
		char *text = malloc(64 * 40), own_a[8][16], own_w[8][16];
		size_t pos = 0;
		int i, k;

		srand(seed);
		bindings_init(&b);
		for (i = 1; i <= 60; i++) {
			if (rand() % 3 == 0) {
				char a[16];

				alias_format("mpath", (uint64_t)i, a, sizeof(a));
				pos += (size_t)sprintf(text + pos, "%s 37%03d\n", a, i);
			}
		}
		assert_int_equal(bindings_parse(&b, text, pos, "r"), 0);
		for (i = 0; i < 8; i++) {
			alias_format("mpath", (uint64_t)(1 + rand() % 70), own_a[i], 16);
			snprintf(own_w[i], 16, "38%02d", rand() % 12);
			o.alias[i] = own_a[i];
			o.wwid[i] = own_w[i];
		}
		o.n = 8;
		for (k = 0; k < 40; k++) {
			char wwid[16], want[16];
			const char *a, *bound;
			uint64_t id;

			snprintf(wwid, sizeof(wwid), "38%02d", rand() % 25);
			bound = bindings_alias_of(&b, wwid);
			if (bound) {
				snprintf(want, sizeof(want), "%s", bound);
			} else {
				for (id = 1;; id++) {
					alias_format("mpath", id, want, sizeof(want));
					if (!bindings_wwid_of(&b, want) &&
					    !owned_by_other(want, wwid, &o))
						break;
				}
			}
			assert_int_equal(bindings_get_alias(&b, "mpath", wwid, owned_by_other, &o, &a), 0);
			assert_string_equal(a, want);
			assert_string_equal(bindings_wwid_of(&b, want), wwid);
		}
		free(text);
		bindings_free(&b);
	}
}

static void test_alloc_errors(void **state)
{
	struct bindings b;
	const char *a = NULL;
	char prefix[ALIAS_SIZE];

	(void)state;
	bindings_init(&b);
	assert_int_equal(bindings_get_alias(&b, "mp ath", "3600a", NULL, NULL, &a), -EINVAL);
	assert_int_equal(bindings_get_alias(&b, "mpath", "", NULL, NULL, &a), -EINVAL);
	assert_int_equal(bindings_get_alias(&b, "mpath", "36 00", NULL, NULL, &a), -EINVAL);
	/* the longest name with this prefix would not fit a dm name */
	memset(prefix, 'p', 121);
	prefix[121] = '\0';
	assert_int_equal(bindings_get_alias(&b, prefix, "3600a", NULL, NULL, &a), -EINVAL);
	prefix[120] = '\0';
	assert_int_equal(bindings_get_alias(&b, prefix, "3600a", NULL, NULL, &a), 0);
	assert_int_equal(strlen(a), 121);
	/* a prefix change starts over at "a" for that prefix */
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600b", NULL, NULL, &a), 0);
	assert_string_equal(a, "mpatha");
	assert_int_equal(bindings_get_alias(&b, "disk", "3600c", NULL, NULL, &a), 0);
	assert_string_equal(a, "diska");
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600d", NULL, NULL, &a), 0);
	assert_string_equal(a, "mpathb");
	assert_int_equal(b.n, 4);
	bindings_free(&b);
}

static void test_add(void **state)
{
	struct bindings b;

	(void)state;
	bindings_init(&b);
	assert_int_equal(bindings_add(&b, "mpathb", "3600b"), 0);
	assert_int_equal(bindings_add(&b, "mpathb", "3600b"), 0);       /* same pair */
	assert_int_equal(bindings_add(&b, "mpathb", "3600c"), -EEXIST);
	assert_int_equal(bindings_add(&b, "mpathc", "3600b"), -EEXIST);
	assert_int_equal(bindings_add(&b, "bad name", "3600d"), -EINVAL);
	assert_int_equal(bindings_add(&b, "a/b", "3600d"), -EINVAL);
	assert_int_equal(bindings_add(&b, "#x", "3600d"), -EINVAL);
	assert_int_equal(bindings_add(&b, "x", ""), -EINVAL);
	assert_int_equal(bindings_add(&b, "", "3600d"), -EINVAL);
	assert_int_equal(b.n, 1);
	assert_string_equal(get(&b, "3600e"), "mpatha");
	assert_string_equal(get(&b, "3600f"), "mpathc");
	bindings_free(&b);
}

static void test_format(void **state)
{
	struct bindings b;
	char *out, *msgs;
	size_t len;

	(void)state;
	/* a new file: header, then the bindings */
	bindings_init(&b);
	get(&b, "3600a");
	get(&b, "3600b");
	assert_int_equal(bindings_format(&b, &out, &len), 0);
	assert_int_equal(strncmp(out, "# Multipath bindings, Version : 1.0\n", 36), 0);
	assert_non_null(strstr(out, "\nmpatha 3600a\nmpathb 3600b\n"));
	assert_int_equal(len, strlen(bindings_header) + 26);
	bindings_free(&b);
	/* what we write reads back the same */
	parse(&b, out, &msgs);
	assert_string_equal(msgs, "");
	assert_int_equal(b.n, 2);
	assert_string_equal(bindings_alias_of(&b, "3600b"), "mpathb");
	free(msgs);
	free(out);
	bindings_free(&b);

	/* an existing file is kept byte for byte (comments, junk), new lines appended */
	parse(&b, "# mine\nmpatha 3600a\njunk line here\nmpathc 3600c", &msgs);
	free(msgs);
	get(&b, "3600b");
	assert_int_equal(bindings_format(&b, &out, &len), 0);
	assert_string_equal(out, "# mine\nmpatha 3600a\njunk line here\nmpathc 3600c\nmpathb 3600b\n");
	free(out);
	bindings_free(&b);
}

static void write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *read_text(const char *p)
{
	char *d;
	size_t n;

	assert_int_equal(af_read(p, AF_MAX_SIZE, &d, &n), 0);
	return d;
}

static void test_load_save(void **state)
{
	char p[PATH_MAX], *d;
	struct bindings b;
	struct stat st, st2;

	snprintf(p, sizeof(p), "%s/multipath/bindings", (char *)*state);
	/* missing file (and directory): an empty set */
	assert_int_equal(bindings_load(&b, p, 0), 0);
	assert_int_equal(b.n, 0);
	assert_int_equal(bsave(&b), 0);   /* nothing new */
	assert_int_equal(stat(p, &st), -1);
	get(&b, "3600a");
	get(&b, "3600b");
	assert_int_equal(bsave(&b), 0);
	assert_false(bindings_dirty(&b));
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* saving again without changes does not rewrite */
	assert_int_equal(bsave(&b), 0);
	assert_int_equal(stat(p, &st2), 0);
	assert_int_equal(st.st_ino, st2.st_ino);
	/* a second save appends only what is new since the first */
	get(&b, "3600c");
	assert_int_equal(bsave(&b), 0);
	bindings_free(&b);
	d = read_text(p);
	assert_non_null(strstr(d, "#\nmpatha 3600a\nmpathb 3600b\nmpathc 3600c\n"));
	assert_int_equal(strncmp(d, bindings_header, strlen(bindings_header)), 0);
	free(d);

	/* reload: the same names, the next one continues after them */
	assert_int_equal(bindings_load(&b, p, 0), 0);
	assert_int_equal(b.n, 3);
	assert_string_equal(get(&b, "3600b"), "mpathb");
	assert_string_equal(get(&b, "3600d"), "mpathd");
	assert_int_equal(bsave(&b), 0);
	bindings_free(&b);

	/* a hand-edited file with junk keeps the junk and comments on save */
	write_file(p, "# mine\nmpathb 3600b\ngarbage\n");
	assert_int_equal(bindings_load(&b, p, 0), 0);
	assert_int_equal(b.nbad, 1);
	assert_string_equal(get(&b, "3600q"), "mpatha");
	assert_int_equal(bsave(&b), 0);
	bindings_free(&b);
	d = read_text(p);
	assert_string_equal(d, "# mine\nmpathb 3600b\ngarbage\nmpatha 3600q\n");
	free(d);
}

static void test_readonly(void **state)
{
	char p[PATH_MAX], *d;
	struct bindings b;

	snprintf(p, sizeof(p), "%s/bindings", (char *)*state);
	/* no file: names are still given out for this run, but nothing is written */
	assert_int_equal(bindings_load(&b, p, 1), 0);
	assert_string_equal(get(&b, "3600a"), "mpatha");
	assert_string_equal(get(&b, "3600b"), "mpathb");       /* and stay unique */
	assert_string_equal(get(&b, "3600a"), "mpatha");
	assert_int_equal(bsave(&b), 0);
	assert_int_equal(access(p, F_OK), -1);
	bindings_free(&b);

	write_file(p, "mpathb 3600b\n");
	assert_int_equal(bindings_load(&b, p, 1), 0);
	assert_string_equal(bindings_alias_of(&b, "3600b"), "mpathb");
	assert_string_equal(get(&b, "3600c"), "mpatha");
	assert_int_equal(bsave(&b), 0);
	bindings_free(&b);
	d = read_text(p);
	assert_string_equal(d, "mpathb 3600b\n");
	free(d);
}

static void test_load_save_errors(void **state)
{
	char p[PATH_MAX];
	struct bindings b;

	/* a directory where the file should be */
	assert_int_equal(bindings_load(&b, (char *)*state, 0), -EISDIR);
	bindings_free(&b);

	/* not from a file: save refuses */
	bindings_init(&b);
	get(&b, "3600a");
	assert_int_equal(bsave(&b), -EINVAL);
	assert_non_null(strstr(err, "not loaded from a file"));
	bindings_free(&b);

	/* the write fails: an error with the reason, and the new binding stays pending */
	snprintf(p, sizeof(p), "%s/plain", (char *)*state);
	write_file(p, "x\n");
	snprintf(p, sizeof(p), "%s/plain/bindings", (char *)*state);
	assert_int_equal(bindings_load(&b, p, 0), -ENOTDIR);
	bindings_free(&b);
	bindings_init(&b);
	b.path = strdup(p);
	get(&b, "3600a");
	assert_int_equal(bsave(&b), -ENOTDIR);
	assert_non_null(strstr(err, "plain/bindings"));
	assert_true(bindings_dirty(&b));
	bindings_free(&b);
}

/* A bindings file that exists but cannot be read (the reproducer: over the
 * size limit, starting with "mpatha 3600aaaa") is never rewritten and gives out no
 * name: before, mpatha went to another WWID and the file was replaced by one line. */
static void test_unreadable_file(void **state)
{
	char p[PATH_MAX];
	struct file_id before, after;
	struct bindings b;
	const char *a = NULL;

	snprintf(p, sizeof(p), "%s/bindings", (char *)*state);
	make_oversize(p, "mpatha 3600aaaa\n", AF_MAX_SIZE);
	file_id(p, &before);
	assert_int_equal(bindings_load(&b, p, 0), -EFBIG);
	assert_int_equal(b.load_error, -EFBIG);
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600bbbb", NULL, NULL, &a), -EFBIG);
	assert_null(a);
	/* a live map keeps its name (in memory), and still nothing is written */
	assert_int_equal(bindings_adopt(&b, "mpath", "mpathc", "3600cccc"), 1);
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600cccc", NULL, NULL, &a), 0);
	assert_string_equal(a, "mpathc");
	assert_int_equal(bsave(&b), 0);
	bindings_free(&b);
	file_id(p, &after);
	assert_int_equal(after.size, before.size);
	assert_int_equal(after.ino, before.ino);
	assert_string_equal(after.head, "mpatha 3600aaaa\n");

	/* a FIFO: refused at once, not a hang with the run lock held */
	snprintf(p, sizeof(p), "%s/fifo", (char *)*state);
	assert_int_equal(mkfifo(p, 0600), 0);
	alarm(10);
	assert_int_equal(bindings_load(&b, p, 0), -EINVAL);
	alarm(0);
	assert_int_equal(bindings_get_alias(&b, "mpath", "3600bbbb", NULL, NULL, &a), -EINVAL);
	bindings_free(&b);
}

/* Adopting live names marks the file changed only when it lacked one. */
static void test_adopt(void **state)
{
	struct bindings b;
	char *msgs;

	(void)state;
	parse(&b, "mpatha 3600a\nmpathb 3600b\n", &msgs);
	free(msgs);
	/* what the file holds already, other prefixes, names bound otherwise: nothing */
	assert_int_equal(bindings_adopt(&b, "mpath", "mpatha", "3600a"), 0);
	assert_int_equal(bindings_adopt(&b, "mpath", "mydisk", "3600x"), 0);
	assert_int_equal(bindings_adopt(&b, "mpath", "mpatha", "3600x"), 0);
	assert_int_equal(bindings_adopt(&b, "mpath", "mpathx", "3600b"), 0);
	assert_false(bindings_dirty(&b));
	/* a lost binding: recorded */
	assert_int_equal(bindings_adopt(&b, "mpath", "mpathc", "3600c"), 1);
	assert_true(bindings_dirty(&b));
	assert_string_equal(get(&b, "3600d"), "mpathd");
	bindings_free(&b);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 20000 bindings with every 4th name free, 20000 new WWIDs: the gaps fill in
 * order, then names continue after the last one. Quadratic work (rescanning the
 * names from "a" per request) would take a minute here; this takes milliseconds. */
static void test_thousands(void **state)
{
	const int n = 20000, k = 20000;
	size_t cap = (size_t)n * 48, pos = 0;
	char *text = malloc(cap), want[16], wwid[32];
	struct owners o = { .n = 0 };
	struct bindings b;
	double t0;
	int i, bound = 0;

	(void)state;
	assert_non_null(text);
	pos += (size_t)snprintf(text, cap, "%s", bindings_header);
	for (i = 1; i <= n; i++) {
		if (i % 4 == 0)
			continue;
		alias_format("mpath", (uint64_t)i, want, sizeof(want));
		pos += (size_t)snprintf(text + pos, cap - pos, "%s 3600%08d\n", want, i);
		bound++;
	}
	t0 = now();
	bindings_init(&b);
	assert_int_equal(bindings_parse(&b, text, pos, "big"), 0);
	assert_int_equal(b.n, bound);
	for (i = 1; i <= n; i++) {
		snprintf(wwid, sizeof(wwid), "3600%08d", i);
		alias_format("mpath", (uint64_t)i, want, sizeof(want));
		if (i % 4) {
			assert_string_equal(bindings_alias_of(&b, wwid), want);
			assert_string_equal(bindings_wwid_of(&b, want), wwid);
		} else {
			assert_null(bindings_alias_of(&b, wwid));
		}
	}
	for (i = 0; i < k; i++) {
		const char *a;
		uint64_t id = i < n / 4 ? (uint64_t)(i + 1) * 4 : (uint64_t)(n + 1 + i - n / 4);

		snprintf(wwid, sizeof(wwid), "3700%08d", i);
		alias_format("mpath", id, want, sizeof(want));
		assert_int_equal(bindings_get_alias(&b, "mpath", wwid, owned_by_other, &o, &a), 0);
		assert_string_equal(a, want);
	}
	/* in_use is asked once per name given: free names are never asked twice */
	assert_int_equal(o.calls, k);
	assert_int_equal(b.n, bound + k);
	assert_true(now() - t0 < 10.0);
	free(text);
	bindings_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_alias_format),
		cmocka_unit_test(test_alias_parse),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad_lines),
		cmocka_unit_test(test_parse_duplicates),
		cmocka_unit_test(test_alloc_sequence),
		cmocka_unit_test(test_alloc_gaps),
		cmocka_unit_test(test_alloc_in_use),
		cmocka_unit_test(test_alloc_oracle),
		cmocka_unit_test(test_alloc_errors),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_format),
		cmocka_unit_test_setup_teardown(test_load_save, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_readonly, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_load_save_errors, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_unreadable_file, setup_dir, teardown_dir),
		cmocka_unit_test(test_adopt),
		cmocka_unit_test(test_thousands),
	};

	return cmocka_run_group_tests_name("bindings", tests, NULL, NULL);
}
