#!/bin/sh
# claim_lvm: a volume group on a multipathed LU is activated on the map, never on a path.
# systemd-udevd with the storage rules, LVM's (56-lvm, 69-lvm), our hotplug and claim rules.
# pvcreate/vgcreate/lvcreate on the map; after vgchange -an and a new coldplug the paths are
# claimed (69-lvm.rules skips them), pvs shows the map and vgchange -ay builds the LV on the
# map's dev_t. Then the map is flushed: LVM still never takes a path, because it reads our
# /etc/multipath/wwids (multipath_component_detection); the next coldplug remakes the map.
# vm-disk: dual 64M
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh tests/vm/lib/claim.sh:/lib/claim.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/udev/60-multipath.rules:/lib/udev/rules.d/60-multipath.rules multipath/claim/56-multipath-claim.rules:/lib/udev/rules.d/56-multipath-claim.rules build/multipath_claim:/lib/udev/multipath_claim
# vm-files: /lib/udev/rules.d/55-dm.rules:/lib/udev/rules.d/55-dm.rules /lib/udev/rules.d/95-dm-notify.rules:/lib/udev/rules.d/95-dm-notify.rules /lib/udev/rules.d/60-persistent-storage-dm.rules:/lib/udev/rules.d/60-persistent-storage-dm.rules
# vm-files: /lib/udev/rules.d/50-udev-default.rules:/lib/udev/rules.d/50-udev-default.rules /lib/udev/rules.d/60-block.rules:/lib/udev/rules.d/60-block.rules /lib/udev/rules.d/60-persistent-storage.rules:/lib/udev/rules.d/60-persistent-storage.rules
# vm-files: /lib/udev/rules.d/56-lvm.rules:/lib/udev/rules.d/56-lvm.rules /lib/udev/rules.d/69-lvm.rules:/lib/udev/rules.d/69-lvm.rules /etc/lvm/lvm.conf:/etc/lvm/lvm.conf
# vm-bins: /bin/udevadm /usr/bin/flock /usr/bin/partx /sbin/lvm
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
. /lib/claim.sh
export LVM_SUPPRESS_FD_WARNINGS=1
W=$VMT_DISK1_WWID

check "2 sd paths appear" wait_for_devs 2 || end_scenario
mkdir -p /run/lvm /run/lock/lvm
claim_udevd
step "coldplug, then a volume group on the map"
claim_coldplug noparts || end_scenario
map=$(dm_of "$W")
check "pvcreate on the map" lvm pvcreate -q "/dev/mapper/$W"
check "vgcreate" lvm vgcreate -q vgmp "/dev/mapper/$W"
check "lvcreate" lvm lvcreate -q -y -n lv -L 16M vgmp
check "mkfs on the LV" mke2fs -q -F -t ext4 /dev/mapper/vgmp-lv
udevadm settle --timeout=60
check "vgchange -an" lvm vgchange -q -an vgmp
expect_grep_wwids() { grep -qx "/$W/" /etc/multipath/wwids; }
check "the wwids file lists the LU as /<wwid>/" expect_grep_wwids

# pvs_names: the PVs LVM sees, resolved to kernel names.
pvs_names() { lvm pvs --noheadings -o pv_name 2> /dev/null | while read -r d; do readlink -f "$d"; done | sort; }
# lv_deps: the dev_t's the LV's table sits on.
lv_deps() { dmsetup deps -o devno vgmp-lv | sed 's/.*: //'; }

step "a new coldplug: the paths are claimed, LVM takes the map"
claim_coldplug noparts || end_scenario
for d in $(paths_of "$W"); do
	expect_claimed "$d"
	expect_empty "$d: no lvm-pv-uuid link (69-lvm.rules skipped it)" "$(prop "$d" DEVLINKS | tr ' ' '\n' | grep lvm-pv-uuid)"
done
run lvm pvs
expect_eq "pvs shows the map, and only it" "$(pvs_names | paste -sd' ' -)" "/dev/$map"
check "vgchange -ay" lvm vgchange -q -ay vgmp
expect_eq "the LV sits on the map ($(dm_devt "$W"))" "$(lv_deps)" "($(dm_devt "$W" | sed 's/:/, /'))"
run dmsetup deps -o devno vgmp-lv
check "the LV's file system checks clean" /usr/sbin/e2fsck -n -f /dev/mapper/vgmp-lv
check "vgchange -an" lvm vgchange -q -an vgmp

step "no map: LVM still leaves the paths alone (it reads our wwids file)"
check "multipath -f" multipath -f "$W"
udevadm settle --timeout=60
expect_empty "no map left" "$(mp_maps)"
run lvm pvs
expect_empty "pvs shows no path as a PV" "$(pvs_names | grep '/dev/sd')"
check "vgchange -ay fails: vgmp's only PV is a multipath component" sh -c '! lvm vgchange -q -ay vgmp'
expect_empty "and built no LV on a path" "$(dmsetup ls | grep vgmp)"
step "the next coldplug remakes the map; the VG is back on it"
claim_coldplug noparts || end_scenario
check "vgchange -ay" lvm vgchange -q -ay vgmp
expect_eq "the LV sits on the map again" "$(lv_deps)" "($(dm_devt "$W" | sed 's/:/, /'))"
check "vgchange -an" lvm vgchange -q -an vgmp
run udevadm control --exit
end_scenario
