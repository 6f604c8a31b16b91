#!/bin/bash
# bench.sh — `make bench`: our multipath against Debian's multipath-tools, in the same VM run.
#
#   tests/bench/bench.sh            (make bench passes BUILD, VM_MULTIPATH, ... BENCH_TOPOS)
#
# For each topology one VM boot (the tests/vm harness: a generated scenario that sources
# tests/bench/vm-bench.sh) with scsi_debug paths:
#   128   add_host=4 num_tgts=2 max_luns=16    32 LUs x 4 paths
#   512   add_host=4 num_tgts=2 max_luns=64   128 LUs x 4 paths
#   2048  add_host=8 num_tgts=4 max_luns=64   256 LUs x 8 paths
#   slow  add_host=2 num_tgts=2 max_luns=16    32 LUs x 2 paths, every command made ~1 s
#   storm256, storm1024   4 hosts of 64 / 256 LUs added at once under udevd: ours (rule, handler)
#         and multipathd until every map has its 4 paths (tests/bench/vm-events.sh)
#   reval 4 hosts x 128 LUs (512 paths): reinstatement latency, cost while a path is down,
#         a fabric return, what stays resident: ours (revalidator) and multipathd
# then the core micro-benchmark (bench_core) and the footprint (bytes an initramfs must carry).
# Everything lands in build/bench/: results.txt (the table, also printed), raw.txt (every
# measurement), core.txt, scenarios/ (the generated scenarios); VM console logs are
# build/vm/logs/bench-*.log.
# Environment: BENCH_TOPOS (subset, e.g. "128 slow"), BENCH_REPS (cycles per implementation,
# default 3; the median counts), BENCH_REPS_2048 (default 1), BENCH_PROFILE=1 (strace profiles of ours in the logs),
# BENCH_EVENT_ORDER (the event rows' order, default "floor theirs ours", the floor only in the
# storms; "ours theirs floor" gets ours' figures first from a run that may not finish),
# BENCH_NO_CORE=1 (skip the micro-benchmark), BENCH_REPORT_ONLY=1 (no VM run: the report from
# the last runs' results, e.g. after running topologies separately), VM_KERNEL, BUILD.
# Exit status: 0 iff every VM run completed with correct maps and every target was met.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(realpath -m "${BUILD:-$ROOT/build}")
export BUILD
BDIR=$BUILD/bench
. "$ROOT/tests/vm/lib/host.sh"

TOPOS=${BENCH_TOPOS:-}
[ -n "${TOPOS// }" ] || TOPOS="128 512 2048 slow storm256 storm1024 reval claim"
REPS=${BENCH_REPS:-3}
# One 2048-path cycle of multipath-tools takes ~10 minutes under TCG: one cycle by default.
REPS_2048=${BENCH_REPS_2048:-1}
THEIRS_BIN=/sbin/multipath
BENCHRUN=$BDIR/benchrun
OURS_BIN=${VM_MULTIPATH:-$BUILD/multipath}

# topology: scsi_debug parameters, paths, paths per LU, VM MiB, per-step timeout, boot timeout.
declare -A T_SDBG T_PATHS T_PPL T_MEM T_STEP T_BOOT
T_SDBG[128]="add_host=4 num_tgts=2 max_luns=16";   T_PATHS[128]=128;   T_PPL[128]=4
T_SDBG[512]="add_host=4 num_tgts=2 max_luns=64";   T_PATHS[512]=512;   T_PPL[512]=4
T_SDBG[2048]="add_host=8 num_tgts=4 max_luns=64";  T_PATHS[2048]=2048; T_PPL[2048]=8
T_SDBG[slow]="add_host=2 num_tgts=2 max_luns=16";  T_PATHS[slow]=64;   T_PPL[slow]=2
T_SDBG[claim]="add_host=4 num_tgts=2 max_luns=16"; T_PATHS[claim]=128; T_PPL[claim]=4
T_MEM[128]=2048;  T_STEP[128]=300;   T_BOOT[128]=$((1200 + REPS * 600))
T_MEM[512]=2048;  T_STEP[512]=600;   T_BOOT[512]=$((1800 + REPS * 1500))
T_MEM[2048]=4096; T_STEP[2048]=3600; T_BOOT[2048]=$((3600 + REPS_2048 * 7200))
T_MEM[slow]=1024; T_STEP[slow]=600;  T_BOOT[slow]=2400
T_SDBG[storm256]="add_host=0 num_tgts=1 max_luns=64";   T_PATHS[storm256]=256;   T_PPL[storm256]=4
T_SDBG[storm1024]="add_host=0 num_tgts=1 max_luns=256"; T_PATHS[storm1024]=1024; T_PPL[storm1024]=4
# BENCH_REVAL_LUS (default 128: 512 paths) shrinks the revalidation run for a quick look.
RV_LUS=${BENCH_REVAL_LUS:-128}
T_SDBG[reval]="add_host=4 num_tgts=1 max_luns=$RV_LUS";  T_PATHS[reval]=$((RV_LUS * 4)); T_PPL[reval]=4
T_MEM[storm256]=2048;  T_STEP[storm256]=1800;  T_BOOT[storm256]=5400
T_MEM[storm1024]=4096; T_STEP[storm1024]=3600; T_BOOT[storm1024]=10800
T_MEM[reval]=2048;     T_STEP[reval]=600;      T_BOOT[reval]=3600
T_MEM[claim]=1024; T_STEP[claim]=600; T_BOOT[claim]=$((900 + REPS * 300))

for t in $TOPOS; do
	[ -n "${T_SDBG[$t]:-}" ] || { echo "bench: unknown topology '$t' (128 512 2048 slow storm256 storm1024 reval claim)" >&2; exit 2; }
done
for f in "$OURS_BIN" "$THEIRS_BIN" /sbin/multipathd "$BENCHRUN" /lib/systemd/systemd-udevd /bin/udevadm; do
	[ -x "$f" ] || { echo "bench: $f missing (make bench builds ours and installs the rest)" >&2; exit 2; }
done
mkdir -p "$BDIR/scenarios" "$BDIR/raw"

# --- what the VM gets besides the harness' base ----------------------------------------------
# The udev rules a Debian initramfs with multipath-tools runs for SCSI disks and dm maps.
# The system's (udev, dmsetup) go to /lib/udev/rules.d; multipath-tools' own are enabled in
# /etc/udev/rules.d only while it is measured (vm-bench.sh: rules_for).
RULES="50-udev-default.rules 55-dm.rules 60-block.rules 60-persistent-storage.rules
	60-persistent-storage-dm.rules 95-dm-notify.rules"
THEIRS_RULES="56-dm-mpath.rules 60-multipath.rules"
stage=$BDIR/stage
rm -rf "$stage"
mkdir -p "$stage/rules.d" "$stage/theirs-rules" "$stage/etc"
for r in $RULES; do
	cp "/lib/udev/rules.d/$r" "$stage/rules.d/" || exit 2
done
for r in $THEIRS_RULES; do
	cp "/lib/udev/rules.d/$r" "$stage/theirs-rules/" || exit 2
done
# Theirs: every LU gets a map (find_multipaths no), names are WWIDs like ours, and the same
# path selector as ours so both load equivalent tables.
cat > "$stage/etc/multipath.conf" <<'EOF'
defaults {
	find_multipaths no
	user_friendly_names no
	path_selector "round-robin 0"
}
EOF
cat > "$stage/etc/ours.conf" <<'EOF'
defaults {
	find_multipaths greedy
}
EOF
# The event rows: theirs' configuration for multipathd, ours' udev rule and handler installed
# as "make install sbindir=/usr/local/sbin" would (theirs keeps /sbin/multipath); the handler
# reads /etc/multipath.conf: vm-events.sh swaps the files.
mkdir -p "$stage/ours-rules"
make -s -C "$ROOT" install-udev install-hotplug DESTDIR="$stage/ours-inst" sbindir=/usr/local/sbin > /dev/null || exit 2
cp "$stage/ours-inst/lib/udev/rules.d/60-multipath.rules" "$stage/ours-rules/"
cp "$stage/etc/multipath.conf" "$stage/etc/theirs.conf"
# claim: multipath -u per udev event, both with find_multipaths on ("yes" in theirs' words).
mkdir -p "$stage/etc/claim"
printf 'defaults {\n\tfind_multipaths yes\n\tuser_friendly_names no\n}\n' > "$stage/etc/claim/theirs.conf"
echo "# built-in defaults: find_multipaths on" > "$stage/etc/claim/ours.conf"
# The dm rules call /sbin/dmsetup; the harness has it in /usr/sbin.
ln -s /usr/sbin/dmsetup "$stage/dmsetup"

gen_scenario() {
	local t=$1 out=$BDIR/scenarios/bench-$1.sh fn=bench_topology
	[ "$t" = slow ] && fn=bench_slow
	case $t in storm*) fn=bench_storm ;; reval) fn=bench_reval ;; esac
	[ "$t" = claim ] && fn=bench_claim
	{
		echo "#!/bin/sh"
		echo "# bench-$t: make bench, topology $t (generated by tests/bench/bench.sh; do not edit)."
		echo "# vm-scsi-debug: vpd_use_hostno=0 dev_size_mb=1 ${T_SDBG[$t]}"
		# scsi_dh_alua: theirs detects ALUA on scsi_debug and asks for the "alua" handler.
		echo "# vm-modules: dm-service-time dm-queue-length scsi_dh_alua"
		echo "# vm-mem: ${T_MEM[$t]}"
		echo "# vm-smp: 2"
		echo "# vm-timeout: ${T_BOOT[$t]}"
		echo "# vm-bins: $THEIRS_BIN /lib/systemd/systemd-udevd /bin/udevadm /usr/bin/strace"
		echo "# vm-bins: $(echo /lib/multipath/*.so)"
		[ -n "${BENCH_PROFILE:-}" ] && [ -x /usr/bin/perf ] && echo "# vm-bins: /usr/bin/perf"
		echo "# vm-files: $stage/rules.d:/lib/udev/rules.d $stage/theirs-rules:/etc/bench/theirs-rules /lib/udev/kpartx_id:/lib/udev/kpartx_id"
		echo "# vm-files: $stage/etc/multipath.conf:/etc/multipath.conf $stage/etc/ours.conf:/etc/bench/ours.conf"
		echo "# vm-files: $stage/dmsetup:/sbin/dmsetup $HERE/vm-bench.sh:/bench/vm-bench.sh $BENCHRUN:/usr/bin/benchrun"
		echo "# vm-files: $HERE/vm-events.sh:/bench/vm-events.sh $ROOT/tests/vm/lib/glue.sh:/lib/glue.sh $stage/ours-rules:/etc/bench/ours-rules $stage/etc/theirs.conf:/etc/bench/theirs.conf"
		echo "# vm-files: $stage/ours-inst/lib/multipath/multipath.hotplug:/lib/multipath/multipath.hotplug"
		# multipathd's pthread_cancel dlopens libgcc_s (not in ldd's closure)
		echo "# vm-bins: /sbin/multipathd /usr/bin/flock /usr/bin/setsid"
		echo "# vm-files: $(readlink -f /lib/x86_64-linux-gnu/libgcc_s.so.1):/lib/x86_64-linux-gnu/libgcc_s.so.1"
		echo "# vm-files: $stage/etc/claim:/etc/bench/claim $BUILD/multipath_claim:/lib/udev/multipath_claim"
		echo ". /lib/vmtest.sh"
		echo ". /bench/vm-bench.sh"
		echo ". /bench/vm-events.sh"
		echo "B_TOPO=$t B_PATHS=${T_PATHS[$t]} B_PPL=${T_PPL[$t]} B_LUS=$((T_PATHS[$t] / T_PPL[$t])) B_HOSTS=${T_PPL[$t]}"
		echo "B_REPS=$([ "$t" = 2048 ] && echo "$REPS_2048" || echo "$REPS") B_STEP_TIMEOUT=${T_STEP[$t]} B_PROFILE=${BENCH_PROFILE:-}"
		echo "B_ORDER='${BENCH_EVENT_ORDER:-floor theirs ours}'"
		echo "$fn"
		echo "end_scenario"
	} > "$out"
	echo "$out"
}

# Other VMs on the host skew every absolute figure (the ratios less so): say so.
others=$(pgrep -c -x qemu-system-x86_64 2>/dev/null || true)
[ "${others:-0}" -gt 0 ] && echo "bench: warning: $others other qemu VM(s) running: timings will be noisy" >&2

# --- the VM runs -------------------------------------------------------------------------------
status=0
declare -A RESULT
# BENCH_REPORT_ONLY=1: no VM run, the report from the last runs' results (raw/bench-T.*).
[ -n "${BENCH_REPORT_ONLY:-}" ] && for t in $TOPOS; do
	RESULT[$t]=$(grep '^RESULT:' "$BDIR/raw/bench-$t.run" 2>/dev/null | tail -n1)
	grep -q ' PASS ' <<<"${RESULT[$t]}" || status=1
done
for t in $TOPOS; do
	[ -n "${BENCH_REPORT_ONLY:-}" ] && break
	sc=$(gen_scenario "$t")
	echo "bench: topology $t: booting the VM (${T_PATHS[$t]} paths; log build/vm/logs/bench-$t.log)"
	"$ROOT/tests/vm/run-scenario.sh" "$sc" > "$BDIR/raw/bench-$t.run" 2>&1
	rc=$?
	RESULT[$t]=$(grep '^RESULT:' "$BDIR/raw/bench-$t.run" | tail -n1)
	echo "  ${RESULT[$t]:-no result (see $BDIR/raw/bench-$t.run)}"
	grep -E '^  \[bench-[^]]*\] (FAIL|SKIP)' "$BDIR/raw/bench-$t.run" | head -n 20
	cp "$BUILD/vm/logs/bench-$t.results" "$BDIR/raw/bench-$t.results" 2>/dev/null
	[ $rc = 0 ] || status=1
done
for t in $TOPOS; do cat "$BDIR/raw/bench-$t.results" 2>/dev/null; done | sed -n 's/^NOTE: BENCH //p' > "$BDIR/raw.txt"

# --- core micro-benchmark -------------------------------------------------------------------------
core_rc=0
if [ -z "${BENCH_NO_CORE:-}" ]; then
	echo "bench: core micro-benchmark (10k, 100k, 1M synthetic paths)"
	"$BDIR/bench_core" -o "$BDIR/core.txt" > /dev/null
	core_rc=$?
fi

# --- footprint --------------------------------------------------------------------------------------
# closure FILE...: the files themselves plus every shared library ldd lists (and the ELF
# interpreter), symlinks resolved, each once.
closure() {
	local f
	for f in "$@"; do
		[ -e "$f" ] || continue
		readlink -f "$f"
		ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
			xargs -r readlink -f
	done | sort -u
}
bytes() { closure "$@" | xargs -r stat -c %s | awk '{ s += $1 } END { print s + 0 }'; }
ours_set=("$OURS_BIN")
for b in "${VM_KPARTX:-$BUILD/kpartx}" "${VM_DEVMAP_NAME:-$BUILD/devmap_name}"; do [ -x "$b" ] && ours_set+=("$b"); done
theirs_set=("$THEIRS_BIN" /sbin/kpartx /lib/multipath/*.so)
udev_set=(/lib/systemd/systemd-udevd /bin/udevadm /lib/udev/scsi_id)
fp_ours_mp=$(bytes "$OURS_BIN"); fp_theirs_mp=$(bytes "$THEIRS_BIN" /lib/multipath/*.so)
fp_ours=$(bytes "${ours_set[@]}"); fp_theirs=$(bytes "${theirs_set[@]}")
fp_udev=$(bytes "${udev_set[@]}"); fp_both=$(bytes "${theirs_set[@]}" "${udev_set[@]}")
fp_rules=$(cat "$stage"/rules.d/* "$stage"/theirs-rules/* | wc -c)

# --- the report -------------------------------------------------------------------------------------
kernel=$(vm_kernel 2>/dev/null)
commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)
[ -n "$(cd "$ROOT" && git status --porcelain 2>/dev/null | head -n1)" ] && commit="$commit (with uncommitted changes)"
theirs_ver=$(dpkg-query -W -f='${Version}' multipath-tools 2>/dev/null)
(
	echo "multipath benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit"
	echo "host: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
	echo "host load when the report was made: $(cut -d' ' -f1-3 /proc/loadavg) (other qemu VMs running at the start: $others)"
	echo "VM: $(qemu-system-x86_64 --version | head -n1), TCG (software emulation, no KVM), 2 vCPUs, kernel $(basename "$kernel")"
	echo "theirs: Debian multipath-tools $theirs_ver (find_multipaths no, round-robin 0); ours: find_multipaths greedy"
	echo "both: -p multibus; times are medians of $REPS cycles ($REPS_2048 at 2048 paths) of dry run, create, nothing to do, flush; one VM run per topology"
	echo "udev: one systemd-udevd for both, the system's storage rules; multipath-tools' own rules (60-multipath, 56-dm-mpath) only while it runs"
	echo "ratio = theirs / ours (higher is better for ours); 'ours no udev' is the initramfs case (no udevd, DM_DISABLE_UDEV=1)"
	echo
	awk -v topos="$TOPOS" -f "$HERE/report.awk" "$BDIR/raw.txt"
	report_rc=$?
	echo
	awk -v topos="$TOPOS" -f "$HERE/report-events.awk" "$BDIR/raw.txt" || report_rc=1
	echo
	echo "Footprint (bytes an initramfs must carry: binaries + shared-library closure, incl. libc):"
	printf '  %-44s %12s %12s %8s\n' "" ours theirs ratio
	printf '  %-44s %12d %12d %7.1fx\n' "multipath (+ theirs' checker/prio plug-ins)" "$fp_ours_mp" "$fp_theirs_mp" "$(echo "$fp_theirs_mp $fp_ours_mp" | awk '{ print $1 / $2 }')"
	printf '  %-44s %12d %12d %7.1fx\n' "multipath + kpartx (+ devmap_name ours)" "$fp_ours" "$fp_theirs" "$(echo "$fp_theirs $fp_ours" | awk '{ print $1 / $2 }')"
	printf '  %-44s %12s %12d\n' "udevd + udevadm + scsi_id closure (theirs needs)" "-" "$fp_udev"
	printf '  %-44s %12d %12d %7.1fx\n' "all of the above (+ $fp_rules bytes of rules)" "$fp_ours" "$((fp_both + fp_rules))" "$(echo "$((fp_both + fp_rules)) $fp_ours" | awk '{ print $1 / $2 }')"
	if [ -s "$BDIR/core.txt" ]; then
		echo
		cat "$BDIR/core.txt"
	fi
	echo
	echo "VM runs:"
	for t in $TOPOS; do echo "  ${RESULT[$t]:-$t: not run}"; done
	exit "$report_rc"
) > "$BDIR/results.txt"
report_rc=$?
cat "$BDIR/results.txt"
[ "$report_rc" = 0 ] || status=1
[ "$core_rc" = 0 ] || status=1
echo
echo "bench: table written to ${BDIR#"$ROOT"/}/results.txt"
exit $status
