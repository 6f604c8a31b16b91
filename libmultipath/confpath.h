/* Which configuration file a run reads. */
#ifndef MP_CONFPATH_H
#define MP_CONFPATH_H

/* given (--config) if set, else $MULTIPATH_CONF if set and non-empty, else
 * /etc/multipath.conf. */
const char *config_file_path(const char *given);

#endif
