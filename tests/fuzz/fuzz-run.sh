#!/bin/bash
# fuzz-run.sh [--long] SECONDS TARGET:MAXLEN ...
# Run each libFuzzer target $FUZZ_DIR/fuzz_TARGET for SECONDS from its seeds in
# tests/fuzz/corpus/TARGET/ (never written to; crash inputs go to
# $FUZZ_DIR/crash/TARGET/). One summary line per target; any crash, leak, sanitizer
# report, timeout or out-of-memory fails it. Closes with "N passed, N failed".
# Without --long (a smoke run): new inputs go to $FUZZ_DIR/smoke/TARGET/, emptied
# first so every smoke run starts alike, and the output to $FUZZ_DIR/logs/TARGET.log.
# With --long: to $FUZZ_DIR/work/TARGET/, kept across runs (fuzz-merge reads it), and
# the output is streamed too.
set -u
dir=${FUZZ_DIR:-build/fuzz}
long=0
if [ "${1:-}" = --long ]; then
	long=1
	shift
fi
secs=${1:?usage: fuzz-run.sh [--long] SECONDS TARGET:MAXLEN ...}
shift
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0
fail=0
start=$(date +%s)
for spec in "$@"; do
	t=${spec%%:*}
	maxlen=${spec#*:}
	bin=$dir/fuzz_$t
	seeds=tests/fuzz/corpus/$t
	if [ $long = 1 ]; then
		work=$dir/work/$t
	else
		work=$dir/smoke/$t
		rm -rf "$work"
	fi
	crash=$dir/crash/$t
	log=$dir/logs/$t.log
	mkdir -p "$work" "$crash" "$seeds" "$(dirname "$log")"
	nseeds=$(find "$seeds" -type f | wc -l)
	args=(-max_total_time="$secs" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048
	      -print_final_stats=1 -artifact_prefix="$crash/" "$work" "$seeds")
	t0=$(date +%s)
	touch "$crash/.start"
	if [ $long = 1 ]; then
		"$bin" "${args[@]}" 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
	else
		"$bin" "${args[@]}" >"$log" 2>&1
		rc=$?
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1)
	msg="fuzz $t: ${runs:-?} runs in $(( $(date +%s) - t0 )) s, $nseeds seeds, ${corp:-corp: ?}"
	if [ "$rc" = 0 ] && ! grep -q '^==[0-9]*==ERROR\|runtime error:\|invariant failed' "$log"; then
		echo "$msg: ok"
		pass=$((pass + 1))
	else
		echo "$msg: FAILED (exit $rc), log $log"
		grep -m 20 -A 25 'ERROR\|runtime error:\|invariant failed\|deadly signal\|timeout' \
			"$log" | head -n 60
		find "$crash" -type f -newer "$crash/.start" ! -name .start | sed 's/^/  input: /'
		fail=$((fail + 1))
	fi
done
echo "fuzz: $(( $(date +%s) - start )) s in all"
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
