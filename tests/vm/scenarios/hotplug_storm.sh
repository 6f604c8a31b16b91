#!/bin/sh
# hotplug_storm: a storm of real kernel events. scsi_debug starts with no host; 4 hosts x 64
# LUs are added at once (256 sd add events, dispatched concurrently to the hotplug handler by
# busybox uevent, hundreds of handlers and multipath runs at once). It ends with exactly 64
# maps, each holding exactly its 4 paths, no error line, every handler done and the run lock
# free. Then two hosts are removed at once: every map keeps exactly its 2 surviving paths, and
# stays the same map (dev_t), readable throughout.
# The handlers only queue runs: the storm is handled by a few coalesced runs.
# vm-scsi-debug: vpd_use_hostno=0 add_host=0 num_tgts=1 max_luns=64 dev_size_mb=1
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/hotplug/hotplug-dispatch:/lib/multipath/hotplug-dispatch
# vm-bins: /usr/bin/flock
# vm-mem: 1536
# vm-smp: 2
# vm-timeout: 900
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
LOG=/run/multipath/hotplug.log
mkdir -p -m 0700 /run/multipath
sd_count() { ls -d /sys/block/sd* 2> /dev/null | wc -l; }
have_sd() { [ "$(sd_count)" -eq "$1" ]; }
lock_free() { flock -n /run/multipath/multipath.lock true; }

glue_install
: > $LOG
uevent sh -c '/lib/multipath/hotplug-dispatch "$SUBSYSTEM" &' &
UEVENT_PID=$!
usleep 300000

step "storm: 4 hosts x 64 LUs at once"
t0=$(uptime_s)
echo 4 > /sys/bus/pseudo/drivers/scsi_debug/add_host
check "256 sd paths appear" wait_until 300 have_sd 256
note "256 paths in $(since "$t0")s"
check "the handlers finish" glue_idle 600
note "storm settled after $(since "$t0")s: $(grep -c ': info: run: ' $LOG) multipath runs, $(grep -c ': info: add sd[a-z]*: ' $LOG) add lines"
lu_oracle
expect_eq "64 LUs of 4 paths" "$(awk '{ print $2 }' /tmp/oracle | sort | uniq -c | awk '{ print $1 }' | sort -u | paste -sd' ' -) $(lu_wwids | wc -l)" "4 64"
maps_right > /tmp/why && pass "exactly 64 maps, each with exactly its 4 paths" ||
	fail "exactly 64 maps, each with exactly its 4 paths" "$(head -n 5 /tmp/why)"
expect_empty "no error line in the handler log" "$(grep -v ': info: ' $LOG | head -n 5)"
check "no stale run lock" lock_free
devts=""
for w in $(lu_wwids); do devts="$devts $w=$(dm_devt "$w")"; done
first=$(lu_wwids | head -n1)

step "two hosts removed at once"
: > $LOG
dd if=/dev/mapper/$first of=/dev/null bs=4096 count=64 iflag=direct 2>/dev/null &
t0=$(uptime_s)
echo -2 > /sys/bus/pseudo/drivers/scsi_debug/add_host
check "128 sd paths left" wait_until 300 have_sd 128
check "the handlers finish" glue_idle 600
note "removal settled after $(since "$t0")s"
kill $UEVENT_PID
lu_oracle
# What multipath promises: every remove event it gets drops its path. Whether every event
# reaches the handler is busybox uevent's business: it reads the kernel's netlink socket with a
# fixed 2 MiB buffer, and removing two hosts emits several events per path at once.
note "$(grep -c ': info: remove sd[a-z]*: ' $LOG) of the 128 remove events reached the handler, $(grep -c ': info: run: ' $LOG) runs"
if maps_right > /tmp/why; then
	pass "every map holds exactly its 2 surviving paths"
else
	note "paths whose events were lost remain (failed) in their maps: $(wc -l < /tmp/why) maps"
	capture out multipath
	expect_eq "a full re-run repairs them: exit status" "$VMT_RC" 0
	maps_right > /tmp/why && pass "after the full re-run every map holds exactly its 2 surviving paths" ||
		fail "after the full re-run every map holds exactly its 2 surviving paths" "$(head -n 5 /tmp/why)"
fi
same=0
for w in $(lu_wwids); do
	case "$devts" in *" $w=$(dm_devt "$w")"*) same=$((same + 1)) ;; esac
done
expect_eq "all 64 maps are the same maps (dev_t)" "$same" 64
expect_empty "no error line in the handler log" "$(grep -v ': info: ' $LOG | head -n 5)"
check "no stale run lock" lock_free
check "I/O through a map" dd if=/dev/mapper/$first of=/dev/null bs=4096 count=64 iflag=direct
capture out multipath
expect_eq "a full re-run: nothing to do" "$VMT_RC:$out" "0:"
end_scenario
