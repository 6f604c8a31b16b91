/* libFuzzer target: dm-multipath table and status text (libmultipath/mptable.h).
 *
 * Input: the params text (everything up to a NUL). It is parsed both as a table and
 * as a status line; a table that parses is formatted, and
 *   - the text re-parses, formats to the same text and compares equal (mpt_same),
 *   - it fits a buffer of exactly its length + 1 and gets -ENOSPC in one byte less,
 *   - dropping one of its paths keeps it a valid table with one path less,
 * and mpt_features_npr output is itself a valid features list, idempotent. */
#include <errno.h>

#include "fuzz.h"
#include "mptable.h"

/* Format t into a malloc'd string of exactly its length + 1 bytes. */
static char *format_exact(const struct mpt_table *t)
{
	size_t size = 64;
	char *buf;
	int r;

	for (;;) {
		buf = malloc(size);
		if (!buf)
			abort();
		r = mpt_format(t, buf, size);
		if (r != -ENOSPC)
			break;
		free(buf);
		FZ_CHECK(size < (1u << 24));
		size *= 2;
	}
	FZ_CHECK(r == 0);
	size = strlen(buf) + 1;
	free(buf);
	buf = malloc(size);
	if (!buf)
		abort();
	FZ_CHECK(mpt_format(t, buf, size) == 0);
	FZ_CHECK(strlen(buf) + 1 == size);
	if (size > 1) {
		char *small = malloc(size - 1);

		if (!small)
			abort();
		FZ_CHECK(mpt_format(t, small, size - 1) == -ENOSPC);
		FZ_CHECK(memchr(small, '\0', size - 1) != NULL);   /* still terminated */
		free(small);
	}
	return buf;
}

static void check_shape(const struct mpt_table *t, int status)
{
	unsigned int count = 0;

	FZ_CHECK(t->npg ? t->pg_num <= t->npg : t->pg_num == 0);
	for (unsigned int g = 0; g < t->npg; g++) {
		const struct mpt_pg *pg = &t->pg[g];

		FZ_CHECK(pg->npaths > 0);
		FZ_CHECK(status ? strchr("AED", pg->state) && pg->state : pg->selector != NULL);
		for (unsigned int i = 0; i < pg->npaths; i++) {
			const struct mpt_path *p = &pg->paths[i];

			FZ_CHECK(p->dev && *p->dev);
			FZ_CHECK(!status || (p->state == 'A' || p->state == 'F'));
			FZ_CHECK(p->args.n == pg->paths[0].args.n);
			FZ_CHECK(mpt_find_path(t, p->dev) != NULL);
			count++;
		}
	}
	FZ_CHECK(mpt_path_count(t) == count);
}

static void check_table(struct mpt_table *t, unsigned int pick)
{
	struct mpt_table t2, t3;
	char *text = format_exact(t), *text2, *dev;
	unsigned int n = mpt_path_count(t);
	int r;

	FZ_CHECK(mpt_parse_table(text, &t2) == 0);
	check_shape(&t2, 0);
	text2 = format_exact(&t2);
	FZ_CHECK(!strcmp(text, text2));
	FZ_CHECK(mpt_same(t, &t2) == 1 && mpt_same(&t2, t) == 1);
	FZ_CHECK(mpt_remove_path(&t2, "no such") == -ENOENT);   /* a word holds no blank */
	free(text2);

	if (n) {
		/* the pick-th path (in table order) goes */
		unsigned int g = 0, k = pick % n;

		while (k >= t2.pg[g].npaths)
			k -= t2.pg[g++].npaths;
		dev = strdup(t2.pg[g].paths[k].dev);
		if (!dev)
			abort();
		/* (a dev listed twice: its first copy goes, the count drops by one all the same) */
		r = mpt_remove_path(&t2, dev);
		if (n == 1) {
			FZ_CHECK(r == -ENOTEMPTY);
			FZ_CHECK(mpt_path_count(&t2) == 1);
		} else {
			FZ_CHECK(r == 0);
			FZ_CHECK(mpt_path_count(&t2) == n - 1);
			check_shape(&t2, 0);
			text2 = format_exact(&t2);
			FZ_CHECK(mpt_parse_table(text2, &t3) == 0);
			FZ_CHECK(mpt_same(&t2, &t3) == 1);
			mpt_free(&t3);
			free(text2);
		}
		free(dev);
	}
	mpt_free(&t2);
	free(text);
}

static void check_npr(const char *features, int npr)
{
	char out[512], again[512];
	int r = mpt_features_npr(features, npr, out, sizeof(out));
	int has_q;

	FZ_CHECK(r == 0 || r == -EINVAL || r == -ENOSPC || r == -ERANGE);
	if (r)
		return;
	/* a valid list: re-reading it with "leave as is" gives the same text */
	FZ_CHECK(mpt_features_npr(out, 0, again, sizeof(again)) == 0);
	FZ_CHECK(!strcmp(out, again));
	has_q = strstr(out, " queue_if_no_path") != NULL;
	if (npr > 0 || npr == -2)
		FZ_CHECK(has_q);
	if (npr == -1) {
		const char *p = out;

		/* no word is exactly queue_if_no_path */
		while ((p = strstr(p, " queue_if_no_path"))) {
			p += strlen(" queue_if_no_path");
			FZ_CHECK(*p && *p != ' ');
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_cstr(data, size);
	struct mpt_table t;
	int r;

	r = mpt_parse_status(text, &t);
	FZ_CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
	if (!r) {
		check_shape(&t, 1);
		mpt_free(&t);
	}
	r = mpt_parse_table(text, &t);
	FZ_CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
	if (!r) {
		check_shape(&t, 0);
		check_table(&t, size ? data[size - 1] : 0);
		mpt_free(&t);
	}
	check_npr(text, -2);
	check_npr(text, -1);
	check_npr(text, 0);
	check_npr(text, 3);
	free(text);
	return 0;
}
