#!/bin/bash
# rootfs.sh OUT [BIG_MIB [ALIAS]] — vm-initrd script: makes disk 1 a bootable root disk and
# OUT an initramfs made by Debian's mkinitramfs with our hook (tests/vm/initramfs-tools.sh).
# With ALIAS, the system's multipath.conf names disk 1's map ALIAS (multipaths { multipath {
# wwid ...; alias ALIAS } }): a map of that name proves the hook carried the configuration.
# The disk gets a DOS table with one partition holding an ext4 root file system: the
# harness initramfs of this scenario unpacked (busybox, /init, /scenario.sh, our binaries,
# modules; boot with init=/init so the scenario runs from the real root), a marker file
# /rootfs-marker and /big.bin, BIG_MIB (default 256) MiB of random bytes. Their facts are
# appended to the root's /etc/vmtest.conf: VMT_ROOT_MARKER (the marker's content),
# VMT_ROOT_BIG_BYTES and VMT_ROOT_BIG_SHA256. Run by run-scenario.sh (VMT_HARNESS_INITRD,
# VMT_DISK_DIR, VMT_CONF).
set -euo pipefail
out=$1
big_mib=${2:-256}
alias=${3:-}
harness=${VMT_HARNESS_INITRD:?run by run-scenario.sh}
img=${VMT_DISK_DIR:?run by run-scenario.sh}/disk1.img
[ -f "$img" ] || { echo "rootfs.sh: $img: no disk 1 (vm-disk line missing?)" >&2; exit 1; }

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
# The harness image is two gzip'ed newc archives back to back; zcat joins the gzip members and
# each cpio -i stops at its archive's trailer, which ends on a 512-byte boundary.
zcat "$harness" > "$tree.cpio"
(cd "$tree" && { cpio -idm --quiet && cpio -idmu --quiet; } < "$tree.cpio")
rm -f "$tree.cpio"
if [ ! -x "$tree/init" ] || [ ! -f "$tree/scenario.sh" ]; then
	echo "rootfs.sh: $harness: not a harness initramfs (no /init or /scenario.sh)" >&2
	exit 1
fi
mkdir -p "$tree"/{proc,sys,dev,run,tmp,mnt}

marker="multipath root $(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$marker" > "$tree/rootfs-marker"
head -c $((big_mib * 1024 * 1024)) /dev/urandom > "$tree/big.bin"
{
	printf 'VMT_ROOT_MARKER=%q\n' "$marker"
	echo "VMT_ROOT_BIG_BYTES=$((big_mib * 1024 * 1024))"
	echo "VMT_ROOT_BIG_SHA256=$(sha256sum < "$tree/big.bin" | cut -d' ' -f1)"
} >> "$tree/etc/vmtest.conf"

# One partition from 1 MiB to the end; ext4 made in place (no loop device).
bytes=$(stat -c %s "$img")
sectors=$((bytes / 512 - 2048))
printf 'label: dos\nstart=2048, size=%s, type=83\n' "$sectors" | sfdisk -q "$img"
mke2fs -F -q -t ext4 -L mproot -d "$tree" -E offset=$((2048 * 512)) "$img" $((sectors / 2))k

conf=()
if [ -n "$alias" ]; then
	# shellcheck disable=SC1090 # the scenario's disk facts
	wwid=$(. "${VMT_CONF:?run by run-scenario.sh}" && echo "$VMT_DISK1_WWID")
	printf 'multipaths {\n\tmultipath {\n\t\twwid %s\n\t\talias %s\n\t}\n}\n' "$wwid" "$alias" > "$tree/multipath.conf"
	conf=(-c "$tree/multipath.conf")
fi
"$(dirname "$0")/../initramfs-tools.sh" -o "$out" "${conf[@]}" > /dev/null
