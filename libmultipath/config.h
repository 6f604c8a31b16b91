/* Configuration: /etc/multipath.conf (a compatible subset of multipath-tools' syntax),
 * the built-in hardware table, and the per-map settings selected from them.
 *
 * Precedence for every per-map setting: multipaths{} entry for the WWID > devices{}
 * entry matching the path's vendor/product/revision (config entries before built-in
 * ones; among built-ins the LAST matching entry wins, so generic entries come first
 * and specific ones later) > defaults{} > built-in default. */
#ifndef MP_CONFIG_H
#define MP_CONFIG_H

#include <regex.h>
#include <stddef.h>
#include <stdio.h>
#include "structs.h"

#define DEFAULT_CONFIG_FILE   "/etc/multipath.conf"
#define DEFAULT_BINDINGS_FILE "/etc/multipath/bindings"
#define DEFAULT_WWIDS_FILE    "/etc/multipath/wwids"
#define CONFIG_ENV            "MULTIPATH_CONF"   /* overrides the config file path */

/* "unset" for every int setting: the next level of precedence decides. */
#define UNSET (-100)

enum find_mp { FIND_MP_ON = 0, FIND_MP_GREEDY, FIND_MP_STRICT };
/* failback: a positive N (deferred failback, seconds), or one of these */
#define FB_MANUAL     (-1)
#define FB_IMMEDIATE  (-2)
#define FB_FOLLOWOVER (-3)
/* Path checkers and prioritizers by name (checker.c implements them; the config stores
 * the index). CHK_COUNT / PRIO_COUNT close the lists. */
enum checker { CHK_TUR = 0, CHK_DIRECTIO, CHK_READSECTOR0, CHK_RDAC, CHK_EMC_CLARIION,
	       CHK_HP_SW, CHK_CCISS_TUR, CHK_NONE, CHK_COUNT };
enum prio { PRIO_CONST = 0, PRIO_ALUA, PRIO_SYSFS, PRIO_RDAC, PRIO_EMC, PRIO_HP_SW, PRIO_HDS,
	    PRIO_ONTAP, PRIO_DATACORE, PRIO_IET, PRIO_RANDOM, PRIO_WEIGHTEDPATH,
	    PRIO_PATH_LATENCY, PRIO_ANA, PRIO_COUNT };
enum rr_weight { RRW_UNIFORM = 0, RRW_PRIORITIES };
/* no_path_retry: a positive N, or one of these */
#define NPR_FAIL  (-1)
#define NPR_QUEUE (-2)

/* The settings a hardware entry, a multipaths entry or defaults can carry.
 * Strings NULL and ints UNSET mean "not set here". */
struct mp_settings {
	int pgpolicy;            /* enum pgpolicy */
	char *selector;          /* "round-robin 0" */
	char *features;          /* "1 queue_if_no_path" (count included) */
	char *hwhandler;         /* "1 alua" (count included) */
	int checker;             /* enum checker */
	int prio;                /* enum prio */
	int failback;            /* enum failback */
	int no_path_retry;       /* N > 0, NPR_FAIL, NPR_QUEUE */
	int rr_weight;           /* enum rr_weight */
	/* Shared with the checker, identity and revalidation code; UNSET / NULL: default. */
	char *prio_args;         /* prioritizer arguments, as written ("hbtl 1:.:.:. 2") */
	char *uid_attribute;     /* udev property that names the LU ("ID_SERIAL") */
	int detect_prio;         /* 0/1: ALUA-capable paths get prio alua */
	int detect_checker;      /* 0/1: ALUA-capable paths get checker tur */
	int checker_timeout;     /* seconds for a checker's SCSI command; 0: default */
};

struct hwentry {
	char *vendor, *product, *revision;    /* POSIX extended regexes; NULL matches all */
	regex_t vendor_re, product_re, revision_re;
	int compiled;                          /* bit 0 vendor, 1 product, 2 revision */
	struct mp_settings s;
	int builtin;
	char *family;                          /* built-in entries: the array family */
	const char *source;                    /* "file:line" or "builtin" */
};

struct mpentry {
	char *wwid;
	char *alias;
	struct mp_settings s;
	const char *source;
};

/* A blacklist / exception entry: exactly one of devnode, wwid, or vendor(+product). */
struct blentry {
	char *devnode, *wwid, *vendor, *product;
	regex_t devnode_re, wwid_re, vendor_re, product_re;
	int compiled;
	const char *source;
};

struct blvec { struct blentry *e; size_t n; };

struct config {
	struct mp_settings defaults;
	int user_friendly_names;   /* 0/1 */
	char *alias_prefix;        /* "mpath" */
	int find_multipaths;       /* enum find_mp */
	char *bindings_file;
	char *wwids_file;
	int polling_interval;      /* seconds between checks of a failed path (default 5) */
	int max_polling_interval;  /* upper bound when backing off (default 4 x polling_interval) */
	struct blvec blacklist, exceptions;
	struct hwentry *hw;        /* config-file entries first, then the built-in table */
	size_t nhw;
	struct mpentry *mp;
	size_t nmp;
	char **sources;            /* owned "file:line" strings the entries point to */
	size_t nsources;
};

/* A config with built-in defaults and hardware table only. 0 or -ENOMEM. */
int config_init_builtin(struct config *c);
/* Parse config text (name is used in messages as "name:line"). On error, a message
 * "name:line: what is wrong" goes to err and -EINVAL is returned; the config is then
 * not to be used for changing maps. */
int config_parse_string(struct config *c, const char *text, const char *name,
			char *err, size_t errsz);
/* Read a file; a missing file is not an error (built-ins apply). */
int config_load_file(struct config *c, const char *path, char *err, size_t errsz);
void config_free(struct config *c);
/* Print the effective config, built-in table included, in the file syntax (re-readable). */
void config_dump(FILE *f, const struct config *c);

/* Selection for one map, given its first path (vendor/product/revision) and WWID. */
void config_select(const struct config *c, const struct path *p, const char *wwid,
		   struct mp_settings *out);       /* every field set (falls back to built-in defaults) */
const struct hwentry *config_find_hw(const struct config *c, const struct path *p);
/* Could config_select give some map this pgpolicy (the defaults, or any device or
 * multipaths entry, names it)? Lets callers skip per-path work only that policy needs. */
int config_may_select_policy(const struct config *c, int pgpolicy);
const struct mpentry *config_find_mp(const struct config *c, const char *wwid);

/* Blacklist: 1 if the path (by devnode, wwid, vendor/product) is blacklisted and
 * not excepted. wwid may be "" when not yet known (then wwid rules are not applied). */
int config_blacklisted(const struct config *c, const char *devnode, const char *wwid,
		       const char *vendor, const char *product);

/* ---- Shared by config.c and blacklist.c ---- */

/* Compile a config regex (REG_EXTENDED | REG_NOSUB); refuses patterns whose repetition
 * counts could make regcomp blow up. 0, -EINVAL (reason in why) or -ENOMEM. */
int config_regcomp(regex_t *re, const char *pattern, char *why, size_t whysz);
/* 1 if s, with leading and trailing blanks ignored, matches; a NULL pattern matches
 * everything, a pattern that is not compiled matches nothing. */
int config_rematch(const regex_t *re, int compiled, const char *pattern, const char *s);
/* Blacklist entries: compile / release the regexes (blentry.compiled bits: 0 devnode,
 * 1 wwid, 2 vendor, 3 product); blentry_free also frees the strings. */
int blentry_compile(struct blentry *b);
void blentry_uncompile(struct blentry *b);
void blentry_free(struct blentry *b);

#endif
