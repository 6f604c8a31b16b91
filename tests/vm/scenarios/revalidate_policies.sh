#!/bin/sh
# revalidate_policies: the revalidator applies each map's policies, with no udev (the kernel's
# events through busybox uevent -> hotplug-dispatch -> multipath.hotplug, which detaches the
# revalidator). 2 LUs x 2 paths (scsi_debug), failover (a group per path).
#   no_path_retry, counted per map: LU A has N=1, LU B "queue". Every path fails under a read
#   on each map: after 1 polling interval (5 s, the default) A fails its read (fail_if_no_path),
#   never sooner; B's read stays queued. The paths return: both are reinstated with no manual
#   run, B's queued read completes, A queues again (queue_if_no_path).
#   failback: A deferred 10 s, B manual. Each map's group-1 path fails under I/O (the kernel
#   moves to group 2) and returns: both are reinstated at once; A goes back to group 1 about
#   10 s later, never before; B stays in group 2.
# Each time the revalidator exits once nothing is failed; no error line in the handler log.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/hotplug/hotplug-dispatch:/lib/multipath/hotplug-dispatch
# vm-bins: /usr/bin/flock /usr/bin/setsid
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
LOG=/run/multipath/hotplug.log

check "4 sd paths appear" wait_for_devs 4 || end_scenario
glue_install
glue_log_start
lu_oracle
set -- $(lu_wwids)
A=$1 B=$2
cat > /etc/multipath.conf <<EOF
defaults {
	path_grouping_policy failover
}
multipaths {
	multipath {
		wwid $A
		no_path_retry 1
		failback 10
	}
	multipath {
		wwid $B
		no_path_retry queue
		failback manual
	}
}
EOF
capture out multipath
expect_eq "maps made" "$VMT_RC" 0
check "both maps with their 2 paths" maps_right
uevent sh -c '/lib/multipath/hotplug-dispatch "$SUBSYSTEM" &' &
UEVENT_PID=$!
usleep 300000
# features MAP: the live table's feature words.
features() { dmsetup table "$1" | awk '{ n = $4; s = $4; for (i = 1; i <= n; i++) s = s " " $(4 + i); print s }'; }
# cur_group MAP: the group the kernel uses (status).
cur_group() {
	dmsetup status "$1" | awk '{ i = 4; i += $i + 1; i += $i + 1; print $(i + 1) }'
}
# group1_sd MAP: the sd of group 1.
group1_sd() { sd_by_devt "$(mp_groups "$(dm_table "$1")" | cut -d'|' -f1)"; }
# read_map MAP TAG: one O_DIRECT read in the background; its exit status lands in /tmp/TAG.rc
# and the uptime when it ended in /tmp/TAG.end.
read_map() {
	rm -f "/tmp/$2.rc" "/tmp/$2.end"
	( dd if="/dev/mapper/$1" of=/dev/null bs=4096 count=1 skip=$((RANDOM % 1000)) iflag=direct 2> /dev/null
	  echo $? > "/tmp/$2.rc"; uptime_s > "/tmp/$2.end" ) &
}
done_read() { [ -e "/tmp/$1.rc" ]; }

step "no_path_retry: A counts 1 interval, B queues"
expect_eq "A queues (N > 0)" "$(features "$A")" "1 queue_if_no_path"
expect_eq "B queues" "$(features "$B")" "1 queue_if_no_path"
for s in $(sd_list); do set_path_state "$s" offline; done
t0=$(uptime_s)
read_map "$A" ra
read_map "$B" rb
check "A's read fails once the count is over" wait_until 40 done_read ra
took=$(echo "$t0 $(cat /tmp/ra.end)" | awk '{ printf "%.1f", $2 - $1 }')
note "A's read failed after ${took}s"
expect_ne "A's read failed" "$(cat /tmp/ra.rc)" 0
check "... not before 1 x 5 s without a path (${took}s)" awk -v t="$took" 'BEGIN { exit !(t >= 4.5) }'
expect_eq "A: queueing turned off" "$(features "$A")" "0"
expect_eq "B: still queueing" "$(features "$B")" "1 queue_if_no_path"
expect_eq "B's read is still held" "$(done_read rb && echo done || echo held)" held
check "one revalidator" test "$(revalidator_pids | wc -l)" -eq 1
for s in $(sd_list); do set_path_state "$s" running; done
t0=$(uptime_s)
check "B's queued read completes" wait_until 60 done_read rb
expect_eq "... and succeeds" "$(cat /tmp/rb.rc)" 0
note "the paths were back in use after $(since "$t0")s"
lu_oracle
for w in $A $B; do
	for s in $(awk -v w="$w" '$2 == w { print $1 }' /tmp/oracle); do
		check "$w: $s reinstated" wait_until 30 kstate_is "$w" "$s" A
	done
done
check "A queues again" wait_until 30 sh -c "[ \"\$(dmsetup table $A | awk '{ print \$4, \$5 }')\" = '1 queue_if_no_path' ]"
check "the revalidator exits" wait_until 60 no_revalidator

step "failback: A deferred 10 s, B manual"
ga=$(group1_sd "$A") gb=$(group1_sd "$B")
expect_eq "A uses group 1" "$(cur_group "$A")" 1
expect_eq "B uses group 1" "$(cur_group "$B")" 1
set_path_state "$ga" offline
set_path_state "$gb" offline
for i in 1 2 3; do
	dd if="/dev/mapper/$A" of=/dev/null bs=4096 count=1 skip=$i iflag=direct 2> /dev/null
	dd if="/dev/mapper/$B" of=/dev/null bs=4096 count=1 skip=$i iflag=direct 2> /dev/null
done
check "the kernel failed A's group-1 path" wait_until 20 kstate_is "$A" "$ga" F
check "the kernel failed B's group-1 path" wait_until 20 kstate_is "$B" "$gb" F
expect_eq "A moved to group 2" "$(cur_group "$A")" 2
expect_eq "B moved to group 2" "$(cur_group "$B")" 2
set_path_state "$ga" running
set_path_state "$gb" running
check "A: $ga reinstated" wait_until 60 kstate_is "$A" "$ga" A
t1=$(uptime_s)
check "B: $gb reinstated" wait_until 60 kstate_is "$B" "$gb" A
expect_eq "A: still in group 2 right after the reinstatement" "$(cur_group "$A")" 2
back1() { [ "$(cur_group "$A")" = 1 ]; }
check "A: back in group 1 (deferred failback)" wait_until 40 back1
took=$(since "$t1")
note "A failed back ${took}s after its path was reinstated"
check "... about 10 s after, not before (${took}s)" awk -v t="$took" 'BEGIN { exit !(t >= 8.5) }'
expect_eq "B: still in group 2 (failback manual)" "$(cur_group "$B")" 2
check "the revalidator exits" wait_until 60 no_revalidator
expect_eq "B: still in group 2 once it is gone" "$(cur_group "$B")" 2

kill $UEVENT_PID
glue_idle 60
expect_empty "no process of ours left" "$(ours_running)"
cat $LOG
expect_match "the revalidator sent fail_if_no_path to A" "$(cat $LOG)" ": info: revalidate: fail_if_no_path: $A\$"
expect_match "and switch_group 1 to A" "$(cat $LOG)" ": info: revalidate: switch_group 1: $A\$"
expect_empty "never switch_group to B" "$(grep "switch_group.*: $B\$" $LOG)"
expect_empty "no error line in the handler log" "$(grep -v ': info: ' $LOG)"
end_scenario
