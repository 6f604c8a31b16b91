/* Edge: the ranking this host's udev rules use (uid_rank.h). Reads small files only. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "uid_rank.h"

#define RULE_MAX (256 * 1024)

static const char *const rule_dirs[] = {
	"/etc/udev/rules.d", "/run/udev/rules.d", "/lib/udev/rules.d", "/usr/lib/udev/rules.d",
};

/* A whole small regular file, NUL terminated; NULL when absent, not regular, or big. */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	ssize_t n;

	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size < RULE_MAX &&
	    (buf = malloc((size_t)st.st_size + 1))) {
		n = read(fd, buf, (size_t)st.st_size);
		if (n < 0) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
			*len = (size_t)n;
		}
	}
	close(fd);
	return buf;
}

/* Does this rule text give ID_SERIAL from sg_inq's values? A line, not a comment,
 * assigning ID_SERIAL from a SCSI_IDENT_ value. */
static int sets_id_serial(const char *text)
{
	const char *l = text;

	while (*l) {
		const char *e = strchr(l, '\n'), *a;
		size_t n;

		l += strspn(l, " \t");
		n = e ? (size_t)(e - l) : strlen(l);
		a = *l == '#' ? NULL : memmem(l, n, "ENV{ID_SERIAL}=\"", 16);
		if (a && memmem(a, n - (size_t)(a - l), "$env{SCSI_IDENT_", 16))
			return 1;
		if (!e)
			break;
		l = e + 1;
	}
	return 0;
}

enum uid_ranking uid_ranking_from_rules(const char *root, char *why, size_t whysize)
{
	char path[PATH_MAX], link[PATH_MAX];
	struct stat st;

	if (!root)
		root = "";
	for (size_t i = 0; i < sizeof(rule_dirs) / sizeof(rule_dirs[0]); i++) {
		size_t len = 0;
		ssize_t n;
		char *text;
		int sg3;

		snprintf(path, sizeof(path), "%s%s/%s", root, rule_dirs[i], UID_SG3_RULE);
		if (lstat(path, &st))
			continue;
		/* udev's masking: a link to /dev/null, or an empty file, of the same name */
		n = S_ISLNK(st.st_mode) ? readlink(path, link, sizeof(link) - 1) : -1;
		if (n > 0) {
			link[n] = '\0';
			if (!strcmp(link, "/dev/null")) {
				snprintf(why, whysize, "%s%s/%s masks it (-> /dev/null)", root, rule_dirs[i],
					 UID_SG3_RULE);
				return UID_RANK_SCSI_ID;
			}
		}
		text = slurp(path, &len);
		sg3 = text && len && sets_id_serial(text);
		snprintf(why, whysize, "%s %s ID_SERIAL", path,
			 sg3 ? "sets" : text && len ? "does not set" : "is empty or unreadable: masks");
		free(text);
		return sg3 ? UID_RANK_SG3 : UID_RANK_SCSI_ID;
	}
	snprintf(why, whysize, "no %s: scsi_id", UID_SG3_RULE);
	return UID_RANK_SCSI_ID;
}

int uid_ranking_detect(const char *root, enum uid_ranking *r, char *why, size_t whysize)
{
	char path[PATH_MAX], rules_why[PATH_MAX + 64];
	size_t len = 0;
	char *text;
	int bad = 0;

	if (!root)
		root = "";
	snprintf(path, sizeof(path), "%s%s", root, UID_RANKING_FILE);
	text = slurp(path, &len);
	if (text && !uid_ranking_parse(text, r)) {
		snprintf(why, whysize, "recorded in %s", path);
		free(text);
		return 0;
	}
	if (text || access(path, F_OK) == 0)
		bad = 1;
	free(text);
	*r = uid_ranking_from_rules(root, rules_why, sizeof(rules_why));
	snprintf(why, whysize, "%s%s%s", bad ? path : "", bad ? " unusable, ignored; " : "", rules_why);
	return bad;
}

static pthread_once_t host_once = PTHREAD_ONCE_INIT;
static enum uid_ranking host_rank;
static int host_bad;
static char host_why[PATH_MAX + 128];

static void host_detect(void)
{
	host_bad = uid_ranking_detect("", &host_rank, host_why, sizeof(host_why));
}

enum uid_ranking uid_ranking_host(const char **why, int *bad)
{
	pthread_once(&host_once, host_detect);
	if (why)
		*why = host_why;
	if (bad)
		*bad = host_bad;
	return host_rank;
}
