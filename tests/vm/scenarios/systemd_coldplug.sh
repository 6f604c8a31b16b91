#!/bin/sh
# systemd_coldplug: the boot under the host's systemd as PID 1 (vm-systemd; our package layout from
# "make install", multipath-coldplug.service enabled). The VM boots with a partitioned dual-path LU
# holding ext4 (known UUID) and an fstab line "UUID=... /mnt/mp". Proves: coldplug ran once udev's
# trigger had run and finished before local-fs-pre.target; systemd mounted /mnt/mp on the map's
# partition (kpartx), not on an sdX partition, and the by-uuid .device unit is the map's; the paths
# carry ID_FS_TYPE=mpath_member and SYSTEMD_READY=0 and have no partition nodes; no ordering cycle,
# no complaint about our units, no unit failed.
# vm-systemd: multipath-coldplug.service
# vm-disk: dual 64M
# vm-disk-prep: tests/vm/prep/ext4-part.sh 11111111-2222-3333-4444-555555555555 mpfs
# vm-modules: ext4
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh tests/vm/lib/claim.sh:/lib/claim.sh tests/vm/lib/systemd/coldplug.fstab:/etc/fstab
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
. /lib/claim.sh
U=$VMT_DISK1_FS_UUID W=$VMT_DISK1_WWID
# mono UNIT PROPERTY: a unit's monotonic timestamp property (microseconds; 0 = never).
mono() { systemctl show -P "$2" "$1"; }

expect_eq "PID 1 is systemd" "$(cat /proc/1/comm)" systemd
run systemctl --no-pager status multipath-coldplug.service
expect_eq "multipath-coldplug.service ran and succeeded" \
	"$(systemctl show -P ActiveState multipath-coldplug.service) $(systemctl show -P Result multipath-coldplug.service)" "active success"
trig=$(mono systemd-udev-trigger.service ActiveEnterTimestampMonotonic)
cstart=$(mono multipath-coldplug.service InactiveExitTimestampMonotonic)
cdone=$(mono multipath-coldplug.service ActiveEnterTimestampMonotonic)
lfp=$(mono local-fs-pre.target ActiveEnterTimestampMonotonic)
mnt=$(mono mnt-mp.mount InactiveExitTimestampMonotonic)
note "boot (us of uptime): udev trigger done $trig, coldplug $cstart..$cdone, local-fs-pre.target $lfp, /mnt/mp mount started $mnt"
check "coldplug started after udev's trigger had run" test "$trig" -gt 0 -a "$cstart" -ge "$trig"
check "coldplug finished before local-fs-pre.target" test "$cdone" -gt 0 -a "$cdone" -le "$lfp"
check "the mount started after coldplug" test "$mnt" -ge "$cdone"

lu_oracle
check "one map per LU with 2+ paths, each with exactly its paths" maps_right
part=$(dm_of "$W-part1")
check "partition map $W-part1 (kpartx)" test -n "$part"
run systemctl --no-pager status mnt-mp.mount
expect_eq "mnt-mp.mount is active" "$(systemctl show -P ActiveState mnt-mp.mount)" active
expect_eq "/mnt/mp is mounted from the map's partition" \
	"$(awk '$2 == "/mnt/mp" { print $1 }' /proc/mounts | xargs readlink -f)" "/dev/$part"
expect_eq "the file system's marker reads back" "$(cat /mnt/mp/marker)" "$VMT_DISK1_MARKER"
dev=$(systemd-escape -p --suffix=device "/dev/disk/by-uuid/$U" 2>/dev/null || echo "dev-disk-by\\x2duuid-$(echo "$U" | sed 's/-/\\x2d/g').device")
expect_eq "$dev is the map's partition" "$(systemctl show -P SysFSPath "$dev")" "/sys/devices/virtual/block/$part"
expect_eq "by-uuid/$U -> the map's partition" "$(readlink -f "/dev/disk/by-uuid/$U")" "/dev/$part"
for d in $(paths_of "$W"); do
	expect_claimed "$d"
done
# What a real systemd says about our units while it loads and orders them (analyze verify does
# not see the whole boot transaction).
expect_empty "no ordering cycle in the boot transaction" "$(journalctl -b --no-pager -o cat | grep -i 'ordering cycle')"
expect_empty "systemd parsed our units without a complaint" \
	"$(journalctl -b --no-pager -o cat | grep -E '/multipath-[a-z@]+[.](service|timer):[0-9]+:')"
failed=$(systemctl list-units --failed --no-legend --plain --no-pager)
expect_empty "no unit failed" "$failed"
# Who made the map: the coldplug run (its "create:" line) or a hotplug run started by the
# trigger's add events (both are fine: the runs share multipath's lock).
run journalctl -b --no-pager -o cat -u multipath-coldplug.service
end_scenario
