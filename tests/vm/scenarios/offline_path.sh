#!/bin/sh
# offline_path: a path whose sysfs state is "offline" is left out of the map multipath
# creates; once it is "running" again, a second run adds it by reloading the same map (same
# dev_t, "reload:" printed), not by recreating it, and leaves the untouched map alone.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
. /lib/vmtest.sh
need_multipath

check "4 sd paths appear" wait_for_devs 4 || end_scenario
for s in $(sd_list); do echo "$s $(scsi_wwid $s)"; done > /tmp/oracle
cat /tmp/oracle
paths_of() { awk -v w="$1" '$2 == w { print $1 }' /tmp/oracle | sort; }
set -- $(sd_list)
A=$(scsi_wwid $1)                  # the LU that loses a path
B=$(cut -d' ' -f2 /tmp/oracle | sort -u | grep -vx "$A")
set -- $(paths_of $A)
up=$1 down=$2
echo "LU A=$A: $up stays up, $down goes offline; LU B=$B"

step "offline $down, then multipath"
run set_path_state $down offline
expect_eq "$down is offline" "$(cat /sys/block/$down/device/state)" offline
capture out multipath
expect_eq "exit status" "$VMT_RC" 0
expect_eq "both maps created" "$(dm_names)" "$(printf '%s\n%s\n' $A $B | sort)"
run dmsetup table
expect_eq "A: only the running path is a slave" "$(dm_slaves $A | paste -sd' ' -)" "$up"
expect_eq "A: table holds only the running path" "$(mp_shape $A)" "$(devt $up)"
expect_eq "B: both paths" "$(dm_slaves $B | paste -sd' ' -)" "$(paths_of $B | paste -sd' ' -)"
devt_a=$(dm_devt $A)
devt_b=$(dm_devt $B)
table_b=$(dmsetup table $B)

step "bring $down back (running), multipath again"
run set_path_state $down running
expect_eq "$down is running" "$(cat /sys/block/$down/device/state)" running
capture out multipath
expect_eq "re-run: exit status" "$VMT_RC" 0
expect_match "re-run: prints 'reload: $A'" "$out" "^reload: $A( |\$)"
expect_eq "re-run: A was not recreated (no 'create:')" "$(printf '%s\n' "$out" | grep -c '^create:')" 0
expect_eq "re-run: only A is reported (B unchanged)" "$(printf '%s\n' "$out" | grep -c .)" 1
run dmsetup table
expect_eq "A: same dev_t (reloaded, not recreated)" "$(dm_devt $A)" "$devt_a"
expect_eq "A: both paths are slaves now" "$(dm_slaves $A | paste -sd' ' -)" "$(paths_of $A | paste -sd' ' -)"
expect_eq "A: failover table with both paths" "$(mp_shape $A)" "$(devts_of $up $down | paste -sd'|' -)"
expect_match "A: both paths active in the status" "$(dmsetup status $A)" " $(devt $up) A .* $(devt $down) A | $(devt $down) A .* $(devt $up) A "
expect_eq "A: live table only (no inactive table left)" "$(dmsetup info $A | sed -n 's/^Tables present: *//p')" LIVE
expect_eq "B: same dev_t" "$(dm_devt $B)" "$devt_b"
expect_eq "B: same table" "$(dmsetup table $B)" "$table_b"
end_scenario
