/* Pure: weightedpath. prio_args "<hbtl|devname|serial|wwn> <regex> <prio> [<regex> <prio>]...":
 * the first regex (POSIX extended, unanchored) matching the path's chosen identity gives
 * the priority; none matching gives 0. */
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "chkprio.h"
#include "config.h"
#include "util.h"

static const char *const kinds[] = { "hbtl", "devname", "serial", "wwn" };
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))
#define ARGS_MAX 4096

/* Next blank-separated word of *s (NUL-terminated in place), or NULL. */
static char *next_word(char **s)
{
	char *w = *s + strspn(*s, " \t");

	if (!*w)
		return NULL;
	*s = w + strcspn(w, " \t");
	if (**s)
		*(*s)++ = '\0';
	return w;
}

int weighted_kind(const char *args, char *why, size_t whysz)
{
	size_t n;

	if (!args)
		args = "";
	args += strspn(args, " \t");
	n = strcspn(args, " \t");
	for (size_t k = 0; k < NKINDS; k++)
		if (n == strlen(kinds[k]) && !strncmp(args, kinds[k], n))
			return (int)k;
	errfmt(why, whysz, "prio_args must start with hbtl, devname, serial or wwn");
	return -EINVAL;
}

static int parse_prio(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 0 || v > 1000000)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

int weighted_prio(const char *args, const struct weighted_ids *ids, int *prio,
		  char *why, size_t whysz)
{
	const char *subject[NKINDS] = { ids->hbtl, ids->devname, ids->serial, ids->wwn };
	char *buf, *s, *re, *pw;
	int kind = weighted_kind(args, why, whysz), r = 0;

	*prio = 0;
	if (kind < 0)
		return kind;
	if (strlen(args) > ARGS_MAX) {
		errfmt(why, whysz, "prio_args longer than %d characters", ARGS_MAX);
		return -EINVAL;
	}
	buf = strdup(args);
	if (!buf)
		return -ENOMEM;
	s = buf;
	next_word(&s);   /* the kind */
	while ((re = next_word(&s))) {
		regex_t rx;
		char rwhy[96];
		int v, hit;

		pw = next_word(&s);
		if (!pw || parse_prio(pw, &v)) {
			errfmt(why, whysz, "regex \"%s\" needs a priority (0-1000000) after it", re);
			r = -EINVAL;
			break;
		}
		/* config_regcomp refuses patterns whose repetition counts could blow up */
		if (config_regcomp(&rx, re, rwhy, sizeof(rwhy))) {
			errfmt(why, whysz, "bad regex \"%s\": %s", re, rwhy);
			r = -EINVAL;
			break;
		}
		hit = !regexec(&rx, subject[kind] ? subject[kind] : "", 0, NULL, 0);
		regfree(&rx);
		if (hit) {
			*prio = v;
			break;
		}
	}
	free(buf);
	return r;
}
