#!/bin/bash
# vm-prep.sh IMAGE — host side of tests/vm/scenarios/kpartx.sh (its vm-disk-prep).
# Writes a DOS table to the 64 MiB disk image (layout A below: primaries 1 and 3,
# extended 2 holding logicals 5 and 6) and an ext2 file system, built from a
# directory with mke2fs -d, into partition 1. Exports what the VM checks against
# through $VMT_DISK_ENV: the expected file contents and the table the VM rewrites for -u.
set -euo pipefail

img=$1
env=${VMT_DISK_ENV:-/dev/null}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Layout A, in 512-byte sectors. The EBRs go at 34816 (start of the extended
# partition) and 45056.
sfdisk -q "$img" <<'TABLE'
label: dos
start=2048, size=32768, type=83
start=34816, size=53248, type=5
start=90112, size=16384, type=83
start=36864, size=8192, type=83
start=47104, size=8192, type=82
TABLE
got=$(sfdisk -d "$img" | sed -n 's/^.*[0-9] : start= *\([0-9]*\), size= *\([0-9]*\), type=\([0-9a-f]*\).*/\1 \2 \3/p' | paste -sd' ')
want="2048 32768 83 34816 53248 5 90112 16384 83 36864 8192 83 47104 8192 82"
[ "$got" = "$want" ] || { echo "vm-prep: sfdisk wrote '$got', want '$want'" >&2; exit 1; }

# Partition 1: ext2 with a known text and 256 KiB of random data.
mkdir "$work/root"
echo "hello from kpartx partition 1" > "$work/root/hello.txt"
head -c 262144 /dev/urandom > "$work/root/data.bin"
mke2fs -q -F -t ext2 -L kptest -d "$work/root" "$work/fs.img" 16M >/dev/null
dd if="$work/fs.img" of="$img" bs=512 seek=2048 conv=notrunc status=none

{
	echo "KP_HELLO='hello from kpartx partition 1'"
	echo "KP_DATA_SHA=$(sha256sum < "$work/root/data.bin" | cut -d' ' -f1)"
	# Layout B for -u: 1 unchanged, 2 now a plain partition, 3 moved, 4 new, no logicals.
	echo "KP_TABLE_B='label: dos|start=2048, size=32768, type=83|start=65536, size=8192, type=83|start=40960, size=16384, type=83|start=81920, size=8192, type=83'"
} >> "$env"
