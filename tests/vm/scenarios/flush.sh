#!/bin/sh
# flush: -f removes one unused map, -F every unused one; a mounted map, or one whose kpartx
# partition map is mounted, is never removed (clear error, exit 2, map intact); unused partition
# maps are removed with their map.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=3 dev_size_mb=16
# vm-modules: ext4
. /lib/vmtest.sh
need_multipath
check "6 sd paths appear" wait_for_devs 6 || end_scenario
set -- $(lu_list); W1=$1; W2=$2; W3=$3
capture out multipath -p multibus
expect_eq "3 maps" "$(dm_names | wc -l)" 3

step "a mounted map is refused"
check "mkfs on map 1" mke2fs -q -F /dev/mapper/$W1
mkdir -p /mnt/a
check "mount map 1" mount -t ext2 /dev/mapper/$W1 /mnt/a
capture out multipath -f $W1
expect_eq "-f mounted: exit 2" "$VMT_RC" 2
expect_match "-f mounted: says why" "$VMT_STDERR" "in use"
check "map 1 still there" dmsetup info $W1
capture out multipath -f $W2
expect_eq "-f unused: exit 0" "$VMT_RC" 0
check "map 2 gone" test -z "$(dm_names | grep -x $W2)"
capture out multipath -f nosuchmap
expect_eq "-f unknown map: exit 2" "$VMT_RC" 2

step "partition maps: removed with their map, or protecting it when in use"
if command -v kpartx >/dev/null; then
	echo ',8M' | sfdisk -q /dev/mapper/$W3 >/dev/null 2>&1
	check "kpartx -a" kpartx -a /dev/mapper/$W3
	part=$(dm_names | grep -v -x -e $W1 -e $W3 | head -n1)
	expect_ne "a partition map exists" "$part" ""
	check "mkfs on the partition" mke2fs -q -F /dev/mapper/$part
	mkdir -p /mnt/p
	check "mount the partition" mount -t ext2 /dev/mapper/$part /mnt/p
	capture out multipath -f $W3
	expect_eq "-f with a mounted partition: exit 2" "$VMT_RC" 2
	check "partition map still there" dmsetup info $part
	check "parent still there" dmsetup info $W3
	umount /mnt/p
	capture out multipath -f $W3
	expect_eq "-f with an unused partition map: exit 0" "$VMT_RC" 0
	expect_empty "map and partition gone" "$(dm_names | grep -x -e $W3 -e $part)"
else
	skip "partition maps" "kpartx not built"
fi

step "-F: every unused map, never the mounted one (maps removed side by side)"
capture out multipath -p multibus
# A partition map on W3 again: -F removes it first, in the same worker as its map.
pname=
if command -v kpartx >/dev/null && kpartx -a /dev/mapper/$W3; then
	pname=$(dm_names | grep -v -x -e $W1 -e $W2 -e $W3 | head -n1)
fi
capture out multipath -F
expect_eq "-F with one mounted: exit 2" "$VMT_RC" 2
expect_match "-F: the mounted map's refusal says why" "$VMT_STDERR" "$W1: in use"
expect_eq "only the mounted map is left" "$(dm_names | paste -sd' ' -)" "$W1"
# Messages come back in map order, a partition before its map.
want=$( (echo "$W2"; echo "$W3") | sort | while read -r w; do
	[ "$w" = "$W3" ] && [ -n "$pname" ] && echo "remove: $pname"
	echo "remove: $w"
done | paste -sd' ' -)
expect_eq "-F reports each removal once, in map order" "$(echo "$out" | paste -sd' ' -)" "$want"
# Without udev, each worker process removes its maps' /dev/mapper nodes before it exits.
expect_eq "no /dev/mapper node left but the mounted map's" \
	"$(ls /dev/mapper | grep -v -x control | paste -sd' ' -)" "$W1"
check "its data is intact" test -d /mnt/a/lost+found
umount /mnt/a
capture out multipath -F
expect_eq "-F: exit 0" "$VMT_RC" 0
expect_empty "no map left" "$(dm_names)"
end_scenario
