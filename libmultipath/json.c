#include <string.h>

#include "json.h"

size_t utf8_seq(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	if (!n)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc0 && c < 0xe0) {
		len = 2; min = 0x80; c &= 0x1f;
	} else if (c >= 0xe0 && c < 0xf0) {
		len = 3; min = 0x800; c &= 0x0f;
	} else if (c >= 0xf0 && c < 0xf8) {
		len = 4; min = 0x10000; c &= 0x07;
	} else {
		return 0;   /* a continuation byte, or 0xf8..0xff */
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

void json_put_string(FILE *f, const char *s)
{
	size_t n = strlen(s);

	fputc('"', f);
	while (n) {
		uint32_t cp;
		size_t len = utf8_seq(s, n, &cp);

		if (!len) {
			fputs("\\ufffd", f);
			len = 1;
		} else if (cp == '"' || cp == '\\') {
			fprintf(f, "\\%c", (char)cp);
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) {
			fprintf(f, "\\u%04x", (unsigned int)cp);
		} else {
			fwrite(s, 1, len, f);
		}
		s += len;
		n -= len;
	}
	fputc('"', f);
}
