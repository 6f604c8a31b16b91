#!/bin/sh
# revalidate_udev: a failed path comes back by itself, under udev. systemd-udevd runs with our
# 60-multipath.rules and dmsetup's rules; coldplug makes the map (1 LU, 2 paths, multibus). A
# writer (blockio: checksummed O_DIRECT blocks) runs while a path is offlined: the kernel fails
# it, and its PATH_FAILED event has the handler start a revalidator (multipath --revalidate,
# detached: no systemd in the VM). The path is set running again and is reinstated with no
# manual run (bound: 60 s, TCG is slow; make bench measures the latency). Then the revalidator
# exits by itself: no process of ours is left, no lock is held, zero corrupt blocks, no error
# line in the handler log, no udev worker timeout.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=1
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/udev/60-multipath.rules:/lib/udev/rules.d/60-multipath.rules
# vm-files: /lib/udev/rules.d/55-dm.rules:/lib/udev/rules.d/55-dm.rules /lib/udev/rules.d/95-dm-notify.rules:/lib/udev/rules.d/95-dm-notify.rules /lib/udev/rules.d/60-persistent-storage-dm.rules:/lib/udev/rules.d/60-persistent-storage-dm.rules
# vm-files: tests/vm/tools/blockio.sh:/usr/bin/blockio
# vm-bins: /bin/udevadm /usr/bin/flock /usr/bin/setsid
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
LOG=/run/multipath/hotplug.log
NBLK=64

check "2 sd paths appear" wait_for_devs 2 || end_scenario
glue_install
glue_log_start
printf 'defaults {\n\tpath_grouping_policy multibus\n}\n' > /etc/multipath.conf
lu_oracle
W=$(lu_wwids)
set -- $(sd_list)
PA=$1 PB=$2

step "udevd with our rules; coldplug"
check "systemd-udevd starts" glue_udev_start
run udevadm trigger --action=add --subsystem-match=block
check "udevadm settle" udevadm settle --timeout=120
check "the map with both paths" wait_until 60 maps_right || { maps_right; end_scenario; }
glue_idle 60
udevadm settle --timeout=60
M=/dev/mapper/$W
check "fill $NBLK blocks" blockio fill "$M" $NBLK /tmp/io.log || end_scenario
blockio write "$M" $NBLK /tmp/io.log /tmp/io.stop &
WPID=$!

step "a path fails under I/O"
set_path_state "$PA" offline
check "the kernel fails $PA" wait_until 30 kstate_is "$W" "$PA" F
check "its event started a revalidator" wait_until 30 sh -c '[ -n "$(. /lib/glue.sh; revalidator_pids)" ]'
note "revalidator: $(revalidator_pids | paste -sd' ' -)"
sleep 2
expect_eq "the path is still failed while offline" "$(kstate "$W" "$PA")" F

step "it comes back with no manual run"
t0=$(uptime_s)
set_path_state "$PA" running
check "$PA reinstated by the revalidator" wait_until 60 kstate_is "$W" "$PA" A
note "reinstated $(since "$t0")s after it was set running"
check "the revalidator exits once nothing is failed" wait_until 60 no_revalidator
touch /tmp/io.stop
wait $WPID
capture out blockio verify "$M" $NBLK /tmp/io.log
expect_eq "zero corrupt blocks through the map" "$VMT_RC" 0
note "$out; $(wc -l < /tmp/io.log) writes"
expect_eq "no failed write (the other path carried the I/O)" "$(blockio errors /tmp/io.log | wc -l)" 0
udevadm settle --timeout=60
glue_idle 60
expect_empty "no process of ours left" "$(ours_running)"
cat $LOG
expect_match "the handler started the revalidator" "$(cat $LOG)" ": info: map dm-[0-9]+ \\($W\\): path $(devt "$PA") failed: multipath-revalidate started"
expect_match "the revalidator logged the reinstatement" "$(cat $LOG)" ": info: revalidate: reinstate_path $(devt "$PA"): $W\$"
expect_empty "no error line in the handler log" "$(grep -v ': info: ' $LOG)"
expect_empty "no udev worker timeout" "$(dmesg | grep -i 'timeout' | grep -i udev)"
run udevadm control --exit
end_scenario
