/* multipath's command line: parsing is pure so it is unit-tested. */
#ifndef MP_CMDLINE_H
#define MP_CMDLINE_H

#include <stddef.h>
#include "log.h"
#include "structs.h"

enum verbosity {
	V_SILENT = 0,     /* -v 0 / -q */
	V_NAMES = 1,      /* created/reloaded map names */
	V_ACTIONS = 2,    /* default: one line per created/reloaded map */
	V_DETAIL = 3,     /* the three sections with per-path detail, plus actions */
	V_DEBUG = 4,      /* -v 4: V_DETAIL plus the debug trace (log.h, mp_debug) */
};

enum mode {
	MODE_CONFIGURE = 0,   /* create/reload maps (the default) */
	MODE_LIST,            /* -l: topology from sysfs and dm, no path I/O */
	MODE_LIST_LONG,       /* -ll: topology, with checkers and prioritizers run */
	MODE_FLUSH_ONE,       /* -f map */
	MODE_FLUSH_ALL,       /* -F */
	MODE_DUMP_CONFIG,     /* -t */
	MODE_CLAIM,           /* -u: udev asks whether the device is a multipath path */
	MODE_CHECK_CONFIG,    /* --check-config [FILE]: report every problem, change nothing */
	MODE_UID_RANKING,     /* --uid-ranking[=ROOT]: which rules' ID_SERIAL (uid_rank.h) */
	MODE_REVALIDATE,      /* --revalidate: the revalidator (revalidate.c) */
};

struct options {
	enum mode mode;
	int json;               /* -j, with -l / -ll */
	const char *flush_map;  /* -f */
	int bindings_ro;        /* -B */
	const char *config_file;   /* --config FILE, else $MULTIPATH_CONF, else the default */
	int check_one;          /* --check-config FILE: that file alone (no conf.d) */
	int verbosity;
	int sections;           /* -v alone (or -v 3): the original three-section output */
	int debug;              /* -v 4: verbosity is V_DETAIL, and the debug trace is on */
	int dry_run;
	enum pgpolicy policy;   /* PGP_INVALID: not given (use the default) */
	size_t max_paths;       /* -m: 0 = unbounded */
	const char *device;     /* limit the run to this device's LU */
	const char *uid_root;   /* --uid-ranking=ROOT: look under ROOT ("" = /) */
	int no_udev_wait;       /* --no-udev-wait: return before udev has handled the maps */
};

/* 0 on success, 1 for "print usage and exit 0" (-h), -EINVAL on a usage error
 * (with the reason in err). */
int parse_cmdline(int argc, char **argv, struct options *o, char *err, size_t errsz);
/* How much the log (log.h) shows: errors and warnings always, -v3 info, -v4 the trace. */
enum mp_log_level options_log_level(const struct options *o);
extern const char usage_text[];

#endif
