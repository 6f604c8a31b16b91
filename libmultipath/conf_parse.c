/* multipath.conf parser: sections, keywords (conf_keywords.c), value checks
 * (conf_values.c), and recovery. A problem never stops the parse: it becomes a warning
 * "FILE:LINE: what is wrong", the line (or the entry, or the unknown section) is
 * ignored, and parsing goes on, so one run reports every problem.
 *
 * Syntax: sections and sub-sections are "name {" ... "}", the brace on the same or a
 * later line; one "keyword value" per line (more text on the line: a warning). A value
 * is a word or a "quoted string"; path_selector, features and hardware_handler may be
 * written unquoted, their value then runs to the end of the line. The same section
 * twice is merged; multipaths entries for one WWID are merged, later settings winning.
 *
 * A parse fills a scratch config that is then merged into the target (conf_merge.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "conf_lex.h"
#include "util.h"

struct parser {
	struct lexer lx;
	const char *name;
	struct config *t;            /* what this text adds */
	const struct config *c;      /* what it will be merged into */
	int builtin;                 /* the built-in table: origins "builtin" */
	int oom;
	enum tok pending;            /* a token read ahead, handled next */
	size_t cap_hw, cap_mp, cap_bl, cap_ex, cap_proto;
};

/* What the keywords of the block being read fill in. */
struct ctx {
	enum sect sec;
	unsigned int line;           /* where the block opened */
	size_t idx;                  /* entry in t->hw / t->mp / t->proto / *bl */
	int exceptions;              /* blacklist rules go to: 0 blacklist, 1 exceptions */
	struct mp_settings *set;     /* the settings the block writes, if any */
	const char *tag;             /* the block's source: notes are tagged with it */
	unsigned int kline[S_COUNT]; /* line of each setting given in the block */
};

static void add_msg(struct parser *ps, int warning, const char *tag, const char *kw,
		    const char *value, const char *msg)
{
	if (!ps->oom && conf_add_diag(ps->t, warning, msg, tag, kw, value))
		ps->oom = 1;
}

static void warn(struct parser *ps, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(struct parser *ps, unsigned int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n = snprintf(msg, sizeof(msg), "%s:%u: ", ps->name, line);

	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	add_msg(ps, 1, NULL, NULL, NULL, msg);
}

static enum tok next(struct parser *ps)
{
	enum tok t = ps->pending;

	if (t != T_NONE) {
		ps->pending = T_NONE;
		return t;
	}
	return lex(&ps->lx);
}

/* Drop the rest of the line. A brace on it still counts: it is handed back. */
static void skip_line(struct parser *ps)
{
	for (;;) {
		enum tok t = next(ps);

		if (t == T_NL || t == T_EOF || t == T_RBRACE) {
			ps->pending = t;
			return;
		}
	}
}

/* After a '{' whose section is ignored: up to its matching '}'. Returns the last line. */
static unsigned int skip_block(struct parser *ps)
{
	int depth = 1;

	for (;;) {
		enum tok t = next(ps);

		if (t == T_EOF) {
			ps->pending = t;
			return ps->lx.tokline;
		}
		depth += t == T_LBRACE;
		depth -= t == T_RBRACE;
		if (!depth)
			return ps->lx.tokline;
	}
}

/* Grow an array to hold n+1 elements; returns the (maybe moved) array or NULL. */
static void *grow(void *arr, size_t n, size_t *cap, size_t elsz)
{
	size_t nc;
	void *p;

	if (n < *cap)
		return arr;
	nc = *cap ? *cap * 2 : 8;
	p = realloc(arr, nc * elsz);
	if (p)
		*cap = nc;
	return p;
}

static const char *new_source(struct parser *ps, unsigned int line)
{
	char buf[4200];
	const char *s;

	if (ps->builtin)
		snprintf(buf, sizeof(buf), "builtin");
	else
		snprintf(buf, sizeof(buf), "%s:%u", ps->name, line);
	s = conf_intern(ps->t, buf);
	if (!s)
		ps->oom = 1;
	return s;
}

static struct blvec *bl_of(struct parser *ps, const struct ctx *cx)
{
	return cx->exceptions ? &ps->t->exceptions : &ps->t->blacklist;
}

/* A new rule at the end of the block's blacklist; NULL when out of memory. */
static struct blentry *new_bl(struct parser *ps, const struct ctx *cx, unsigned int line)
{
	struct blvec *bl = bl_of(ps, cx);
	size_t *cap = cx->exceptions ? &ps->cap_ex : &ps->cap_bl;
	struct blentry *v = grow(bl->e, bl->n, cap, sizeof(*v));

	if (!v) {
		ps->oom = 1;
		return NULL;
	}
	bl->e = v;
	memset(&v[bl->n], 0, sizeof(*v));
	v[bl->n].source = new_source(ps, line);
	return &v[bl->n++];
}

/* Values that mean something else here than their words say. */
static const char *value_note(const struct keyword *k, const char *value)
{
	if (k->type == V_FINDMP && !strcmp(value, "smart"))
		return "acts as on: smart's timer belongs to multipathd";
	if (k->type == V_FINDMP && (!strcmp(value, "no") || !strcmp(value, "off")))
		return "acts as greedy, where multipath-tools' daemon leaves a host";
	return NULL;
}

static void note(struct parser *ps, unsigned int line, const struct keyword *k,
		 const char *value, const char *tag, const char *text)
{
	char msg[512], shown[64];

	if (ps->builtin && k->owner != O_NOTE)
		return;
	snprintf(msg, sizeof(msg), "%s:%u: %s %s: %s", ps->name, line, k->name,
		 conf_show(value, shown, sizeof(shown)), text);
	add_msg(ps, 0, tag, k->name, value, msg);
	if (ps->builtin && !ps->oom && ps->t->ndiag)
		ps->t->diag[ps->t->ndiag - 1].builtin = 1;
}

/* Store a checked value where keyword k of block cx writes. */
static void store(struct parser *ps, struct ctx *cx, const struct keyword *k,
		  unsigned int line, int iv, char *sv, const char *raw)
{
	struct config *t = ps->t;
	void *base = NULL;

	switch (k->owner) {
	case O_SET:
		base = cx->set;
		cx->kline[k->id] = line;
		break;
	case O_CONF:
		base = t;
		if (k->type == V_FINDMP) {
			/* printed as multipath-tools prints it: yes is on, no is off */
			const char *w = !strcmp(raw, "yes") ? "on" : !strcmp(raw, "no") ? "off" : raw;

			free(t->find_multipaths_word);
			if (!(t->find_multipaths_word = strdup(w)))
				ps->oom = 1;
		}
		break;
	case O_HW:
		base = &t->hw[cx->idx];
		break;
	case O_MP:
		base = &t->mp[cx->idx];
		break;
	case O_PROTO:
		base = &t->proto[cx->idx];
		break;
	case O_BL:
		base = cx->sec == SEC_BLDEVICE ? &bl_of(ps, cx)->e[cx->idx] : new_bl(ps, cx, line);
		break;
	case O_NOTE:
		break;
	}
	if (k->note)
		note(ps, line, k, raw, cx->tag, k->note);
	else if (value_note(k, raw))
		note(ps, line, k, raw, NULL, value_note(k, raw));
	if (!base) {
		free(sv);
		return;
	}
	if (conf_is_str_type(k->type)) {
		char **f = conf_field(base, k);

		free(*f);                 /* a repeated keyword replaces the earlier value */
		*f = sv;
	} else {
		*(int *)conf_field(base, k) = iv;
	}
}

/* keyword k was read at the start of a line: its value, then the end of the line. */
static void do_keyword(struct parser *ps, struct ctx *cx, const struct keyword *k)
{
	unsigned int line = ps->lx.tokline;
	char val[VALUE_MAX + 1], why[256], shown[64];
	size_t len;
	enum tok t = next(ps);
	char *sv = NULL;
	int iv = 0, r;

	if (t == T_ERR) {
		warn(ps, line, "%s: %s; line ignored", k->name, ps->lx.why);
		skip_line(ps);
		return;
	}
	if (t != T_WORD && t != T_STRING) {
		warn(ps, line, "'%s' needs a value on the same line; ignored", k->name);
		ps->pending = t;
		return;
	}
	memcpy(val, ps->lx.tok, ps->lx.toklen + 1);
	len = ps->lx.toklen;
	t = next(ps);
	while ((k->flags & K_MULTIWORD) && t == T_WORD) {
		if (len + 1 + ps->lx.toklen > VALUE_MAX) {
			warn(ps, line, "value of '%s' too long; line ignored", k->name);
			skip_line(ps);
			return;
		}
		val[len++] = ' ';
		memcpy(val + len, ps->lx.tok, ps->lx.toklen + 1);
		len += ps->lx.toklen;
		t = next(ps);
	}
	if (t == T_NL || t == T_EOF || t == T_RBRACE) {
		ps->pending = t;
	} else {
		warn(ps, ps->lx.tokline, "extra text after the value of '%s' ignored", k->name);
		skip_line(ps);
	}
	/* The built-in text's patterns are compiled by the unit tests (test_relit), not on
	 * every run: most are never compiled at all (relit.h). */
	if (ps->builtin && k->type == V_REGEX)
		r = (sv = strdup(val)) ? 0 : -ENOMEM;
	else
		r = conf_check_value(k, val, &iv, &sv, why, sizeof(why));
	if (r == -ENOMEM) {
		ps->oom = 1;
		return;
	}
	if (r) {
		warn(ps, line, "bad %s '%s': %s; line ignored", k->name,
		     conf_show(val, shown, sizeof(shown)), why);
		return;
	}
	store(ps, cx, k, line, iv, sv, val);
}

/* Origins of the settings block cx gave: "FILE:LINE, label" ("builtin label"). */
static void set_origins(struct parser *ps, struct ctx *cx, const char *label)
{
	char buf[4400];
	const char *shared = NULL;

	if (!cx->set)
		return;
	for (int id = 0; id < S_COUNT; id++) {
		if (!cx->kline[id])
			continue;
		if (ps->builtin) {
			if (!shared) {
				snprintf(buf, sizeof(buf), "builtin %s", label);
				shared = conf_intern(ps->t, buf);
			}
			cx->set->origin[id] = shared;
		} else {
			snprintf(buf, sizeof(buf), "%s:%u, %s", ps->name, cx->kline[id], label);
			cx->set->origin[id] = conf_intern(ps->t, buf);
		}
		if (!cx->set->origin[id])
			ps->oom = 1;
	}
}

static int alias_taken(const struct config *c, size_t n, const struct mpentry *e)
{
	for (size_t i = 0; i < n; i++)
		if (c->mp[i].alias && !strcmp(c->mp[i].alias, e->alias) &&
		    strcmp(c->mp[i].wwid, e->wwid))
			return 1;
	return 0;
}

/* The checks a block needs once its '}' is read; an incomplete entry is dropped. */
static void close_block(struct parser *ps, struct ctx *cx)
{
	struct config *t = ps->t;
	char label[4300], shown[64];

	switch (cx->sec) {
	case SEC_DEFAULTS:
	case SEC_OVERRIDES:
		set_origins(ps, cx, conf_sect_names[cx->sec]);
		break;
	case SEC_DEVICE: {
		struct hwentry *h = &t->hw[cx->idx];

		if (!h->vendor || !h->product) {
			warn(ps, cx->line, "device entry without %s; entry ignored",
			     h->vendor ? "product" : "vendor");
			conf_hw_free(h);
			t->nhw--;
			break;
		}
		snprintf(label, sizeof(label), "devices %s/%s", h->vendor, h->product);
		set_origins(ps, cx, label);
		break;
	}
	case SEC_MULTIPATH: {
		struct mpentry *m = &t->mp[cx->idx];

		if (!m->wwid) {
			warn(ps, cx->line, "multipath entry without wwid; entry ignored");
			conf_mp_free(m);
			t->nmp--;
			break;
		}
		if (m->alias && (alias_taken(ps->c, ps->c->nmp, m) || alias_taken(t, cx->idx, m))) {
			warn(ps, cx->line, "alias '%s' is already used by another wwid; alias ignored",
			     conf_show(m->alias, shown, sizeof(shown)));
			free(m->alias);
			m->alias = NULL;
		}
		snprintf(label, sizeof(label), "multipaths %s", m->wwid);
		set_origins(ps, cx, label);
		break;
	}
	case SEC_BLDEVICE: {
		struct blvec *bl = bl_of(ps, cx);
		struct blentry *b = &bl->e[cx->idx];

		if (!b->vendor && !b->product) {
			warn(ps, cx->line, "%s device entry without vendor or product; entry ignored",
			     cx->exceptions ? "blacklist_exceptions" : "blacklist");
			blentry_free(b);
			bl->n--;
		}
		break;
	}
	case SEC_PROTOCOL: {
		struct protoentry *p = &t->proto[cx->idx];

		if (!p->type) {
			warn(ps, cx->line, "protocol entry without type; entry ignored");
			conf_proto_free(p);
			t->nproto--;
			break;
		}
		snprintf(label, sizeof(label), "overrides protocol %s", p->type);
		set_origins(ps, cx, label);
		break;
	}
	default:
		break;
	}
}

static int parse_block(struct parser *ps, struct ctx *cx);

/* Set up the context of a block that opens; 0, or -1 when out of memory.
 * The grown entry arrays are stored in ps->t (t->hw = h, bl->e = v): the analyzer's
 * known false positive (util.h). */
ANALYZER_FP_LEAK_BEGIN
static int enter(struct parser *ps, struct ctx *cx)
{
	struct config *t = ps->t;

	switch (cx->sec) {
	case SEC_DEFAULTS:
		cx->set = &t->defaults;
		cx->tag = conf_sect_names[SEC_DEFAULTS];
		break;
	case SEC_OVERRIDES:
		cx->set = &t->overrides;
		cx->tag = conf_sect_names[SEC_OVERRIDES];
		break;
	case SEC_BLACKLIST:
		cx->exceptions = 0;
		break;
	case SEC_EXCEPTIONS:
		cx->exceptions = 1;
		break;
	case SEC_DEVICE: {
		struct hwentry *h = grow(t->hw, t->nhw, &ps->cap_hw, sizeof(*h));

		if (!h)
			return ps->oom = -1;
		t->hw = h;
		memset(&h[t->nhw], 0, sizeof(*h));
		cx->idx = t->nhw++;
		h += cx->idx;
		h->s = conf_unset_settings;
		h->builtin = ps->builtin;
		h->source = cx->tag = new_source(ps, cx->line);
		cx->set = &h->s;
		break;
	}
	case SEC_MULTIPATH: {
		struct mpentry *m = grow(t->mp, t->nmp, &ps->cap_mp, sizeof(*m));

		if (!m)
			return ps->oom = -1;
		t->mp = m;
		memset(&m[t->nmp], 0, sizeof(*m));
		cx->idx = t->nmp++;
		m += cx->idx;
		m->s = conf_unset_settings;
		m->source = cx->tag = new_source(ps, cx->line);
		cx->set = &m->s;
		break;
	}
	case SEC_PROTOCOL: {
		struct protoentry *p = grow(t->proto, t->nproto, &ps->cap_proto, sizeof(*p));

		if (!p)
			return ps->oom = -1;
		t->proto = p;
		memset(&p[t->nproto], 0, sizeof(*p));
		cx->idx = t->nproto++;
		p += cx->idx;
		p->s = conf_unset_settings;
		p->source = cx->tag = new_source(ps, cx->line);
		cx->set = &p->s;
		break;
	}
	case SEC_BLDEVICE: {
		if (!new_bl(ps, cx, cx->line))
			return -1;
		cx->idx = bl_of(ps, cx)->n - 1;
		break;
	}
	default:
		break;
	}
	return ps->oom ? -1 : 0;
}

ANALYZER_FP_LEAK_END

/* name '{' ... '}': the brace may come on a later line. (The same false positive,
 * through enter.) */
ANALYZER_FP_LEAK_BEGIN
static void open_block(struct parser *ps, const struct ctx *parent, const struct block *b)
{
	struct ctx cx = { .sec = b->opens, .line = ps->lx.tokline,
			  .exceptions = parent->exceptions };
	enum tok t;

	while ((t = next(ps)) == T_NL)
		;
	if (t != T_LBRACE) {
		warn(ps, ps->lx.tokline, "expected '{' after '%s'; section ignored", b->name);
		ps->pending = t == T_ERR ? T_NL : t;
		return;
	}
	if (enter(ps, &cx))
		return;
	parse_block(ps, &cx);
}
ANALYZER_FP_LEAK_END

/* A word that is neither a keyword nor a section here: say which, skip it. */
static void unknown(struct parser *ps, const struct ctx *cx)
{
	char word[64];
	unsigned int line = ps->lx.tokline, last;
	int known = conf_known_name(ps->lx.tok);
	enum tok t;

	conf_show(ps->lx.tok, word, sizeof(word));
	t = next(ps);
	if (t == T_LBRACE) {
		last = skip_block(ps);
		if (known)
			warn(ps, line, "section '%s' is not allowed in %s; lines %u-%u ignored", word,
			     conf_sect_names[cx->sec], line, last);
		else
			warn(ps, line, "unknown section '%s'; lines %u-%u ignored", word, line, last);
		return;
	}
	ps->pending = t;
	if (known)
		warn(ps, line, "'%s' is not allowed in %s; line ignored", word, conf_sect_names[cx->sec]);
	else if (cx->sec == SEC_TOP)
		warn(ps, line, "unknown section '%s'; line ignored", word);
	else
		warn(ps, line, "unknown keyword '%s' in %s; line ignored", word,
		     conf_sect_names[cx->sec]);
	skip_line(ps);
}

/* Statements up to the block's '}' (or the end of the text). Depth is bounded by the
 * blocks table: a block opens only where that table allows. */
static int parse_block(struct parser *ps, struct ctx *cx)
{
	char shown[64];

	while (!ps->oom) {
		enum tok t = next(ps);
		const struct block *b;
		const struct keyword *k;

		switch (t) {
		case T_NONE:
		case T_NL:
			continue;
		case T_EOF:
			ps->pending = T_EOF;
			if (cx->sec == SEC_TOP)
				return 0;
			warn(ps, ps->lx.tokline, "missing '}': %s opened at line %u is not closed",
			     conf_sect_names[cx->sec], cx->line);
			close_block(ps, cx);
			return 0;
		case T_RBRACE:
			if (cx->sec == SEC_TOP) {
				warn(ps, ps->lx.tokline, "unexpected '}'; ignored");
				continue;
			}
			close_block(ps, cx);
			return 0;
		case T_LBRACE: {
			unsigned int line = ps->lx.tokline, last = skip_block(ps);

			warn(ps, line, "unexpected '{'; lines %u-%u ignored", line, last);
			continue;
		}
		case T_ERR:
			warn(ps, ps->lx.tokline, "%s; line ignored", ps->lx.why);
			skip_line(ps);
			continue;
		case T_STRING:
			warn(ps, ps->lx.tokline, "expected a keyword, found \"%s\"; line ignored",
			     conf_show(ps->lx.tok, shown, sizeof(shown)));
			skip_line(ps);
			continue;
		case T_WORD:
			if ((b = conf_find_block(ps->lx.tok, cx->sec)))
				open_block(ps, cx, b);
			else if ((k = conf_find_keyword(ps->lx.tok, cx->sec, ps->builtin)))
				do_keyword(ps, cx, k);
			else
				unknown(ps, cx);
			continue;
		}
	}
	return -ENOMEM;
}

int conf_parse_text(struct config *c, const char *text, const char *name, int builtin)
{
	struct parser *ps = calloc(1, sizeof(*ps));
	struct ctx top = { .sec = SEC_TOP, .line = 1 };
	struct config t;
	size_t nwarn;
	int r;

	if (!ps)
		return -ENOMEM;
	conf_init_scratch(&t);
	lex_init(&ps->lx, text);
	ps->name = name ? name : "config";
	ps->t = &t;
	ps->c = c;
	ps->builtin = builtin;
	ps->pending = T_NONE;
	parse_block(ps, &top);
	nwarn = t.nwarn;
	r = ps->oom ? -ENOMEM : conf_merge(c, &t);
	config_free(&t);
	free(ps);
	return r ? r : nwarn ? -EINVAL : 0;
}
