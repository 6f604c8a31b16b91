/* libFuzzer target: the wwids file (libmultipath/wwids.h).
 *
 * Input: the file's bytes (NULs and all). Checked: parsing never fails on content;
 * every WWID kept is valid and found; the text wwids_format writes reads back to the
 * same set in the same order, with added WWIDs after the file's; adding is
 * idempotent and invalid WWIDs are refused. */
#include <errno.h>

#include "fuzz.h"
#include "wwids.h"

static void check_valid(struct wwids *w)
{
	for (size_t i = 0; i < w->n; i++) {
		const char *s = w->w[i];

		FZ_CHECK(*s && *s != '#' && strlen(s) < 129);
		for (const char *p = s; *p; p++)
			FZ_CHECK((unsigned char)*p > 0x20 && *p != 0x7f && *p != '/');
		FZ_CHECK(wwids_contains(w, s) == 1);
		FZ_CHECK(wwids_add(w, s) == 1);   /* present: nothing added */
	}
}

static void check_roundtrip(const struct wwids *w)
{
	struct wwids w2;
	char *text;
	size_t len;

	FZ_CHECK(wwids_format(w, &text, &len) == 0);
	wwids_init(&w2);
	FZ_CHECK(wwids_parse(&w2, text, len, "fuzz2") == 0);
	FZ_CHECK(w2.n == w->n);
	for (size_t i = 0; i < w->n; i++)
		FZ_CHECK(!strcmp(w2.w[i], w->w[i]));
	wwids_free(&w2);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wwids w;
	size_t n;

	fz_log_setup();
	wwids_init(&w);
	FZ_CHECK(wwids_parse(&w, (const char *)data, size, "fuzz") == 0);
	FZ_CHECK(w.nfile == w.n && !wwids_dirty(&w));
	check_valid(&w);
	FZ_CHECK(!wwids_dirty(&w));
	check_roundtrip(&w);

	n = w.n;
	FZ_CHECK(wwids_add(&w, "") == -EINVAL);
	FZ_CHECK(wwids_add(&w, "a/b") == -EINVAL);
	FZ_CHECK(wwids_add(&w, "a b") == -EINVAL);
	FZ_CHECK(wwids_add(&w, "#x") == -EINVAL);
	FZ_CHECK(w.n == n);
	if (!wwids_contains(&w, "3fuzz-new")) {
		FZ_CHECK(wwids_add(&w, "3fuzz-new") == 0);
		FZ_CHECK(wwids_dirty(&w) && w.n == n + 1);
	}
	FZ_CHECK(wwids_add(&w, "3fuzz-new") == 1);
	check_valid(&w);
	check_roundtrip(&w);
	wwids_free(&w);
	return 0;
}
