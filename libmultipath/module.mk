# libmultipath: the pure core plus the few edge files (sysfs, SG_IO, devmapper).
# The built-in hardware table and blacklist are data (libmultipath/hwtable.conf,
# libmultipath/blacklist.conf), each embedded as a C string by a generated source file.
BUILTIN_CONF := hwtable blacklist
BUILTIN_C  := $(BUILTIN_CONF:%=$(BUILD)/gen/%_conf.c)
LIBMP_SRCS := $(wildcard libmultipath/*.c) $(BUILTIN_C)
LIBMP_OBJS := $(LIBMP_SRCS:%.c=$(OBJ)/%.o)
LIBMP      := $(BUILD)/libmultipath.a
LIBMP_LIBS := $(LDLIBS_DM) $(LDLIBS_SYSFS) $(LDLIBS_SG) -lpthread -lm

# Every line becomes a C string literal: backslashes and quotes escaped, "\n" appended.
$(BUILD)/gen/%_conf.c: libmultipath/%.conf libmultipath/module.mk
	@mkdir -p $(dir $@)
	{ echo '/* Generated from libmultipath/$*.conf by libmultipath/module.mk. */'; \
	  echo '#include "hwtable.h"'; \
	  echo 'const char $*_conf[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@.tmp && mv $@.tmp $@

$(LIBMP): $(LIBMP_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

all: $(LIBMP)
