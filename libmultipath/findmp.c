#include <errno.h>
#include <stddef.h>

#include "findmp.h"

int findmp_decide(const struct findmp_facts *f, enum findmp_reason *why)
{
	enum findmp_reason r;
	int yes;

	if (f->mode != FIND_MP_ON && f->mode != FIND_MP_GREEDY && f->mode != FIND_MP_STRICT)
		return -EINVAL;
	/* Explicit user choices (config, then the wwids file) are reported first, so
	 * -v 3 names the strongest reason when several hold. */
	if (f->blacklisted)
		r = FMR_BLACKLISTED;
	else if (!f->npaths)
		r = FMR_NO_PATHS;
	else if (f->in_config)
		r = FMR_IN_CONFIG;
	else if (f->in_wwids)
		r = FMR_IN_WWIDS;
	else if (f->mode == FIND_MP_GREEDY)
		r = FMR_GREEDY;
	else if (f->mode == FIND_MP_STRICT)
		r = FMR_NOT_LISTED;
	else if (f->npaths >= 2)
		r = FMR_MULTIPLE_PATHS;
	else if (f->known_array)
		r = FMR_KNOWN_ARRAY;
	else
		r = FMR_SINGLE_PATH;
	yes = r != FMR_BLACKLISTED && r != FMR_NO_PATHS && r != FMR_NOT_LISTED &&
	      r != FMR_SINGLE_PATH;
	if (why)
		*why = r;
	return yes;
}

const char *findmp_reason_str(enum findmp_reason r)
{
	switch (r) {
	case FMR_BLACKLISTED:    return "blacklisted";
	case FMR_NO_PATHS:       return "no usable paths";
	case FMR_IN_CONFIG:      return "has a multipaths entry in the config";
	case FMR_IN_WWIDS:       return "listed in the wwids file";
	case FMR_MULTIPLE_PATHS: return "2 paths or more";
	case FMR_KNOWN_ARRAY:    return "known multipath array (hardware table)";
	case FMR_GREEDY:         return "find_multipaths greedy";
	case FMR_SINGLE_PATH:    return "single path, not listed, unknown hardware";
	case FMR_NOT_LISTED:     return "find_multipaths strict: not in the wwids file or config";
	}
	return "unknown reason";
}

const char *findmp_mode_str(int mode)
{
	switch (mode) {
	case FIND_MP_ON:     return "on";
	case FIND_MP_GREEDY: return "greedy";
	case FIND_MP_STRICT: return "strict";
	}
	return "?";
}
