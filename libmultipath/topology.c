#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "print.h"
#include "topology.h"

void topo_size_human(unsigned long long sectors, char *buf, size_t size)
{
	static const char units[] = "KMGTPEZ";
	double v = (double)sectors / 2.0;   /* KiB */
	size_t u = 0;

	while (v >= 1024.0 && u + 1 < sizeof(units) - 1) {
		v /= 1024.0;
		u++;
	}
	if (v < 10.0)
		snprintf(buf, size, "%.1f%c", v, units[u]);
	else
		snprintf(buf, size, "%.0f%c", v, units[u]);
}

void topo_map_free(struct topo_map *m)
{
	for (size_t g = 0; g < m->npg; g++)
		free(m->pg[g].paths);
	free(m->pg);
	m->pg = NULL;
	m->npg = 0;
}

static int width(int cur, const char *s)
{
	int n = (int)strlen(s);

	return n > cur ? n : cur;
}

void topo_print_map(FILE *f, const struct topo_map *m)
{
	char name[512], wwid[4 * WWID_SIZE], v[4 * VENDOR_SIZE], p[4 * MODEL_SIZE], sz[32];
	int wh = 0, wd = 0, wt = 0;

	print_escaped(name, sizeof(name), m->name);
	print_escaped(wwid, sizeof(wwid), m->wwid);
	print_escaped(v, sizeof(v), m->vendor);
	print_escaped(p, sizeof(p), m->product);
	if (strcmp(m->name, m->wwid))
		fprintf(f, "%s (%s) %s %s,%s\n", name, wwid, m->sysfs, v, p);
	else
		fprintf(f, "%s %s %s,%s\n", name, m->sysfs, v, p);
	topo_size_human(m->size, sz, sizeof(sz));
	fprintf(f, "size=%s features='%s' hwhandler='%s' wp=%s\n", sz, m->features, m->hwhandler,
		m->read_only ? "ro" : "rw");
	/* columns aligned across the whole map */
	for (size_t g = 0; g < m->npg; g++)
		for (size_t i = 0; i < m->pg[g].n; i++) {
			wh = width(wh, m->pg[g].paths[i].hctl);
			wd = width(wd, m->pg[g].paths[i].dev);
			wt = width(wt, m->pg[g].paths[i].devt);
		}
	for (size_t g = 0; g < m->npg; g++) {
		const struct topo_pg *pg = &m->pg[g];
		int last_pg = g + 1 == m->npg;

		fprintf(f, "%s-+- policy='%s' prio=%d status=%s\n", last_pg ? "`" : "|", pg->selector,
			pg->prio, pg->status);
		for (size_t i = 0; i < pg->n; i++) {
			const struct topo_path *tp = &pg->paths[i];
			char st[4 * SYSFS_STATE_SIZE];

			print_escaped(st, sizeof(st), tp->sysfs_state);
			fprintf(f, "%s %s %-*s %-*s %-*s %s %s %s\n", last_pg ? " " : "|",
				i + 1 == pg->n ? "`-" : "|-", wh, tp->hctl, wd, tp->dev, wt, tp->devt,
				tp->dm_state, tp->checker_state, st);
		}
	}
}

static void json_kv(FILE *f, const char *indent, const char *k, const char *v, int comma)
{
	fprintf(f, "%s\"%s\": ", indent, k);
	json_put_string(f, v);
	fputs(comma ? ",\n" : "\n", f);
}

static void json_path(FILE *f, const struct topo_path *tp, int comma)
{
	const char *in = "               ";

	fputs("            {\n", f);
	json_kv(f, in, "dev", tp->dev, 1);
	json_kv(f, in, "dev_t", tp->devt, 1);
	json_kv(f, in, "hctl", tp->hctl, 1);
	json_kv(f, in, "dm_state", tp->dm_state, 1);
	json_kv(f, in, "checker_state", tp->checker_state, 1);
	json_kv(f, in, "sysfs_state", tp->sysfs_state, 1);
	fprintf(f, "%s\"prio\": %d\n", in, tp->prio);
	fprintf(f, "            }%s\n", comma ? "," : "");
}

void topo_print_json(FILE *f, const struct topo_map *maps, size_t n)
{
	const char *in = "      ";

	fputs("{\n   \"major_version\": 1,\n   \"minor_version\": 0,\n   \"maps\": [", f);
	for (size_t m = 0; m < n; m++) {
		const struct topo_map *mp = &maps[m];
		char sz[32];

		topo_size_human(mp->size, sz, sizeof(sz));
		fputs(m ? ",\n   {\n" : "\n   {\n", f);
		json_kv(f, in, "name", mp->name, 1);
		json_kv(f, in, "uuid", mp->uuid, 1);
		json_kv(f, in, "wwid", mp->wwid, 1);
		json_kv(f, in, "sysfs", mp->sysfs, 1);
		json_kv(f, in, "vendor", mp->vendor, 1);
		json_kv(f, in, "product", mp->product, 1);
		fprintf(f, "%s\"size\": %llu,\n", in, mp->size);
		json_kv(f, in, "size_human", sz, 1);
		json_kv(f, in, "features", mp->features, 1);
		json_kv(f, in, "hwhandler", mp->hwhandler, 1);
		json_kv(f, in, "write_prot", mp->read_only ? "ro" : "rw", 1);
		fprintf(f, "%s\"path_groups\": [", in);
		for (size_t g = 0; g < mp->npg; g++) {
			const struct topo_pg *pg = &mp->pg[g];

			fputs(g ? ",\n         {\n" : "\n         {\n", f);
			fprintf(f, "            \"group\": %zu,\n", g + 1);
			json_kv(f, "            ", "selector", pg->selector, 1);
			fprintf(f, "            \"prio\": %d,\n", pg->prio);
			json_kv(f, "            ", "status", pg->status, 1);
			fputs("            \"paths\": [\n", f);
			for (size_t i = 0; i < pg->n; i++)
				json_path(f, &pg->paths[i], i + 1 < pg->n);
			fputs("            ]\n         }", f);
		}
		fputs(mp->npg ? "\n      ]\n   }" : "]\n   }", f);
	}
	fputs(n ? "\n   ]\n}\n" : "]\n}\n", f);
}
