#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "log.h"
#include "structs.h"
#include "util.h"
#include "wwids.h"

const char wwids_header[] =
	"# Multipath wwids, Version : 1.0\n"
	"# Written by multipath: the WWIDs of devices it has set up as multipath maps.\n"
	"# With find_multipaths, a device listed here is multipathed even with one path.\n"
	"#\n"
	"# Valid WWIDs:\n";

/* '/' is the field delimiter, whitespace and control characters cannot be written
 * back, a leading '#' would read as a comment. */
static int wwid_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len >= WWID_SIZE || s[0] == '#')
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7f || c == '/')
			return 0;
	}
	return 1;
}

void wwids_init(struct wwids *w)
{
	memset(w, 0, sizeof(*w));
}

void wwids_free(struct wwids *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
	free(w->w);
	strmap_free(&w->idx);
	free(w->orig);
	free(w->path);
	memset(w, 0, sizeof(*w));
}

int wwids_contains(const struct wwids *w, const char *wwid)
{
	size_t i;

	return strmap_get(&w->idx, wwid, &i) == 0;
}

/* Append a valid WWID that is not in the set yet. */
ANALYZER_FP_LEAK_BEGIN   /* w->w[w->n++] = s */
static int push(struct wwids *w, const char *wwid, size_t len)
{
	char *s;

	if (w->n == w->alloc) {
		size_t na = w->alloc ? w->alloc * 2 : 64;
		char **nw = realloc(w->w, na * sizeof(*nw));

		if (!nw)
			return -ENOMEM;
		w->w = nw;
		w->alloc = na;
	}
	if (!(s = strndup(wwid, len)))
		return -ENOMEM;
	if (strmap_put(&w->idx, s, w->n)) {
		free(s);
		return -ENOMEM;
	}
	w->w[w->n++] = s;
	return 0;
}
ANALYZER_FP_LEAK_END

int wwids_parse(struct wwids *w, const char *text, size_t len, const char *name)
{
	struct af_lines it;
	const char *line;
	size_t llen;
	int r;

	if (af_keep(text, len, &w->orig, &w->orig_len))
		return -ENOMEM;
	af_lines_init(&it, text, len);
	while (af_next_line(&it, &line, &llen)) {
		struct af_token t[2];
		const char *why = NULL, *s;
		size_t wl;
		int n = af_tokenize(line, llen, t, 2);

		if (n == 0)
			continue;
		s = t[0].s;
		/* "/wwid/": the WWID runs from after the first '/' to the next one. */
		wl = n > 0 && t[0].len > 2 ? t[0].len - 2 : 0;
		if (n < 0)
			why = "contains a NUL byte or control character";
		else if (n > 1)
			why = "extra fields after \"/wwid/\"";
		else if (t[0].len < 2 || s[0] != '/' || s[t[0].len - 1] != '/')
			why = "not of the form /wwid/";
		else if (!wl || memchr(s + 1, '/', wl))
			why = "empty WWID or '/' inside it";
		else if (!wwid_ok(s + 1, wl))
			why = "WWID too long";
		if (why) {
			w->nbad++;
			mp_warn("%s:%u: %s, line ignored", name, it.lineno, why);
			continue;
		}
		{
			char wwid[WWID_SIZE];

			memcpy(wwid, s + 1, wl);
			wwid[wl] = '\0';
			if (wwids_contains(w, wwid)) {
				w->ndup++;
				mp_warn("%s:%u: WWID %s listed again, line ignored",
					name, it.lineno, wwid);
				continue;
			}
			if ((r = push(w, wwid, wl)))
				return r;
		}
	}
	w->nfile = w->n;
	return 0;
}

int wwids_load(struct wwids *w, const char *path)
{
	char *text;
	size_t len;
	int r;

	wwids_init(w);
	if (!(w->path = strdup(path)))
		return -ENOMEM;
	r = af_read(path, AF_MAX_SIZE, &text, &len);
	if (r == -ENOENT)
		return 0;
	if (!r) {
		r = wwids_parse(w, text, len, path);
		free(text);
		mp_debug("%s: %zu WWIDs, %u lines skipped", path, w->n, w->nbad + w->ndup);
	}
	if (r)
		w->load_error = r;   /* never write over a file we could not read */
	return r;
}

int wwids_add(struct wwids *w, const char *wwid)
{
	size_t len = strlen(wwid);

	if (!wwid_ok(wwid, len))
		return -EINVAL;
	if (wwids_contains(w, wwid))
		return 1;
	return push(w, wwid, len);
}

int wwids_dirty(const struct wwids *w)
{
	return w->n > w->nfile;
}

int wwids_format(const struct wwids *w, char **out, size_t *len)
{
	size_t tlen = 0, i, pos = 0;
	char *tail;
	int r;

	for (i = w->nfile; i < w->n; i++)
		tlen += strlen(w->w[i]) + 3;
	if (!(tail = malloc(tlen + 1)))
		return -ENOMEM;
	for (i = w->nfile; i < w->n; i++)
		pos += (size_t)sprintf(tail + pos, "/%s/\n", w->w[i]);
	r = af_compose(wwids_header, w->orig, w->orig_len, tail, tlen, out, len);
	free(tail);
	return r;
}

int wwids_save(struct wwids *w)
{
	char *text;
	size_t len;
	int r;

	if (!wwids_dirty(w) || w->load_error)
		return 0;
	if (!w->path) {
		mp_err("wwids: not loaded from a file, cannot save");
		return -EINVAL;
	}
	if ((r = wwids_format(w, &text, &len)))
		return r;
	if ((r = af_commit(w->path, text, len, 0644, &w->orig, &w->orig_len)))
		return r;
	w->nfile = w->n;
	return 0;
}
