# Sanitizers over the unit suites.
#   make check-asan      rebuild libmultipath, the multipath CLI core, the kpartx core and
#                        every unit test (tests/unit, tests/kpartx) with ASan + UBSan
#                        (-fno-sanitize-recover=all: any report fails the test) into
#                        build/asan/, its own tree, and run them.
#   make check-valgrind  run the normally built unit test binaries under valgrind
#                        memcheck; any error or leak fails.
# Both close with "N passed, N failed" over the test programs.
ASAN_DIR      := $(BUILD)/asan
ASAN_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_CFLAGS   := $(CFLAGS) $(ASAN_SAN)
ASAN_CPPFLAGS := $(CPPFLAGS)
SAN_ENV       := FIXTURES=tests/fixtures \
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

ASAN_LIBMP      := $(ASAN_DIR)/libmultipath.a
ASAN_MPCLI      := $(ASAN_DIR)/libmpcli.a
# Own lists: tests/unit/module.mk is read after this file.
ASAN_UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
ASAN_UNIT_BINS  := $(ASAN_UNIT_SRCS:tests/unit/%.c=$(ASAN_DIR)/tests/unit/%)
ASAN_KPX_BINS   := $(KPARTX_TEST_SRCS:tests/kpartx/%.c=$(ASAN_DIR)/tests/kpartx/%)
VALGRIND_BINS   := $(ASAN_UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%) $(KPARTX_TEST_BINS)
ASAN_KPX_OBJS   := $(KPARTX_CORE:%.c=$(ASAN_DIR)/obj/%.o) $(ASAN_DIR)/obj/tests/kpartx/imgbuild.o

# deps first (order only): check lists this fragment's prerequisites before its own.
$(ASAN_DIR)/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_CPPFLAGS) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<
# The kpartx tests find their headers as kpartx/module.mk has them do.
$(ASAN_DIR)/obj/tests/kpartx/%.o: ASAN_CPPFLAGS = $(KPARTX_TEST_CPPFLAGS)
# Reached only through pattern rules: keep them, or make deletes them after each run.
.SECONDARY: $(ASAN_KPX_OBJS)

# Header dependencies of this tree (the top Makefile reads only $(OBJ)'s).
-include $(shell find $(ASAN_DIR) -name '*.d' -type f 2>/dev/null)

$(ASAN_LIBMP): $(LIBMP_SRCS:%.c=$(ASAN_DIR)/obj/%.o)
	rm -f $@ && ar rcs $@ $^
$(ASAN_MPCLI): $(patsubst $(OBJ)/%,$(ASAN_DIR)/obj/%,$(MPCLI_OBJS))
	rm -f $@ && ar rcs $@ $^

$(ASAN_DIR)/tests/unit/%: tests/unit/%.c $(ASAN_MPCLI) $(ASAN_LIBMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) -MMD -MP -o $@ $< $(ASAN_MPCLI) $(ASAN_LIBMP) \
		$(LIBMP_LIBS) -lcmocka

$(ASAN_DIR)/tests/kpartx/%: tests/kpartx/%.c $(ASAN_KPX_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(KPARTX_TEST_CPPFLAGS) $(ASAN_CFLAGS) -MMD -MP -o $@ $< $(ASAN_KPX_OBJS) -lcmocka

# Run each program (from the top directory, FIXTURES set) with a prefix command; "label: N passed, N failed".
# $(1) label, $(2) programs, $(3) command prefix
define SANITIZE_RUN
	@pass=0; fail=0; failed=""; \
	for t in $(2); do \
		if $(SAN_ENV) $(3) $$t; then pass=$$((pass + 1)); \
		else fail=$$((fail + 1)); failed="$$failed $$t"; fi; \
	done; \
	[ -z "$$failed" ] || echo "$(1): failed:$$failed" >&2; \
	echo "$(1): $$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]
endef

check-asan: $(ASAN_UNIT_BINS) $(ASAN_KPX_BINS)
	$(call SANITIZE_RUN,check-asan,$(ASAN_UNIT_BINS) $(ASAN_KPX_BINS),)

VALGRIND := valgrind -q --tool=memcheck --error-exitcode=1 --leak-check=full \
	--show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
	--track-origins=yes --child-silent-after-fork=yes
check-valgrind: $(VALGRIND_BINS)
	$(call SANITIZE_RUN,check-valgrind,$(VALGRIND_BINS),$(VALGRIND))

check: check-asan

.PHONY: check-asan check-valgrind
