# kpartx: partition maps. The pure core (readers, naming, listing, planning, options)
# is built once and linked into both the binary and the unit tests; blkdev.c (device
# access), apply.c (device-mapper, through libmultipath) and main.c are the edges.
KPARTX          := $(BUILD)/kpartx
KPARTX_EDGE     := kpartx/blkdev.c kpartx/apply.c kpartx/main.c
KPARTX_CORE     := $(filter-out $(KPARTX_EDGE),$(wildcard kpartx/*.c))
KPARTX_CORE_OBJS := $(KPARTX_CORE:%.c=$(OBJ)/%.o)
KPARTX_EDGE_OBJS := $(KPARTX_EDGE:%.c=$(OBJ)/%.o)

$(KPARTX): $(KPARTX_CORE_OBJS) $(KPARTX_EDGE_OBJS) $(LIBMP)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(KPARTX_CORE_OBJS) $(KPARTX_EDGE_OBJS) $(LIBMP) $(LIBMP_LIBS)

all: $(KPARTX)

install: install-kpartx
install-kpartx: $(KPARTX)
	install -D -m 0755 $(KPARTX) $(DESTDIR)$(sbindir)/kpartx
.PHONY: install-kpartx

# Tests: tests/kpartx/test_*.c are cmocka programs over the pure core, fed in-memory
# disk images built by tests/kpartx/imgbuild.c; tests/kpartx/fixtures/mkfixture writes
# the image files for label types no Debian tool can create; golden.sh compares our
# -l with tests/kpartx/golden/ and with Debian's kpartx on real loop devices.
KPARTX_TEST_DIR   := $(BUILD)/tests/kpartx
KPARTX_TEST_SRCS  := $(wildcard tests/kpartx/test_*.c)
KPARTX_TEST_BINS  := $(KPARTX_TEST_SRCS:tests/kpartx/%.c=$(KPARTX_TEST_DIR)/%)
KPARTX_TEST_LIB   := $(KPARTX_TEST_DIR)/imgbuild.o
KPARTX_MKFIXTURE  := $(KPARTX_TEST_DIR)/mkfixture
KPARTX_TEST_CPPFLAGS := $(CPPFLAGS) -Ikpartx -Itests/kpartx

$(KPARTX_TEST_LIB): tests/kpartx/imgbuild.c
	@mkdir -p $(dir $@)
	$(CC) $(KPARTX_TEST_CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(KPARTX_TEST_DIR)/test_%: tests/kpartx/test_%.c $(KPARTX_TEST_LIB) $(KPARTX_CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(KPARTX_TEST_CPPFLAGS) $(CFLAGS) -MMD -MP -o $@ $< $(KPARTX_TEST_LIB) \
		$(KPARTX_CORE_OBJS) -lcmocka

$(KPARTX_MKFIXTURE): tests/kpartx/fixtures/mkfixture.c $(KPARTX_TEST_LIB) $(KPARTX_CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(KPARTX_TEST_CPPFLAGS) $(CFLAGS) -MMD -MP -o $@ $< $(KPARTX_TEST_LIB) \
		$(KPARTX_CORE_OBJS)

check-kpartx-unit: $(KPARTX_TEST_BINS)
	@fail=0; for t in $(KPARTX_TEST_BINS); do $$t || fail=1; done; exit $$fail

check-kpartx-golden: $(KPARTX) $(KPARTX_MKFIXTURE)
	tests/kpartx/golden.sh $(KPARTX) $(KPARTX_MKFIXTURE) $(KPARTX_TEST_DIR)/golden

check-kpartx: check-kpartx-unit check-kpartx-golden
.PHONY: check-kpartx check-kpartx-unit check-kpartx-golden
