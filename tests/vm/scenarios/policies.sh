#!/bin/sh
# policies: the path grouping each -p policy loads into the kernel, on two kinds of storage:
#   scsi_debug 2 hosts x 2 LUs — both paths of a LU report the same VPD 0x80 serial;
#   the dual-controller qemu disk — one LU seen through controllers whose serials differ.
# failover (also the default) = one PG per path, multibus = one PG with all paths,
# group_by_serial = one PG per distinct serial (scsi_debug: 1 PG; qemu disk: 2 PGs).
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-disk: dual 64M
. /lib/vmtest.sh
need_multipath

check "6 sd paths appear" wait_for_devs 6 || end_scenario
for s in $(sd_list); do echo "$s $(scsi_wwid $s) $(sd_hctl $s)"; done > /tmp/oracle
cat /tmp/oracle
wwids=$(cut -d' ' -f2 /tmp/oracle | sort -u)
expect_eq "oracle: 3 LUs" "$(echo "$wwids" | wc -l)" 3
dual=$VMT_DISK1_WWID
expect_eq "oracle: the qemu disk's WWID" "$(awk -v w=$dual '$2 == w' /tmp/oracle | wc -l)" 2
paths_of() { awk -v w="$1" '$2 == w { print $1 }' /tmp/oracle; }
one_pg() { devts_of $(paths_of $1) | paste -sd, -; }
pg_each() { devts_of $(paths_of $1) | paste -sd'|' -; }

for policy in default failover multibus group_by_serial; do
	step "policy $policy"
	check "$policy: flush" dm_remove_all
	if [ $policy = default ]; then capture out multipath; else capture out multipath -p $policy; fi
	expect_eq "$policy: exit status" "$VMT_RC" 0
	run dmsetup table
	expect_eq "$policy: one map per LU" "$(dm_names)" "$wwids"
	for w in $wwids; do
		case $policy:$w in
		default:* | failover:*) want=$(pg_each $w) what="2 PGs of 1 path" ;;
		multibus:*) want=$(one_pg $w) what="1 PG of 2 paths" ;;
		group_by_serial:$dual) want=$(pg_each $w) what="serials differ: 2 PGs of 1 path" ;;
		group_by_serial:*) want=$(one_pg $w) what="one serial: 1 PG of 2 paths" ;;
		esac
		expect_eq "$policy: $w: $what" "$(mp_shape $w)" "$want"
		expect_match "$policy: $w: the default selector (service-time) in every PG" "$(dmsetup table $w)" "^0 [0-9]+ multipath [0-9].* service-time "
	done
done
check "flush at the end" dm_remove_all
end_scenario
