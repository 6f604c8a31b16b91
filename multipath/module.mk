# multipath: main.c is the entry point; the rest (command line, run logic) is also
# archived so unit tests can link it.
MULTIPATH_SRCS := $(wildcard multipath/*.c)
MPCLI_OBJS     := $(patsubst %.c,$(OBJ)/%.o,$(filter-out multipath/main.c,$(MULTIPATH_SRCS)))
MPCLI          := $(BUILD)/libmpcli.a
MULTIPATH      := $(BUILD)/multipath

$(MPCLI): $(MPCLI_OBJS)
	rm -f $@ && ar rcs $@ $^

$(MULTIPATH): $(OBJ)/multipath/main.o $(MPCLI) $(LIBMP)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBMP_LIBS)

all: $(MULTIPATH)

install: install-multipath
install-multipath: $(MULTIPATH)
	install -D -m 0755 $(MULTIPATH) $(DESTDIR)$(sbindir)/multipath
.PHONY: install-multipath
