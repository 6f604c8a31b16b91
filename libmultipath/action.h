/* Pure: what to do with one map, given the table we want and the one the kernel has. */
#ifndef MP_ACTION_H
#define MP_ACTION_H

enum mp_action {
	ACT_NONE,      /* live table already does what we want: touch nothing */
	ACT_CREATE,    /* no such map */
	ACT_RELOAD,    /* map exists, table differs */
};

/* live_params NULL means the map does not exist. A live table we cannot parse is
 * replaced (reload). -EINVAL if want_params itself does not parse. */
int select_action(const char *want_params, const char *live_params, enum mp_action *act);
const char *action_name(enum mp_action a);

#endif
