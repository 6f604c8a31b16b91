/* `multipath -t`: the effective configuration in the file syntax (it reads back as the
 * same configuration). Defaults are printed with the built-in values filled in; each
 * entry carries its origin as a comment; a keyword this tool does not act on is
 * printed with its note as a comment above it. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "conf_int.h"
#include "log.h"
#include "print.h"

/* Values cannot hold control characters (the value checks refuse them); were one
 * there, it would be shown as '?' rather than reach the terminal. */
static void put_quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);                /* "" inside quotes */
		fputc(iscntrl((unsigned char)*s) && *s != '\t' ? '?' : *s, f);
	}
	fputc('"', f);
}

static void put_comment(FILE *f, const char *indent, const char *what, const char *text)
{
	fprintf(f, "%s# %s", indent, what);
	for (; text && *text; text++)
		fputc(iscntrl((unsigned char)*text) ? '?' : *text, f);
	fputc('\n', f);
}

static void put_kv(FILE *f, const char *indent, const struct keyword *k, const char *v,
		   int quote)
{
	if (k->note)
		put_comment(f, indent, "", k->note);
	fprintf(f, "%s%s ", indent, k->name);
	if (quote)
		put_quoted(f, v);
	else
		fputs(v, f);
	fputc('\n', f);
}

static void dump_kv(FILE *f, const char *indent, const struct keyword *k, const void *base,
		    const struct config *c, int dflt)
{
	const void *field = conf_field(base, k);
	char buf[24];
	const char *s;
	int v;

	if (conf_is_str_type(k->type)) {
		s = *(char *const *)field;
		if (s || (dflt && k->dflt))
			put_kv(f, indent, k, s ? s : k->dflt, 1);
		return;
	}
	v = *(const int *)field;
	if (k->type == V_FINDMP && c->find_multipaths_word) {
		put_kv(f, indent, k, c->find_multipaths_word, 0);
		return;
	}
	if (v == UNSET)
		return;
	s = conf_int_value_name(k->type, v, buf, sizeof(buf));
	if (s)
		put_kv(f, indent, k, s, 0);
}

static const struct keyword *note_keyword(const char *name)
{
	for (const struct keyword *k = conf_keywords; k < conf_keywords + conf_nkeywords; k++)
		if (k->owner == O_NOTE && !strcmp(k->name, name))
			return k;
	return NULL;
}

static int noted(const struct config *c, const char *tag, const char *name)
{
	for (size_t i = 0; i < c->ndiag; i++)
		if (!c->diag[i].warning && c->diag[i].tag == tag && c->diag[i].keyword &&
		    !strcmp(c->diag[i].keyword, name))
			return 1;
	return 0;
}

/* The notes (daemon-only keywords) read in the block tagged tag; the ones multipath-tools
 * ignores are not printed. In defaults, multipath-tools' value of those not given. */
static void dump_notes(FILE *f, const char *indent, const struct config *c, const char *tag,
		       int defaults)
{
	for (size_t i = 0; i < c->ndiag; i++) {
		const struct conf_diag *d = &c->diag[i];
		const struct keyword *k;

		if (d->warning || !tag || d->tag != tag || !d->keyword ||
		    !(k = note_keyword(d->keyword)) || (k->flags & K_DEPRECATED))
			continue;
		put_kv(f, indent, k, d->value ? d->value : "", 1);
	}
	for (const struct keyword *k = conf_keywords; defaults && k < conf_keywords + conf_nkeywords; k++)
		if (k->owner == O_NOTE && (k->where & M(SEC_DEFAULTS)) && k->dflt &&
		    ((k->flags & K_SHOW_DFLT) || !noted(c, tag, k->name)))
			put_kv(f, indent, k, k->dflt, 1);
}

/* Every keyword of section sec that has a field, values from the struct its owner
 * names (settings from s). */
static void dump_section(FILE *f, const char *indent, enum sect sec, const struct config *c,
			 const struct mp_settings *s, const void *entry)
{
	for (size_t i = 0; i < conf_nkeywords; i++) {
		const struct keyword *k = &conf_keywords[i];
		const void *base;

		if (!(k->where & M(sec)) || (k->flags & (K_BUILTIN_ONLY | K_DEPRECATED)) ||
		    k->owner == O_NOTE)
			continue;
		base = k->owner == O_SET ? (const void *)s : k->owner == O_CONF ? (const void *)c : entry;
		if (base)
			dump_kv(f, indent, k, base, c, sec == SEC_DEFAULTS);
	}
}

static int bl_has_device(const struct blvec *v, const char *vendor, const char *product)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->e[i].vendor && v->e[i].product && !strcmp(v->e[i].vendor, vendor) &&
		    !strcmp(v->e[i].product, product) && !v->e[i].devnode && !v->e[i].wwid)
			return 1;
	return 0;
}

/* A device entry's product_blacklist as the blacklist device rule it amounts to (as
 * multipath-tools prints it), unless the blacklist has that rule already. */
static void dump_product_blacklists(FILE *f, const struct config *c)
{
	for (size_t i = 0; i < c->nhw; i++) {
		const struct hwentry *e = &c->hw[i];

		if (!e->product_blacklist || !e->vendor ||
		    bl_has_device(&c->blacklist, e->vendor, e->product_blacklist))
			continue;
		fprintf(f, "\tdevice {\n");
		put_comment(f, "\t\t", "product_blacklist of ", e->builtin ? e->family : e->source);
		fprintf(f, "\t\tvendor ");
		put_quoted(f, e->vendor);
		fprintf(f, "\n\t\tproduct ");
		put_quoted(f, e->product_blacklist);
		fprintf(f, "\n\t}\n");
	}
}

static void dump_bl(FILE *f, const char *name, const struct config *c, const struct blvec *v)
{
	fprintf(f, "%s {\n", name);
	for (size_t i = 0; i < v->n; i++) {
		const struct blentry *b = &v->e[i];

		if (!b->vendor && !b->product) {
			dump_section(f, "\t", SEC_BLACKLIST, c, NULL, b);
			continue;
		}
		fprintf(f, "\tdevice {\n");
		dump_section(f, "\t\t", SEC_BLDEVICE, c, NULL, b);
		fprintf(f, "\t}\n");
	}
	if (v == &c->blacklist)
		dump_product_blacklists(f, c);
	fprintf(f, "}\n");
}

void config_dump(FILE *f, const struct config *c)
{
	struct mp_settings eff = c->defaults;
	struct config shown = *c;

	conf_settings_merge(&eff, &conf_builtin_defaults);
	/* max_polling_interval unset: 4 x polling_interval, printed as such */
	if (shown.max_polling_interval == UNSET && shown.polling_interval != UNSET)
		shown.max_polling_interval = 4 * shown.polling_interval;
	fprintf(f, "# effective configuration: config file settings and built-in defaults,\n"
		   "# config file device entries first, then the built-in hardware table\n");
	fprintf(f, "defaults {\n");
	dump_section(f, "\t", SEC_DEFAULTS, &shown, &eff, NULL);
	dump_notes(f, "\t", c, conf_sect_names[SEC_DEFAULTS], 1);
	fprintf(f, "}\n");
	dump_bl(f, "blacklist", c, &c->blacklist);
	dump_bl(f, "blacklist_exceptions", c, &c->exceptions);
	fprintf(f, "devices {\n");
	for (size_t i = 0; i < c->nhw; i++) {
		const struct hwentry *e = &c->hw[i];

		fprintf(f, "\tdevice {\n");
		if (!e->builtin)
			put_comment(f, "\t\t", "", e->source);
		else
			put_comment(f, "\t\t", "built-in: ", e->family ? e->family : "");
		dump_section(f, "\t\t", SEC_DEVICE, c, &e->s, e);
		dump_notes(f, "\t\t", c, e->source, 0);
		fprintf(f, "\t}\n");
	}
	fprintf(f, "}\n");
	fprintf(f, "overrides {\n");
	dump_section(f, "\t", SEC_OVERRIDES, c, &c->overrides, NULL);
	dump_notes(f, "\t", c, conf_sect_names[SEC_OVERRIDES], 0);
	for (size_t i = 0; i < c->nproto; i++) {
		fprintf(f, "\tprotocol {\n");
		put_comment(f, "\t\t", "", c->proto[i].source);
		dump_section(f, "\t\t", SEC_PROTOCOL, c, &c->proto[i].s, &c->proto[i]);
		fprintf(f, "\t}\n");
	}
	fprintf(f, "}\n");
	fprintf(f, "multipaths {\n");
	for (size_t i = 0; i < c->nmp; i++) {
		const struct mpentry *m = &c->mp[i];

		fprintf(f, "\tmultipath {\n");
		put_comment(f, "\t\t", "", m->source);
		dump_section(f, "\t\t", SEC_MULTIPATH, c, &m->s, m);
		dump_notes(f, "\t\t", c, m->source, 0);
		fprintf(f, "\t}\n");
	}
	fprintf(f, "}\n");
}

void config_log_diag(const struct config *c)
{
	/* the log's sink escapes each line once: the messages hold the file's text as is */
	for (size_t i = 0; i < c->ndiag; i++) {
		const struct conf_diag *d = &c->diag[i];

		if (d->warning)
			mp_warn("warning: %s", d->msg);
		else if (!d->builtin)
			mp_info("note: %s", d->msg);
	}
}

void config_print_settings(FILE *f, const char *who, const struct mp_settings *s)
{
	char buf[24], esc[4 * 512 + 4], line[1024];

	for (int id = 0; id < S_COUNT; id++) {
		const char *v = config_setting_value(s, id, buf, sizeof(buf));

		if (!v)
			continue;
		snprintf(line, sizeof(line), "%s: %s %s (%s)", who, config_setting_name(id), v,
			 s->origin[id] ? s->origin[id] : "default");
		print_escaped(esc, sizeof(esc), line);
		fprintf(f, "%s\n", esc);
	}
}
