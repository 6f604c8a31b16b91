# Static analysis: gcc's -fanalyzer over every source file of the programs and the
# library (not the tests), with -Werror: `make analyze` fails on any finding, and is
# part of `make check`. Objects go to build/analyze/ (never linked), so a file is
# re-analysed only when it or a header it includes changes.
#   make analyze                  the whole tree
#   make analyze ANALYZE_CC=gcc-13  another gcc (clang has no -fanalyzer)
# A finding that is a false positive is silenced in the code, at the line, with
# a comment saying why (#pragma GCC diagnostic), never here for a whole file.
ANALYZE_CC    ?= gcc
ANALYZE_DIR   := $(BUILD)/analyze
ANALYZE_SRCS  := $(LIBMP_SRCS) $(MULTIPATH_SRCS) $(wildcard kpartx/*.c) \
		 $(wildcard devmap_name/*.c)
ANALYZE_OBJS  := $(ANALYZE_SRCS:%.c=$(ANALYZE_DIR)/%.o)
ANALYZE_FLAGS := -fanalyzer -Werror

$(ANALYZE_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(ANALYZE_CC) $(CPPFLAGS) $(CFLAGS) $(ANALYZE_FLAGS) -MMD -MP -c -o $@ $<

# Header dependencies of this tree (the top Makefile reads only $(OBJ)'s).
-include $(shell find $(ANALYZE_DIR) -name '*.d' -type f 2>/dev/null)

analyze: $(ANALYZE_OBJS)
	@echo "analyze: $(words $(ANALYZE_OBJS)) files, no findings"

check: analyze
.PHONY: analyze

# The build's own promises, checked without building anything (make -n):
#  - a user's CFLAGS/CPPFLAGS on the command line keep the required flags and paths;
#  - the libraries come from pkg-config, and from plain -l when it is missing.
check-build-flags:
	@out=$$($(MAKE) -s -n -B CFLAGS='-O1 -g -fanalyzer' CPPFLAGS=-DUSER \
		$(OBJ)/libmultipath/util.o); \
	for f in -std=gnu11 -D_GNU_SOURCE -Ilibmultipath -Imultipath -DUSER '-O1 -g -fanalyzer'; do \
		case "$$out" in *"$$f"*) ;; *) echo "check-build-flags: '$$f' missing: $$out" >&2; exit 1;; esac; \
	done
	@[ "$$($(MAKE) -s --no-print-directory print-LDLIBS_DM PKG_CONFIG=false)" = "-ldevmapper" ] || \
		{ echo "check-build-flags: no -ldevmapper fallback without pkg-config" >&2; exit 1; }
	@[ "$$($(MAKE) -s --no-print-directory print-LDLIBS_DM)" = "$$(pkg-config --libs devmapper | xargs)" ] || \
		{ echo "check-build-flags: devmapper not taken from pkg-config" >&2; exit 1; }
	@echo "check-build-flags: required flags kept under a user's CFLAGS, libraries via pkg-config"

print-%:
	@echo $(strip $($*))

check: check-build-flags
.PHONY: check-build-flags
