/* Collect what the code under test logs (log.h), one message per line, every level. */
#ifndef TEST_LOGCAPTURE_H
#define TEST_LOGCAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include "log.h"

struct log_capture {
	char *buf;
	size_t len;
	FILE *f;
	mp_log_sink old;
	void *old_arg;
	enum mp_log_level old_max;
};

static inline void log_capture_sink(void *arg, const struct mp_log_rec *rec)
{
	fprintf(((struct log_capture *)arg)->f, "%s\n", rec->msg);
}

static inline void log_capture_start(struct log_capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	c->old = mp_log_set_sink(log_capture_sink, c, &c->old_arg);
	c->old_max = mp_log_max;
	mp_log_set_level(MP_LOG_DEBUG);
}

/* The messages (malloc'd, "" if none: the caller frees); the old sink is back. */
static inline char *log_capture_stop(struct log_capture *c)
{
	fclose(c->f);
	mp_log_set_sink(c->old, c->old_arg, NULL);
	mp_log_set_level(c->old_max);
	return c->buf;
}

/* The value of expr, with what it logged meanwhile copied into the char array buf. */
#define LOG_CAPTURED(buf, expr) ({                                              \
		struct log_capture lc_;                                         \
		log_capture_start(&lc_);                                        \
		__typeof__(expr) r_ = (expr);                                   \
		char *m_ = log_capture_stop(&lc_);                              \
		snprintf((buf), sizeof(buf), "%s", m_ ? m_ : "");               \
		free(m_);                                                       \
		r_;                                                             \
	})

#endif
