/* libFuzzer target: multipath.conf parsing and the -t dump (libmultipath/config.h).
 *
 * Input: the config text (up to a NUL). Over a bare config and (one input in 8) over
 * the built-in config:
 *   - a text with problems gives -EINVAL with "fuzz:<line>: ..." as its first warning and as many
 *     warnings in the config's diagnostics; what was good is applied;
 *   - either way the config dumps to text that parses again without a problem and
 *     dumps the same, origin comments aside (a fixed point), and per-map selection
 *     over it gives every field a value. */
#include <errno.h>

#include "config.h"
#include "fuzz.h"
#include "util.h"

static char *dump(const struct config *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	FZ_CHECK(f);
	config_dump(f, c);
	fclose(f);
	return buf;
}

/* Drop comment lines (they name each entry's origin, file:line, which a round trip
 * changes) in place. */
static void strip_comments(char *s)
{
	char *w = s;

	while (*s) {
		char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) + 1 : strlen(s);
		const char *q = s + strspn(s, " \t");

		if (*q != '#') {
			memmove(w, s, n);
			w += n;
		}
		s += n;
	}
	*w = '\0';
}

/* The first warning of c: the parse's message ("" if none). */
static const char *first_warning(const struct config *c)
{
	for (size_t i = 0; i < c->ndiag; i++)
		if (c->diag[i].warning)
			return c->diag[i].msg;
	return "";
}

static void check_problems(const struct config *c, int r)
{
	const char *err = first_warning(c);

	FZ_CHECK(r == -EINVAL);
	FZ_CHECK(!strncmp(err, "fuzz:", 5));
	FZ_CHECK(strlen(err) > 6);
	FZ_CHECK(c->nwarn > 0);
}

static void check_select(const struct config *c, const char *text)
{
	struct path p;
	struct mp_settings s;

	memset(&p, 0, sizeof(p));
	/* vendor/product from the input: regex matching over hostile strings */
	strlcpy_safe(p.vendor, text, sizeof(p.vendor));
	strlcpy_safe(p.model, strlen(text) > 8 ? text + 8 : "", sizeof(p.model));
	strlcpy_safe(p.dev, "sdq", sizeof(p.dev));
	config_select(c, &p, text, &s);
	FZ_CHECK(s.selector && s.features && s.hwhandler);
	FZ_CHECK(s.pgpolicy != UNSET && s.checker != UNSET && s.prio != UNSET &&
		 s.failback != UNSET && s.no_path_retry != UNSET && s.rr_weight != UNSET);
	(void)config_blacklisted(c, "sdq", text, p.vendor, p.model);
	(void)config_blacklisted(c, text, "", p.vendor, p.model);
}

/* Parse text into c; whatever was kept dumps to text that parses again, into a config
 * set up the same way, cleanly, and dumps the same. Returns the verdict. */
static int check_one(struct config *c, const char *text, int builtin)
{
	char *d1, *d2;
	struct config c2;
	int r = config_parse_string(c, text, "fuzz"), r2;

	if (r)
		check_problems(c, r);
	else
		FZ_CHECK(c->nwarn == 0);
	check_select(c, text);
	d1 = dump(c);
	if (builtin)
		FZ_CHECK(config_init_builtin(&c2) == 0);
	else
		memset(&c2, 0, sizeof(c2));
	r2 = config_parse_string(&c2, d1, "dump");
	if (r2)
		fprintf(stderr, "dump does not parse: %s\n", first_warning(&c2));
	FZ_CHECK(r2 == 0);
	d2 = dump(&c2);
	strip_comments(d1);
	strip_comments(d2);
	FZ_CHECK(!strcmp(d1, d2));
	free(d1);
	free(d2);
	config_free(&c2);
	return r;
}

static uint32_t fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_cstr(data, size);
	struct config c;
	int r;

	/* A bare config first: fast, so most of the time goes to the parser itself. */
	memset(&c, 0, sizeof(c));
	r = check_one(&c, text, 0);
	config_free(&c);
	/* The text again over the built-in table, where the verdict must be the same
	 * and the dump leaves out what equals a built-in entry. Setting up the
	 * built-ins compiles every hardware table regex (thousands of mallocs, slow under
	 * ASan: 5 times fewer runs per second when done for all): done for one input in 8 (picked by a hash of the input,
	 * so a given input always takes the same path). */
	if ((fnv1a(data, size) & 7) == 0) {
		FZ_CHECK(config_init_builtin(&c) == 0);
		FZ_CHECK(check_one(&c, text, 1) == r);
		config_free(&c);
	}
	free(text);
	return 0;
}
