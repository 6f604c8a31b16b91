# libmultipath: the pure core plus the few edge files (sysfs, SG_IO, devmapper).
LIBMP_SRCS := $(wildcard libmultipath/*.c)
LIBMP_OBJS := $(LIBMP_SRCS:%.c=$(OBJ)/%.o)
LIBMP      := $(BUILD)/libmultipath.a
LIBMP_LIBS := $(LDLIBS_DM) $(LDLIBS_SYSFS) $(LDLIBS_SG) -lpthread -lm

$(LIBMP): $(LIBMP_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

all: $(LIBMP)
