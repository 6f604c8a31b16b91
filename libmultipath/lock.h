/* The run lock: concurrent invocations (a hotplug burst) take turns, so two runs
 * never race on the same map. An flock, released by the kernel if we die. */
#ifndef MP_LOCK_H
#define MP_LOCK_H

#define MP_LOCK_DIR  "/run/multipath"
#define MP_LOCK_FILE "multipath.lock"
#define MP_REVALIDATE_LOCK "revalidate.lock"   /* held for a revalidator's whole life */

/* Take the lock in dir (created 0700 if missing), waiting at most timeout_s.
 * Returns the lock fd (keep it open for the run) or -errno (-ETIMEDOUT, -ELOOP if the
 * lock file is a symlink, -EPERM if it is not a root-owned regular file). */
int run_lock(const char *dir, int timeout_s);
/* The same for another lock file in dir (the revalidator's own, MP_REVALIDATE_LOCK). */
int named_lock(const char *dir, const char *file, int timeout_s);
void run_unlock(int fd);

#endif
