/* devmap_name: print the device-mapper map name of a dm major:minor (for udev naming).
 *   devmap_name [-t target_type] major minor
 *   devmap_name [-t target_type] major:minor
 * With -t, the name is printed only if every target of the map is of that type.
 * Exit 0 with the name printed, 1 when no map matches (nothing printed), 2 on bad
 * arguments or when device-mapper cannot be asked. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "devmapper.h"
#include "print.h"
#include "util.h"

#define MAX_TARGETS 1024

static const char usage[] = "usage: devmap_name [-t target_type] major minor\n"
			    "       devmap_name [-t target_type] major:minor\n";

static int parse_devnum(int argc, char **argv, unsigned int *maj, unsigned int *min)
{
	int n = 0;

	if (argc == 1)
		return sscanf(argv[0], "%u:%u%n", maj, min, &n) == 2 && !argv[0][n] ? 0 : -EINVAL;
	if (argc == 2)
		return parse_uint(argv[0], maj) || parse_uint(argv[1], min) ? -EINVAL : 0;
	return -EINVAL;
}

/* Every target of the map is of type want? 1 yes, 0 no, -errno. */
static int all_targets_are(const char *name, const char *want, unsigned int count)
{
	static struct dmx_target t[MAX_TARGETS];
	int n, ok = 1;

	if (count > MAX_TARGETS)
		return -E2BIG;
	n = dmx_get_targets(name, 0, t, MAX_TARGETS);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].type, want))
			ok = 0;
	dmx_target_free(t, (size_t)n);
	return n > 0 && ok;
}

int main(int argc, char **argv)
{
	const char *type = NULL;
	unsigned int maj, min;
	struct dmx_map m;
	char esc[4 * DMX_NAME_SIZE];
	int i = 1, r;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-t")) {
		type = argv[2];
		i = 3;
	}
	if (parse_devnum(argc - i, argv + i, &maj, &min)) {
		fputs(usage, stderr);
		return 2;
	}
	if (geteuid() != 0) {
		fputs("devmap_name: must be run as root (device-mapper queries need it)\n", stderr);
		return 2;
	}
	r = dmx_info_by_devnum(maj, min, &m);
	if (r == -ENXIO || r == -ENODEV)
		return 1;
	if (r) {
		fprintf(stderr, "devmap_name: %u:%u: device-mapper query failed: %s\n", maj, min,
			strerror(-r));
		return 2;
	}
	if (type) {
		r = all_targets_are(m.name, type, m.target_count);
		if (r < 0) {
			fprintf(stderr, "devmap_name: %s: cannot read its table: %s\n", m.name, strerror(-r));
			return 2;
		}
		if (!r)
			return 1;
	}
	/* udev uses the output as a node name: never pass control bytes through. */
	print_escaped(esc, sizeof(esc), m.name);
	printf("%s\n", esc);
	return 0;
}
