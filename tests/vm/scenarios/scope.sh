#!/bin/sh
# scope: a device argument limits the run to that device's LU, in every form hotplug or a person
# gives it (sdX, /dev/sdX, maj:min, /block/sdX, the SCSI devpath /devices/.../H:C:T:L); only
# that LU's map is created or reloaded; an unknown device is an error (exit 2), nothing changed.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=3
. /lib/vmtest.sh
need_multipath
check "6 sd paths appear" wait_for_devs 6 || end_scenario
set -- $(lu_list); W1=$1; W2=$2; W3=$3
D1=$(sd_of_wwid $W1); D2=$(sd_of_wwid $W2); D3=$(sd_of_wwid $W3)

capture out multipath $D1
expect_eq "sdX: exit status" "$VMT_RC" 0
expect_eq "sdX: only its LU's map" "$(dm_names | paste -sd' ' -)" "$W1"
expect_eq "sdX: with both paths" "$(dm_slaves $W1 | wc -l)" 2
capture out multipath /dev/$D2
expect_eq "/dev/sdX: the second LU's map added" "$(dm_names | paste -sd' ' -)" "$W1 $W2"
dm_remove_all
capture out multipath "$(devt $D3)"
expect_eq "maj:min: that LU only" "$(dm_names | paste -sd' ' -)" "$W3"
dm_remove_all
capture out multipath /block/$D2
expect_eq "/block/sdX: that LU only" "$(dm_names | paste -sd' ' -)" "$W2"
dm_remove_all
devpath=$(readlink -f /sys/block/$D3/device); devpath=${devpath#/sys}
capture out multipath "$devpath"
expect_eq "SCSI devpath ($devpath): that LU only" "$(dm_names | paste -sd' ' -)" "$W3"
capture out multipath -v 2 "$(sd_of_host 1 | tail -n1)"
expect_empty "the other path of an up-to-date LU: nothing to do" "$out"
capture out multipath sdzz
expect_eq "unknown device: exit 2" "$VMT_RC" 2
expect_match "unknown device: says so" "$VMT_STDERR" "sdzz"
expect_eq "unknown device: nothing changed" "$(dm_names | paste -sd' ' -)" "$W3"
end_scenario
