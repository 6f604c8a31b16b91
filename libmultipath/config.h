/* Configuration: /etc/multipath.conf (a compatible subset of multipath-tools' syntax),
 * the built-in hardware table, and the per-map settings selected from them.
 *
 * Precedence for every per-map setting: multipaths{} entry for the WWID > overrides{} >
 * devices{} entry matching the path's vendor/product/revision (config entries before
 * built-in ones, later before earlier; among built-ins the LAST matching entry wins, so
 * generic entries come first and specific ones later) > defaults{} > built-in default.
 *
 * The code: conf_keywords.c (the keyword table), conf_lex.c, conf_parse.c, conf_values.c
 * (value checks and names), conf_merge.c (settings and entries, merging a parse into a
 * config), conf_select.c, conf_dump.c, conf_file.c (reading files), blacklist.c. */
#ifndef MP_CONFIG_H
#define MP_CONFIG_H

#include <regex.h>
#include <stddef.h>
#include <stdio.h>
#include "structs.h"

#define DEFAULT_CONFIG_FILE   "/etc/multipath.conf"
#define DEFAULT_BINDINGS_FILE "/etc/multipath/bindings"
#define DEFAULT_WWIDS_FILE    "/etc/multipath/wwids"
#define DEFAULT_CONFIG_DIR    "/etc/multipath/conf.d"
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

/* Timeout values besides a number of seconds (fast_io_fail_tmo, dev_loss_tmo, eh_deadline) */
#define TMO_OFF      (-1)        /* "off": written as "off" */
#define TMO_INFINITY (-2)        /* dev_loss_tmo "infinity": 2^32-1 seconds */

/* Per-map (and per-path) settings, by id: each has an origin in mp_settings.origin[]. */
enum setting_id {
	S_PGPOLICY, S_SELECTOR, S_FEATURES, S_HWHANDLER, S_CHECKER, S_PRIO, S_FAILBACK,
	S_NO_PATH_RETRY, S_RR_WEIGHT, S_PRIO_ARGS, S_UID_ATTRIBUTE, S_DETECT_PRIO,
	S_DETECT_CHECKER, S_CHECKER_TIMEOUT, S_RR_MIN_IO, S_RR_MIN_IO_RQ, S_FAST_IO_FAIL_TMO,
	S_DEV_LOSS_TMO, S_EH_DEADLINE, S_MAX_SECTORS_KB, S_USER_FRIENDLY_NAMES, S_ALIAS_PREFIX,
	S_SKIP_KPARTX, S_FLUSH_ON_LAST_DEL, S_ALL_TG_PT, S_RETAIN_HWHANDLER, S_COUNT
};

/* The settings a hardware entry, a multipaths entry, overrides or defaults can carry.
 * Strings NULL and ints UNSET mean "not set here". */
struct mp_settings {
	int pgpolicy;            /* enum pgpolicy */
	char *selector;          /* "service-time 0" */
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
	int checker_timeout;     /* seconds for a checker's SCSI command; UNSET: the device's timeout */
	int rr_min_io;           /* repeat count per path, bio-based maps */
	int rr_min_io_rq;        /* repeat count per path, request-based maps (ours) */
	int fast_io_fail_tmo;    /* seconds or TMO_OFF, FC remote port */
	int dev_loss_tmo;        /* seconds or TMO_INFINITY, FC/SAS remote port */
	int eh_deadline;         /* seconds or TMO_OFF, SCSI host */
	int max_sectors_kb;      /* paths, then the map; UNSET: left as the kernel set it */
	int user_friendly_names; /* 0/1 */
	char *alias_prefix;      /* "mpath" */
	int skip_kpartx;         /* 0/1: no partition maps for this map */
	int flush_on_last_del;   /* 0/1: the last path's removal switches queueing off */
	int all_tg_pt;           /* 0/1: for persistent reservations (mpathpersist) */
	int retain_hwhandler;    /* 0/1: keep a handler the kernel attached */
	/* Where each setting came from: "FILE:LINE, devices V/P", "built-in devices V/P",
	 * "default"; NULL = not set. Points into the config (or to static text). */
	const char *origin[S_COUNT];
};

struct hwentry {
	char *vendor, *product, *revision;    /* POSIX extended regexes; NULL matches all */
	char *product_blacklist;               /* products of this vendor that are blacklisted */
	regex_t vendor_re, product_re, revision_re, pbl_re;
	int compiled;                          /* bit 0 vendor, 1 product, 2 revision, 3 pbl */
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

/* A blacklist / exception entry: one of devnode, wwid, vendor(+product), property or
 * protocol. A regex starting with '!' matches what the rest does not match. */
struct blentry {
	char *devnode, *wwid, *vendor, *product, *property, *protocol;
	regex_t devnode_re, wwid_re, vendor_re, product_re, property_re, protocol_re;
	int compiled;
	int negated;            /* same bits: the pattern started with '!' */
	const char *source;
};

struct blvec { struct blentry *e; size_t n; };

/* overrides { protocol { type "scsi:fcp" ... } }: the timeouts for one transport. */
struct protoentry {
	char *type;
	struct mp_settings s;
	const char *source;
};

/* A problem in the configuration ("FILE:LINE: what is wrong", level 1) or a note on a
 * keyword that does nothing in this tool (level 0, shown by -v3 and the dump). */
struct conf_diag {
	int warning;                /* 1: a problem (that line or entry was ignored) */
	char *msg;
	const char *tag;            /* notes: the source of the block they were read in */
	int builtin;                /* a note from the built-in table: not printed by -v3 */
	const char *keyword, *value;
};

struct config {
	struct mp_settings defaults;
	struct mp_settings overrides;
	int find_multipaths;       /* enum find_mp, as this tool acts on it */
	char *find_multipaths_word;/* as multipath-tools prints it ("off" for no); NULL: the enum's name */
	char *bindings_file;
	char *wwids_file;
	char *config_dir;          /* "/etc/multipath/conf.d": *.conf read after the file */
	char *partition_delimiter; /* NULL: "p" after a name ending in a digit */
	char *uid_attrs;           /* "sd:ID_SERIAL dasd:ID_UID": per device-name prefix */
	int polling_interval;      /* seconds between checks of a failed path (default 5) */
	int max_polling_interval;  /* upper bound when backing off; UNSET: 4 x polling_interval */
	int verbosity;             /* defaults' verbosity (0-6, default 2) */
	struct blvec blacklist, exceptions;
	struct protoentry *proto;  /* overrides' protocol subsections, in file order */
	size_t nproto;
	struct conf_diag *diag;    /* problems and notes, in the order found */
	size_t ndiag, nwarn;
	struct hwentry *hw;        /* config-file entries first, then the built-in table */
	size_t nhw;
	struct mpentry *mp;
	size_t nmp;
	char **sources;            /* owned "file:line" strings the entries point to */
	size_t nsources;
};

/* A config with built-in defaults and hardware table only. 0 or -ENOMEM. */
int config_init_builtin(struct config *c);
/* Parse config text (name is used in messages as "name:line"). A problem never stops
 * the parse: its line or entry is ignored, a warning "name:line: what is wrong" is added
 * to c->diag, and what is good is applied (config_log_diag logs them). Returns 0,
 * -EINVAL when there was a problem, or -ENOMEM. */
int config_parse_string(struct config *c, const char *text, const char *name);
/* Read a file, then (the main file only) every *.conf in its config_dir in name order.
 * A missing file is not a problem (built-ins apply); one that cannot be read (not a
 * regular file, too big, NUL bytes, I/O error) is a warning and is skipped. Returns as
 * config_parse_string. */
int config_load_file(struct config *c, const char *path);
/* The same for a file alone (no config_dir). */
int config_load_one(struct config *c, const char *path);
void config_free(struct config *c);
/* Print the effective config, built-in table included, in the file syntax (re-readable). */
void config_dump(FILE *f, const struct config *c);

/* Selection for one map, given its first path (vendor/product/revision) and WWID:
 * multipaths > overrides > devices > defaults > built-in defaults. Every field is set
 * except the optional ones (NULL prio_args and uid_attribute; UNSET checker_timeout,
 * max_sectors_kb, dev_loss_tmo and eh_deadline: left as the kernel has them);
 * origin[] says where each came from ("default" for a built-in default). */
void config_select(const struct config *c, const struct path *p, const char *wwid,
		   struct mp_settings *out);
/* The overrides' protocol subsections for a path of transport proto ("scsi:fcp"):
 * they replace fast_io_fail_tmo, dev_loss_tmo and eh_deadline in s. */
void config_select_protocol(const struct config *c, const char *proto, struct mp_settings *s);
/* Setting names and values for messages ("no_path_retry", "queue"); buf holds numbers. */
const char *config_setting_name(enum setting_id id);
const char *config_setting_value(const struct mp_settings *s, enum setting_id id,
				 char *buf, size_t size);
/* Every setting s has, one line each: "who: no_path_retry queue (origin)" (escaped). */
void config_print_settings(FILE *f, const char *who, const struct mp_settings *s);
/* The warnings (mp_warn) and notes on keywords that do nothing here (mp_info, shown by
 * -v3; not those of the built-in table), one record each, through log.h. */
void config_log_diag(const struct config *c);
const struct hwentry *config_find_hw(const struct config *c, const struct path *p);
/* 1 if a device entry whose product pattern names a product family (not ".*") matches
 * the path: find_multipaths on then maps even a single path of it. */
int config_known_array(const struct config *c, const struct path *p);
/* Could config_select give some map this pgpolicy (the defaults, or any device or
 * multipaths entry, names it)? Lets callers skip per-path work only that policy needs. */
int config_may_select_policy(const struct config *c, int pgpolicy);
const struct mpentry *config_find_mp(const struct config *c, const char *wwid);

/* Blacklist: 1 if the path (by devnode, wwid, vendor/product, a device entry's
 * product_blacklist) is blacklisted and not excepted. wwid may be "" when not yet known
 * (then wwid rules are not applied). property and protocol rules are kept for the dump;
 * they need udev properties and the transport, which the caller checks with
 * config_blacklisted_by(). */
int config_blacklisted(const struct config *c, const char *devnode, const char *wwid,
		       const char *vendor, const char *product);
/* property (name=value pairs are tested by name, as multipath-tools does) or protocol:
 * 1 if blacklisted and not excepted. */
enum bl_by { BL_BY_PROPERTY, BL_BY_PROTOCOL };
int config_blacklisted_by(const struct config *c, enum bl_by kind, const char *value);

/* ---- Shared by config.c and blacklist.c ---- */

/* Compile a config regex (REG_EXTENDED | REG_NOSUB); refuses patterns whose repetition
 * counts could make regcomp blow up ({n}, {n,}, {n,m} and {,m}). 0, -EINVAL (reason in
 * why) or -ENOMEM. */
int config_regcomp(regex_t *re, const char *pattern, char *why, size_t whysz);
/* 1 if s, with leading and trailing blanks ignored, matches; a NULL pattern matches
 * everything, a pattern that is not compiled matches nothing. */
int config_rematch(const regex_t *re, int compiled, const char *pattern, const char *s);
/* The same question without the regex, for what plain words decide (relit.h): RELIT_YES,
 * RELIT_NO, or RELIT_UNKNOWN (then only config_rematch can tell). */
int config_relit(const char *pattern, const char *s);
/* Does field i (0 vendor, 1 product, 2 revision, 3 product_blacklist) of a hardware entry
 * match s? A NULL pattern matches everything. The regex is compiled on first need, once
 * (thread-safe; the entry's compiled bits and regex_t are a cache, hence the const). */
int config_hw_field_matches(const struct hwentry *e, int i, const char *s);
/* Compile pattern into re once, for lazily compiled patterns: bit in *compiled says it is
 * done; thread-safe. 0, -EINVAL or -ENOMEM (as config_regcomp). */
int config_regcomp_once(regex_t *re, int *compiled, int bit, const char *pattern);
/* Blacklist entries: ready for matching (the '!' marks; each regex is compiled on first
 * need) / release the regexes (blentry.compiled bits: 0 devnode, 1 wwid, 2 vendor,
 * 3 product, 4 property, 5 protocol); blentry_free also frees the strings. */
int blentry_compile(struct blentry *b);
void blentry_uncompile(struct blentry *b);
void blentry_free(struct blentry *b);

#endif
