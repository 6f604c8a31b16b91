#!/bin/sh
# demo (make demo-vm): the main job on a small VM "SAN": scsi_debug, 2 hosts x 2 LUs.
# Shows multipath -v, then what the kernel has, then an I/O round trip through a map.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
. /lib/vmtest.sh
need_multipath

check "4 sd paths appear" wait_for_devs 4 || end_scenario
step "SCSI paths (h c t l, udev's ID_SERIAL)"
for s in $(sd_list); do echo "/dev/$s  ($(sd_hctl $s))  $(scsi_wwid $s)"; done

step "multipath -v"
run multipath -v
expect_eq "multipath -v: exit status" $? 0
wwids=$(for s in $(sd_list); do scsi_wwid $s; done | sort -u)
expect_eq "one map per LU, named by WWID" "$(dm_names)" "$wwids"

step "dmsetup ls"
run dmsetup ls
step "dmsetup table"
run dmsetup table
step "dmsetup status"
run dmsetup status
step "ls -l /sys/block/dm-*/slaves"
run ls -l /sys/block/dm-*/slaves
for w in $wwids; do
	expect_eq "$w: 2 slaves" "$(dm_slaves $w | wc -l)" 2
done

step "I/O round trip"
w=$(echo "$wwids" | head -n1)
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "%015d\n", i }' > /tmp/pat
want=$(sha256sum < /tmp/pat | cut -d' ' -f1)
run dd if=/tmp/pat of=/dev/mapper/$w bs=64k oflag=direct
expect_eq "write 1 MiB to /dev/mapper/$w" $? 0
echo "sha256 written:            $want"
for dev in mapper/$w $(for s in $(sd_list); do [ "$(scsi_wwid $s)" = "$w" ] && echo $s; done); do
	got=$(dd if=/dev/$dev bs=64k count=16 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)
	echo "sha256 read via /dev/$dev: $got"
	expect_eq "read back via /dev/$dev" "$got" "$want"
done
end_scenario
