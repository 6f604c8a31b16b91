# shellcheck shell=sh
# vmtest.sh (/lib/vmtest.sh in the VM) — the in-VM test library (busybox sh). A scenario starts with
#     . /lib/vmtest.sh
# records results with pass/fail/check/expect_*, and finishes with end_scenario, which prints
# the closing line "N passed, N failed" and exits 0 iff nothing failed (and something passed).
# Result lines go to stdout (the console, ttyS0) and to fd 9 (ttyS1, parsed by the host).

VMT_PASSED=0
VMT_FAILED=0
VMT_SKIPPED=0
# The facts the host wrote for this boot (VMT_NAME, VMT_DISKn_*, what vm-disk-prep exported...).
[ -r /etc/vmtest.conf ] && . /etc/vmtest.conf

# busybox sh runs its own applet for a command name that is one (prefer-applets), whatever
# PATH says; these functions make the real tools win where the initramfs has them.
for _t in /usr/sbin/mke2fs /usr/sbin/fdisk /usr/sbin/losetup; do
	[ -x "$_t" ] && eval "${_t##*/}() { $_t \"\$@\"; }"
done

# vmt_result LINE: print LINE on the console and on the results channel.
vmt_result() {
	echo "$*"
	{ echo "$*" >&9; } 2>/dev/null
}

# --- results ---------------------------------------------------------------------------
pass() { VMT_PASSED=$((VMT_PASSED + 1)); vmt_result "PASS: $1"; }
# fail NAME MSG...
fail() {
	_n=$1; shift
	VMT_FAILED=$((VMT_FAILED + 1))
	vmt_result "FAIL: $_n: $*"
}
# skip NAME WHY...: not a pass; counted and shown separately.
skip() {
	_n=$1; shift
	VMT_SKIPPED=$((VMT_SKIPPED + 1))
	vmt_result "SKIP: $_n: $*"
}
# note MSG: an informational line on the results channel too (e.g. a measured value).
note() { vmt_result "NOTE: $*"; }
# step TITLE: a heading on the console only.
step() { echo; echo "=== $*"; }

# check NAME CMD...: pass iff CMD exits 0; on failure its output (last 20 lines) is shown.
check() {
	_n=$1; shift
	_o=$("$@" 2>&1)
	_rc=$?
	if [ $_rc -eq 0 ]; then pass "$_n"; return 0; fi
	echo "$_o" | tail -n 20 | sed 's/^/    | /'
	fail "$_n" "'$*' exited $_rc"
	return 1
}
# check_rc NAME WANT CMD...: pass iff CMD exits with status WANT.
check_rc() {
	_n=$1 _want=$2; shift 2
	_o=$("$@" 2>&1)
	_rc=$?
	if [ "$_rc" -eq "$_want" ]; then pass "$_n"; return 0; fi
	echo "$_o" | tail -n 20 | sed 's/^/    | /'
	fail "$_n" "'$*' exited $_rc, want $_want"
	return 1
}
# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; return 0; fi
	fail "$1" "got '$(printf %s "$2" | tr '\n' '|')', want '$(printf %s "$3" | tr '\n' '|')'"
	return 1
}
# expect_ne NAME GOT UNWANTED
expect_ne() {
	if [ "$2" != "$3" ]; then pass "$1"; return 0; fi
	fail "$1" "got '$(printf %s "$2" | tr '\n' '|')', which it must not be"
	return 1
}
# expect_match NAME GOT ERE: GOT (one string, may span lines) matches the extended regex.
expect_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then pass "$1"; return 0; fi
	fail "$1" "'$(printf %s "$2" | tr '\n' '|')' does not match /$3/"
	return 1
}
# expect_empty NAME GOT
expect_empty() {
	if [ -z "$2" ]; then pass "$1"; return 0; fi
	fail "$1" "expected no output, got '$(printf %s "$2" | tr '\n' '|')'"
	return 1
}

# end_scenario: closing summary line, then exit (0 iff no failure and at least one pass).
end_scenario() {
	[ "$VMT_SKIPPED" -eq 0 ] || vmt_result "SKIPPED: $VMT_SKIPPED"
	vmt_result "$VMT_PASSED passed, $VMT_FAILED failed"
	[ "$VMT_FAILED" -eq 0 ] && [ "$VMT_PASSED" -gt 0 ] && exit 0
	exit 1
}

# need_multipath: our multipath binary must be in the VM, or the scenario ends here, failed.
need_multipath() {
	command -v multipath >/dev/null && [ "$(command -v multipath)" = /usr/local/sbin/multipath ] && return 0
	fail "multipath binary" "not in the VM: build/multipath was not built (make all)"
	end_scenario
}

# run CMD...: echo the command, run it with its output on the console; returns its status.
run() {
	echo "+ $*"
	"$@"
}

# capture VAR CMD...: run CMD (echoed), show its stdout+stderr, store stdout in VAR and the
# exit status in VMT_RC. Lets a scenario assert on both the output and the status.
capture() {
	_var=$1; shift
	echo "+ $*"
	_o=$("$@" 2>/tmp/.vmt_err)
	VMT_RC=$?
	[ -z "$_o" ] || printf '%s\n' "$_o" | sed 's/^/    /'
	[ -s /tmp/.vmt_err ] && sed 's/^/    stderr: /' /tmp/.vmt_err
	VMT_STDERR=$(cat /tmp/.vmt_err)
	eval "$_var=\$_o"
	echo "    (exit $VMT_RC)"
	return 0
}

# --- kernel modules --------------------------------------------------------------------
# vm_modprobe NAME [PARAMS...]: insmod NAME's deps (in order) then NAME with PARAMS, skipping
# modules already loaded. The order comes from /lib/modules/vmtest*.dep (built on the host).
vm_modprobe() {
	_m=$(echo "$1" | tr - _); shift
	_kos=$(cat /lib/modules/vmtest*.dep 2>/dev/null | awk -v m="$_m" '$1 == m { $1 = ""; print; exit }')
	if [ -z "$_kos" ]; then
		echo "vm_modprobe: module $_m is not in the initramfs (add it to '# vm-modules:')" >&2
		return 1
	fi
	_last=$(echo $_kos | awk '{ print $NF }')
	for _ko in $_kos; do
		# already loaded (a dependency of an earlier module, or loaded by the scenario)
		[ -d "/sys/module/$(basename "$_ko" .ko | tr - _)" ] && continue
		if [ "$_ko" = "$_last" ]; then
			insmod "$_ko" "$@" || { echo "vm_modprobe: insmod $_ko $* failed" >&2; return 1; }
		else
			insmod "$_ko" || { echo "vm_modprobe: insmod $_ko failed" >&2; return 1; }
		fi
	done
	return 0
}

# --- SCSI devices ------------------------------------------------------------------------
# sd_hctl sdX: "H C T L" of a SCSI disk.
sd_hctl() {
	basename "$(readlink "/sys/block/$1/device")" | tr : ' '
}
# sd_list: every sd disk, sorted by H:C:T:L (numerically).
# lu_list: the distinct WWIDs (scsi_id) of the sd disks, in multipath's scan order (kernel
# names shortest first, then alphabetical: sda..sdz, sdaa..). sd names follow the kernel's
# asynchronous scan, so "the LU of sdb" is not a fixed thing: use this and sd_of_wwid.
lu_list() {
	for _b in $(ls /sys/block | grep '^sd' | awk '{ print length($0), $0 }' | sort -n | cut -d' ' -f2); do
		scsi_wwid "$_b"
	done | awk '!seen[$0]++'
}
# sd_of_wwid WWID: its first path in scan order.
sd_of_wwid() {
	for _b in $(ls /sys/block | grep '^sd' | awk '{ print length($0), $0 }' | sort -n | cut -d' ' -f2); do
		[ "$(scsi_wwid "$_b")" = "$1" ] && { echo "$_b"; return 0; }
	done
	return 1
}
sd_list() {
	for _d in /sys/block/sd*; do
		[ -e "$_d" ] || continue
		_b=${_d##*/}
		echo "$(sd_hctl "$_b") $_b"
	done | sort -n -k1,1 -k2,2 -k3,3 -k4,4 | awk '{ print $5 }'
}
# sd_of_host H: sd disks on SCSI host number H.
sd_of_host() {
	for _s in $(sd_list); do
		[ "$(sd_hctl "$_s" | cut -d' ' -f1)" = "$1" ] && echo "$_s"
	done
	return 0
}
# scsi_hosts DRIVER: SCSI host numbers whose driver (proc_name) is DRIVER, e.g. scsi_debug, virtio_scsi.
scsi_hosts() {
	for _h in /sys/class/scsi_host/host*; do
		[ "$(cat "$_h/proc_name" 2>/dev/null)" = "$1" ] && echo "${_h##*/host}"
	done | sort -n
}
# sd_of_driver DRIVER: sd disks behind hosts of that driver.
sd_of_driver() {
	for _h in $(scsi_hosts "$1"); do sd_of_host "$_h"; done
}
# wait_for_devs N [SECS]: wait until at least N sd disks exist with their /dev nodes (default 30 s).
wait_for_devs() {
	_want=$1 _secs=${2:-30} _i=0
	while :; do
		_n=0
		for _s in $(sd_list); do [ -b "/dev/$_s" ] && _n=$((_n + 1)); done
		[ "$_n" -ge "$_want" ] && return 0
		[ "$_i" -ge $((_secs * 10)) ] && { echo "wait_for_devs: only $_n of $_want sd disks after ${_secs}s" >&2; return 1; }
		usleep 100000
		_i=$((_i + 1))
	done
}
# scsi_wwid sdX: udev's ID_SERIAL for the disk — the oracle our WWIDs must equal.
scsi_wwid() { /lib/udev/scsi_id --whitelisted --device="/dev/$1"; }
# devt sdX|dm-N: "major:minor".
devt() { cat "/sys/block/$1/dev"; }
# sd_by_devt MAJ:MIN: the sd name with that dev_t.
sd_by_devt() {
	for _d in /sys/block/*; do [ "$(cat "$_d/dev")" = "$1" ] && { echo "${_d##*/}"; return 0; }; done
	return 1
}
# set_path_state sdX running|offline
set_path_state() { echo "$2" > "/sys/block/$1/device/state"; }

# --- device-mapper -------------------------------------------------------------------------
# dm_names: names of all DM maps, sorted.
dm_names() {
	for _d in /sys/block/dm-*; do [ -e "$_d/dm/name" ] && cat "$_d/dm/name"; done | sort
}
# dm_of NAME: the dm-N kernel name of a map ("" if none).
dm_of() {
	for _d in /sys/block/dm-*; do
		[ -e "$_d/dm/name" ] && [ "$(cat "$_d/dm/name")" = "$1" ] && { echo "${_d##*/}"; return 0; }
	done
	return 1
}
# dm_slaves NAME: the map's slave devices (sdX...), sorted.
dm_slaves() {
	_dm=$(dm_of "$1") || return 1
	ls "/sys/block/$_dm/slaves" | sort
}
# dm_uuid NAME / dm_devt NAME / dm_table NAME / dm_status NAME
dm_uuid() { _dm=$(dm_of "$1") && cat "/sys/block/$_dm/dm/uuid"; }
dm_devt() { _dm=$(dm_of "$1") && cat "/sys/block/$_dm/dev"; }
dm_table() { dmsetup table "$1"; }
dm_status() { dmsetup status "$1"; }
# dm_holder sdX: the name of the map holding a disk ("" if none).
dm_holder() {
	for _h in "/sys/block/$1/holders/"*; do
		[ -e "$_h/dm/name" ] && cat "$_h/dm/name"
	done
}
# dm_remove_all: remove every map (retrying while some are still held by others), then
# fail if any is left.
dm_remove_all() {
	for _try in 1 2 3 4 5; do
		[ -z "$(dm_names)" ] && return 0
		for _n in $(dm_names); do dmsetup remove "$_n" 2>/dev/null; done
	done
	[ -z "$(dm_names)" ] || { echo "dm_remove_all: left: $(dm_names | tr '\n' ' ')" >&2; return 1; }
}

# mp_groups TABLE-LINE-OR-PARAMS: the path groups of a multipath table as
# "dev,dev|dev,dev" (groups separated by '|', paths in table order). Accepts a full
# "start len multipath ..." line or only the params. Prints "ERROR: ..." on a malformed table.
mp_groups() {
	echo "$*" | awk '{
		i = 1
		if ($3 == "multipath") i = 4
		n = $i; i += n + 1              # features
		n = $i; i += n + 1              # hw handler
		npg = $i; i++
		i++                             # initial PG
		out = ""
		for (g = 0; g < npg; g++) {
			if (i > NF) { print "ERROR: truncated at group " g + 1; exit }
			i++                     # selector name
			n = $i; i += n + 1      # selector args
			np = $i; i++
			na = $i; i++
			grp = ""
			for (p = 0; p < np; p++) {
				grp = grp (p ? "," : "") $i
				i += 1 + na
			}
			out = out (g ? "|" : "") grp
		}
		if (i <= NF) { print "ERROR: trailing words: " $i; exit }
		print out
	}'
}
# mp_shape NAME: the live table's groups normalised for comparison: paths sorted inside each
# group, groups sorted — e.g. "8:0,8:32" (one group of 2) or "8:0|8:32" (two groups of 1).
mp_shape() {
	mp_groups "$(dmsetup table "$1")" | tr '|' '\n' |
		while read -r _g; do echo "$_g" | tr , '\n' | sort | paste -sd, -; done | sort | paste -sd'|' -
}
# devts_of sdX...: "maj:min" of each, one per line, sorted (to build expected shapes).
devts_of() { for _s in "$@"; do devt "$_s"; done | sort; }
