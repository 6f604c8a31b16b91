# libmultipath: the pure core plus the few edge files (sysfs, SG_IO, devmapper).
# The built-in hardware table is data (libmultipath/hwtable.conf), embedded as a C string
# by a generated source file.
HWTABLE_C  := $(BUILD)/gen/hwtable_conf.c
LIBMP_SRCS := $(wildcard libmultipath/*.c) $(HWTABLE_C)
LIBMP_OBJS := $(LIBMP_SRCS:%.c=$(OBJ)/%.o)
LIBMP      := $(BUILD)/libmultipath.a
LIBMP_LIBS := $(LDLIBS_DM) $(LDLIBS_SYSFS) $(LDLIBS_SG) -lpthread -lm

# Every line becomes a C string literal: backslashes and quotes escaped, "\n" appended.
$(HWTABLE_C): libmultipath/hwtable.conf libmultipath/module.mk
	@mkdir -p $(dir $@)
	{ echo '/* Generated from libmultipath/hwtable.conf by libmultipath/module.mk. */'; \
	  echo '#include "hwtable.h"'; \
	  echo 'const char hwtable_conf[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@.tmp && mv $@.tmp $@

$(LIBMP): $(LIBMP_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

all: $(LIBMP)
