#!/bin/sh
# hotplug: the glue without udev. Kernel events run our hotplug-dispatch, which runs
# /etc/hotplug.d/{block,scsi}/multipath.hotplug (the layout "make install" makes). This
# kernel has no uevent helper (CONFIG_UEVENT_HELPER unset), so busybox "uevent" listens on the
# netlink socket and starts the dispatcher for each event in the background, as the kernel's
# helper would: events run concurrently and take turns through multipath's run lock.
# Coldplug add events (echo add > uevent) create the maps of a scsi_debug SAN (2 hosts x 2 LUs)
# and, from the maps' own events, their partition maps (kpartx); a host added at run time
# (scsi_debug add_host) brings a path per LU that joins its map by a reload (same dev_t); a
# deleted path leaves its map and rejoins after a rescan; removing the host drops its paths
# and the maps stay. A reader does O_DIRECT I/O through every map and partition map all along:
# no error. Then all paths of one LU go (its map stays, its table keeps the last one) and come
# back under new names, replacing the dead ones. Every handler action is in the kernel log,
# none at error level.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/hotplug/hotplug-dispatch:/lib/multipath/hotplug-dispatch
# vm-bins: /usr/bin/flock
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
SDBG=/sys/bus/pseudo/drivers/scsi_debug

check "4 sd paths appear" wait_for_devs 4 || end_scenario
glue_install
# One partition; the LUs share scsi_debug's store, so every LU shows it.
printf 'label: dos\nstart=2048, size=8192, type=83\n' | sfdisk -q --no-reread "/dev/$(sd_list | head -n1)"
lu_oracle
cat /tmp/oracle
set -- $(lu_wwids)
A=$1 B=$2
expect_eq "2 LUs with 2 paths each" "$(lu_wwids | wc -l)" 2

step "events -> hotplug-dispatch; coldplug add events"
uevent sh -c '/lib/multipath/hotplug-dispatch "$SUBSYSTEM" &' &
UEVENT_PID=$!
usleep 300000
t0=$(date +%s)
for s in $(sd_list); do echo add > "/sys/block/$s/uevent"; done
check "maps for both LUs, each with its 2 paths" wait_until 60 maps_right || { maps_right; end_scenario; }
check "partition maps on both (kpartx from the maps' events)" wait_until 60 parts_right || { parts_right; end_scenario; }
glue_idle 60
note "coldplug took $(( $(date +%s) - t0 ))s"
run dmsetup table
maps_right > /tmp/why || fail "maps after coldplug" "$(cat /tmp/why)"
expect_eq "partition map of $A: UUID" "$(dm_uuid "$A-part1")" "part1-mpath-$A"
devt_a=$(dm_devt "$A") devt_b=$(dm_devt "$B") devt_pa=$(dm_devt "$A-part1")
reader_start "/dev/mapper/$A" "/dev/mapper/$B" "/dev/mapper/$A-part1" "/dev/mapper/$B-part1"

step "add_host: a third path per LU"
echo 1 > $SDBG/add_host
check "6 sd paths" wait_for_devs 6
lu_oracle
check "the new paths joined their maps" wait_until 60 maps_right
glue_idle 60
maps_right > /tmp/why || fail "maps after add_host" "$(cat /tmp/why)"
expect_eq "$A: 3 paths" "$(map_paths "$A" | wc -w)" 3
expect_eq "$A: same dev_t (reloaded, not recreated)" "$(dm_devt "$A")" "$devt_a"
expect_eq "$B: same dev_t" "$(dm_devt "$B")" "$devt_b"
expect_eq "$A-part1: same dev_t" "$(dm_devt "$A-part1")" "$devt_pa"
expect_eq "$A: live table only" "$(dmsetup info "$A" | sed -n 's/^Tables present: *//p')" LIVE

step "delete one path, then rescan its host"
p=$(awk -v w="$A" '$2 == w { print $1; exit }' /tmp/oracle)
pd=$(devt "$p")
h=$(sd_hctl "$p" | cut -d' ' -f1)
echo "deleting $p ($pd) on host $h"
echo 1 > "/sys/block/$p/device/delete"
lu_oracle
check "$p left map $A" wait_until 60 maps_right
glue_idle 60
expect_eq "$A: 2 paths" "$(map_paths "$A" | wc -w)" 2
echo "- - -" > "/sys/class/scsi_host/host$h/scan"
check "6 sd paths again" wait_for_devs 6
lu_oracle
check "the rescanned path rejoined $A" wait_until 60 maps_right
glue_idle 60
maps_right > /tmp/why || fail "maps after the rescan" "$(cat /tmp/why)"
expect_eq "$A: 3 paths again" "$(map_paths "$A" | wc -w)" 3

step "remove the added host"
gone=$(sd_of_host "$(scsi_hosts scsi_debug | tail -n1)")
echo "removing host $(scsi_hosts scsi_debug | tail -n1): $gone"
gone_devts=$(devts_of $gone | paste -sd' ' -)
echo -1 > $SDBG/add_host
lu_oracle
check "its paths left the maps" wait_until 60 maps_right
glue_idle 60
maps_right > /tmp/why || fail "maps after removing the host" "$(cat /tmp/why)"
for d in $gone_devts; do
	expect_empty "$d is in no table" "$(dmsetup table | grep " $d ")"
done
expect_eq "$A: still the same map (dev_t)" "$(dm_devt "$A")" "$devt_a"
expect_eq "$A-part1 still there" "$(dm_devt "$A-part1")" "$devt_pa"

step "the maps stayed usable"
errs=$(reader_stop)
note "reader: $(cat /tmp/reader.count) O_DIRECT reads"
expect_eq "no failed read through the maps" "$errs" 0
check "read $A-part1 once more" dd if="/dev/mapper/$A-part1" of=/dev/null bs=64k count=64 iflag=direct

step "all paths of $B go, then come back"
# Not under I/O: without paths (and without queue_if_no_path) reads through $B would fail.
set -- $(awk -v w="$B" '$2 == w { print $1 }' /tmp/oracle)
last=$(devt "$2")
for p in "$@"; do echo 1 > "/sys/block/$p/device/delete"; done
lu_oracle
only_last() { [ "$(mp_shape "$B" 2> /dev/null)" = "$last" ]; }
check "$B: its last path stays in the table" wait_until 60 only_last
glue_idle 60
expect_eq "$B: the map stays (dev_t)" "$(dm_devt "$B")" "$devt_b"
run dmsetup status "$B"
for h in $(scsi_hosts scsi_debug); do echo "- - -" > "/sys/class/scsi_host/host$h/scan"; done
check "4 sd paths again" wait_for_devs 4
lu_oracle
check "$B: the new paths replace the old ones" wait_until 60 maps_right
glue_idle 60
maps_right > /tmp/why || fail "maps after $B's paths came back" "$(cat /tmp/why)"
expect_eq "$B: still the same map" "$(dm_devt "$B")" "$devt_b"
check "read $B-part1 through the new paths" dd if="/dev/mapper/$B-part1" of=/dev/null bs=64k count=64 iflag=direct

step "the handler's log"
kill $UEVENT_PID
hotplug_log_lines > /tmp/hplog
cat /tmp/hplog
expect_match "adds were logged" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: add sd[a-z]+: run queued"
expect_match "removes were logged" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: remove sd[a-z]+: removal queued"
expect_match "removals were run" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: remove [0-9]+:[0-9]+: env ACTION=remove /sbin/multipath -v0 -- [0-9]+:[0-9]+\$"
expect_match "runs were logged" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: run: /sbin/multipath -v0\$"
note "$(grep -c ': run: ' /tmp/hplog) multipath runs for $(grep -cE ': (add|remove) sd[a-z]+: ' /tmp/hplog) path events"
expect_empty "no error lines" "$(grep -v '^6 ' /tmp/hplog)"
end_scenario
