#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "claim.h"

int claim_decide(const struct claim_facts *f, struct claim_answer *a)
{
	enum findmp_reason why = FMR_NO_PATHS;
	int yes;

	memset(a, 0, sizeof(*a));
	if (!f->is_disk) {
		a->reason = CLR_NOT_DISK;
		return 0;
	}
	/* A map holds it: whatever the rules say now, users reach the data through the map. */
	if (f->in_map) {
		a->claim = 1;
		a->reason = CLR_IN_MAP;
		return 0;
	}
	if (f->held_other) {
		a->reason = CLR_HELD;
		return 0;
	}
	/* multipath changes no map while its configuration is broken: claiming would hide a
	 * disk that gets no map. */
	if (!f->config_ok) {
		a->reason = CLR_NO_CONFIG;
		return 0;
	}
	if (!f->has_wwid) {
		a->reason = CLR_NO_WWID;
		return 0;
	}
	yes = findmp_decide(&f->fm, &why);
	if (yes < 0)
		return yes;
	a->fm_reason = why;
	if (!yes && f->claimed_before && why != FMR_BLACKLISTED) {
		/* e.g. its sibling went away before the map was made: no flip-flop */
		a->claim = 1;
		a->reason = CLR_CLAIMED_BEFORE;
		return 0;
	}
	a->claim = yes;
	a->reason = yes ? CLR_FINDMP : CLR_FINDMP_NO;
	return 0;
}

static const char *fm_word(enum findmp_reason r)
{
	switch (r) {
	case FMR_BLACKLISTED:    return "blacklisted";
	case FMR_NO_PATHS:       return "no_paths";
	case FMR_IN_CONFIG:      return "in_config";
	case FMR_IN_WWIDS:       return "wwids";
	case FMR_MULTIPLE_PATHS: return "paths";
	case FMR_KNOWN_ARRAY:    return "known_array";
	case FMR_GREEDY:         return "greedy";
	case FMR_SINGLE_PATH:    return "single_path";
	case FMR_NOT_LISTED:     return "not_listed";
	}
	return "unknown";
}

const char *claim_reason_word(const struct claim_answer *a)
{
	switch (a->reason) {
	case CLR_IN_MAP:         return "in_map";
	case CLR_CLAIMED_BEFORE: return "claimed_before";
	case CLR_FINDMP:
	case CLR_FINDMP_NO:      return fm_word(a->fm_reason);
	case CLR_NOT_DISK:       return "not_disk";
	case CLR_NO_CONFIG:      return "no_config";
	case CLR_HELD:           return "held";
	case CLR_NO_WWID:        return "no_wwid";
	}
	return "unknown";
}

/* Kernel names only: the value goes into a shell loop in the rule. */
static int safe_name(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:.-", *s))
			return 0;
	return 1;
}

int claim_format(char *out, size_t size, const struct claim_answer *a, const char *const *siblings,
		 size_t nsiblings)
{
	size_t len = 0, i;
	int n, first = 1;

#define PUT(...)                                                                        \
	do {                                                                            \
		n = snprintf(out + (len < size ? len : size), len < size ? size - len : 0, \
			     __VA_ARGS__);                                              \
		if (n < 0)                                                              \
			return n;                                                       \
		len += (size_t)n;                                                       \
	} while (0)

	if (size)
		out[0] = '\0';
	PUT("DM_MULTIPATH_DEVICE_PATH=%d\nMPATH_CLAIM_REASON=%s\n", a->claim ? 1 : 0,
	    claim_reason_word(a));
	for (i = 0; a->claim && siblings && i < nsiblings; i++) {
		if (!safe_name(siblings[i]))
			continue;
		PUT("%s%s", first ? "MPATH_CLAIM_SIBLINGS=" : " ", siblings[i]);
		first = 0;
	}
	if (!first)
		PUT("\n");
#undef PUT
	return (int)len;
}
