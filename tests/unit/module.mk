# Unit tests: every tests/unit/test_*.c is one cmocka program linked with libmultipath.
# They need no root and no devices; fixtures live in tests/fixtures.
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

$(BUILD)/tests/unit/%: tests/unit/%.c $(MPCLI) $(LIBMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(MPCLI) $(LIBMP) $(LIBMP_LIBS) -lcmocka

check-unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
		FIXTURES=tests/fixtures $$t || fail=1; \
	done; exit $$fail
.PHONY: check-unit
