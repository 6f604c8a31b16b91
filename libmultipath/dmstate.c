#include "devmapper.h"
#include "dmstate.h"
#include "mptable.h"

int dm_map_queue_blocked(const char *name)
{
	struct dmx_target t, st;
	struct mpt_table tab, sta;
	int r = 0;

	if (dmx_get_targets(name, 0, &t, 1) != 1)
		return 0;
	if (dmx_get_targets(name, 1, &st, 1) == 1) {
		if (!mpt_parse_table(t.params, &tab)) {
			if (!mpt_parse_status(st.params, &sta)) {
				r = mpt_queueing_without_paths(&tab, &sta);
				mpt_free(&sta);
			}
			mpt_free(&tab);
		}
		dmx_target_free(&st, 1);
	}
	dmx_target_free(&t, 1);
	return r;
}
