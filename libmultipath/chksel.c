#include <stdio.h>

#include "checker.h"
#include "chksel.h"
#include "util.h"

int detect_enabled(int v)
{
	return v != 0;   /* UNSET: the default, yes */
}

int inquiry_tpgs(const unsigned char *inq, size_t len)
{
	return inq && len > 5 ? (inq[5] >> 4) & 0x3 : -1;
}

int vpd_page_listed(const unsigned char *pg0, size_t len, int page)
{
	size_t end;

	if (!pg0 || len < 4 || pg0[1] != 0x00)
		return -1;
	end = 4 + (((size_t)pg0[2] << 8) | pg0[3]);
	if (end > len)
		end = len;
	for (size_t i = 4; i < end; i++)
		if (pg0[i] == page)
			return 1;
	return 0;
}

int sel_needs(const struct mp_settings *s)
{
	int n = 0;

	if (detect_enabled(s->detect_checker))
		n |= SEL_NEED_TPGS | SEL_NEED_RDAC;
	if (detect_enabled(s->detect_prio))
		n |= SEL_NEED_TPGS;
	return n;
}

int sel_prio_needs_rdac(const struct mp_settings *s, int tpgs)
{
	/* explicit-only ALUA takes sysfs whatever the array; implicit asks the rdac test */
	return detect_enabled(s->detect_prio) && tpgs > 0 && tpgs != 2;
}

void select_checker_prio(const struct mp_settings *s, const struct sel_facts *f,
			 struct path *p, const char **args)
{
	p->tpgs = (signed char)f->tpgs;
	p->checker = (unsigned char)s->checker;
	p->checker_from = SEL_CONFIG;
	p->checker_src = s->origin[S_CHECKER];
	p->prio_src = s->origin[S_PRIO];
	p->timeout_src = s->origin[S_CHECKER_TIMEOUT];
	if (detect_enabled(s->detect_checker) && (f->rdac || f->tpgs > 0)) {
		p->checker = f->rdac ? CHK_RDAC : CHK_TUR;
		p->checker_from = SEL_DETECT;
	}
	p->prio_method = (unsigned char)s->prio;
	p->prio_from = SEL_CONFIG;
	*args = s->prio_args;
	if (detect_enabled(s->detect_prio) && f->tpgs > 0) {
		p->prio_method = (f->tpgs == 2 || !f->rdac) && f->access_state ? PRIO_SYSFS : PRIO_ALUA;
		p->prio_from = SEL_DETECT;
		*args = NULL;
	} else if (p->prio_method == PRIO_ANA) {
		p->prio_method = PRIO_CONST;
		p->prio_from = SEL_ANA_SCSI;
		*args = NULL;
	}
	if (s->checker_timeout > 0) {
		p->checker_timeout = (unsigned short)(s->checker_timeout > 65535 ? 65535 :
						       s->checker_timeout);
		p->timeout_from = TMO_CONFIG;
	} else if (f->sysfs_timeout > 0) {
		p->checker_timeout = (unsigned short)(f->sysfs_timeout > 65535 ? 65535 :
						       f->sysfs_timeout);
		p->timeout_from = TMO_SYSFS;
	} else {
		p->checker_timeout = CHECKER_DEFAULT_TIMEOUT;
		p->timeout_from = TMO_DEFAULT;
	}
}

/* Why a method was chosen; detail says what detection saw, src where a configured one
 * was set. */
static const char *origin_text(char *buf, size_t size, int from, const char *detect,
			       const char *detail, const char *src)
{
	switch (from) {
	case SEL_DETECT:
		snprintf(buf, size, "%s, %s", detect, detail);
		return buf;
	case SEL_ANA_SCSI:
		snprintf(buf, size, "ana from %s is NVMe-only, not for SCSI paths: const",
			 src ? src : "the configuration");
		return buf;
	default:
		return src ? src : "configuration";
	}
}

void describe_selection(const struct path *p, char *buf, size_t size)
{
	static const char *const tmo[] = { "", "configuration", "sysfs device/timeout", "default" };
	char cd[32], pd[48], co[160], po[160];
	const char *to;
	size_t pos = 0;

	if (!size)
		return;
	buf[0] = '\0';
	if (!p->checker_from)
		return;
	if (p->checker == CHK_RDAC)
		snprintf(cd, sizeof(cd), "VPD 0xC9 vac1");
	else
		snprintf(cd, sizeof(cd), "TPGS=%d", p->tpgs);
	snprintf(pd, sizeof(pd), "TPGS=%d%s", p->tpgs,
		 p->prio_method == PRIO_SYSFS ? ", access_state in sysfs" : "");
	to = p->timeout_from == TMO_CONFIG && p->timeout_src ? p->timeout_src :
	     p->timeout_from < 4 ? tmo[p->timeout_from] : "?";
	bprintf(buf, size, &pos, "checker %s (%s), timeout %u s (%s); prio %s (%s) = %d",
		checker_name(p->checker), origin_text(co, sizeof(co), p->checker_from,
							"detect_checker", cd, p->checker_src),
		p->checker_timeout, to, prio_name(p->prio_method),
		origin_text(po, sizeof(po), p->prio_from, "detect_prio", pd, p->prio_src), p->prio);
}
