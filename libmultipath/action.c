#include "action.h"

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

enum mp_action select_action(const struct mpt_table *want, const char *live_params)
{
	struct mpt_table live;
	enum mp_action act;

	if (!live_params)
		return ACT_CREATE;
	if (mpt_parse_table(live_params, &live))
		return ACT_RELOAD;
	act = mpt_same(want, &live) ? ACT_NONE : ACT_RELOAD;
	mpt_free(&live);
	return act;
}
