#!/bin/sh
# revalidate_storm: many paths fail at once, and the revalidator is stopped or killed mid-way.
# No udev: the kernel's events go through busybox uevent -> hotplug-dispatch -> the handler.
# scsi_debug 2 hosts x 256 LUs (256 maps of 2 paths, multibus). All 256 paths of one host go
# offline under I/O: the kernel fails 256 paths in 256 maps and sends 256 PATH_FAILED events,
# which start exactly one revalidator. SIGTERM stops it within a few seconds: no lock left, the
# maps as they were. The next path-failed event starts a new one; SIGKILL kills that one: the
# kernel frees its lock. What the optional timer runs (multipath.hotplug --rerun) starts a
# third; the paths return and all 257 are reinstated with no manual run (the bound is generous:
# TCG; make bench measures the latency), the revalidator exits and nothing of ours is left.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=256 dev_size_mb=1
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/hotplug/hotplug-dispatch:/lib/multipath/hotplug-dispatch
# vm-bins: /usr/bin/flock /usr/bin/setsid
# vm-timeout: 900
# vm-mem: 1536
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
LOG=/run/multipath/hotplug.log

N=256
check "$((2 * N)) sd paths appear" wait_for_devs $((2 * N)) 300 || end_scenario
glue_install
glue_log_start
printf 'defaults {\n\tpath_grouping_policy multibus\n}\n' > /etc/multipath.conf
lu_oracle
capture out multipath -v0
check "$N maps of 2 paths" maps_right || end_scenario
uevent sh -c '/lib/multipath/hotplug-dispatch "$SUBSYSTEM" &' &
UEVENT_PID=$!
usleep 300000
h2=$(scsi_hosts scsi_debug | tail -n1)
H2=$(sd_of_host "$h2")
# nfailed: failed paths over all maps.
nfailed() { dmsetup status --target multipath | grep -o ' F ' | wc -l; }
failed_is() { [ "$(nfailed)" -eq "$1" ]; }
# read_all: a read through every map at once; 0 if all succeeded. (Waits for its own readers
# only: busybox uevent runs in the background too.)
read_all() {
	_pids= _bad=0
	for w in $(lu_wwids); do
		dd if="/dev/mapper/$w" of=/dev/null bs=4096 count=4 iflag=direct 2> /dev/null &
		_pids="$_pids $!"
	done
	for _p in $_pids; do wait "$_p" || _bad=1; done
	return $_bad
}
one_revalidator() { [ "$(revalidator_pids | wc -l)" -eq 1 ]; }

step "$N paths fail at once"
for s in $H2; do set_path_state "$s" offline; done
read_all
check "the kernel failed $N paths" wait_until 120 failed_is $N
check "one revalidator runs" wait_until 300 one_revalidator
glue_idle 300
sleep 2
note "$(grep -c 'path [0-9:]* failed' $LOG) PATH_FAILED events handled"
expect_eq "... and they started exactly one revalidator" "$(grep -c 'failed: multipath-revalidate started$' $LOG)" 1
check "still exactly one" one_revalidator

step "SIGTERM"
r1=$(revalidator_pids)
kill -TERM $r1
check "it exits within 5 s" wait_until 5 no_revalidator
expect_eq "the maps as they were: $N failed paths" "$(nfailed)" $N

step "the next event starts a new one; SIGKILL"
w1=$(lu_wwids | head -n1)
s1=$(awk -v w="$w1" '$2 == w { print $1 }' /tmp/oracle | grep -vxF "$(echo $H2 | tr ' ' '\n')")
set_path_state "$s1" offline
dd if="/dev/mapper/$w1" of=/dev/null bs=4096 count=1 iflag=direct 2> /dev/null
check "the kernel failed $s1 too" wait_until 30 failed_is $((N + 1))
check "a new revalidator" wait_until 30 one_revalidator
r2=$(revalidator_pids)
expect_ne "... not the old one" "$r2" "$r1"
sleep 1
kill -KILL $r2
check "killed: no process, its lock is free" wait_until 10 no_revalidator

step "the timer's re-run picks the work up; the paths return"
run /lib/multipath/multipath.hotplug --rerun
check "a revalidator again" wait_until 30 one_revalidator
for s in $H2 $s1; do set_path_state "$s" running; done
t0=$(uptime_s)
check "all $((N + 1)) paths reinstated with no manual run" wait_until 180 failed_is 0
note "all back $(since "$t0")s after they were set running"
check "the revalidator exits" wait_until 60 no_revalidator
check "I/O through every map" read_all
kill $UEVENT_PID
glue_idle 60
expect_empty "no process of ours left" "$(ours_running)"
expect_empty "no error line in the handler log" "$(grep -v ': info: ' $LOG)"
grep -v ': info: ' $LOG | head -n 5
end_scenario
