/* Pure: how big a POSIX extended regular expression can grow inside glibc's regcomp before it
 * is compiled. glibc copies a subexpression for each repetition it unrolls: "x{n,m}" holds
 * max(n, m) copies of x (n + 1 for "x{n,}") and "x+" two ("x x*"), and a repetition of a
 * repetition multiplies. So "C++++...+" (150 plus signs, from a fuzzed multipath.conf) needs
 * 2^150 copies and regcomp exhausts memory; "(a{300}){300}" needs 90,000. Such a pattern is
 * refused with a reason instead (config_regcomp). Sequences and alternatives add, they do
 * not multiply: "[0-9]+ [a-z]+ ..." stays small whatever its length. */
#ifndef MP_RECOST_H
#define MP_RECOST_H

#include <stddef.h>

/* Above this many unrolled atoms a pattern is refused (a real configuration's patterns use
 * a few dozen; glibc's own bound on one interval count is 32767). */
#define RECOST_MAX 65536ULL

/* The number of atoms pattern unrolls to, saturating at RECOST_MAX + 1. Never fails:
 * malformed parts are counted as literals (regcomp itself then says what is wrong). */
unsigned long long recost(const char *pattern);

#endif
