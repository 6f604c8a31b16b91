#!/bin/sh
# kpartx: partition maps on a dual-path multipath map. The qemu disk is prepared on the
# host (tests/kpartx/vm-prep.sh): a DOS table with primaries 1, 3, extended 2 holding
# logicals 5, 6, and an ext2 file system in partition 1. Checks -l, -a (maps, tables,
# UUIDs, a mount reading back known files), -d (exactly our maps, also renamed ones;
# a mounted partition is refused with exit 2), -u after repartitioning (reload, create,
# remove, renamed map found by UUID), -r, and an image file on an auto-clearing loop device.
# vm-disk: dual 64M
# vm-disk-prep: tests/kpartx/vm-prep.sh
# vm-modules: ext4 loop
# vm-timeout: 600
. /lib/vmtest.sh

if [ "$(command -v kpartx)" != /usr/local/sbin/kpartx ]; then
	fail "kpartx binary" "not in the VM: build/kpartx was not built (make all)"
	end_scenario
fi
check "2 sd paths appear" wait_for_devs 2 || end_scenario
W=$VMT_DISK1_WWID
M=/dev/mapper/$W
set -- $(sd_of_driver virtio_scsi)

step "the multipath map"
if [ "$(command -v multipath)" = /usr/local/sbin/multipath ]; then
	capture out multipath -p multibus
	expect_eq "multipath -p multibus: exit status" "$VMT_RC" 0
else
	skip "multipath -p multibus" "build/multipath not built: map made with dmsetup instead"
	size=$(cat /sys/block/$1/size)
	run dmsetup create "$W" --uuid "mpath-$W" --table \
		"0 $size multipath 0 0 1 1 round-robin 0 2 1 $(devt $1) 1 $(devt $2) 1"
fi
check "map $W exists" test -b "$M" || end_scenario
expect_eq "its UUID" "$(dm_uuid "$W")" "mpath-$W"
PDEV=$(dm_devt "$W")
# A WWID ends in a hex digit: "p" only when it is a decimal digit.
case $W in *[0-9]) D=p ;; *) D= ;; esac
P=$W$D

# names_but_parent: every map except the multipath map, sorted.
others() { dm_names | grep -vx "$W"; }
# table_of NAME: its table line with the parent's dev_t.
want_table() { echo "0 $2 linear $PDEV $3"; }
check_map() {   # check_map NAME PART SIZE START
	expect_eq "$1: table" "$(dmsetup table "$1" 2>&1)" "$(want_table "$1" "$3" "$4")"
	expect_eq "$1: UUID" "$(dm_uuid "$1")" "part$2-mpath-$W"
}

step "kpartx -l"
capture out kpartx -l "$M"
expect_eq "-l: exit status" "$VMT_RC" 0
expect_eq "-l: listing" "$out" "${P}1 : 0 32768 $M 2048
${P}2 : 0 2 $M 34816
${P}3 : 0 16384 $M 90112
${P}5 : 0 8192 /dev/dm-1 2048
${P}6 : 0 8192 /dev/dm-1 12288"
expect_empty "-l creates no map" "$(others)"
capture out kpartx -l "/dev/$(dm_of "$W")"
expect_match "-l via /dev/dm-N names the maps after the dm name" "$out" "^${P}1 : 0 32768 /dev/dm-[0-9]+ 2048"

step "kpartx -a"
capture out kpartx -a -v "$M"
expect_eq "-a: exit status" "$VMT_RC" 0
expect_eq "-a: maps" "$(others)" "$(printf '%s\n' ${P}1 ${P}2 ${P}3 ${P}5 ${P}6 | sort)"
check_map ${P}1 1 32768 2048
check_map ${P}2 2 2 34816
check_map ${P}3 3 16384 90112
check_map ${P}5 5 8192 36864
check_map ${P}6 6 8192 47104
expect_match "-a -v: add map line" "$out" "^add map ${P}1 \([0-9]+:[0-9]+\): 0 32768 linear $PDEV 2048\$"
expect_match "-a -v: logical after the primaries" "$(echo "$out" | tail -n 1)" "^add map ${P}6 "
check "/dev/mapper/${P}1 exists" test -b "/dev/mapper/${P}1"

step "the file system on partition 1"
mkdir -p /mnt/p1
if check "mount ${P}1 (ext2, ro)" mount -t ext2 -o ro "/dev/mapper/${P}1" /mnt/p1; then
	expect_eq "hello.txt reads back" "$(cat /mnt/p1/hello.txt)" "$KP_HELLO"
	expect_eq "data.bin reads back (sha256)" "$(sha256sum < /mnt/p1/data.bin | cut -d' ' -f1)" "$KP_DATA_SHA"
	capture out kpartx -d -v "$M"
	expect_eq "-d with ${P}1 mounted: exit status 2" "$VMT_RC" 2
	expect_match "-d: says why" "$VMT_STDERR" "${P}1: remove failed: Device or resource busy"
	expect_eq "-d: removed the others only" "$(others)" "${P}1"
	check "umount" umount /mnt/p1
fi

step "-a again"
capture out kpartx -a "$M"
expect_eq "-a again: exit status" "$VMT_RC" 0
expect_eq "-a again: maps" "$(others)" "$(printf '%s\n' ${P}1 ${P}2 ${P}3 ${P}5 ${P}6 | sort)"

step "-d removes exactly our maps"
run dmsetup rename "${P}6" renamed6
# Not ours: a map named like partition 7, and partition 1 of another disk.
run dmsetup create "${P}7" --uuid LVM-notours --table "0 8 linear $PDEV 0"
run dmsetup create bystander --uuid "part1-mpath-${W}0" --table "0 8 linear $PDEV 0"
capture out kpartx -d -v "$M"
expect_eq "-d: exit status" "$VMT_RC" 0
expect_eq "-d: only foreign maps left" "$(others)" "$(printf '%s\n' "${P}7" bystander | sort)"
expect_match "-d -v: renamed map removed" "$out" "^del devmap : renamed6\$"
capture out kpartx -a "$M"
expect_eq "-a with a foreign ${P}7 present: exit status" "$VMT_RC" 0
run dmsetup remove "${P}7"
run dmsetup remove bystander
capture out kpartx -d "$M"
expect_empty "-d: all ours gone" "$(others)"
run dmsetup create "${P}3" --uuid LVM-notours --table "0 8 linear $PDEV 0"
capture out kpartx -a "$M"
expect_eq "-a when ${P}3 is someone else's: exit status 2" "$VMT_RC" 2
expect_match "-a: says why" "$VMT_STDERR" "${P}3: name in use by a map that is not partition 3"
expect_eq "-a: foreign ${P}3 untouched" "$(dmsetup table "${P}3")" "0 8 linear $PDEV 0"
expect_eq "-a: the other partitions mapped" "$(others | paste -sd' ')" "${P}1 ${P}2 ${P}3 ${P}5 ${P}6"
capture out kpartx -d "$M"
expect_eq "-d: foreign ${P}3 left" "$(others)" "${P}3"
run dmsetup remove "${P}3"

step "-u after repartitioning"
capture out kpartx -a "$M"
run dmsetup rename "${P}3" renamed3
echo "$KP_TABLE_B" | tr '|' '\n' > /tmp/table-b
check "sfdisk writes layout B" sfdisk -q --no-reread --no-tell-kernel "$M" < /tmp/table-b
capture out kpartx -u -v "$M"
expect_eq "-u: exit status" "$VMT_RC" 0
expect_eq "-u: maps" "$(others)" "$(printf '%s\n' ${P}1 ${P}2 renamed3 ${P}4 | sort)"
check_map ${P}1 1 32768 2048
check_map ${P}2 2 8192 65536
check_map renamed3 3 16384 40960
check_map ${P}4 4 8192 81920
expect_match "-u -v: logicals removed" "$(echo "$out" | grep '^del devmap' | paste -sd' ')" \
	"^del devmap : ${P}6 del devmap : ${P}5\$"
if check "mount ${P}1 after -u" mount -t ext2 -o ro "/dev/mapper/${P}1" /mnt/p1; then
	expect_eq "hello.txt still reads back" "$(cat /mnt/p1/hello.txt)" "$KP_HELLO"
	umount /mnt/p1
fi
capture out kpartx -d "$M"
expect_empty "-d after -u: no partition maps" "$(others)"

step "-r"
capture out kpartx -a -r "$M"
expect_eq "-a -r: exit status" "$VMT_RC" 0
expect_eq "-a -r: ${P}1 is read-only" "$(blockdev --getro "/dev/mapper/${P}1")" 1
capture out kpartx -d "$M"

step "image file on a loop device"
loops() { for _l in /sys/block/loop*/loop/backing_file; do [ -e "$_l" ] && cat "$_l"; done; }
truncate -s 32M /tmp/disk.img
printf 'label: dos\nstart=2048, size=16384, type=83\nstart=18432, size=16384, type=83\n' > /tmp/table-img
check "sfdisk on the image" sfdisk -q /tmp/disk.img < /tmp/table-img
capture out kpartx -a -v /tmp/disk.img
expect_eq "-a file: exit status" "$VMT_RC" 0
L=$(echo "$out" | sed -n 's/^add map \(loop[0-9]*\)p1 .*/\1/p')
expect_match "-a file: maps on a loop device" "$L" "^loop[0-9]+\$"
expect_eq "-a file: loop device backs the image" "$(loops)" /tmp/disk.img
expect_eq "-a file: UUID" "$(dm_uuid "${L}p2")" "part2-devnode_$(cat /sys/block/$L/dev)_Wh5pYvM"
printf 'kpartx-loop-test' > /tmp/stamp
check "write through ${L}p2" dd if=/tmp/stamp of="/dev/mapper/${L}p2" conv=fsync
expect_eq "lands at sector 18432 of the image" \
	"$(dd if=/tmp/disk.img bs=512 skip=18432 count=1 2>/dev/null | head -c 16)" kpartx-loop-test
capture out kpartx -d -v /tmp/disk.img
expect_eq "-d file: exit status" "$VMT_RC" 0
expect_empty "-d file: maps gone" "$(others)"
expect_empty "-d file: loop device detached" "$(loops)"
expect_match "-d -v file: says so" "$out" "^loop deleted : /dev/$L\$"
capture out kpartx -d /tmp/disk.img
expect_eq "-d on an unattached file: exit status 0" "$VMT_RC" 0
if command -v losetup >/dev/null && ld=$(losetup -f --show /tmp/disk.img 2>/dev/null); then
	capture out kpartx -a /tmp/disk.img
	expect_eq "-a on a losetup'd file: uses $ld" "$(others | paste -sd' ')" "$(basename $ld)p1 $(basename $ld)p2"
	capture out kpartx -d /tmp/disk.img
	expect_eq "-d: a loop device kpartx did not attach stays" "$(loops)" /tmp/disk.img
	run losetup -d "$ld"
else
	skip "loop device attached by someone else" "no losetup -f --show in the VM"
fi

step "cleanup"
check "remove every map" dm_remove_all
end_scenario
