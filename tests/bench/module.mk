# Benchmark (tests/bench/README.md): never part of `make check`.
#   make bench        VM benchmark (scsi_debug 128/512/2048 paths, slow paths) against Debian's
#                     multipath-tools in the same VM run, the core micro-benchmark and the
#                     footprint; one table, written to build/bench/results.txt
#   make bench-core   only the core micro-benchmark (10k/100k/1M synthetic paths, no root, no VM)
# BENCH_TOPOS picks topologies for a quicker look, e.g. `make bench BENCH_TOPOS="128 slow"`.
BENCH_DIR    := $(BUILD)/bench
BENCH_CORE   := $(BENCH_DIR)/bench_core
BENCH_RUN    := $(BENCH_DIR)/benchrun

$(BENCH_CORE): $(OBJ)/tests/bench/core.o $(LIBMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBMP_LIBS) -lm

$(BENCH_RUN): $(OBJ)/tests/bench/benchrun.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

# Installs what only the benchmark needs (multipath-tools to compare with).
bench-deps:
	@tests/bench/deps.sh

bench-core: $(BENCH_CORE)
	$(BENCH_CORE) -o $(BENCH_DIR)/core.txt

bench: bench-deps all $(MULTIPATH) $(BENCH_CORE) $(BENCH_RUN)
	@BUILD=$(abspath $(BUILD)) VM_MULTIPATH=$(abspath $(MULTIPATH)) \
		$(if $(KPARTX),VM_KPARTX=$(abspath $(KPARTX))) \
		$(if $(DEVMAP_NAME),VM_DEVMAP_NAME=$(abspath $(DEVMAP_NAME))) \
		BENCH_TOPOS="$(BENCH_TOPOS)" tests/bench/bench.sh

# In make check: the benchmark's programs still build without a warning, and the core
# micro-benchmark runs on a small size (its tables are checked as it goes). No VM, no timing:
# an API change that leaves the bench behind shows here, not on the next `make bench`.
check-bench-build:
	@$(MAKE) -s --no-print-directory -B CFLAGS='$(CFLAGS) -Werror' $(BENCH_CORE) $(BENCH_RUN)
	@$(BENCH_CORE) 400 > /dev/null
	@echo "check-bench-build: bench_core and benchrun build with -Werror; bench_core 400 ran"

check: check-bench-build

.PHONY: bench bench-core bench-deps check-bench-build
