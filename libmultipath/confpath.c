#include <stdlib.h>

#include "config.h"

const char *config_file_path(const char *given)
{
	const char *path = given;

	if (!path)
		path = getenv(CONFIG_ENV);
	if (!path || !*path)
		path = DEFAULT_CONFIG_FILE;
	return path;
}
