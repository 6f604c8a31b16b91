#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "structs.h"

void path_why(struct path *p, int replace, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	if (p->errmsg[0] && !replace)
		return;
	n = (size_t)snprintf(p->errmsg, sizeof(p->errmsg), "%s: ", p->dev);
	if (n < sizeof(p->errmsg)) {
		va_start(ap, fmt);
		vsnprintf(p->errmsg + n, sizeof(p->errmsg) - n, fmt, ap);
		va_end(ap);
	}
	mp_debug("%s", p->errmsg);
}

int pathvec_add(struct pathvec *pv, const struct path *p)
{
	if (pv->n == pv->alloc) {
		size_t na = pv->alloc ? pv->alloc * 2 : 16;
		struct path *np = realloc(pv->p, na * sizeof(*np));

		if (!np)
			return -ENOMEM;
		pv->p = np;
		pv->alloc = na;
	}
	pv->p[pv->n++] = *p;
	return 0;
}

void pathvec_free(struct pathvec *pv)
{
	free(pv->p);
	memset(pv, 0, sizeof(*pv));
}

void multipath_free_groups(struct multipath *mp)
{
	for (size_t i = 0; i < mp->npg; i++)
		free(mp->pg[i].idx);
	free(mp->pg);
	mp->pg = NULL;
	mp->npg = 0;
}

void mpvec_free(struct mpvec *mv)
{
	for (size_t i = 0; i < mv->n; i++) {
		multipath_free_groups(&mv->m[i]);
		free(mv->m[i].idx);
	}
	free(mv->m);
	mv->m = NULL;
	mv->n = 0;
}
