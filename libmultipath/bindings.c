#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "log.h"
#include "bindings.h"
#include "structs.h"

const char bindings_header[] =
	"# Multipath bindings, Version : 1.0\n"
	"# Written by multipath: each line binds a map name (alias) to a WWID so the\n"
	"# name stays the same across reboots. Format:\n"
	"# alias wwid\n"
	"#\n";

/* No whitespace or control characters anywhere (the file is whitespace separated),
 * no leading '#' (it would read back as a comment). */
static int token_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || s[0] == '#')
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* A map name: also no '/', not "." or ".." (it becomes /dev/mapper/<alias>). */
static int alias_ok(const char *s, size_t len)
{
	if (len >= ALIAS_SIZE || !token_ok(s, len) || memchr(s, '/', len))
		return 0;
	return !(len == 1 && s[0] == '.') && !(len == 2 && s[0] == '.' && s[1] == '.');
}

static int wwid_ok(const char *s, size_t len)
{
	return len < WWID_SIZE && token_ok(s, len);
}

/* The prefix may be empty (names "a", "b", ...). */
static int prefix_ok(const char *p)
{
	size_t len = strlen(p);

	return !len || (len < ALIAS_SIZE && alias_ok(p, len));
}

int alias_format(const char *prefix, uint64_t id, char *buf, size_t size)
{
	char letters[ALIAS_MAX_LETTERS];
	size_t plen, n = 0, i;

	if (!prefix_ok(prefix))
		return -EINVAL;
	if (id < 1 || id > ALIAS_MAX_ID)
		return -ERANGE;
	/* Bijective base 26: digits 1..26 ('a'..'z'), no zero digit, so z + 1 = aa. */
	while (id) {
		id--;
		letters[n++] = (char)('a' + id % 26);
		id /= 26;
	}
	plen = strlen(prefix);
	if (plen + n + 1 > size)
		return -ENOSPC;
	memcpy(buf, prefix, plen);
	for (i = 0; i < n; i++)
		buf[plen + i] = letters[n - 1 - i];
	buf[plen + n] = '\0';
	return 0;
}

int alias_parse(const char *prefix, const char *alias, uint64_t *id)
{
	size_t plen = strlen(prefix), n;
	const char *s;
	uint64_t v = 0;

	if (strncmp(alias, prefix, plen))
		return -EINVAL;
	s = alias + plen;
	n = strlen(s);
	if (n < 1 || n > ALIAS_MAX_LETTERS)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < 'a' || *s > 'z')
			return -EINVAL;
		v = v * 26 + (uint64_t)(*s - 'a' + 1);
	}
	*id = v;
	return 0;
}

void bindings_init(struct bindings *b)
{
	memset(b, 0, sizeof(*b));
}

void bindings_free(struct bindings *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->b[i].alias);
		free(b->b[i].wwid);
	}
	free(b->b);
	strmap_free(&b->by_alias);
	strmap_free(&b->by_wwid);
	free(b->orig);
	free(b->path);
	free(b->cursor_prefix);
	free(b->taken);
	memset(b, 0, sizeof(*b));
}

const char *bindings_alias_of(const struct bindings *b, const char *wwid)
{
	size_t i;

	return strmap_get(&b->by_wwid, wwid, &i) ? NULL : b->b[i].alias;
}

const char *bindings_wwid_of(const struct bindings *b, const char *alias)
{
	size_t i;

	return strmap_get(&b->by_alias, alias, &i) ? NULL : b->b[i].wwid;
}

/* Append a binding the caller has checked (valid, neither side bound). */
static int push(struct bindings *b, const char *alias, size_t alen,
		const char *wwid, size_t wlen, unsigned int line)
{
	struct binding *e;

	if (b->n == b->alloc) {
		size_t na = b->alloc ? b->alloc * 2 : 64;
		struct binding *nb = realloc(b->b, na * sizeof(*nb));

		if (!nb)
			return -ENOMEM;
		b->b = nb;
		b->alloc = na;
	}
	/* Room in both maps first: then neither put can fail and leave one side bound. */
	if (strmap_reserve(&b->by_alias, b->n + 1) || strmap_reserve(&b->by_wwid, b->n + 1))
		return -ENOMEM;
	e = &b->b[b->n];
	e->alias = strndup(alias, alen);
	e->wwid = strndup(wwid, wlen);
	e->line = line;
	if (!e->alias || !e->wwid) {
		free(e->alias);
		free(e->wwid);
		return -ENOMEM;
	}
	strmap_put(&b->by_alias, e->alias, b->n);
	strmap_put(&b->by_wwid, e->wwid, b->n);
	b->n++;
	return 0;
}

int bindings_parse(struct bindings *b, const char *text, size_t len, const char *name)
{
	struct af_lines it;
	const char *line;
	size_t llen;

	if (af_keep(text, len, &b->orig, &b->orig_len))
		return -ENOMEM;
	af_lines_init(&it, text, len);
	while (af_next_line(&it, &line, &llen)) {
		struct af_token t[3];
		const char *why = NULL;
		size_t i;
		int n = af_tokenize(line, llen, t, 3), r;

		if (n == 0)
			continue;
		if (n < 0)
			why = "contains a NUL byte or control character";
		else if (n == 1)
			why = "no WWID after the alias";
		else if (n > 2)
			why = "extra fields after \"alias wwid\"";
		else if (!alias_ok(t[0].s, t[0].len))
			why = t[0].len >= ALIAS_SIZE ? "alias too long"
				: "invalid alias (contains '/', or is . or ..)";
		else if (!wwid_ok(t[1].s, t[1].len))   /* only its length can be wrong here */
			why = "WWID too long";
		if (why) {
			b->nbad++;
			mp_warn("%s:%u: %s, line ignored", name, it.lineno, why);
			continue;
		}
		{
			char alias[ALIAS_SIZE], wwid[WWID_SIZE];

			memcpy(alias, t[0].s, t[0].len);
			alias[t[0].len] = '\0';
			memcpy(wwid, t[1].s, t[1].len);
			wwid[t[1].len] = '\0';
			/* The first binding wins: it is the one maps were created with. */
			if (!strmap_get(&b->by_alias, alias, &i)) {
				b->ndup++;
				mp_warn("%s:%u: alias %s already bound to %s at line %u, line ignored",
					name, it.lineno, alias, b->b[i].wwid, b->b[i].line);
				continue;
			}
			if (!strmap_get(&b->by_wwid, wwid, &i)) {
				b->ndup++;
				mp_warn("%s:%u: WWID %s already bound to %s at line %u, line ignored",
					name, it.lineno, wwid, b->b[i].alias, b->b[i].line);
				continue;
			}
			if ((r = push(b, alias, t[0].len, wwid, t[1].len, it.lineno)))
				return r;
		}
	}
	b->nfile = b->n;
	return 0;
}

int bindings_load(struct bindings *b, const char *path, int readonly)
{
	char *text;
	size_t len;
	int r;

	bindings_init(b);
	b->readonly = readonly;
	if (!(b->path = strdup(path)))
		return -ENOMEM;
	r = af_read(path, AF_MAX_SIZE, &text, &len);
	if (r == -ENOENT)
		return 0;
	if (!r) {
		r = bindings_parse(b, text, len, path);
		free(text);
		mp_debug("%s: %zu bindings, %u lines skipped", path, b->n, b->nbad + b->ndup);
	}
	if (r) {
		/* Never write over a file we could not read, nor hand out its names. */
		b->load_error = r;
		b->readonly = 1;
	}
	return r;
}

int bindings_adopt(struct bindings *b, const char *prefix, const char *alias,
		   const char *wwid)
{
	uint64_t id;
	int r;

	if (alias_parse(prefix, alias, &id) || bindings_alias_of(b, wwid) ||
	    bindings_wwid_of(b, alias))
		return 0;
	r = bindings_add(b, alias, wwid);
	if (!r)
		mp_debug("%s: keeps its name %s (not in the bindings file)", wwid, alias);
	return r == -ENOMEM ? r : !r;
}

int bindings_add(struct bindings *b, const char *alias, const char *wwid)
{
	const char *cur_alias, *cur_wwid;

	if (!alias_ok(alias, strlen(alias)) || !wwid_ok(wwid, strlen(wwid)))
		return -EINVAL;
	cur_alias = bindings_alias_of(b, wwid);
	cur_wwid = bindings_wwid_of(b, alias);
	if (cur_alias && cur_wwid && !strcmp(cur_alias, alias))
		return 0;
	if (cur_alias || cur_wwid)
		return -EEXIST;
	return push(b, alias, strlen(alias), wwid, strlen(wwid), 0);
}

/* Start over when the prefix changes: the state describes one prefix's names. */
static int cursor_for(struct bindings *b, const char *prefix)
{
	char *p;

	if (b->cursor_prefix && !strcmp(b->cursor_prefix, prefix))
		return 0;
	if (!(p = strdup(prefix)))
		return -ENOMEM;
	free(b->cursor_prefix);
	b->cursor_prefix = p;
	b->frontier = 1;
	b->ntaken = 0;
	return 0;
}

static int remember_taken(struct bindings *b, uint64_t id)
{
	if (b->ntaken == b->taken_alloc) {
		size_t na = b->taken_alloc ? b->taken_alloc * 2 : 16;
		uint64_t *nt = realloc(b->taken, na * sizeof(*nt));

		if (!nt)
			return -ENOMEM;
		b->taken = nt;
		b->taken_alloc = na;
	}
	b->taken[b->ntaken++] = id;
	return 0;
}

int bindings_get_alias(struct bindings *b, const char *prefix, const char *wwid,
		       alias_in_use_fn in_use, void *ctx, const char **alias)
{
	char buf[ALIAS_SIZE];
	const char *cur;
	size_t i, j, pick = SIZE_MAX;
	uint64_t id = 0;
	int r;

	if ((cur = bindings_alias_of(b, wwid))) {
		*alias = cur;
		return 0;
	}
	if (b->load_error)
		return b->load_error;
	if (!wwid_ok(wwid, strlen(wwid)) || !prefix_ok(prefix) ||
	    strlen(prefix) + ALIAS_MAX_LETTERS >= ALIAS_SIZE)
		return -EINVAL;
	if ((r = cursor_for(b, prefix)))
		return r;
	/* First the names others held earlier (ascending, they all lie below the
	 * frontier): one may be free for this WWID. Ones bound since are dropped. */
	for (i = 0, j = 0; i < b->ntaken; i++) {
		alias_format(prefix, b->taken[i], buf, sizeof(buf));
		if (bindings_wwid_of(b, buf))
			continue;
		if (!id && (!in_use || !in_use(buf, wwid, ctx))) {
			id = b->taken[i];
			pick = j;
		}
		b->taken[j++] = b->taken[i];
	}
	b->ntaken = j;
	while (!id) {
		if (b->frontier > ALIAS_MAX_ID)
			return -ENOSPC;
		alias_format(prefix, b->frontier, buf, sizeof(buf));
		if (!bindings_wwid_of(b, buf)) {
			if (!in_use || !in_use(buf, wwid, ctx))
				id = b->frontier;
			else if ((r = remember_taken(b, b->frontier)))
				return r;
		}
		b->frontier++;
	}
	alias_format(prefix, id, buf, sizeof(buf));
	if ((r = push(b, buf, strlen(buf), wwid, strlen(wwid), 0)))
		return r;
	/* Bound now: off the list (only after push, so a failure loses no name). */
	if (pick < b->ntaken) {
		memmove(&b->taken[pick], &b->taken[pick + 1],
			(b->ntaken - pick - 1) * sizeof(*b->taken));
		b->ntaken--;
	}
	*alias = b->b[b->n - 1].alias;
	mp_debug("%s: new friendly name %s", wwid, *alias);
	return 0;
}

int bindings_dirty(const struct bindings *b)
{
	return b->n > b->nfile;
}

int bindings_format(const struct bindings *b, char **out, size_t *len)
{
	size_t tlen = 0, i, pos = 0;
	char *tail;
	int r;

	for (i = b->nfile; i < b->n; i++)
		tlen += strlen(b->b[i].alias) + strlen(b->b[i].wwid) + 2;
	if (!(tail = malloc(tlen + 1)))
		return -ENOMEM;
	for (i = b->nfile; i < b->n; i++)
		pos += (size_t)sprintf(tail + pos, "%s %s\n", b->b[i].alias, b->b[i].wwid);
	r = af_compose(bindings_header, b->orig, b->orig_len, tail, tlen, out, len);
	free(tail);
	return r;
}

int bindings_save(struct bindings *b)
{
	char *text;
	size_t len;
	int r;

	if (b->readonly || !bindings_dirty(b))
		return 0;
	if (!b->path) {
		mp_err("bindings: not loaded from a file, cannot save");
		return -EINVAL;
	}
	if ((r = bindings_format(b, &text, &len)))
		return r;
	if ((r = af_commit(b->path, text, len, 0600, &b->orig, &b->orig_len)))
		return r;
	b->nfile = b->n;
	return 0;
}
