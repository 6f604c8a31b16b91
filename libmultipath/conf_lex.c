/* multipath.conf lexer: words, "quoted strings" ("" inside quotes is one "), braces
 * and newlines. Outside quotes '#' and '!' start a comment, '{' '}' are always braces.
 * Problems (an unterminated quote, a token too long) come back as T_ERR with the reason,
 * the offending text consumed: the parser warns and goes on. */
#include <stdio.h>
#include <string.h>

#include "conf_lex.h"

void lex_init(struct lexer *lx, const char *text)
{
	memset(lx, 0, sizeof(*lx));
	lx->start = lx->p = text ? text : "";
	lx->end = lx->p + strlen(lx->p);
	lx->line = 1;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

static int ends_word(char ch)
{
	return ch == '\0' || ch == '\n' || is_blank(ch) || ch == '"' || ch == '#' || ch == '!' ||
	       ch == '{' || ch == '}';
}

/* Append to the token; past VALUE_MAX the token is marked too long (and cut). */
static void tok_put(struct lexer *lx, char ch)
{
	if (lx->toklen >= VALUE_MAX) {
		lx->toolong = 1;
		return;
	}
	lx->tok[lx->toklen++] = ch;
}

static enum tok finish(struct lexer *lx, enum tok t)
{
	lx->tok[lx->toklen] = '\0';
	if (lx->toolong) {
		snprintf(lx->why, sizeof(lx->why), "value too long (more than %d characters)",
			 VALUE_MAX);
		return T_ERR;
	}
	return t;
}

enum tok lex(struct lexer *lx)
{
	for (;;) {
		char ch;

		lx->tokline = lx->line;
		lx->toklen = 0;
		lx->toolong = 0;
		lx->tok[0] = '\0';
		if (lx->p >= lx->end) {
			/* the end of a text that ends in a newline is on its last line */
			if (lx->p > lx->start && lx->p[-1] == '\n' && lx->line > 1)
				lx->tokline = lx->line - 1;
			return T_EOF;
		}
		ch = *lx->p;
		if (ch == '\n') {
			lx->p++;
			lx->line++;
			return T_NL;
		}
		if (is_blank(ch)) {
			lx->p++;
			continue;
		}
		if (ch == '#' || ch == '!') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			continue;
		}
		if (ch == '{' || ch == '}') {
			lx->p++;
			return ch == '{' ? T_LBRACE : T_RBRACE;
		}
		if (ch == '"') {
			for (lx->p++;; lx->p++) {
				if (lx->p >= lx->end || *lx->p == '\n') {
					snprintf(lx->why, sizeof(lx->why), "unterminated quote");
					lx->tok[lx->toklen] = '\0';
					return T_ERR;
				}
				if (*lx->p == '"') {
					if (lx->p + 1 >= lx->end || lx->p[1] != '"')
						break;
					lx->p++;              /* "" is one quote */
				}
				tok_put(lx, *lx->p);
			}
			lx->p++;
			return finish(lx, T_STRING);
		}
		for (; lx->p < lx->end && !ends_word(*lx->p); lx->p++)
			tok_put(lx, *lx->p);
		return finish(lx, T_WORD);
	}
}
