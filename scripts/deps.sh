#!/bin/sh
# Install the Debian 12 packages that the build, the unit tests and the VM tests need
# (clang-14 + libclang-rt-14-dev: libFuzzer/ASan for tests/fuzz; valgrind: check-valgrind;
# initramfs-tools: the rootfs VM test's mkinitramfs; util-linux: flock for the hotplug glue).
# As root this runs apt-get; otherwise it prints the exact command and fails if anything is missing.
# Usage: scripts/deps.sh [extra-package...]
set -e
PKGS="build-essential pkg-config libdevmapper-dev libsysfs-dev libsgutils2-dev libcmocka-dev
      qemu-system-x86 linux-image-amd64 busybox-static cpio gzip
      fdisk gdisk parted e2fsprogs dmsetup kpartx udev sg3-utils initramfs-tools util-linux
      clang-14 libclang-rt-14-dev valgrind"
# lvm2: the claim_lvm VM scenario.
PKGS="$PKGS lvm2"
# The Debian package (make check-deb): dpkg-buildpackage, debhelper, lintian; systemd for
# systemd-analyze verify of the boot unit.
PKGS="$PKGS debhelper devscripts lintian dpkg-dev systemd"
# multipath-tools: Debian's own multipath -t, the peer that tests/peer compares ours with.
PKGS="$PKGS multipath-tools"
# python3: its strict json module reads back multipath -j output in tests/unit/test_json.c.
PKGS="$PKGS python3"
# sg3-utils-udev: its 55-scsi-sg3_id.rules is what check-uid compares our sg3 ranking with
# (Debian's multipath-tools recommends it; it decides ID_SERIAL on most Debian hosts).
PKGS="$PKGS sg3-utils-udev"
# multipath-tools: the drop-in oracle (check-vm-dropin copies its multipath into the VM;
# check-uid calls its libmultipath for uid_attribute ""). Its postinst enables multipathd
# units; nothing here starts them.
PKGS="$PKGS multipath-tools"
# systemd (PID 1, journald, systemctl, journalctl, the fstab generator) and util-linux (mount,
# flock, partx): the VM scenarios that boot systemd (tests/vm, vm-systemd: systemd_*).
PKGS="$PKGS systemd util-linux"
# Extra packages may be named on the command line (make bench adds its own).
PKGS="$PKGS $*"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing" >&2
	echo "deps: run as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# linux-image-amd64 runs update-initramfs for the host; harmless but slow — nothing else to do.
apt-get install -y -qq --no-install-recommends $missing
