/* Small string helpers shared by every module. */
#ifndef MP_UTIL_H
#define MP_UTIL_H

#include <stddef.h>

/* Copy with truncation; always NUL-terminates (size > 0). Returns strlen(src). */
size_t strlcpy_safe(char *dst, const char *src, size_t size);
/* Remove trailing whitespace in place; returns s. */
char *rtrim(char *s);
/* Append formatted text at *pos of buf[size]; on overflow *pos saturates and -ENOSPC is returned. */
int bprintf(char *buf, size_t size, size_t *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Format a message into err[errsz] if err is given (NULL or errsz 0: nothing). */
void errfmt(char *err, size_t errsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Strict decimal parse of a whole string; 0 or -EINVAL / -ERANGE. */
int parse_ull(const char *s, unsigned long long *out);
int parse_uint(const char *s, unsigned int *out);

/* gcc 12's -fanalyzer (make analyze) loses track of a pointer stored at a computed
 * index of a heap array (v[n++] = p) and reports it leaked where the function
 * returns: a known false positive. Wrap just that (small) function, with a comment
 * naming the store; every other finding, and leaks anywhere else, still fail. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#define ANALYZER_FP_LEAK_BEGIN _Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wanalyzer-malloc-leak\"")
#define ANALYZER_FP_LEAK_END _Pragma("GCC diagnostic pop")
#else
#define ANALYZER_FP_LEAK_BEGIN
#define ANALYZER_FP_LEAK_END
#endif

/* Copy s into out with every byte outside printable ASCII, and '\\', as \xHH:
 * device-supplied strings are never echoed raw to a terminal or a log. */
void print_escaped(char *out, size_t size, const char *s);

#endif
