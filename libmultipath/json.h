/* JSON text output (multipath -l -j): strings that are valid JSON (RFC 8259) for any
 * byte string a device reports. Pure core. */
#ifndef MP_JSON_H
#define MP_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The length (1..4) of the well-formed UTF-8 sequence at s[0 .. n) (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF) with its code point in *cp,
 * or 0 if s does not start with one (a stray, truncated or forbidden byte). */
size_t utf8_seq(const char *s, size_t n, uint32_t *cp);

/* s as a quoted JSON string: valid UTF-8 goes through as it is (a WWID or vendor in
 * UTF-8 reads back as the same text), '"' and '\' are escaped, and so is every control
 * character (C0, DEL, C1) and U+2028/U+2029 (\uXXXX: never raw on a terminal). A byte
 * that is not part of valid UTF-8 becomes U+FFFD (\ufffd): JSON text cannot carry
 * raw bytes, and the text output (print_escaped) shows the exact bytes. */
void json_put_string(FILE *f, const char *s);

#endif
