/* libFuzzer target: the bindings file (libmultipath/bindings.h).
 *
 * Input: the file's bytes (NULs and all). Checked: parsing never fails on content;
 * every binding kept is valid and found both ways; the text bindings_format writes
 * reads back to the same bindings; new names given out (with some names reported
 * in use elsewhere) are unique, well-formed friendly names that survive the same
 * write/read cycle; adding an existing pair is a no-op and a clash is -EEXIST. */
#include <errno.h>

#include "bindings.h"
#include "fuzz.h"

#define NEW 4

/* "In use by another map" for roughly a third of the names, decided by the input. */
static int in_use(const char *alias, const char *wwid, void *ctx)
{
	unsigned int h = *(const unsigned char *)ctx;

	(void)wwid;
	for (; *alias; alias++)
		h = h * 31 + (unsigned char)*alias;
	return h % 3 == 0;
}

static void check_valid(const struct bindings *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const char *a = b->b[i].alias, *w = b->b[i].wwid;

		FZ_CHECK(*a && *w && strlen(a) < ALIAS_SIZE && strlen(w) < 129);
		FZ_CHECK(a[0] != '#' && w[0] != '#' && !strchr(a, '/'));
		FZ_CHECK(strcmp(a, ".") && strcmp(a, ".."));
		for (const char *p = a; *p; p++)
			FZ_CHECK((unsigned char)*p > 0x20 && *p != 0x7f);
		for (const char *p = w; *p; p++)
			FZ_CHECK((unsigned char)*p > 0x20 && *p != 0x7f);
		FZ_CHECK(!strcmp(bindings_alias_of(b, w), a));
		FZ_CHECK(!strcmp(bindings_wwid_of(b, a), w));
	}
}

/* Format b, parse the text again: the same bindings in the same order. */
static void check_roundtrip(const struct bindings *b)
{
	struct bindings b2;
	char *text;
	size_t len;

	FZ_CHECK(bindings_format(b, &text, &len) == 0);
	bindings_init(&b2);
	FZ_CHECK(bindings_parse(&b2, text, len, "fuzz2") == 0);
	FZ_CHECK(b2.n == b->n);
	for (size_t i = 0; i < b->n; i++) {
		FZ_CHECK(!strcmp(b2.b[i].alias, b->b[i].alias));
		FZ_CHECK(!strcmp(b2.b[i].wwid, b->b[i].wwid));
	}
	FZ_CHECK(!bindings_dirty(&b2));
	bindings_free(&b2);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char zero;
	struct bindings b;
	const char *alias;
	char wwid[32], *got[NEW];
	size_t nfile;

	fz_log_setup();
	bindings_init(&b);
	FZ_CHECK(bindings_parse(&b, (const char *)data, size, "fuzz") == 0);
	nfile = b.n;
	FZ_CHECK(b.nfile == b.n && !bindings_dirty(&b));
	check_valid(&b);
	check_roundtrip(&b);

	if (b.n) {
		char *a = strdup(b.b[0].alias), *w = strdup(b.b[0].wwid);

		FZ_CHECK(a && w);
		FZ_CHECK(bindings_add(&b, a, w) == 0);              /* exactly this pair: no-op */
		FZ_CHECK(b.n == nfile);
		FZ_CHECK(bindings_add(&b, a, "fuzz-other-wwid") == -EEXIST ||
			 !strcmp(w, "fuzz-other-wwid"));
		/* its existing alias comes back whatever the prefix */
		FZ_CHECK(bindings_get_alias(&b, "mpath", w, NULL, NULL, &alias) == 0);
		FZ_CHECK(!strcmp(alias, a));
		free(a);
		free(w);
	}
	for (int i = 0; i < NEW; i++) {
		int bound;
		uint64_t id;

		snprintf(wwid, sizeof(wwid), "fuzz-new-%d", i);
		bound = bindings_alias_of(&b, wwid) != NULL;
		FZ_CHECK(bindings_get_alias(&b, "mpath", wwid, in_use,
					    size ? (void *)data : (void *)&zero, &alias) == 0);
		FZ_CHECK(!strcmp(bindings_alias_of(&b, wwid), alias));
		FZ_CHECK(!strcmp(bindings_wwid_of(&b, alias), wwid));
		/* a WWID the file did not bind gets a fresh friendly name */
		if (!bound)
			FZ_CHECK(alias_parse("mpath", alias, &id) == 0 && b.b[b.n - 1].line == 0);
		got[i] = strdup(alias);
		FZ_CHECK(got[i]);
		for (int j = 0; j < i; j++)
			FZ_CHECK(strcmp(got[i], got[j]));
	}
	for (int i = 0; i < NEW; i++)
		free(got[i]);
	check_valid(&b);
	check_roundtrip(&b);
	bindings_free(&b);
	return 0;
}
