/* multipath.conf lexer (conf_lex.c). */
#ifndef MP_CONF_LEX_H
#define MP_CONF_LEX_H

#include <stddef.h>
#include "conf_int.h"

enum tok { T_EOF, T_NL, T_LBRACE, T_RBRACE, T_WORD, T_STRING, T_ERR, T_NONE };

struct lexer {
	const char *start, *p, *end;
	unsigned int line;      /* of the next character */
	unsigned int tokline;   /* of the last token */
	char tok[VALUE_MAX + 1];
	size_t toklen;
	int toolong;
	char why[80];           /* T_ERR: what is wrong */
};

void lex_init(struct lexer *lx, const char *text);
enum tok lex(struct lexer *lx);

#endif
