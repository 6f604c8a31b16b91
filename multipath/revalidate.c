/* multipath --revalidate: bring failed paths back without a resident daemon.
 *
 * dm-multipath sends a change uevent with DM_ACTION=PATH_FAILED when it fails a path; the
 * hotplug handler (or its systemd unit) then starts this. It watches every multipath map that
 * has a failed path, checks each failed path with its map's configured checker (an eighth of
 * the time it has been down, from RV_MIN_DELAY up to max_polling_interval; at once when another
 * path through its remote port is back; one path per port that the kernel holds down has its
 * sysfs state read every RV_MIN_DELAY: revalplan.c), and under the run lock sends what
 * revalplan.c plans: reinstate_path, switch_group for failback,
 * fail_if_no_path / queue_if_no_path for no_path_retry N. It exits once no map has a failed
 * path or a pending deadline: nothing of ours stays resident on a healthy host.
 *
 * One per host: MP_REVALIDATE_LOCK is held for the process' life (its pid is written into
 * it). An event that finds it held only touches MP_REVALIDATE_KICK; the holder watches the
 * lock directory (inotify) and looks at every map again. On its way out the holder releases
 * the lock first and then looks for a kick, so an event is never lost between the two.
 * The run lock is taken only to send messages, never while checking or sleeping.
 * SIGTERM/SIGINT/SIGHUP are blocked except while sleeping (and looked for between steps):
 * it stops between two messages, never inside a round's message sending. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "checker.h"
#include "context.h"
#include "discover.h"
#include "lock.h"
#include "log.h"
#include "revalidate.h"
#include "revalplan.h"
#include "sgio.h"
#include "strmap.h"
#include "threads.h"
#include "util.h"

#define START_WAIT_S 2           /* for the revalidator lock: covers another's exit */
#define RUN_LOCK_WAIT_S 10       /* then the round is tried again */
#define CHECK_TIMEOUT_MS 10000   /* checker_timeout unset */
#define CHECK_THREADS 32

struct rv_path {
	char dev[24];                 /* "maj:min" */
	size_t map;                   /* index into rv.maps */
	struct rv_slot s;             /* first seen failed, next check, port (revalplan.h) */
	int checked;                  /* checked in this round: p holds the result */
	int gone;                     /* its device is gone: it can only come back as a new
				       * device (a hotplug add), so it keeps nobody waiting */
	struct path p;
};

struct rv_map {
	char name[DMX_NAME_SIZE];
	char wwid[WWID_SIZE];
	struct rv_memory mem;
	struct rv_policy pol;
	int checker, timeout_ms;
	int settings;                 /* pol/checker selected (needs a path of the map) */
	int planned;                  /* planned at least once */
	int checked;                  /* this round: one of its failed paths was checked */
	int planned_now;              /* this round: planned (apply_map) */
	int live;                     /* this round: its failed paths that may still come back
				       * by themselves (not gone, not checked good) */
	double due;                   /* revalplan's deadline, 0 none */
	int watch;
};

struct rv {
	struct ctx c;
	struct rv_map *maps;
	size_t nmaps, amaps;
	struct rv_path *paths;
	size_t npaths, apaths;
	int pi, max_pi;
	double last_full, next_full;
	int kicked;
	int ino;
	size_t watch_cursor;          /* rv_watch_turn's */
	double next_watch;            /* the next watch tick */
	double last_round;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A stop signal that arrived while blocked. */
static int stopping(void)
{
	sigset_t pend;

	if (!stop && !sigpending(&pend) &&
	    (sigismember(&pend, SIGTERM) || sigismember(&pend, SIGINT) || sigismember(&pend, SIGHUP)))
		stop = 1;
	return stop;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int kick_path(char *buf, size_t size)
{
	return snprintf(buf, size, "%s/%s", MP_LOCK_DIR, MP_REVALIDATE_KICK) >= (int)size ? -ENAMETOOLONG : 0;
}

/* Take (and clear) the kick: 1 if an event asked for a look at every map. */
static int take_kick(void)
{
	char kick[256];

	return !kick_path(kick, sizeof(kick)) && !unlink(kick);
}

static int kick_pending(void)
{
	char kick[256];

	return !kick_path(kick, sizeof(kick)) && !access(kick, F_OK);
}

static struct rv_map *map_by_name(struct rv *rv, const char *name, size_t *idx)
{
	for (size_t i = 0; i < rv->nmaps; i++)
		if (!strcmp(rv->maps[i].name, name)) {
			if (idx)
				*idx = i;
			return &rv->maps[i];
		}
	return NULL;
}

static int watch_map(struct rv *rv, const struct dmx_map *m)
{
	struct rv_map *x;

	if (map_by_name(rv, m->name, NULL))
		return 0;
	if (rv->nmaps == rv->amaps) {
		size_t n = rv->amaps ? 2 * rv->amaps : 16;
		void *p = realloc(rv->maps, n * sizeof(*rv->maps));

		if (!p)
			return -ENOMEM;
		rv->maps = p;
		rv->amaps = n;
	}
	x = &rv->maps[rv->nmaps++];
	memset(x, 0, sizeof(*x));
	strlcpy_safe(x->name, m->name, sizeof(x->name));
	strlcpy_safe(x->wwid, m->uuid + strlen(UUID_PREFIX), sizeof(x->wwid));
	x->watch = 1;
	return 0;
}

/* Room for one more path in *v (of *n, *cap). NULL on -ENOMEM. */
static struct rv_path *grow(struct rv_path **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		void *x = realloc(*v, c * sizeof(**v));

		if (!x)
			return NULL;
		*v = x;
		*cap = c;
	}
	return &(*v)[(*n)++];
}

static int has_failed(const struct mpt_table *st)
{
	for (unsigned int g = 0; g < st->npg; g++)
		for (unsigned int i = 0; i < st->pg[g].npaths; i++)
			if (st->pg[g].paths[i].state == 'F')
				return 1;
	return 0;
}

/* A map's parsed table (status 0) or status (1). 0, -ENXIO (gone) or -EINVAL. */
static int map_get(const char *name, int status, struct mpt_table *t)
{
	struct dmx_target x;
	int n = dmx_get_targets(name, status, &x, 1), r;

	if (n != 1) {
		if (n > 0)
			dmx_target_free(&x, (size_t)n);
		return n < 0 ? n : -ENXIO;
	}
	r = strcmp(x.type, "multipath") ? -EINVAL
	    : status ? mpt_parse_status(x.params, t) : mpt_parse_table(x.params, t);
	dmx_target_free(&x, 1);
	return r;
}

/* Every multipath map with a failed path joins the watch. */
static int full_scan(struct rv *rv, double now)
{
	struct dmx_maplist l = { 0 };
	int r = dmx_list(&l);

	rv->last_full = now;
	rv->next_full = now + rv->pi;
	if (r) {
		ctx_err("cannot list device maps: %s", strerror(-r));
		return r;
	}
	for (size_t i = 0; i < l.n && !r; i++) {
		struct mpt_table st;

		if (strncmp(l.m[i].uuid, UUID_PREFIX, strlen(UUID_PREFIX)) ||
		    map_get(l.m[i].name, 1, &st))
			continue;
		if (has_failed(&st))
			r = watch_map(rv, &l.m[i]);
		mpt_free(&st);
	}
	dmx_maplist_free(&l);
	return r;
}

/* The map's settings, from the configuration and one of its paths (vendor/product). */
static void select_settings(struct rv *rv, struct rv_map *m, const struct path *p)
{
	struct mp_settings s;

	config_select(&rv->c.conf, p, m->wwid, &s);
	m->pol.failback = s.failback;
	m->pol.no_path_retry = s.no_path_retry;
	m->pol.polling_interval = rv->pi;
	m->checker = s.checker;
	m->timeout_ms = s.checker_timeout > 0 ? s.checker_timeout * 1000 : CHECK_TIMEOUT_MS;
	m->settings = 1;
}

/* One failed path, checked as multipath's probe would: sysfs state first (no command to a
 * device the kernel has offlined), then the map's checker. */
static void check_one(struct rv *rv, struct rv_path *x)
{
	struct rv_map *m = &rv->maps[x->map];
	char name[DEVNAME_SIZE], node[DEVNAME_SIZE + 8];
	int fd;

	if (resolve_device_arg(x->dev, name, sizeof(name)) || discover_path(name, &x->p)) {
		memset(&x->p, 0, sizeof(x->p));
		sscanf(x->dev, "%u:%u", &x->p.major, &x->p.minor);
		x->p.state = PATH_DOWN;
		x->gone = 1;
		x->s.port_known = x->s.held = 0;
		return;
	}
	x->gone = 0;
	x->s.port_known = 1;
	x->s.host = x->p.host;
	x->s.channel = x->p.channel;
	x->s.target = x->p.target;
	if (!m->settings)
		select_settings(rv, m, &x->p);
	x->s.held = strcmp(x->p.sysfs_state, "running") != 0;
	if (x->s.held) {
		x->p.state = PATH_DOWN;
		return;
	}
	snprintf(node, sizeof(node), "/dev/%s", name);
	fd = sgio_open(node);
	if (fd < 0) {
		x->p.state = PATH_DOWN;
		return;
	}
	check_path(&x->p, fd, m->checker, m->timeout_ms);
	close(fd);
}

struct check_run {
	struct rv *rv;
	struct rv_path **todo;
};

static void check_job(size_t i, void *arg)
{
	struct check_run *cr = arg;

	check_one(cr->rv, cr->todo[i]);
}

/* Settings are selected on a map's first check: do one path per new map first, inline. */
static void check_all(struct rv *rv, struct rv_path **todo, size_t n)
{
	struct check_run cr = { .rv = rv, .todo = todo };
	size_t done = 0;

	for (size_t i = 0; i < n; i++)
		if (!rv->maps[todo[i]->map].settings) {
			struct rv_path *t = todo[i];

			check_one(rv, t);
			todo[i] = todo[done];
			todo[done++] = t;
		}
	cr.todo = todo + done;
	run_in_threads(n - done, CHECK_THREADS, check_job, &cr);
}

/* The failed paths of every watched map, from its status, into a new vector: a path known
 * from the last round keeps its slot (found by dev_t: a device sits in one map at most),
 * paths no longer failed (reinstated by a run, or removed) and maps gone are forgotten. */
static int collect(struct rv *rv, double now)
{
	struct strmap known = { 0 };
	struct rv_path *v = NULL;
	size_t n = 0, cap = 0;
	int r = strmap_reserve(&known, rv->npaths);

	for (size_t i = 0; i < rv->npaths && !r; i++)
		if (strmap_put(&known, rv->paths[i].dev, i) == -ENOMEM)
			r = -ENOMEM;
	for (size_t mi = 0; mi < rv->nmaps && !r; mi++) {
		struct mpt_table st;

		if (map_get(rv->maps[mi].name, 1, &st)) {
			rv->maps[mi].watch = 0;   /* gone */
			continue;
		}
		for (unsigned int g = 0; g < st.npg && !r; g++)
			for (unsigned int i = 0; i < st.pg[g].npaths && !r; i++) {
				const struct mpt_path *sp = &st.pg[g].paths[i];
				struct rv_path *x;
				size_t j;

				if (sp->state != 'F')
					continue;
				if (!(x = grow(&v, &n, &cap))) {
					r = -ENOMEM;
					break;
				}
				if (!strmap_get(&known, sp->dev, &j) && rv->paths[j].map == mi) {
					*x = rv->paths[j];
					continue;
				}
				memset(x, 0, sizeof(*x));
				strlcpy_safe(x->dev, sp->dev, sizeof(x->dev));
				x->map = mi;
				x->s.since = x->s.next = now;
			}
		mpt_free(&st);
	}
	strmap_free(&known);
	if (r) {
		free(v);
		return r;
	}
	free(rv->paths);
	rv->paths = v;
	rv->npaths = n;
	rv->apaths = cap;
	for (size_t i = 0; i < n; i++)
		v[i].checked = v[i].s.back = 0;
	return 0;
}

/* The paths due by now and not checked yet in this round into todo (room for npaths). */
static size_t due_paths(struct rv *rv, double now, struct rv_path **todo)
{
	size_t k = 0;

	for (size_t i = 0; i < rv->npaths; i++)
		if (!rv->paths[i].checked && rv->paths[i].s.next <= now)
			todo[k++] = &rv->paths[i];
	return k;
}

/* Check the paths in todo; those back pull their ports' other failed paths forward. */
static int check_pass(struct rv *rv, struct rv_path **todo, size_t n, struct rv_slot **slots)
{
	double now;
	int r;

	check_all(rv, todo, n);
	now = now_s();
	for (size_t i = 0; i < n; i++) {
		todo[i]->checked = 1;
		todo[i]->s.back = todo[i]->p.state != PATH_DOWN;
	}
	for (size_t i = 0; i < rv->npaths; i++)
		slots[i] = &rv->paths[i].s;
	r = rv_pull_ports(slots, rv->npaths, now);
	/* after the pull: a path checked down now waits its back-off, not the next round */
	for (size_t i = 0; i < n; i++)
		todo[i]->s.next = now + rv_check_delay(now - todo[i]->s.since, rv->max_pi);
	return r;
}

/* After the checks: per map, whether a path of it was checked, and how many of its failed
 * paths may still come back by themselves (not gone, not just checked good). */
static void tally(struct rv *rv)
{
	for (size_t mi = 0; mi < rv->nmaps; mi++)
		rv->maps[mi].checked = rv->maps[mi].live = rv->maps[mi].planned_now = 0;
	for (size_t i = 0; i < rv->npaths; i++) {
		const struct rv_path *x = &rv->paths[i];
		struct rv_map *m = &rv->maps[x->map];

		m->checked |= x->checked;
		if (!x->gone && !(x->checked && x->p.state != PATH_DOWN))
			m->live++;
	}
}

/* Under the run lock: one map's plan from its fresh table and status, and its messages. */
static size_t apply_map(struct rv *rv, size_t mi, double now)
{
	struct rv_map *m = &rv->maps[mi];
	struct mpt_table t, st;
	struct pathvec checked = { 0 };
	struct rv_plan plan;
	size_t sent = 0;
	int r;

	if (map_get(m->name, 0, &t)) {
		m->watch = 0;
		return 0;
	}
	if (map_get(m->name, 1, &st)) {
		mpt_free(&t);
		m->watch = 0;
		return 0;
	}
	if (!m->settings) {
		struct path none;

		memset(&none, 0, sizeof(none));
		select_settings(rv, m, &none);
	}
	for (size_t i = 0; i < rv->npaths; i++)
		if (rv->paths[i].map == mi && rv->paths[i].checked)
			pathvec_add(&checked, &rv->paths[i].p);
	r = rv_plan_map(&t, &st, &checked, &m->pol, &m->mem, now, &plan);
	if (!r) {
		for (size_t i = 0; i < plan.msgs.n && !stopping(); i++) {
			int e = dmx_message(m->name, plan.msgs.msg[i]);

			sent++;
			if (e)
				ctx_err("%s: message '%s' failed: %s", m->name, plan.msgs.msg[i],
					strerror(-e));
			else if (rv->c.o->verbosity >= V_ACTIONS)
				ctx_say(stdout, "%s: %s", plan.msgs.msg[i], m->name);
		}
		m->watch = plan.watch && (plan.due || m->live);
		m->due = plan.due;
		m->planned = 1;
		reconcile_free(&plan.msgs);
	}
	pathvec_free(&checked);
	mpt_free(&t);
	mpt_free(&st);
	return sent;
}

/* Drop the maps that need no more watching, and their paths. */
static void prune(struct rv *rv)
{
	size_t j = 0, k = 0;
	size_t *newidx = calloc(rv->nmaps ? rv->nmaps : 1, sizeof(*newidx));

	if (!newidx)
		return;
	for (size_t i = 0; i < rv->nmaps; i++) {
		newidx[i] = rv->maps[i].watch ? j : (size_t)-1;
		if (rv->maps[i].watch)
			rv->maps[j++] = rv->maps[i];
	}
	for (size_t i = 0; i < rv->npaths; i++) {
		struct rv_path x = rv->paths[i];

		if (newidx[x.map] == (size_t)-1)
			continue;   /* its map is no longer watched */
		x.map = newidx[x.map];
		rv->paths[k++] = x;
	}
	rv->nmaps = j;
	rv->npaths = k;
	free(newidx);
}

/* One round. 0, or -errno when it should stop. */
static int round_once(struct rv *rv)
{
	double now = now_s();
	struct rv_path **todo = NULL;
	size_t ntodo = 0;
	struct rv_slot **slots = NULL;
	int lock, any_due = 0, r, full = 0;
	double t_check, t_lock = 0, t_apply = 0;
	size_t nmsg = 0, pulled = 0;

	if ((rv->kicked && now - rv->last_full >= RV_MIN_DELAY) || now >= rv->next_full) {
		rv->kicked = 0;
		take_kick();
		full = 1;
		if ((r = full_scan(rv, now)))
			return r;
	}
	rv->last_round = now;
	if ((r = collect(rv, now)))
		return r;
	todo = calloc(rv->npaths ? rv->npaths : 1, sizeof(*todo));
	slots = calloc(rv->npaths ? rv->npaths : 1, sizeof(*slots));
	if (!todo || !slots) {
		free(todo);
		free(slots);
		return -ENOMEM;
	}
	t_check = now_s();
	ntodo = due_paths(rv, now, todo);
	/* A second pass checks the paths pulled forward by a port that is back. */
	if (ntodo && !(r = check_pass(rv, todo, ntodo, slots)) &&
	    (pulled = due_paths(rv, now_s(), todo)))
		r = check_pass(rv, todo, pulled, slots);
	ntodo += pulled;
	free(todo);
	free(slots);
	if (r)
		return r;
	now = now_s();
	t_check = now - t_check;
	tally(rv);
	for (size_t i = 0; i < rv->nmaps; i++)
		any_due |= rv->maps[i].due && rv->maps[i].due <= now;
	if ((ntodo || any_due) && !stopping()) {
		t_lock = now_s();
		lock = run_lock(MP_LOCK_DIR, RUN_LOCK_WAIT_S);
		t_apply = now_s();
		t_lock = t_apply - t_lock;
		if (lock < 0) {
			ctx_err("cannot take the run lock: %s; trying again", strerror(-lock));
			return 0;
		}
		for (size_t i = 0; i < rv->nmaps && !stopping(); i++) {
			struct rv_map *m = &rv->maps[i];

			m->planned_now = m->watch && (m->checked || !m->planned || (m->due && m->due <= now));
			if (m->planned_now)
				nmsg += apply_map(rv, i, now);
		}
		run_unlock(lock);
		t_apply = now_s() - t_apply;
		if (rv->c.have_dm)
			dmx_sync();
	}
	/* A map not planned in this round stays watched while a path of it may still come
	 * back by itself or a deadline pends. */
	for (size_t mi = 0; mi < rv->nmaps; mi++)
		if (!rv->maps[mi].planned_now && !rv->maps[mi].live && !rv->maps[mi].due)
			rv->maps[mi].watch = 0;
	prune(rv);
	mp_debug("round at %.3f: %s%zu checked (%zu in a second pass, once a port was back) of "
		 "%zu failed paths in %zu maps, in %.3f s; run lock in %.3f s, %zu messages in %.3f s", now,
		 full ? "full scan, " : "", ntodo, pulled, rv->npaths, rv->nmaps, t_check, t_lock,
		 nmsg, t_apply);
	return 0;
}

/* Is the device behind a watched path running again (a sysfs read, no device I/O)? */
static int running_again(const struct rv_path *x)
{
	char rel[DEVNAME_SIZE + 32], state[32];

	snprintf(rel, sizeof(rel), "block/%s/device/state", x->p.dev);
	return !read_sysfs_attr(rel, state, sizeof(state)) && !strcmp(state, "running");
}

/* The watched paths whose devices run again are back, and due now. 1 if one is. */
static int seen_back(struct rv *rv, const size_t *w, size_t nw, double now)
{
	int any = 0;

	for (size_t i = 0; i < nw; i++) {
		struct rv_path *x = &rv->paths[w[i]];

		if (!x->s.back && running_again(x)) {
			x->s.back = 1;
			x->s.next = now;
			any = 1;
		}
	}
	return any;
}

/* At a watch tick: the port watch (w) and RV_WATCH_BATCH more held paths in turn are read;
 * one back is due now with every failed path through its port. 1 if one is. */
static int watch_tick(struct rv *rv, struct rv_slot **slots, const size_t *w, size_t nw)
{
	size_t turn[RV_WATCH_BATCH], nt;
	double now = now_s();
	int any = seen_back(rv, w, nw, now);

	nt = rv_watch_turn(slots, rv->npaths, RV_WATCH_BATCH, &rv->watch_cursor, turn);
	any |= seen_back(rv, turn, nt, now);
	if (any)
		rv_pull_ports(slots, rv->npaths, now);   /* -ENOMEM: the back-off still holds */
	return any;
}

/* Sleep until the next path is due, a deadline, the next full scan or a kick; meanwhile
 * read held paths' sysfs states every RV_MIN_DELAY (watch_tick), on its own clock: rounds
 * (which may come more often) never starve it. Rounds are RV_MIN_DELAY apart at least:
 * paths failed one after the other fall due one after the other, and one round for all
 * those due within RV_MIN_DELAY costs one status read per map instead of one per path. */
static void sleep_until_due(struct rv *rv)
{
	double t = rv->next_full, now, wait;
	struct timespec ts;
	struct pollfd pfd = { .fd = rv->ino, .events = POLLIN };
	struct rv_slot **slots = calloc(rv->npaths ? rv->npaths : 1, sizeof(*slots));
	size_t *w = calloc(rv->npaths ? rv->npaths : 1, sizeof(*w));
	long nw = 0;
	sigset_t none;
	char buf[4096];

	for (size_t i = 0; i < rv->npaths; i++)
		if (rv->paths[i].s.next < t)
			t = rv->paths[i].s.next;
	for (size_t i = 0; i < rv->nmaps; i++)
		if (rv->maps[i].due && rv->maps[i].due < t)
			t = rv->maps[i].due;
	if (t < rv->last_round + RV_MIN_DELAY)
		t = rv->last_round + RV_MIN_DELAY;
	if (slots && w) {
		for (size_t i = 0; i < rv->npaths; i++)
			slots[i] = &rv->paths[i].s;
		nw = rv_port_watch(slots, rv->npaths, w);   /* -ENOMEM: no watch, the back-off holds */
	}
	sigemptyset(&none);
	for (;;) {
		now = now_s();
		if (now >= t)
			break;
		if (nw > 0 && now >= rv->next_watch) {
			rv->next_watch = now + RV_MIN_DELAY;
			if (watch_tick(rv, slots, w, (size_t)nw))
				break;
		}
		wait = t - now;
		if (nw > 0 && rv->next_watch - now < wait)
			wait = rv->next_watch - now;
		ts.tv_sec = (time_t)wait;
		ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
		if (ppoll(rv->ino >= 0 ? &pfd : NULL, rv->ino >= 0, &ts, &none) > 0) {
			while (read(rv->ino, buf, sizeof(buf)) > 0)
				;
			if (kick_pending()) {
				rv->kicked = 1;
				break;
			}
		}
		if (stopping())
			break;
	}
	free(slots);
	free(w);
}

static int take_rv_lock(int wait_s)
{
	char pid[32];
	int fd = named_lock(MP_LOCK_DIR, MP_REVALIDATE_LOCK, wait_s);

	if (fd >= 0) {
		int n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());

		if (ftruncate(fd, 0) || pwrite(fd, pid, (size_t)n, 0) != n)
			ctx_err("cannot write the pid into %s/%s", MP_LOCK_DIR, MP_REVALIDATE_LOCK);
	}
	return fd;
}

static void setup_signals(void)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, NULL);
}

int run_revalidate(const struct options *o)
{
	struct rv rv;
	int lock, r = 0;

	memset(&rv, 0, sizeof(rv));
	rv.ino = -1;
	setup_signals();
	if ((r = ctx_setup(&rv.c, o, 1, 0)))
		goto out;
	rv_intervals(rv.c.conf.polling_interval, rv.c.conf.max_polling_interval, &rv.pi, &rv.max_pi);
	lock = take_rv_lock(START_WAIT_S);
	if (lock == -ETIMEDOUT) {
		if (o->verbosity >= V_DETAIL)
			ctx_say(stderr, "another revalidator runs: it takes this event");
		goto out;
	}
	if (lock < 0) {
		ctx_err("cannot take %s/%s: %s", MP_LOCK_DIR, MP_REVALIDATE_LOCK, strerror(-lock));
		r = EXIT_FAIL;
		goto out;
	}
	rv.ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (rv.ino >= 0 && inotify_add_watch(rv.ino, MP_LOCK_DIR, IN_CREATE | IN_ATTRIB | IN_MOVED_TO) < 0) {
		close(rv.ino);
		rv.ino = -1;   /* then kicks are seen at the next full scan */
	}
	for (;;) {
		rv.kicked = 1;
		rv.last_full = -1;
		while (!stopping()) {
			if (round_once(&rv)) {
				r = EXIT_FAIL;
				break;
			}
			if (!rv.nmaps || stopping())
				break;
			sleep_until_due(&rv);
		}
		/* Release first, then look for a kick: an event that found the lock held
		 * touched the kick before it looked. */
		run_unlock(lock);
		if (stopping() || r || !kick_pending())
			break;
		lock = take_rv_lock(0);
		if (lock < 0)
			break;   /* another revalidator took over */
	}
	if (o->verbosity >= V_DETAIL)
		ctx_say(stderr, "revalidator done: %s", stop ? "stopped by a signal" : "no failed path left");
out:
	if (rv.ino >= 0)
		close(rv.ino);
	free(rv.maps);
	free(rv.paths);
	ctx_teardown(&rv.c);
	return r;
}
