#include <stdio.h>
#include <string.h>

#include "chksel.h"
#include "print.h"
#include "pgpolicy.h"

/* "[<vendor> <model>]" as the original printed it, escaped. */
static void print_hw(FILE *f, const struct path *p)
{
	char v[4 * VENDOR_SIZE], m[4 * MODEL_SIZE];

	print_escaped(v, sizeof(v), p->vendor);
	print_escaped(m, sizeof(m), p->model);
	fprintf(f, "[%s %s]", v, m);
}

void print_path_line(FILE *f, const struct path *p)
{
	char w[4 * WWID_SIZE];

	print_escaped(w, sizeof(w), p->wwid);
	fprintf(f, "%s (%d %d %d %llu) /dev/%s ", w, p->host, p->channel, p->target, p->lun, p->dev);
	print_hw(f, p);
	fputc('\n', f);
}

void print_member_line(FILE *f, const struct path *p)
{
	fprintf(f, " \\_(%d %d %d %llu) /dev/%s ", p->host, p->channel, p->target, p->lun, p->dev);
	print_hw(f, p);
	fputc('\n', f);
}

static const char *state_name(const struct path *p)
{
	switch (p->state) {
	case PATH_UP:
		return "ready";
	case PATH_DOWN:
		return "faulty";
	case PATH_GHOST:
		return "ghost";
	default:
		return "unchecked";
	}
}

void print_path_detail(FILE *f, const struct path *p)
{
	char s[4 * SERIAL_SIZE], e[4 * ERRMSG_SIZE], st[4 * SYSFS_STATE_SIZE];

	print_escaped(s, sizeof(s), p->serial);
	print_escaped(e, sizeof(e), p->errmsg);
	print_escaped(st, sizeof(st), p->sysfs_state);
	fprintf(f, "   %s %u:%u size=%llu serial=%s state=%s sysfs=%s%s%s%s\n", p->dev, p->major,
		p->minor, p->size, s[0] ? s : "-", state_name(p), st, p->busy ? " busy" : "",
		p->in_mpath ? " in-map" : "", !path_usable(p) ? " (left out)" : "");
	if (e[0])
		fprintf(f, "     %s\n", e);
	describe_selection(p, e, sizeof(e));
	if (e[0])
		fprintf(f, "     %s\n", e);
}

void print_map_line(FILE *f, const char *name, unsigned long long size, const char *params)
{
	char n[4 * WWID_SIZE];

	print_escaped(n, sizeof(n), name);
	fprintf(f, "%s:0 %llu multipath %s\n", n, size, params);
}

void print_paths_and_multipaths(FILE *f, const struct pathvec *pv, const struct mpvec *mv,
				int detail)
{
	for (size_t i = 0; i < pv->n; i++) {
		const struct path *p = &pv->p[i];

		if (p->wwid[0])
			print_path_line(f, p);
		if (detail)
			print_path_detail(f, p);
	}
	fputc('\n', f);
	for (size_t m = 0; m < mv->n; m++) {
		char w[4 * WWID_SIZE];

		print_escaped(w, sizeof(w), mv->m[m].wwid);
		fprintf(f, "%s\n", w);
		for (size_t i = 0; i < mv->m[m].n; i++)
			print_member_line(f, &pv->p[mv->m[m].idx[i]]);
	}
	fputc('\n', f);
}
