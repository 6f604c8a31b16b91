/* bench_core: micro-benchmark of the pure core (no devices, no root).
 *
 *   bench_core [-o FILE] [N...]        default N: 10000 100000 1000000
 *
 * For each N it builds N synthetic paths the way a SAN presents them (N/4 LUs, each seen
 * through 4 hosts; scan order host by host; WWIDs in an order unrelated to the scan; two
 * controller serials per LU), then times, each phase separately and repeated (median):
 *   coalesce   coalesce_paths()                  paths -> one multipath per WWID
 *   failover   group_paths(PGP_FAILOVER)         for every multipath
 *   multibus   group_paths(PGP_MULTIBUS)
 *   serial     group_paths(PGP_GROUP_BY_SERIAL)  (the sort-by-key path every keyed policy uses)
 *   table      mpt_build()                       table text of every map (serial groups)
 * and prints a table with ns per path. Then, for each size step, the growth of the total
 * (coalesce + serial + table) next to what n log n and linear growth predict.
 * Exit status 0 iff every result was correct and every step grew no faster than
 * n log n (with 15% allowed for timer and cache noise); 1 otherwise; 2 on a usage error. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "coalesce.h"
#include "mptable.h"
#include "pgpolicy.h"
#include "structs.h"

#define HOSTS 4                 /* paths per LU */
#define MAX_SIZES 8
#define GROWTH_SLACK 1.15       /* noise allowance on the n log n bound */

enum phase { PH_COALESCE, PH_FAILOVER, PH_MULTIBUS, PH_SERIAL, PH_TABLE, NPHASES };
static const char *const phase_name[NPHASES] = { "coalesce", "failover", "multibus", "serial", "table" };

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* sda, sdb, ..., sdz, sdaa, ... as the kernel names disks. */
static void disk_name(size_t i, char *buf, size_t size)
{
	char tmp[16];
	size_t n = 0;

	i++;
	while (i && n < sizeof(tmp)) {
		i--;
		tmp[n++] = (char)('a' + i % 26);
		i /= 26;
	}
	snprintf(buf, size, "sd");
	for (size_t k = 2; n && k + 1 < size; k++) {
		buf[k] = tmp[--n];
		buf[k + 1] = '\0';
	}
}

/* N paths: LU l is seen through every host h as path h * nlu + l (scan order is host by
 * host, as the kernel scans). The WWID comes from a scrambled LU number so that sorting
 * by WWID really reorders. */
static int make_paths(size_t n, struct pathvec *pv)
{
	size_t nlu = n / HOSTS;
	struct path p;

	memset(pv, 0, sizeof(*pv));
	pv->p = calloc(n, sizeof(*pv->p));
	if (!pv->p)
		return -ENOMEM;
	pv->alloc = n;
	for (size_t i = 0; i < n; i++) {
		size_t h = i / nlu, l = i % nlu;
		unsigned long long key = (l * 0x9E3779B97F4A7C15ULL) >> 16;

		memset(&p, 0, sizeof(p));
		disk_name(i, p.dev, sizeof(p.dev));
		p.major = 8 + (unsigned int)(i >> 16);
		p.minor = (unsigned int)(i & 0xffff) << 4;
		p.size = 2048;
		p.host = (int)h;
		p.target = (int)(l / 256);
		p.lun = l % 256;
		strcpy(p.vendor, "BENCH");
		strcpy(p.model, "SYNTHETIC");
		strcpy(p.sysfs_state, "running");
		snprintf(p.wwid, sizeof(p.wwid), "36000c29%012llx%012zx", key, l);
		snprintf(p.serial, sizeof(p.serial), "CTRL%c", 'A' + (int)(h % 2));
		p.state = PATH_UP;
		p.alua_state = -1;
		pv->p[pv->n++] = p;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One repetition of every phase; times in seconds into t[]. Checks the results: N/HOSTS
 * multipaths of HOSTS paths, and the group counts each policy must give. 0 or -errno. */
static int one_rep(const struct pathvec *pv, double t[NPHASES], char *buf, size_t bufsize)
{
	static const enum pgpolicy pol[] = { PGP_FAILOVER, PGP_MULTIBUS, PGP_GROUP_BY_SERIAL };
	static const size_t want_pg[] = { HOSTS, 1, 2 };
	struct mpvec mv = { 0 };
	double t0;
	int r;

	t0 = now_s();
	r = coalesce_paths(pv, NULL, &mv);
	t[PH_COALESCE] = now_s() - t0;
	if (r)
		return r;
	if (mv.n != pv->n / HOSTS) {
		fprintf(stderr, "bench_core: coalesce gave %zu multipaths, want %zu\n", mv.n, pv->n / HOSTS);
		r = -EPROTO;
		goto out;
	}
	for (size_t k = 0; k < 3; k++) {
		t0 = now_s();
		for (size_t m = 0; m < mv.n && !r; m++)
			r = group_paths(&mv.m[m], pv, pol[k]);
		t[PH_FAILOVER + k] = now_s() - t0;
		if (r)
			goto out;
		for (size_t m = 0; m < mv.n; m++)
			if (mv.m[m].n != HOSTS || mv.m[m].npg != want_pg[k]) {
				fprintf(stderr, "bench_core: %s: map %zu has %zu paths in %zu groups\n",
					pgpolicy_name(pol[k]), m, mv.m[m].n, mv.m[m].npg);
				r = -EPROTO;
				goto out;
			}
	}
	/* The groups are group_by_serial's now: 2 PGs of 2. */
	t0 = now_s();
	for (size_t m = 0; m < mv.n && !r; m++) {
		struct mpt_table tb;

		/* built as a structure, written once as text: what a run does per map */
		r = mpt_build(&mv.m[m], pv, NULL, &tb, NULL);
		if (!r)
			r = mpt_format(&tb, buf, bufsize);
		mpt_free(&tb);
	}
	t[PH_TABLE] = now_s() - t0;
	if (!r && strncmp(buf, "0 0 2 1 round-robin 0 2 1 ", 26)) {
		fprintf(stderr, "bench_core: unexpected table text: %s\n", buf);
		r = -EPROTO;
	}
out:
	mpvec_free(&mv);
	return r;
}

int main(int argc, char **argv)
{
	size_t sizes[MAX_SIZES] = { 10000, 100000, 1000000 }, nsizes = 3;
	double med[MAX_SIZES][NPHASES], total[MAX_SIZES];
	const char *outfile = NULL;
	char buf[4096];
	FILE *out = stdout;
	int opt, bad = 0;

	while ((opt = getopt(argc, argv, "o:")) != -1) {
		if (opt == 'o') {
			outfile = optarg;
		} else {
			fputs("usage: bench_core [-o FILE] [N...]\n", stderr);
			return 2;
		}
	}
	if (optind < argc) {
		nsizes = 0;
		for (int i = optind; i < argc; i++) {
			char *end;
			unsigned long long v = strtoull(argv[i], &end, 10);

			if (*end || v < HOSTS * 2 || v % HOSTS || nsizes == MAX_SIZES) {
				fprintf(stderr, "bench_core: %s: want up to %d sizes, multiples of %d\n",
					argv[i], MAX_SIZES, HOSTS);
				return 2;
			}
			sizes[nsizes++] = v;
		}
	}
	if (outfile && !(out = fopen(outfile, "w"))) {
		fprintf(stderr, "bench_core: %s: cannot write: %s\n", outfile, strerror(errno));
		return 2;
	}

	fprintf(out, "Core micro-benchmark: %d paths per LU, median of repetitions, struct path = %zu bytes\n",
		HOSTS, sizeof(struct path));
	fprintf(out, "%10s %5s", "paths", "reps");
	for (int k = 0; k < NPHASES; k++)
		fprintf(out, " %11s", phase_name[k]);
	fprintf(out, " %11s %9s\n", "total", "ns/path");
	for (size_t s = 0; s < nsizes; s++) {
		size_t n = sizes[s];
		/* enough repetitions for ~2M path-visits, at least 3 */
		size_t want = 2000000 / n;
		int reps = want < 3 ? 3 : want > 64 ? 64 : (int)want;
		double (*t)[NPHASES] = calloc(reps, sizeof(*t)), col[64];
		struct pathvec pv;
		int r = 0;

		if (!t || make_paths(n, &pv)) {
			fprintf(stderr, "bench_core: out of memory for %zu paths\n", n);
			return 2;
		}
		for (int i = 0; i < reps && !r; i++)
			r = one_rep(&pv, t[i], buf, sizeof(buf));
		if (r) {
			fprintf(stderr, "bench_core: %zu paths: failed: %s\n", n, strerror(-r));
			return 1;
		}
		fprintf(out, "%10zu %5d", n, reps);
		for (int k = 0; k < NPHASES; k++) {
			for (int i = 0; i < reps; i++)
				col[i] = t[i][k];
			med[s][k] = median(col, reps);
			fprintf(out, " %9.2fms", med[s][k] * 1e3);
		}
		total[s] = med[s][PH_COALESCE] + med[s][PH_SERIAL] + med[s][PH_TABLE];
		fprintf(out, " %9.2fms %9.0f\n", total[s] * 1e3, total[s] * 1e9 / n);
		pathvec_free(&pv);
		free(t);
	}

	fprintf(out, "\nGrowth of total (coalesce + group_by_serial + table), vs. what the size step predicts:\n");
	fprintf(out, "%21s %9s %9s %9s  %s\n", "step", "measured", "n log n", "linear", "verdict");
	for (size_t s = 1; s < nsizes; s++) {
		double n0 = (double)sizes[s - 1], n1 = (double)sizes[s];
		double g = total[s] / total[s - 1], nlogn = n1 * log(n1) / (n0 * log(n0));
		int ok = g <= nlogn * GROWTH_SLACK;
		char step[32];

		snprintf(step, sizeof(step), "%zu -> %zu", sizes[s - 1], sizes[s]);
		fprintf(out, "%21s %8.2fx %8.2fx %8.2fx  %s\n", step, g, nlogn, n1 / n0,
			ok ? "n log n or better" : "WORSE than n log n");
		bad |= !ok;
	}
	if (out != stdout) {
		fclose(out);
		/* the same text on stdout for make */
		FILE *in = fopen(outfile, "r");
		int c;

		while (in && (c = fgetc(in)) != EOF)
			putchar(c);
		if (in)
			fclose(in);
	}
	return bad;
}
