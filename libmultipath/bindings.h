/* User-friendly map names and the bindings file (/etc/multipath/bindings) that keeps
 * them stable across boots: "<alias> <wwid>" lines after a comment header.
 *
 * Friendly names count in bijective base 26 after a prefix: mpatha (1) .. mpathz (26),
 * mpathaa (27) .. mpathzz (702), mpathaaa (703) ..., at most ALIAS_MAX_LETTERS letters.
 *
 * Pure core: alias_format/alias_parse and everything on struct bindings except
 * bindings_load/bindings_save, which are the thin file edge (atomicfile.h).
 * The caller holds the run lock (lock.h) from load to save. */
#ifndef MP_BINDINGS_H
#define MP_BINDINGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "strmap.h"

#define ALIAS_MAX_LETTERS 7
#define ALIAS_SIZE        128   /* a dm name: DMX_NAME_SIZE, so 127 chars + NUL */
/* 26 + 26^2 + ... + 26^7: the highest id with ALIAS_MAX_LETTERS letters. */
#define ALIAS_MAX_ID      8353082582ULL

extern const char bindings_header[];

/* id (1 .. ALIAS_MAX_ID) -> "<prefix><letters>" in buf. 0, -ERANGE (id out of range),
 * -EINVAL (prefix holds whitespace, '/' or a control character, or starts with '#'),
 * -ENOSPC (buf too small). */
int alias_format(const char *prefix, uint64_t id, char *buf, size_t size);
/* "<prefix><1..7 letters a-z>" -> id. 0 or -EINVAL (not a friendly name with prefix). */
int alias_parse(const char *prefix, const char *alias, uint64_t *id);

struct binding {
	char *alias;
	char *wwid;
	unsigned int line;     /* line in the file, 0 if added in this run */
};

struct bindings {
	struct binding *b;     /* file order, then the ones added in this run */
	size_t n, alloc;
	size_t nfile;          /* b[0 .. nfile) came from the file */
	struct strmap by_alias, by_wwid;   /* -> index into b */
	char *orig;            /* the file's bytes, rewritten untouched on save */
	size_t orig_len;
	char *path;            /* NULL: parsed from a string, save is refused */
	int readonly;          /* -B: names are given out for this run, never written */
	int load_error;        /* -errno: the file exists but could not be read (too large,
				* EIO, ENOMEM, a FIFO...): read-only, and no new name is
				* given out (it could be one the unread file binds) */
	unsigned int nbad, ndup;   /* lines skipped (malformed / duplicate) */
	/* Allocation state for one prefix (reset when the prefix changes): every id
	 * below frontier is bound or listed in taken[] (reported in use by in_use). */
	char *cursor_prefix;
	uint64_t frontier;
	uint64_t *taken;
	size_t ntaken, taken_alloc;
};

void bindings_init(struct bindings *b);
void bindings_free(struct bindings *b);

/* Parse file text (name is used in messages "name:line: ..."). Comments ('#' at the
 * start of a token), blank lines are skipped; malformed lines (not exactly
 * "<alias> <wwid>", bad characters, over-long fields) and duplicates (an alias or
 * WWID already bound by an earlier line: the first binding wins) are logged as
 * warnings (log.h), counted in nbad/ndup and skipped. Only allocation fails it:
 * 0 or -ENOMEM. Parse into a freshly initialised struct. */
int bindings_parse(struct bindings *b, const char *text, size_t len, const char *name);

/* Edge: init + read + parse path. A missing file is an empty set (0). -errno if it
 * exists but cannot be read or parsed whole: then load_error holds it, the set is
 * read-only (never saved) and bindings_get_alias gives out no new name. */
int bindings_load(struct bindings *b, const char *path, int readonly);

/* Lookups, O(1). NULL if unbound. */
const char *bindings_alias_of(const struct bindings *b, const char *wwid);
const char *bindings_wwid_of(const struct bindings *b, const char *alias);

/* Bind alias to wwid (e.g. adopting an existing map's name when its binding was
 * lost). 0 (also when exactly this pair is already bound), -EEXIST (alias or wwid
 * bound otherwise), -EINVAL (bad alias or wwid), -ENOMEM. */
int bindings_add(struct bindings *b, const char *alias, const char *wwid);

/* A live map named alias (a friendly name with prefix) whose binding the file lacks
 * (lost, or the file is unreadable): bind it, so no new name clashes with it and a
 * readable file records it. Nothing happens (0) when alias is not a friendly name with
 * prefix or either side is bound already: then nothing is marked changed.
 * 1 bound, 0 nothing to do, -ENOMEM. */
int bindings_adopt(struct bindings *b, const char *prefix, const char *alias,
		   const char *wwid);

/* "Is this name taken by something other than wwid?" (e.g. a dm map of that name
 * with another UUID, or a multipaths{} alias of another WWID). Nonzero = taken. */
typedef int (*alias_in_use_fn)(const char *alias, const char *wwid, void *ctx);

/* The alias of wwid: its binding if it has one (whatever its prefix), otherwise the
 * lowest friendly name with prefix that is neither bound nor taken per in_use (may
 * be NULL), which is then bound (in memory; bindings_save writes it unless read-only).
 * *alias points into b. 0, -EINVAL, -ENOSPC (all names taken), -ENOMEM, or
 * load_error for an unbound wwid when the file could not be read.
 * Cost: ids below a forward-only frontier are never re-examined except the r names
 * in_use reported taken (asked again: the answer depends on wwid), so a run giving
 * k names over n bindings costs O(n + k*r) O(1) steps; r is 0 when the caller
 * first adopts existing maps' names with bindings_add, as it should. */
int bindings_get_alias(struct bindings *b, const char *prefix, const char *wwid,
		       alias_in_use_fn in_use, void *ctx, const char **alias);

/* 1 if there are bindings not yet in the file. */
int bindings_dirty(const struct bindings *b);

/* The whole file text to write: the original bytes (or bindings_header for a new
 * file), then one line per new binding. Malloc'd. 0 or -ENOMEM. */
int bindings_format(const struct bindings *b, char **out, size_t *len);

/* Edge: write new bindings atomically (af_write, mode 0600). 0 without writing when
 * read-only (also after a failed load) or nothing is new; -EINVAL if not loaded
 * from a file; else af_write's -errno. Failures are logged (log.h). */
int bindings_save(struct bindings *b);

#endif
