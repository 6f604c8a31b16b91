#!/bin/sh
# revalidate: a re-run reconciles a live map whose table is right. A path the kernel failed that
# checks good again is reinstated (reinstate_path, no reload); a path that fails its checker while
# the kernel still uses it is failed (fail_path); the table and dev_t never change for that.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=1
. /lib/vmtest.sh
need_multipath
check "2 sd paths appear" wait_for_devs 2 || end_scenario
W=$(scsi_wwid sda)
capture out multipath -p multibus
table=$(dm_table $W); devt0=$(dm_devt $W)

step "a path the kernel failed is reinstated by a re-run"
set_path_state sdb offline
for i in 1 2 3 4 5 6 7 8; do dd if=/dev/mapper/$W of=/dev/null bs=4096 count=1 skip=$i iflag=direct 2>/dev/null; done
expect_match "kernel failed sdb" "$(dm_status $W)" "$(devt sdb) F "
set_path_state sdb running
capture out multipath -p multibus
expect_eq "exit status" "$VMT_RC" 0
expect_match "reinstate reported" "$out" "^reinstate_path $(devt sdb): $W\$"
expect_match "kernel uses sdb again" "$(dm_status $W)" "$(devt sdb) A "
expect_eq "no reload: same table" "$(dm_table $W)" "$table"
expect_eq "same dev_t" "$(dm_devt $W)" "$devt0"

step "a path that fails its checker is failed, not reloaded away"
set_path_state sdb offline
capture out multipath -p multibus
expect_match "fail_path reported" "$out" "^fail_path $(devt sdb): $W\$"
expect_match "kernel has sdb failed" "$(dm_status $W)" "$(devt sdb) F "
expect_eq "table unchanged (the path is still there)" "$(dm_table $W)" "$table"
capture out multipath -p multibus
expect_empty "then nothing to do" "$out"
set_path_state sdb running
capture out multipath -p multibus
expect_match "and back" "$out" "^reinstate_path $(devt sdb): $W\$"
check "I/O through the map" dd if=/dev/mapper/$W of=/dev/null bs=4096 count=16 iflag=direct
end_scenario
