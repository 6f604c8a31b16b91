/* The -l listing (pure: slices in, text out). */
#include <errno.h>

#include "devmapper.h"
#include "list.h"
#include "names.h"

int kp_print_list(FILE *f, const char *mapname, const char *delim, const char *device,
		  const struct kp_slices *sl)
{
	unsigned int minor[KP_MAX_SLICES];
	unsigned int i, m = 0;
	char name[DMX_NAME_SIZE];

	/* Two passes in slot order: top-level slices, then contained ones; "minor" is the
	 * position in that order, standing in for the dm minor a fresh -a would get. */
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < sl->n; i++) {
			const struct kp_slice *s = &sl->s[i];

			if (!s->size || (pass == 1) != kp_slice_nested(sl, i))
				continue;
			minor[i] = m++;
			if (kp_part_name(name, sizeof(name), mapname, delim, i + 1))
				return -ENAMETOOLONG;
			if (pass == 0)
				fprintf(f, "%s : 0 %llu %s %llu\n", name,
					(unsigned long long)s->size, device,
					(unsigned long long)s->start);
			else
				fprintf(f, "%s : 0 %llu /dev/dm-%u %llu\n", name,
					(unsigned long long)s->size, minor[s->container - 1],
					(unsigned long long)(s->start - sl->s[s->container - 1].start));
		}
	}
	return ferror(f) ? -EIO : 0;
}
