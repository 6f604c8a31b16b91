/* A literal prefilter for the configuration's regexes (POSIX extended, REG_NOSUB, unanchored
 * search, as config_rematch uses them). Most hardware-table and blacklist patterns are plain
 * words ("NETAPP", "^DGC", "LUNZ$") or a group of words ("(COMPAQ|HP)"): those are decided
 * by string comparison, with no regcomp; for the rest, the words every match must contain
 * rule out most subjects before the regex is compiled (which the caller then does lazily).
 * Pure: strings in, a verdict out. */
#ifndef MP_RELIT_H
#define MP_RELIT_H

#include <stddef.h>

#define RELIT_NO      0     /* the regex cannot match s */
#define RELIT_YES     1     /* the regex matches s */
#define RELIT_UNKNOWN (-1)  /* only the regex can tell */

/* Does the extended regex pattern find a match in the slen bytes at s (searched, not
 * anchored unless the pattern says so; s as given: the caller trims it)? RELIT_YES and
 * RELIT_NO are exactly what regexec would answer; RELIT_UNKNOWN when the pattern is more
 * than the forms above. */
int relit_match(const char *pattern, const char *s, size_t slen);
/* 1 if relit_match decides every subject for this pattern (plain words, a group of words,
 * anchors, ".*"): such a pattern is a valid regex and never needs compiling. */
int relit_plain(const char *pattern);

#endif
