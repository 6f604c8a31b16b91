#!/bin/bash
# initramfs-tools.sh [-o OUT] [-c MULTIPATH.CONF] — a bootable initramfs made by Debian's mkinitramfs with our
# initramfs-tools hook, from the built tree, without touching the host system:
#   1. make install DESTDIR=<stage> initramfsdir=/etc/initramfs-tools (a scratch directory
#      under build/vm; binaries, event handler, udev rule... and the hook + boot scripts in
#      the stage's initramfs-tools config dir, the layout "mkinitramfs -d" reads); with -c,
#      MULTIPATH.CONF as the stage's etc/multipath.conf;
#   2. an initramfs.conf (MODULES=list, busybox, gzip) and a modules list for the VM's disks
#      (virtio-scsi, sd, ext4) in that dir;
#   3. MULTIPATH_ROOT=<stage> mkinitramfs -d <stage>/etc/initramfs-tools -o OUT <kver>:
#      the hook takes our binaries and the configuration from the stage.
# Default OUT: build/vm/initramfs-tools.img. Prints OUT. Environment: BUILD, VM_KERNEL.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(realpath -m "${BUILD:-$ROOT/build}")
. "$HERE/lib/host.sh"

out=$BUILD/vm/initramfs-tools.img mpconf=""
while getopts "o:c:" opt; do
	case $opt in
	o) out=$OPTARG ;;
	c) mpconf=$OPTARG ;;
	*) echo "usage: $0 [-o OUT] [-c MULTIPATH.CONF]" >&2; exit 1 ;;
	esac
done
command -v mkinitramfs > /dev/null || { echo "initramfs-tools.sh: mkinitramfs missing (apt-get install initramfs-tools)" >&2; exit 1; }
kver=$(vm_kver "$(vm_kernel)")
mkdir -p "$BUILD/vm" "$(dirname "$out")"
# One stage per output: parallel runs do not share it.
stage=$(mktemp -d "$BUILD/vm/stage.XXXXXX")
trap 'rm -rf "$stage" "$out.tmp"' EXIT

# -s and MAKEFLAGS= : quiet, and no jobserver from an outer make (this may run under check-vm).
MAKEFLAGS='' make -s -C "$ROOT" BUILD="$BUILD" DESTDIR="$stage" initramfsdir=/etc/initramfs-tools install > /dev/null
[ -z "$mpconf" ] || install -D -m 0644 "$mpconf" "$stage/etc/multipath.conf"
conf=$stage/etc/initramfs-tools
cat > "$conf/initramfs.conf" <<'CONF'
# written by tests/vm/initramfs-tools.sh
MODULES=list
BUSYBOX=y
COMPRESS=gzip
RUNSIZE=10%
FSTYPE=auto
CONF
printf '%s\n' virtio_pci virtio_scsi sd_mod ext4 > "$conf/modules"
MULTIPATH_ROOT=$stage mkinitramfs -d "$conf" -o "$out.tmp" "$kver" 2>&1 |
	grep -v '^W: Possible missing firmware' >&2 || true
[ -s "$out.tmp" ] || { echo "initramfs-tools.sh: mkinitramfs made no image" >&2; exit 1; }
mv "$out.tmp" "$out"
echo "$out"
