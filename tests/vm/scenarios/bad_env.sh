#!/bin/sh
# bad_env: multipath where it cannot do its job says what is wrong, exits with the documented
# status and changes nothing (no map created, reloaded or removed, no state file written):
#   no SCSI disk at all        nothing to do: exit 0, no output, no map (also -l, -ll, -F)
#   every path offline         no map; each path and the LU are reported; exit 0
#   not root (uid 65534)       exit 2, "must be run as root", for the run, -d, -l, -ll, -f, -F;
#                              -t needs no root; kpartx exit 1 (cannot open); devmap_name exit 2
#   no dm-multipath target     exit 2, names dm-multipath (run, -l, -f, -F); -d still plans;
#                              once the module is back the same run creates the map
#   no device-mapper at all    exit 2, "device-mapper is not available"
#   sysfs not mounted          exit 2, "sysfs is not mounted" (private mount namespace, SYSFS_PATH)
#   sysfs attributes missing   a copy of the paths' sysfs (SYSFS_PATH) without state, size or dev,
#   or garbage                 or with garbage in them: no crash, no map, the path is reported
# vm-bins: /usr/bin/setpriv
. /lib/vmtest.sh
need_multipath
NPR=/etc/multipath
# snapshot: everything a run could change — maps and their tables, the state files.
snapshot() {
	dmsetup table 2>&1
	ls -l $NPR 2>&1
	cat $NPR/* 2>/dev/null
}
maps() { dm_names | paste -sd' ' -; }
# nobody CMD...: run CMD as uid/gid 65534 with no supplementary groups (busybox has no such applet).
nobody() { /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

step "no SCSI disk at all"
expect_empty "no sd disk" "$(sd_list)"
for args in "" "-l" "-ll" "-F"; do
	capture out multipath $args
	expect_eq "multipath $args: exit 0 (nothing to do)" "$VMT_RC" 0
	expect_empty "multipath $args: nothing on stdout" "$out"
	[ -z "$args" ] && expect_match "multipath: says there is nothing" "$VMT_STDERR" "no SCSI disks found"
done
capture out multipath -f nosuchmap
expect_eq "-f nosuchmap: exit 2" "$VMT_RC" 2
expect_match "-f nosuchmap: says so" "$VMT_STDERR" "nosuchmap: not a multipath map"
expect_empty "no map" "$(maps)"

check "load scsi_debug (1 LU, 2 paths)" vm_modprobe scsi_debug vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=1
check "2 sd paths appear" wait_for_devs 2 || end_scenario
set -- $(sd_list)
PA=$1 PB=$2
W=$(scsi_wwid $PA)

step "every path offline"
set_path_state $PA offline
set_path_state $PB offline
before=$(snapshot)
capture out multipath
expect_eq "exit 0" "$VMT_RC" 0
expect_match "reports $PA" "$VMT_STDERR" "^$PA: device state is offline \\(left out\\)\$"
expect_match "reports $PB" "$VMT_STDERR" "^$PB: device state is offline \\(left out\\)\$"
expect_match "reports the LU" "$VMT_STDERR" "^$W: no usable path"
expect_eq "nothing changed" "$(snapshot)" "$before"
set_path_state $PA running
set_path_state $PB running

step "not root"
capture out multipath
expect_eq "as root: map created" "$VMT_RC $(maps)" "0 $W"
before=$(snapshot)
for args in "" "-d" "-l" "-ll" "-f $W" "-F" "$PA"; do
	capture out nobody multipath $args
	expect_eq "uid 65534: multipath $args: exit 2" "$VMT_RC" 2
	expect_match "uid 65534: multipath $args: says why" "$VMT_STDERR" "^multipath: must be run as root"
done
capture out nobody multipath -t
expect_eq "uid 65534: -t: exit 0 (needs no root)" "$VMT_RC" 0
expect_match "uid 65534: -t prints the configuration" "$out" "^defaults \\{"
capture out nobody kpartx -l /dev/mapper/$W
expect_eq "uid 65534: kpartx -l: exit 1 (cannot open)" "$VMT_RC" 1
expect_match "uid 65534: kpartx -l: says why" "$VMT_STDERR" "Permission denied"
capture out nobody kpartx -d /dev/mapper/$W
expect_eq "uid 65534: kpartx -d: exit 1 (cannot open)" "$VMT_RC" 1
capture out nobody devmap_name $(dm_devt $W | tr : ' ')
expect_eq "uid 65534: devmap_name: exit 2 (device-mapper cannot be queried)" "$VMT_RC" 2
note "devmap_name as uid 65534 says: $VMT_STDERR"
expect_eq "nothing changed" "$(snapshot)" "$before"

step "the dm-multipath target is not loaded"
check "remove the map" dm_remove_all
check "unload dm-round-robin" rmmod dm_round_robin
check "unload dm-service-time" rmmod dm_service_time
check "unload dm-multipath" rmmod dm_multipath
before=$(snapshot)
for args in "" "-l" "-ll" "-f $W" "-F"; do
	capture out multipath $args
	expect_eq "no target: multipath $args: exit 2" "$VMT_RC" 2
	expect_match "no target: multipath $args: names it" "$VMT_STDERR" "dm-multipath kernel target is not loaded"
done
capture out multipath -d
expect_eq "no target: -d still plans: exit 0" "$VMT_RC" 0
expect_match "no target: -d prints the plan" "$out" "^\\(dry run\\) create: $W "
expect_eq "nothing changed" "$(snapshot)" "$before"

step "no device-mapper at all"
if rmmod dm_mod; then
	capture out multipath
	expect_eq "no device-mapper: exit 2" "$VMT_RC" 2
	expect_match "no device-mapper: says so" "$VMT_STDERR" "^multipath: device-mapper is not available"
	capture out multipath -l
	expect_eq "no device-mapper: -l: exit 2" "$VMT_RC" 2
	check "load dm-mod again" vm_modprobe dm-mod
else
	skip "no device-mapper" "dm_mod cannot be unloaded"
fi
check "load dm-multipath again" vm_modprobe dm-multipath
check "load dm-round-robin again" vm_modprobe dm-round-robin
check "load dm-service-time again" vm_modprobe dm-service-time
capture out multipath
expect_eq "with the target back: map created" "$VMT_RC $(maps)" "0 $W"
check "remove it" dm_remove_all

step "sysfs not mounted"
before=$(snapshot)
capture out unshare -m sh -c 'umount /sys && exec multipath'
expect_eq "sysfs unmounted: exit 2" "$VMT_RC" 2
expect_match "sysfs unmounted: says so" "$VMT_STDERR" "^multipath: sysfs scan failed: sysfs is not mounted"
capture out unshare -m sh -c 'umount /sys && exec multipath -ll'
expect_eq "sysfs unmounted: -ll: exit 2" "$VMT_RC" 2
capture out env SYSFS_PATH=/nonexistent multipath
expect_eq "SYSFS_PATH=/nonexistent: exit 2" "$VMT_RC" 2
expect_match "SYSFS_PATH=/nonexistent: says so" "$VMT_STDERR" "sysfs is not mounted"
expect_eq "nothing changed" "$(snapshot)" "$before"

step "sysfs attributes missing or garbage"
# fake_sysfs DIR: block/sdX/{dev,size,device} for both paths, device -> devices/H:C:T:L holding
# vendor, model, rev, state copied from the real sysfs.
fake_sysfs() {
	rm -rf "$1"
	for s in $PA $PB; do
		hctl=$(basename "$(readlink /sys/block/$s/device)")
		mkdir -p "$1/devices/$hctl" "$1/block/$s"
		for a in vendor model rev state; do cat /sys/block/$s/device/$a > "$1/devices/$hctl/$a"; done
		for a in dev size; do cat /sys/block/$s/$a > "$1/block/$s/$a"; done
		ln -s "../../devices/$hctl" "$1/block/$s/device"
	done
}
F=/tmp/fsys
fake_sysfs $F
capture out env SYSFS_PATH=$F multipath
expect_eq "the complete copy works: map created" "$VMT_RC $(maps)" "0 $W"
check "remove it" dm_remove_all
before=$(snapshot)
# case NAME SETUP: a fresh copy, SETUP applied, one run; no crash, no map.
fake_case() {
	fake_sysfs $F
	eval "$2"
	capture out env SYSFS_PATH=$F multipath
	expect_match "$1: no crash (exit $VMT_RC)" "$VMT_RC" '^[0-2]$'
	expect_eq "$1: nothing changed" "$(snapshot)" "$before"
	note "$1: exit $VMT_RC, stderr: $(printf %s "$VMT_STDERR" | tr '\n' '|')"
}
fake_case "no device/state" 'for s in $PA $PB; do rm $F/block/$s/device/state; done'
expect_match "no device/state: the paths are reported" "$VMT_STDERR" "^$PA: device state is unknown"
fake_case "no size" 'for s in $PA $PB; do rm $F/block/$s/size; done'
expect_match "no size: the LU is reported" "$VMT_STDERR" "^multipath: $W: size 0"
fake_case "no dev" 'for s in $PA $PB; do rm $F/block/$s/dev; done'
fake_case "no device link" 'for s in $PA $PB; do rm $F/block/$s/device; done'
fake_case "garbage" 'for s in $PA $PB; do
	echo banana > $F/block/$s/dev; echo -12 > $F/block/$s/size; : > $F/block/$s/device/state
	head -c 300 /dev/urandom > $F/block/$s/device/vendor; done'
fake_case "garbage hctl" 'for s in $PA $PB; do
	mkdir -p $F/devices/junk:x; rm $F/block/$s/device; ln -s ../../devices/junk:x $F/block/$s/device; done'
end_scenario
