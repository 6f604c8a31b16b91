/* File helpers shared by unit tests: a scratch directory per test (cmocka setup and
 * teardown, the path in *state) and golden files read from $FIXTURES/golden. */
#ifndef TEST_TESTFILES_H
#define TEST_TESTFILES_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static inline int testfiles_rm_one(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st; (void)type; (void)ftw;
	return remove(p);
}

static inline int setup_dir(void **state)
{
	char *d = strdup("/tmp/mp-test-XXXXXX");

	if (!d || !mkdtemp(d))
		return -1;
	*state = d;
	return 0;
}

static inline int teardown_dir(void **state)
{
	nftw(*state, testfiles_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(*state);
	return 0;
}

/* A state file over the size limit (max bytes + 1, sparse) that starts with head:
 * a file that exists but cannot be read. */
static inline void make_oversize(const char *path, const char *head, size_t max)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fail_msg("cannot create %s", path);
	fputs(head, f);
	if (fflush(f) || ftruncate(fileno(f), (off_t)max + 1) || fclose(f))
		fail_msg("cannot write %s", path);
}

/* Bytes and inode of path, to show a file was left as it was. */
struct file_id {
	off_t size;
	ino_t ino;
	char head[64];
};
static inline void file_id(const char *path, struct file_id *id)
{
	struct stat st;
	FILE *f = fopen(path, "r");

	memset(id, 0, sizeof(*id));
	if (!f || fstat(fileno(f), &st))
		fail_msg("cannot open %s", path);
	id->size = st.st_size;
	id->ino = st.st_ino;
	if (!fread(id->head, 1, sizeof(id->head) - 1, f))
		fail_msg("cannot read %s", path);
	fclose(f);
}

/* The whole golden file, NUL-terminated (the test fails if it cannot be read). */
static inline char *read_golden(const char *name)
{
	char path[512];
	const char *dir = getenv("FIXTURES");
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/golden/%s", dir ? dir : "tests/fixtures", name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open golden file %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

#endif
