#include <errno.h>

#include "action.h"
#include "mptable.h"

const char *action_name(enum mp_action a)
{
	switch (a) {
	case ACT_CREATE:
		return "create";
	case ACT_RELOAD:
		return "reload";
	default:
		return "none";
	}
}

int select_action(const char *want_params, const char *live_params, enum mp_action *act)
{
	struct mpt_table want, live;
	int r = mpt_parse_table(want_params, &want);

	if (r)
		return r;
	if (!live_params)
		*act = ACT_CREATE;
	else if (mpt_parse_table(live_params, &live))
		*act = ACT_RELOAD;
	else {
		*act = mpt_same(&want, &live) ? ACT_NONE : ACT_RELOAD;
		mpt_free(&live);
	}
	mpt_free(&want);
	return 0;
}
