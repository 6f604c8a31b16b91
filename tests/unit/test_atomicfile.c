/* State-file edge: whole-file read, atomic replace (on a temp dir), line/token scan.
 * The full- and read-only-filesystem cases mount a small tmpfs in a private mount
 * namespace (as root, or in a user namespace); they are skipped where neither works. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "testfiles.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomicfile.h"
#include "logcapture.h"

/* What the last af_write/af_commit logged (its failures are log records). */
static char err[1024];
#define afw(...) LOG_CAPTURED(err, af_write(__VA_ARGS__))
#define afc(...) LOG_CAPTURED(err, af_commit(__VA_ARGS__))

#define SKIP_CODE 77


static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *slurp(const char *path)
{
	char *d;
	size_t n;

	assert_int_equal(af_read(path, AF_MAX_SIZE, &d, &n), 0);
	return d;
}

/* Entries of dir other than . and .., e.g. a leftover temp file. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void test_read(void **state)
{
	const char *dir = *state;
	char p[PATH_MAX], *d;
	size_t n;
	int fd;

	snprintf(p, sizeof(p), "%s/missing", dir);
	assert_int_equal(af_read(p, AF_MAX_SIZE, &d, &n), -ENOENT);
	assert_null(d);
	assert_int_equal(af_read(dir, AF_MAX_SIZE, &d, &n), -EISDIR);
	assert_int_equal(af_read("/dev/null", AF_MAX_SIZE, &d, &n), -EINVAL);
	/* a FIFO is refused at once: opening one for reading used to block forever */
	snprintf(p, sizeof(p), "%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	alarm(10);
	assert_int_equal(af_read(p, AF_MAX_SIZE, &d, &n), -EINVAL);
	alarm(0);
	assert_null(d);
	assert_string_equal(af_read_strerror(-EINVAL), "not a regular file");
	assert_string_equal(af_read_strerror(-EFBIG), strerror(EFBIG));
	unlink(p);

	snprintf(p, sizeof(p), "%s/empty", dir);
	put(p, "");
	assert_int_equal(af_read(p, AF_MAX_SIZE, &d, &n), 0);
	assert_int_equal(n, 0);
	assert_string_equal(d, "");
	free(d);

	/* NULs inside are kept, the length tells */
	snprintf(p, sizeof(p), "%s/nul", dir);
	fd = open(p, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "ab\0cd\n", 6), 6);
	close(fd);
	assert_int_equal(af_read(p, AF_MAX_SIZE, &d, &n), 0);
	assert_int_equal(n, 6);
	assert_memory_equal(d, "ab\0cd\n", 7);
	free(d);

	/* the size cap: exactly max is fine, one more is refused */
	assert_int_equal(af_read(p, 6, &d, &n), 0);
	free(d);
	assert_int_equal(af_read(p, 5, &d, &n), -EFBIG);
	assert_null(d);
}

static void test_write_new_and_replace(void **state)
{
	const char *dir = *state;
	char p[PATH_MAX], *d;
	struct stat st;

	snprintf(p, sizeof(p), "%s/state", dir);
	assert_int_equal(afw(p, "one\n", 4, 0644), 0);
	d = slurp(p);
	assert_string_equal(d, "one\n");
	free(d);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(count_entries(dir), 1);     /* no temp file left */

	/* replacing keeps the existing permission bits, not the default */
	assert_int_equal(chmod(p, 0640), 0);
	assert_int_equal(afw(p, "two\nlines\n", 10, 0600), 0);
	d = slurp(p);
	assert_string_equal(d, "two\nlines\n");
	free(d);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);

	/* an empty file is a valid content */
	assert_int_equal(afw(p, "", 0, 0600), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(count_entries(dir), 1);
}

static void test_write_creates_parent(void **state)
{
	const char *dir = *state;
	char p[PATH_MAX], sub[PATH_MAX / 2], *d;
	struct stat st;
	mode_t old = umask(077);

	snprintf(sub, sizeof(sub), "%s/multipath", dir);
	snprintf(p, sizeof(p), "%s/bindings", sub);
	assert_int_equal(afw(p, "x\n", 2, 0600), 0);
	umask(old);
	assert_int_equal(stat(sub, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0755);   /* whatever the umask */
	d = slurp(p);
	assert_string_equal(d, "x\n");
	free(d);

	/* only the parent is created, not a whole missing chain */
	snprintf(p, sizeof(p), "%s/no/such/file", dir);
	assert_int_equal(afw(p, "x", 1, 0600), -ENOENT);
	assert_non_null(strstr(err, "/no/such/file: cannot create directory "));
	assert_non_null(strstr(err, "/no/such: No such file or directory"));
	snprintf(p, sizeof(p), "%s/no", dir);
	assert_int_equal(access(p, F_OK), -1);
}

static void test_write_bad_targets(void **state)
{
	const char *dir = *state;
	char p[PATH_MAX], f[PATH_MAX], *d;

	/* a path component is a regular file */
	snprintf(f, sizeof(f), "%s/plain", dir);
	put(f, "keep\n");
	snprintf(p, sizeof(p), "%s/plain/bindings", dir);
	assert_int_equal(afw(p, "x", 1, 0600), -ENOTDIR);
	assert_non_null(strstr(err, p));

	/* the target is a directory */
	snprintf(p, sizeof(p), "%s/adir", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	assert_int_equal(afw(p, "x", 1, 0600), -EISDIR);
	assert_non_null(strstr(err, "is a directory"));
	snprintf(p, sizeof(p), "%s/adir/", dir);
	assert_int_equal(afw(p, "x", 1, 0600), -EISDIR);
	assert_int_equal(count_entries(p), 0);

	/* a fifo (or device) is never replaced by a regular file */
	snprintf(p, sizeof(p), "%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(afw(p, "x", 1, 0600), -EINVAL);
	assert_non_null(strstr(err, "not a regular file"));

	assert_int_equal(afw("", "x", 1, 0600), -EINVAL);
	d = slurp(f);
	assert_string_equal(d, "keep\n");
	free(d);
	/* plain, adir, fifo: nothing else appeared */
	assert_int_equal(count_entries(dir), 3);
}

static void test_write_symlinks(void **state)
{
	const char *dir = *state;
	char p[PATH_MAX], real[PATH_MAX], victim[PATH_MAX], trap[PATH_MAX], *d;
	struct stat st;

	/* the target is a symlink: the file it points to is replaced, the link stays */
	snprintf(real, sizeof(real), "%s/real", dir);
	snprintf(p, sizeof(p), "%s/link", dir);
	put(real, "old\n");
	assert_int_equal(symlink("real", p), 0);
	assert_int_equal(afw(p, "new\n", 4, 0600), 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	d = slurp(real);
	assert_string_equal(d, "new\n");
	free(d);

	/* a dangling link is an error, not a new file somewhere */
	snprintf(p, sizeof(p), "%s/dangling", dir);
	assert_int_equal(symlink("nowhere/x", p), 0);
	assert_int_equal(afw(p, "x", 1, 0600), -ENOENT);
	assert_non_null(strstr(err, "cannot resolve symlink"));

	/* symlinks planted at temp-like names are not written through */
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	put(victim, "precious\n");
	snprintf(trap, sizeof(trap), "%s/.state.XXXXXX", dir);
	assert_int_equal(symlink(victim, trap), 0);
	snprintf(trap, sizeof(trap), "%s/.state.tmp", dir);
	assert_int_equal(symlink(victim, trap), 0);
	snprintf(p, sizeof(p), "%s/state", dir);
	assert_int_equal(afw(p, "data\n", 5, 0600), 0);
	d = slurp(victim);
	assert_string_equal(d, "precious\n");
	free(d);
	d = slurp(p);
	assert_string_equal(d, "data\n");
	free(d);
	/* real link dangling victim 2 traps state */
	assert_int_equal(count_entries(dir), 7);
}

/* Run fn in a child (it may drop privileges or unshare); its exit code is the result. */
static int in_child(int (*fn)(const char *dir), const char *dir)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(dir));
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* 0: got -EACCES with the right message and nothing was written. */
static int write_unprivileged(const char *dir)
{
	char p[PATH_MAX];
	int r;

	if (geteuid() == 0 &&
	    (setgroups(0, NULL) || setgid(65534) || setuid(65534)))
		return SKIP_CODE;
	snprintf(p, sizeof(p), "%s/bindings", dir);
	r = afw(p, "x\n", 2, 0600);
	if (r != -EACCES)
		return 1;
	if (!strstr(err, "cannot create a temporary file") || !strstr(err, "Permission denied"))
		return 2;
	return access(p, F_OK) == 0 ? 3 : 0;
}

static void test_write_not_writable(void **state)
{
	const char *dir = *state;
	int r;

	/* root: the directory is root's 0755 and the writer is "nobody";
	 * not root: the directory is our own but 0555 */
	assert_int_equal(chmod(dir, geteuid() == 0 ? 0755 : 0555), 0);
	r = in_child(write_unprivileged, dir);
	assert_int_equal(chmod(dir, 0700), 0);
	if (r == SKIP_CODE)
		skip();
	assert_int_equal(r, 0);
	assert_int_equal(count_entries(dir), 0);
}

static int write_proc(const char *file, const char *text)
{
	FILE *f = fopen(file, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* In a private mount namespace: a small tmpfs on dir, so the host never sees it.
 * Not root: inside a user namespace (where we are root), if the system allows it. */
static int private_tmpfs(const char *dir, const char *opts)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];

	if (uid != 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
			return -1;
		snprintf(map, sizeof(map), "0 %u 1", (unsigned int)uid);
		if (write_proc("/proc/self/uid_map", map))
			return -1;
		snprintf(map, sizeof(map), "0 %u 1", (unsigned int)gid);
		if (write_proc("/proc/self/setgroups", "deny") || write_proc("/proc/self/gid_map", map))
			return -1;
	} else if (unshare(CLONE_NEWNS)) {
		return -1;
	}
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL))
		return -1;
	return mount("tmpfs", dir, "tmpfs", 0, opts);
}

static int check_unchanged(const char *dir, const char *p, const char *want)
{
	char *d;
	size_t n;
	int r;

	if (af_read(p, AF_MAX_SIZE, &d, &n))
		return 10;
	r = strcmp(d, want) ? 11 : 0;
	free(d);
	if (!r && count_entries(dir) != 1)      /* no temp file left */
		r = 12;
	return r;
}

static int write_full_fs(const char *dir)
{
	char p[PATH_MAX], *big;
	size_t len = 1 << 20;
	int r;

	if (private_tmpfs(dir, "size=64k"))
		return SKIP_CODE;
	snprintf(p, sizeof(p), "%s/bindings", dir);
	if (afw(p, "mpatha 3600a\n", 13, 0600))
		return 1;
	if (!(big = malloc(len)))
		return 2;
	memset(big, 'x', len);
	r = afw(p, big, len, 0600);
	free(big);
	if (r != -ENOSPC)
		return 3;
	if (!strstr(err, "No space left on device") || !strstr(err, "file left unchanged"))
		return 4;
	return check_unchanged(dir, p, "mpatha 3600a\n");
}

static void test_write_full_fs(void **state)
{
	int r = in_child(write_full_fs, *state);

	if (r == SKIP_CODE)
		skip();
	assert_int_equal(r, 0);
}

static int write_ro_fs(const char *dir)
{
	char p[PATH_MAX];

	if (private_tmpfs(dir, "size=64k"))
		return SKIP_CODE;
	snprintf(p, sizeof(p), "%s/wwids", dir);
	if (afw(p, "/3600a/\n", 8, 0644))
		return 1;
	if (mount("none", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL))
		return SKIP_CODE;
	if (afw(p, "/3600b/\n", 8, 0644) != -EROFS)
		return 2;
	if (!strstr(err, "Read-only file system"))
		return 3;
	/* a missing parent cannot be created there either */
	snprintf(p, sizeof(p), "%s/sub/wwids", dir);
	if (afw(p, "x", 1, 0644) != -EROFS)
		return 4;
	snprintf(p, sizeof(p), "%s/wwids", dir);
	return check_unchanged(dir, p, "/3600a/\n");
}

static void test_write_ro_fs(void **state)
{
	int r = in_child(write_ro_fs, *state);

	if (r == SKIP_CODE)
		skip();
	assert_int_equal(r, 0);
}

static void test_compose(void **state)
{
	char *out;
	size_t len;

	(void)state;
	/* new file: the header, then the tail */
	assert_int_equal(af_compose("# H\n", NULL, 0, "a\n", 2, &out, &len), 0);
	assert_string_equal(out, "# H\na\n");
	assert_int_equal(len, 6);
	free(out);
	/* existing content is kept as is (no header added), tail appended */
	assert_int_equal(af_compose("# H\n", "x y\n", 4, "a\n", 2, &out, &len), 0);
	assert_string_equal(out, "x y\na\n");
	free(out);
	/* last line without a newline gets one before the tail */
	assert_int_equal(af_compose("# H\n", "x y", 3, "a\n", 2, &out, &len), 0);
	assert_string_equal(out, "x y\na\n");
	free(out);
	/* NULs in the original survive */
	assert_int_equal(af_compose(NULL, "a\0b\n", 4, "", 0, &out, &len), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(out, "a\0b\n", 4);
	free(out);
	assert_int_equal(af_compose(NULL, NULL, 0, NULL, 0, &out, &len), 0);
	assert_int_equal(len, 0);
	free(out);
}

static void test_lines(void **state)
{
	static const char text[] = "one\n\nthree\r\nlast";
	struct af_lines it;
	const char *l;
	size_t n;

	(void)state;
	af_lines_init(&it, text, sizeof(text) - 1);
	assert_int_equal(af_next_line(&it, &l, &n), 1);
	assert_int_equal(n, 3);
	assert_memory_equal(l, "one", 3);
	assert_int_equal(af_next_line(&it, &l, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(af_next_line(&it, &l, &n), 1);
	assert_int_equal(n, 6);            /* "\r" is left to the tokenizer */
	assert_int_equal(af_next_line(&it, &l, &n), 1);
	assert_int_equal(it.lineno, 4);
	assert_memory_equal(l, "last", 4);
	assert_int_equal(af_next_line(&it, &l, &n), 0);

	af_lines_init(&it, "", 0);
	assert_int_equal(af_next_line(&it, &l, &n), 0);
	af_lines_init(&it, "x\n", 2);       /* a final "\n" does not make an extra line */
	assert_int_equal(af_next_line(&it, &l, &n), 1);
	assert_int_equal(af_next_line(&it, &l, &n), 0);
}

static void test_tokenize(void **state)
{
	struct af_token t[2];
	const char *s;

	(void)state;
	s = "  mpatha\t3600a  # comment\r";
	assert_int_equal(af_tokenize(s, strlen(s), t, 2), 2);
	assert_int_equal(t[0].len, 6);
	assert_memory_equal(t[0].s, "mpatha", 6);
	assert_int_equal(t[1].len, 5);
	assert_memory_equal(t[1].s, "3600a", 5);
	s = "# only a comment";
	assert_int_equal(af_tokenize(s, strlen(s), t, 2), 0);
	assert_int_equal(af_tokenize("   \t\r", 5, t, 2), 0);
	/* '#' inside a token is data */
	s = "a 1ACME#42";
	assert_int_equal(af_tokenize(s, strlen(s), t, 2), 2);
	assert_int_equal(t[1].len, 8);
	/* more tokens than room: counted, not stored past max */
	s = "a b c d";
	assert_int_equal(af_tokenize(s, strlen(s), t, 2), 4);
	assert_memory_equal(t[1].s, "b", 1);
	/* NUL and control characters are refused; inside a comment they do not matter */
	assert_int_equal(af_tokenize("a\0b", 3, t, 2), -EINVAL);
	assert_int_equal(af_tokenize("a \x01", 3, t, 2), -EINVAL);
	assert_int_equal(af_tokenize("a #\x01", 4, t, 2), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_write_new_and_replace, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_write_creates_parent, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_write_bad_targets, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_write_symlinks, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_write_not_writable, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_write_full_fs, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_write_ro_fs, setup_dir, teardown_dir),
		cmocka_unit_test(test_compose),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_tokenize),
	};

	return cmocka_run_group_tests_name("atomicfile", tests, NULL, NULL);
}
