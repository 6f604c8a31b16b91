#!/bin/sh
# hotplug_udev_storm: a boot storm under systemd-udevd (our 60-multipath.rules, dmsetup's
# rules). scsi_debug starts with no host; 4 hosts x 64 LUs are added at once: 256 path add
# events, as issue 12 asks. Every handler only queues a run and returns; the detached runner
# coalesces them into a few full runs, which do not wait for udev (--no-udev-wait). Then: all
# 64 maps with all 4 paths, udev's queue empty, no udev worker killed or timed out, no error
# line, nothing of ours left. (make bench runs the same at 256 and 1024 paths next to
# multipathd, and times it.)
# vm-scsi-debug: vpd_use_hostno=0 add_host=0 num_tgts=1 max_luns=64 dev_size_mb=1
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/udev/60-multipath.rules:/lib/udev/rules.d/60-multipath.rules
# vm-files: /lib/udev/rules.d/55-dm.rules:/lib/udev/rules.d/55-dm.rules /lib/udev/rules.d/95-dm-notify.rules:/lib/udev/rules.d/95-dm-notify.rules /lib/udev/rules.d/60-persistent-storage-dm.rules:/lib/udev/rules.d/60-persistent-storage-dm.rules
# vm-bins: /bin/udevadm /usr/bin/flock /usr/bin/setsid
# vm-mem: 2048
# vm-smp: 2
# vm-timeout: 900
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
LOG=/run/multipath/hotplug.log
sd_count() { ls -d /sys/block/sd* 2> /dev/null | wc -l; }
have_sd() { [ "$(sd_count)" -eq "$1" ]; }
LUS=64
PATHS=$((LUS * 4))
# all_maps: LUS multipath tables of 4 paths each (cheap: dmsetup only; maps_right checks them
# against the scsi_id oracle afterwards).
all_maps() {
	[ "$(dmsetup table --target multipath 2> /dev/null | awk '{ n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/) n++; if (n == 4) m++ } END { print m + 0 }')" -eq $LUS ]
}

glue_install
glue_log_start
check "systemd-udevd starts" glue_udev_start
udevadm settle --timeout=30

step "storm: 4 hosts x $LUS LUs at once under udevd"
t0=$(uptime_s)
echo 4 > /sys/bus/pseudo/drivers/scsi_debug/add_host
check "$PATHS sd paths appear" wait_until 300 have_sd $PATHS
note "$PATHS paths in $(since "$t0")s"
check "$LUS maps of 4 paths" wait_until 600 all_maps || { dmsetup table | head -n 5; }
note "all maps right after $(since "$t0")s"
check "udev's queue drains" udevadm settle --timeout=600
check "the runs finish" glue_idle 600
note "settled after $(since "$t0")s: $(grep -c ': info: run: ' $LOG) multipath runs for $(grep -c ': info: add sd[a-z]*: ' $LOG) add events"
lu_oracle
maps_right > /tmp/why && pass "still exactly $LUS maps of 4 paths" || fail "still exactly $LUS maps of 4 paths" "$(head -n 5 /tmp/why)"
check "the events were coalesced: at most 20 runs for $PATHS events" test "$(grep -c ': info: run: ' $LOG)" -le 20
expect_empty "no error line in the handler log" "$(grep -v ': info: ' $LOG | head -n 5)"
expect_empty "no udev worker timed out or killed" "$(dmesg | grep -iE 'udev.*(timeout|timed out|killed)' | head -n 5)"
expect_empty "no process of ours left" "$(ours_running)"
run udevadm control --exit
end_scenario
