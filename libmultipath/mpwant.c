#include <string.h>

#include "mptable.h"
#include "mpwant.h"

int mpw_build(const struct multipath *mp, const struct pathvec *pv, const struct mp_settings *s,
	      char *buf, size_t size)
{
	char features[256];
	struct mpt_conf tc = {
		.hwhandler = s->hwhandler,
		.selector = s->selector,
		.path_args = mpt_conf_default.path_args,
		.weight_by_prio = s->rr_weight == RRW_PRIORITIES,
	};
	/* the per-path repeat count: rr_min_io for bio-based maps, rr_min_io_rq otherwise */
	int repeat = s->features && strstr(s->features, "queue_mode bio") ? s->rr_min_io
									: s->rr_min_io_rq;
	int e = mpt_features_npr(s->features, s->no_path_retry, features, sizeof(features));

	if (e)
		return e;
	/* no_path_retry N queues; the revalidator (revalidate.c) turns queueing off after N
	 * polling intervals without a path, per map. */
	tc.features = features;
	tc.repeat = repeat > 0 ? (unsigned int)repeat : 0;
	return mpt_build(mp, pv, &tc, buf, size);
}
