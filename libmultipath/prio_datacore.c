/* Pure: DataCore SANsymphony/SANmelody. The standard INQUIRY names, in bytes 112-127, the
 * storage server (SDS) a path leads to; prio_args names the preferred one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chkprio.h"
#include "util.h"

#define SDS_OFF 112
#define SDS_LEN 16

static int parse_word(const char *w, struct datacore_args *a, char *why, size_t whysz)
{
	unsigned int ms;

	if (!strncmp(w, "preferredsds=", 13)) {
		if (strlcpy_safe(a->preferredsds, w + 13, sizeof(a->preferredsds)) >=
		    sizeof(a->preferredsds)) {
			errfmt(why, whysz, "preferredsds longer than %zu characters",
			       sizeof(a->preferredsds) - 1);
			return -EINVAL;
		}
		return 0;
	}
	if (!strncmp(w, "timeout=", 8)) {
		if (parse_uint(w + 8, &ms) || ms < 500 || ms > 20000) {
			errfmt(why, whysz, "timeout must be 500 to 20000 (ms), not \"%s\"", w + 8);
			return -EINVAL;
		}
		a->timeout_ms = (int)ms;
		return 0;
	}
	errfmt(why, whysz, "unknown argument \"%s\" (preferredsds=NAME [timeout=MS])", w);
	return -EINVAL;
}

int datacore_parse_args(const char *args, struct datacore_args *out, char *why, size_t whysz)
{
	char buf[256], *save = NULL, *w;
	int n = 0;

	memset(out, 0, sizeof(*out));
	if (!args || !*args) {
		errfmt(why, whysz, "needs prio_args \"preferredsds=NAME\"");
		return -EINVAL;
	}
	if (strlcpy_safe(buf, args, sizeof(buf)) >= sizeof(buf)) {
		errfmt(why, whysz, "prio_args too long");
		return -EINVAL;
	}
	for (w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save), n++) {
		int r = n < 2 ? parse_word(w, out, why, whysz) : -EINVAL;

		if (n >= 2)
			errfmt(why, whysz, "too many prio_args words");
		if (r)
			return r;
	}
	/* as multipath-tools: a one-character name is refused */
	if (strlen(out->preferredsds) < 2) {
		errfmt(why, whysz, "preferredsds missing or shorter than 2 characters");
		return -EINVAL;
	}
	return 0;
}

int datacore_prio(const unsigned char *inq, size_t len, const struct datacore_args *a,
		  char *why, size_t whysz)
{
	char sds[SDS_LEN + 1];

	if (!inq || len < SDS_OFF + 1) {
		errfmt(why, whysz, "INQUIRY too short for the SDS name (%zu bytes)", inq ? len : 0);
		return -EPROTO;
	}
	len -= SDS_OFF;
	if (len > SDS_LEN)
		len = SDS_LEN;
	memcpy(sds, inq + SDS_OFF, len);
	sds[len] = '\0';
	return strstr(sds, a->preferredsds) != NULL;
}
