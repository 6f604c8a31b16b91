/* Pure: dm-multipath table text, both directions.
 *
 * Constructor grammar (kernel dm-mpath):
 *   <#features> [features] <#hw args> [handler args] <#PGs> <initial PG>
 *     { <selector> <#sel args> [sel args] <#paths> <#path args> { <maj:min> [path args] } }
 * Status grammar:
 *   <#feat> [queue_io pg_init_count] <#hw> [..] <#PGs> <current PG>
 *     { <A|E|D> <#ps status> [..] <#paths> <#ps info> { <dev> <A|F> <fail_count> [ps info] } } */
#ifndef MP_MPTABLE_H
#define MP_MPTABLE_H

#include <stddef.h>
#include "structs.h"

#define MPT_MAX_WORDS 16     /* per list of words (features, handler, args) */

/* What goes into a table besides the paths; each field is the kernel's word list
 * with its leading count, e.g. features "1 queue_if_no_path", hwhandler "0". */
struct mpt_conf {
	const char *features;     /* default "0" */
	const char *hwhandler;    /* default "0" */
	const char *selector;     /* "<name> <#args> [args]", default "round-robin 0" */
	const char *path_args;    /* "<#args> [args]", default "1 1" (repeat_count 1) */
	unsigned int repeat;      /* > 0: each path's repeat_count (rr_min_io_rq), instead
				   * of path_args */
	int weight_by_prio;       /* rr_weight priorities: each path's repeat_count times its
				   * prio */
};
extern const struct mpt_conf mpt_conf_default;

/* Build the table params for mp's groups (initial PG 1). 0, -EINVAL (no group),
 * or -ENOSPC if buf is too small. */
int mpt_build(const struct multipath *mp, const struct pathvec *pv,
	      const struct mpt_conf *conf, char *buf, size_t size);

struct mpt_words {
	unsigned int n;
	char **w;
};

struct mpt_path {
	char *dev;               /* "maj:min" (or a device name, as the kernel echoes it) */
	struct mpt_words args;   /* table: per-path selector args; status: ps info */
	char state;              /* status only: 'A' active, 'F' failed */
	unsigned int fail_count; /* status only */
};

struct mpt_pg {
	char *selector;          /* table only */
	struct mpt_words sel_args;   /* table: selector args; status: ps status */
	char state;              /* status only: 'A', 'E', 'D' */
	unsigned int npaths;
	struct mpt_path *paths;
};

struct mpt_table {
	struct mpt_words features;   /* table: features; status: queue_io, pg_init_count ... */
	struct mpt_words hwhandler;
	unsigned int npg;
	unsigned int pg_num;         /* table: initial PG; status: current PG */
	struct mpt_pg *pg;
	char *buf;                   /* tokenized copy; every char * above points into it */
	char **tok;
};

/* Parse a table or status params string. 0 or -EINVAL (malformed: counts that
 * disagree, missing words, trailing garbage) / -ENOMEM. */
int mpt_parse_table(const char *params, struct mpt_table *t);
int mpt_parse_status(const char *params, struct mpt_table *t);
void mpt_free(struct mpt_table *t);

/* Does the live table already do what want asks? Compared semantically: same
 * features, same groups, selectors and paths in order; per-path args compared as
 * a prefix (the kernel echoes them at its own width); a handler the kernel keeps
 * attached counts as equal when want asks for none; the initial group is not compared
 * (the kernel reports its current group there). 1 yes, 0 no. */
int mpt_same(const struct mpt_table *want, const struct mpt_table *live);

/* Table text back from a parsed table (canonical spacing). 0 or -ENOSPC. */
int mpt_format(const struct mpt_table *t, char *buf, size_t size);
/* Drop path dev from a parsed table: an emptied group goes, the initial group is
 * kept pointing at the same group (or 1). 0, -ENOENT if absent, -ENOTEMPTY if it is
 * the only path (a table with no path is never made). */
int mpt_remove_path(struct mpt_table *t, const char *dev);

/* features with queue_if_no_path added (queue, or a retry count) or removed (fail),
 * as no_path_retry says (N > 0, NPR_FAIL -1, NPR_QUEUE -2; 0 leaves them as they are).
 * features and out are "<count> words...". 0, -EINVAL or -ENOSPC. */
int mpt_features_npr(const char *features, int no_path_retry, char *out, size_t size);

/* Would I/O to this map wait forever right now? Its table queues when no path is
 * usable (queue_if_no_path) and its status shows no active path. Removing such a map,
 * or its last partition map (the kernel then syncs the parent), blocks. 1 yes, 0 no. */
int mpt_queueing_without_paths(const struct mpt_table *table, const struct mpt_table *status);

/* Number of paths in the table, and whether one with dev "maj:min" is present. */
unsigned int mpt_path_count(const struct mpt_table *t);
const struct mpt_path *mpt_find_path(const struct mpt_table *t, const char *dev);

#endif
