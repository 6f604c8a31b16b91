#include <string.h>

#include "mpwant.h"

int mpw_build(const struct multipath *mp, const struct pathvec *pv, const struct mp_settings *s,
	      struct mpt_table *t, const char **bad)
{
	struct mpt_conf tc = {
		.hwhandler = s->hwhandler,
		.selector = s->selector,
		.path_args = mpt_conf_default.path_args,
		.weight_by_prio = s->rr_weight == RRW_PRIORITIES,
	};
	int repeat, e = mpt_features_parse(s->features, &tc.features);

	if (e) {
		memset(t, 0, sizeof(*t));
		if (bad)
			*bad = "features";
		return e;
	}
	/* no_path_retry N queues; the revalidator (revalidate.c) turns queueing off after N
	 * polling intervals without a path, per map. */
	mpt_features_no_path(&tc.features, s->no_path_retry);
	/* the per-path repeat count: rr_min_io for bio-based maps, rr_min_io_rq otherwise */
	repeat = mpt_feature_given(&tc.features, MPT_QUEUE_MODE) &&
			 tc.features.queue_mode == MPT_QM_BIO ? s->rr_min_io : s->rr_min_io_rq;
	tc.repeat = repeat > 0 ? (unsigned int)repeat : 0;
	return mpt_build(mp, pv, &tc, t, bad);
}
