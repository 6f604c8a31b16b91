#!/bin/bash
# ext4-part.sh IMAGE UUID [LABEL] — vm-disk-prep script: a DOS partition table with one Linux
# partition from sector 2048 to the end, holding an ext4 file system with the given UUID (and
# label) and a file "marker" that names it. Exports, for disk N (VMT_DISK_INDEX),
# VMT_DISKN_FS_UUID, VMT_DISKN_FS_LABEL and VMT_DISKN_MARKER (the file's content).
set -euo pipefail
img=$1 uuid=$2 label=${3:-}
n=${VMT_DISK_INDEX:?run by run-scenario.sh}
env=${VMT_DISK_ENV:?run by run-scenario.sh}
bytes=$(stat -c %s "$img")
sectors=$(( bytes / 512 - 2048 ))
sfdisk -q "$img" <<TABLE
label: dos
start=2048, size=$sectors, type=83
TABLE
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
marker="disk $n fs $uuid"
echo "$marker" > "$dir/marker"
mke2fs -q -F -t ext4 -U "$uuid" ${label:+-L "$label"} -d "$dir" -E offset=$((2048 * 512)) \
	"$img" "$(( sectors / 2 ))k"
{
	echo "VMT_DISK${n}_FS_UUID=$uuid"
	echo "VMT_DISK${n}_FS_LABEL='$label'"
	echo "VMT_DISK${n}_MARKER='$marker'"
} >> "$env"
