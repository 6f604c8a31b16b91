/* The built-in hardware table: libmultipath/hwtable.conf (multipath.conf syntax, a
 * devices{} section), embedded by the build as one NUL-terminated string that
 * config_init_builtin() parses (build/gen/hwtable_conf.c, made by libmultipath/module.mk). */
#ifndef MP_HWTABLE_H
#define MP_HWTABLE_H

extern const char hwtable_conf[];

#endif
