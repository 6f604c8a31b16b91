/* One reporting channel for the library and the tools: messages with a level go to
 * one sink (stderr by default, or a function the program or a test injects), and a
 * debug trace costs one comparison when it is off.
 *
 *   mp_err("%s: cannot read: %s", path, strerror(-r));   something failed
 *   mp_warn("%s:%u: bad line, ignored", file, line);        the run goes on
 *   mp_info(...);                                           -v3 detail
 *   mp_debug("dm: %s %s", op, name);                        the -v4 trace, with file:line
 *
 * A message is one line: the default sink escapes control and non-ASCII bytes (device
 * strings can hold any), so nothing an argument holds reaches the terminal raw.
 * libdevmapper's own log goes here too (devmapper.c), at MP_LOG_DEBUG.
 * Functions still return 0 or -errno: the log says why, the return says what. */
#ifndef MP_LOG_H
#define MP_LOG_H

#include <stddef.h>

enum mp_log_level {
	MP_LOG_ERR = 1,
	MP_LOG_WARN,
	MP_LOG_INFO,
	MP_LOG_DEBUG,
};

struct mp_log_rec {
	enum mp_log_level level;
	const char *file;      /* where it was logged (__FILE__), or NULL */
	int line;
	const char *msg;       /* formatted, not escaped, no trailing newline */
};

/* A sink gets every record at or below the level. arg is what mp_log_set_sink got. */
typedef void (*mp_log_sink)(void *arg, const struct mp_log_rec *rec);

/* The program name that prefixes lines of the default sink ("multipath: ..."), and
 * the most detailed level shown (default MP_LOG_WARN: errors and warnings). */
void mp_log_init(const char *prog, enum mp_log_level max);
void mp_log_set_level(enum mp_log_level max);
/* NULL restores the default sink (stderr). Returns the previous sink and its arg. */
mp_log_sink mp_log_set_sink(mp_log_sink fn, void *arg, void **old_arg);

/* Set once at start (mp_log_init/set_level) and only read afterwards, so the probe
 * worker threads may log too: each record is one write to the sink. */
extern enum mp_log_level mp_log_max;
#define mp_log_enabled(l) ((l) <= mp_log_max)

void mp_log(enum mp_log_level level, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define mp_err(...)  mp_log(MP_LOG_ERR, __FILE__, __LINE__, __VA_ARGS__)
#define mp_warn(...) mp_log(MP_LOG_WARN, __FILE__, __LINE__, __VA_ARGS__)
#define mp_info(...) do { if (mp_log_enabled(MP_LOG_INFO)) \
		mp_log(MP_LOG_INFO, __FILE__, __LINE__, __VA_ARGS__); } while (0)
#define mp_debug(...) do { if (mp_log_enabled(MP_LOG_DEBUG)) \
		mp_log(MP_LOG_DEBUG, __FILE__, __LINE__, __VA_ARGS__); } while (0)

/* The default sink's line for rec, escaped, without newline: "prog: msg", and for a
 * debug record "prog: debug: file:line: msg". Exposed for tests. */
void mp_log_format(char *out, size_t size, const struct mp_log_rec *rec);

#endif
