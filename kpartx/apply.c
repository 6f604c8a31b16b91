/* Executes a plan with dmx_create/dmx_reload/dmx_remove. */
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "log.h"

#define TARGET "linear"

static void fail(const char *what, const struct kp_op *op, int r)
{
	mp_err("%s: %s failed: %s", op->name, what, strerror(-r));
}

unsigned int kp_apply(const struct kp_plan *plan, int read_only, int verbose)
{
	unsigned int failed = 0;

	for (size_t i = 0; i < plan->n; i++) {
		const struct kp_op *op = &plan->ops[i];
		struct dmx_map m;
		int r = 0;

		switch (op->kind) {
		case KP_OP_CONFLICT:
			mp_err("%s: name in use by a map that is not partition %u of this disk "
			       "(uuid \"%s\"): skipped", op->name, op->part, op->uuid);
			failed++;
			continue;
		case KP_OP_CREATE:
			r = dmx_create(op->name, op->uuid, op->size, TARGET, op->params, read_only);
			if (r)
				fail("create", op, r);
			break;
		case KP_OP_RELOAD:
			r = dmx_reload(op->name, op->size, TARGET, op->params, read_only);
			if (r)
				fail("reload", op, r);
			break;
		case KP_OP_REMOVE:
			r = dmx_remove(op->name);
			if (r)
				fail("remove", op, r);
			else if (verbose)
				printf("del devmap : %s\n", op->name);
			break;
		}
		if (r) {
			failed++;
			continue;
		}
		if (verbose && op->kind != KP_OP_REMOVE) {
			if (dmx_info(op->name, &m))
				m.major = m.minor = 0;
			printf("add map %s (%u:%u): 0 %llu %s %s\n", op->name, m.major, m.minor,
			       (unsigned long long)op->size, TARGET, op->params);
		}
	}
	return failed;
}
