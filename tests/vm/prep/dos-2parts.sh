#!/bin/bash
# dos-2parts.sh IMAGE — vm-disk-prep script: a DOS partition table with two 8 MiB Linux
# partitions (sectors 2048.. and 18432..), each filled with its own deterministic pattern.
# Exports, for disk N (VMT_DISK_INDEX), VMT_DISKN_NPARTS=2 and per partition P:
# VMT_DISKN_PP_START / _SECTORS (in 512-byte sectors) and VMT_DISKN_PP_SHA256 (of its bytes).
set -euo pipefail
img=$1
n=${VMT_DISK_INDEX:?run by run-scenario.sh}
env=${VMT_DISK_ENV:?run by run-scenario.sh}
sfdisk -q "$img" <<'TABLE'
label: dos
start=2048, size=16384, type=83
start=18432, size=16384, type=83
TABLE
echo "VMT_DISK${n}_NPARTS=2" >> "$env"
for p in 1 2; do
	start=$(( 2048 + (p - 1) * 16384 ))
	# 8 MiB of 16-byte numbered records, tagged with the partition number
	data=$(mktemp)
	awk -v p="$p" 'BEGIN { for (i = 0; i < 524288; i++) printf "p%d:%012d\n", p, i }' > "$data"
	dd if="$data" of="$img" bs=512 seek="$start" conv=notrunc status=none
	echo "VMT_DISK${n}_P${p}_START=$start" >> "$env"
	echo "VMT_DISK${n}_P${p}_SECTORS=16384" >> "$env"
	echo "VMT_DISK${n}_P${p}_SHA256=$(sha256sum < "$data" | cut -d' ' -f1)" >> "$env"
	rm -f "$data"
done
