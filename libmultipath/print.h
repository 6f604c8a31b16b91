/* Pure: the text users read. Everything writes into a caller's FILE *. */
#ifndef MP_PRINT_H
#define MP_PRINT_H

#include <stdio.h>
#include "structs.h"
#include "util.h"             /* print_escaped */

/* Original path line: "<wwid> (<h> <c> <t> <l>) /dev/sdX [<vendor> <model>]". */
void print_path_line(FILE *f, const struct path *p);
/* Original coalesced member line: " \_(<h> <c> <t> <l>) /dev/sdX [<vendor> <model>]". */
void print_member_line(FILE *f, const struct path *p);
/* Per-path detail for -v 3: serial, state, sysfs state, dev_t, why it is left out, and the
 * checker and prioritizer that ran, with why (describe_selection). */
void print_path_detail(FILE *f, const struct path *p);
/* Map line: "<name>:0 <size> multipath <params>". */
void print_map_line(FILE *f, const char *name, unsigned long long size, const char *params);

/* The original -v output, sections 1 and 2: all paths with a WWID, a blank line,
 * then each multipath with its members, then a blank line. */
void print_paths_and_multipaths(FILE *f, const struct pathvec *pv, const struct mpvec *mv,
				int detail);

#endif
