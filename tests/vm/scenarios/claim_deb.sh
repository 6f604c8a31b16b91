#!/bin/sh
# claim_deb: the Debian package, installed by dpkg --root into build/deb/root (make check-deb,
# which check-vm-claim_deb runs first), does the claim job from its own files: its /sbin
# binaries, its udev rules (56-multipath-claim.rules, 60-multipath.rules) and hotplug handler,
# under systemd-udevd with the system's storage rules. After coldplug the ext4 on a
# partitioned dual-path LU is reached by UUID through the map's partition, its paths are
# claimed without partition nodes, a single-path disk is left alone.
# vm-disk: dual 64M
# vm-disk-prep: tests/vm/prep/ext4-part.sh 11111111-2222-3333-4444-555555555555 mpfs
# vm-disk: single 32M
# vm-disk-prep: tests/vm/prep/ext4-part.sh 66666666-7777-8888-9999-000000000000 bootfs
# vm-modules: ext4
# vm-files: build/deb/root:/pkg tests/vm/lib/glue.sh:/lib/glue.sh tests/vm/lib/claim.sh:/lib/claim.sh
# vm-files: /lib/udev/rules.d/55-dm.rules:/lib/udev/rules.d/55-dm.rules /lib/udev/rules.d/95-dm-notify.rules:/lib/udev/rules.d/95-dm-notify.rules /lib/udev/rules.d/60-persistent-storage-dm.rules:/lib/udev/rules.d/60-persistent-storage-dm.rules
# vm-files: /lib/udev/rules.d/50-udev-default.rules:/lib/udev/rules.d/50-udev-default.rules /lib/udev/rules.d/60-block.rules:/lib/udev/rules.d/60-block.rules /lib/udev/rules.d/60-persistent-storage.rules:/lib/udev/rules.d/60-persistent-storage.rules
# vm-bins: /bin/udevadm /usr/bin/flock /usr/bin/partx
# vm-timeout: 300
. /lib/vmtest.sh
. /lib/glue.sh
. /lib/claim.sh
U=$VMT_DISK1_FS_UUID BOOT_U=$VMT_DISK2_FS_UUID

step "the package's files in place (as dpkg unpacked them)"
check "the package root has /sbin/multipath" test -x /pkg/sbin/multipath || end_scenario
for d in sbin lib etc; do cp -a "/pkg/$d/." "/$d/"; done
for f in /sbin/multipath /sbin/kpartx /sbin/devmap_name /lib/udev/multipath_claim /lib/udev/rules.d/56-multipath-claim.rules \
	/lib/udev/rules.d/60-multipath.rules /lib/multipath/multipath.hotplug; do
	check "$f is the package's" cmp "/pkg$f" "$f"
done
# The handler and the rules find the tools in /sbin first: the package's, not the harness'.
rm -f /usr/local/sbin/multipath /usr/local/sbin/kpartx /usr/local/sbin/devmap_name
check "3 sd paths appear" wait_for_devs 3 || end_scenario
claim_udevd pkg
step "coldplug"
claim_coldplug || end_scenario
W=$VMT_DISK1_WWID
part=$(dm_of "$W-part1")
expect_eq "by-uuid/$U -> the map's partition $part" "$(readlink -f "/dev/disk/by-uuid/$U")" "/dev/$part"
for d in $(paths_of "$W"); do
	expect_claimed "$d"
done
boot=$(awk -v w="$VMT_DISK2_WWID" '$2 == w { print $1 }' /tmp/oracle)
expect_not_claimed "$boot"
expect_eq "the boot disk's by-uuid stays -> /dev/${boot}1" "$(readlink -f "/dev/disk/by-uuid/$BOOT_U")" "/dev/${boot}1"
run udevadm control --exit
end_scenario
