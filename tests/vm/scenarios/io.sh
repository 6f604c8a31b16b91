#!/bin/sh
# io: data written through /dev/mapper/<wwid> (O_DIRECT) is on the LU: reading it back
# through the map and through each sd path separately gives the same bytes. Done for every
# map (2 scsi_debug LUs, the dual-controller qemu disk) under failover and under multibus
# (where the kernel round-robins the I/O over both paths).
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-disk: dual 64M
. /lib/vmtest.sh
need_multipath

check "6 sd paths appear" wait_for_devs 6 || end_scenario
for s in $(sd_list); do echo "$s $(scsi_wwid $s)"; done > /tmp/oracle
wwids=$(cut -d' ' -f2 /tmp/oracle | sort -u)
paths_of() { awk -v w="$1" '$2 == w { print $1 }' /tmp/oracle; }

# pattern K: 4 MiB of deterministic, position-dependent data (16-byte numbered records),
# generated once; variant K rotates the digits K places so each map gets different bytes.
awk 'BEGIN { for (i = 0; i < 262144; i++) printf "%07d:%07d\n", i, (i * 7919) % 10000000 }' > /tmp/base
pattern() {
	_d=0123456789
	_k=$(($1 % 10))
	tr 0-9 "$(echo $_d$_d | cut -c$((_k + 1))-$((_k + 10)))" < /tmp/base
}
sum() { sha256sum | cut -d' ' -f1; }
# The scsi_debug LUs share one RAM store, so each map is written and verified in turn.
seed=1
for policy in failover multibus; do
	step "policy $policy"
	check "$policy: flush" dm_remove_all
	capture out multipath -p $policy
	expect_eq "$policy: exit status" "$VMT_RC" 0
	expect_eq "$policy: all maps created" "$(dm_names)" "$wwids"
	for w in $wwids; do
		pattern $seed > /tmp/pat
		seed=$((seed + 1))
		want=$(sum < /tmp/pat)
		check "$policy: $w: write 4 MiB through the map (oflag=direct)" \
			dd if=/tmp/pat of=/dev/mapper/$w bs=64k oflag=direct
		expect_eq "$policy: $w: read back through the map" \
			"$(dd if=/dev/mapper/$w bs=64k count=64 iflag=direct 2>/dev/null | sum)" "$want"
		for s in $(paths_of $w); do
			expect_eq "$policy: $w: read back through $s" \
				"$(dd if=/dev/$s bs=64k count=64 iflag=direct 2>/dev/null | sum)" "$want"
		done
	done
	run dmsetup status
done
check "flush at the end" dm_remove_all
end_scenario
