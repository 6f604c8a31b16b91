/* The built-in data in multipath.conf syntax, embedded by the build as NUL-terminated
 * strings that config_init_builtin() parses (build/gen/<name>_conf.c, made by
 * libmultipath/module.mk from libmultipath/<name>.conf):
 *   hwtable_conf    the hardware table, a devices{} section (hwtable.conf)
 *   blacklist_conf  the built-in blacklist and exceptions (blacklist.conf) */
#ifndef MP_HWTABLE_H
#define MP_HWTABLE_H

extern const char hwtable_conf[];
extern const char blacklist_conf[];

#endif
