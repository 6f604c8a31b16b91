/* Pure: a dm-multipath table as a structure. The table we want is built as one
 * (mpt_build), the live one is parsed into one (mpt_parse_table), the two are compared
 * as structures (mpt_same), and the text is written once, for the dm edge (mpt_format).
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

#define MPT_OTHER_SIZE 128   /* feature words this code does not know, kept as text */

struct mpt_words {
	unsigned int n;
	char **w;
};

/* What I/O does when no path is left. The kernel's table says only queue_if_no_path
 * (MPT_NP_QUEUE and MPT_NP_RETRY); the retry count is the revalidator's to count. */
enum mpt_no_path {
	MPT_NP_FAIL = 0,     /* fail at once (no queue_if_no_path) */
	MPT_NP_QUEUE,        /* queue until a path is back */
	MPT_NP_RETRY,        /* queue, and fail after .retries polling intervals */
};

/* The features besides queue_if_no_path. */
enum mpt_feature {
	MPT_RETAIN_HW_HANDLER,     /* retain_attached_hw_handler */
	MPT_PG_INIT_RETRIES,       /* pg_init_retries N */
	MPT_PG_INIT_DELAY_MSECS,   /* pg_init_delay_msecs N */
	MPT_QUEUE_MODE,            /* queue_mode bio|rq|mq */
	MPT_NFEATURES
};

enum mpt_queue_mode { MPT_QM_RQ = 0, MPT_QM_MQ, MPT_QM_BIO };

struct mpt_features {
	enum mpt_no_path no_path;
	unsigned int retries;                /* MPT_NP_RETRY */
	unsigned int pg_init_retries;        /* when MPT_PG_INIT_RETRIES is given */
	unsigned int pg_init_delay_msecs;    /* when MPT_PG_INIT_DELAY_MSECS is given */
	enum mpt_queue_mode queue_mode;      /* when MPT_QUEUE_MODE is given */
	/* The features given, each once, in the order they were written (the config's, or
	 * the kernel's): the text keeps it. mpt_feature_set / mpt_feature_given. */
	unsigned char given[MPT_NFEATURES];
	unsigned int ngiven;
	/* Words from the first one this code does not know on (a newer kernel's), as text:
	 * kept, compared, written last. */
	unsigned int nother;
	char other[MPT_OTHER_SIZE];
};

struct mpt_hwhandler {
	char *name;              /* NULL: none ("0") */
	struct mpt_words args;
};

struct mpt_path {
	char *dev;               /* "maj:min" (or a device name, as the kernel echoes it) */
	struct mpt_words args;   /* table: per-path selector args (the first is the repeat
				  * count); status: ps info */
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

struct mpt_chunk;

struct mpt_table {
	struct mpt_features features;     /* table only */
	struct mpt_words status_features; /* status only: queue_io, pg_init_count ... */
	struct mpt_hwhandler hwhandler;   /* the status always says none */
	unsigned int npg;
	unsigned int pg_num;         /* table: initial PG; status: current PG */
	struct mpt_pg *pg;
	struct mpt_chunk *mem;       /* every string and word list above lives here */
};

/* --- features --- */

/* "<count> words..." (a config's features, or a table's) into f. 0, or -EINVAL
 * (a count that disagrees, a known feature without its value). */
int mpt_features_parse(const char *text, struct mpt_features *f);
/* The text: count, queue_if_no_path first when queueing, then the given features in
 * their order, then the unknown words. 0 or -ENOSPC. */
int mpt_features_format(const struct mpt_features *f, char *buf, size_t size);
/* Give feature id (MPT_RETAIN_HW_HANDLER takes no value; MPT_QUEUE_MODE takes an enum
 * mpt_queue_mode). Given again, it keeps its place and takes the new value (the kernel
 * also takes the last). */
void mpt_feature_set(struct mpt_features *f, enum mpt_feature id, unsigned int value);
int mpt_feature_given(const struct mpt_features *f, enum mpt_feature id);
/* A map's no_path_retry decides queueing over the features' queue_if_no_path: N > 0
 * retries, NPR_QUEUE queues, NPR_FAIL fails; anything else (unset) leaves it. */
void mpt_features_no_path(struct mpt_features *f, int no_path_retry);
/* Would the live table show the features want asks for? Order does not matter, nor
 * what the kernel does not echo: queue_mode rq or mq (request-based, the default);
 * retain_attached_hw_handler under queue_mode bio (implied); pg_init_retries 0 (off).
 * The retry count is not compared (not in the table). 1 yes, 0 no. */
int mpt_features_same(const struct mpt_features *want, const struct mpt_features *live);
/* features text with queueing set as no_path_retry says (mpt_features_no_path).
 * 0, -EINVAL or -ENOSPC. */
int mpt_features_npr(const char *features, int no_path_retry, char *out, size_t size);

/* --- building the table we want --- */

/* What goes into a table besides the paths. */
struct mpt_conf {
	struct mpt_features features;   /* zero: none */
	const char *hwhandler;    /* "0" or "<count> name [args]", default "0" */
	const char *selector;     /* "<name> <#args> [args]", default "round-robin 0" */
	const char *path_args;    /* "<#args> [args]", default "1 1" (repeat_count 1) */
	unsigned int repeat;      /* > 0: each path's repeat_count (rr_min_io_rq), instead
				   * of path_args */
	int weight_by_prio;       /* rr_weight priorities: each path's repeat_count times its
				   * prio */
};
extern const struct mpt_conf mpt_conf_default;

/* The table for mp's groups (initial PG 1) into t (free with mpt_free, also on error).
 * 0, -EINVAL (no group; a handler, selector or path_args text that does not parse:
 * *bad, if not NULL, names which) or -ENOMEM. */
int mpt_build(const struct multipath *mp, const struct pathvec *pv,
	      const struct mpt_conf *conf, struct mpt_table *t, const char **bad);

/* --- parsing, comparing, writing --- */

/* Parse a table or status params string. 0 or -EINVAL (malformed: counts that
 * disagree, missing words, trailing garbage) / -ENOMEM. */
int mpt_parse_table(const char *params, struct mpt_table *t);
int mpt_parse_status(const char *params, struct mpt_table *t);
void mpt_free(struct mpt_table *t);

/* Does the live table already do what want asks? Compared as structures: features as
 * mpt_features_same; same groups, selectors and paths in order; per-path args compared
 * as a prefix (the kernel echoes them at its own width); a handler the kernel keeps
 * attached counts as equal when want asks for none, and handler args only count when
 * live shows any (the kernel never echoes them); the initial group is not compared (the
 * kernel reports its current group there). 1 yes, 0 no. */
int mpt_same(const struct mpt_table *want, const struct mpt_table *live);

/* The table text (canonical spacing): what is loaded. 0 or -ENOSPC. */
int mpt_format(const struct mpt_table *t, char *buf, size_t size);
/* "0" or "<count> name args" */
int mpt_format_hwhandler(const struct mpt_hwhandler *h, char *buf, size_t size);
/* Drop path dev from a parsed table: an emptied group goes, the initial group is
 * kept pointing at the same group (or 1). 0, -ENOENT if absent, -ENOTEMPTY if it is
 * the only path (a table with no path is never made). */
int mpt_remove_path(struct mpt_table *t, const char *dev);

/* Does the table queue I/O when no path is usable (queue_if_no_path)? */
int mpt_queues(const struct mpt_table *table);
/* Would I/O to this map wait forever right now? Its table queues when no path is
 * usable (queue_if_no_path) and its status shows no active path. Removing such a map,
 * or its last partition map (the kernel then syncs the parent), blocks. 1 yes, 0 no. */
int mpt_queueing_without_paths(const struct mpt_table *table, const struct mpt_table *status);

/* Number of paths in the table, and whether one with dev "maj:min" is present. */
unsigned int mpt_path_count(const struct mpt_table *t);
const struct mpt_path *mpt_find_path(const struct mpt_table *t, const char *dev);

#endif
