#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "print.h"

#define MSG_MAX 1024

enum mp_log_level mp_log_max = MP_LOG_WARN;
static const char *prog = "multipath";
static mp_log_sink sink;     /* NULL: stderr */
static void *sink_arg;

void mp_log_init(const char *name, enum mp_log_level max)
{
	prog = name;
	mp_log_max = max;
}

void mp_log_set_level(enum mp_log_level max)
{
	mp_log_max = max;
}

mp_log_sink mp_log_set_sink(mp_log_sink fn, void *arg, void **old_arg)
{
	mp_log_sink old = sink;

	if (old_arg)
		*old_arg = sink_arg;
	sink = fn;
	sink_arg = arg;
	return old;
}

void mp_log_format(char *out, size_t size, const struct mp_log_rec *rec)
{
	char esc[4 * MSG_MAX];
	const char *base = rec->file ? strrchr(rec->file, '/') : NULL;

	print_escaped(esc, sizeof(esc), rec->msg);
	if (rec->level == MP_LOG_DEBUG && rec->file)
		snprintf(out, size, "%s: debug: %s:%d: %s", prog, base ? base + 1 : rec->file,
			 rec->line, esc);
	else
		snprintf(out, size, "%s: %s", prog, esc);
}

static void stderr_sink(const struct mp_log_rec *rec)
{
	char line[4 * MSG_MAX + 256];

	mp_log_format(line, sizeof(line), rec);
	fprintf(stderr, "%s\n", line);   /* one write per line: threads never interleave */
}

void mp_log(enum mp_log_level level, const char *file, int line, const char *fmt, ...)
{
	char msg[MSG_MAX];
	struct mp_log_rec rec = { .level = level, .file = file, .line = line, .msg = msg };
	va_list ap;

	if (!mp_log_enabled(level))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (sink)
		sink(sink_arg, &rec);
	else
		stderr_sink(&rec);
}
