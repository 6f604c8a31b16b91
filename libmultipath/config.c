/* The configuration's entry points: the built-in set-up and parsing text. The work is
 * in the conf_*.c files (config.h lists them). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "hwtable.h"

/* The built-in table goes through the parser and its value checks: a problem in it is
 * a bug the unit tests catch (-EINVAL). */
int config_init_builtin(struct config *c)
{
	int r = 0;

	conf_init_scratch(c);
	c->find_multipaths = FIND_MP_ON;
	c->polling_interval = 5;
	c->verbosity = 2;
	c->bindings_file = strdup(DEFAULT_BINDINGS_FILE);
	c->wwids_file = strdup(DEFAULT_WWIDS_FILE);
	c->config_dir = strdup(DEFAULT_CONFIG_DIR);
	if (!c->bindings_file || !c->wwids_file || !c->config_dir)
		r = -ENOMEM;
	if (!r)
		r = conf_parse_text(c, blacklist_conf, "blacklist.conf", 1);
	if (!r)
		r = conf_parse_text(c, hwtable_conf, "hwtable.conf", 1);
	if (r)
		config_free(c);
	return r;
}

int config_parse_string(struct config *c, const char *text, const char *name)
{
	return conf_parse_text(c, text, name, 0);
}
