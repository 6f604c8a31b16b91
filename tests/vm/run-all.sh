#!/bin/bash
# run-all.sh — run VM scenarios one after the other and print the overall result.
#
#   tests/vm/run-all.sh [NAME...]      (default: every tests/vm/scenarios/*.sh)
#
# Prints each scenario's result lines, a table of scenario, result, checks and wall time, then
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
	scenarios=("$HERE"/scenarios/*.sh)
fi

# This run's own copy of each summary (another session may run the same scenario meanwhile).
sumfile=$(mktemp)
trap 'rm -f "$sumfile"' EXIT
total_p=0 total_f=0 bad=0 table=""
t0=$(date +%s)
for s in "${scenarios[@]}"; do
	name=$(basename "$s" .sh)
	echo "=== VM scenario: $name"
	rm -f "$sumfile"
	BUILD=$BUILD VM_SUMMARY=$sumfile "$HERE/run-scenario.sh" "$s"
	read -r status _ p f secs < "$sumfile" 2>/dev/null || { status=FAIL p=0 f=1 secs='?'; }
	if [ "$status" != PASS ]; then
		bad=$((bad + 1))
		[ "${f:-0}" -gt 0 ] || f=1
	fi
	total_p=$((total_p + p)) total_f=$((total_f + f))
	table+=$(printf '  %-16s %-4s %4s passed %3s failed %5ss' "$name" "$status" "$p" "$f" "$secs")$'\n'
done
echo
echo "VM scenarios ($(( $(date +%s) - t0 ))s, logs in ${logdir#"$PWD"/}):"
printf '%s' "$table"
echo "$total_p passed, $total_f failed"
[ $bad -eq 0 ]
exit
}
