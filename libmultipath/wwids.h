/* The wwids file (/etc/multipath/wwids): the WWIDs multipath has claimed before,
 * one "/<wwid>/" line each after a comment header. find_multipaths consults it.
 *
 * Pure core plus wwids_load/wwids_save as the thin file edge (atomicfile.h). New
 * WWIDs are appended; the file's existing bytes are rewritten untouched. The caller
 * holds the run lock (lock.h) from load to save. */
#ifndef MP_WWIDS_H
#define MP_WWIDS_H

#include <stddef.h>
#include <stdio.h>
#include "strmap.h"

extern const char wwids_header[];

struct wwids {
	char **w;              /* file order, then the ones added in this run */
	size_t n, alloc;
	size_t nfile;          /* w[0 .. nfile) came from the file */
	struct strmap idx;     /* -> index into w */
	char *orig;            /* the file's bytes */
	size_t orig_len;
	char *path;            /* NULL: parsed from a string, save is refused */
	int load_error;        /* -errno: the file exists but could not be read (too large,
				* EIO, ENOMEM, a FIFO...): it is never written */
	unsigned int nbad, ndup;   /* lines skipped (malformed / repeated) */
};

void wwids_init(struct wwids *w);
void wwids_free(struct wwids *w);

/* Parse file text into a freshly initialised struct (name is used in messages
 * "name:line: ..."). Comments ('#' at the start of a token) and blank lines are
 * skipped; malformed lines (not "/<wwid>/", bad characters, over-long WWID) and
 * repeated WWIDs are logged as warnings (log.h), counted and skipped. 0 or -ENOMEM. */
int wwids_parse(struct wwids *w, const char *text, size_t len, const char *name);
/* Edge: init + read + parse. A missing file is an empty set (0); else -errno, also
 * kept in load_error: then wwids_save never writes the file. */
int wwids_load(struct wwids *w, const char *path);

/* 1 if wwid is in the set, O(1). */
int wwids_contains(const struct wwids *w, const char *wwid);
/* Add wwid (appended on save). 0 added, 1 already present, -EINVAL (empty, too long,
 * whitespace, '/' or control characters), -ENOMEM. */
int wwids_add(struct wwids *w, const char *wwid);

/* 1 if there are WWIDs not yet in the file. */
int wwids_dirty(const struct wwids *w);
/* The whole file text: the original bytes (or wwids_header for a new file), then a
 * "/<wwid>/" line per new WWID. Malloc'd. 0 or -ENOMEM. */
int wwids_format(const struct wwids *w, char **out, size_t *len);
/* Edge: write atomically (af_write, mode 0644) if anything is new, else 0 without
 * writing (also after a failed load: the unread file is left as it is). -EINVAL if
 * not loaded from a file; else af_write's -errno. Failures are logged (log.h). */
int wwids_save(struct wwids *w);

#endif
