/* Pure: path_latency. Read latencies are taken as log-normal: the mean of their logarithms
 * in base base_num, on a scale from 1 us to 100 s, ranks the path (each factor base_num of
 * latency is one priority step; 1 us or less is the top, 100 s or more is 0). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chkprio.h"
#include "util.h"

#define IO_MIN 20
#define IO_MAX 200
#define BASE_MIN 1.1
#define BASE_MAX 10.0
#define MAX_US 100000000.0   /* 100 s */

int latency_parse_args(const char *args, int *io_num, double *base, char *why, size_t whysz)
{
	int have_io = 0, have_base = 0;
	const char *s = args ? args : "";

	while (*(s += strspn(s, " \t"))) {
		size_t n = strcspn(s, " \t");
		char *end;

		if (n > 7 && !strncmp(s, "io_num=", 7)) {
			long v = strtol(s + 7, &end, 10);

			if (end != s + n || v < IO_MIN || v > IO_MAX) {
				errfmt(why, whysz, "io_num must be %d to %d", IO_MIN, IO_MAX);
				return -EINVAL;
			}
			*io_num = (int)v;
			have_io = 1;
		} else if (n > 9 && !strncmp(s, "base_num=", 9)) {
			double v = strtod(s + 9, &end);

			if (end != s + n || !(v >= BASE_MIN && v <= BASE_MAX)) {
				errfmt(why, whysz, "base_num must be %.1f to %.0f", BASE_MIN, BASE_MAX);
				return -EINVAL;
			}
			*base = v;
			have_base = 1;
		} else {
			errfmt(why, whysz, "unknown argument \"%.*s\" (io_num=N base_num=B)", (int)n, s);
			return -EINVAL;
		}
		s += n;
	}
	if (!have_io || !have_base) {
		errfmt(why, whysz, "needs both io_num=N and base_num=B");
		return -EINVAL;
	}
	return 0;
}

int latency_prio(const double *us, size_t n, double base)
{
	double lg_base, lg_max, sum = 0, avg;

	if (!n || !(base > 1.0))
		return 0;
	lg_base = log(base);
	lg_max = log(MAX_US) / lg_base;
	for (size_t i = 0; i < n; i++)
		if (us[i] >= 1.0)
			sum += log(us[i]) / lg_base;   /* below 1 us counts as 1 us: log 0 */
	avg = sum / (double)n;
	if (avg >= lg_max)
		return 0;
	return (int)(lg_max - avg);
}
