/* Small state files (/etc/multipath/bindings, /etc/multipath/wwids): read one whole,
 * replace one atomically, and the line/token scanning their parsers share.
 *
 * Callers that read-modify-write a state file must hold the run lock (lock.h), so
 * two runs never append to the same snapshot and lose each other's entries. */
#ifndef MP_ATOMICFILE_H
#define MP_ATOMICFILE_H

#include <stddef.h>
#include <sys/types.h>

/* A state file above this is refused (-EFBIG): it cannot be a real one. */
#define AF_MAX_SIZE (64u << 20)

/* Read the whole regular file at path (symlinks followed) into a malloc'd buffer,
 * never blocking on a FIFO or device at path (opened O_NONBLOCK, refused by fstat),
 * NUL-terminated for convenience (the data may itself hold NULs: use *len).
 * 0, or -ENOENT (missing), -EISDIR, -EINVAL (not a regular file), -EFBIG (over max),
 * -ENOMEM, other -errno. */
int af_read(const char *path, size_t max, char **data, size_t *len);
/* Why af_read failed, for messages: "not a regular file" for -EINVAL, else strerror. */
const char *af_read_strerror(int e);

/* Replace path with data[len] so that a reader sees either the old or the new file,
 * never a mix, and a crash leaves one of the two: write a temp file in the same
 * directory (mkstemp: never follows a symlink planted at the temp name), fsync it,
 * rename it over path, fsync the directory. The parent directory is created 0755 if
 * missing (not its parents). An existing file keeps its permission bits, a new one
 * gets mode. If path is a symlink, the file it points to is replaced and the link
 * kept. A target that is not a regular file (directory, device) is refused.
 * 0 or -errno, with "what failed, on what, why" logged as an error (log.h); on
 * failure path is unchanged and no temp file is left behind. */
int af_write(const char *path, const void *data, size_t len, mode_t mode);

/* The text to write for an append-style update: the original bytes untouched (user
 * comments and even lines we could not parse survive), a '\n' if the original's last
 * line lacks one, then tail. header is used instead of the original when it is empty
 * (new file). Result malloc'd in *out. 0 or -ENOMEM. */
/* Keep a private copy of a file's original bytes (what af_compose later writes back
 * untouched): *orig = copy of text[len] (NULL when len is 0). 0 or -ENOMEM. */
int af_keep(const char *text, size_t len, char **orig, size_t *orig_len);

/* Write text atomically (af_write) and, on success, make it the file's known content:
 * *orig is freed and replaced by text (ownership passes), so a later save appends to
 * what is now on disk. On failure text is freed and *orig is untouched. */
int af_commit(const char *path, char *text, size_t len, mode_t mode,
	      char **orig, size_t *orig_len);

int af_compose(const char *header, const char *orig, size_t orig_len,
	       const char *tail, size_t tail_len, char **out, size_t *outlen);

/* Line iterator over text[len]; lines are numbered from 1 for "file:line" messages. */
struct af_lines {
	const char *p, *end;
	unsigned int lineno;
};
void af_lines_init(struct af_lines *it, const char *text, size_t len);
/* 1 with the next line (without its '\n') in line and len, or 0 at the end. */
int af_next_line(struct af_lines *it, const char **line, size_t *len);

struct af_token {
	const char *s;
	size_t len;
};
/* Split a line into whitespace-separated tokens; a token starting with '#' starts a
 * comment to the end of the line ('#' inside a token is data: T10 WWIDs may hold one).
 * Fills up to max tokens and returns how many there are in all (may exceed max), or
 * -EINVAL if the line holds a NUL byte or another control character. */
int af_tokenize(const char *line, size_t len, struct af_token *tok, int max);

#endif
