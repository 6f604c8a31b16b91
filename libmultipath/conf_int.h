/* Configuration internals shared by the conf_*.c files (not for other modules). */
#ifndef MP_CONF_INT_H
#define MP_CONF_INT_H

#include <stddef.h>
#include "config.h"

#define VALUE_MAX   4096          /* longest token / value */
#define FILE_MAX    (16u << 20)   /* longest config file read */
#define DM_NAME_MAX 127           /* DM_NAME_LEN - 1 */
#define MAX_WORDS   16            /* words in a selector / features / handler value */

/* Sections; SEC_BLDEVICE is a device{} inside blacklist{} or blacklist_exceptions{}. */
enum sect { SEC_TOP, SEC_DEFAULTS, SEC_BLACKLIST, SEC_EXCEPTIONS, SEC_DEVICES, SEC_MULTIPATHS,
	    SEC_OVERRIDES, SEC_DEVICE, SEC_MULTIPATH, SEC_BLDEVICE, SEC_PROTOCOL, SEC_COUNT };
#define M(s) (1u << (s))

/* Value types: the check a value goes through and how it is stored and printed. */
enum vtype { V_PGPOLICY, V_SELECTOR, V_FEATURES, V_HWHANDLER, V_CHECKER, V_PRIO, V_FAILBACK,
	     V_NPR, V_RRW, V_YESNO, V_FINDMP, V_PATH, V_NAME, V_WWID, V_REGEX, V_TEXT,
	     V_UINT, V_INT, V_TMO_OFF, V_DEVLOSS, V_NUM_OR_NO, V_LOGERR, V_MARGINAL_PG, V_MAXFDS,
	     V_ANY };

/* Where a keyword's value goes. */
enum owner {
	O_SET,     /* struct mp_settings (defaults, overrides, device, multipath, protocol) */
	O_CONF,    /* struct config (defaults only) */
	O_HW,      /* struct hwentry */
	O_MP,      /* struct mpentry */
	O_BL,      /* struct blentry (a blacklist rule) */
	O_PROTO,   /* struct protoentry */
	O_NOTE,    /* checked, then kept as a note only: used by a daemon, not by this tool */
};

#define K_MULTIWORD    1u   /* an unquoted value runs to the end of the line */
#define K_BUILTIN_ONLY 2u   /* only in the built-in table (hwtable.conf) */
#define K_DEPRECATED   4u   /* multipath-tools ignores it too: not dumped */
#define K_SHOW_DFLT    8u   /* the dump prints dflt whatever the value (as multipath-tools) */

struct keyword {
	const char *name;
	unsigned int where;   /* M(section) mask */
	enum vtype type;
	enum owner owner;
	size_t off;           /* in the struct the owner names */
	int id;               /* O_SET: enum setting_id */
	unsigned int flags;
	int max;              /* V_UINT: the largest value (0: INT_MAX) */
	const char *note;     /* what the keyword does (or not) in this tool, for -v3/dump */
	const char *dflt;     /* printed by -t in defaults when not set (multipath-tools'
			       * default for keywords without a value here) */
};

extern const struct keyword conf_keywords[];
extern const size_t conf_nkeywords;
extern const char *const conf_sect_names[SEC_COUNT];

/* Names that open a block, and where. */
struct block { const char *name; enum sect in, opens; };
const struct block *conf_find_block(const char *name, enum sect in);
const struct keyword *conf_find_keyword(const char *name, enum sect sec, int builtin);
/* Known in some section (so "not allowed here" rather than "unknown"). */
int conf_known_name(const char *name);
const struct keyword *conf_setting_keyword(enum setting_id id);
int conf_is_str_type(enum vtype t);

/* conf_values.c: check and normalise a value. Numbers and enums go to *iv, strings
 * (malloc'ed, normalised) to *sv. 0, -EINVAL (reason in why) or -ENOMEM. */
int conf_check_value(const struct keyword *k, const char *v, int *iv, char **sv,
		     char *why, size_t whysz);
/* An int value as the file would write it; NULL when it has no name. */
const char *conf_int_value_name(enum vtype t, int v, char *buf, size_t size);
/* Printable rendering of input text for messages (escapes, at most ~48 chars). */
const char *conf_show(const char *s, char *buf, size_t size);

/* conf_merge.c */
extern const struct mp_settings conf_unset_settings;
extern const struct mp_settings conf_builtin_defaults;
void *conf_field(const void *base, const struct keyword *k);
int conf_field_set(const void *base, const struct keyword *k);
void conf_settings_merge(struct mp_settings *dst, const struct mp_settings *src);
void conf_settings_free(struct mp_settings *s);
int conf_settings_equal(const struct mp_settings *a, const struct mp_settings *b);
int conf_hw_compile(struct hwentry *e);
/* conf_select.c: compile field i (0 vendor, 1 product, 2 revision, 3 product_blacklist) if
 * it is not yet; 0 (also for a field without a pattern), -EINVAL or -ENOMEM. */
int conf_hw_compile_field(struct hwentry *e, int i);
void conf_hw_free(struct hwentry *e);
void conf_mp_free(struct mpentry *m);
void conf_proto_free(struct protoentry *p);
/* Entries from the config files come first in c->hw. */
size_t conf_count_user(const struct config *c);
/* Move what t holds into c (t keeps nothing it gave). 0 or -ENOMEM. */
int conf_merge(struct config *c, struct config *t);
/* A fresh scratch config: everything unset. */
void conf_init_scratch(struct config *t);
/* Add a diagnostic (owned copy of msg). 0 or -ENOMEM. */
int conf_add_diag(struct config *c, int warning, const char *msg, const char *tag,
		  const char *keyword, const char *value);
/* Keep a string for the config's lifetime (origins and sources point to these). */
const char *conf_intern(struct config *c, const char *s);

/* conf_parse.c: parse text into c. builtin: the hardware table (origin "built-in"). */
int conf_parse_text(struct config *c, const char *text, const char *name, int builtin);

#endif
