# Fuzzing: every tests/fuzz/fuzz_<target>.c is a libFuzzer target, built with clang
# under ASan + UBSan (any report aborts) against the library sources compiled here,
# with coverage instrumentation, into build/fuzz/ (never the gcc-built archive).
#   make fuzz-smoke                      every target for FUZZ_SMOKE_SECONDS (15) each,
#                                        starting from its seed corpus; fails on a crash
#   make fuzz TARGET=vpd SECONDS=3600    one long run (new inputs: build/fuzz/work/vpd/)
#   make fuzz-merge TARGET=vpd           add what a long run found, minimised, to the seeds
#   make fuzz-corpus                     regenerate the seeds from the unit-test fixtures
# Seeds: tests/fuzz/corpus/<target>/ (committed, small). A crash input is saved as
# build/fuzz/crash/<target>/crash-*: it is committed as tests/fuzz/corpus/<target>/
# regress-<what> (every smoke run replays the corpus first) with a unit test beside it
# (tests/unit/test_<module>_regress.c).
# clang-14 and libclang-rt-14-dev (libFuzzer) come from scripts/deps.sh.
FUZZ_CC       ?= clang-14
FUZZ_DIR      := $(BUILD)/fuzz
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS   := -std=gnu11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra -D_GNU_SOURCE \
		 $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_CPPFLAGS := -Ilibmultipath -Ikpartx -Itests/fuzz
FUZZ_SMOKE_SECONDS ?= 15
SECONDS       ?= 600

# The code under test, compiled here with coverage instrumentation: libmultipath as
# an archive (the linker takes just what a target uses), the kpartx core as objects.
# config reaches the checker registry (chktable.c), whose rows point at the checker and
# prioritizer functions, edge code that no target calls: the edge libraries are linked
# so those references resolve.
FUZZ_LIBMP        := $(FUZZ_DIR)/libmultipath.a
FUZZ_KPARTX_OBJS  := $(KPARTX_CORE:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_LIB_kpartx   := $(FUZZ_KPARTX_OBJS)
FUZZ_LIB_default  := $(FUZZ_LIBMP)
FUZZ_LDLIBS       := $(LDLIBS_DM) $(LDLIBS_SYSFS) $(LDLIBS_SG) -lpthread
# Longest input libFuzzer makes: a page, a table line, a state file, a sparse disk.
FUZZ_MAXLEN_vpd      := 1024
FUZZ_MAXLEN_alua     := 1024
FUZZ_MAXLEN_mptable  := 2048
FUZZ_MAXLEN_bindings := 4096
FUZZ_MAXLEN_wwids    := 4096
FUZZ_MAXLEN_kpartx   := 32768
FUZZ_MAXLEN_config   := 8192
FUZZ_MAXLEN_chkprio  := 512

FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)

# deps first (order only): check lists this fragment's prerequisites before its own.
$(FUZZ_DIR)/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_LIBMP): $(LIBMP_SRCS:%.c=$(FUZZ_DIR)/obj/%.o)
	rm -f $@ && ar rcs $@ $^

# Header dependencies of this tree (the top Makefile reads only $(OBJ)'s).
-include $(shell find $(FUZZ_DIR) -name '*.d' -type f 2>/dev/null)

define FUZZ_TARGET_RULE
$(FUZZ_DIR)/fuzz_$(1): $(FUZZ_DIR)/obj/tests/fuzz/fuzz_$(1).o $(or $(FUZZ_LIB_$(1)),$(FUZZ_LIB_default))
	$$(FUZZ_CC) $$(FUZZ_SAN) -fsanitize=fuzzer -o $$@ $$^ $$(FUZZ_LDLIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_TARGET_RULE,$(t))))

fuzz-build: $(FUZZ_BINS)

# fuzz-run.sh [--long] SECONDS TARGET:MAXLEN ... prints a line per target and a total.
FUZZ_RUN = FUZZ_DIR=$(FUZZ_DIR) tests/fuzz/fuzz-run.sh

fuzz-smoke: $(FUZZ_BINS)
	@$(FUZZ_RUN) $(FUZZ_SMOKE_SECONDS) $(foreach t,$(FUZZ_TARGETS),$(t):$(FUZZ_MAXLEN_$(t)))

fuzz: $(if $(TARGET),$(FUZZ_DIR)/fuzz_$(TARGET))
	@[ -n "$(TARGET)" ] || { echo "usage: make fuzz TARGET=<$(FUZZ_TARGETS)> [SECONDS=n]" >&2; exit 2; }
	@$(FUZZ_RUN) --long $(SECONDS) $(TARGET):$(FUZZ_MAXLEN_$(TARGET))

fuzz-merge: $(if $(TARGET),$(FUZZ_DIR)/fuzz_$(TARGET))
	@[ -n "$(TARGET)" ] || { echo "usage: make fuzz-merge TARGET=<$(FUZZ_TARGETS)>" >&2; exit 2; }
	$(FUZZ_DIR)/fuzz_$(TARGET) -merge=1 -max_len=$(FUZZ_MAXLEN_$(TARGET)) \
		tests/fuzz/corpus/$(TARGET) $(FUZZ_DIR)/work/$(TARGET)

# The seed generator is an ordinary gcc program over the kpartx test image builder.
FUZZ_MKCORPUS := $(FUZZ_DIR)/mkcorpus
$(FUZZ_MKCORPUS): tests/fuzz/mkcorpus.c $(KPARTX_TEST_LIB) $(KPARTX_CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(KPARTX_TEST_CPPFLAGS) $(CFLAGS) -MMD -MP -o $@ $< $(KPARTX_TEST_LIB) $(KPARTX_CORE_OBJS)

fuzz-corpus: $(FUZZ_MKCORPUS)
	$(FUZZ_MKCORPUS) tests/fixtures tests/fuzz/corpus

check: fuzz-smoke

.PHONY: fuzz-build fuzz-smoke fuzz fuzz-merge fuzz-corpus
