#!/bin/sh
# hotplug_udev: the glue under udev. systemd-udevd runs with our 60-multipath.rules and
# dmsetup's device-mapper rules (55-dm, 60-persistent-storage-dm, 95-dm-notify). Coldplug
# (udevadm trigger) of a scsi_debug SAN (2 hosts x 2 LUs): our rule runs the handler for each
# sd disk, multipath creates the maps (synchronized with udev through libdevmapper's cookie),
# udev names them (/dev/mapper/<wwid> from 55-dm.rules; /dev/mpath/<wwid> from our rule with
# devmap_name -t multipath) and the handler runs kpartx on each new map (<wwid>-part1,
# /dev/mpath/<wwid>-part1). A host added at run time brings a path per LU that joins its map;
# removing it drops those paths; the maps stay, the links stay, and a reader sees no error.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/udev/60-multipath.rules:/lib/udev/rules.d/60-multipath.rules
# vm-files: /lib/udev/rules.d/55-dm.rules:/lib/udev/rules.d/55-dm.rules /lib/udev/rules.d/95-dm-notify.rules:/lib/udev/rules.d/95-dm-notify.rules /lib/udev/rules.d/60-persistent-storage-dm.rules:/lib/udev/rules.d/60-persistent-storage-dm.rules
# vm-bins: /bin/udevadm /usr/bin/flock
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
SDBG=/sys/bus/pseudo/drivers/scsi_debug

check "4 sd paths appear" wait_for_devs 4 || end_scenario
glue_install
ln -sf /usr/sbin/dmsetup /sbin/dmsetup          # where dmsetup's rules call it
mkdir -p /lib/systemd
ln -sf /bin/udevadm /lib/systemd/systemd-udevd  # one binary, named by argv[0]
printf 'label: dos\nstart=2048, size=8192, type=83\n' | sfdisk -q --no-reread "/dev/$(sd_list | head -n1)"
lu_oracle
set -- $(lu_wwids)
A=$1 B=$2

step "udevd with our rule; coldplug"
# udev is running from here on: libdevmapper synchronizes with it instead of making nodes.
unset DM_DISABLE_UDEV
check "systemd-udevd starts" /lib/systemd/systemd-udevd --daemon --resolve-names=never
t0=$(date +%s)
run udevadm trigger --action=add --subsystem-match=block
check "udevadm settle" udevadm settle --timeout=120
check "maps for both LUs, each with its 2 paths" wait_until 60 maps_right || { maps_right; end_scenario; }
check "partition maps on both (kpartx run by the rule)" wait_until 60 parts_right || { parts_right; end_scenario; }
udevadm settle --timeout=60
glue_idle 60
note "coldplug took $(( $(date +%s) - t0 ))s"
run dmsetup table
run ls -l /dev/mapper /dev/mpath
for w in $A $B; do
	dm=$(dm_of "$w")
	dmp=$(dm_of "$w-part1")
	expect_eq "/dev/mapper/$w -> $dm (udev's link)" "$(readlink -f "/dev/mapper/$w")" "/dev/$dm"
	expect_eq "/dev/mpath/$w -> $dm (our rule)" "$(readlink -f "/dev/mpath/$w")" "/dev/$dm"
	if [ -b "/dev/mapper/$w-part1" ] && [ ! -L "/dev/mapper/$w-part1" ]; then
		fail "/dev/mapper/$w-part1 -> $dmp (udev's link)" "a block node, made by libdevmapper: kpartx -n did not leave the node to udev"
	else
		expect_eq "/dev/mapper/$w-part1 -> $dmp (udev's link)" "$(readlink -f "/dev/mapper/$w-part1")" "/dev/$dmp"
	fi
	expect_eq "/dev/mpath/$w-part1 -> $dmp" "$(readlink -f "/dev/mpath/$w-part1")" "/dev/$dmp"
	expect_eq "/dev/disk/by-id/dm-uuid-mpath-$w -> $dm" "$(readlink -f "/dev/disk/by-id/dm-uuid-mpath-$w")" "/dev/$dm"
done
expect_empty "/dev/mpath holds only multipath maps and their partitions" \
	"$(ls /dev/mpath | grep -vxE "($A|$B)(-part1)?")"
devt_a=$(dm_devt "$A") devt_pa=$(dm_devt "$A-part1")
reader_start "/dev/mapper/$A" "/dev/mapper/$B" "/dev/mapper/$A-part1" "/dev/mapper/$B-part1"

step "add_host: a third path per LU"
echo 1 > $SDBG/add_host
check "6 sd paths" wait_for_devs 6
udevadm settle --timeout=120
lu_oracle
check "the new paths joined their maps" wait_until 60 maps_right
glue_idle 60
udevadm settle --timeout=60
maps_right > /tmp/why || fail "maps after add_host" "$(cat /tmp/why)"
expect_eq "$A: 3 paths" "$(map_paths "$A" | wc -w)" 3
expect_eq "$A: same dev_t (reloaded, not recreated)" "$(dm_devt "$A")" "$devt_a"
expect_eq "$A-part1: same dev_t" "$(dm_devt "$A-part1")" "$devt_pa"
expect_eq "/dev/mpath/$A still -> its map after the reload" "$(readlink -f "/dev/mpath/$A")" "/dev/$(dm_of "$A")"

step "remove the added host"
gone=$(sd_of_host "$(scsi_hosts scsi_debug | tail -n1)")
gone_devts=$(devts_of $gone | paste -sd' ' -)
echo -1 > $SDBG/add_host
udevadm settle --timeout=120
lu_oracle
check "its paths left the maps" wait_until 60 maps_right
glue_idle 60
udevadm settle --timeout=60
maps_right > /tmp/why || fail "maps after removing the host" "$(cat /tmp/why)"
for d in $gone_devts; do
	expect_empty "$d is in no table" "$(dmsetup table | grep " $d ")"
done
expect_eq "$A: still the same map" "$(dm_devt "$A")" "$devt_a"
expect_eq "/dev/mpath/$A still -> its map" "$(readlink -f "/dev/mpath/$A")" "/dev/$(dm_of "$A")"
expect_eq "/dev/mpath/$A-part1 still -> its map" "$(readlink -f "/dev/mpath/$A-part1")" "/dev/$(dm_of "$A-part1")"

step "the maps stayed usable"
errs=$(reader_stop)
note "reader: $(cat /tmp/reader.count) O_DIRECT reads"
expect_eq "no failed read through the maps" "$errs" 0

step "the handler's log"
hotplug_log_lines > /tmp/hplog
cat /tmp/hplog
expect_match "adds were logged" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: add sd[a-z]+: run queued"
expect_match "removes were logged" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: remove sd[a-z]+: removal queued"
expect_match "removals were run" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: remove [0-9]+:[0-9]+: env ACTION=remove /sbin/multipath -v0 --no-udev-wait -- [0-9]+:[0-9]+\$"
expect_match "runs were logged" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: run: /sbin/multipath -v0 --no-udev-wait\$"
note "$(grep -c ': run: ' /tmp/hplog) multipath runs for $(grep -cE ': (add|remove) sd[a-z]+: ' /tmp/hplog) path events"
expect_match "kpartx was run for a map" "$(cat /tmp/hplog)" "^6 multipath\\.hotplug\\[[0-9]+\\]: map dm-[0-9]+ \\($A\\): .*kpartx -a -n -p -part /dev/dm-[0-9]+\$"
expect_empty "no error lines" "$(grep -v '^6 ' /tmp/hplog)"
run udevadm control --exit
end_scenario
