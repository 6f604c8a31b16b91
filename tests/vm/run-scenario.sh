#!/bin/bash
# run-scenario.sh — boot one VM scenario and judge it.
#
#   tests/vm/run-scenario.sh [--show] SCENARIO.sh
#
# Builds the initramfs (mkinitramfs.sh), creates the disk images the scenario's vm-disk
# directives ask for (running any vm-disk-prep host script on them), boots qemu (software
# emulation) with a hard timeout, saves the console to build/vm/logs/<name>.log and the
# result lines to build/vm/logs/<name>.results, prints the result lines, and exits 0 iff the
# scenario reached its end marker, printed its "N passed, N failed" line, and had no failure.
# --show streams the VM console while it runs (used by make demo-vm).
# Each run works in its own directory (build/vm/run/<name>.XXXXXX: initramfs, disk images,
# console) and only publishes the finished log, results and summary into build/vm/logs/, so
# runs of the same scenario from several sessions at once do not disturb each other.
# Environment: VM_TIMEOUT (seconds, overrides vm-timeout), VM_TIMEOUT_SCALE (multiplies it),
# VM_KERNEL, BUILD, VM_KEEP=1 (keep the work directory, e.g. to inspect the disk images), VM_SUMMARY (also copy the summary there).
set -uo pipefail
# The whole script is one block: bash parses it before running, so editing this file while
# a run is in progress cannot break that run.
{

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(realpath -m "${BUILD:-$ROOT/build}")
VMDIR=$BUILD/vm
. "$HERE/lib/host.sh"

show=0
[ "${1:-}" = "--show" ] && { show=1; shift; }
[ $# -eq 1 ] || { echo "usage: $0 [--show] SCENARIO.sh" >&2; exit 1; }
scenario=$1
[ -f "$scenario" ] || { echo "run-scenario: $scenario: no such file" >&2; exit 1; }
name=$(basename "$scenario" .sh)
logdir=$VMDIR/logs
log=$logdir/$name.log
mkdir -p "$logdir" "$VMDIR/run"
work=$(mktemp -d "$VMDIR/run/$name.XXXXXX")
diskdir=$work/disks
wlog=$work/console.log
wres=$work/results
mkdir -p "$diskdir"
start=$(date +%s)
# Interrupted: stop this run's VM and drop its work directory.
trap '[ -z "${qpid:-}" ] || kill "$qpid" 2>/dev/null; rm -rf "$work"; exit 130' INT TERM

die() { echo "run-scenario: $name: $*" | tee -a "$wlog" >&2; finish FAIL "$*"; }
# finish STATUS [WHY]: publish log, results and summary (STATUS NAME PASSED FAILED SECONDS,
# read by run-all.sh) into build/vm/logs/, print the verdict, remove the work directory.
finish() {
	local secs=$(( $(date +%s) - start ))
	echo "$1 $name ${passed:-0} ${failed:-0} $secs" > "$work/summary"
	[ -z "${VM_SUMMARY:-}" ] || cp "$work/summary" "$VM_SUMMARY"
	touch "$wlog" "$wres"
	mv -f "$wlog" "$log"
	mv -f "$wres" "$logdir/$name.results"
	mv -f "$work/summary" "$logdir/$name.summary"
	if [ "${VM_KEEP:-0}" = 1 ]; then echo "run-scenario: $name: work directory kept: $work"; else rm -rf "$work"; fi
	echo "RESULT: $name ${1}${2:+ ($2)} in ${secs}s — log: ${log#"$ROOT"/}"
	[ "$1" = PASS ] && exit 0
	exit 1
}

timeout_s=${VM_TIMEOUT:-$(vm_directive vm-timeout "$scenario" | tail -n1)}
timeout_s=${timeout_s:-300}
# VM_TIMEOUT_SCALE (run-all sets it when VMs share the CPUs): a loaded host runs TCG slower.
timeout_s=$(( timeout_s * ${VM_TIMEOUT_SCALE:-1} ))
mem=$(vm_directive vm-mem "$scenario" | tail -n1); mem=${mem:-1024}
smp=$(vm_directive vm-smp "$scenario" | tail -n1); smp=${smp:-1}
append="console=ttyS0 panic=-1 loglevel=4 $(vm_directive vm-append "$scenario" | tr '\n' ' ')"

# --- disks: each vm-disk is one LU on one (single) or two (dual) virtio-scsi controllers ------
conf=$work/vmtest.conf
: > "$conf"
qdisks=() ndisks=0 need_b=0 lastimg=""
while read -r key val; do
	case $key in
	vm-disk)
		read -r kind size extra <<<"$val"
		case $kind in single | dual) ;; *) die "vm-disk: kind '$kind' is not single or dual" ;; esac
		bytes=$(vm_size_bytes "${size:-}") || die "vm-disk: bad size '${size:-}'"
		ndisks=$((ndisks + 1))
		img=$diskdir/disk$ndisks.img
		truncate -s "$bytes" "$img" || die "cannot create $img"
		lastimg=$img
		# One WWN per disk (the NAA designator in VPD 0x83); udev's ID_SERIAL is "3" + its hex.
		wwn=$(printf '0x5000c50015ea%04x' $((0x71ac + ndisks - 1)))
		props=""
		for kv in $extra; do
			case $kv in wwn=*) wwn=${kv#wwn=} ;; *=*) props="$props,$kv" ;; *) die "vm-disk: '$kv' is not key=value" ;; esac
		done
		serials="CTRLA"
		[ "$kind" = dual ] && { serials="CTRLA CTRLB"; need_b=1; }
		for ctl in $serials; do
			bus=scsi0; [ "$ctl" = CTRLB ] && bus=scsi1
			id=d${ndisks}${ctl#CTRL}
			qdisks+=(-drive "file=$img,if=none,id=$id,format=raw,file.locking=off"
				-device "scsi-hd,bus=$bus.0,channel=0,scsi-id=$((ndisks - 1)),lun=0,drive=$id,wwn=$wwn,serial=$ctl,share-rw=on$props")
		done
		{
			echo "VMT_DISK${ndisks}_KIND=$kind"
			echo "VMT_DISK${ndisks}_BYTES=$bytes"
			echo "VMT_DISK${ndisks}_WWN=$wwn"
			echo "VMT_DISK${ndisks}_WWID=3${wwn#0x}"
			echo "VMT_DISK${ndisks}_SERIALS='$serials'"
		} >> "$conf"
		;;
	vm-disk-prep)
		[ -n "$lastimg" ] || die "vm-disk-prep needs a vm-disk line above it"
		read -r script args <<<"$val"
		case $script in /*) ;; *) script=$ROOT/$script ;; esac
		[ -f "$script" ] || die "vm-disk-prep: $script: no such file"
		env=$lastimg.env
		: > "$env"
		echo "run-scenario: $name: preparing disk$ndisks with ${script#"$ROOT"/}"
		(cd "$ROOT" && VMT_DISK_INDEX=$ndisks VMT_DISK_ENV=$env bash "$script" "$lastimg" $args) ||
			die "vm-disk-prep ${script#"$ROOT"/} failed on $lastimg"
		cat "$env" >> "$conf"
		;;
	esac
done < <(vm_directives "$scenario")
echo "VMT_DISKS=$ndisks" >> "$conf"
qctl=()
if [ "$ndisks" -gt 0 ]; then
	qctl+=(-device "virtio-scsi-pci,id=scsi0")
	[ "$need_b" = 1 ] && qctl+=(-device "virtio-scsi-pci,id=scsi1")
fi

initrd=$work/initrd.cpio.gz
"$HERE/mkinitramfs.sh" -o "$initrd" -c "$conf" "$scenario" >/dev/null || die "initramfs build failed"
kernel=$(vm_kernel) || die "no kernel"
# vm-initrd: a host script makes the initramfs that boots instead (e.g. Debian's mkinitramfs
# with our hook, root= on a disk); it gets the harness initramfs above, to install as the
# disk's root file system, the disk images and their facts: bash SCRIPT OUT [ARGS].
boot_initrd=$initrd
spec=$(vm_directive vm-initrd "$scenario" | tail -n1)
if [ -n "$spec" ]; then
	read -r script args <<<"$spec"
	case $script in /*) ;; *) script=$ROOT/$script ;; esac
	[ -f "$script" ] || die "vm-initrd: $script: no such file"
	boot_initrd=$work/boot.img
	echo "run-scenario: $name: making the boot initramfs with ${script#"$ROOT"/}"
	# shellcheck disable=SC2086
	(cd "$ROOT" && BUILD=$BUILD VMT_KERNEL=$kernel VMT_HARNESS_INITRD=$initrd VMT_DISK_DIR=$diskdir VMT_CONF=$conf \
		bash "$script" "$boot_initrd" $args) || die "vm-initrd ${script#"$ROOT"/} failed"
fi

# --- boot --------------------------------------------------------------------------------
# ttyS0 = console (log), ttyS1 = results channel. No KVM here: software emulation (tcg).
timeout -k 10 "$timeout_s" qemu-system-x86_64 -accel tcg -nodefaults -no-user-config \
	-display none -no-reboot -m "$mem" -smp "$smp" \
	-kernel "$kernel" -initrd "$boot_initrd" -append "$append" \
	-serial "file:$wlog" -serial "file:$wres" \
	"${qctl[@]}" "${qdisks[@]}" > "$work/qemu.err" 2>&1 &
qpid=$!
if [ $show = 1 ]; then
	# Stream the console (strip the serial line's \r) until qemu is gone.
	while [ ! -e "$wlog" ] && kill -0 $qpid 2>/dev/null; do sleep 0.1; done
	# The kernel log dumped at the end stays in the log file only.
	tail -n +1 -f --pid=$qpid "$wlog" 2>/dev/null | tr -d '\r' | awk '/^=== vmtest: kernel log/ { stop = 1 } !stop { print; fflush() }' &
	tpid=$!
fi
wait $qpid
qrc=$?
[ $show = 1 ] && wait "$tpid" 2>/dev/null
sed -i 's/\r$//' "$wlog" "$wres" 2>/dev/null
# qemu's own messages (e.g. warnings) go to the end of the log, marked.
if [ -s "$work/qemu.err" ]; then sed 's/^/qemu: /' "$work/qemu.err" >> "$wlog"; fi

# --- judge ----------------------------------------------------------------------------
[ $show = 1 ] || grep -v '^VMTEST-END' "$wres" 2>/dev/null | sed "s/^/  [$name] /"
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$wres" 2>/dev/null | tail -n1)
passed=$(echo "$summary" | awk '{ print $1 }')
failed=$(echo "$summary" | awk '{ print $3 }')
fails=$(grep -c "^FAIL: " "$wres" 2>/dev/null); fails=${fails:-0}
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	failed=$(( ${failed:-0} + 1 ))
	finish FAIL "timed out after ${timeout_s}s"
fi
grep -q '^VMTEST-END: ' "$wres" 2>/dev/null || { failed=$(( ${failed:-0} + 1 )); finish FAIL "no end marker (VM crashed? qemu exit $qrc)"; }
[ -n "$summary" ] || { failed=$(( fails > 0 ? fails : 1 )); passed=0; finish FAIL "no 'N passed, N failed' line (scenario died before end_scenario?)"; }
[ "$failed" -eq 0 ] && [ "$fails" -eq 0 ] || finish FAIL "$failed failed"
[ "$passed" -gt 0 ] || { failed=1; finish FAIL "nothing passed"; }
finish PASS
exit
}
