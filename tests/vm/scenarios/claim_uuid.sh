#!/bin/sh
# claim_uuid: paths claimed in udev, a file system by UUID on the map. systemd-udevd with the
# system's storage rules (blkid, by-uuid links), dmsetup's rules, our hotplug rule and our claim
# rule 56-multipath-claim.rules. A partitioned dual-path LU holds ext4 (known UUID); a single-path
# disk of unknown hardware (the "boot disk") holds another. After coldplug: by-uuid of the LU's
# file system resolves to the map's partition (kpartx), the paths carry
# DM_MULTIPATH_DEVICE_PATH=1, ID_FS_TYPE=mpath_member, SYSTEMD_READY=0 and have no partition
# nodes; the boot disk is not claimed and keeps its links; an fstab "UUID=" line mounts the
# map's partition. A path failed by I/O and brought back (the revalidator) leaves the map's
# udev view alone: links and partition table kept, no disk scan. Then find_multipaths on with a new LU: its first path is not claimed (usable
# as a disk), the second is, and the first is claimed then (change event) and loses its
# partition nodes once its map exists.
# (Before this rule, today's rules gave: by-uuid -> /dev/sdb1, sdb1 and sdc1 present, no marks.)
# vm-disk: dual 64M
# vm-disk-prep: tests/vm/prep/ext4-part.sh 11111111-2222-3333-4444-555555555555 mpfs
# vm-disk: single 32M
# vm-disk-prep: tests/vm/prep/ext4-part.sh 66666666-7777-8888-9999-000000000000 bootfs
# vm-scsi-debug: vpd_use_hostno=0 add_host=0 num_tgts=1 max_luns=1 dev_size_mb=16
# vm-modules: ext4
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh tests/vm/lib/claim.sh:/lib/claim.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/udev/60-multipath.rules:/lib/udev/rules.d/60-multipath.rules multipath/claim/56-multipath-claim.rules:/lib/udev/rules.d/56-multipath-claim.rules build/multipath_claim:/lib/udev/multipath_claim
# vm-files: /lib/udev/rules.d/55-dm.rules:/lib/udev/rules.d/55-dm.rules /lib/udev/rules.d/95-dm-notify.rules:/lib/udev/rules.d/95-dm-notify.rules /lib/udev/rules.d/60-persistent-storage-dm.rules:/lib/udev/rules.d/60-persistent-storage-dm.rules
# vm-files: /lib/udev/rules.d/50-udev-default.rules:/lib/udev/rules.d/50-udev-default.rules /lib/udev/rules.d/60-block.rules:/lib/udev/rules.d/60-block.rules /lib/udev/rules.d/60-persistent-storage.rules:/lib/udev/rules.d/60-persistent-storage.rules
# vm-bins: /bin/udevadm /usr/bin/flock /usr/bin/partx /bin/mount /usr/bin/setsid
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
. /lib/claim.sh
U=$VMT_DISK1_FS_UUID BOOT_U=$VMT_DISK2_FS_UUID
SDBG=/sys/bus/pseudo/drivers/scsi_debug

check "3 sd paths appear" wait_for_devs 3 || end_scenario
claim_udevd
step "coldplug"
claim_coldplug || end_scenario
W=$VMT_DISK1_WWID
run ls -l /dev/disk/by-uuid /dev/mapper
part=$(dm_of "$W-part1")
expect_eq "by-uuid/$U -> the map's partition $part" "$(readlink -f "/dev/disk/by-uuid/$U")" "/dev/$part"
expect_eq "by-label/mpfs -> the map's partition" "$(readlink -f /dev/disk/by-label/mpfs)" "/dev/$part"
for d in $(paths_of "$W"); do
	expect_claimed "$d"
done
boot=$(awk -v w="$VMT_DISK2_WWID" '$2 == w { print $1 }' /tmp/oracle)
expect_not_claimed "$boot"
expect_eq "the boot disk's by-uuid stays -> /dev/${boot}1" "$(readlink -f "/dev/disk/by-uuid/$BOOT_U")" "/dev/${boot}1"
expect_eq "$boot: no map" "$(dm_holder "$boot")" ""
expect_eq "$boot: MPATH_CLAIM_REASON=single_path" "$(prop "$boot" MPATH_CLAIM_REASON)" single_path

step "fstab: UUID= mounts the map's partition"
mkdir -p /mnt/mp /mnt/boot
printf 'UUID=%s /mnt/mp ext4 defaults 0 2\nUUID=%s /mnt/boot ext4 defaults 0 2\n' "$U" "$BOOT_U" > /etc/fstab
check "mount -a (util-linux)" /bin/mount -a
expect_eq "/mnt/mp is on the map's partition" "$(awk '$2 == "/mnt/mp" { print $1 }' /proc/mounts | xargs readlink -f)" "/dev/$part"
expect_eq "the file system's marker reads back" "$(cat /mnt/mp/marker)" "$VMT_DISK1_MARKER"
expect_eq "/mnt/boot is on the boot disk" "$(awk '$2 == "/mnt/boot" { print $1 }' /proc/mounts | xargs readlink -f)" "/dev/${boot}1"
umount /mnt/mp /mnt/boot

step "a path fails and comes back: the map's udev view stays"
# dm-multipath's PATH_FAILED / PATH_REINSTATED events: our rule runs no program for them, skips
# the disk scan and keeps the last scan's results (the map's partition table, by-id links).
mdm=$(dm_of "$W")
view() { udevadm info -q symlink -n "/dev/$mdm" | tr ' ' '\n' | sort | paste -sd' ' -; echo "pt=$(prop "$mdm" ID_PART_TABLE_TYPE)/$(prop "$mdm" ID_PART_TABLE_UUID)"; }
before=$(view)
note "before: $before"
expect_match "the map has its mpath/ link" "$before" "mpath/$W"
expect_match "the map has its partition table" "$before" "pt=dos/[0-9a-f]+"
expect_eq "its last event (the load) scanned it" "$(prop "$mdm" DM_NOSCAN)" ""
set -- $(paths_of "$W")
fa=""
for d in "$@"; do
	set_path_state "$d" offline
	dd if="/dev/mapper/$W" of=/dev/null bs=4096 count=1 iflag=direct 2> /dev/null
	if [ "$(kstate "$W" "$d")" = F ]; then fa=$d; break; fi
	set_path_state "$d" running
done
check "I/O failed a path" [ -n "$fa" ]
udevadm settle --timeout=60
expect_eq "its PATH_FAILED event went through our path-event branch: no scan" "$(prop "$mdm" DM_NOSCAN)" 1
expect_eq "links and partition table kept after PATH_FAILED" "$(view)" "$before"
set_path_state "$fa" running
check "the revalidator reinstates $fa" wait_until 60 kstate_is "$W" "$fa" A
udevadm settle --timeout=60
expect_eq "PATH_REINSTATED: no scan" "$(prop "$mdm" DM_NOSCAN)" 1
expect_eq "links and partition table kept after PATH_REINSTATED" "$(view)" "$before"
expect_eq "by-uuid/$U still -> the map's partition" "$(readlink -f "/dev/disk/by-uuid/$U")" "/dev/$part"
check "the revalidator exits" wait_until 60 no_revalidator
glue_idle 60

step "find_multipaths on: a new LU, one path and then a second"
# scsi_debug's LU (sectors differ from the virtio disks): one host first, a second one later.
echo 1 > $SDBG/add_host
check "a 4th disk appears" wait_for_devs 4
udevadm settle --timeout=60
glue_idle 60
udevadm settle --timeout=60
first=$(sd_of_driver scsi_debug | head -n1)
expect_not_claimed "$first"
expect_eq "$first: MPATH_CLAIM_REASON=single_path" "$(prop "$first" MPATH_CLAIM_REASON)" single_path
expect_eq "$first: no map yet" "$(dm_holder "$first")" ""
# It is an ordinary disk meanwhile: partition it (the store is shared: the next path sees it).
printf 'label: dos\nstart=2048, size=8192, type=83\n' | sfdisk -q "/dev/$first"
udevadm settle --timeout=60
check "$first: usable as a disk: its partition node appeared" test -b "/dev/${first}1"
echo 1 > $SDBG/add_host
check "a 5th disk appears" wait_for_devs 5
udevadm settle --timeout=60
lu_oracle
check "its map, with both paths" wait_until 60 maps_right
glue_idle 60
udevadm settle --timeout=60
second=$(sd_of_driver scsi_debug | grep -vx "$first")
expect_eq "$second: claimed (2 paths)" "$(prop "$second" DM_MULTIPATH_DEVICE_PATH)" 1
check "$first: claimed by the change event the second one's rule sent" \
	wait_until 30 sh -c ". /lib/vmtest.sh; . /lib/claim.sh; [ \"\$(prop $first DM_MULTIPATH_DEVICE_PATH)\" = 1 ]"
udevadm settle --timeout=60
expect_claimed "$first"     # its partition node went once its map made it a path
expect_claimed "$second"
run udevadm control --exit
end_scenario
