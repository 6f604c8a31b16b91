#!/bin/bash
# run-all.sh — run VM scenarios, VM_JOBS at a time (default: the number of CPUs; each VM is
# one TCG vCPU), and print the overall result.
#
#   tests/vm/run-all.sh [NAME...]      (default: every tests/vm/scenarios/*.sh)
#
# Prints each scenario's output as a block when it ends (blocks never interleave), in the
# order the scenarios finish, a table of scenario, result, checks and wall time, then
# the closing line "N passed, N failed" (checks summed over all scenarios; a scenario that
# crashed or timed out without counting its own failures adds one failure). Exits 1 if any
# scenario failed.
set -uo pipefail
# The whole script is one block: bash parses it before running, so editing this file while
# a run is in progress cannot break that run.
{

HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(realpath -m "${BUILD:-$HERE/../../build}")
logdir=$BUILD/vm/logs
mkdir -p "$logdir"

if [ $# -gt 0 ]; then
	scenarios=()
	for n in "$@"; do scenarios+=("$HERE/scenarios/${n%.sh}.sh"); done
else
	# Longest first (by the vm-timeout each scenario declares, then by name): with VM_JOBS
	# at a time, a long scenario started last would run alone at the end.
	mapfile -t scenarios < <(for f in "$HERE"/scenarios/*.sh; do
		t=$(sed -n 's/^# vm-timeout: *\([0-9][0-9]*\).*/\1/p' "$f" | tail -n1)
		echo "${t:-300} $f"
	done | sort -k1,1nr -k2,2 | cut -d' ' -f2-)
fi

# This run's own directory: each scenario's summary and output (another session may run the
# same scenario meanwhile, and parallel scenarios must not interleave their output).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jobs_max=${VM_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs_max" -ge 1 ] 2>/dev/null || jobs_max=1
# VMs sharing the CPUs run slower: give each scenario's timeout that much more room.
[ "$jobs_max" -gt 1 ] && export VM_TIMEOUT_SCALE=${VM_TIMEOUT_SCALE:-2}
total_p=0 total_f=0 bad=0 table=""
t0=$(date +%s)

run_one() {   # NAME FILE: one scenario, output and summary into the work directory
	BUILD=$BUILD VM_SUMMARY="$work/$1.sum" "$HERE/run-scenario.sh" "$2" > "$work/$1.out" 2>&1
}

collect() {   # NAME: print a finished scenario's output and add its result to the totals
	local name=$1 status p f secs
	echo "=== VM scenario: $name"
	cat "$work/$name.out"
	read -r status _ p f secs < "$work/$name.sum" 2>/dev/null || { status=FAIL p=0 f=1 secs='?'; }
	if [ "$status" != PASS ]; then
		bad=$((bad + 1))
		[ "${f:-0}" -gt 0 ] || f=1
	fi
	total_p=$((total_p + p)) total_f=$((total_f + f))
	table+=$(printf '  %-16s %-4s %4s passed %3s failed %5ss' "$name" "$status" "$p" "$f" "$secs")$'\n'
}

declare -A pid_of=()
for s in "${scenarios[@]}"; do
	name=$(basename "$s" .sh)
	while [ "${#pid_of[@]}" -ge "$jobs_max" ]; do
		wait -n 2>/dev/null || true
		for n in "${!pid_of[@]}"; do
			kill -0 "${pid_of[$n]}" 2>/dev/null && continue
			wait "${pid_of[$n]}" 2>/dev/null
			unset "pid_of[$n]"
			collect "$n"
		done
	done
	run_one "$name" "$s" &
	pid_of[$name]=$!
done
for n in "${!pid_of[@]}"; do
	wait "${pid_of[$n]}" 2>/dev/null
	collect "$n"
done
echo
echo "VM scenarios ($(( $(date +%s) - t0 ))s, logs in ${logdir#"$PWD"/}):"
printf "%s" "$table" | sort
echo "$total_p passed, $total_f failed"
[ $bad -eq 0 ]
exit
}
